"""Keep ``None`` alive under PySide6 6.12 on Python 3.11.

Measured on this platform (PySide6-Essentials 6.12.0, CPython 3.11.7): every call of a PySide6 method that
returns nothing (``widget.update()``, ``setText()``, ``processEvents()`` …) releases one reference to
``None`` that it never took. On Python 3.12+ ``None`` is immortal (PEP 683) and nothing happens; on 3.11
the count runs down by one per call until CPython aborts with "Fatal Python error: none_dealloc" — in a
workstation used all day that is a crash mid-session, and at the latest at exit (exit code 134).

The guard gives ``None`` a reference count no session can exhaust (2**60), which is what 3.12 does by
design. It runs when :mod:`ipdesk.gui` is imported, before any PySide6 call. Set
``IPDESK_NO_NONE_GUARD=1`` to switch it off (``tests/gui/shell/test_gui_none_guard.py`` uses that to check
whether the PySide6 bug is still there; remove this module when it is gone or Python 3.11 is dropped).
"""

from __future__ import annotations

import ctypes
import os
import sys

_RESERVE = 1 << 60


def protect_none() -> bool:
    """Raise ``None``'s reference count out of reach; True if applied (Python < 3.12 only)."""
    if sys.version_info >= (3, 12) or os.environ.get("IPDESK_NO_NONE_GUARD") == "1":
        return False
    if sys.implementation.name != "cpython":  # pragma: no cover - ipdesk runs on CPython
        return False
    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is PyObject's first field
    if count.value < _RESERVE:
        count.value += _RESERVE
    return True
