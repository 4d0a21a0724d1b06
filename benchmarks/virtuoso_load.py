"""Time a first load of N generated reports into a throw-away Virtuoso, the bulk way and (with --http) the
ingest-over-HTTP way, and check both hold exactly the embedded store's quads. Not a test: figures go to
docs/benchmarks.md by hand, with the machine.

    python benchmarks/virtuoso_load.py 1000 [--http] [--loaders 2]

Bulk: `fazhi --store S ingest DIR --jobs 2` (extraction and derived graphs, locally), then
deploy/virtuoso/bulk_load.py (one N-Quads file per graph, ld_dir + rdf_loader_run, checkpoint).
HTTP: `fazhi --endpoint … --update-endpoint … ingest DIR --jobs 2` into a second fresh Virtuoso.
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


def timed(cmd: list[str]) -> float:
    t = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])}… failed:\n{r.stderr[-3000:]}")
    return time.monotonic() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--http", action="store_true", help="also time fazhi --endpoint ingest into a fresh Virtuoso")
    ap.add_argument("--loaders", type=int, default=2)
    args = ap.parse_args()
    from fazhi.graph.store import open_store

    reports = OUT / f"reports-{args.n}"
    write_corpus(reports, args.n)
    work = OUT / f"run-{args.n}"
    shutil.rmtree(work, ignore_errors=True)
    res = {"reports": args.n, "load_average_at_start": open("/proc/loadavg").read().split()[:3]}
    note(res, "local_ingest_s", timed([*FAZHI, "--store", str(work / "store"), "ingest", str(reports), "--jobs", "2"]))
    with open_store(f"oxigraph:{work / 'store'}", read_only=True) as emb:
        expected = set(emb.quads())
    note(res, "quads", len(expected))
    server = virtuoso.start(work / "db", buffers=100_000)
    try:
        t = time.monotonic()
        r = subprocess.run([sys.executable, str(ROOT / "deploy" / "virtuoso" / "bulk_load.py"), "--store",
                            str(work / "store"), "--dir", str(work / "db" / "load"), "--isql",
                            f"isql-vt 127.0.0.1:{server.sql_port} dba dba", "--loaders", str(args.loaders)],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(r.stderr)
        note(res, "bulk_total_s", time.monotonic() - t)
        note(res, "bulk_log", r.stderr.strip().splitlines())
        note(res, "bulk_same_quads", set(open_store(server.descriptor).quads()) == expected)
    finally:
        server.stop()
    if args.http:
        server = virtuoso.start(work / "db-http", buffers=100_000)
        try:
            note(res, "http_ingest_s", timed([*FAZHI, "--endpoint", server.sparql, "--update-endpoint",
                                              server.sparql, "ingest", str(reports), "--jobs", "2"]))
            note(res, "http_same_quads", set(open_store(server.descriptor).quads()) == expected)
        finally:
            server.stop()
    print(json.dumps(res, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
