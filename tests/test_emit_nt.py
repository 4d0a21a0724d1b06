"""The emitter writes N-Triples itself (it makes no pyoxigraph Triple per triple): its lines must be exactly what
pyoxigraph would serialise for the same triples, and parse back to them."""
from __future__ import annotations

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode

from fazhi.loaders.emitter import Emitter
from fazhi.loaders.ingest import extract_file
from fazhi.loaders.ntriples import nt_literal
from fazhi.loaders.pipeline import load_file
from fazhi.ontology.vocab import FZ, RDFS, XSD


def test_literal_escaping_matches_pyoxigraph():
    # every character pyoxigraph escapes lies below U+0080 or at U+FFFE/U+FFFF; check those and a sample above
    chars = [chr(c) for c in (*range(0x2000), 0x2028, 0x2029, 0x3000, 0x4E00, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x1F600)]
    for c in chars:
        assert nt_literal(c) == str(Literal(c)), hex(ord(c))
    text = '第一行\n"引号"\t\\反斜杠\r\x00\x7f\ufffe尾'
    assert nt_literal(text) == str(Literal(text))


def test_lines_are_what_pyoxigraph_serialises():
    r = NamedNode("https://w3id.org/fazhi/id/doc/r")
    em = Emitter(r, "甲乙丙\n丁")
    em.add(r, RDFS.label, '带"引号"的\n标题')
    em.add(r, RDFS.label, Literal('带"引号"的\n标题'))           # the same triple: kept once
    em.add(r, FZ.value, Literal("3", datatype=XSD.decimal))
    em.add(r, FZ.text, "")                                          # empty: not added
    em.add(r, FZ.text, None)
    em.evidence(r, (1, 4))
    triples = em.triples
    assert len(triples) == len(em.lines) == 2 + 10          # label, value; the evidence node's ten
    assert "".join(em.lines).encode() == ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def test_report_lines_parse_back(seed_report):
    loaded = load_file(seed_report)
    assert "".join(loaded.ntriples).encode() == ox.serialize(loaded.triples, format=ox.RdfFormat.N_TRIPLES)
    ex = extract_file(str(seed_report))
    assert not ex.error and ex.triples == len(loaded.ntriples)
    marker = list(ox.parse(ex.marker, format=ox.RdfFormat.N_TRIPLES))
    assert [q.predicate for q in marker] == [FZ.contentHash]
    assert FZ.contentHash.value.encode() not in ex.body
