"""PartyPicker: find a party by name, similar name or USCC as you type; or add a new one on the spot."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.registry.parties import PARTY_KIND_LABELS, Party
from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.lookup import LatestRead
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.widgets.search_bar import SearchBar
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang

LIMIT = 30


class PartyPicker(QDialog):
    """Returns the chosen :class:`Party` in ``chosen`` after ``exec()`` is accepted."""

    def __init__(
        self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None, *, text: str = ""
    ):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.workstation = workstation
        self.lang = lang
        self.chosen: Party | None = None
        self.setWindowTitle(self.tr("选择当事人"))
        self.resize(520, 440)
        layout = QVBoxLayout(self)
        self.search = SearchBar(self, placeholder=self.tr("输入名称或统一社会信用代码…"), delay_ms=150)
        self.search.search_changed.connect(self.find)
        layout.addWidget(self.search)
        self.results = QListWidget()
        self.results.itemActivated.connect(lambda _i: self.accept())
        self.results.itemDoubleClicked.connect(lambda _i: self.accept())
        layout.addWidget(self.results, 1)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #607d8b;")
        layout.addWidget(self.hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("选择"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.new_button = QPushButton(self.tr("新建当事人…"))
        self.new_button.setVisible(may(workstation.actor, Action.EDIT_PARTIES))
        self.new_button.clicked.connect(self.new_party)
        buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._read = LatestRead(self)
        self.search.setText(text)
        self.find(text)
        self.search.setFocus()

    @property
    def searching(self) -> bool:
        """Whether the register is being searched for the text typed (results follow)."""
        return self._read.busy

    def find(self, text: str) -> None:
        """Search the parties register in the reader pool; only the answer for the latest text is shown."""
        self.results.clear()  # results for another text must not be chosen meanwhile
        if not text.strip():
            self._read.cancel()
            self.hint.setText(self.tr("输入至少一个字开始查找"))
            return
        self.hint.setText(self.tr("正在查找…"))
        parties = self.workstation.parties
        self._read.run(lambda: parties.find(text, LIMIT), lambda found: self._show(text, found),
                       lambda exc: self.hint.setText(self.tr("查找失败：{error}").format(error=exc)),
                       name="find parties")

    def _show(self, text: str, parties: list[Party]) -> None:
        for party in parties:
            kind = PARTY_KIND_LABELS[party.kind][1 if self.lang == "en" else 0]
            ident = party.uscc or party.id_number
            item = QListWidgetItem(f"{party.name}    {kind}    {ident}")
            item.setData(Qt.ItemDataRole.UserRole, party)
            self.results.addItem(item)
        if parties:
            self.results.setCurrentRow(0)
        self.hint.setText(
            self.tr("找到 {n} 个当事人").format(n=len(parties))
            if parties
            else self.tr("没有找到“{text}”，可以新建这个当事人").format(text=text)
        )

    def accept(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        super().accept()

    def new_party(self) -> None:
        from ipdesk.gui.registry.party_form import PartyForm

        form = PartyForm(
            self.workstation, None, parent=self, lang=self.lang, initial={"name": self.search.text().strip()}
        )
        if form.exec() == QDialog.DialogCode.Accepted and form.result_value is not None:
            self.chosen = form.result_value
            super().accept()
