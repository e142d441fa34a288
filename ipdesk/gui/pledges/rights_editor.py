"""The pledged rights of an application: one line per number, checked as it is typed, looked up in the
register, and an unknown number offered for adding on the spot.

Keyboard: Enter in a number adds the next line (or moves to it); Enter in an empty last line leaves the
list; Ctrl+Shift+N adds a line from anywhere in the form. New lines take their place in the Tab order
right after the line before them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QToolButton, QVBoxLayout, QWidget

from ipdesk.domain.registry.identifiers import RightNumber, parse_right_number
from ipdesk.domain.registry.rights import KIND_LABELS, STATUS_LABELS, Right
from ipdesk.domain.shared.problems import DomainError, NotFound
from ipdesk.gui.common.keyboard import is_plain_enter, skip_tab
from ipdesk.gui.common.lookup import LatestRead
from ipdesk.gui.common.models.badges import RIGHT_STATUS_TONES
from ipdesk.gui.common.rich_text import badge_html, esc, pick
from ipdesk.gui.common.widgets.field_edit import ERROR_COLOR
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.icons import icon

LOOKUP_DELAY_MS = 250


# ---- the pledged rights ------------------------------------------------------------------------------


class RightEntry(QWidget):
    """One pledged right: its number (checked as typed), what the register says about it, add / remove.

    Signals:
        changed(): the number text changed.
        resolved(): the register lookup finished (found or not).
        remove_requested(): the × button.
        add_requested(str): "add this right to the register" with the normalised number.
        entered(): Enter was pressed in the number (the editor adds or moves to the next line).
    """

    changed = Signal()
    resolved = Signal()
    remove_requested = Signal()
    add_requested = Signal(str)
    entered = Signal()

    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.workstation = workstation
        self.lang = lang
        self.parsed: RightNumber | None = None
        self.right: Right | None = None
        self.error = ""
        self.not_found = False
        self.line_edit = QLineEdit()
        self.line_edit.setPlaceholderText(self.tr("如 ZL 201710601862.3、12345678、2023SR0123456"))
        self.remove_button = QToolButton()
        self.remove_button.setIcon(icon("clear"))
        self.remove_button.setToolTip(self.tr("从申请中移除这项权利"))
        self.remove_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.remove_button.clicked.connect(self.remove_requested)
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setWordWrap(True)
        self.info.setObjectName("rightInfo")
        self.add_button = QPushButton(icon("add"), self.tr("登记该权利…"))
        self.add_button.setToolTip(self.tr("登记簿中还没有这项权利：现在录入它，然后继续填写申请"))
        self.add_button.clicked.connect(lambda: self.add_requested.emit(self.number_text()))
        self.add_button.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(2)
        top.addWidget(self.line_edit, 1)
        top.addWidget(self.remove_button)
        below = QHBoxLayout()
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.info, 1)
        below.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        layout.setSpacing(1)
        layout.addLayout(top)
        layout.addLayout(below)
        self.setFocusProxy(self.line_edit)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LOOKUP_DELAY_MS)
        self._timer.timeout.connect(self.lookup)
        self.line_edit.textChanged.connect(self._text_changed)
        self.line_edit.editingFinished.connect(self.normalise)
        self.line_edit.installEventFilter(self)
        self._read = LatestRead(self)
        self._show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter is taken here, so it never reaches the dialog (which would move on or, once, filed the form)
        if watched is self.line_edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and is_plain_enter(event):
            self.normalise()
            self.entered.emit()
            return True
        return super().eventFilter(watched, event)

    @property
    def looking_up(self) -> bool:
        """Whether the register is being asked about the number shown (the answer fills ``right``)."""
        return self._read.busy or self._timer.isActive()

    def text(self) -> str:
        return self.line_edit.text().strip()

    def setText(self, text: str) -> None:
        self.line_edit.setText(text)

    def number_text(self) -> str:
        return self.parsed.display if self.parsed is not None else self.text()

    def _text_changed(self, _text: str) -> None:
        self.check()
        self.changed.emit()

    def check(self) -> None:
        """Parse the number as typed (pure, instant); a valid one is looked up shortly after."""
        self.right = None
        self.not_found = False
        self.parsed = None
        self.error = ""
        self._read.cancel()  # an answer for the number as it was is no answer for this one
        text = self.text()
        if text:
            try:
                self.parsed = parse_right_number(text)
            except DomainError as exc:
                self.error = "；".join(exc.messages(self.lang))
        self._show()
        if self.parsed is not None:
            self._timer.start()
        else:
            self._timer.stop()

    def normalise(self) -> None:
        """Leaving the field: show the number in its usual form and look it up now."""
        if self.parsed is not None and self.parsed.display != self.text():
            self.line_edit.setText(self.parsed.display)
        if self._timer.isActive():
            self.lookup()

    def lookup(self) -> None:
        """Ask the register for the right (one indexed read, in the reader pool: typing never waits)."""
        self._timer.stop()
        if self.parsed is None:
            return
        number, rights = self.parsed.number, self.workstation.rights
        self._read.run(lambda: rights.get_by_number(number), self._found, self._not_found,
                       name=f"right {number}")

    def _found(self, right: Right) -> None:
        self.right, self.not_found = right, False
        if self.parsed is not None and self.text() != self.parsed.display:
            # normalised as typed: once the register knows the number it is shown in its usual form (the
            # parse is the same, so nothing is checked or looked up again)
            self.line_edit.blockSignals(True)
            self.line_edit.setText(self.parsed.display)
            self.line_edit.blockSignals(False)
        self._show()
        self.resolved.emit()

    def _not_found(self, exc: BaseException) -> None:
        if isinstance(exc, NotFound):
            self.right, self.not_found = None, True
        elif isinstance(exc, DomainError):
            self.right, self.error = None, "；".join(exc.messages(self.lang))
        else:
            reason = str(exc) or type(exc).__name__
            self.right, self.error = None, self.tr("无法查询登记簿：{error}").format(error=reason)
        self._show()
        self.resolved.emit()

    def _show(self) -> None:
        lang = self.lang
        self.add_button.setVisible(self.not_found)
        bad = bool(self.error)
        if bool(self.line_edit.property("error")) != bad:
            self.line_edit.setProperty("error", bad)
            self.line_edit.setStyleSheet(f"QLineEdit {{ border: 1px solid {ERROR_COLOR}; border-radius: 3px;"
                                         " padding: 2px 3px; }" if bad else "")
        if bad:
            self.info.setText(f"<span style='color:{ERROR_COLOR}'>{esc(self.error)}</span>")
        elif self.right is not None:
            r = self.right
            tone = RIGHT_STATUS_TONES.get(r.legal_status, "muted")
            status = badge_html(pick(STATUS_LABELS[r.legal_status], lang), tone)
            owners = ("、" if lang == "zh" else "; ").join(o.name or f"#{o.party_id}" for o in r.owners)
            co = self.tr("（共有）") if len(r.owners) > 1 else ""
            owners_label = self.tr("权利人：")
            self.info.setText(
                f"<b>{esc(r.display_number)}</b>　{esc(pick(KIND_LABELS[r.kind], lang))}　"
                f"{esc(r.title)}　{status}<br><span style='color:#607d8b'>"
                f"{esc(owners_label)}{esc(owners)}{esc(co)}</span>"
            )
        elif self.not_found and self.parsed is not None:
            self.info.setText(
                "<span style='color:#7a4a00'>"
                + esc(
                    self.tr("登记簿中没有 {number}（{kind}），可先登记该权利").format(
                        number=self.parsed.display, kind=pick(KIND_LABELS[self.parsed.kind], lang)
                    )
                )
                + "</span>"
            )
        elif self.parsed is not None:
            self.info.setText(
                "<span style='color:#607d8b'>"
                + esc(
                    self.tr("{kind} {number}，正在查找…").format(
                        kind=pick(KIND_LABELS[self.parsed.kind], lang), number=self.parsed.display
                    )
                )
                + "</span>"
            )
        else:
            self.info.setText("")
        self.info.setVisible(bool(self.info.text()))
        _relayout(self)


class RightsEditor(QWidget):
    """The pledged rights, one :class:`RightEntry` per number; patents, marks and copyrights may mix.

    Signals:
        changed(): a number was edited, added or removed.
        rights_changed(): the set of rights found in the register changed (the checklists adapt).
    """

    changed = Signal()
    rights_changed = Signal()

    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.workstation = workstation
        self.lang = lang
        self.entries: list[RightEntry] = []
        self._rows = QVBoxLayout()
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(4)
        self.add_button = QPushButton(icon("add"), self.tr("再添加一项权利"))
        self.add_button.setToolTip(self.tr("再添加一项权利（Ctrl+Shift+N；在权利号中按 Enter 也可以）"))
        self.add_button.clicked.connect(self.add_and_focus)
        skip_tab(self.add_button)  # Enter in a number or Ctrl+Shift+N do what it does
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_entry()
        self.setFocusProxy(self.entries[0])

    def add_entry(self, text: str = "") -> RightEntry:
        entry = RightEntry(self.workstation, self.lang)
        entry.changed.connect(self.changed)
        entry.resolved.connect(self.rights_changed)
        entry.remove_requested.connect(lambda e=entry: self.remove_entry(e))
        entry.add_requested.connect(lambda number, e=entry: self.add_to_register(e, number))
        entry.entered.connect(lambda e=entry: self.enter_in(e))
        before = self.entries[-1] if self.entries else None
        self.entries.append(entry)
        self._rows.addWidget(entry)
        if before is not None:  # reading order: right after the line above it, not after the dialog's buttons
            QWidget.setTabOrder(before.line_edit, entry.line_edit)
            QWidget.setTabOrder(entry.line_edit, entry.add_button)
        if text:
            entry.setText(text)
            entry.normalise()
        self.changed.emit()
        return entry

    def add_and_focus(self) -> RightEntry:
        """A new line with the focus in it; an empty last line is reused instead of adding another."""
        last = self.entries[-1]
        entry = last if not last.text() else self.add_entry()
        entry.line_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return entry

    def enter_in(self, entry: RightEntry) -> None:
        """Enter in a number: the next line (added when this is the last); in an empty last line of several,
        the line goes and the focus leaves the list for the next field."""
        i = self.entries.index(entry)
        if i + 1 < len(self.entries):
            self.entries[i + 1].line_edit.setFocus(Qt.FocusReason.TabFocusReason)
        elif entry.text():
            self.add_entry().line_edit.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            leave_from = self.entries[i - 1].line_edit if i > 0 else entry.line_edit
            if i > 0:
                self.remove_entry(entry)
            _focus_after(leave_from)

    def remove_entry(self, entry: RightEntry) -> None:
        if len(self.entries) == 1:
            entry.setText("")
            return
        self.entries.remove(entry)
        if self.focusProxy() is entry:
            self.setFocusProxy(self.entries[0])
        entry.setParent(None)
        entry.deleteLater()
        self.changed.emit()
        self.rights_changed.emit()

    def set_numbers(self, numbers: list[str]) -> None:
        for e in list(self.entries):
            self.remove_entry(e)
        for i, n in enumerate(numbers):
            entry = self.entries[0] if i == 0 else self.add_entry()
            entry.setText(n)
            entry.normalise()

    def numbers(self) -> list[str]:
        """The numbers as the service takes them (normalised where they parse, else as typed)."""
        return [e.number_text() for e in self.entries if e.text()]

    def rights(self) -> list[Right]:
        return [e.right for e in self.entries if e.right is not None]

    def lookup_all(self) -> None:
        for e in self.entries:
            if e.parsed is not None and e.right is None:
                e.lookup()

    def add_to_register(self, entry: RightEntry, number: str) -> Any:
        """Open the rights form prefilled with the number; when saved, this entry finds the new right."""
        from ipdesk.gui.registry.right_form import RightForm

        form = RightForm(self.workstation, None, parent=self.window(), lang=self.lang, initial={"number": number})
        form.saved.connect(lambda _right: entry.lookup())
        form.open()
        self.right_form = form
        return form


def _relayout(widget: QWidget) -> None:
    """Lay the window out again now, from the outside in, so a label that grew (one line while looking up, two
    once the register answered) is never shown clipped while the posted layout requests make their way up
    through the form's nested layouts (a screenshot or a glance in between saw the second line cut off)."""
    if not widget.isVisible():
        return
    chain: list[QWidget] = []
    w: QWidget | None = widget
    while w is not None:
        chain.append(w)
        if w.isWindow():
            break
        w = w.parentWidget()
    layouts = [w.layout() for w in chain if w.layout() is not None]
    for layout in layouts:  # the inside first: each outer layout then asks the new size of what it holds
        layout.invalidate()
    for layout in reversed(layouts):
        layout.activate()


def _focus_after(widget: QWidget) -> None:
    """Focus the next Tab stop after ``widget`` that is not one of the rights lines."""
    w = widget.nextInFocusChain()
    while w is not widget:
        if (w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                and not isinstance(w.parentWidget(), RightEntry) and w.focusProxy() is None):
            w.setFocus(Qt.FocusReason.TabFocusReason)
            return
        w = w.nextInFocusChain()
