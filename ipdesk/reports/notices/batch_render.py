"""Render many signed documents at once, on a worker process per core: the month-end batch.

Each document is rendered from what the issue log stores (its canonical content and signed payload) by
:func:`~.page_compare.render_signed`, the same function a reprint and the verifier use, so a batch page is
byte-identical to the single reprint of its serial. Workers are started with the ``spawn`` method (a
clean interpreter: forking a process that holds database connections or a Qt event loop is unsafe), each
loads the font once and renders its share; the caller gets the PDFs back in order and writes them.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from typing import Any

#: One signed document as stored: (canonical content as UTF-8 text, QR payload).
Item = tuple[str, str]


def render_item(item: Item) -> bytes:
    """One document's PDF (in this process)."""
    from ipdesk.reports.notices.page_compare import render_signed

    content, payload = item
    return render_signed(content.encode("utf-8"), payload)


def _start_worker() -> None:
    from ipdesk.reports.common.fonts import register_fonts

    register_fonts()  # the font is parsed (and ReportLab's helpers sped up) once per worker, not per page
    from ipdesk.reports.notices.notice_direct import warm

    warm()  # layout 3's fixed font subsets: built once per worker, written verbatim into every notice


def default_workers() -> int:
    """A worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


class Renderer:
    """Renders batches of documents, in this process (``workers`` 1) or on a pool of worker processes
    kept for the renderer's life (a ``with`` block): start-up costs a spawn per worker, once per batch."""

    def __init__(self, workers: int = 1):
        self.workers = max(1, workers)
        self._pool: Any = None

    def __enter__(self) -> Renderer:
        if self.workers > 1:
            context = multiprocessing.get_context("spawn")
            self._pool = context.Pool(self.workers, initializer=_start_worker)
        else:
            _start_worker()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate() if exc[0] is not None else self._pool.close()
            self._pool.join()
            self._pool = None

    def submit(self, items: Sequence[Item]) -> Iterator[bytes]:
        """Start rendering ``items``; the iterator yields their PDFs in order (blocking on each)."""
        if self._pool is None:
            return (render_item(i) for i in items)
        # Small pieces so both workers finish a chunk at about the same time.
        pending = self._pool.map_async(render_item, list(items), chunksize=max(1, len(items) // (4 * self.workers)))
        return _results_of(pending)


def _results_of(pending: Any) -> Iterator[bytes]:
    yield from pending.get()
