"""The Streamlit app through AppTest: every page renders, the widgets drive the results, links open views.

The store is a real on-disk Oxigraph store filled from tests/data/app/ (see test_app_data.build_store).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from test_app_data import DATA, DONGFA, NANXI, build_store, county, obligation_iri, quote_of, statistic_iri

pytest.importorskip("streamlit.testing.v1")
from streamlit.testing.v1 import AppTest  # noqa: E402

SCRIPT = str(Path(__file__).resolve().parent.parent / "app" / "streamlit_app.py")
VIEWS = ["ask", "sparql", "graph", "evidence", "reports", "indicators", "ingest"]


@pytest.fixture
def app(app_store, monkeypatch):
    """A fresh AppTest on the filled store; call it with query parameters, get the app after its first run."""
    monkeypatch.setenv("FAZHI_STORE_DESCRIPTOR", app_store)
    monkeypatch.delenv("FAZHI_ALLOW_INGEST", raising=False)
    return start_app


def start_app(_state: dict | None = None, **params) -> AppTest:
    """A fresh AppTest with these query parameters (and session state ``_state``), after its first run (which
    must not raise)."""
    at = AppTest.from_file(SCRIPT, default_timeout=60)
    for k, v in (_state or {}).items():
        at.session_state[k] = v
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def column(at, col: str, i: int = 0) -> list[str]:
    """What the ``i``-th table shows in ``col``: a link cell's label, else the text."""
    return [shown_text(v) for v in at.dataframe[i].value[col]]


def shown_text(v) -> str:
    """A cell as the reader sees it: a link (``./?view=...#label``) by its label."""
    if isinstance(v, str) and v.startswith("./?") and "#" in v:
        return unquote(v.rsplit("#", 1)[1])
    return "" if v is None else v


def linked(at, col: str, i: int = 0) -> list[str]:
    """The nodes the link cells of ``col`` open (their IRIs, from the links' addresses)."""
    out = []
    for v in at.dataframe[i].value[col]:
        params = parse_qs(urlsplit(v or "").query)
        out.append((params.get("node") or params.get("report") or [""])[0])
    return out


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def widget(seq, key: str):
    return next(w for w in seq if w.key == key)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("view", VIEWS)
def test_every_page_renders_in_both_languages(app, view, lang):
    at = app(view=view, lang=lang)
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value.startswith("fazhi 法治")
    assert ("Knowledge graph" in at.title[0].value) == (lang == "en")


def test_language_switch_changes_the_interface(app):
    at = app()
    assert "法治政府建设报告知识图谱" in at.title[0].value
    widget(at.radio, "lang").set_value("en").run()
    assert "Knowledge graph" in at.title[0].value
    assert widget(at.radio, "page").options[0] == "Ask"


def test_shared_link_runs_the_named_query_with_its_parameters(app):
    at = app(query="units-without-legal-adviser", as_of="2021-06-30")
    # the units by name (each a link to its node), the reasons in the reader's language
    assert column(at, "unit") == ["南溪县自然资源局", "南溪县行政审批服务局", "柳河镇人民政府"]
    assert "name" not in at.dataframe[0].value.columns  # (the names are in the unit column already)
    assert column(at, "reason") == ["聘期已届满 2021-03-31", "未登记法律顾问", "未登记法律顾问"]
    # the date widget drives the answer: by the end of 2023 石门街道's term has expired too
    at.date_input[0].set_value(dt.date(2023, 12, 31)).run()
    assert "石门街道办事处" in column(at, "unit")
    assert at.query_params["as_of"] == ["2023-12-31"] or at.query_params["as_of"] == "2023-12-31"
    labels = [b.label for b in at.get("download_button")]
    assert "下载 CSV" in labels and "下载 JSON" in labels


def test_questions_are_grouped_by_task_and_selectable(app):
    at = app()
    groups = widget(at.radio, "ask-group")
    assert groups.options == ["职责与落实", "案件与台账核对", "浏览图谱"]
    groups.set_value("explore").run()
    sel = widget(at.selectbox, "ask-query-explore")
    sel.set_value("documents").run()
    assert {"南政文〔2023〕5号", "北政〔2022〕3号", "东发〔2021〕12号"} <= set(column(at, "number"))
    assert at.query_params["query"] in ("documents", ["documents"])


def test_document_parameter_offers_documents_from_the_graph(app):
    at = app(query="obligation-chain")
    doc = widget(at.selectbox, "param-obligation-chain-document")
    assert "南政文〔2023〕5号" in doc.options
    doc.set_value(NANXI).run()
    assert DONGFA in linked(at, "to")


def test_shared_link_accepts_a_document_number(app):
    at = app(query="obligation-chain", document="南政文〔2023〕5号")
    assert DONGFA in linked(at, "to")


def ro_store(store_desc: str):
    from fazhi.graph.store import open_store

    return open_store(store_desc, read_only=True)


def test_a_fact_row_opens_its_highlighted_passage(app, app_store):
    with ro_store(app_store) as s:
        stat = statistic_iri(s, NANXI, 57)
        quote = quote_of(s, stat)
    assert "受理行政复议案件57件" in quote
    at = app(query="statistics")
    pick = widget(at.selectbox, "ev-ask-statistics")
    assert any("受理行政复议案件57件" in o for o in pick.options)  # options as shown (AppTest formats them)
    pick.set_value(stat).run()
    md = markdown(at)
    assert f"<mark class='fz-passage'>{quote}</mark>" in md  # the highlight wraps exactly the recorded passage
    assert "南溪县人民政府关于2022年度法治政府建设情况的报告" in md and "2023-02-28" in md


def test_bad_parameter_is_shown_not_raised(app):
    at = app(query="units-without-legal-adviser", as_of="2021-06-30")
    at = app(query="evidence", node="not an iri")
    assert at.error or not at.dataframe


def test_sparql_runs_an_example_with_prefixes_preloaded(app):
    at = app(view="sparql")
    text = widget(at.text_area, "sparql-text")
    assert "PREFIX fz: <https://w3id.org/fazhi/ontology#>" in text.value
    assert "10 秒" in at.caption[0].value or "时间限制" in at.caption[0].value
    widget(at.selectbox, "sparql-example").set_value("reports").run()
    at.button[0].click().run()
    assert set(column(at, "report")) == {"南溪县人民政府关于2022年度法治政府建设情况的报告",
                                        "北岭县人民政府关于2021年度法治政府建设工作情况的报告"}
    assert at.query_params["view"] in ("sparql", ["sparql"])


def test_sparql_ask_and_construct(app):
    at = app(view="sparql")
    widget(at.selectbox, "sparql-example").set_value("ask").run()
    at.button[0].click().run()
    assert "true" in at.success[0].value
    widget(at.selectbox, "sparql-example").set_value("construct").run()
    at.button[0].click().run()
    assert "https://w3id.org/fazhi/id/agency/柳河镇人民政府" in linked(at, "subject")
    assert "柳河镇人民政府" in column(at, "subject")


def test_sparql_syntax_error_shows_its_position(app):
    at = app(view="sparql")
    widget(at.text_area, "sparql-text").input("SELECT * WHERE {\n  ?s ?p \n}")
    at.button[0].click().run()
    assert "第 3 行" in at.error[0].value
    assert "^" in at.code[0].value


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/x.ttl>",
    "CLEAR ALL",
    "DROP ALL",
    "CREATE GRAPH <http://g>",
    "ADD <http://a> TO <http://b>",
    "MOVE <http://a> TO <http://b>",
    "COPY <http://a> TO <http://b>",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
])
def test_sparql_refuses_every_update_form_and_service(app, app_store, update):
    from fazhi.graph.store import open_store

    with open_store(app_store, read_only=True) as s:
        before = s.quad_count()
    at = app(view="sparql")
    widget(at.text_area, "sparql-text").input(update)
    at.button[0].click().run()
    assert at.error and ("refused" in at.error[0].value)
    with open_store(app_store, read_only=True) as s:
        assert s.quad_count() == before


def test_sparql_stops_a_runaway_query_at_its_time_limit(tmp_path, monkeypatch):
    """A cartesian product of a few thousand triples under COUNT cannot finish; the page says so in time."""
    import time

    import pyoxigraph as ox

    from fazhi.graph.store import open_store

    desc = f"oxigraph:{tmp_path / 'big'}"
    with open_store(desc) as s:
        s.replace_graph(ox.NamedNode("http://g"), [ox.Triple(ox.NamedNode(f"http://x/{i}"), ox.NamedNode("http://p"),
                                                             ox.Literal(str(i))) for i in range(3000)])
    monkeypatch.setenv("FAZHI_STORE_DESCRIPTOR", desc)
    at = AppTest.from_file(SCRIPT, default_timeout=60)
    at.query_params["view"] = "sparql"
    at.run()
    widget(at.text_area, "sparql-text").input(
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }")
    widget(at.number_input, "sparql-timeout").set_value(1.5)
    t0 = time.monotonic()
    at.button[0].click().run()
    took = time.monotonic() - t0
    assert "1.5 秒" in at.error[0].value and "时间限制" in at.error[0].value
    assert took < 10


def test_sparql_row_cap_is_enforced(app):
    at = app(view="sparql")
    widget(at.text_area, "sparql-text").input("SELECT * WHERE { ?s ?p ?o }")
    widget(at.number_input, "sparql-cap").set_value(7)
    at.button[0].click().run()
    assert len(at.dataframe[0].value) == 7
    assert "已截断" in "".join(c.value for c in at.caption)


def test_graph_neighbourhood_is_bounded_with_more_and_expand(app):
    at = app(view="graph", node=NANXI)
    assert widget(at.selectbox, "graph-start").value == NANXI
    legend = markdown(at)
    assert "报告 (1)" in legend and "机构" in legend and "统计数字" in legend
    more = widget(at.button, "graph-more")
    counts = next(c.value for c in at.caption if "个节点" in c.value)
    # expanding a neighbour brings in its own neighbours (the roster's units around 柳河镇's parent)
    pick = widget(at.selectbox, "graph-expand-pick")
    pick.set_value("https://w3id.org/fazhi/id/agency/南溪县人民政府").run()
    widget(at.button, "graph-expand-btn").click().run()
    after = next(c.value for c in at.caption if "个节点" in c.value)
    assert after != counts
    assert more.label.startswith("显示更多节点")
    labels = [b.label for b in at.get("download_button")]
    assert "下载 GraphML" in labels and "下载 PNG" in labels


def test_graph_more_control_adds_nodes(app, monkeypatch):
    monkeypatch.setenv("FAZHI_GRAPH_NODES", "4")  # a small page, so this small graph overflows it
    at = app(view="graph", node="https://w3id.org/fazhi/id/agency/南溪县人民政府")
    assert next(c.value for c in at.caption if "个节点" in c.value).startswith("4 个节点")
    assert any("未显示" in c.value for c in at.caption)
    widget(at.button, "graph-more").click().run()
    assert next(c.value for c in at.caption if "个节点" in c.value).startswith("8 个节点")


def test_graph_chain_view_of_a_document(app):
    at = app(view="graph", chain="南政文〔2023〕5号")
    assert widget(at.radio, "graph-mode").value == "chain"
    hops = at.dataframe[0].value
    # the report carries out the notice 东发〔2021〕12号 (-1) and the plan it issued (-1; the notice again at -2)
    up = hops[[iri == DONGFA and int(step) == -1 for iri, step in zip(linked(at, "to"), hops["step"])]]
    assert list(up["relation"]) == ["贯彻落实"]  # the relation in Chinese
    assert "东发〔2021〕12号" in up["evidence"].iloc[0]  # the hop shows the passage it was read from
    assert (hops["step"].astype(int) > 0).any()  # and down: the duties the report states
    md = markdown(at)
    assert "文件" in md and f"«{up['evidence'].iloc[0]}»" in md
    assert all(f"«{e}»" in md for e in hops["evidence"] if e)
    labels = [b.label for b in at.get("download_button")]
    assert "下载 GraphML" in labels and "下载 PNG" in labels


def test_evidence_page_from_a_link(app, app_store):
    with ro_store(app_store) as s:
        duty = obligation_iri(s, "完成法律顾问聘请")
        quote = quote_of(s, duty)
    assert "各乡镇须在2023年6月30日前完成法律顾问聘请工作" in quote
    at = app(view="evidence", node=duty)
    md = markdown(at)
    assert f"<mark class='fz-passage'>{quote}</mark>" in md and md.count("<mark class='fz-passage'>") == 1
    assert "view=reports" in md  # the link to the report's page


def test_reports_page_lists_reports_and_opens_one(app):
    at = app(view="reports")
    assert set(column(at, "number")) == {"南政文〔2023〕5号", "北政〔2022〕3号"}
    pick = widget(at.selectbox, "reports-pick")
    beiling = "https://w3id.org/fazhi/id/docno/北政〔2022〕3号"
    pick.set_value(beiling).run()
    assert at.subheader[1].value.startswith("北岭县人民政府关于2021年度")
    assert at.query_params["report"] in (beiling, [beiling])


def test_reports_page_facts_by_kind_and_chart(app):
    at = app(view="reports", report=NANXI)
    kind = widget(at.selectbox, f"report-kind-{NANXI}")
    kind.set_value("Statistic").run()
    facts = next(df for df in at.dataframe if "passage" in df.value.columns)
    assert any("受理行政复议案件57件" in p for p in facts.value["passage"])
    assert not any("受理行政复议案件31件" in p for p in facts.value["passage"])  # 北岭县's stays on its own page
    metric = widget(at.selectbox, "reports-metric")
    assert "行政复议" in metric.value  # the chart opens on the reconsideration cases
    series = next(df for df in at.dataframe if "subject_name" in df.value.columns)
    assert {(county(n), y, v) for n, y, v in zip(series.value["subject_name"], series.value["year"],
                                                  series.value["value"])} == {("南溪县", "2022", "57"),
                                                                              ("北岭县", "2021", "31")}
    assert at.get("vega_lite_chart")


def test_indicators_page_from_a_shared_link(app):
    """/?view=indicators&indicator=...: both counties' closed reconsideration cases (审结52件, 办结29件), how each
    was mapped, and no report left uncovered; another pick changes the address."""
    at = app(view="indicators", indicator="reconsideration.closed")
    values = next(df.value for df in at.dataframe if "wording" in df.value.columns)
    got = {(county(n), y, v) for n, y, v in zip(values["subject_name"], values["year"], values["value"])}
    assert got == {("南溪县", "2022", 52.0), ("北岭县", "2021", 29.0)}
    assert set(values["wording"]) == {"行政复议 + 审结", "行政复议 + 办结"}
    assert set(values["rule"]) == {"sentence-topic"}
    assert all(p.startswith("./?view=evidence&node=") for p in values["passage"])
    assert "sentence-topic" in "\n".join(c.value for c in at.caption)
    assert at.get("vega_lite_chart") and at.subheader[-1].value == "未报告该指标的报告（0 份）"
    assert "下载宽表 CSV（地区 × 年度）" in [b.label for b in at.get("download_button")]
    widget(at.selectbox, "indicators-pick").set_value("litigation.head_appearance_rate").run()
    assert at.query_params["indicator"] in ("litigation.head_appearance_rate", ["litigation.head_appearance_rate"])
    assert at.subheader[-1].value == "未报告该指标的报告（1 份）"   # 北岭县 gives no such rate


def test_indicators_page_in_english_from_an_iri(app):
    at = app(view="indicators", indicator="https://w3id.org/fazhi/indicator/reconsideration.received", lang="en")
    assert widget(at.selectbox, "indicators-pick").value == "reconsideration.received"
    assert "Administrative reconsideration cases received" in markdown(at)
    assert at.subheader[-1].value == "Reports that do not report it (0)"


def test_ingest_is_off_unless_allowed(app, monkeypatch):
    at = app(view="ingest")
    assert "--allow-ingest" in at.info[0].value
    monkeypatch.setenv("FAZHI_ALLOW_INGEST", "1")
    at = app(view="ingest")
    assert not at.info and at.get("file_uploader")


def test_ingest_uploads_gives_cli_style_errors_and_replaces_on_reupload(tmp_path, monkeypatch):
    from fazhi.app.page_ingest import ingest_uploads
    from fazhi.graph.store import open_store

    desc = f"oxigraph:{tmp_path / 'store'}"
    files = [("nanxi_units_roster.csv", (DATA / "nanxi_units_roster.csv").read_bytes()),
             ("broken_roster.csv", (DATA / "bad" / "broken_roster.csv").read_bytes())]
    lines = ingest_uploads(files, desc)
    assert [ok for _, _, ok in lines] == [False, True] or [ok for _, _, ok in lines] == [True, False]
    err = next(m for _, m, ok in lines if not ok)
    assert err.startswith("error: broken_roster.csv: ") and "\n" not in err
    with open_store(desc, read_only=True) as s:
        n = s.quad_count()
    ingest_uploads(files[:1], desc)
    with open_store(desc, read_only=True) as s:
        assert s.quad_count() == n
    assert (tmp_path / "store.uploads" / "nanxi_units_roster.csv").exists()


def test_app_sees_a_cli_ingest_made_while_it_is_up(tmp_path, monkeypatch):
    """The app opens the store per run, read-only: data a writer adds shows on the next interaction."""
    from fazhi.graph.store import open_store
    from fazhi.loaders.ingest import ingest

    desc = f"oxigraph:{tmp_path / 'live'}"
    writer = open_store(desc)  # stays open (holds the lock) like a running `fazhi ingest`
    try:
        monkeypatch.setenv("FAZHI_STORE_DESCRIPTOR", desc)
        at = AppTest.from_file(SCRIPT, default_timeout=60)
        at.query_params["query"] = "units-without-legal-adviser"
        at.query_params["as_of"] = "2021-06-30"
        at.run()
        assert not at.exception and not at.dataframe and at.subheader[0].value == "开始使用"  # the first-run page
        ingest(writer, [DATA / "nanxi_units_roster.csv"])
        writer.flush()
        at.run()
        assert not at.exception and not at.info, [m.value for m in at.info] + [m.value for m in at.caption]
        assert "柳河镇人民政府" in column(at, "unit")
    finally:
        writer.close()


def test_empty_store_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_STORE_DESCRIPTOR", f"oxigraph:{tmp_path / 'missing'}")
    at = AppTest.from_file(SCRIPT, default_timeout=60)
    at.run()
    # the first-run page: what to ingest and the command that does it (no button without --allow-ingest)
    assert not at.exception and at.subheader[0].value == "开始使用"
    assert any("ingest" in c.value and "missing" in c.value for c in at.code)
    assert not [b for b in at.button if b.key == "welcome-examples"]


def test_first_run_button_ingests_the_examples(tmp_path, monkeypatch):
    """Started with --allow-ingest on an empty store: one click ingests examples/, and the next run answers."""
    monkeypatch.setenv("FAZHI_STORE_DESCRIPTOR", f"oxigraph:{tmp_path / 'fresh'}")
    monkeypatch.setenv("FAZHI_ALLOW_INGEST", "1")
    at = AppTest.from_file(SCRIPT, default_timeout=120)
    at.query_params["query"] = "units-without-legal-adviser"
    at.query_params["as_of"] = "2024-01-01"
    at.run()
    assert at.subheader[0].value == "开始使用"
    widget(at.button, "welcome-examples").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("qingyuan_2023_report.txt" in m.value for m in at.success)
    widget(at.button, "welcome-go").click().run()
    assert set(column(at, "unit")) == {"清源县行政审批服务局", "白沙街道办事处", "清源县市场监督管理局", "清源县人民法院"}


def test_build_store_is_repeatable(tmp_path):
    """Building the fixture store twice gives the same graph (ingest replaces, never duplicates)."""
    from fazhi.graph.store import open_store

    desc = build_store(tmp_path / "s")
    with open_store(desc, read_only=True) as s:
        n = s.quad_count()
    build_store(tmp_path / "s")
    with open_store(desc, read_only=True) as s:
        assert s.quad_count() == n


def test_ask_page_lists_every_named_query_with_its_link(app):
    from fazhi.queries import catalogue

    at = app()
    md = markdown(at)
    for name, q in catalogue().items():
        assert f"[{q.title_in('zh')}](./?query={name})" in md


def test_english_view_keeps_its_language_in_the_address(app):
    at = app(view="reports", lang="en")
    assert at.query_params["lang"] in ("en", ["en"])
    assert at.subheader[0].value == "Ingested reports"


def test_ask_offers_the_indicators_by_notation(app):
    at = app(query="indicator-values", indicator="reconsideration.received")
    pick = widget(at.selectbox, "param-indicator-values-indicator")
    assert "reconsideration.closed" in pick.options and pick.value == "reconsideration.received"
    # (the subject column shows each subject by its name, subject_name, with a link to it)
    assert {county(n) for n in column(at, "subject")} == {"南溪县", "北岭县"}
