"""The ingest's writer thread (loaders/writer.py): batches written in order, one waiting at most, a failure
raised in the caller's thread and nothing written after it, an interrupted run not writing what waited."""
from __future__ import annotations

import threading

import pytest

from fazhi.loaders.writer import BackgroundWriter


def test_batches_are_written_in_order_and_each_result_handed_back():
    written = []
    w = BackgroundWriter(lambda b: written.append(b) or len(b))
    for batch in ([1], [2, 3], [4, 5, 6]):
        w.submit(batch)
    assert list(w.finish()) == [1, 2, 3]
    assert written == [[1], [2, 3], [4, 5, 6]]


def test_submit_waits_while_a_batch_already_waits():
    gate = threading.Event()
    w = BackgroundWriter(lambda b: gate.wait(10) and b)
    w.submit("first")      # being written (held at the gate)
    w.submit("second")     # waiting
    third = threading.Thread(target=w.submit, args=("third",), daemon=True)
    third.start()
    third.join(0.3)
    assert third.is_alive(), "a third batch must wait: at most one batch waits while another is written"
    gate.set()
    third.join(10)
    assert list(w.finish()) == ["first", "second", "third"]


def test_a_failed_write_is_raised_in_the_caller_and_stops_later_writes():
    written = []

    def write(b):
        if b == "bad":
            raise RuntimeError("disk full")
        written.append(b)
        return b

    w = BackgroundWriter(write)
    w.submit("ok")
    w.submit("bad")
    with pytest.raises(RuntimeError, match="disk full"):
        w.submit("after")
        list(w.finish())
    assert written == ["ok"]


def test_abandon_finishes_the_batch_in_writing_and_drops_the_waiting_one():
    started, gate = threading.Event(), threading.Event()
    written = []

    def write(b):
        started.set()
        gate.wait(10)
        written.append(b)
        return b

    w = BackgroundWriter(write)
    w.submit("in writing")
    started.wait(10)
    w.submit("waiting")
    threading.Timer(0.2, gate.set).start()
    w.abandon()
    assert written == ["in writing"]
