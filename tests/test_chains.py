"""Obligation chains: the links extractor, the `obligation-chain` query, the networkx tracer, GraphML."""
from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest

from fazhi.queries.chains import chain_graph, chain_of, paths_as_rows, trace_paths, write_chain_graphml
from fazhi.loaders.extract.links import extract_links
from fazhi.loaders.facts import Document, Obligation, ReportMeta
from fazhi.ontology.ids import doc_key, document_iri
from fazhi.loaders.ingest import ingest
from fazhi.loaders.extract.reading import Reading
from fazhi.loaders.pipeline import ReportDoc
from fazhi.queries import run_named

DATA = Path(__file__).resolve().parent / "data"
CHAIN = DATA / "chain"
NATIONAL, PROVINCE, COUNTY, REPORT = "国发〔2019〕9号", "示政〔2019〕12号", "示县政〔2019〕20号", "示县政〔2021〕3号"


def iri(number: str) -> str:
    return document_iri(doc_key(number, "")).value


def rows(res) -> list[dict]:
    return [dict(zip(res.columns, ("" if v is None else v.value for v in r))) for r in res.rows]


def doc_with(text: str, docs: list[Document], obligations=(), title="某县人民政府关于2020年度法治政府建设情况的报告",
             number="某政〔2021〕1号") -> ReportDoc:
    d = ReportDoc(path=Path("x.txt"), raw=text)
    d.simple = text
    d.reading = Reading(meta=ReportMeta(title=title, number=number, issuer="某县人民政府"))
    d.facts.documents = docs
    d.facts.obligations = list(obligations)
    return d


def span_of(text: str, part: str) -> tuple[int, int]:
    i = text.index(part)
    return i, i + len(part)


# --- the links extractor on hand-made facts -----------------------------------------------------------
def test_implementing_clause_links_lower_to_higher_and_report_to_both():
    text = ("为贯彻落实《中共中央关于印发<纲要>的通知》(中发〔2015〕36号)、"
            "《某省委关于印发<方案>的通知》(某发〔2016〕3号)，一年来……")
    a = Document(title="中共中央关于印发<纲要>的通知", number="中发〔2015〕36号",
                 span=span_of(text, "《中共中央关于印发<纲要>的通知》(中发〔2015〕36号)"))
    b = Document(title="某省委关于印发<方案>的通知", number="某发〔2016〕3号",
                 span=span_of(text, "《某省委关于印发<方案>的通知》"))  # a span without the number
    doc = doc_with(text, [a, b])
    extract_links(doc)
    assert a.relation == b.relation == "implements"
    assert b.implements == [a.key()] and a.implements == []
    plans = {d.title: d for d in doc.facts.documents}
    assert plans["纲要"].promulgated_by == a.key() and plans["方案"].promulgated_by == b.key()
    assert plans["方案"].implements == [plans["纲要"].key()]      # a plan implements the higher plan
    before = [(d.title, d.relation, list(d.implements), d.promulgated_by) for d in doc.facts.documents]
    extract_links(doc)                                             # only adds what is missing
    assert [(d.title, d.relation, list(d.implements), d.promulgated_by) for d in doc.facts.documents] == before


def test_mentions_far_from_the_cue_stay_citations():
    text = ("全年落实“第一议题”学习20余次，重点研读《某某学习纲要》《某某问答》等文献。"
            "对照《某市法治政府建设实施纲要》《某区2023年工作要点》要求，推进工作。")
    books = [Document(title=t, span=span_of(text, f"《{t}》")) for t in ("某某学习纲要", "某某问答")]
    city = Document(title="某市法治政府建设实施纲要", span=span_of(text, "《某市法治政府建设实施纲要》"))
    district = Document(title="某区2023年工作要点", span=span_of(text, "《某区2023年工作要点》"))
    doc = doc_with(text, [*books, city, district])
    extract_links(doc)
    assert [b.relation for b in books] == ["cites", "cites"]
    assert city.relation == district.relation == "implements"
    assert district.implements == [city.key()]


def test_issuer_words_before_titles_give_levels():
    text = "认真贯彻落实党中央、国务院《某纲要(2021—2025年)》和省委、省政府《某省实施方案(2021—2025年)》，推进工作。"
    a = Document(title="某纲要(2021—2025年)", span=span_of(text, "《某纲要(2021—2025年)》"))
    b = Document(title="某省实施方案(2021—2025年)", span=span_of(text, "《某省实施方案(2021—2025年)》"))
    doc = doc_with(text, [a, b])
    extract_links(doc)
    assert a.relation == b.relation == "implements"
    assert b.implements == [a.key()]


def test_laws_and_plain_mentions_stay_citations():
    text = "依照《中华人民共和国行政处罚法》办理案件。会议学习了《某省委关于印发<方案>的通知》(某发〔2016〕3号)。"
    law = Document(title="中华人民共和国行政处罚法", span=span_of(text, "《中华人民共和国行政处罚法》"))
    notice = Document(title="某省委关于印发<方案>的通知", number="某发〔2016〕3号",
                      span=span_of(text, "《某省委关于印发<方案>的通知》(某发〔2016〕3号)"))
    doc = doc_with(text, [law, notice])
    extract_links(doc)
    assert law.relation == "cites" and notice.relation == "cites"


def test_obligation_naming_a_document_is_derived_from_it():
    text = "按照《某县法治政府建设实施方案》要求，各乡镇于6月底前完成清理。"
    plan = Document(title="某县法治政府建设实施方案", span=span_of(text, "《某县法治政府建设实施方案》"))
    duty = Obligation(text=text, span=(0, len(text)), bearers=["某县某镇人民政府"])
    doc = doc_with(text, [plan], [duty])
    extract_links(doc)
    assert duty.derived_from == plan.key()


def test_documents_extractor_links_are_respected():
    text = ("为贯彻落实《国务院关于印发<纲要>的通知》(国发〔2019〕9号)、"
            "《某省人民政府关于印发方案的通知》(某政〔2019〕2号)精神，制定本方案。")
    a = Document(title="国务院关于印发<纲要>的通知", number="国发〔2019〕9号",
                 span=span_of(text, "《国务院关于印发<纲要>的通知》"))
    b = Document(title="某省人民政府关于印发方案的通知", number="某政〔2019〕2号",
                 span=span_of(text, "《某省人民政府关于印发方案的通知》(某政〔2019〕2号)"),
                 relation="implements", implements=[a.key()])
    doc = doc_with(text, [a, b])
    extract_links(doc)
    assert b.implements == [a.key()]                               # not doubled


# --- the query and the tracer on the invented four-document chain -------------------------------------
@pytest.fixture
def chain_store(disk_store):
    outcomes = ingest(disk_store, [CHAIN])
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    return disk_store


def test_chain_down_from_national_notice(chain_store):
    got = rows(run_named(chain_store, "obligation-chain", {"document": NATIONAL}))
    hops = {(r["from"], r["relation"], r["to"]): r for r in got}
    assert list(got[0])[:6] == ["step", "from", "from_label", "relation", "to", "to_label"]
    # the county notice names the national notice too, so the report is two hops down, not three
    for lower, higher, step in ((PROVINCE, NATIONAL, 1), (COUNTY, PROVINCE, 2), (REPORT, COUNTY, 2)):
        hop = hops[(iri(higher), "implemented-by", iri(lower))]
        assert int(hop["step"]) == step, hop
        assert hop["evidence"] and hop["evidence_report"], hop
    assert hops[(iri(COUNTY), "implemented-by", iri(REPORT))]["evidence"].startswith("《示例县人民政府关于印发")


def test_chain_up_from_report(chain_store):
    got = rows(run_named(chain_store, "obligation-chain", {"document": REPORT}))
    ups = {(r["from"], r["relation"], r["to"]): int(r["step"]) for r in got}
    assert ups[(iri(REPORT), "implements", iri(COUNTY))] == -1
    assert ups[(iri(COUNTY), "implements", iri(PROVINCE))] == -2
    assert ups[(iri(PROVINCE), "implements", iri(NATIONAL))] == -3
    assert all(int(r["step"]) < 0 for r in got)                    # nothing carries the report out


def test_tracer_paths_with_evidence(chain_store):
    g = chain_graph(chain_store)
    paths = trace_paths(g, iri(NATIONAL), iri(REPORT), directed=True)
    assert paths, "no path"
    longest = max(paths, key=len)
    assert [h.target for h in longest][-1] == iri(REPORT)
    assert all(h.direction == "down" and h.evidence for h in longest)
    # two reports meet through the notice both implement: up, then down
    paths = trace_paths(chain_store, iri(REPORT), iri("示县政〔2020〕15号"))
    assert len(paths[0]) == 2
    [via] = [p for p in paths if len(p) == 2 and p[0].target == iri(COUNTY)]
    assert [(h.direction, h.relation) for h in via] == [("up", "implements"), ("down", "implemented-by")]
    assert [r["step"] for r in paths_as_rows([via])] == [1, 2]
    assert trace_paths(g, iri(REPORT), "https://w3id.org/fazhi/id/nowhere") == []
    by_number = trace_paths(chain_store, NATIONAL, REPORT, directed=True)
    by_iri = trace_paths(g, iri(NATIONAL), iri(REPORT), directed=True)
    assert by_number and [[h.target for h in p] for p in by_number] == [[h.target for h in p] for p in by_iri]


def test_chain_graphml_opens_in_networkx(chain_store):
    sub = chain_of(chain_graph(chain_store), iri(PROVINCE))
    assert iri(NATIONAL) in sub and iri(REPORT) in sub
    buf = io.BytesIO()
    write_chain_graphml(sub, buf)
    back = nx.read_graphml(io.BytesIO(buf.getvalue()))
    assert back.number_of_nodes() == sub.number_of_nodes()
    rels = {d["relation"] for _, _, d in back.edges(data=True)}
    assert "implemented-by" in rels and all(d.get("evidence") is not None for _, _, d in back.edges(data=True))


# --- the seed report and the shared corpus ------------------------------------------------------------
def test_corpus_chain_from_zhongfa(tmp_path, corpus_dir):
    from conftest import run_fazhi

    store = tmp_path / "s"
    assert run_fazhi("ingest", corpus_dir, store=store).returncode == 0
    p = run_fazhi("query", "obligation-chain", "--param", "document=中发〔2015〕36号", "--format", "json",
                  store=store)
    assert p.returncode == 0, p.stderr
    import json

    b = json.loads(p.stdout)["results"]["bindings"]
    reached = {r["to"]["value"]: r for r in b}
    for number in ("豫发〔2016〕31号", "上政文〔2021〕14号"):
        hop = reached[iri(number)]
        assert int(hop["step"]["value"]) > 0 and hop["evidence"]["value"], hop
    yufa = [r for r in b if r["to"]["value"] == iri("豫发〔2016〕31号")][0]
    assert yufa["relation"]["value"] == "implemented-by" and "豫发〔2016〕31号" in yufa["evidence"]["value"]


def test_cli_exports_a_chain_as_graphml(tmp_path):
    from conftest import run_fazhi

    store, out = tmp_path / "s", tmp_path / "chain.graphml"
    assert run_fazhi("ingest", CHAIN, store=store).returncode == 0
    p = run_fazhi("export", "--format", "graphml", "--chain", PROVINCE, "-o", out, store=store)
    assert p.returncode == 0, p.stderr
    g = nx.read_graphml(out)
    assert iri(NATIONAL) in g and iri(REPORT) in g
    assert g.nodes[iri(PROVINCE)]["label"].startswith("示例省人民政府关于印发")
    p = run_fazhi("export", "--format", "ttl", "--chain", PROVINCE, store=store)
    assert p.returncode == 2 and p.stderr.startswith("error: ")
