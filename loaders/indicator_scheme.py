"""The indicator scheme as the mapping reads it (``ontology/indicators.ttl``: each indicator's topic, measure,
excluded, context and qualifier words, its units) and as the store holds it (its own named graph, written by
ingest). The mapping itself is ``loaders/indicators.py``.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from fazhi.ontology import INDICATORS_TTL
from fazhi.ontology.vocab import DCTERMS, FZ, RDF, SKOS

SCHEME_GRAPH = "https://w3id.org/fazhi/scheme/indicators"     # the named graph ingest puts the scheme in


@dataclass(frozen=True)
class Indicator:
    """One indicator of the scheme with the words the mapping reads (each tuple longest word first)."""
    notation: str
    iri: str
    unit_kind: str
    units: frozenset
    wordings: tuple
    topics: tuple
    measures: tuple
    excluded: tuple
    context: tuple
    qualifiers: tuple            # (word, qualifier) in the scheme's order
    cues: tuple = ()             # the words one of which the figure's clause must hold for any rule to apply
                                 # (Scheme.candidates: an indicator without one is not tried)


@dataclass(frozen=True)
class Scheme:
    """The indicators, and every topic word (of the indicators and of none) for finding the nearest topic."""
    indicators: tuple
    families: dict               # topic word → notations it is a topic of (empty: a topic of no indicator)
    topic_re: re.Pattern
    cue_re: re.Pattern           # every indicator's cues, found at every position (overlapping ones too)
    cued: dict                   # cue → the indicators it (or a cue it starts with) is a cue of

    def candidates(self, text: str) -> list[Indicator]:
        """The indicators one of whose cues ``text`` holds, in the scheme's order (the others fit no rule)."""
        hit = set()
        for m in self.cue_re.finditer(text):
            hit |= self.cued[m.group(1)]
        return [i for i in self.indicators if i.notation in hit]

    def by_notation(self, notation: str) -> Indicator | None:
        return next((i for i in self.indicators if i.notation == notation), None)


def _literals(store, s, p) -> list[str]:
    return [q.object.value for q in store.quads_for_pattern(s, p, None)]


@lru_cache(maxsize=4)
def load_scheme(path: Path = INDICATORS_TTL) -> Scheme:
    """The indicators of the .ttl with their words, read once per process."""
    text = path.read_text(encoding="utf-8")
    store = ox.Store()
    store.load(text, format=ox.RdfFormat.TURTLE)
    longest = lambda words: tuple(sorted(set(words), key=lambda w: (-len(w), w)))  # noqa: E731
    indicators, families = [], {}
    for q in sorted(store.quads_for_pattern(None, RDF.type, FZ.Indicator), key=lambda q: q.subject.value):
        i = q.subject
        words = {p: _literals(store, i, p) for p in (FZ.topicWord, FZ.measureWord, FZ.excludedWord, FZ.contextWord,
                                                       SKOS.altLabel, FZ.unitWord, FZ.qualifierWord)}
        ind = Indicator(_literals(store, i, SKOS.notation)[0], i.value, _literals(store, i, FZ.unitKind)[0],
                        frozenset(words[FZ.unitWord]), longest(words[SKOS.altLabel]), longest(words[FZ.topicWord]),
                        longest(words[FZ.measureWord]), longest(words[FZ.excludedWord]),
                        longest(words[FZ.contextWord]),
                        _qualifiers(words[FZ.qualifierWord], text, i.value),
                        longest(words[FZ.topicWord] + [p for x in words[FZ.measureWord] for p in x.split("+")]))
        indicators.append(ind)
        for t in ind.topics:
            families.setdefault(t, set()).add(ind.notation)
    for q in store.quads_for_pattern(None, FZ.notIndicatorWord, None):
        families.setdefault(q.object.value, set())
    alternation = "|".join(re.escape(w) for w in sorted(families, key=len, reverse=True))
    cues = {c for i in indicators for c in i.cues}
    # at each position the alternation matches the longest cue there: it stands for the shorter ones it starts with
    cued = {c: frozenset(i.notation for i in indicators for d in i.cues if c.startswith(d)) for c in cues}
    cue_re = re.compile("(?=(" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + "))")
    return Scheme(tuple(indicators), {k: frozenset(v) for k, v in families.items()}, re.compile(alternation),
                  cue_re, cued)


def _qualifiers(words: list[str], text: str, iri: str) -> tuple:
    """(word, qualifier) pairs in the order the .ttl writes them: RDF keeps no order, the file's text does."""
    block = text.find(f"fzi:{iri.rsplit('/', 1)[-1]} a ")
    return tuple(tuple(w.split("=", 1)) for w in sorted(words, key=lambda w: text.find(f'"{w}"', block)))


def scheme_triples() -> list:
    """The scheme's triples as the store holds them: the .ttl's, and the graph's version (the file's hash)."""
    data = INDICATORS_TTL.read_bytes()
    triples = [q.triple for q in ox.parse(data, format=ox.RdfFormat.TURTLE)]
    version = ox.Literal("sha256:" + hashlib.sha256(data).hexdigest())
    return triples + [ox.Triple(ox.NamedNode(SCHEME_GRAPH), DCTERMS.identifier, version)]


def put_scheme(store) -> bool:
    """Write the scheme into ``SCHEME_GRAPH`` unless the store holds this version of it; True if written."""
    triples = scheme_triples()
    version = triples[-1].object
    if store.ask(f"ASK {{ GRAPH <{SCHEME_GRAPH}> {{ <{SCHEME_GRAPH}> <{DCTERMS.identifier.value}> {version} }} }}"):
        return False
    store.replace_graph(ox.NamedNode(SCHEME_GRAPH), triples)
    return True
