"""Run a user's query in a worker process that is killed at its time limit.

The store's own time limit stops *waiting* for a query, but pyoxigraph cannot cancel one: a runaway query
typed into the app (a cartesian product under COUNT) would keep a core busy in the server process long after
the user was told it stopped. For the on-disk store a separate process opens the store read-only, runs the
query and sends the rows back; at the deadline it is killed, so the work really stops. Other backends (memory,
remote endpoints with their own limits) run in-process as usual.
"""
from __future__ import annotations

import multiprocessing as mp
import time

from fazhi.graph.errors import FazhiError, QueryError, QueryTimeout
from fazhi.graph.store import check_read_only, open_store

START_GRACE = 5.0  # seconds a fresh worker may take to import and open the store (not counted against the query)


def _open(descriptor: str, timeout: float, tries: int = 5):
    """Open read-only; a writer in another process can make one attempt fail for a moment (a file it rotated)."""
    for attempt in range(tries):
        try:
            return open_store(descriptor, read_only=True, timeout=timeout + 60)
        except Exception:
            if attempt == tries - 1:
                raise
            time.sleep(0.1 * (attempt + 1))


def _worker(conn, descriptor: str, query: str, limit: int, timeout: float) -> None:
    try:
        with _open(descriptor, timeout) as s:
            conn.send(("started", None))
            value = s.query(query, limit=limit)
        conn.send(("ok", value))
    except FazhiError as e:
        conn.send(("error", (type(e).__name__, str(e))))
    except Exception as e:  # unexpected: hand the message over rather than die silently
        conn.send(("error", ("QueryError", f"query failed: {e}")))
    finally:
        conn.close()


def isolatable(descriptor: str | None) -> bool:
    """Whether queries on this store can run in a killable worker (an on-disk Oxigraph store).

    >>> isolatable("oxigraph:/tmp/kg"), isolatable("memory:"), isolatable("sparql:http://h/q")
    (True, False, False)
    """
    return bool(descriptor) and not descriptor.startswith(("memory:", "sparql:"))


def query_isolated(descriptor: str, query: str, *, timeout: float, limit: int):
    """Run a read query on the store at ``descriptor`` in a worker process killed after ``timeout`` seconds.

    Returns what ``Store.query`` returns (Results, bool or triples); raises QueryTimeout at the limit and
    QueryError for a refused or malformed query, like the store does.
    """
    check_read_only(query)  # refuse updates before spending a process on them
    ctx = mp.get_context("spawn")  # no fork of a threaded server
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(child, descriptor, query, limit, timeout), daemon=True)
    proc.start()
    child.close()
    try:
        deadline = time.monotonic() + START_GRACE + timeout
        started = False
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not parent.poll(left):
                raise QueryTimeout(f"query stopped at its time limit of {timeout:g} s")
            try:
                kind, value = parent.recv()
            except EOFError:
                raise QueryError("the query worker ended without an answer") from None
            if kind == "started" and not started:
                started = True
                deadline = time.monotonic() + timeout
                continue
            if kind == "ok":
                return value
            name, message = value
            raise {"QueryTimeout": QueryTimeout}.get(name, QueryError)(message)
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(2)
        parent.close()
