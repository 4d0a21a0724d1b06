"""Reading within the store's limits: results collected up to a row cap and a deadline, the wait for a query
given up at its time limit, and the read-only view of an on-disk Oxigraph store, retried while a concurrent
writer rotates its files. Shared by the store backends (``storebase``, ``store``) and the query worker
processes (``query_worker``).
"""
from __future__ import annotations

import os
import threading
import time

import pyoxigraph as ox

from fazhi.graph.errors import QueryError, QueryTimeout


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


def with_deadline(work, deadline: float, timeout: float):
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
