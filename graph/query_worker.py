"""Queries on an on-disk store run in worker processes that can be killed at the time limit.

pyoxigraph has no way to cancel a running query, and a thread cannot be stopped: a runaway query
(a cartesian product, an unbounded path) abandoned by its caller would keep burning a core for as long
as a long-lived process (the app) lives. A worker is a small Python process that opens the store
read-only and answers one query at a time over a pipe; the parent waits until the deadline and, past
it, kills the worker with SIGKILL. Idle workers are kept in a pool (per process) and reused, so a
query costs one pipe round trip (about a millisecond) once the first worker is up.

The worker reopens its read-only view when the store's files change (a new ingest), so answers are
never staler than the last completed write.

Protocol: length-prefixed pickles. Request ``(path, form, query, bindings, limit)``; response
``("ok", payload)`` or ``("error", kind, message)``. A SELECT's rows travel as plain values (``encode_term``):
pickling pyoxigraph terms one by one cost twice as much (10 ms of a 500-row page).
"""
from __future__ import annotations

import atexit
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time

from pyoxigraph import BlankNode, Literal, NamedNode

from fazhi.graph.errors import QueryError, QueryTimeout, StoreUnavailable
from fazhi.graph.reading import TRANSIENT_OPEN_ERRORS, collect, read_only_view
from fazhi.graph.sparql_text import inject_values
from fazhi.ontology.vocab import PREFIXES

MAX_IDLE = 2        # idle workers kept per process
_HEADER = struct.Struct("!I")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def encode_term(t):
    """A result term as plain values: an IRI as its string, a literal as a tuple (value,), (value, 0, datatype)
    or (value, 1, language), a blank node as (id, 2), anything else (a quoted triple) as (itself, 3)."""
    if t is None:
        return None
    kind = type(t)
    if kind is NamedNode:
        return t.value
    if kind is Literal:
        if t.language:
            return (t.value, 1, t.language)
        dt = t.datatype.value
        return (t.value,) if dt == _XSD_STRING else (t.value, 0, dt)
    if kind is BlankNode:
        return (t.value, 2)
    return (t, 3)


def decode_term(x, datatypes: dict):
    """The term ``encode_term`` gave ``x`` for (``datatypes``: datatype IRIs made so far, shared by a result)."""
    if x is None:
        return None
    if type(x) is str:
        return NamedNode(x)
    if len(x) == 1:
        return Literal(x[0])
    kind = x[1]
    if kind == 0:
        dt = datatypes.get(x[2])
        if dt is None:
            dt = datatypes[x[2]] = NamedNode(x[2])
        return Literal(x[0], datatype=dt)
    if kind == 1:
        return Literal(x[0], language=x[2])
    if kind == 2:
        return BlankNode(x[0])
    return x[0]


def _send(stream, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _recv_exact(stream, n: int) -> bytes:
    buf = b""
    while len(buf) < n:
        chunk = stream.read(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return buf


def _recv(stream):
    (n,) = _HEADER.unpack(_recv_exact(stream, _HEADER.size))
    return pickle.loads(_recv_exact(stream, n))


class Worker:
    """One worker process (the parent's side)."""

    def __init__(self):
        env = dict(os.environ, PYTHONUNBUFFERED="1", FAZHI_WORKER_PARENT=str(os.getpid()))
        self.proc = subprocess.Popen([sys.executable, "-m", "fazhi.graph.query_worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, bufsize=0,
                                     start_new_session=False)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.send_signal(signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except OSError:
                pass

    def call(self, request, timeout: float):
        """Send one request and wait for its answer until ``timeout`` seconds; raises QueryTimeout past it."""
        deadline = time.monotonic() + timeout
        try:
            _send(self.proc.stdin, request)
        except (BrokenPipeError, OSError):
            raise EOFError from None
        fd = self.proc.stdout.fileno()
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise QueryTimeout(f"query stopped at its time limit of {timeout:g} s")
            ready, _, _ = select.select([fd], [], [], min(left, 1.0))
            if ready:
                return _recv(self.proc.stdout)


_pool: list[Worker] = []
_live: set[Worker] = set()
_lock = threading.Lock()


def live_pids() -> list[int]:
    """Process ids of this process's workers that are still running (tests check none is left behind)."""
    with _lock:
        return [w.pid for w in _live if w.alive()]


def _take() -> Worker:
    with _lock:
        while _pool:
            w = _pool.pop()
            if w.alive():
                return w
            _live.discard(w)
        w = Worker()
        _live.add(w)
        return w


def _give_back(w: Worker) -> None:
    with _lock:
        if len(_pool) < MAX_IDLE and w.alive():
            _pool.append(w)
            return
    _discard(w)


def _discard(w: Worker) -> None:
    w.kill()
    with _lock:
        _live.discard(w)


def shutdown() -> None:
    """Stop every worker of this process."""
    with _lock:
        workers = list(_live)
        _pool.clear()
        _live.clear()
    for w in workers:
        w.kill()


atexit.register(shutdown)


def run_in_worker(path: str, form: str, query: str, bindings, limit: int, timeout: float):
    """Run a read query on the store at ``path`` in a worker; kill the worker if it overruns ``timeout``.

    Returns ``(columns, rows, truncated)`` for SELECT, a bool for ASK, a list of triples otherwise.
    """
    request = (path, form, query, bindings, limit)
    for attempt in (1, 2):
        w = _take()
        try:
            reply = w.call(request, timeout)
        except QueryTimeout:
            _discard(w)  # the only way to stop a running query
            raise
        except (EOFError, OSError, pickle.UnpicklingError):
            _discard(w)  # a worker that died (killed from outside, out of memory): try a fresh one once
            if attempt == 2:
                raise StoreUnavailable(f"{path}: the query worker stopped unexpectedly") from None
            continue
        except BaseException:
            _discard(w)  # interrupted mid-answer (KeyboardInterrupt): the pipe is out of step
            raise
        _give_back(w)
        if reply[0] == "ok":
            if form != "SELECT":
                return reply[1]
            columns, rows, truncated = reply[1]
            datatypes: dict = {}
            return columns, [tuple(decode_term(x, datatypes) for x in row) for row in rows], truncated
        _, kind, message = reply
        if kind == "syntax":
            raise QueryError(f"syntax error: {message}")
        if kind == "unavailable":
            raise StoreUnavailable(f"{path}: {message}")
        raise QueryError(f"query failed: {message}")
    raise AssertionError("unreachable")


# -- the worker's side --------------------------------------------------------------------------------
def _signature(path: str) -> tuple:
    """What changes when the store is written: its files' names, sizes and modification times.

    Table files (.sst) are never rewritten once a write has made them part of the store (the manifest,
    whose size and time are taken, records that), so their names suffice: fewer stat calls on a path
    every query takes.
    """
    out = []
    try:
        with os.scandir(path) as it:
            for e in it:
                if e.name.startswith("LOG"):
                    continue
                if e.name.endswith(".sst"):
                    out.append((e.name, 0, 0))
                    continue
                st = e.stat()
                out.append((e.name, st.st_size, st.st_mtime_ns))
    except OSError:
        return ()
    return tuple(sorted(out))


def _watch_parent(parent: int) -> None:
    """Exit when the parent dies, even in the middle of a query (a killed app must not leave one running).

    A watchdog thread, not PR_SET_PDEATHSIG: that fires when the parent *thread* that started us ends,
    and the app starts workers from short-lived script threads. pyoxigraph runs queries without the
    GIL, so this thread keeps running during a long query.
    """
    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, daemon=True, name="fazhi-worker-watchdog").start()


def _answer(stores: dict, request, tries: int = 4):
    """Answer one request; a read that fails on a file a concurrent writer just compacted away is retried
    (a few times, after a short pause) on a freshly opened view."""
    for attempt in range(tries):
        reply = _answer_once(stores, request)
        if not (reply[0] == "error" and reply[1] in ("query", "unavailable")
                and any(w in reply[2] for w in TRANSIENT_OPEN_ERRORS)) or attempt == tries - 1:
            return reply
        stores.pop(request[0], None)
        time.sleep(0.05 * (attempt + 1))
    return reply


def _answer_once(stores: dict, request):
    path, form, query, bindings, limit = request
    sig = _signature(path)
    cached = stores.get(path)
    if cached is None or cached[0] != sig:
        stores.pop(path, None)
        try:
            stores[path] = (sig, read_only_view(path))
        except (OSError, RuntimeError) as e:  # RuntimeError: caught while a writer creates the store
            return ("error", "unavailable", f"cannot open the store read-only ({e}); try again")
    store = stores[path][1]
    try:
        res = store.query(inject_values(query, bindings), use_default_graph_as_union=True, prefixes=PREFIXES)
        out = collect(form, res, limit)
        if form == "SELECT":
            columns, rows, truncated = out
            out = columns, [tuple(map(encode_term, row)) for row in rows], truncated
        return ("ok", out)
    except QueryError as e:
        return ("error", "query", str(e))
    except SyntaxError as e:
        return ("error", "syntax", str(e))
    except (OSError, RuntimeError, ValueError, TypeError) as e:
        return ("error", "query", str(e))
    except Exception as e:  # anything else must not kill the worker: the parent reports it
        return ("error", "query", f"{type(e).__name__}: {e}")


def main() -> None:
    _watch_parent(int(os.environ.get("FAZHI_WORKER_PARENT", os.getppid())))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the parent, which decides
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    stores: dict = {}
    while True:
        try:
            request = _recv(stdin)
        except (EOFError, OSError):
            return  # the parent closed the pipe or died
        _send(stdout, _answer(stores, request))


if __name__ == "__main__":
    main()
