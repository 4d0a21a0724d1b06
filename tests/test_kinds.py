"""The declarations of the kinds of fact (loaders/kinds.py) and of how classes are shown (ontology/kinds.py) are
what everything else is built from, and they agree with the ontology, the queries and the app."""
from __future__ import annotations

import dataclasses

import pyoxigraph as ox

from fazhi.loaders import facts as F
from fazhi.loaders.emitter import Emitter
from fazhi.loaders.factlines import write_text_facts
from fazhi.loaders.kinds import AFTER, BEFORE, EXTRACTORS, KINDS, Facts
from fazhi.ontology import ONTOLOGY_TTL
from fazhi.ontology.kinds import CLASS_ORDER, OTHER, SHOWN, shown
from fazhi.ontology.vocab import FZ, FZ_NS, RDF


def ontology_classes() -> set[str]:
    g = ox.Store()
    g.load(path=str(ONTOLOGY_TTL), format=ox.RdfFormat.TURTLE)
    owl_class = ox.NamedNode("http://www.w3.org/2002/07/owl#Class")
    return {q.subject.value[len(FZ_NS):] for q in g.quads_for_pattern(None, RDF.type, owl_class)
            if q.subject.value.startswith(FZ_NS)}


def test_every_kind_has_a_class_the_ontology_declares_and_the_app_shows():
    classes = ontology_classes()
    for k in KINDS:
        assert k.cls in classes, f"{k.field}: fz:{k.cls} is not an owl:Class in fazhi.ttl"
        assert getattr(FZ, k.cls) == ox.NamedNode(FZ_NS + k.cls)
        assert shown(k.cls) is not OTHER, f"{k.field}: fz:{k.cls} has no label or colour in ontology/kinds.py"
        assert k.class_nt == str(getattr(FZ, k.cls))
    for s in SHOWN:
        assert s.name in classes and s.zh and s.en and s.colour.startswith("#")
    assert len({s.colour for s in (*SHOWN, OTHER)}) == len(SHOWN) + 1     # a legend tells them apart


def test_facts_counts_and_extractors_are_built_from_the_declarations():
    fields = [k.field for k in KINDS]
    assert [f.name for f in dataclasses.fields(Facts)] == fields
    facts = Facts(statistics=[F.Statistic("案件", 3, (0, 2))])
    assert list(facts.counts()) == fields and facts.counts()["statistics"] == 1
    # the context step first, each kind's extractor once at its first kind (its `then` steps right after it),
    # the links last
    assert EXTRACTORS[0] in BEFORE and EXTRACTORS[-1] in AFTER
    assert list(EXTRACTORS[1:-1]) == list(dict.fromkeys(s for k in KINDS for s in (k.extractor, *k.then)))
    statistics = next(k for k in KINDS if k.field == "statistics")
    assert EXTRACTORS.index(statistics.then[0]) == EXTRACTORS.index(statistics.extractor) + 1
    assert EXTRACTORS[1] is KINDS[0].extractor and KINDS[0].field == "agencies"  # the resolver comes first


def test_fact_iri_segments_are_distinct_and_clear_of_the_others():
    segments = [k.segment for k in KINDS if k.segment]
    assert len(segments) == len(set(segments))
    assert not set(segments) & {"ev", "fulfils"}     # evidence nodes and derived fulfilment links
    for k in KINDS:
        if k.writer is write_text_facts:
            assert k.segment and k.text_property in FZ, k.field


def test_the_app_and_the_queries_read_the_same_declaration():
    from fazhi.app.draw import colour
    from fazhi.app.i18n import tr
    from fazhi.queries.browse import class_name

    for s in SHOWN:
        assert colour(s.name) == s.colour
        assert (tr("cls_" + s.name, "zh"), tr("cls_" + s.name, "en")) == (s.zh, s.en)
    assert CLASS_ORDER[0] == "Report" and class_name(f"{FZ_NS}Statistic;{FZ_NS}Report") == "Report"


def test_each_scored_kind_has_its_query_and_its_matcher():
    from fazhi.app import evaluate
    from fazhi.queries import catalogue

    names = catalogue()
    for k in KINDS:
        if k.evaluation:
            assert k.evaluation.query in names and callable(getattr(evaluate, k.evaluation.match))
    assert evaluate.CATEGORIES == ("agencies", "documents", "statistics", "obligations", "awards", "cases")


def test_a_new_text_kind_needs_only_its_declaration():
    """A kind that is a text each (as cases or indicators may start) is written by the generic writer from its
    declaration alone: its class, its IRI segment, its text property."""
    kind = F.FactKind("cases", F.Problem, "Case", lambda doc: None, write_text_facts, "case", FZ.text)
    em = Emitter(ox.NamedNode("https://w3id.org/fazhi/id/doc/r"), "某案件已办结。")
    kind.writer(em, kind, [F.Problem("某案件已办结", (0, 6))], F.ReportMeta())
    triples = em.triples
    node = next(t.subject for t in triples if t.predicate == RDF.type and t.object == FZ.Case)
    assert "/case/0-6-0" in node.value
    assert ox.Triple(node, FZ.text, ox.Literal("某案件已办结")) in triples
