"""Imported first in the extraction forkserver and run in each extraction worker: when the process that
started it dies (even by SIGKILL), the kernel kills it too, so an interrupted ingest leaves no orphans."""
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
