"""The pledge detail's loan-to-value line: secured amount ÷ current value against the cap, and its warnings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ipdesk.domain.valuation.ltv import LtvAssessment
from ipdesk.gui.common.rich_text import badge_html, esc
from ipdesk.gui.formatting import format_money


def ltv_html(line: LtvAssessment, lang: str) -> str:
    """Rich text: the ratio (green within the cap, red above it) and one amber line per warning."""
    parts: list[str] = []
    if line.ratio is None:
        parts.append(badge_html(QCoreApplication.translate("LtvLine", "质押率：无法计算（没有评估）"), "warn"))
    else:
        cap = QCoreApplication.translate("LtvLine", "（上限 {cap}%）").format(cap=line.cap) if line.cap else ""
        text = QCoreApplication.translate("LtvLine", "质押率 {ratio}%").format(ratio=line.ratio) + cap
        parts.append(badge_html(text, "bad" if line.over_cap else "ok"))
        assert line.value is not None
        parts.append(esc(QCoreApplication.translate("LtvLine", "{secured} 元 ÷ 评估价值 {value} 元").format(
            secured=format_money(line.secured_amount), value=format_money(line.value))))
    parts += [badge_html(w.message(lang), "warn") for w in line.warnings if w.code != "ltv.over_cap"]
    return "<br>".join(parts)
