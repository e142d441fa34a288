"""The risk panel of a pledge's detail pane: the pledge's open early-warning signals with their severity,
and the actions taken on them (read with the pledge, off the GUI thread)."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ipdesk.domain.risk.rules import SEVERITY_LABELS
from ipdesk.gui.common.pages.detail_pane import DetailSection
from ipdesk.gui.common.rich_text import badge_html, esc, pick
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.risk.signals_model import ACTION_STATES, SEVERITY_TONES, detail_text, rule_label


class RiskSection(DetailSection):
    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("riskSection")
        self.workstation = workstation
        self.lang = ui_lang(lang)
        self.title = self.tr("风险预警")
        self.label = QLabel()
        self.label.setObjectName("riskSectionText")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        self.signals: list[Any] = []

    def load(self, pledge_id: Any) -> list[Any]:  # worker thread
        return self.workstation.risk.signals(pledge_id=pledge_id)

    def present(self, signals: list[Any], record: Any = None) -> None:
        if not shiboken6.isValid(self):
            return
        self.signals = list(signals)
        if not signals:
            self.label.setText(esc(self.tr("没有未解除的预警")))
            return
        lines = []
        for s in signals:
            line = (f"{badge_html(pick(SEVERITY_LABELS[s.severity], self.lang), SEVERITY_TONES[s.severity])}"
                    f"&nbsp;<b>{esc(rule_label(s.rule, self.lang))}</b>&nbsp;{esc(s.right or '')}"
                    f"&nbsp;{esc(detail_text(s.detail, self.lang))}")
            if s.actions:
                last = s.actions[-1]
                line += f"<br>&nbsp;&nbsp;{esc(pick(ACTION_STATES.get(last['action'], ('', '')), self.lang))}" \
                        f"&nbsp;{esc(last['on'])}&nbsp;{esc(last['text'])}"
            lines.append(line)
        self.label.setText("<br>".join(lines))
