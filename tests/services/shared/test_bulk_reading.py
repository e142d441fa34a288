"""The cyclic collector is paused for a bulk read and comes back after it — nested, on two threads, on error."""

from __future__ import annotations

import gc
import threading

import pytest

from ipdesk.services.bulk_reading import collector_paused


def test_paused_inside_and_enabled_after_nested_reads_and_an_error() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer read is still running
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a failed read")
    assert gc.isenabled()


def test_overlapping_reads_on_two_threads_reenable_once_both_are_over() -> None:
    inside, leave = threading.Event(), threading.Event()

    def other_read() -> None:
        with collector_paused():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=other_read)
    with collector_paused():
        thread.start()
        assert inside.wait(10)
    assert not gc.isenabled()  # this read ended first: the other thread's is still on
    leave.set()
    thread.join(10)
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
