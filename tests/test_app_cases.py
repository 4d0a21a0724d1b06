"""The app on the example county (report, roster and case ledgers): the reconciliation through its shared
link, the cases among the Ask page's questions, the outcome chart, a case's ledger row and its neighbourhood."""
from __future__ import annotations

import pytest
from conftest import EXAMPLES
from test_app import column, markdown, start_app, widget

pytest.importorskip("streamlit.testing.v1")
CASE = "https://w3id.org/fazhi/id/case/清府复〔2023〕6号"


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory) -> str:
    from fazhi.graph.store import open_store
    from fazhi.loaders.ingest import ingest

    desc = f"oxigraph:{tmp_path_factory.mktemp('app-cases') / 'store'}"
    with open_store(desc) as s:
        assert all(o.ok for o in ingest(s, [EXAMPLES]))
    return desc


@pytest.fixture
def app(examples_store, monkeypatch):
    monkeypatch.setenv("FAZHI_STORE_DESCRIPTOR", examples_store)
    monkeypatch.delenv("FAZHI_ALLOW_INGEST", raising=False)
    return start_app


def test_shared_link_shows_the_reconciliation_with_the_reports_passage(app):
    at = app(query="case-reconciliation", year="2023")
    assert widget(at.radio, "ask-group").value == "cases"
    rows = list(zip(column(at, "measure"), column(at, "reported"), column(at, "ledger"), column(at, "agrees"),
                    column(at, "evidence")))
    assert len(rows) == 9
    # (measure and agrees in the reader's language: head_appeared_rate, no)
    assert [r for r in rows if r[3] == "否"] == [("负责人出庭应诉率", "100", "83.33", "否",
                                                 "行政机关负责人出庭应诉率100%")]
    at.text_input[0].set_value("2022").run()          # the year widget drives the answer
    assert at.dataframe[0].value.empty


def test_cases_by_respondent_and_their_ledger_row(app):
    at = app(query="cases", case_type="行政诉讼")
    assert len(column(at, "number")) == 7 and set(column(at, "case_type")) == {"行政诉讼"}
    pick = widget(at.selectbox, "ev-ask-cases")
    assert CASE not in pick.options                      # a 复议 case: not in this answer
    at = app(view="evidence", node=CASE)
    md = markdown(at)
    assert "qingyuan_2023_reconsideration_ledger.csv" in md and "第 8 行" in md


def test_reports_page_charts_the_outcomes_per_respondent(app):
    at = app(view="reports")
    assert any(s.value == "案件台账：各被申请人（被告）的案件结果" for s in at.subheader)
    assert len(at.get("vega_lite_chart")) >= 2
    assert "query=case-reconciliation" in "\n".join(c.value for c in at.caption)


def test_a_cases_neighbourhood_in_the_graph_view(app):
    at = app(view="graph", node=CASE)
    legend = markdown(at)
    assert "案件 (1)" in legend and "机构" in legend and "案件台账" in legend and "案件结果" in legend


@pytest.fixture(scope="module")
def report_cases_store(tmp_path_factory) -> str:
    """The example county's 复议 ledger and three reports that name typical cases (tests/data/eval_cases)."""
    from conftest import ROOT

    from fazhi.graph.store import open_store
    from fazhi.loaders.ingest import ingest

    desc = f"oxigraph:{tmp_path_factory.mktemp('app-report-cases') / 'store'}"
    with open_store(desc) as s:
        assert all(o.ok for o in ingest(s, [EXAMPLES / "qingyuan_2023_reconsideration_ledger.csv",
                                            ROOT / "tests" / "data" / "eval_cases"]))
    return desc


def test_a_reports_typical_case_among_the_cases_with_its_passage(report_cases_store, monkeypatch):
    monkeypatch.setenv("FAZHI_STORE_DESCRIPTOR", report_cases_store)
    monkeypatch.delenv("FAZHI_ALLOW_INGEST", raising=False)
    at = start_app(query="cases", case_type="行政复议")
    labels, evidence = column(at, "label"), column(at, "evidence")
    i = labels.index("江西绿源建材有限公司不服县城市管理局行政强制决定申请行政复议案")
    assert "入选全省行政复议十大典型案例" in evidence[i] and column(at, "number")[i] == ""
    assert "清府复〔2023〕6号" in labels                  # the ledger's cases are there too
    case = column(at, "case")[i]
    md = markdown(start_app(view="evidence", node=case))
    assert "<mark class='fz-passage'>" in md and "江西绿源建材有限公司不服县城市管理局" in md
    at = start_app(view="reports")                       # the ledger chart counts the ledgers' cases only
    assert any(s.value == "案件台账：各被申请人（被告）的案件结果" for s in at.subheader)
