"""The notice page layouts by version: what each draws differently, and which one a document is drawn in.

A document's canonical content carries the version of the layout it was printed in
(:data:`ipdesk.domain.notices.notice.LAYOUT_VERSION` when issued), so verification re-renders it in that
layout even after the layout code has moved on: an old notice keeps reading ``genuine``. A layout change
that alters any page therefore adds a version here (and bumps ``LAYOUT_VERSION``) instead of editing one.

* 1 — grey behind every label column of the particulars tables, even under a value spanning a short row;
* 2 — grey only behind the labels a row has (issue 15's table-二 fix);
* 3 — notices drawn directly (:mod:`.notice_direct`: no platypus, the fixed wording's font subset built
  once per process; issue 14's batch speed), the same page to a reader; search certificates as in 2.

Content signed before layouts were numbered (``layout`` absent, read as 0) was printed in layout 1 or 2,
so it is compared with both; it is reprinted in the later one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Layout:
    version: int
    grey_label_columns: bool  # whole label columns grey (1) or only the labels present (2)
    direct: bool = False  # notices drawn by notice_direct (3) instead of platypus


LAYOUTS: dict[int, Layout] = {1: Layout(1, grey_label_columns=True), 2: Layout(2, grey_label_columns=False),
                              3: Layout(3, grey_label_columns=False, direct=True)}
#: the layouts that printed content without a version, the one reprints use first
UNVERSIONED: tuple[int, ...] = (2, 1)


def layout_of(doc: Any, version: int | None = None) -> Layout:
    """The layout ``doc`` is drawn in (``version`` to choose one of an unversioned document's candidates);
    ``ValueError`` for a version this ipdesk does not know (a document from a newer one)."""
    number = version if version is not None else (getattr(doc, "layout", 0) or UNVERSIONED[0])
    if number not in LAYOUTS:
        raise ValueError(f"unknown notice layout {number}")
    return LAYOUTS[number]


def candidates(doc: Any) -> tuple[int, ...]:
    """The layouts the office may have printed ``doc`` in: its own, or both of the unversioned era."""
    return (doc.layout,) if getattr(doc, "layout", 0) else UNVERSIONED
