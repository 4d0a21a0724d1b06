"""Reported fulfilment: a unit's report passage linked to the duty another file's plan assigned it, in the
obligation chain and in `duty-fulfilment`; the derived links follow re-ingests of either file."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fazhi.loaders.derived.fulfilment import FULFILMENT_GRAPH, best_passage, link_fulfilment
from fazhi.ontology.ids import doc_key, document_iri
from fazhi.loaders.ingest import ingest
from fazhi.loaders.text import to_simplified
from fazhi.ontology.vocab import FZ
from fazhi.queries import run_named

DATA = Path(__file__).resolve().parent / "data" / "chain_fulfil"
NOTICE, PLAN, JUSTICE, ECOLOGY = "示政〔2022〕5号", "示市政办〔2022〕8号", "示市司〔2023〕2号", "示市环〔2023〕4号"
AGENCY = "https://w3id.org/fazhi/id/agency/"


def iri(number: str) -> str:
    return document_iri(doc_key(number, "")).value


def rows(res) -> list[dict]:
    return [dict(zip(res.columns, ("" if v is None else v.value for v in r))) for r in res.rows]


@pytest.fixture
def fulfil_store(disk_store):
    outcomes = ingest(disk_store, [DATA])
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    return disk_store


def test_chain_reaches_plan_duties_bearers_and_reported_passage(fulfil_store):
    got = rows(run_named(fulfil_store, "obligation-chain", {"document": NOTICE}))
    assert list(got[0])[:6] == ["step", "from", "from_label", "relation", "to", "to_label"]
    hops = {(r["from"], r["relation"], r["to"]): r for r in got}
    plan = hops[(iri(NOTICE), "implemented-by", iri(PLAN))]
    assert int(plan["step"]) == 1 and plan["evidence"]
    duties = {r["to"]: r for r in got if r["from"] == iri(PLAN) and r["relation"] == "states-duty"}
    by_label = {r["to_label"]: d for d, r in duties.items()}
    [enforce] = [d for lab, d in by_label.items() if "行政执法三项制度" in lab]
    [review] = [d for lab, d in by_label.items() if "案卷评查" in lab]
    assert (enforce, "led-by", AGENCY + "示例市司法局") in hops
    assert (review, "led-by", AGENCY + "示例市生态环境局") in hops
    [done] = [r for r in got if r["relation"] == "fulfilled-by"]
    assert done["from"] == enforce and int(done["step"]) == 3
    assert "行政执法三项制度" in done["evidence"] and "《" not in done["evidence"]
    assert done["evidence_report"] == iri(JUSTICE)
    assert not [r for r in got if r["relation"] == "fulfilled-by" and r["from"] == review]


def test_duties_without_reported_fulfilment(fulfil_store):
    missing = rows(run_named(fulfil_store, "duty-fulfilment", {"show": "missing"}))
    assert [(r["unit_label"], r["role"], r["status"], r["report"], r["passage"]) for r in missing] == [
        ("示例市生态环境局", "lead", "not reported", iri(ECOLOGY), "")]
    assert "案卷评查" in missing[0]["duty_label"] and missing[0]["source"] == iri(PLAN)
    done = rows(run_named(fulfil_store, "duty-fulfilment", {"show": "reported"}))
    assert [(r["unit_label"], r["report"], r["period"]) for r in done] == [("示例市司法局", iri(JUSTICE), "2022")]
    assert "行政执法三项制度" in done[0]["passage"]
    # the same answer asked from the top of the chain; nothing below a report
    scoped = rows(run_named(fulfil_store, "duty-fulfilment", {"document": NOTICE, "show": "missing"}))
    assert [r["duty"] for r in scoped] == [missing[0]["duty"]]
    assert rows(run_named(fulfil_store, "duty-fulfilment", {"document": JUSTICE})) == []
    everything = rows(run_named(fulfil_store, "duty-fulfilment", {}))
    assert sorted(r["status"] for r in everything) == ["not reported", "reported"]


def test_links_follow_reingests_of_either_file(tmp_path, disk_store):
    src = tmp_path / "in"
    shutil.copytree(DATA, src)
    # the reports first, the plan in a later run: the link appears when the plan does
    assert all(o.ok for o in ingest(disk_store, [src / "3_justice_report.txt", src / "4_ecology_report.txt"]))
    assert not list(disk_store.quads(FULFILMENT_GRAPH))
    assert all(o.ok for o in ingest(disk_store, [src / "1_province_notice.txt", src / "2_city_plan.txt"]))
    assert len(rows(run_named(disk_store, "duty-fulfilment", {"show": "missing"}))) == 1
    # the justice bureau's report rewritten without the passage: its link goes, no stale copy stays
    report = src / "3_justice_report.txt"
    original = report.read_text(encoding="utf-8")
    report.write_text(original.replace("全部落实行政执法三项制度", "全部完成年度培训计划"), encoding="utf-8")
    assert all(o.ok for o in ingest(disk_store, [report]))
    missing = rows(run_named(disk_store, "duty-fulfilment", {"show": "missing"}))
    assert sorted(r["unit_label"] for r in missing) == ["示例市司法局", "示例市生态环境局"]
    assert not [q for q in disk_store.quads(FULFILMENT_GRAPH) if q.predicate == FZ.fulfils]
    report.write_text(original, encoding="utf-8")
    assert all(o.ok for o in ingest(disk_store, [report]))
    # re-ingesting the plan (a new duty text, same task) keeps exactly one link
    plan = src / "2_city_plan.txt"
    plan.write_text(plan.read_text(encoding="utf-8").replace("统一公示平台", "统一执法公示平台"), encoding="utf-8")
    assert all(o.ok for o in ingest(disk_store, [plan]))
    assert len([q for q in disk_store.quads(FULFILMENT_GRAPH) if q.predicate == FZ.fulfils]) == 1
    assert link_fulfilment(disk_store) == 1                        # recomputing changes nothing


def test_cli_answers_the_supervisors_question(tmp_path):
    from conftest import run_fazhi

    store = tmp_path / "s"
    assert run_fazhi("ingest", DATA, store=store).returncode == 0
    p = run_fazhi("query", "duty-fulfilment", "--param", "show=missing", "--format", "csv", store=store)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.strip().splitlines()
    assert len(lines) == 2 and "示例市生态环境局" in lines[1] and "not reported" in lines[1]


@pytest.mark.parametrize("duty, report, unit, term", [
    ("全面推行行政执法三项制度", "一、工作情况\n全市執法部門全部落實行政執法三項制度。", "示例市司法局", "行政执法三项制度"),
    ("落实法律顾问制度,实现法律顾问全覆盖", "局机关聘请法律顾问2名,参与合同审查。", "示例县教育局", "法律顾问"),
    ("开展规范性文件清理", "按照《关于开展规范性文件清理的通知》要求推进工作。", "示例市司法局", None),
    ("加强行政执法队伍建设", "全面推进依法行政,加强法治政府建设工作。", "示例市司法局", None),
    ("开展生态环境领域案卷评查", "生态环境领域信访件按期办结。", "示例市生态环境局", None),
])
def test_best_passage(duty, report, unit, term):
    hit = best_passage(duty, report, unit)
    if term is None:
        assert hit is None, hit
    else:
        a, b, found = hit
        assert found == term and term in to_simplified(report[a:b])


def test_tracer_reaches_the_reported_passage(fulfil_store):
    from fazhi.queries.chains import chain_graph, trace_paths

    [fact] = {q.subject.value for q in fulfil_store.quads(FULFILMENT_GRAPH) if q.predicate == FZ.fulfils}
    paths = trace_paths(chain_graph(fulfil_store), iri(NOTICE), fact, directed=True)
    shortest = min(paths, key=len)
    assert [h.relation for h in shortest] == ["implemented-by", "states-duty", "fulfilled-by"]
    assert all(h.evidence for h in shortest) and "行政执法三项制度" in shortest[-1].evidence
