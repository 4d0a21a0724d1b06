"""The query phases of benchmarks/phases.py: every named query on the on-disk store as the app runs it (query,
labels), the same N-Quads and queries on rdflib's in-memory Dataset (rdflib), and the two taking turns query by
query (compare). Each is called by phases.py in a process of its own."""
from __future__ import annotations

import resource
import signal
import statistics
import time
from pathlib import Path


def peak_mb(children: bool = False) -> float:
    """The peak resident memory of this process (or of its waited-for children), MB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


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
