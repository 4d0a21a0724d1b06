"""Whole-graph golden comparison: an exported store as a set of N-Quads lines that do not depend on the run,
compared order-free (blank nodes, if any, by isomorphism) with a readable diff.

What a run would leak, and how it is made stable (see tests/cases/README.md):

- a source file's named graph is keyed by the file's absolute path (``source/<sha1 of the path>``): it becomes
  ``source/<the file's name in the case>`` (its path under the repository, or ``shared/...``);
- IRIs minted from that graph (a roster's facts: ``fact/<hash of the graph>/...``) get the same stable name in
  place of the hash: ``fact/src:<the file's name in the case>/...``;
- ``fz:sourceFile`` holds the path the file was ingested under: it becomes the file's name in the case;
- with ``digest_over = N`` (the shared corpus, whose sentences may not be copied into the project), a literal
  longer than N characters is kept as the SHA-256 of its N-Triples form (``"sha256:<hex> <length>"^^golden:digest``),
  so the expected file holds facts and figures but no passage of a report.

``leaks`` lists what is left that names the run (the repository, the shared folder, a temp folder or an unmapped
source hash), so a new kind of leak fails the test instead of hiding in an expected file.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

SOURCE_NS = "https://w3id.org/fazhi/source/"
FACT_NS = "https://w3id.org/fazhi/id/fact/"
SOURCE_FILE = "https://w3id.org/fazhi/ontology#sourceFile"
DIGEST = ox.NamedNode("https://w3id.org/fazhi/test/golden#digest")
SHORT = {
    "https://w3id.org/fazhi/ontology#": "fz:", "https://w3id.org/fazhi/id/": "fzid:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:", "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/2004/02/skos/core#": "skos:", "http://data.europa.eu/eli/ontology#": "eli:",
    "http://www.w3.org/ns/oa#": "oa:", "http://www.w3.org/ns/org#": "org:", "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:", "https://w3id.org/fazhi/": "fazhi:",
}


def stable_names(files: dict[Path, str]) -> dict[str, str]:
    """IRI prefixes and literal values a run makes from each file's location → their stable forms.

    ``files``: each ingested file (as given to ingest) → its name in the case (``examples/x.txt``).
    """
    out = {}
    for path, name in files.items():
        # (as loaders mint them: the graph from the absolute path, a fact prefix from the graph's IRI)
        graph = SOURCE_NS + hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:20]
        safe = quote(name, safe="/")
        out[graph] = SOURCE_NS + safe
        out[FACT_NS + hashlib.sha1(graph.encode()).hexdigest()[:12] + "/"] = FACT_NS + "src:" + safe + "/"
        out["literal:" + str(path)] = name
    return out


def _digest(lit: ox.Literal) -> ox.Literal:
    return ox.Literal(f"sha256:{hashlib.sha256(str(lit).encode()).hexdigest()[:24]} {len(lit.value)}",
                      datatype=DIGEST)


class Normaliser:
    """Rewrites the run-dependent terms of quads (see the module docstring); notes what it digested, so a diff
    can show the text behind a digest of the actual graph."""

    def __init__(self, names: dict[str, str], digest_over: int | None = None):
        self.graphs = {k: v for k, v in names.items() if k.startswith(SOURCE_NS)}
        self.prefixes = {k: v for k, v in names.items() if k.startswith(FACT_NS)}
        self.literals = {k[len("literal:"):]: v for k, v in names.items() if k.startswith("literal:")}
        self.digest_over = digest_over
        self.digested: dict[str, str] = {}

    def node(self, term):
        if isinstance(term, ox.NamedNode):
            v = term.value
            if v in self.graphs:
                return ox.NamedNode(self.graphs[v])
            if v.startswith(FACT_NS):
                prefix = v[:len(FACT_NS) + 13]
                if prefix in self.prefixes:
                    return ox.NamedNode(self.prefixes[prefix] + v[len(prefix):])
        return term

    def obj(self, pred: ox.NamedNode, term):
        if not isinstance(term, ox.Literal):
            return self.node(term)
        if pred.value == SOURCE_FILE and term.value in self.literals:
            return ox.Literal(self.literals[term.value])
        if self.digest_over is not None and len(term.value) > self.digest_over:
            d = _digest(term)
            self.digested[str(d)] = term.value
            return d
        return term

    def quad(self, q: ox.Quad) -> ox.Quad:
        return ox.Quad(self.node(q.subject), q.predicate, self.obj(q.predicate, q.object), self.node(q.graph_name))


def quad_lines(quads) -> set[str]:
    """The quads as N-Quads lines (no final " ."), blank nodes relabelled canonically so that isomorphic graphs
    give equal sets."""
    plain, with_blank = set(), defaultdict(list)
    for q in quads:
        if any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object, q.graph_name)):
            with_blank[q.graph_name].append(q)
        else:
            plain.add(_line(q))
    for graph, qs in with_blank.items():
        plain |= _canonical(graph, qs)
    return plain


def _line(q: ox.Quad) -> str:
    g = "" if isinstance(q.graph_name, ox.DefaultGraph) else f" {q.graph_name}"
    return f"{q.subject} {q.predicate} {q.object}{g}"


def _canonical(graph, quads) -> set[str]:
    """The triples of one graph that hold blank nodes, their blank nodes named by rdflib's canonical labelling
    (only those triples matter: a blank node's label depends on the triples it is in)."""
    import rdflib
    from rdflib.compare import to_canonical_graph

    g = rdflib.Graph()
    g.parse(data="".join(f"{q.triple} .\n" for q in quads), format="nt")
    nt = to_canonical_graph(g).serialize(format="nt")
    return {_line(ox.Quad(t.subject, t.predicate, t.object, graph))
            for t in ox.parse(nt.encode(), format=ox.RdfFormat.N_TRIPLES)}


def read_nquads(path: Path) -> set[str]:
    """An expected file's quads as lines (parsed, so spelling differences of the same term do not count)."""
    return quad_lines(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def write_nquads(path: Path, lines: set[str]) -> None:
    """Sorted, one quad a line: a change shows as a small text diff in review."""
    path.write_text("".join(f"{line} .\n" for line in sorted(lines)), encoding="utf-8")


def leaks(lines: set[str], places: list[str]) -> list[str]:
    """Lines still naming the run: one of ``places`` (folders), or a source-graph hash no file was mapped to."""
    unmapped = re.compile(re.escape(SOURCE_NS) + r"[0-9a-f]{20}>")
    return sorted(line for line in lines if unmapped.search(line) or any(p in line for p in places if p))


def _short(term: str) -> str:
    if term.startswith("<") and term.endswith(">"):
        for ns, p in SHORT.items():
            if term[1:].startswith(ns):
                return p + term[1 + len(ns):-1]
    return term


def _pair(rest: str, digested: dict[str, str] | None) -> str:
    """Predicate and object (and graph) shortened; a digest followed by the text it stands for."""
    p, o = rest.split(" ", 1)
    text = ""
    for d, full in (digested or {}).items():
        if o.startswith(d):
            text = f"   (= {full[:60]!r})"
            break
    return f"{_short(p)} {' '.join(map(_short, o.split(' ')))}{text}"


def diff(expected: set[str], actual: set[str], *, digested: dict[str, str] | None = None, limit: int = 60) -> str:
    """What differs, grouped by subject: "only in expected" then "only in actual", at most ``limit`` lines of
    quads each (IRIs shortened with the usual prefixes; a digest of the actual graph followed by its text)."""
    out = []
    for title, lines in (("only in expected", expected - actual), ("only in actual", actual - expected)):
        if not lines:
            continue
        out.append(f"{title}: {len(lines)} quads")
        by_subject = defaultdict(list)
        for line in sorted(lines):
            s, rest = line.split(" ", 1)
            by_subject[s].append(rest)
        shown = 0
        for s, rests in by_subject.items():
            if shown >= limit:
                break
            out.append(f"  {_short(s)}")
            for rest in rests[:limit - shown]:
                out.append("    " + _pair(rest, digested if title == "only in actual" else None))
                shown += 1
        if shown < len(lines):
            out.append(f"  ... {len(lines) - shown} more")
    return "\n".join(out)
