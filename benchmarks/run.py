"""`make bench` / `make bench-quick`: measure fazhi at several corpus sizes and write docs/benchmarks.md.

    python benchmarks/run.py --quick                  # one small size, under a minute, ratios on the last line
    python benchmarks/run.py --sizes 10,100,1000      # the full run; writes docs/benchmarks.md
    python benchmarks/run.py --sizes 10,100,1000,10000
    python benchmarks/run.py --queries 360            # only the named queries at ~1 M triples, table on stdout
    python benchmarks/run.py --real 200               # real-size reports: ingest (default, --bulk) and the CLI

Each measurement runs in its own process (benchmarks/phases.py) so peak memory is per phase. Synthetic
reports come from benchmarks/generate.py and are cached under benchmarks/out/ (git-ignored).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
# tables over the whole store (one row per agency, document, link, statistic, duty, award, roster unit, report or
# assignment; GROUP BY / GROUP_CONCAT): the 500 ms target. The others look up from one node: 100 ms.
QUICK_REAL = 10   # real-size reports in `make bench-quick` (with the 57 real openings: ~0.4 MB)
AGGREGATES = {"agencies", "documents", "citations", "statistics", "obligations", "awards",
              "units-without-legal-adviser", "report-timeliness", "duty-fulfilment"}


def part(q: dict, label: str) -> dict:
    """A query's ``page`` or ``full`` measurement (results from before paging hold only the full one)."""
    return q.get(label, {}) if ("page" in q or "full" in q) else (q if label == "full" else {})


def phase(name: str, n: int, out: Path, **kw) -> dict:
    cmd = [sys.executable, str(ROOT / "benchmarks" / "phases.py"), name, str(n), str(out), json.dumps(kw)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"phase {name} {n} failed:\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def machine() -> dict:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = ""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1048576:.1f} GiB"
    versions = {}
    for pkg in ("fazhi", "pyoxigraph", "oxigraph", "rdflib", "SPARQLWrapper"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = "-"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    load = os.getloadavg()[0]
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(),
            "os": platform.platform(), "versions": versions, "commit": commit, "load1": load,
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def real(n: int, jobs: int, out: Path, log) -> dict:
    """Real-size reports (the seed re-issued, benchmarks/reissue.py, plus the real openings): `fazhi ingest
    --bulk`, then the default whole-or-nothing `fazhi ingest` into a fresh store, then `fazhi query` of a one-row
    query on that store."""
    log(f"{n} real-size reports: ingest --bulk ...")
    bulk = phase("real", n, out, jobs=jobs, bulk=True)
    log(f"{n} real-size reports: ingest ...")
    default = phase("real", n, out, jobs=jobs)
    log("fazhi query of a one-row query ...")
    return {"reports": n, "ingest": default, "bulk": bulk, "cli": phase("cli", n, out)}


def measure(sizes: list[int], jobs: int, quick: bool, log, extract: dict | None = None) -> dict:
    out = OUT / ("quick" if quick else "full")
    res = {"machine": machine(), "jobs": jobs, "sizes": {}}
    if quick:
        res["real"] = real(QUICK_REAL, jobs, OUT / "quick-real", log)
    if extract is None:
        log(f"extraction (single core) on up to {60 if quick else 300} reports ...")
        extract = phase("extract", max(sizes), out, sample=60 if quick else 300)
    res["extract"] = extract
    for n in sizes:
        log(f"{n} reports: ingest ...")
        r = {"ingest": phase("ingest", n, out, jobs=jobs)}
        log(f"{n} reports: write path vs bulk loader ...")
        r["write"] = phase("write", n, out, jobs=jobs)
        if r["write"]["triples"] <= 1_600_000:
            log(f"{n} reports: named queries, taking turns with rdflib ...")
            r.update(phase("compare", n, out, reps=5 if quick else 20, rdflib_reps=1 if quick else 3,
                           budget=2.0 if quick else 30.0))
        else:
            log(f"{n} reports: named queries ...")
            r["query"] = phase("query", n, out, reps=5 if quick else 20, budget=4.0 if quick else 30.0)
        res["sizes"][str(n)] = r
    return res


def rdflib_size(res: dict) -> str | None:
    """The largest size at which rdflib was measured (the query comparison is made there)."""
    sizes = [n for n, r in res["sizes"].items() if "rdflib" in r]
    return max(sizes, key=int) if sizes else None


def ratios(res: dict) -> dict:
    """The headline ratios at the largest size measured."""
    ex = res["extract"]
    n = max(res["sizes"], key=int)
    r = res["sizes"][n]
    w = r["write"]
    nr = rdflib_size(res)
    page = speedups(res["sizes"][nr], "page") if nr else []
    full = speedups(res["sizes"][nr], "full") if nr else []
    return {"reports": int(n), "triples": w["triples"], "rdflib_reports": int(nr) if nr else None,
            "extract_vs_regex": ex["extract_cps"] / ex["regex_cps"],
            "extract_mb_s": ex["extract_cps"] * ex.get("bytes_per_char", 3) / 1e6,
            "write_vs_bulk_load": w["fazhi_bulk_s"] / w["bulk_load_s"],
            "atomic_vs_bulk_load": w["fazhi_atomic_s"] / w["bulk_load_s"],
            "rdflib_load_vs_write": (res["sizes"][nr]["rdflib"]["load_s"] / res["sizes"][nr]["write"]["fazhi_bulk_s"])
            if nr else None,
            "query_speedup_min": page[0] if page else None,
            "query_speedup_median": page[len(page) // 2] if page else None,
            "full_speedup_min": full[0] if full else None,
            "full_speedup_median": full[len(full) // 2] if full else None,
            "slowest_page": slowest(r, "page"), "slowest_full": slowest(r, "full"), "real": res.get("real")}


def speedups(r: dict, label: str) -> list[float]:
    """rdflib p50 / fazhi p50 of every query both answered, sorted (``label``: "page" or "full")."""
    out = []
    for name, q in r["query"]["queries"].items():
        mine, theirs = part(q, label), part(r.get("rdflib", {}).get("queries", {}).get(name, {}), label)
        if "p50" in theirs and mine.get("p50", 0) > 0:
            out.append(theirs["p50"] / mine["p50"])
    return sorted(out)


def slowest(r: dict, label: str) -> tuple[str, float] | None:
    """The named query with the largest fazhi p50 (ms) for ``label`` ("page" or "full") at one size."""
    times = [(name, part(q, label).get("p50")) for name, q in r.get("query", {}).get("queries", {}).items()]
    times = [t for t in times if t[1] is not None]
    return max(times, key=lambda t: t[1]) if times else None


def real_line(rl: dict) -> str:
    """The real-size figures: ingest MB/s (default and --bulk) with the cores kept busy, the CLI's one-row query."""
    i, b, c = rl["ingest"], rl["bulk"], rl["cli"]
    return (f"real-size ingest @ {i['files']} files / {i['mb']:.2f} MB / {i['triples']} triples: "
            f"{i['mb_s']:.2f} MB/s ({i['cores_busy']:.2f} cores busy), --bulk {b['mb_s']:.2f} MB/s "
            f"({b['cores_busy']:.2f} cores); `fazhi query` one row {c['min_ms']:.0f} ms (min of {c['runs']}, "
            f"median {c['p50_ms']:.0f}); load average {i['load1']:.1f}")


def last_line(rt: dict) -> str:
    def f(x, fmt="{:.2f}"):
        return "n/a" if x is None else fmt.format(x)

    pages = "".join(f"; slowest {what} {s[0]} {s[1]:.0f} ms" for what, s in
                    (("first page", rt.get("slowest_page")), ("whole result", rt.get("slowest_full"))) if s)
    real_ = f"; {real_line(rt['real'])}" if rt.get("real") else ""
    return (f"ratios @ {rt['reports']} reports / {rt['triples']} triples: "
            f"extraction/regex {f(rt['extract_vs_regex'], '{:.3f}')}"
            f" ({f(rt['extract_mb_s'])} MB/s/core); ingest write/bulk_load {f(rt['write_vs_bulk_load'])}"
            f" (atomic {f(rt['atomic_vs_bulk_load'])});"
            f" rdflib load/fazhi write {f(rt['rdflib_load_vs_write'], '{:.1f}')}x;"
            f" query speed-up vs rdflib (@ {rt.get('rdflib_reports')} reports)"
            f" first page min {f(rt['query_speedup_min'], '{:.1f}')}x"
            f" median {f(rt['query_speedup_median'], '{:.1f}')}x,"
            f" whole result min {f(rt.get('full_speedup_min'), '{:.1f}')}x"
            f" median {f(rt.get('full_speedup_median'), '{:.1f}')}x{pages}{real_}")


def queries_only(n: int, jobs: int, log) -> int:
    """The named queries at ``n`` reports: a fresh `fazhi ingest --jobs J`, the app's path and rdflib."""
    from benchmarks import query_table

    out = OUT / "queries"
    t0 = time.perf_counter()
    log(f"{n} reports: ingest ...")
    ing = phase("ingest", n, out, jobs=jobs)
    log(f"{n} reports: named queries, taking turns with rdflib ...")
    r = {"ingest": ing, **phase("compare", n, out, reps=20, rdflib_reps=3, budget=30.0)}
    res = {"machine": machine(), "jobs": jobs, "reports": n, "triples": ing["triples"], "sizes": {str(n): r},
           "total_s": time.perf_counter() - t0}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"queries-{n}.json").write_text(json.dumps(res, indent=1, ensure_ascii=False))
    m = res["machine"]
    print(f"{n:,} reports, {ing['triples']:,} triples; commit {m['commit']}, {m['date']}, load average at start "
          f"{m['load1']:.1f}; rdflib load {r['rdflib']['load_s']:.0f} s; whole run {res['total_s'] / 60:.1f} min\n")
    print("\n".join(query_table.table(r) + [""] + query_table.targets(r, ing["triples"])))
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="one small size, under a minute")
    ap.add_argument("--sizes", default="10,100,1000", help="comma-separated corpus sizes (reports)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--doc", default=str(ROOT / "docs" / "benchmarks.md"), help="where the full run writes")
    ap.add_argument("--merge", action="store_true", help="add these sizes to the last full run's results")
    ap.add_argument("--render", action="store_true", help="only rewrite the doc from the last full run's results")
    ap.add_argument("--queries", type=int, metavar="N",
                    help="only the named queries at N reports (fresh `fazhi ingest`, the app's path, rdflib); "
                         "writes benchmarks/out/queries-N.json and prints the table")
    ap.add_argument("--real", type=int, metavar="N",
                    help="only real-size reports: N re-issued seeds plus the openings, `fazhi ingest` (default and "
                         "--bulk) and `fazhi query`; writes benchmarks/out/real-N.json")
    args = ap.parse_args(argv)
    sizes = [60] if args.quick else [int(s) for s in args.sizes.split(",")]

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    if args.queries:
        return queries_only(args.queries, args.jobs, log)
    if args.real:
        rl = real(args.real, args.jobs, OUT / "real", log)
        rl["machine"] = machine()
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / f"real-{args.real}.json").write_text(json.dumps(rl, indent=1, ensure_ascii=False))
        print(real_line(rl))
        return 0
    if args.render:
        from benchmarks.report import render

        res = json.loads((OUT / "full.json").read_text())
        res["ratios"] = ratios(res)
        Path(args.doc).write_text(render(res), encoding="utf-8")
        print(last_line(res["ratios"]))
        return 0
    t0 = time.perf_counter()
    prev = json.loads((OUT / "full.json").read_text()) if args.merge else None
    res = measure(sizes, args.jobs, args.quick, log, extract=prev["extract"] if prev else None)
    if prev:
        prev["sizes"].update(res["sizes"])
        res["sizes"] = prev["sizes"]
        res["total_s"] = prev["total_s"]
    res["ratios"] = ratios(res)
    res["total_s"] = res.get("total_s", 0) + time.perf_counter() - t0
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / ("quick.json" if args.quick else "full.json")).write_text(json.dumps(res, indent=1, ensure_ascii=False))
    if not args.quick:
        from benchmarks.report import render

        Path(args.doc).write_text(render(res), encoding="utf-8")
        log(f"wrote {args.doc}")
    print(last_line(res["ratios"]))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
