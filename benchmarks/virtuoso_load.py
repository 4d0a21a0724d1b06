"""Time a first load of N generated reports into a throw-away Virtuoso, the bulk way and (with --http) the
ingest-over-HTTP way, and check both hold as many quads in fazhi's graphs as the embedded store. Not a test:
figures go to docs/benchmarks.md by hand, with the machine.

    python benchmarks/virtuoso_load.py 1000 [--http] [--http-n 100] [--loaders 2] [--out /tmp/vbench]

Bulk: `fazhi --store S ingest DIR --jobs 2` (extraction and derived graphs, locally), then
deploy/virtuoso/bulk_load.py (one N-Quads file per graph, ld_dir + rdf_loader_run, checkpoint).
HTTP: `fazhi --endpoint … --update-endpoint … ingest DIR --jobs 2` into a second fresh Virtuoso (of the first
``--http-n`` reports when given: over HTTP a thousand take long). The load average is kept at each step (a
shared machine).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.generate import write_corpus  # noqa: E402
from tests import virtuoso  # noqa: E402

OUT = ROOT / "benchmarks" / "out" / "virtuoso"
FAZHI = [str(Path(sys.executable).parent / "fazhi")]


def note(res: dict, key: str, value) -> None:
    """Keep a figure as soon as it is measured (a later phase may fail)."""
    res[key] = value
    print(f"{key}: {value}", flush=True)
    (OUT / f"result-{res['reports']}.json").write_text(json.dumps(res, ensure_ascii=False, indent=1))


def loadavg() -> str:
    return " ".join(open("/proc/loadavg").read().split()[:3])


def timed(cmd: list[str]) -> float:
    t = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])}… failed:\n{r.stderr[-3000:]}")
    return time.monotonic() - t


def main() -> None:
    global OUT
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--http", action="store_true", help="also time fazhi --endpoint ingest into a fresh Virtuoso")
    ap.add_argument("--http-n", type=int, default=0, help="ingest only the first N reports over HTTP")
    ap.add_argument("--loaders", type=int, default=2)
    ap.add_argument("--out", type=Path, default=None, help="reports, stores and databases go here "
                    "(default benchmarks/out/virtuoso)")
    args = ap.parse_args()
    OUT = args.out or OUT
    from fazhi.graph.store import open_store

    reports = OUT / f"reports-{args.n}"
    write_corpus(reports, args.n)
    work = OUT / f"run-{args.n}"
    shutil.rmtree(work, ignore_errors=True)
    res = {"reports": args.n}
    note(res, "load_before_local_ingest", loadavg())
    note(res, "local_ingest_s", timed([*FAZHI, "--store", str(work / "store"), "ingest", str(reports), "--jobs", "2"]))
    with open_store(f"oxigraph:{work / 'store'}", read_only=True) as emb:
        note(res, "quads", sum(1 for _ in emb.quads()))
    server = virtuoso.start(work / "db", buffers=100_000)
    try:
        note(res, "load_before_bulk", loadavg())
        t = time.monotonic()
        r = subprocess.run([sys.executable, str(ROOT / "deploy" / "virtuoso" / "bulk_load.py"), "--store",
                            str(work / "store"), "--dir", str(work / "db" / "load"), "--isql",
                            f"isql-vt 127.0.0.1:{server.sql_port} dba dba", "--loaders", str(args.loaders)],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(r.stderr)
        note(res, "bulk_total_s", time.monotonic() - t)
        note(res, "bulk_log", r.stderr.strip().splitlines())
        note(res, "load_after_bulk", loadavg())
        note(res, "bulk_quads", fazhi_quads(server))
    finally:
        server.stop()
    if args.http:
        if args.http_n:
            reports = _subset(reports, args.http_n, work)
            timed([*FAZHI, "--store", str(work / "store-subset"), "ingest", str(reports), "--jobs", "2"])
            with open_store(f"oxigraph:{work / 'store-subset'}", read_only=True) as emb:
                note(res, "http_expected_quads", sum(1 for _ in emb.quads()))
        else:
            note(res, "http_expected_quads", res["quads"])
        note(res, "http_reports", args.http_n or args.n)
        server = virtuoso.start(work / "db-http", buffers=100_000)
        try:
            note(res, "load_before_http", loadavg())
            note(res, "http_ingest_s", timed([*FAZHI, "--endpoint", server.sparql, "--update-endpoint",
                                              server.sparql, "ingest", str(reports), "--jobs", "2"]))
            note(res, "load_after_http", loadavg())
            note(res, "http_quads", fazhi_quads(server))
        finally:
            server.stop()
    print(json.dumps(res, ensure_ascii=False, indent=1))


def fazhi_quads(server: virtuoso.Virtuoso) -> int:
    """Quads in fazhi's graphs of the server, counted in it (a read of every quad over HTTP stops at
    Virtuoso 7.2's 1,048,576-row cap whatever ResultSetMaxRows says)."""
    out = server.isql("SPARQL SELECT COUNT(*) WHERE { GRAPH ?g { ?s ?p ?o } "
                      "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/fazhi/')) }")
    return int(next(line for line in out.splitlines() if line.strip().isdigit()))


def _subset(reports: Path, n: int, work: Path) -> Path:
    """A folder holding copies of the first ``n`` reports (by name)."""
    folder = work / f"reports-first-{n}"
    folder.mkdir(parents=True, exist_ok=True)
    for p in sorted(reports.iterdir())[:n]:
        shutil.copy(p, folder / p.name)
    return folder


if __name__ == "__main__":
    main()
