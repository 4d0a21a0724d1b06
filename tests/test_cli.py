"""The command line of CONTRACT.md: exit statuses, error lines, no tracebacks. Run in this process through
``fazhi.app.cli.main``; the real console script in a subprocess where the process is the point (its exit
statuses, UTF-8 on stdout)."""
from __future__ import annotations

import csv
import io
import json

from conftest import run_fazhi, run_fazhi_process


def rows(out: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(out)))


def test_ingest_examples_then_query_each_format(store_dir, examples_dir):
    p = run_fazhi("ingest", examples_dir, store=store_dir)
    assert p.returncode == 0, p.stderr
    assert len(p.stdout.strip().splitlines()) == 4, "one summary line per file (report, roster, two case ledgers)"
    p = run_fazhi("query", "units-without-legal-adviser", "--param", "as_of=2024-01-01", "--format", "csv",
                  store=store_dir)
    assert p.returncode == 0, p.stderr
    got = {r["name"]: r["reason"] for r in rows(p.stdout)}
    assert got == {"清源县行政审批服务局": "none recorded", "白沙街道办事处": "none recorded",
                   "清源县市场监督管理局": "expired 2023-06-30", "清源县人民法院": "expired 2022-12-31"}
    p = run_fazhi("query", "documents", "--format", "json", store=store_dir)
    data = json.loads(p.stdout)
    assert data["head"]["vars"][:3] == ["document", "title", "number"]
    p = run_fazhi("query", "agencies", "--format", "table", store=store_dir)
    assert p.returncode == 0 and "rows" in p.stdout


def test_seed_report_row(store_dir, seed_report):
    assert run_fazhi("ingest", seed_report, store=store_dir).returncode == 0
    p = run_fazhi("query", "documents", "--format", "csv", store=store_dir)
    row = next(r for r in rows(p.stdout) if r["number"] == "上政文〔2021〕14号")
    assert row["title"] == "上蔡县人民政府关于上蔡县2020年度法治政府建设工作情况的报告"
    assert row["issuer_name"] == "上蔡县人民政府"
    assert row["date"] == "2021-03-01"


def test_ingesting_twice_keeps_the_quad_count(store_dir, examples_dir):
    from fazhi.graph.store import open_store

    run_fazhi("ingest", examples_dir, store=store_dir)
    with open_store(f"oxigraph:{store_dir}", read_only=True) as s:
        first = s.quad_count()
    assert run_fazhi("ingest", examples_dir, store=store_dir).returncode == 0
    with open_store(f"oxigraph:{store_dir}", read_only=True) as s:
        assert s.quad_count() == first > 0


def test_exit_statuses_and_one_line_errors(store_dir, tmp_path, examples_dir):
    missing = tmp_path / "nope.txt"
    p = run_fazhi("ingest", missing, examples_dir, store=store_dir)
    assert p.returncode == 1
    assert p.stderr.strip().splitlines() == [f"error: {missing}: no such file or folder"]
    assert "Traceback" not in p.stderr

    p = run_fazhi("query", "no-such-query", store=store_dir)
    assert p.returncode == 2 and p.stderr.startswith("error: ") and len(p.stderr.strip().splitlines()) == 1

    p = run_fazhi("query", "units-without-legal-adviser", "--param", "as_of=30/06/2021", store=store_dir)
    assert p.returncode == 2 and "not a date" in p.stderr

    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?s WHERE { ?s ?p }", encoding="utf-8")
    p = run_fazhi("query", bad, store=store_dir)
    assert p.returncode == 2 and "syntax" in p.stderr and "Traceback" not in p.stderr

    upd = tmp_path / "upd.rq"
    upd.write_text("DELETE WHERE { ?s ?p ?o }", encoding="utf-8")
    p = run_fazhi("query", upd, store=store_dir)
    assert p.returncode == 2 and "read-only" in p.stderr
    p = run_fazhi("query", "agencies", "--format", "csv", store=store_dir)
    assert len(rows(p.stdout)) > 0, "the refused update changed nothing"

    p = run_fazhi("frobnicate", store=store_dir)
    assert p.returncode == 2 and "Traceback" not in p.stderr


def test_queries_lists_every_named_query(store_dir):
    p = run_fazhi("queries", store=store_dir)
    assert p.returncode == 0
    names = {line.split("\t")[0] for line in p.stdout.splitlines()}
    assert {"agencies", "documents", "units-without-legal-adviser", "obligation-chain", "evidence"} <= names


def test_export_writes_each_format(store_dir, examples_dir, tmp_path):
    run_fazhi("ingest", examples_dir, store=store_dir)
    for fmt in ("ttl", "trig", "nq", "jsonld", "graphml"):
        out = tmp_path / f"kg.{fmt}"
        p = run_fazhi("export", "--format", fmt, "-o", out, store=store_dir)
        assert p.returncode == 0, p.stderr
        assert out.stat().st_size > 1000
    p = run_fazhi("export", "--format", "nq", store=store_dir)
    assert p.returncode == 0 and p.stdout.count("\n") > 100


def test_evidence_query_points_at_the_quoted_text(store_dir, examples_dir):
    run_fazhi("ingest", examples_dir, store=store_dir)
    p = run_fazhi("query", "documents", "--format", "csv", store=store_dir)
    doc = next(r["document"] for r in rows(p.stdout) if r["number"] == "江发〔2021〕8号")
    p = run_fazhi("query", "evidence", "--param", f"node={doc}", "--format", "csv", store=store_dir)
    ev = rows(p.stdout)
    assert ev and "江北省法治政府建设实施方案" in ev[0]["text"]
    assert int(ev[0]["end"]) - int(ev[0]["start"]) == len(ev[0]["text"])


def test_the_console_script_exit_statuses_and_utf8_output(store_dir, tmp_path, examples_dir):
    """The installed `fazhi` in its own process: exit 0 / 1 / 2 with one `error:` line each, Chinese on stdout."""
    missing = tmp_path / "nope.txt"
    p = run_fazhi_process("ingest", missing, examples_dir, store=store_dir)
    assert p.returncode == 1 and p.stderr.strip().splitlines() == [f"error: {missing}: no such file or folder"]
    assert len(p.stdout.strip().splitlines()) == 4, "one summary line per file (report, roster, two case ledgers)"
    p = run_fazhi_process("query", "documents", "--format", "csv", store=store_dir)
    assert p.returncode == 0 and p.stderr == ""
    assert "江发〔2021〕8号" in {r["number"] for r in rows(p.stdout)}
    p = run_fazhi_process("query", "no-such-query", store=store_dir)
    assert p.returncode == 2 and p.stderr.startswith("error: ") and len(p.stderr.strip().splitlines()) == 1


def test_query_file_of_every_form(store_dir, examples_dir, tmp_path):
    """ASK answers true/false (JSON: the SPARQL boolean result), CONSTRUCT answers Turtle, as CONTRACT.md says."""
    assert run_fazhi("ingest", examples_dir, store=store_dir).returncode == 0
    yes, no, graph = tmp_path / "yes.rq", tmp_path / "no.rq", tmp_path / "graph.rq"
    yes.write_text("ASK { ?d a fz:Document }", encoding="utf-8")
    no.write_text("ASK { ?d a <http://example.org/Nothing> }", encoding="utf-8")
    graph.write_text("CONSTRUCT { ?r a fz:Report } WHERE { ?r a fz:Report }", encoding="utf-8")
    p = run_fazhi("query", yes, store=store_dir)
    assert (p.returncode, p.stdout) == (0, "true\n"), p.stderr
    assert run_fazhi("query", no, "--format", "csv", store=store_dir).stdout == "false\n"
    assert json.loads(run_fazhi("query", yes, "--format", "json", store=store_dir).stdout)["boolean"] is True
    p = run_fazhi("query", graph, store=store_dir)
    assert p.returncode == 0 and p.stdout.count(" a <https://w3id.org/fazhi/ontology#Report> .") == 1, p.stdout


def test_query_stops_at_its_time_limit(store_dir, examples_dir, tmp_path):
    """The CLI runs a query in its own process: past --timeout it still ends, with one error line."""
    assert run_fazhi("ingest", examples_dir, store=store_dir).returncode == 0
    slow = tmp_path / "slow.rq"
    slow.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", encoding="utf-8")
    p = run_fazhi_process("--timeout", "1", "query", slow, store=store_dir, timeout=60)   # (its own process: it is stopped)
    assert p.returncode == 2 and p.stderr.startswith("error: ") and "time limit" in p.stderr, p.stderr
