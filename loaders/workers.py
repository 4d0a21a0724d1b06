"""The extraction worker pool: processes that start from fazhi's own modules, whatever the parent did.

Workers are forked from a forkserver that preloaded the extraction modules (a fast start, and they do not
inherit the parent's open store and its threads, as fork would). Two things of the parent's they must not
depend on:

- its ``__main__``: multiprocessing runs the parent's main script again in every worker (as ``__mp_main__``),
  so that functions defined there unpickle. A script that patches modules, opens the store or starts an
  ingest at its top level did that again in each worker, and a worker failing there broke the pool
  (``BrokenProcessPool``, tests/test_workers.py). The workers only run functions of fazhi's modules, so
  they start without it;
- its function objects: the initializer is named (``Call("fazhi.loaders.worker_init", "die_with_parent")``,
  looked up in the worker), not a function pickled from the parent, where a monkeypatch or a reloaded module
  (Streamlit reloads) made it another object than the module's ("not the same object": PicklingError). The
  parent does not import worker_init (its import makes the importing process die with its parent); the
  forkserver does, first, and each worker calls it: a killed ingest takes the forkserver with it, and the
  forkserver its workers. (The forkserver would not end on its own: every worker holds the parent's end of
  the pipe it watches, and waits on a queue whose writing end it holds too.)
"""
from __future__ import annotations

import importlib
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import context, spawn

PRELOAD = ["fazhi.loaders.worker_init", "fazhi.loaders.pipeline"]
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


@dataclass(frozen=True)
class Call:
    """A function named by its module and name, looked up where it is called (in the worker)."""
    module: str
    name: str

    def __call__(self, *args):
        return getattr(importlib.import_module(self.module), self.name)(*args)


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
    """A pool of ``jobs`` extraction workers. They die with the forkserver, which dies with the thread that
    started it, so an interrupted ingest leaves no processes behind (they would hold its output pipes open)."""
    ctx = WorkerContext()
    ctx.set_forkserver_preload(PRELOAD)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx,
                               initializer=Call("fazhi.loaders.worker_init", "die_with_parent"))

