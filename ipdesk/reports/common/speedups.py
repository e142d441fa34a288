"""Exact, faster stand-ins for ReportLab's pure-Python helpers (its C accelerator is not installed here).

Notices must come out byte-identical for every reprint and every earlier layout (the verifier re-renders
and compares; ``tests/reports/notices/layout1`` holds real earlier output), so nothing here changes what
is written: each stand-in returns exactly what the function it replaces returns.

* ``fp_str`` (every number in a content stream), ``escapePDF`` (every string) and a TrueType font's
  ``stringWidth`` (line breaking, several hundred calls per notice) are pure functions of their
  arguments: memoised, since a notice repeats the same coordinates, sizes and characters over and over;
* ``TTFontFile.get_table`` copies a table out of the font file on each call, and the subsetter asks for
  the whole ``glyf`` table (megabytes of CJK outlines) twice per document: the tables are copied once per
  font and kept (they are never modified: the subsetter builds new byte strings from them).

Installed once per process by :func:`install` (from ``register_fonts``), before any document is built.
"""

from __future__ import annotations

import sys
import threading
from typing import Any

_lock = threading.Lock()
_installed = False
#: A memo never grows without bound (a long-running GUI prints for months): cleared when it gets this big.
MEMO_LIMIT = 200_000


def _memo_fp_str(original: Any) -> Any:
    memo: dict[Any, str] = {}

    def fp_str(*a: Any) -> str:
        key = tuple(a[0]) if len(a) == 1 and isinstance(a[0], (list, tuple)) else a
        try:
            return memo[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable argument: compute it
            return original(*a)
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        value = memo[key] = original(*a)
        return value

    return fp_str


def _memo_escape(original: Any) -> Any:
    memo: dict[Any, str] = {}

    def escapePDF(s: Any) -> str:
        try:
            return memo[s]
        except KeyError:
            pass
        except TypeError:
            return original(s)
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        value = memo[s] = original(s)
        return value

    return escapePDF


def _memo_width(original: Any) -> Any:
    memo: dict[Any, float] = {}

    def instanceStringWidthTTF(self: Any, text: Any, size: float, encoding: str = "utf8") -> float:
        # The width depends on the face's metrics only (fixed once the font is loaded), the text and size.
        key = (self.face, text, size, encoding)
        try:
            return memo[key]
        except KeyError:
            pass
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        value = memo[key] = original(self, text, size, encoding)
        return value

    return instanceStringWidthTTF


def _cached_get_table(original: Any) -> Any:
    def get_table(self: Any, tag: str) -> bytes:
        cache = self.__dict__.setdefault("_ipdesk_tables", {})
        try:
            return cache[tag]
        except KeyError:
            value = cache[tag] = bytes(original(self, tag))
            return value

    return get_table


def install() -> None:
    """Put the stand-ins in place in every ReportLab module that bound the originals (idempotent)."""
    global _installed
    if _installed:
        return
    with _lock:
        if _installed:
            return
        # The modules that bind the originals must be loaded to be patched.
        import reportlab.pdfbase.pdfdoc
        import reportlab.pdfbase.ttfonts as ttfonts
        import reportlab.pdfgen.canvas
        import reportlab.pdfgen.pathobject
        import reportlab.pdfgen.textobject
        import reportlab.platypus.flowables
        import reportlab.platypus.tables  # noqa: F401
        from reportlab.lib import rl_accel

        replacements = {
            "fp_str": (rl_accel.fp_str, _memo_fp_str(rl_accel.fp_str)),
            "escapePDF": (rl_accel.escapePDF, _memo_escape(rl_accel.escapePDF)),
            "instanceStringWidthTTF": (rl_accel.instanceStringWidthTTF,
                                       _memo_width(rl_accel.instanceStringWidthTTF)),
        }
        for name, module in list(sys.modules.items()):
            if module is None or not (name == "reportlab" or name.startswith("reportlab.")):
                continue
            for attr, (original, replacement) in replacements.items():
                if getattr(module, attr, None) is original:
                    setattr(module, attr, replacement)
        ttfonts.TTFontFile.get_table = _cached_get_table(ttfonts.TTFontFile.get_table)
        _installed = True
