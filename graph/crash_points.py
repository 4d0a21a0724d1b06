"""Test-only crash points on the write path: ``FAZHI_CRASH_AT`` names one, and the process dies there.

The crash tests (tests/test_atomic_ingest.py) run `fazhi ingest` with ``FAZHI_CRASH_AT=POINT[-N][:stop]`` and
check what the killed run left: each file's graph whole or absent, its old version or its new one, and a next
run that finishes the job. Nothing else sets the variable; unset, ``crash_point`` is one comparison with None.

The points, in the order a run passes them (``-N``: the N-th passing, default the first):

- ``before-write``, ``after-write``: around the transaction that writes one batch of files
  (``OxigraphStore.write_graphs``; a test sets ``FAZHI_BATCH_FILES=1`` for one file per batch);
- ``in-write``: a kernel timer armed 1 ms before that transaction (SIGALRM, whose default action ends the
  process as abruptly as SIGKILL: no handler, no clean-up); the next point passed waits for it, so the end
  comes inside the transaction or right after it, never elsewhere;
- ``after-bulk-bodies``: ``--bulk`` wrote a batch's bodies on the non-transactional path, not yet its markers;
- ``before-derived``, ``after-fulfilment``, ``before-derived-mark``: every file written, around the derived
  graphs (loaders/ingest.py).

``:stop`` sends the process SIGSTOP instead (it keeps the store open and locked) until the test sends SIGCONT:
a writer held at a known moment, e.g. for a second writer or a reader beside it.
"""
from __future__ import annotations

import os
import signal
import threading

_SPEC = os.environ.get("FAZHI_CRASH_AT") or None
_passed: dict[str, int] = {}
_timer_armed = False


def parse(spec: str) -> tuple[str, int, bool]:
    """A ``FAZHI_CRASH_AT`` value as (point, which passing, whether to stop rather than die).

    >>> parse("after-write-3:stop"), parse("before-derived")
    (('after-write', 3, True), ('before-derived', 1, False))
    """
    spec, _, action = spec.partition(":")
    name, _, n = spec.rpartition("-")
    if name and n.isdigit():
        return name, int(n), action == "stop"
    return spec, 1, action == "stop"


def crash_point(name: str) -> None:
    """Die (or stop) here when ``FAZHI_CRASH_AT`` names this point and this is its chosen passing."""
    global _timer_armed
    if _SPEC is None:
        return
    if _timer_armed:  # the in-write timer did not fire inside the write: it fires now, before anything else
        while True:
            signal.pause()
    point, n, stop = parse(_SPEC)
    if name != point:
        return
    _passed[name] = _passed.get(name, 0) + 1
    if _passed[name] != n:
        return
    if stop:
        os.kill(os.getpid(), signal.SIGSTOP)
    elif name == "in-write":
        # (the write may run in ingest's writer thread, where signal.signal raises; SIGALRM's action is the
        # default, ending the process, unless the main thread installed a handler)
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
        _timer_armed = True
        signal.setitimer(signal.ITIMER_REAL, 0.001)
    else:
        os.kill(os.getpid(), signal.SIGKILL)
