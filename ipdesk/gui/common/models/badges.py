"""Status badges: a tone (colour pair) per status value, always shown together with the status text."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QColor

from ipdesk.domain.registry.rights import LegalStatus

#: tone → (background, foreground); foregrounds reach WCAG AA contrast on their backgrounds.
TONES: dict[str, tuple[str, str]] = {
    "ok": ("#e2f2e4", "#1b5e20"),  # green: in force
    "warn": ("#fff0cc", "#7a4a00"),  # amber: needs attention
    "bad": ("#fde3e3", "#a61b1b"),  # red: refused, lapsed, overdue
    "info": ("#e1ecf9", "#1f4f8a"),  # blue: in progress
    "muted": ("#eceff1", "#455a64"),  # grey: closed, historical
}

RIGHT_STATUS_TONES: Mapping[str, str] = {
    LegalStatus.PENDING: "info",
    LegalStatus.IN_FORCE: "ok",
    LegalStatus.LATE_FEE: "warn",
    LegalStatus.TERMINATED: "bad",
    LegalStatus.INVALIDATED: "bad",
    LegalStatus.EXPIRED: "muted",
}


def tone_colors(tone: str) -> tuple[QColor, QColor] | None:
    pair = TONES.get(tone)
    return (QColor(pair[0]), QColor(pair[1])) if pair else None
