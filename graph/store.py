"""The store interface and its embedded Oxigraph backend (on disk or in memory).

One front door: ``open_store("oxigraph:DIR" | "memory:" | "sparql:QUERY_URL[|UPDATE_URL]")``. A source's
triples live in one named graph, replaced as a whole in one transaction when the source comes again.
Queries run over the union of all graphs, with a row cap and a wall-clock limit.
"""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from fazhi.graph.crash_points import crash_point
from fazhi.graph.errors import QueryError, QueryTimeout, StoreUnavailable
from fazhi.graph.results import Results
from fazhi.graph.sparql_text import change_update, check_read_only, inject_values, query_form
from fazhi.ontology.vocab import PREFIXES

DEFAULT_ROW_CAP = 10_000
DEFAULT_TIMEOUT = 30.0  # seconds; the README states it

class Store:
    """What every backend offers. Terms are pyoxigraph terms; graphs are NamedNodes."""

    descriptor: str = ""
    row_cap: int = DEFAULT_ROW_CAP
    timeout: float = DEFAULT_TIMEOUT

    def replace_graph(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> int:
        """Replace the named graph's content with ``triples`` atomically; return how many went in."""
        raise NotImplementedError

    def remove_graph(self, graph: ox.NamedNode) -> None:
        raise NotImplementedError

    def change_graph(self, graph: ox.NamedNode, *, remove: Iterable[ox.Triple] = (),
                     add: Iterable[ox.Triple] = ()) -> None:
        """Take ``remove`` out of the named graph and put ``add`` in, in one transaction (here: the graph
        rewritten by ``replace_graph``; the backends send the two changes as one update instead)."""
        gone = set(remove)
        kept = [q.triple for q in self.quads(graph) if q.triple not in gone]
        self.replace_graph(graph, dict.fromkeys(kept + list(add)))

    def set_graph(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> None:
        """Make the named graph hold exactly ``triples`` (no blank nodes), writing only the difference in one
        transaction: recomputing a large derived graph that barely changed then writes a few triples, where
        a replace rewrote all of them (the 73,722 titles at 29 M triples: 5 s)."""
        new = set(triples)
        old = {q.triple for q in self.quads(graph)}
        self.change_graph(graph, remove=[t for t in old if t not in new], add=[t for t in new if t not in old])

    def graphs(self) -> list[ox.NamedNode]:
        raise NotImplementedError

    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        """Every quad (of one graph when given), for export."""
        raise NotImplementedError

    def _run(self, query: str, bindings: dict | None):
        """Run a read query, returning pyoxigraph-like results (solutions, bool or triples)."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    def write_graphs(self, batch: list[tuple[ox.NamedNode, bytes, bytes]], *, bulk: bool = False) -> None:
        """Replace several graphs, each given as ``(graph, body, marker)`` N-Triples bytes (the bulk ingest path).

        ``marker`` holds the triples that say a source went in completely (its content hash). Without
        ``bulk`` every graph is replaced atomically. With ``bulk`` (only for graphs new to the store) a
        backend may write the bodies on a faster non-transactional path, but then writes the markers
        after them, so an interrupted write leaves graphs without a marker, which ingest cleans up.
        """
        for graph, body, marker in batch:
            self.replace_graph(graph, ox.parse(body + marker, format=ox.RdfFormat.N_TRIPLES))

    # shared behaviour ----------------------------------------------------------------------------
    def quad_count(self) -> int:
        r = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(r.rows[0][0].value) if r.rows else 0

    def select(self, query: str, bindings: dict | None = None, *, limit: int | None = None,
               timeout: float | None = None) -> Results:
        """Run a SELECT; at most ``limit`` rows (``truncated`` says when more were there).

        Updates and SERVICE are refused; past ``timeout`` seconds the query is stopped (QueryTimeout).
        """
        check_read_only(query)
        limit = self.row_cap if limit is None else limit
        timeout = self.timeout if timeout is None else timeout
        t0 = time.monotonic()
        cols, rows, truncated = self._execute("SELECT", query, bindings, limit, timeout)
        return Results(cols, rows, truncated, time.monotonic() - t0)

    def ask(self, query: str, bindings: dict | None = None, *, timeout: float | None = None) -> bool:
        """Run an ASK query (read-only, time-limited)."""
        check_read_only(query)
        return self._execute("ASK", query, bindings, 1, self.timeout if timeout is None else timeout)

    def construct(self, query: str, bindings: dict | None = None, *, limit: int | None = None,
                  timeout: float | None = None) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE; at most ``limit`` triples (read-only, time-limited)."""
        check_read_only(query)
        limit = self.row_cap * 10 if limit is None else limit
        return self._execute("CONSTRUCT", query, bindings, limit, self.timeout if timeout is None else timeout)

    def _execute(self, form: str, query: str, bindings: dict | None, limit: int, timeout: float):
        """Run a read query with ``_run`` in a thread, giving up waiting at the deadline.

        Returns (columns, rows, truncated) for SELECT, a bool for ASK, a list of triples otherwise.
        """
        deadline = time.monotonic() + timeout

        def work():
            return collect(form, self._run(query, bindings), limit, deadline, timeout)

        return _with_deadline(work, deadline, timeout)

    def query(self, query: str, bindings: dict | None = None, **kw):
        """Run any read query: Results for SELECT, bool for ASK, triples for CONSTRUCT/DESCRIBE."""
        check_read_only(query)
        form = query_form(query)
        if form == "SELECT":
            return self.select(query, bindings, **kw)
        if form == "ASK":
            kw.pop("limit", None)
            return self.ask(query, bindings, **kw)
        return self.construct(query, bindings, **kw)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def select_in_chunks(store: Store, template: str, values: list[str], chunk: int = 400) -> Iterator[tuple]:
    """The rows of ``template`` with its ``%s`` filled by ``chunk`` VALUES rows at a time (N-Triples forms such
    as ``<iri>`` or ``(<a> <b>)``): one query per chunk, so a long list never makes one huge query. For the
    derived graphs' work over the store: no row cap, 600 s per query."""
    for i in range(0, len(values), chunk):
        yield from store.select(template % " ".join(values[i:i + chunk]), limit=10**7, timeout=600).rows


def collect(form: str, res, limit: int, deadline: float | None = None, timeout: float = 0.0):
    """Read pyoxigraph results: (columns, rows, truncated) for SELECT, a bool for ASK, triples otherwise.

    At most ``limit`` rows or triples; past ``deadline`` (monotonic time), QueryTimeout.
    """
    if form == "ASK":
        return bool(res)
    if form == "SELECT" and not hasattr(res, "variables"):
        raise QueryError("expected a SELECT query")
    out, truncated = [], False
    width = len(res.variables) if form == "SELECT" else 0
    for item in res:
        if len(out) >= limit:
            truncated = True
            break
        out.append(tuple(item[i] for i in range(width)) if form == "SELECT" else item)
        if deadline is not None and time.monotonic() > deadline:
            raise QueryTimeout(f"query stopped at its time limit of {timeout:g} s")
    if form == "SELECT":
        return [v.value for v in res.variables], out, truncated
    return out


def _with_deadline(work, deadline: float, timeout: float):
    """Run ``work`` in a worker thread and give up waiting at the deadline.

    pyoxigraph evaluates queries without holding the GIL, so the caller regains control at the time limit
    even when one step of a query (an aggregate, a sort) runs long; the abandoned thread finishes on its
    own or with the process.
    """
    box: dict = {}

    def target():
        try:
            box["value"] = work()
        except BaseException as e:  # handed to the caller's thread
            # without its traceback: the frames hold pyoxigraph iterators that must die on this thread
            box["error"] = e.with_traceback(None)

    t = threading.Thread(target=target, daemon=True, name="fazhi-query")
    t.start()
    t.join(max(0.0, deadline - time.monotonic()) + 0.05)
    if t.is_alive():
        raise QueryTimeout(f"query stopped at its time limit of {timeout:g} s")
    if "error" in box:
        e = box["error"]
        if isinstance(e, SyntaxError):
            raise QueryError(f"syntax error: {e}") from None
        if isinstance(e, (RuntimeError, ValueError)) and not isinstance(e, QueryError):
            raise QueryError(f"query failed: {e}") from None
        raise e
    return box["value"]


# How RocksDB reports a file that a concurrent writer compacted or rotated away between listing the store's
# files and opening them (pyoxigraph raises it as RuntimeError "Corruption: ... No such file ..."): transient.
TRANSIENT_OPEN_ERRORS = ("No such file", "Corruption", "IO error")


def is_transient(error: BaseException) -> bool:
    """Whether a read failure is the transient race with a concurrent writer (worth retrying).

    >>> is_transient(RuntimeError("Corruption: IO error: No such file or directory: While open a file"))
    True
    >>> is_transient(RuntimeError("lock hold by current process"))
    False
    """
    return any(w in str(error) for w in TRANSIENT_OPEN_ERRORS)


def read_only_view(path: str | os.PathLike, tries: int = 8, delay: float = 0.05) -> ox.Store:
    """``pyoxigraph.Store.read_only(path)``, tried again with a short growing pause (0.05 s, 0.1 s, ...) while
    it fails with the transient race against a writer; other errors and the last failure are raised as is.
    """
    for attempt in range(tries):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as e:
            if attempt == tries - 1 or not is_transient(e):
                raise
        time.sleep(delay * (attempt + 1))
    raise AssertionError("unreachable")


FLUSH_BYTES = int(os.environ.get("FAZHI_FLUSH_BYTES", 16 * 2**20))


class OxigraphStore(Store):
    """Embedded Oxigraph: on disk at ``path``, or in memory when ``path`` is None.

    Opened read-write, it holds the store's lock: a second read-write opener (another ingest) gets
    StoreUnavailable at once. Opened ``read_only`` (queries, export, validation, the app), it takes no
    lock, so it works beside a running ingest and sees every write completed before each query (the open
    is retried while that ingest rotates the files it lists: ``read_only_view``). Read
    queries on a read-only on-disk store run in killable worker processes (``isolate``; see
    ``fazhi.graph.query_worker``) so the time limit really stops them; the in-memory store and a
    read-write store run them in a thread of this process.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False,
                 isolate: bool | None = None):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        if isolate is None:  # FAZHI_QUERY_WORKER=0 keeps queries in this process (the limit then only stops waiting)
            isolate = read_only and self.path is not None and os.environ.get("FAZHI_QUERY_WORKER", "1") != "0"
        self.isolate = bool(isolate)
        self.descriptor = f"oxigraph:{self.path}" if self.path else "memory:"
        self._store = None
        self._unflushed = 0
        if self.path is None:
            self._store = ox.Store()
        elif read_only:
            if not (self.path / "CURRENT").is_file():
                self._create_empty()  # the contract: the store is created when missing (an empty graph)
            if not self.isolate:
                self._open()
        else:
            self._open()

    def _create_empty(self) -> None:
        """Create an empty store at ``path`` so read-only commands on a fresh location answer (empty)."""
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            ox.Store(str(self.path)).flush()
        except (OSError, RuntimeError) as e:
            if "lock" in str(e).lower():
                return  # another process is creating or writing it: it exists now
            raise StoreUnavailable(f"{self.path}: cannot create the store: {e}") from None

    def _open(self):
        try:
            if self.read_only:  # retried while a concurrent ingest rotates the files it lists
                self._store = read_only_view(self.path)
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except (OSError, RuntimeError) as e:  # RuntimeError: a read-only view of a store being created
            msg = str(e)
            if "lock" in msg.lower():
                raise StoreUnavailable(
                    f"{self.path}: the store is in use by another fazhi process (an ingest?); "
                    f"wait for it to finish and try again") from None
            raise StoreUnavailable(f"{self.path}: cannot open the store: {msg}") from None
        return self._store

    @property
    def _ox(self) -> ox.Store:
        return self._store if self._store is not None else self._open()

    def replace_graph(self, graph, triples):
        if self.read_only:
            raise StoreUnavailable(f"{self.path}: opened read-only; cannot write")
        triples = list(triples)
        body = " .\n".join(f"{t.subject} {t.predicate} {t.object}" for t in triples)
        # One update request is one transaction: a crash leaves the old graph or the new one, never half.
        self._ox.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
        return len(triples)

    def remove_graph(self, graph):
        if self.read_only:
            raise StoreUnavailable(f"{self.path}: opened read-only; cannot write")
        self._ox.update(f"DROP SILENT GRAPH {graph}")

    def change_graph(self, graph, *, remove=(), add=()):
        if self.read_only:
            raise StoreUnavailable(f"{self.path}: opened read-only; cannot write")
        text = change_update(graph, remove, add)
        if text:
            self._ox.update(text)  # one update request is one transaction

    def write_graphs(self, batch, *, bulk=False):
        if not batch:
            return
        crash_point("before-write")  # (test-only points of the write path: graph/crash_points.py)
        if bulk:
            # pyoxigraph's bulk loader (not transactional, ~3x faster than load/update); markers in one
            # transaction afterwards: a graph without its marker is an unfinished write
            bodies = b"".join(nquads(g, body) for g, body, _ in batch)
            crash_point("in-write")
            self._store.bulk_load(bodies, format=ox.RdfFormat.N_QUADS)
            crash_point("after-bulk-bodies")
            self._store.load(b"".join(nquads(g, m) for g, _, m in batch), format=ox.RdfFormat.N_QUADS)
            crash_point("after-write")
            return
        if not any(self._store.contains_named_graph(g) for g, _, _ in batch):
            # graphs new to the store: one transactional load (all files of the batch or none), about twice
            # as fast as an update that has to parse INSERT DATA text
            data = b"".join(nquads(g, body + marker) for g, body, marker in batch)
            crash_point("in-write")
            self._store.load(data, format=ox.RdfFormat.N_QUADS)
        else:
            drops = "".join(f"DROP SILENT GRAPH {g} ;\n" for g, _, _ in batch)
            inserts = "\n".join(f"GRAPH {g} {{\n{(body + marker).decode('utf-8')}}}" for g, body, marker in batch)
            update = f"{drops}INSERT DATA {{\n{inserts}\n}}"
            crash_point("in-write")
            self._store.update(update)  # one update: one transaction
        crash_point("after-write")
        self._flush_now_and_then(sum(len(body) + len(marker) for _, body, marker in batch))

    def _flush_now_and_then(self, written: int) -> None:
        """Flush after every FLUSH_BYTES of transactional writes: RocksDB keeps what transactions wrote in
        memory tables (and their write-ahead logs) until a background flush, which a long ingest outpaces,
        so a 1,000-report ingest grew past 2 GB (300 reports: 0.95 GB); flushing every 16 MB keeps it near
        0.4 GB at either size."""
        self._unflushed += written
        if self._unflushed >= FLUSH_BYTES:
            self._store.flush()
            self._unflushed = 0

    def graphs(self):
        return sorted(self._ox.named_graphs(), key=lambda g: g.value)

    def quads(self, graph=None):
        return iter(self._ox.quads_for_pattern(None, None, None, graph))

    def quad_count(self):
        return sum(1 for _ in self._ox.quads_for_pattern(None, None, None, None))

    def _run(self, query, bindings):
        return self._ox.query(inject_values(query, bindings), use_default_graph_as_union=True,
                              prefixes=PREFIXES)

    def _execute(self, form, query, bindings, limit, timeout):
        if not self.isolate:
            return super()._execute(form, query, bindings, limit, timeout)
        from fazhi.graph.query_worker import run_in_worker

        return run_in_worker(str(self.path.resolve()), form, query, bindings, limit, timeout)

    def flush(self):
        if self.path is not None and not self.read_only and self._store is not None:
            self._store.flush()

    def close(self):
        self.flush()
        self._store = None


def nquads(graph: ox.NamedNode, ntriples: bytes) -> bytes:
    """N-Triples lines put into ``graph`` as N-Quads (a line ends in " .\\n" only at its end: literals escape newlines).

    >>> nquads(ox.NamedNode("http://g"), b'<http://s> <http://p> "a .b" .\\n')
    b'<http://s> <http://p> "a .b" <http://g> .\\n'
    """
    return ntriples.replace(b" .\n", b" " + str(graph).encode() + b" .\n")


def default_store_dir() -> Path:
    """``$FAZHI_STORE``, else ``$XDG_DATA_HOME/fazhi/store`` (``~/.local/share/fazhi/store``)."""
    if os.environ.get("FAZHI_STORE"):
        return Path(os.environ["FAZHI_STORE"])
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "fazhi" / "store"


def open_store(descriptor: str | None = None, *, read_only: bool = False, **options) -> Store:
    """Open a store by descriptor: ``oxigraph:DIR``, ``memory:``, ``sparql:QUERY_URL`` (``|UPDATE_URL``).

    A bare path means ``oxigraph:PATH``; None means the default on-disk store.
    """
    if descriptor is None:
        descriptor = f"oxigraph:{default_store_dir()}"
    if descriptor == "memory:":
        store = OxigraphStore(None)
    elif descriptor.startswith("sparql:"):
        from fazhi.graph.remote import SparqlStore  # the remote backend needs network libraries only here

        query_url, _, update_url = descriptor[len("sparql:"):].partition("|")
        store = SparqlStore(query_url, update_url or None, **options)
        options = {}
    else:
        path = descriptor[len("oxigraph:"):] if descriptor.startswith("oxigraph:") else descriptor
        store = OxigraphStore(path, read_only=read_only)
    for k, v in options.items():
        setattr(store, k, v)
    return store
