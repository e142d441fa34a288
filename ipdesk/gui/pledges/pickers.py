"""Party pickers for the pledge forms: search as you type on name / USCC, or open the full picker.

:class:`PartyField` is one party (pledgee, debtor, agent); :class:`PartyListEdit` several (pledgors).
Both hand the services what :func:`ipdesk.services.pledges.inputs.resolve_party` understands: ``"#id"``
for a chosen party, else the text as typed (an exact name or a USCC), so an unknown party comes back
as a problem under the field instead of being guessed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.registry.parties import Party
from ipdesk.gui.common.keyboard import skip_tab
from ipdesk.gui.common.lookup import LatestRead
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.icons import icon

SEARCH_DELAY_MS = 200
SUGGESTIONS = 15


def party_text(party: Party) -> str:
    ident = party.uscc or party.id_number
    return f"{party.name}（{ident}）" if ident else party.name


class PartyField(QWidget):
    """One party: type a name or USCC (suggestions drop down), or press … for the full picker.

    Signals:
        changed(): the text or the chosen party changed.
        party_chosen(object): a :class:`Party` was picked (from the suggestions or the picker).
    """

    changed = Signal()
    party_chosen = Signal(object)
    suggested = Signal(list)

    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None, *,
                 placeholder: str = ""):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.workstation = workstation
        self.lang = lang
        self.party: Party | None = None
        self._found: dict[str, Party] = {}
        self._suggesting = LatestRead(self)  # suggestions for the text as typed
        self._resolving = LatestRead(self)  # the exact party, on leaving the field
        self.line_edit = QLineEdit()
        self.line_edit.setPlaceholderText(placeholder or self.tr("输入名称或统一社会信用代码查找"))
        self.line_edit.setClearButtonEnabled(True)
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.activated[str].connect(self._completed)
        self.line_edit.setCompleter(self.completer)
        self.button = QToolButton()
        self.button.setIcon(icon("search"))
        self.button.setToolTip(self.tr("打开当事人选择窗口（可新建当事人）"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.open_picker)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line_edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line_edit)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.suggest)
        self.line_edit.textEdited.connect(self._edited)
        self.line_edit.textChanged.connect(lambda _t: self.changed.emit())
        self.line_edit.editingFinished.connect(self.resolve_typed)

    # ---- value -------------------------------------------------------------------------------------

    def value(self) -> str:
        """``"#id"`` for a chosen party, else the stripped text (``""`` when empty)."""
        if self.party is not None:
            return f"#{self.party.id}"
        return self.line_edit.text().strip()

    def party_id(self) -> int | None:
        return self.party.id if self.party is not None else None

    def set_party(self, party: Party | None) -> None:
        self.party = party
        self.line_edit.blockSignals(True)
        self.line_edit.setText(party_text(party) if party is not None else "")
        self.line_edit.blockSignals(False)
        self.changed.emit()
        if party is not None:
            self.party_chosen.emit(party)

    def clear(self) -> None:
        self.set_party(None)

    # ---- searching ---------------------------------------------------------------------------------

    @property
    def looking_up(self) -> bool:
        """Whether suggestions or the exact party for the text typed are still being read."""
        return self._suggesting.busy or self._resolving.busy or self._timer.isActive()

    def _edited(self, _text: str) -> None:
        self.party = None  # typing again means a new choice
        self._resolving.cancel()
        self._timer.start()

    def suggest(self) -> None:
        """Fill the suggestion list from the parties register (name, similar name or USCC), read in the
        reader pool; ``suggested(parties)`` follows, for the latest text only."""
        self._timer.stop()
        text = self.line_edit.text().strip()
        if not text:
            self._suggesting.cancel()
            self._show_suggestions([])
            return
        parties = self.workstation.parties
        self._suggesting.run(lambda: parties.find(text, SUGGESTIONS), self._show_suggestions,
                             name="suggest parties")

    def _show_suggestions(self, parties: list[Party]) -> None:
        self._found = {party_text(p): p for p in parties}
        self._model.setStringList(list(self._found))
        if parties and self.line_edit.hasFocus():
            self.completer.complete()
        self.suggested.emit(parties)

    def _completed(self, text: str) -> None:
        party = self._found.get(text)
        if party is not None:
            self.set_party(party)

    def resolve_typed(self) -> None:
        """Leaving the field: an exact name or USCC of one party counts as choosing it."""
        if self.party is not None:
            return
        text = self.line_edit.text().strip()
        if not text:
            return
        parties = self.workstation.parties

        def resolved(found: list[Party]) -> None:
            exact = [p for p in found if p.name == text or (p.uscc and p.uscc == text.upper())]
            if len(exact) == 1 and self.party is None and self.line_edit.text().strip() == text:
                self.set_party(exact[0])

        self._resolving.run(lambda: parties.find(text, 5), resolved, name="resolve party")

    def open_picker(self) -> None:
        from ipdesk.gui.registry.party_picker import PartyPicker

        text = "" if self.party is not None else self.line_edit.text().strip()
        picker = PartyPicker(self.workstation, self.lang, self, text=text)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.chosen is not None:
            self.set_party(picker.chosen)


class PartyListEdit(QWidget):
    """Several parties (the pledgors: co-owners may pledge together): a list plus a field to add one.

    Signals:
        changed(): a party was added or removed, or the add field was edited.
    """

    changed = Signal()

    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setMaximumHeight(72)
        self.list.setAlternatingRowColors(True)
        self.field = PartyField(workstation, lang, placeholder=self.tr("名称或信用代码，选中即添加"))
        self.field.party_chosen.connect(self.add_party)
        self.field.changed.connect(self.changed)
        self.remove_button = QPushButton(self.tr("移除"))
        self.remove_button.setToolTip(self.tr("移除选中的出质人"))
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.field, 1)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.list)
        skip_tab(self.remove_button, self.list)  # Tab goes on to the pledgee (Backspace in the empty field removes)
        self.field.line_edit.installEventFilter(self)
        self.line_edit = self.field.line_edit  # what an ErrorField marks red
        self.setFocusProxy(self.field)
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Backspace in the empty add field takes the last pledgor off the list (the keyboard's 移除)
        if (watched is self.field.line_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Backspace
                and not self.field.line_edit.text() and self.list.count()):
            self.list.takeItem(self.list.count() - 1)
            self._update()
            self.changed.emit()
            return True
        return super().eventFilter(watched, event)

    def parties(self) -> list[Party]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def party_ids(self) -> list[int]:
        return [p.id for p in self.parties() if p.id is not None]

    def values(self) -> list[str]:
        """``"#id"`` of each listed party, plus the add field's text if it names no listed party yet."""
        out = [f"#{p.id}" for p in self.parties()]
        pending = self.field.value()
        if pending and self.field.party is None:
            out.append(pending)
        return out

    def add_party(self, party: Party) -> None:
        if party.id not in self.party_ids():
            item = QListWidgetItem(party_text(party))
            item.setData(Qt.ItemDataRole.UserRole, party)
            self.list.addItem(item)
        self.field.set_party(None)
        added = party_text(party)
        # and again on the next turn of the event loop, in case the completer writes its text back
        QTimer.singleShot(0, lambda: self.field.line_edit.text() == added and self.field.clear())
        self._update()
        self.changed.emit()

    def remove_selected(self) -> None:
        rows = sorted((self.list.row(i) for i in self.list.selectedItems()), reverse=True)
        for r in rows:
            self.list.takeItem(r)
        if rows:
            self._update()
            self.changed.emit()

    def _update(self) -> None:
        self.list.setVisible(self.list.count() > 0)
        self.remove_button.setEnabled(self.list.count() > 0)
