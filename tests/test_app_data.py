"""The store the app tests browse, and tests of the read-side views it feeds (fazhi.queries.browse, draw).

``build_store(dir)`` ingests the small fictional files of tests/data/app/ with the real loaders and
extractors into a real on-disk Oxigraph store. Expectations name what the texts plainly say (units,
counties, years, numbers, passages) rather than the exact wording a heuristic gives a metric or a bearer.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"

DATA = Path(__file__).resolve().parent / "data" / "app"
REPORTS = ["nanxi_2022_report.txt", "beiling_2021_report.txt"]
ROSTER = "nanxi_units_roster.csv"
def build_store(folder: Path) -> str:
    """Fill an on-disk store at ``folder`` with the real ingest (loaders and extractors) and return its
    descriptor."""
    from fazhi.graph.store import open_store
    from fazhi.loaders.ingest import ingest

    desc = f"oxigraph:{folder}"
    with open_store(desc) as s:
        outcomes = ingest(s, [DATA / f for f in REPORTS + [ROSTER]])
        assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    return desc


@pytest.fixture(scope="module")
def app_store(tmp_path_factory) -> str:
    return build_store(tmp_path_factory.mktemp("appstore") / "store")


NANXI = "https://w3id.org/fazhi/id/docno/南政文〔2023〕5号"
DONGFA = "https://w3id.org/fazhi/id/docno/东发〔2021〕12号"


@pytest.fixture
def ro(app_store):
    from fazhi.graph.store import open_store

    with open_store(app_store, read_only=True) as s:
        yield s


def county(name: str) -> str:
    """The county a subject's name starts with (南溪县人民政府 → 南溪县), whichever node the extractor chose.

    >>> county("南溪县人民政府"), county("北岭县")
    ('南溪县', '北岭县')
    """
    m = re.match(r"(.{1,6}?[县市区旗])", name)
    return m.group(1) if m else name


def statistic_iri(store, report: str, value: int) -> str:
    """The statistic of ``report`` with this value (the texts give each number once)."""
    r = store.select("SELECT ?s WHERE { ?s a fz:Statistic ; fz:reportedIn ?r ; fz:value ?v FILTER(?v = ?want) }",
                     {"r": NamedNode(report), "want": Literal(str(value), datatype=NamedNode(XSD_INTEGER))})
    [(s,)] = r.rows
    return s.value


def obligation_iri(store, part: str) -> str:
    """The duty whose text contains ``part``."""
    r = store.select("SELECT DISTINCT ?o WHERE { ?o a fz:Obligation ; fz:text ?t FILTER(CONTAINS(?t, ?part)) }",
                     {"part": Literal(part)})
    [(o,)] = r.rows
    return o.value


def quote_of(store, node: str) -> str:
    """The passage the store records for ``node`` (its evidence quote)."""
    from fazhi.queries import run_named

    [row] = run_named(store, "evidence", {"node": node}).dicts()
    return row["text"]


def test_reports_list_both_reports_with_their_facts(ro):
    from fazhi.queries.browse import fact_counts, reports
    from fazhi.queries import run_named

    rows = {r["number"]: r for r in reports(ro)}
    assert set(rows) == {"南政文〔2023〕5号", "北政〔2022〕3号"}
    assert rows["南政文〔2023〕5号"]["issuer_name"] == "南溪县人民政府"
    assert rows["南政文〔2023〕5号"]["date"] == "2023-02-28" and rows["北政〔2022〕3号"]["date"] == "2022-03-10"
    kinds = {c["kind"]: c["count"] for c in fact_counts(ro, NANXI)}
    stats = [r for r in run_named(ro, "statistics").dicts() if r["report"] == NANXI]
    values = {float(r["value"]) for r in stats}
    assert {57.0, 52.0, 100.0} <= values                       # 受理57件, 审结52件, 出庭应诉率100%
    assert kinds["Statistic"] == len(stats)                    # the counts agree with the named query
    # the 纲要, the 东川市 plan and the notice 东发〔2021〕12号 printed beside it (the number that issued the plan)
    assert kinds["Obligation"] >= 1 and kinds["Document"] == 3


def test_neighbourhood_is_bounded_and_more_only_adds(ro):
    from fazhi.queries.browse import neighbourhood

    small = neighbourhood(ro, [NANXI], max_nodes=3)
    big = neighbourhood(ro, [NANXI], max_nodes=50)
    assert len(small.nodes) == 3 and small.hidden == len(big.nodes) - 3
    assert {n["id"] for n in small.nodes} <= {n["id"] for n in big.nodes}
    assert big.hidden == 0 and {"Report", "Document", "Agency", "Statistic"} <= set(big.classes())
    ids = {n["id"] for n in big.nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in big.edges)
    assert not any(e["predicate"] in ("rdf:type", "fz:evidence") for e in big.edges)


def test_evidence_points_into_the_report_text(ro):
    from fazhi.queries.browse import evidence, report_detail

    stat = statistic_iri(ro, NANXI, 57)
    [p] = evidence(ro, stat, context=20)
    text = report_detail(ro, NANXI)["text"]
    assert "受理行政复议案件57件" in p["passage"] and p["passage"] == quote_of(ro, stat)
    assert text[p["start"]:p["end"]] == p["passage"]           # the offsets point at the passage
    assert p["before"] == "…" + text[p["start"] - 20:p["start"]] and p["after"] == text[p["end"]:p["end"] + 20] + "…"
    assert p["title"] == "南溪县人民政府关于2022年度法治政府建设情况的报告" and p["date"] == "2023-02-28"


def test_statistic_series_spans_counties_and_years(ro):
    from fazhi.queries.browse import metrics, statistic_series

    # the same wording (受理行政复议案件N件) in two counties' reports is one metric, with one value per report
    shared = [m for m, n in metrics(ro) if "行政复议" in m and n == 2]
    assert shared, metrics(ro)
    rows = statistic_series(ro, metric=shared[0])
    assert {(county(r["subject_name"]), r["year"], r["value"]) for r in rows} == {("南溪县", "2022", 57.0),
                                                                                ("北岭县", "2021", 31.0)}


def test_document_chain_traces_the_named_query_with_evidence(ro):
    """The networkx tracer behind the app's chain view gives the hops of the `obligation-chain` query."""
    import io

    from fazhi.queries.browse import document_chain
    from fazhi.queries.chains import write_chain_graphml
    from fazhi.queries import run_named

    rows, g = document_chain(ro, "南政文〔2023〕5号")
    named = run_named(ro, "obligation-chain", {"document": NANXI}).dicts()
    assert {(str(r["step"]), r["from"], r["relation"], r["to"]) for r in rows} == \
        {(r["step"], r["from"], r["relation"], r["to"]) for r in named}
    # the report carries out the notice 东发〔2021〕12号 (-1) and the plan it issued (-1, and the notice again at -2)
    up = next(r for r in rows if r["to"] == DONGFA and r["step"] == -1)
    assert up["step"] == -1 and up["relation"] == "implements" and up["evidence_report"] == NANXI
    assert "东发〔2021〕12号" in up["evidence"]
    assert all(r["evidence"] for r in rows)  # every hop of this report was read from a passage
    buf = io.BytesIO()
    write_chain_graphml(g, buf)
    assert "东发〔2021〕12号" in buf.getvalue().decode("utf-8")


def test_bad_iri_is_a_bad_parameter_not_query_text(ro):
    from fazhi.queries.browse import neighbourhood
    from fazhi.graph.errors import BadParameter

    with pytest.raises(BadParameter):
        neighbourhood(ro, ["x> } ; DROP ALL ; <y"])


def test_drawings_have_the_nodes(ro):
    from fazhi.queries.browse import neighbourhood
    from fazhi.app.draw import graphml_bytes, png_bytes

    view = neighbourhood(ro, [NANXI])
    xml = graphml_bytes(view).decode("utf-8")
    assert "南溪县人民政府" in xml and xml.count("<node ") == len(view.nodes)
    assert png_bytes(view).startswith(b"\x89PNG")
