"""Every report has a readable title: its title line (plans' titles that end in the years they cover too), else
its issuer and period; `documents` gives it (its `label` column) for every report of the shared corpus, while
its `title` stays what the text prints (a title no text states would be a document the scorer's gold lacks)."""
from __future__ import annotations

import csv
import io

import pytest
from conftest import CORPUS, run_fazhi

from fazhi.loaders import facts as F
from fazhi.loaders.emit import report_label
from fazhi.loaders.structure import read_structure


@pytest.mark.parametrize("text, title", [
    # invented plan titles on a line of their own, followed by the years they cover
    ("青河市法治政府建设规划(2016—2020年)\n\n为深入推进依法行政，制定本规划。\n",
     "青河市法治政府建设规划(2016—2020年)"),
    ("北山县法治社会建设实施纲要（2021-2025年）\n一、总体要求\n", "北山县法治社会建设实施纲要（2021-2025年）"),
    # a report's title line as before
    ("南岭县人民政府关于2023年度法治政府建设情况的报告\n市政府：\n现将有关情况报告如下。\n",
     "南岭县人民政府关于2023年度法治政府建设情况的报告"),
])
def test_title_line_is_found(text, title):
    st = read_structure(text)
    assert st.title == title and text[st.title_span[0]:st.title_span[1]] == title


@pytest.mark.parametrize("text", [
    "2023年，我县深入推进法治政府建设（2021—2025年），取得新成效。\n一、主要举措\n",  # a sentence, not a title
    "(2016—2020年)\n一、总体要求\n",                                                  # years without a title word
])
def test_years_alone_make_no_title(text):
    assert read_structure(text).title == ""


def test_report_without_title_line_is_called_by_issuer_and_period():
    assert report_label(F.ReportMeta(issuer="东平县人民政府", period="2023"), "a/b.txt") == "东平县人民政府2023年度报告"
    assert report_label(F.ReportMeta(issuer="东平县人民政府"), "a/b.txt") == "东平县人民政府报告"
    assert report_label(F.ReportMeta(number="东政〔2024〕3号"), "a/b.txt") == "东政〔2024〕3号"
    assert report_label(F.ReportMeta(title="东平县2023年法治政府建设情况", issuer="东平县人民政府"), "b.txt") \
        == "东平县2023年法治政府建设情况"


def test_untitled_report_gets_its_issuer_and_period_in_documents(tmp_path):
    """A report whose text starts with its first paragraph: `documents` (its label) and the graph's label still
    name it; its title and eli:title stay empty (the text states none)."""
    text = ("东平县人民政府\n2023年，东平县坚持依法行政，全面推进法治政府建设。现将有关情况报告如下：\n"
            "一、主要举措\n全年办结行政复议案件12件。\n\n东平县人民政府\n2024年2月20日\n")
    (tmp_path / "dongping.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    r = run_fazhi("ingest", tmp_path / "dongping.txt", store=store)
    assert r.returncode == 0, r.stderr
    rows = documents(store)
    report = [d for d in rows if d["kind"] == "report"]
    assert [(d["title"], d["label"]) for d in report] == [("", "东平县人民政府2023年度报告")]
    q = tmp_path / "t.rq"
    q.write_text("SELECT (COUNT(?t) AS ?n) WHERE { ?r a fz:Report . OPTIONAL { ?r eli:title ?t } }", encoding="utf-8")
    r = run_fazhi("query", q, "--format", "csv", store=store)
    assert r.stdout.splitlines() == ["n", "0"]  # no eli:title invented


def documents(store) -> list[dict]:
    r = run_fazhi("query", "documents", "--format", "csv", "--limit", "100000", store=store)
    assert r.returncode == 0, r.stderr
    return list(csv.DictReader(io.StringIO(r.stdout)))


@pytest.mark.slow
def test_every_report_of_the_shared_corpus_has_a_title_in_documents(corpus_store, tmp_path):
    q = tmp_path / "reports.rq"
    q.write_text("SELECT DISTINCT ?r ?f WHERE { ?r a fz:Report ; fz:sourceFile ?f }", encoding="utf-8")
    r = run_fazhi("query", q, "--format", "csv", "--limit", "100000", store=corpus_store)
    reports = {row["r"]: row["f"] for row in csv.DictReader(io.StringIO(r.stdout))}
    folders = [f for f in (CORPUS, CORPUS / "dev", CORPUS / "dev2") if f.is_dir()]
    assert len(set(reports.values())) == len([p for f in folders for p in f.glob("*.txt")])  # every file is there
    docs = {d["document"]: d for d in documents(corpus_store)}
    untitled = sorted(f for iri, f in reports.items() if not docs.get(iri, {}).get("label", "").strip())
    assert not untitled
    # a title the text prints is the label too; no other title is made up
    assert all(d["label"] == d["title"] for d in docs.values() if d["title"])
    assert 0 < sum(1 for iri in reports if not docs[iri]["title"]) < len(reports)
