"""Imported by each extraction worker as it starts (fazhi.loaders.workers): when the process that started it
(the forkserver) ends, even by SIGKILL, the kernel kills the worker too, so an interrupted ingest leaves no
orphans. Importing it makes the importing process die with its parent: only workers import it."""
from __future__ import annotations

import signal

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent exits (a no-op where prctl is not available)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


die_with_parent()
