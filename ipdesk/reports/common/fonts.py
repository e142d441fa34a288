"""The CJK font of every printed document: WenQuanYi Micro Hei, embedded (subset) in each PDF.

ReportLab embeds TrueType-outline fonts only (Noto CJK is CFF and fails), and the built-in ``STSong-Light``
is *not* embedded, so notices always use the vendored ``resources/fonts/wqy-microhei.ttc`` (subfont 0).
The font has no bold or italic face; the family maps all four styles to the regular face so ``<b>`` in
Paragraph markup never fails (titles use a stroked "fake bold" instead, see :mod:`.layout`).
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ipdesk.resources import resource_path

FONT_NAME = "WQY"
FONT_FILE = ("fonts", "wqy-microhei.ttc")

_lock = threading.Lock()
_registered = False


def font_path() -> Path:
    return resource_path(*FONT_FILE)


def register_fonts() -> str:
    """Register the CJK font once per process (thread-safe) and return its ReportLab name.

    Also switches ReportLab (process-wide) to plain binary Flate streams instead of ASCII85-wrapped ones:
    without ReportLab's optional C accelerator, ASCII85 is pure Python and costs about 3 ms per notice
    (and makes the file 25 % larger). Every PDF reader handles binary streams. And puts the memoised
    stand-ins of :mod:`.speedups` in place.
    """
    global _registered
    if _registered:
        return FONT_NAME
    with _lock:
        if not _registered:
            path = font_path()
            if not path.is_file():
                raise FileNotFoundError(f"CJK font not found: {path} (resources directory missing?)")
            rl_config.useA85 = 0
            from ipdesk.reports.common.speedups import install

            install()  # exact, faster stand-ins for ReportLab's pure-Python helpers (same bytes out)
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FONT_NAME, bold, italic, FONT_NAME)
            _registered = True
    return FONT_NAME


def text_width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, register_fonts(), size)
