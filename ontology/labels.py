"""Chinese and English labels of the vocabulary, read from the Turtle files where they are declared: classes
and properties from ``fazhi.ttl`` (their ``rdfs:label``), the codes fazhi writes as values (agency kinds,
levels, document kinds, qualifiers, relations...) from ``codes.ttl`` (a SKOS concept per code, the code its
``skos:notation``). A class or code declared there gets its labels everywhere without code changes.

>>> class_label("Agency", "zh"), class_label("Agency", "en")
('机构', 'Agency')
>>> code_label("provincial", "zh"), code_label("leading_group", "en")
('省级', 'leading group')
>>> code_label("no such code", "zh") is None
True
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
LANGS = ("zh", "en")
FZ_NS = "https://w3id.org/fazhi/ontology#"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS = "http://www.w3.org/2004/02/skos/core#"


def _parse(path: Path) -> list[ox.Triple]:
    with open(path, "rb") as f:
        return [q.triple for q in ox.parse(f, format=ox.RdfFormat.TURTLE)]


@functools.lru_cache(maxsize=1)
def term_labels() -> dict[str, dict[str, str]]:
    """``{IRI: {"zh": ..., "en": ...}}`` for every class and property ``fazhi.ttl`` labels (reused terms too)."""
    out: dict[str, dict[str, str]] = {}
    for t in _parse(HERE / "fazhi.ttl"):
        if t.predicate.value == _RDFS_LABEL and isinstance(t.object, ox.Literal) and t.object.language in LANGS:
            out.setdefault(t.subject.value, {})[t.object.language] = t.object.value
    return out


@functools.lru_cache(maxsize=1)
def code_labels() -> dict[str, dict[str, str]]:
    """``{code: {"zh": ..., "en": ...}}`` from ``codes.ttl``. A concept without its notation or one of the two
    labels, or a code given different labels in two schemes, is a ValueError (fails where it is declared)."""
    triples = _parse(HERE / "codes.ttl")
    notation: dict[str, str] = {}
    labels: dict[str, dict[str, str]] = {}
    concepts = set()
    for t in triples:
        s, p, o = t.subject.value, t.predicate.value, t.object
        if p == _SKOS + "notation":
            notation[s] = o.value
        elif p == _SKOS + "prefLabel" and isinstance(o, ox.Literal):
            labels.setdefault(s, {})[o.language] = o.value
        elif p == _SKOS + "inScheme":
            concepts.add(s)
    out: dict[str, dict[str, str]] = {}
    for c in sorted(concepts):
        have = labels.get(c, {})
        if c not in notation or any(not have.get(lang) for lang in LANGS):
            raise ValueError(f"codes.ttl: {c} needs a skos:notation and a skos:prefLabel in zh and en")
        code = notation[c]
        if code in out and out[code] != {k: have[k] for k in LANGS}:
            raise ValueError(f"codes.ttl: code {code!r} has different labels in two schemes")
        out[code] = {k: have[k] for k in LANGS}
    return out


def term_label(iri: str, lang: str) -> str | None:
    """The ``rdfs:label`` of a class or property IRI in ``lang``, or None when the ontology gives none."""
    return term_labels().get(iri, {}).get(lang)


def class_label(name: str, lang: str) -> str | None:
    """The label of a class given by its fz: local name (``Agency``) or its IRI; None when undeclared."""
    return term_label(name if ":" in name else FZ_NS + name, lang)


def code_label(code: str, lang: str) -> str | None:
    """The label of a code written as a value (``party``, ``provincial``, ``implements``); None if unknown."""
    return code_labels().get(code, {}).get(lang)


_CODE_THEN_DATE = re.compile(r"^([a-z][a-z _-]*?) ((?:19|20)\d{2}(?:-\d{2}){0,2})$")


def code_text(value: str, lang: str) -> str:
    """A value as a reader sees it in ``lang``: each code (of a ``;``-joined list too) by its label, a code
    followed by a date (``expired 2023-06-30``) as its label and the date; other text unchanged.

    >>> code_text("party;government", "zh"), code_text("expired 2023-06-30", "en"), code_text("上蔡县", "en")
    ('党委（党组织）；人民政府', 'expired 2023-06-30', '上蔡县')
    >>> code_text("县直部门;department", "zh")
    '县直部门；政府部门'
    """
    if not value or ";" not in value and not value[0].isascii():
        return value  # (Chinese text: names, titles, passages are never codes)
    parts = value.split(";")
    out = [_code_part(p, lang) for p in parts]
    if out == parts:
        return value
    return ("；" if lang == "zh" else "; ").join(out)


def _code_part(part: str, lang: str) -> str:
    label = code_label(part, lang)
    if label is not None:
        return label
    m = _CODE_THEN_DATE.match(part)
    if m and code_label(m.group(1), lang):
        return f"{code_label(m.group(1), lang)} {m.group(2)}"
    return part
