"""One measurement per call, each run in its own process (so its peak memory is its own).

``python benchmarks/phases.py PHASE N OUT_DIR [options]`` prints one JSON object on its last stdout line.
Phases: extract (throughput vs a plain regex scan), ingest (the real `fazhi ingest` end to end, and a
re-run that skips), write (fazhi's write path vs pyoxigraph's bulk loader on the same N-Quads), query
(every named query on the on-disk store, the app's path), rdflib (the same N-Quads and queries on rdflib's
in-memory Dataset), compare (query and rdflib taking turns query by query, for ratios a drifting machine does
not skew).
"""
from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import write_corpus  # noqa: E402

# a plain scan for what the extractors look for: titles, document numbers, numbers with units
REGEXES = [re.compile(r"《([^《》\n]{2,120})》"),
           re.compile(r"[\u4e00-\u9fff]{1,10}\s*[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,4}\s*号"),
           re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)?\s*(件|人次|人|个|%|场次|起|份|家|项|次|天|日)")]


def peak_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


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


def query_plan(store) -> list[tuple[str, dict]]:
    """Each named query with parameter values that make it return rows on the generated corpus."""
    from fazhi.queries import catalogue

    docs = store.select("SELECT ?d ?n WHERE { ?d a fz:Document OPTIONAL { ?d eli:id_local ?n } } LIMIT 50")
    number = next((r[1].value for r in docs.rows if r[1] is not None and r[1].value), "")
    first_doc = docs.rows[0][0].value if docs.rows else "https://w3id.org/fazhi/id/doc/none"
    plan = []
    for name, q in catalogue().items():
        values = {}
        for p in q.params:
            if p.name == "as_of":
                values[p.name] = "2021-06-30"
            elif p.type == "document":
                values[p.name] = number or first_doc
            elif p.type == "iri":
                values[p.name] = first_doc
        plan.append((name, values))
    return plan


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def _timed(run, reps: int, budget: float) -> dict:
    """p50/p95 in ms of ``run()`` (which returns (elapsed_s, rows, more)) after one warm-up: up to ``reps`` runs
    while ``budget`` seconds last."""
    run()
    times, spent = [], time.perf_counter()
    while len(times) < reps:
        elapsed, rows, more = run()
        times.append(elapsed * 1000)
        if time.perf_counter() - spent > budget:
            break
    out = {"p50": statistics.median(times), "p95": pct(times, 95), "rows": rows, "runs": len(times)}
    if more is not None:
        out["more"] = more
    return out


def phase_query(n: int, out: Path, reps: int = 20, budget: float = 30.0, timeout: float = 60.0,
                page_rows: int | None = None) -> dict:
    """p50/p95 of every named query on the ingested on-disk store opened read-only, through the query workers
    (what the app does): the first page as the Ask page fetches it (``run_page``: LIMIT rows+1) and the whole
    result (``run_named`` without the row cap, as a full download or the CLI with a large --limit computes it).

    One warm-up, then up to ``reps`` runs while the query's time ``budget`` lasts (a whole result gets up to
    half as many runs); a run over ``timeout`` is recorded as a timeout (the app's own limit is 30 s).
    """
    from fazhi.graph.errors import QueryTimeout
    from fazhi.graph.paging import PAGE_ROWS
    from fazhi.graph.store import open_store
    from fazhi.queries import run_named, run_page

    size = page_rows or PAGE_ROWS
    res = {}
    with open_store(f"oxigraph:{out / f'store-{n}'}", read_only=True, timeout=timeout) as store:
        for name, values in query_plan(store):
            def page():
                return _page(run_page(store, name, values, page=1, size=size))

            def whole():
                return _whole(run_named(store, name, values, limit=10_000_000))

            entry = {}
            for label, run, k in (("page", page, reps), ("full", whole, max(3, reps // 2))):
                try:
                    entry[label] = _timed(run, k, budget / 2)
                except QueryTimeout:
                    entry[label] = {"timeout_s": timeout}
            res[name] = entry
    return {"queries": res, "page_rows": size, "peak_mb": peak_mb()}


class Stop(Exception):
    pass


def _alarm(signum, frame):
    raise Stop()


def _nquads(n: int, out: Path) -> Path:
    """The store's quads as N-Quads, written afresh from the ingested store: its derived graphs (duty
    assignments, fulfilment links, document titles) included, which the named queries read (the write
    phase's N-Quads hold the source graphs only)."""
    from fazhi.graph.store import open_store

    nq = out / f"store-{n}.nq"
    with open_store(f"oxigraph:{out / f'store-{n}'}", read_only=True) as store, open(nq, "w") as f:
        for q in store.quads():
            f.write(f"{q} .\n")
    return nq


def _rdflib_dataset(n: int, out: Path):
    """The store's N-Quads in rdflib's in-memory Dataset (union default graph) and the seconds the load took."""
    import rdflib

    nq = _nquads(n, out)
    t0 = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(str(nq), format="nquads")
    return ds, time.perf_counter() - t0


def _rdflib_texts(n: int, out: Path, size: int) -> list[tuple[str, dict, dict[str, str]]]:
    """(query, parameter values, {"page": text, "full": text}) of every named query as rdflib gets it: the same
    text with the values injected and, for the first page, the same LIMIT the app adds."""
    from fazhi.graph.paging import with_limit
    from fazhi.graph.remote import with_prefixes
    from fazhi.graph.sparql_text import inject_values
    from fazhi.graph.store import open_store
    from fazhi.queries import bindings_for, catalogue

    with open_store(f"oxigraph:{out / f'store-{n}'}", read_only=True) as store:
        plan = query_plan(store)
        out_ = []
        for name, values in plan:
            text = with_prefixes(inject_values(catalogue()[name].sparql, bindings_for(catalogue()[name], values,
                                                                                      store)))
            out_.append((name, values, {"page": with_limit(text, size + 1), "full": text}))
    return out_


def _rdflib_once(ds, text: str, budget: float) -> tuple[float, int]:
    """One rdflib run (ms, rows); raises Stop past ``budget`` seconds (rdflib is pure Python, so an alarm can
    stop a query that runs away: it raises inside rdflib)."""
    signal.signal(signal.SIGALRM, _alarm)
    t0 = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        rows = len(list(ds.query(text)))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return (time.perf_counter() - t0) * 1000, rows


def _summary(times: list[float], rows: int) -> dict:
    return {"p50": statistics.median(times), "p95": pct(times, 95), "rows": rows, "runs": len(times)}


def phase_rdflib(n: int, out: Path, reps: int = 3, budget: float = 30.0, page_rows: int | None = None) -> dict:
    """The same N-Quads into rdflib's in-memory Dataset, and the same queries on it (union default graph):
    the first page (the same query text with the same LIMIT the app adds) and the whole result."""
    from fazhi.graph.paging import PAGE_ROWS

    size = page_rows or PAGE_ROWS
    ds, load = _rdflib_dataset(n, out)
    res = {}
    for name, _, texts in _rdflib_texts(n, out, size):
        entry = {}
        for label in ("page", "full"):
            if label == "full" and "stopped_s" in entry["page"]:  # a LIMIT never makes it slower: no need to wait
                entry["full"] = entry["page"]
                continue
            times, spent = [], time.perf_counter()
            try:
                for _ in range(reps):
                    ms, rows = _rdflib_once(ds, texts[label], budget)
                    times.append(ms)
                    if time.perf_counter() - spent > budget:
                        break
            except Stop:
                entry[label] = {"stopped_s": budget}
                continue
            except Exception as e:  # rdflib cannot run some of them (e.g. GROUP_CONCAT DISTINCT over unbound)
                entry[label] = {"error": f"{type(e).__name__}: {e}"[:120]}
                continue
            entry[label] = _summary(times, rows)
        res[name] = entry
    return {"load_s": load, "triples": len(ds), "queries": res, "page_rows": size, "peak_mb": peak_mb()}


def _rdflib_server(conn, n: int, out: Path) -> None:
    """A process holding the rdflib Dataset and running the queries it is sent: (text, budget) → ("ok", ms,
    rows) | ("stopped",) | ("error", message); None ends it (it answers with its peak memory)."""
    ds, load = _rdflib_dataset(n, out)
    conn.send((load, len(ds)))
    while (msg := conn.recv()) is not None:
        try:
            conn.send(("ok", *_rdflib_once(ds, *msg)))
        except Stop:
            conn.send(("stopped",))
        except Exception as e:  # rdflib cannot run some of them (e.g. GROUP_CONCAT DISTINCT over unbound)
            conn.send(("error", f"{type(e).__name__}: {e}"[:120]))
    conn.send(peak_mb())


def phase_compare(n: int, out: Path, reps: int = 20, rdflib_reps: int = 3, budget: float = 30.0,
                  timeout: float = 60.0, page_rows: int | None = None) -> dict:
    """The query and rdflib phases taking turns query by query: for each named query and each of its two forms
    (first page, whole result), one rdflib run, then a share of fazhi's runs, ``rdflib_reps`` times. A shared
    machine that slows down or speeds up during the run then moves both sides of a ratio alike (run one phase
    after the other, the same query was seen 2x apart). rdflib runs in a process of its own: its Dataset's
    millions of Python objects would make every garbage collection of this one slow."""
    import multiprocessing as mp

    from fazhi.graph.errors import QueryTimeout
    from fazhi.graph.paging import PAGE_ROWS
    from fazhi.graph.store import open_store
    from fazhi.queries import run_named, run_page

    size = page_rows or PAGE_ROWS
    conn, child_end = mp.get_context("fork").Pipe()
    child = mp.get_context("fork").Process(target=_rdflib_server, args=(child_end, n, out), daemon=True)
    child.start()
    texts = _rdflib_texts(n, out, size)
    load, triples = conn.recv()
    mine, theirs = {}, {}
    with open_store(f"oxigraph:{out / f'store-{n}'}", read_only=True, timeout=timeout) as store:
        for name, values, text in texts:
            runs = {"page": lambda: _page(run_page(store, name, values, page=1, size=size)),
                    "full": lambda: _whole(run_named(store, name, values, limit=10_000_000))}
            mine[name], theirs[name] = {}, {}
            for label, run in runs.items():
                fz, rd, rows, rd_rows, more, stop = [], [], 0, 0, None, None
                per_turn = max(1, (reps if label == "page" else max(3, reps // 2)) // rdflib_reps)
                try:
                    run()  # warm-up (caches, the worker's parse of the query)
                    spent = time.perf_counter()
                    for _ in range(rdflib_reps):
                        if stop is None:
                            conn.send((text[label], budget))
                            answer = conn.recv()
                            if answer[0] == "ok":
                                rd.append(answer[1])
                                rd_rows = answer[2]
                            else:
                                stop = {"stopped_s": budget} if answer[0] == "stopped" else {"error": answer[1]}
                        for _ in range(per_turn):
                            elapsed, rows, more = run()
                            fz.append(elapsed * 1000)
                        if time.perf_counter() - spent > budget:
                            break
                except QueryTimeout:
                    mine[name][label] = {"timeout_s": timeout}
                else:
                    mine[name][label] = _summary(fz, rows) | ({"more": more} if more is not None else {})
                theirs[name][label] = stop or (_summary(rd, rd_rows) if rd else {"error": "not run"})
    conn.send(None)
    rdflib_peak = conn.recv()
    child.join()
    return {"query": {"queries": mine, "page_rows": size, "peak_mb": peak_mb(), "interleaved": True},
            "rdflib": {"load_s": load, "triples": triples, "queries": theirs, "page_rows": size,
                       "peak_mb": rdflib_peak}}


def phase_labels(n: int, out: Path, reps: int = 10, budget: float = 10.0) -> dict:
    """What the app adds to a first page to show it (``fazhi.queries.readable``: the labels of the nodes the
    row does not name and whether documents are reports, from the store; codes and headers in Chinese): p50/p95 of the first page alone and of the page made readable,
    for every named query on the ingested store opened read-only through the query workers."""
    from fazhi.graph.paging import PAGE_ROWS
    from fazhi.graph.store import open_store
    from fazhi.queries import get_query, run_page
    from fazhi.queries.readable import readable

    res = {}
    with open_store(f"oxigraph:{out / f'store-{n}'}", read_only=True, timeout=60) as store:
        for name, values in query_plan(store):
            own = get_query(name).column_labels

            def run(label: bool):
                t0 = time.perf_counter()  # wall clock both ways: the page through the worker, then the labels
                pg = run_page(store, name, values, page=1, size=PAGE_ROWS)
                if label:
                    readable(store, pg.results, "zh", own)
                return time.perf_counter() - t0, len(pg.results.rows), pg.has_next

            res[name] = {"page": _timed(lambda: run(False), reps, budget),
                         "labelled": _timed(lambda: run(True), reps, budget)}
    return {"queries": res, "page_rows": PAGE_ROWS}


def _page(pg) -> tuple[float, int, bool]:
    return pg.results.elapsed, len(pg.results.rows), pg.has_next


def _whole(r) -> tuple[float, int, None]:
    return r.elapsed, len(r), None


PHASES = {"extract": phase_extract, "ingest": phase_ingest, "write": phase_write, "query": phase_query,
          "rdflib": phase_rdflib, "compare": phase_compare, "labels": phase_labels, "real": phase_real,
          "cli": phase_cli}

if __name__ == "__main__":
    phase, n, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    kw = json.loads(sys.argv[4]) if len(sys.argv) > 4 else {}
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    print(json.dumps(PHASES[phase](n, out, **kw), ensure_ascii=False))
