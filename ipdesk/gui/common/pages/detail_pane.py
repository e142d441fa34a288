"""Detail panes beside a register table: load a record off the GUI thread, then show it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from ipdesk.gui.common.rich_text import keep_together
from ipdesk.gui.i18n import ui_lang
from ipdesk.services.paging import Column

MUTED = "#607d8b"


class DetailPane(QStackedWidget):
    """Three states: nothing selected / loading or failed (a message) / the record.

    Subclasses implement :meth:`load` (runs in a worker thread: service calls only, no widgets) and
    :meth:`present` (GUI thread: fill the widgets from what ``load`` returned).
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {MUTED}; padding: 24px;")
        self.addWidget(self.message)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        # values wrap to the pane's width instead of running off to the right behind a scroll bar
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget()
        self.scroll.setWidget(self.body)
        self.addWidget(self.scroll)
        self.record_id: Any = None
        self.clear()

    @staticmethod
    def make_heading() -> QLabel:
        """The record's title at the top of a pane: large, bold, selectable."""
        heading = QLabel()
        heading.setWordWrap(True)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading.setStyleSheet("font-size: 13pt; font-weight: bold; color: #263238;")
        return heading

    def load(self, record_id: Any) -> Any:  # worker thread
        raise NotImplementedError

    def present(self, data: Any) -> None:  # GUI thread
        raise NotImplementedError

    def needs_load(self) -> bool:
        """False for panes that show only the table row (no service call)."""
        return True

    def clear(self, several: int = 0) -> None:
        self.record_id = None
        self.message.setText(
            self.tr("已选择 {n} 条记录").format(n=several) if several > 1 else self.tr("选择一条记录查看详情")
        )
        self.setCurrentWidget(self.message)

    def show_loading(self) -> None:
        self.message.setText(self.tr("正在读取…"))
        self.setCurrentWidget(self.message)

    def show_failure(self, text: str) -> None:
        self.message.setText(self.tr("无法读取这条记录：{error}").format(error=text))
        self.setCurrentWidget(self.message)

    def show_body(self) -> None:
        self.setCurrentWidget(self.scroll)

    def reload(self) -> None:
        """Read the shown record again and show it (a section changed it)."""
        from ipdesk.gui.tasks import runner

        record_id = self.record_id
        if record_id is None or not self.needs_load():
            return

        def done(data: Any) -> None:
            if shiboken6.isValid(self) and self.record_id == record_id:  # not closed while it was read
                self.present(data)

        runner().run(lambda: self.load(record_id), on_result=done, name=f"reload detail {record_id}")


class DetailSection(QWidget):
    """A part of a record's detail pane that a later context adds (``ipdesk.gui.areas`` wires it in), so the
    register's pane imports no later context: a right's valuations, a pledge's loan-to-value line.

    The pane calls :meth:`load` in its worker thread with the record's id, then :meth:`present` on the GUI
    thread with what it returned and the record the pane shows.

    Signals:
        reload_requested(): the section changed the record (a form saved); the pane reads it again.
    """

    reload_requested = Signal()
    title = ""  # the section's heading in the pane ("" for none), in the UI language

    def load(self, record_id: Any) -> Any:  # worker thread
        return None

    def present(self, data: Any, record: Any) -> None:  # GUI thread
        raise NotImplementedError


def add_sections(pane: DetailPane, layout: QVBoxLayout, sections: Iterable[DetailSection]) -> list[DetailSection]:
    """Put ``sections`` into ``layout`` (each under its title) and reload ``pane`` when one asks."""
    added = list(sections)
    for section in added:
        if section.title:
            layout.addWidget(section_title(section.title))
        layout.addWidget(section)
        section.reload_requested.connect(pane.reload)
    return added


def load_sections(sections: Sequence[DetailSection], record_id: Any) -> list[Any]:  # worker thread
    return [section.load(record_id) for section in sections]


def present_sections(sections: Sequence[DetailSection], data: Sequence[Any], record: Any) -> None:
    for section, loaded in zip(sections, data, strict=True):
        section.present(loaded, record)


class RowDetailPane(DetailPane):
    """The default pane: the selected row's columns as label/value pairs (no extra query)."""

    def __init__(self, columns: Sequence[Column], lang: str | None = None, parent: QWidget | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self._columns = list(columns)
        self._lang = lang
        self._form = QFormLayout(self.body)
        self._values: list[QLabel] = []
        for col in self._columns:
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._values.append(value)
            self._form.addRow(QLabel(colon(col.header_en if lang == "en" else col.header_zh, lang)), value)

    def needs_load(self) -> bool:
        return False

    def present(self, data: Any) -> None:
        texts: list[str] = data
        for label, text in zip(self._values, texts, strict=False):
            label.setText(text)
        self.show_body()


def colon(label: str, lang: str) -> str:
    """``名称：`` in Chinese, ``Name:`` in English."""
    return label + ("：" if lang == "zh" else ":")


def fact_value(text: str) -> QLabel:
    """A value in a detail pane: wrapped (never cut off), no break inside a number, selectable with the
    mouse (to copy a number)."""
    label = QLabel(keep_together(text))
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def fill_facts(form: QFormLayout, rows: Iterable[tuple[str, Any]], lang: str) -> None:
    """Replace the rows of ``form`` with ``label: value`` lines; a row without a value is left out."""
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow pane puts the value under its label
    while form.rowCount():
        form.removeRow(0)
    for label, value in rows:
        if value is not None and value != "":
            form.addRow(colon(label, lang), fact_value(str(value)))


def section_title(text: str) -> QLabel:
    """A bold heading inside a detail pane."""
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; font-size: 11pt; padding-top: 8px;")
    return label


def vbox(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(8, 8, 8, 8)
    layout.setSpacing(6)
    return layout
