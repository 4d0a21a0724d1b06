"""The extraction worker pool: processes that start from fazhi's own modules, whatever the parent did.

Workers are forked from a forkserver that preloaded the extraction modules (a fast start, and they do not
inherit the parent's open store and its threads, as fork would). Two things of the parent's they must not
depend on:

- its ``__main__``: multiprocessing runs the parent's main script again in every worker (as ``__mp_main__``),
  so that functions defined there unpickle. A script that patches modules, opens the store or starts an
  ingest at its top level did that again in each worker, and a worker failing there broke the pool
  (``BrokenProcessPool``, tests/test_workers.py). The workers only run functions of fazhi's modules, so
  they start without it;
- its function objects: the initializer is a module named for the worker to import
  (``importlib.import_module("fazhi.loaders.worker_init")``), not a function pickled from the parent, where a
  monkeypatch or a reloaded module (Streamlit reloads) made it another object than the module's ("not the
  same object": PicklingError). Neither the parent nor the forkserver imports worker_init (its import makes
  the importing process die with its parent): each worker imports it afresh, and so dies with the
  forkserver, which ends when this process does (its end of their pipe closes).
"""
from __future__ import annotations

import importlib
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import context, spawn

PRELOAD = ["fazhi.loaders.pipeline", "fazhi.loaders.extract"]
_starting = threading.local()   # set while this thread starts one of fazhi's workers


def _preparation_data(name, _real=spawn.get_preparation_data):
    """What a new process is told of its parent: multiprocessing's own data, without the parent's main module
    for fazhi's workers (for any other process, unchanged)."""
    data = _real(name)
    if getattr(_starting, "worker", False):
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
    return data


# installed once (popen_forkserver looks the function up on the module at each start)
if getattr(spawn.get_preparation_data, "__module__", None) != __name__:
    spawn.get_preparation_data = _preparation_data


class WorkerProcess(context.ForkServerProcess):
    """A forkserver process told nothing of the parent's ``__main__``."""

    def start(self):
        _starting.worker = True
        try:
            super().start()
        finally:
            _starting.worker = False


class WorkerContext(context.ForkServerContext):
    Process = WorkerProcess


def pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` extraction workers. Each dies with the forkserver, which ends with this process, so an
    interrupted ingest leaves no processes behind (they would hold its output pipes open)."""
    ctx = WorkerContext()
    ctx.set_forkserver_preload(PRELOAD)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=importlib.import_module,
                               initargs=("fazhi.loaders.worker_init",))

