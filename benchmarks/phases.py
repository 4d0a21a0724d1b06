"""One measurement per call, each run in its own process (so its peak memory is its own).

``python benchmarks/phases.py PHASE N OUT_DIR [options]`` prints one JSON object on its last stdout line.
Phases: extract (throughput vs a plain regex scan), ingest (the real `fazhi ingest` end to end, and a
re-run that skips), write (fazhi's write path vs pyoxigraph's bulk loader on the same N-Quads), query
(every named query on the on-disk store, the app's path), rdflib (the same N-Quads and queries on rdflib's
in-memory Dataset), compare (query and rdflib taking turns query by query, for ratios a drifting machine does
not skew).
The query phases (query, labels, rdflib, compare) live in benchmarks/query_phases.py.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import write_corpus  # noqa: E402
from benchmarks.query_phases import (peak_mb, phase_compare, phase_labels, phase_query,  # noqa: E402
                                     phase_rdflib)

# a plain scan for what the extractors look for: titles, document numbers, numbers with units
REGEXES = [re.compile(r"《([^《》\n]{2,120})》"),
           re.compile(r"[\u4e00-\u9fff]{1,10}\s*[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,4}\s*号"),
           re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)?\s*(件|人次|人|个|%|场次|起|份|家|项|次|天|日)")]


def corpus(n: int, out: Path) -> Path:
    d = out / f"corpus-{n}"
    write_corpus(d, n)
    return d


def phase_extract(n: int, out: Path, sample: int = 300) -> dict:
    """Single-process extraction rate (characters per second per core) against a regex scan of the same text."""
    from fazhi.loaders.ingest import extract_file

    files = sorted(corpus(n, out).iterdir())[:sample]
    texts = [f.read_text(encoding="utf-8") for f in files]
    chars = sum(len(t) for t in texts)
    extract_file(str(files[0]))  # warm: dictionaries, regex compilation
    t0 = time.process_time()
    for f in files:
        ex = extract_file(str(f))
        assert not ex.error, ex.error
    t_ex = time.process_time() - t0
    t0 = time.process_time()
    reps = 20
    for _ in range(reps):
        for t in texts:
            for rx in REGEXES:
                for _m in rx.finditer(t):
                    pass
    t_rx = (time.process_time() - t0) / reps
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    return {"files": len(files), "chars": chars, "bytes_per_char": nbytes / chars, "extract_s": t_ex, "regex_s": t_rx,
            "extract_cps": chars / t_ex, "regex_cps": chars / t_rx}


def phase_ingest(n: int, out: Path, jobs: int = 2) -> dict:
    """`fazhi ingest DIR --jobs J` end to end into a fresh on-disk store, then again (everything skipped)."""
    d = corpus(n, out)
    store = out / f"store-{n}"
    shutil.rmtree(store, ignore_errors=True)
    # the real CLI entry point, in a process that reports its own peak memory apart from its workers'
    code = ("import resource, sys\nfrom fazhi.app.cli import main\ncode = main(sys.argv[1:])\n"
            "print('rss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
            " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\nsys.exit(code)")
    exe = [sys.executable, "-c", code, "--store", str(store), "ingest", str(d), "--jobs", str(jobs), "--summary"]
    t0 = time.perf_counter()
    r = subprocess.run(exe, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    assert r.returncode == 0, r.stderr[-2000:]
    err = r.stderr.strip().splitlines()
    parent_kb, workers_kb = map(int, err[-1].split()[1:])
    tally = err[-2]
    t0 = time.perf_counter()
    r2 = subprocess.run(exe, capture_output=True, text=True)
    rerun = time.perf_counter() - t0
    skipped = r2.stdout.count("unchanged, skipped")
    triples = int(re.search(r"s: (\d+) triples", tally).group(1))
    return {"files": n, "wall_s": wall, "rerun_s": rerun, "rerun_skipped": skipped, "triples": triples,
            "tally": tally, "peak_mb": peak_mb(children=True), "parent_mb": parent_kb / 1024,
            "worker_mb": workers_kb / 1024, "jobs": jobs}


def phase_real(n: int, out: Path, jobs: int = 2, bulk: bool = False) -> dict:
    """`fazhi ingest DIR --jobs J [--bulk]` of ``n`` real-size reports (the shared seed re-issued by other
    counties, benchmarks/reissue.py, plus the real openings of the shared corpus) into a fresh store: MB of
    UTF-8 per wall-clock second, and how many cores the ingest and its workers kept busy (their CPU seconds
    over the wall-clock seconds)."""
    from benchmarks.reissue import write_corpus as reissued

    d = out / f"real-{n}"
    files = reissued(d, n)
    mb = sum(f.stat().st_size for f in files if f.suffix == ".txt") / 1e6
    store = out / f"store-{n}"
    shutil.rmtree(store, ignore_errors=True)
    exe = [*_fazhi(), "--store", str(store), "ingest", str(d), "--jobs", str(jobs), "--summary"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(exe + (["--bulk"] if bulk else []), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    cpu = _tree_cpu(proc)
    wall = time.perf_counter() - t0
    err = proc.stderr.read()
    assert proc.wait() == 0, err[-2000:]
    tally = err.strip().splitlines()[-1]
    triples = int(re.search(r"s: (\d+) triples", tally).group(1))
    return {"files": sum(f.suffix == ".txt" for f in files), "mb": mb, "wall_s": wall, "mb_s": mb / wall,
            "cpu_s": cpu, "cores_busy": cpu / wall, "triples": triples, "bulk": bulk, "jobs": jobs,
            "load1": os.getloadavg()[0]}


def _tree_cpu(proc: subprocess.Popen, every: float = 0.1) -> float:
    """CPU seconds (user + system) of ``proc`` and every process under it (the extraction workers, which the
    ingest never waits for, so its own rusage misses them), sampled from /proc until ``proc`` ends."""
    tick = os.sysconf("SC_CLK_TCK")
    seen: dict[int, float] = {}
    while True:
        family = {proc.pid}
        stats = {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    fields = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                stats[int(d)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
        grew = True
        while grew:
            grew = False
            for pid, (ppid, _) in stats.items():
                if ppid in family and pid not in family:
                    family.add(pid)
                    grew = True
        for pid in family & stats.keys():
            seen[pid] = max(seen.get(pid, 0.0), stats[pid][1])
        if proc.poll() is not None:
            return sum(seen.values())
        time.sleep(every)


def _fazhi() -> list[str]:
    exe = Path(sys.executable).parent / "fazhi"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "fazhi.app.cli"]


def phase_cli(n: int, out: Path, reps: int = 15) -> dict:
    """`fazhi query FILE.rq` of a one-row query end to end (a new process each time, as a user runs it) on the
    store of ``n`` reports: the fastest and the median of ``reps`` runs, in ms."""
    q = out / "one-row.rq"
    q.write_text("SELECT ?answer WHERE { BIND(42 AS ?answer) }\n", encoding="utf-8")
    exe = [*_fazhi(), "--store", str(out / f"store-{n}"), "query", str(q), "--format", "csv"]
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        r = subprocess.run(exe, capture_output=True, text=True)
        times.append((time.perf_counter() - t0) * 1000)
        assert r.returncode == 0 and r.stdout == "answer\n42\n", r.stderr
    return {"min_ms": min(times), "p50_ms": statistics.median(times), "runs": reps, "load1": os.getloadavg()[0]}


def phase_write(n: int, out: Path, jobs: int = 2) -> dict:
    """The write path alone (extraction done before the clock starts) against pyoxigraph's bulk loader."""
    import pyoxigraph as ox
    from fazhi.graph.store import nquads, open_store
    from fazhi.loaders.ingest import BATCH_TRIPLES, _extracted

    files = sorted(corpus(n, out).iterdir())
    done = list(_extracted(files, jobs))
    items = [(ox.NamedNode(e.graph), e.body, e.marker, e.triples) for e in done]
    triples = sum(i[3] for i in items)
    nq = out / f"all-{n}.nq"
    with open(nq, "wb") as f:
        for g, body, marker, _ in items:
            f.write(nquads(g, body + marker))
    res = {"triples": triples, "nq_mb": nq.stat().st_size / 1e6}
    for label, bulk in (("fazhi_bulk", True), ("fazhi_atomic", False)):
        path = out / f"w-{label}-{n}"
        shutil.rmtree(path, ignore_errors=True)
        store = open_store(f"oxigraph:{path}")
        t0 = time.perf_counter()
        batch, size = [], 0
        for g, body, marker, k in items:
            batch.append((g, body, marker))
            size += k
            if size >= BATCH_TRIPLES:
                store.write_graphs(batch, bulk=bulk)
                batch, size = [], 0
        store.write_graphs(batch, bulk=bulk)
        store.close()
        res[label + "_s"] = time.perf_counter() - t0
        shutil.rmtree(path, ignore_errors=True)
    path = out / f"w-ceiling-{n}"
    shutil.rmtree(path, ignore_errors=True)
    t0 = time.perf_counter()
    s = ox.Store(str(path))
    s.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    s.flush()
    res["bulk_load_s"] = time.perf_counter() - t0
    del s
    shutil.rmtree(path, ignore_errors=True)
    res["peak_mb"] = peak_mb()
    return res


PHASES = {"extract": phase_extract, "ingest": phase_ingest, "write": phase_write, "query": phase_query,
          "rdflib": phase_rdflib, "compare": phase_compare, "labels": phase_labels, "real": phase_real,
          "cli": phase_cli}

if __name__ == "__main__":
    phase, n, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    kw = json.loads(sys.argv[4]) if len(sys.argv) > 4 else {}
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    print(json.dumps(PHASES[phase](n, out, **kw), ensure_ascii=False))
