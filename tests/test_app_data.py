"""The store the app tests browse, and tests of the read-side views it feeds (fazhi.graph.browse, draw).

``build_store(dir)`` ingests the small fictional files of tests/data/app/ with the real loaders into a real
on-disk Oxigraph store, then adds statistics and duties for those reports through the real emitter (the
extractors that find them are built elsewhere), with spans found in each report's stored text.
"""
from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data" / "app"
REPORTS = ["nanxi_2022_report.txt", "beiling_2021_report.txt"]
ROSTER = "nanxi_units_roster.csv"
# (report file, passage, metric, value, unit, subject)
STATS = [
    ("nanxi_2022_report.txt", "受理行政复议案件57件", "受理行政复议案件", 57, "件", "南溪县"),
    ("nanxi_2022_report.txt", "审结52件", "审结行政复议案件", 52, "件", "南溪县"),
    ("beiling_2021_report.txt", "受理行政复议案件31件", "受理行政复议案件", 31, "件", "北岭县"),
]
DUTY = ("nanxi_2022_report.txt", "各乡镇须在2023年6月30日前完成法律顾问聘请工作", "完成法律顾问聘请")


def _text_of(store, report) -> str:
    r = store.select("SELECT ?t WHERE { ?r fz:normalizedText ?t }", {"r": report})
    return r.rows[0][0].value


def build_store(folder: Path) -> str:
    """Fill an on-disk store at ``folder`` and return its descriptor."""
    from fazhi.graph.store import open_store
    from fazhi.loaders import facts as F
    from fazhi.loaders.emit import Emitter, emit_facts
    from fazhi.loaders.ids import document_iri, source_graph
    from fazhi.loaders.ingest import ingest
    from fazhi.ontology.vocab import FZ

    desc = f"oxigraph:{folder}"
    with open_store(desc) as s:
        outcomes = ingest(s, [DATA / f for f in REPORTS + [ROSTER]])
        assert all(o.ok for o in outcomes), [o.error for o in outcomes]
        by_file = {o.path.name: o for o in outcomes}
        for name in REPORTS:
            report = next(t.subject for t in by_file[name].loaded.triples if t.predicate == FZ.normalizedText)
            text = _text_of(s, report)
            facts = F.Facts()
            for f, passage, metric, value, unit, subject in STATS:
                if f == name:
                    start = text.index(passage)
                    facts.statistics.append(F.Statistic(metric, value, (start, start + len(passage)), unit,
                                                        subject=subject))
            meta = F.ReportMeta()  # statistics without a period of their own: the report's year
            em = Emitter(report, text)
            if name == DUTY[0]:
                start = text.index(DUTY[1])
                duty = F.Obligation(DUTY[1], (start, start + len(DUTY[1])), bearers=["柳河镇人民政府"],
                                    action=DUTY[2], limit_kind="deadline")
                facts.obligations.append(duty)
                em.add(report, FZ.implements, document_iri("n:东发〔2021〕12号"))
            emit_facts(em, facts, meta)
            s.replace_graph(source_graph(f"test-facts:{name}"), em.triples)
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


def test_reports_list_both_reports_with_their_facts(ro):
    from fazhi.graph.browse import fact_counts, reports

    rows = {r["number"]: r for r in reports(ro)}
    assert set(rows) == {"南政文〔2023〕5号", "北政〔2022〕3号"}
    assert rows["南政文〔2023〕5号"]["issuer_name"] == "南溪县人民政府"
    assert rows["南政文〔2023〕5号"]["date"] == "2023-02-28"
    kinds = {c["kind"]: c["count"] for c in fact_counts(ro, NANXI)}
    assert kinds["Statistic"] == 2 and kinds["Obligation"] == 1 and kinds["Document"] == 2


def test_neighbourhood_is_bounded_and_more_only_adds(ro):
    from fazhi.graph.browse import neighbourhood

    small = neighbourhood(ro, [NANXI], max_nodes=3)
    big = neighbourhood(ro, [NANXI], max_nodes=50)
    assert len(small.nodes) == 3 and small.hidden == len(big.nodes) - 3
    assert {n["id"] for n in small.nodes} <= {n["id"] for n in big.nodes}
    assert big.hidden == 0 and {"Report", "Document", "Agency", "Statistic"} <= set(big.classes())
    ids = {n["id"] for n in big.nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in big.edges)
    assert not any(e["predicate"] in ("rdf:type", "fz:evidence") for e in big.edges)


def test_evidence_points_into_the_report_text(ro):
    from fazhi.graph.browse import choices, evidence

    stat = next(i for i, label in choices(ro, "fact") if "受理行政复议案件 57" in label)
    [p] = evidence(ro, stat)
    assert p["passage"] == "受理行政复议案件57件"
    assert p["title"] == "南溪县人民政府关于2022年度法治政府建设情况的报告" and p["date"] == "2023-02-28"
    assert p["before"].endswith("全年") and p["after"].startswith(",审结")


def test_statistic_series_spans_counties_and_years(ro):
    from fazhi.graph.browse import metrics, statistic_series

    assert ("受理行政复议案件", 2) in metrics(ro)
    rows = statistic_series(ro, metric="受理行政复议案件")
    assert {(r["subject_name"], r["year"], r["value"]) for r in rows} == {("南溪县", "2022", 57.0),
                                                                        ("北岭县", "2021", 31.0)}


def test_bad_iri_is_a_bad_parameter_not_query_text(ro):
    from fazhi.graph.browse import neighbourhood
    from fazhi.graph.errors import BadParameter

    with pytest.raises(BadParameter):
        neighbourhood(ro, ["x> } ; DROP ALL ; <y"])


def test_drawings_have_the_nodes(ro):
    from fazhi.graph.browse import neighbourhood
    from fazhi.graph.draw import graphml_bytes, png_bytes

    view = neighbourhood(ro, [NANXI])
    xml = graphml_bytes(view).decode("utf-8")
    assert "南溪县人民政府" in xml and xml.count("<node ") == len(view.nodes)
    assert png_bytes(view).startswith(b"\x89PNG")
