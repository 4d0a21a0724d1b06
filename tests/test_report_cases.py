"""Cases a report names, in the store: the `cases` query lists them beside the ledgers' cases (no number, the
report as source, the passage), its parameters leave out a report case that does not state what they ask
for, the ledger queries do not count them, and `fazhi validate` holds a ledger's case to a number, a type and
a respondent but a report's only to its name."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from conftest import EXAMPLES, ROOT, run_fazhi

from fazhi.graph.store import open_store
from fazhi.loaders.ingest import ingest
from fazhi.ontology.ids import agency_iri
from fazhi.queries import run_named

LEDGER = EXAMPLES / "qingyuan_2023_reconsideration_ledger.csv"
REPORTS = ROOT / "tests" / "data" / "eval_cases"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("report-cases") / "store"
    with open_store(f"oxigraph:{path}") as s:
        assert all(o.ok for o in ingest(s, [LEDGER, REPORTS]))
    return path


def rows(path, name="cases", **params):
    with open_store(f"oxigraph:{path}") as s:
        return run_named(s, name, params).dicts()


def test_cases_lists_the_reports_cases_beside_the_ledgers(store_path):
    got = rows(store_path)
    ledger = [r for r in got if r["row"]]
    named = [r for r in got if not r["row"]]
    assert len(ledger) == 15 and len(named) == 10
    c = next(r for r in named if r["label"] == "赵某不服县公安局治安管理处罚申请行政复议一案")
    assert (c["number"], c["case_type"], c["respondent_name"], c["outcome"], c["filed"], c["closed"]) == \
        ("", "行政复议", "婺源县公安局", "维持", "", "")
    assert c["source"].endswith("g1_wuyuan_2023.txt") and c["evidence"].startswith("赵某不服县公安局")
    c = next(r for r in named if r["label"].startswith("江西绿源建材有限公司"))
    assert c["applicant_name"] == "江西绿源建材有限公司" and c["selected_for"] == "全省行政复议十大典型案例"
    assert "/award/" in c["award"]
    assert not any(r["applicant_name"] for r in named if "某" in r["label"].split("诉")[0].split("不服")[0])


def test_parameters_leave_out_a_report_case_that_does_not_state_them(store_path):
    by_type = rows(store_path, case_type="行政处罚")
    assert {r["label"] for r in by_type} == {"昆山某食品有限公司销售过期食品案", "某餐饮店油烟污染行政处罚案"}
    respondent = agency_iri("婺源县公安局").value
    assert [r["label"] for r in rows(store_path, respondent=respondent)] == ["赵某不服县公安局治安管理处罚申请行政复议一案"]
    # (the ledger's respondents: only its own cases, none of the reports' without a respondent)
    one = agency_iri("清源县公安局").value
    assert rows(store_path, respondent=one) and all(r["row"] for r in rows(store_path, respondent=one))


def test_the_ledger_queries_count_only_the_ledgers_cases(store_path):
    outcomes = rows(store_path, "case-outcomes")
    assert not any(r["respondent_name"].startswith(("婺源县", "昆山市", "来安县")) for r in outcomes)
    assert sum(int(r["closed"]) + int(r.get("pending") or 0) for r in outcomes) == 15


def _change(path, select: str, remove_p: str | None) -> None:
    """Remove one property of the first node ``select`` finds, in its own graph (a hand edit)."""
    with open_store(f"oxigraph:{path}") as s:
        g, c, o = s.select(select).rows[0]
        s.change_graph(g, remove=[ox.Triple(c, ox.NamedNode(remove_p), o)], add=[])


def test_validate_holds_ledger_cases_to_a_number_but_not_report_cases(store_path, tmp_path):
    import shutil

    path = tmp_path / "store"
    shutil.copytree(store_path, path)
    r = run_fazhi("validate", store=path)
    lines = r.stdout.strip().splitlines()
    assert not any("case" in ln for ln in lines), lines          # ten report cases without a number: valid
    fz = "https://w3id.org/fazhi/ontology#"
    _change(path, f'SELECT ?g ?c ?o WHERE {{ GRAPH ?g {{ ?c <{fz}caseNumber> ?o ; <{fz}inLedger> ?l }} }} LIMIT 1',
            fz + "caseNumber")
    _change(path, f'SELECT ?g ?c ?o WHERE {{ GRAPH ?g {{ ?c a <{fz}Case> ; <{fz}reportedIn> ?r ; '
                  f'<http://www.w3.org/2000/01/rdf-schema#label> ?o }} }} LIMIT 1',
            "http://www.w3.org/2000/01/rdf-schema#label")
    r = run_fazhi("validate", store=path)
    assert r.returncode == 3
    lines = r.stdout.strip().splitlines()
    assert sum("case has no case number (案号)" in ln for ln in lines) == 1, lines
    assert sum("case a report names has no name" in ln for ln in lines) == 1, lines
