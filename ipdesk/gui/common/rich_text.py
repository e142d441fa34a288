"""Rich text for QLabels: escaping, the bilingual pair picker, tinted status badges."""

from __future__ import annotations

import re
from typing import Any

from ipdesk.gui.common.models.badges import TONES

#: the symbol drawn in front of a status text, so status never depends on colour alone
STATUS_MARKS: dict[str, str] = {"ok": "✓", "bad": "✗", "warn": "⚠", "info": "ⓘ", "muted": "·"}


def pick(pair: tuple[str, str] | None, lang: str, default: str = "") -> str:
    if pair is None:
        return default
    return pair[1] if lang == "en" else pair[0]


def esc(text: Any) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def badge_html(text: str, tone: str, mark: bool = True) -> str:
    """A tinted pill with a symbol and the text (rich text for QLabel)."""
    bg, fg = TONES.get(tone, TONES["muted"])
    symbol = STATUS_MARKS.get(tone, "") + " " if mark else ""
    return (f"<span style='background:{bg}; color:{fg}; font-weight:bold;'>"
            f"&nbsp;{esc(symbol)}{esc(text)}&nbsp;</span>")


_NUMBER_GAPS = re.compile(r"\b([A-Z]{2}) (?=\d)|(?<=\d) (?=元|万元|yuan\b)")


def keep_together(text: str) -> str:
    """No line break inside a number: ``ZL 201810234567.3`` and ``5,000,000.00 元`` get a non-breaking space
    (a wrapped value would otherwise show ``ZL`` on one line and the digits on the next)."""
    return _NUMBER_GAPS.sub(lambda m: (m.group(1) or "") + "\u00a0", text)
