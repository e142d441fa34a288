"""Bulk work that builds tens of thousands of small objects (a digest, the demo load) runs with the collector paused.

Why: the collector's passes are triggered by allocations and the older generations rescan everything alive, so
a digest of 27 k items (each a tuple holding dates and Decimals, and the fee engine's lines behind it) spent a
quarter to a third of its time in collections that free nothing — the objects are kept, and they hold no cycles.
Reference counting still frees everything at once; the collector runs again when the read is over.
The pause is process-wide (the GUI's other threads too) and lasts one read: counted, so reads may nest or overlap
on several threads, and the collector is only re-enabled if it was on when the first of them started.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block without cyclic garbage collection (reference counting still frees what it drops)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
