"""`fazhi validate` against the SHACL duties, through the real command on a real on-disk store."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import run_fazhi

DATA = Path(__file__).resolve().parent / "data"


def named_units(stdout: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"^(\S+) <https://w3id.org/fazhi/id/agency/[^>]+>: no legal adviser",
                                            stdout, re.M)}


def lacking_today(store) -> set[str]:
    p = run_fazhi("query", "units-without-legal-adviser", "--format", "csv", store=store)
    assert p.returncode == 0, p.stderr
    return {line.split(",")[1] for line in p.stdout.strip().splitlines()[1:]}


def test_roster_with_gaps_names_those_units_and_exits_3(tmp_path):
    store = tmp_path / "s"
    assert run_fazhi("ingest", DATA / "roster_gaps_gbk_english.csv", store=store).returncode == 0
    p = run_fazhi("validate", "--as-of", "2021-06-30", store=store)
    assert p.returncode == 3, p.stdout + p.stderr
    assert named_units(p.stdout) == {"示例县人民法院", "示例县公安局", "示例县城关镇人民政府"}
    assert "expired 2020-12-31" in p.stdout and "none recorded" in p.stdout
    # without --as-of the duty date is today: the same units as the query's default
    p = run_fazhi("validate", store=store)
    assert p.returncode == 3
    assert named_units(p.stdout) == lacking_today(store)
    assert dt.date.today().isoformat() in p.stdout


def test_clean_roster_conforms(tmp_path):
    store = tmp_path / "s"
    assert run_fazhi("ingest", DATA / "roster_clean.csv", store=store).returncode == 0
    p = run_fazhi("validate", store=store)
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.strip() == "conforms"
    assert run_fazhi("validate", "--as-of", "2019-06-30", store=store).returncode == 3


def test_bad_as_of_is_a_one_line_error(tmp_path):
    p = run_fazhi("validate", "--as-of", "June", store=tmp_path / "s")
    assert p.returncode == 2 and p.stderr.startswith("error: ") and "Traceback" not in p.stderr


def test_seed_report_meets_the_report_duty(disk_store, seed_report):
    """The seed report has its issuer, period and date: no report-shape violation names it."""
    from fazhi.graph.validate import validate_store
    from fazhi.loaders.ingest import ingest

    ingest(disk_store, [seed_report])
    assert [v.line() for v in validate_store(disk_store) if v.message.startswith("report has")] == []


def test_facts_without_evidence_unit_or_report_fields(disk_store):
    """Shapes for reports, statistics and evidence: each missing field is one violation, with the quote."""
    from pyoxigraph import Literal, NamedNode, Triple

    from fazhi.graph.validate import validate_store
    from fazhi.ontology.vocab import FZ, OA, RDF, RDFS

    g = NamedNode("https://w3id.org/fazhi/source/test")
    rep, st, st2, ev, sel = (NamedNode(f"https://w3id.org/fazhi/id/test/{n}") for n in
                             ("report", "stat", "stat2", "ev", "sel"))
    quads = [(rep, RDF.type, FZ.Report), (rep, RDFS.label, Literal("某县2020年度报告")),
             (st, RDF.type, FZ.Statistic), (st, RDFS.label, Literal("办结案件 23")),
             (st, FZ.value, Literal("23")), (st, FZ.evidence, ev), (ev, RDF.type, FZ.Evidence),
             (ev, OA.hasSource, rep), (ev, OA.hasSelector, sel), (sel, OA.exact, Literal("共办结案件23")),
             (st2, RDF.type, FZ.Statistic), (st2, FZ.value, Literal("5")), (st2, FZ.unit, Literal("件"))]
    disk_store.replace_graph(g, [Triple(*q) for q in quads])
    v = validate_store(disk_store)
    got = sorted((x.focus.rsplit("/", 1)[-1], x.message, x.evidence) for x in v)
    assert got == [
        ("report", "report has no date (its signing date)", ""),
        ("report", "report has no issuer", ""),
        ("report", "report has no period (the year it covers)", ""),
        ("stat", "statistic has no unit", "共办结案件23"),
        ("stat2", "fact has no evidence (source passage)", ""),
    ]
