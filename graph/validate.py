"""SHACL validation of the whole graph with pyshacl; each violation named with its node's label and evidence."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

import rdflib
from rdflib.plugins.sparql import prepareQuery

from fazhi.graph.errors import BadParameter
from fazhi.graph.store import Store
from fazhi.ontology import ONTOLOGY_TTL, SHAPES_TTL


@dataclass
class Violation:
    """One failed constraint: the node (IRI and Chinese name), the property, the message, the passage."""
    focus: str
    label: str
    path: str
    message: str
    evidence: str = ""

    def line(self) -> str:
        """One printable line: name <iri>: message — evidence: quote."""
        who = f"{self.label} <{self.focus}>" if self.label else f"<{self.focus}>"
        ev = f" — evidence: {self.evidence}" if self.evidence else ""
        return f"{who}: {self.message}{ev}"


class QueriesParsedOnce(rdflib.Graph):
    """An rdflib Graph that parses each SPARQL text once: pyshacl runs a SPARQL constraint once per focus node,
    handing rdflib the same text every time, and rdflib parsed it anew (~0.1-0.3 s a parse: 51 parses were 4 of
    the 4.4 CPU s of validating the examples)."""

    def query(self, query_object, *args, **kw):
        if isinstance(query_object, str) and not kw.get("initNs") and not kw.get("base"):
            prepared = self.__dict__.setdefault("_prepared", {})
            if query_object not in prepared:  # (the namespaces a str query is read with: Graph.query's default)
                prepared[query_object] = prepareQuery(query_object, initNs=dict(self.namespaces()))
            query_object = prepared[query_object]
        return super().query(query_object, *args, **kw)


def store_as_rdflib(store: Store):
    """The union of all named graphs as one rdflib Graph (what pyshacl reads)."""
    from pyoxigraph import RdfFormat, serialize

    g = QueriesParsedOnce()
    data = serialize((q.triple for q in store.quads()), format=RdfFormat.N_TRIPLES)
    if data:
        g.parse(data=data.decode("utf-8"), format="nt")
    return g


def shapes_text(shapes_path=SHAPES_TTL, as_of: str | None = None) -> str:
    """The shapes as Turtle; with ``as_of`` the duty date is that day instead of today (NOW()).

    >>> "2021-06-30T00:00:00" in shapes_text(as_of="2021-06-30")
    True
    """
    text = open(shapes_path, encoding="utf-8").read()
    if as_of:
        try:
            _dt.date.fromisoformat(as_of)
        except ValueError:
            raise BadParameter(f"--as-of {as_of!r} is not a date YYYY-MM-DD") from None
        text = text.replace("NOW()", f'"{as_of}T00:00:00"^^xsd:dateTime')
    return text


def validate_store(store: Store, *, shapes_path=SHAPES_TTL, as_of: str | None = None) -> list[Violation]:
    """Run pyshacl over the store with the project's shapes; [] when the graph conforms."""
    import pyshacl
    from rdflib.namespace import RDFS, SH, SKOS

    data = store_as_rdflib(store)
    shapes = rdflib.Graph().parse(data=shapes_text(shapes_path, as_of), format="turtle")
    ont = rdflib.Graph().parse(str(ONTOLOGY_TTL), format="turtle") if ONTOLOGY_TTL.exists() else None
    # inplace: the ontology is mixed into this fresh graph instead of a copy (which would parse every query again)
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ont, inference="none",
                                           allow_warnings=True, advanced=True, inplace=True)
    if conforms:
        return []
    fz = rdflib.Namespace("https://w3id.org/fazhi/ontology#")
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    out = []
    for r in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report.value(r, SH.focusNode)
        path = report.value(r, SH.resultPath)
        msg = report.value(r, SH.resultMessage)
        label = data.value(focus, SKOS.prefLabel) or data.value(focus, RDFS.label) or ""
        quotes = sorted(str(data.value(sel, oa.exact)) for ev in data.objects(focus, fz.evidence)
                        for sel in data.objects(ev, oa.hasSelector) if data.value(sel, oa.exact) is not None)
        if any((focus, rdflib.RDF.type, c) in data for c in (fz.Report, fz.Agency, fz.RosterUnit)):
            quotes = []  # not a fact read from text: a report's evidence is its title, a unit's a mere mention
        out.append(Violation(str(focus), str(label), str(path or ""), str(msg or "violates a shape"),
                             quotes[0] if quotes else ""))
    return sorted(out, key=lambda v: (v.label, v.focus, v.message))
