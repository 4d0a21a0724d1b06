"""`report-timeliness`: annual reports are due by the end of the first quarter after their period."""
from __future__ import annotations

from pathlib import Path

from pyoxigraph import Literal, NamedNode, Triple

from fazhi.loaders.ingest import ingest
from fazhi.ontology.vocab import ELI, FZ, RDF, RDFS, XSD
from fazhi.queries import run_named

DATA = Path(__file__).resolve().parent / "data"


def table(store, **params) -> dict[str, dict]:
    res = run_named(store, "report-timeliness", params)
    assert res.columns[:7] == ["report", "title", "issuer_name", "period", "date", "deadline", "on_time"]
    out = {}
    for r in res.rows:
        row = dict(zip(res.columns, ("" if v is None else v.value for v in r)))
        out[row["title"]] = row
    return out


def test_invented_reports_on_time_and_late(disk_store):
    ingest(disk_store, [DATA / "chain"])
    t = table(disk_store)
    assert set(t) == {"示例县人民政府关于示例县2020年度法治政府建设工作情况的报告",
                      "示例县人民政府关于示例县2019年度法治政府建设工作情况的报告"}   # notices left out
    on_time = t["示例县人民政府关于示例县2020年度法治政府建设工作情况的报告"]
    late = t["示例县人民政府关于示例县2019年度法治政府建设工作情况的报告"]
    assert (on_time["period"], on_time["date"], on_time["deadline"], on_time["on_time"]) == \
        ("2020", "2021-03-20", "2021-03-31", "yes")
    assert (late["period"], late["date"], late["deadline"], late["on_time"]) == \
        ("2019", "2020-05-08", "2020-03-31", "no")
    assert list(table(disk_store, period="2019")) == ["示例县人民政府关于示例县2019年度法治政府建设工作情况的报告"]


def test_imprecise_and_missing_dates(disk_store):
    g = NamedNode("https://w3id.org/fazhi/source/t")
    triples = []
    for name, period, date, published in (("a", "2020", Literal("2021-03", datatype=XSD.gYearMonth), None),
                                          ("b", "2020", Literal("2021-04", datatype=XSD.gYearMonth), None),
                                          ("c", "2020", Literal("2021", datatype=XSD.gYear), None),
                                          ("d", "2020", Literal("2022", datatype=XSD.gYear), None),
                                          ("e", "2020", None, Literal("2021-02-01", datatype=XSD.date)),
                                          ("f", "2020", None, Literal("2021-05-01", datatype=XSD.date)),
                                          ("g", "2020", Literal("2021-03-31", datatype=XSD.date), None)):
        r = NamedNode(f"https://w3id.org/fazhi/id/test/{name}")
        triples += [Triple(r, RDF.type, FZ.Report), Triple(r, ELI.title, Literal(name)),
                    Triple(r, FZ.period, Literal(period))]
        if date is not None:
            triples.append(Triple(r, ELI.date_document, date))
        if published is not None:
            triples.append(Triple(r, FZ.generatedDate, published))
    triples.append(Triple(NamedNode("https://w3id.org/fazhi/id/test/a"), RDFS.label, Literal("a")))
    disk_store.replace_graph(g, triples)
    got = {k: (v["on_time"], v["basis"]) for k, v in table(disk_store).items()}
    assert got == {"a": ("yes", "signed"), "b": ("no", "signed"), "c": ("unknown", ""), "d": ("no", "signed"),
                   "e": ("yes", "published"), "f": ("unknown", ""), "g": ("yes", "signed")}


def test_seed_report_on_time(disk_store, seed_report):
    ingest(disk_store, [seed_report])
    [row] = table(disk_store).values()
    assert (row["period"], row["date"], row["on_time"]) == ("2020", "2021-03-01", "yes")
