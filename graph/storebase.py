"""What every store backend offers (``Store``) and the limits they share: the row cap and the time limit.

The backends are in ``store.py`` (embedded Oxigraph, on disk or in memory) and ``remote.py`` (any SPARQL 1.1
endpoint); callers open one through ``fazhi.graph.store.open_store`` and never import a backend.
"""
from __future__ import annotations

import time
from abc import ABC, abstractmethod
from typing import Iterable, Iterator

import pyoxigraph as ox

from fazhi.graph.reading import collect, with_deadline
from fazhi.graph.results import Results
from fazhi.graph.sparql_text import check_read_only, query_form

DEFAULT_ROW_CAP = 10_000
DEFAULT_TIMEOUT = 30.0  # seconds; the README states it


class Store(ABC):
    """What every backend offers. Terms are pyoxigraph terms; graphs are NamedNodes. A backend implements the
    abstract methods; the rest is built on them."""

    descriptor: str = ""
    row_cap: int = DEFAULT_ROW_CAP
    timeout: float = DEFAULT_TIMEOUT

    @abstractmethod
    def replace_graph(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> int:
        """Replace the named graph's content with ``triples`` atomically; return how many went in."""

    @abstractmethod
    def remove_graph(self, graph: ox.NamedNode) -> None:
        """Remove the named graph and all its triples."""

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

    @abstractmethod
    def graphs(self) -> list[ox.NamedNode]:
        """The named graphs the store holds."""

    @abstractmethod
    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        """Every quad (of one graph when given), for export."""

    @abstractmethod
    def _run(self, query: str, bindings: dict | None):
        """Run a read query, returning pyoxigraph-like results (solutions, bool or triples)."""

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

        return with_deadline(work, deadline, timeout)

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
