"""The embedded Oxigraph backend (on disk or in memory) and the one front door to every backend.

``open_store("oxigraph:DIR" | "memory:" | "sparql:QUERY_URL[|UPDATE_URL]")``. A source's triples live in one
named graph, replaced as a whole in one transaction when the source comes again. Queries run over the union of
all graphs, with a row cap and a wall-clock limit (``storebase``).
"""
from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from fazhi.graph.crash_points import crash_point
from fazhi.graph.errors import StoreUnavailable
from fazhi.graph.reading import read_only_view
from fazhi.graph.sparql_text import change_update, inject_values
from fazhi.graph.storebase import DEFAULT_ROW_CAP, DEFAULT_TIMEOUT, Store  # noqa: F401 (the front door's too)
from fazhi.ontology.vocab import PREFIXES

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
        # (imported here: a process that never isolates a query, such as `fazhi query`, skips its start-up)
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


def open_store(descriptor: str | None = None, *, read_only: bool = False, isolate: bool | None = None,
               **options) -> Store:
    """Open a store by descriptor: ``oxigraph:DIR``, ``memory:``, ``sparql:QUERY_URL`` (``|UPDATE_URL``).

    A bare path means ``oxigraph:PATH``; None means the default on-disk store. ``isolate`` (on-disk store only):
    whether read queries run in killable worker processes (default: when opened read-only; see OxigraphStore).
    """
    if descriptor is None:
        descriptor = f"oxigraph:{default_store_dir()}"
    if descriptor == "memory:":
        store = OxigraphStore(None)
    elif descriptor.startswith("sparql:"):
        # (imported here: the HTTP client stack costs a one-row `fazhi query` on the embedded store a third of
        # its start-up)
        from fazhi.graph.remote import SparqlStore

        query_url, _, update_url = descriptor[len("sparql:"):].partition("|")
        store = SparqlStore(query_url, update_url or None, **options)
        options = {}
    else:
        path = descriptor[len("oxigraph:"):] if descriptor.startswith("oxigraph:") else descriptor
        store = OxigraphStore(path, read_only=read_only, isolate=isolate)
    for k, v in options.items():
        setattr(store, k, v)
    return store
