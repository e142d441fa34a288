"""A pledge's insurance cover on its detail pane: the policies covering its rights, the rights without cover,
and a warning when the cover ends before the debt's performance deadline (read with the pledge)."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ipdesk.domain.insurance.products import PRODUCT_LABELS
from ipdesk.gui.common.pages.detail_pane import DetailSection
from ipdesk.gui.common.rich_text import badge_html, esc, pick
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.formatting import format_date, format_money
from ipdesk.gui.i18n import ui_lang


class CoverSection(DetailSection):
    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("coverSection")
        self.workstation = workstation
        self.lang = ui_lang(lang)
        self.title = self.tr("保险保障")
        self.label = QLabel()
        self.label.setObjectName("coverSectionText")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        self.cover: Any = None

    def load(self, pledge_id: Any) -> Any:  # worker thread
        return self.workstation.insurance.cover_of_pledge(self.workstation.actor, pledge_id)

    def present(self, cover: Any, record: Any = None) -> None:
        if not shiboken6.isValid(self):
            return
        self.cover = cover
        if not cover.policies:
            self.label.setText(esc(self.tr("出质权利没有投保")))
            return
        lines = [esc(self.tr("{no}　{product}　{insurer}　{start} 至 {end}　限额 {limit} 元").format(
            no=p.policy_no, product=pick(PRODUCT_LABELS[p.product], self.lang), insurer=p.insurer_name,
            start=format_date(p.start), end=format_date(p.end), limit=format_money(p.limit_total)))
            for p in cover.policies]
        if cover.uncovered:
            lines.append(badge_html(self.tr("未投保：{rights}").format(rights="、".join(cover.uncovered)), "warn"))
        elif cover.ends_before_deadline:
            lines.append(badge_html(self.tr("保障至 {end}，早于履行期限 {deadline}").format(
                end=format_date(cover.cover_ends), deadline=format_date(cover.performance_deadline)), "warn"))
        else:
            lines.append(badge_html(self.tr("保障至 {end}").format(end=format_date(cover.cover_ends)), "ok"))
        self.label.setText("<br>".join(lines))
