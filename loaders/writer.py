"""The ingest's writer thread: batches are written to the store one at a time while the caller goes on
extracting the next files.

Why a thread: pyoxigraph releases the GIL while it loads a batch (one RocksDB transaction), so the parent's
writes and the extraction (worker processes, or the parent itself for a few files) run on different cores.
Before, the parent stopped collecting extracted files while it wrote a batch, and the workers stood idle as
soon as their small window of work in flight was done: writing and extracting took turns.

At most one batch waits while another is written (``submit`` blocks when one already waits), so memory
stays bounded by two batches whatever the corpus size. Each batch is still written exactly as before (one
transaction, or the bulk path), in the order given: only who waits for it has changed.
"""
from __future__ import annotations

import queue
import threading
from typing import Callable, Generic, Iterator, TypeVar

B = TypeVar("B")
R = TypeVar("R")
_STOP = object()


class BackgroundWriter(Generic[B, R]):
    """Call ``write(batch)`` for each submitted batch, in order, in one thread; hand back what each call
    returned (``done``, ``finish``). An exception raised by ``write`` is raised again in the caller's thread at
    its next ``submit``, ``done`` or ``finish``; the batches submitted after it are not written."""

    def __init__(self, write: Callable[[B], R]):
        self._write = write
        self._todo: queue.Queue = queue.Queue(maxsize=1)
        self._results: queue.Queue = queue.Queue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, daemon=True, name="fazhi-writer")
        self._thread.start()

    def _run(self) -> None:
        while (batch := self._todo.get()) is not _STOP:
            if self._error is not None:
                continue  # after a failure: take what was submitted without writing it
            try:
                self._results.put(self._write(batch))
            except BaseException as e:  # handed to the caller's thread
                self._error = e

    def _raise(self) -> None:
        if self._error is not None:  # (it stays set: later batches are not written either)
            raise self._error

    def submit(self, batch: B) -> None:
        """Queue ``batch`` for writing; waits while another batch is already waiting."""
        self._raise()
        self._todo.put(batch)

    def done(self) -> Iterator[R]:
        """What the writes finished so far returned (without waiting)."""
        while True:
            try:
                yield self._results.get_nowait()
            except queue.Empty:
                break
        self._raise()

    def finish(self) -> Iterator[R]:
        """Wait for every submitted batch to be written; what the writes not yet handed back returned."""
        self._todo.put(_STOP)
        self._thread.join()
        yield from self.done()

    def abandon(self) -> None:
        """Stop without writing the batch still waiting (an interrupted run): the batch being written is
        finished (a transaction cannot be stopped half-way), then the thread ends."""
        try:
            self._todo.get_nowait()
        except queue.Empty:
            pass
        self._todo.put(_STOP)
        self._thread.join()
