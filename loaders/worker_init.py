"""Imported first in the extraction forkserver and run in each extraction worker (fazhi.loaders.workers): when
the process that started it dies (even by SIGKILL), the kernel kills it too, so an interrupted ingest leaves no
orphans. Importing it makes the importing process die with its parent: the ingesting process does not."""
from __future__ import annotations

import signal

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent exits (a no-op where prctl is not available); a worker
    whose ingesting process is gone already (killed while the worker started) exits at once, as no signal
    will come for it then."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    import multiprocessing
    import os

    parent = multiprocessing.parent_process()   # (None in the forkserver: it ends when its pipe closes)
    if parent is not None and not parent.is_alive():
        os._exit(1)


die_with_parent()
