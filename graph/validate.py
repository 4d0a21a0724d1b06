"""SHACL validation of the whole graph with pyshacl; each violation named with its node's label and evidence."""
from __future__ import annotations

from dataclasses import dataclass

from fazhi.graph.store import Store
from fazhi.ontology import ONTOLOGY_TTL, SHAPES_TTL


@dataclass
class Violation:
    focus: str
    label: str
    path: str
    message: str
    evidence: str = ""

    def line(self) -> str:
        who = f"{self.label} <{self.focus}>" if self.label else f"<{self.focus}>"
        ev = f" — evidence: {self.evidence}" if self.evidence else ""
        return f"{who}: {self.message}{ev}"


def store_as_rdflib(store: Store):
    """The union of all named graphs as one rdflib Graph (what pyshacl reads)."""
    import rdflib
    from pyoxigraph import RdfFormat, serialize

    g = rdflib.Graph()
    data = serialize((q.triple for q in store.quads()), format=RdfFormat.N_TRIPLES)
    if data:
        g.parse(data=data.decode("utf-8"), format="nt")
    return g


def validate_store(store: Store, *, shapes_path=SHAPES_TTL) -> list[Violation]:
    """Run pyshacl over the store with the project's shapes; [] when the graph conforms."""
    import pyshacl
    import rdflib
    from rdflib.namespace import RDFS, SH, SKOS

    data = store_as_rdflib(store)
    shapes = rdflib.Graph().parse(str(shapes_path), format="turtle")
    ont = rdflib.Graph().parse(str(ONTOLOGY_TTL), format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ont, inference="none",
                                           allow_warnings=True)
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
        quote = ""
        for ev in data.objects(focus, fz.evidence):
            for sel in data.objects(ev, oa.hasSelector):
                exact = data.value(sel, oa.exact)
                if exact:
                    quote = str(exact)
        out.append(Violation(str(focus), str(label), str(path or ""), str(msg or "violates a shape"), quote))
    return sorted(out, key=lambda v: (v.label, v.focus, v.message))
