"""The history section of a detail pane: audit entries with who, when, and what changed (before → after)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ipdesk.domain.audit.summaries import summary_in
from ipdesk.gui.formatting import format_date
from ipdesk.gui.i18n import ui_lang

MAX_VALUE = 80


def value_text(value: Any, lang: str) -> str:
    """A before/after value as a short text: owners lists, flags, dates, empties."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("history", "是")
            if value
            else QCoreApplication.translate("history", "否")
        )
    if isinstance(value, (date, datetime)):
        return format_date(value)
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict) and "name" in item:
                share = item.get("share")
                parts.append(f"{item['name']} {share}%" if share not in (None, "") else str(item["name"]))
            else:
                parts.append(str(item))
        text = "、".join(parts) if lang == "zh" else ", ".join(parts)
    else:
        text = str(value)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


class HistoryView(QWidget):
    """Audit entries, newest first; each shows time, user, summary and the changed fields."""

    def __init__(
        self, field_label: Callable[[str, str], str], lang: str | None = None, parent: QWidget | None = None
    ):
        lang = ui_lang(lang)
        super().__init__(parent)
        self._label = field_label
        self._lang = lang
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)

    def set_entries(self, entries: Sequence[Any]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        if not entries:
            empty = QLabel(self.tr("没有历史记录"))
            empty.setStyleSheet("color: #607d8b;")
            self._layout.addWidget(empty)
            return
        for entry in reversed(list(entries)):
            self._layout.addWidget(self._entry_widget(entry))

    def _entry_widget(self, entry: Any) -> QLabel:
        summary = summary_in(entry.summary, self._lang)  # stored in Chinese, shown in the UI language
        head = f"<b>{format_date(entry.at)}</b>&nbsp;&nbsp;{_esc(entry.actor)}&nbsp;&nbsp;{_esc(summary)}"
        lines = []
        if entry.before is not None:  # creations list no field-by-field diff
            for field, before, after in entry.changed_fields():
                lines.append(
                    f"{_esc(self._label(field, self._lang))}：{_esc(value_text(before, self._lang))}"
                    f" → {_esc(value_text(after, self._lang))}"
                )
        body = "<br>".join(lines)
        label = QLabel(head + (f"<div style='color:#455a64; margin-left:12px'>{body}</div>" if body else ""))
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setStyleSheet("border-left: 3px solid #cfd8dc; padding-left: 6px;")
        return label


def _esc(text: Any) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
