"""PartyForm: add or edit a party — USCC checked as typed (check character, already used by whom)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from ipdesk.domain.registry.parties import PARTY_KIND_LABELS, USCC_KINDS, Party, PartyKind
from ipdesk.domain.registry.party_input import check_party
from ipdesk.domain.registry.party_input import label as party_label
from ipdesk.domain.shared.problems import Problem
from ipdesk.gui.common.lookup import RememberedCheck
from ipdesk.gui.common.widgets.field_edit import FieldEdit
from ipdesk.gui.common.widgets.form_dialog import FormDialog, form_label
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang

TEXT_FIELDS = ("name", "uscc", "id_number", "address", "contact", "phone", "region")


class PartyForm(FormDialog):
    """The add / edit form of a party (validation: ``PartyService.validate``)."""

    def __init__(
        self,
        workstation: Workstation,
        party_id: int | None = None,
        *,
        parent: QWidget | None = None,
        lang: str | None = None,
        initial: dict[str, Any] | None = None,
    ):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("新建当事人") if party_id is None else self.tr("编辑当事人"))
        self.setObjectName("PartyForm")
        self.workstation = workstation
        self.party_id = party_id
        # a USCC already used by another party: only the register knows, asked in the reader pool
        self._register = RememberedCheck(self, lambda data: workstation.parties.validate(data, party_id),
                                         lambda: self.validate_now())
        self.lang = lang
        self.version: int | None = None
        self.resize(600, 520)
        L = lambda key, required=False: form_label(party_label(key, lang), required, lang)  # noqa: E731

        self.kind = QComboBox()
        for k in PartyKind:
            self.kind.addItem(PARTY_KIND_LABELS[k][1 if lang == "en" else 0], k.value)
        self.add_field("kind", L("kind", True), self.kind)
        hints = {
            "name": self.tr("与营业执照或证件一致的全称"),
            "uscc": self.tr("18 位，如 91321100MA1MXXXXXX（字母不区分大小写）"),
            "id_number": self.tr("身份证或护照号码"),
            "region": self.tr("6 位行政区划代码，如 321100"),
        }
        self.edits: dict[str, FieldEdit] = {}
        for key in TEXT_FIELDS:
            self.edits[key] = FieldEdit(placeholder=hints.get(key, ""))
            self.add_field(key, L(key, key == "name"), self.edits[key])
        self.edits["uscc"].line_edit.editingFinished.connect(self._upper_uscc)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)
        self.add_field("notes", L("notes"), self.notes)
        self.kind.currentIndexChanged.connect(lambda _i: self.update_kind_fields())

        if party_id is not None:
            self.load(workstation.parties.get(party_id))
        elif initial:
            for key, value in initial.items():
                if key in self.edits:
                    self.edits[key].setText(str(value))
        self.update_kind_fields()
        self.mark_clean()

    def load(self, party: Party) -> None:
        self.version = party.version
        self.setWindowTitle(self.tr("编辑当事人 {name}").format(name=party.name))
        self.kind.setCurrentIndex(self.kind.findData(party.kind.value))
        for key, edit in self.edits.items():
            edit.setText(getattr(party, key) or "")
        self.notes.setPlainText(party.notes)

    def current_kind(self) -> PartyKind:
        return PartyKind(self.kind.currentData())

    def update_kind_fields(self) -> None:
        org = self.current_kind() in USCC_KINDS
        self.form.setRowVisible(self.fields["uscc"], org)
        self.form.setRowVisible(self.fields["id_number"], not org)

    def values(self) -> dict[str, Any]:
        org = self.current_kind() in USCC_KINDS
        data: dict[str, Any] = {"kind": self.kind.currentData(), "notes": self.notes.toPlainText().strip()}
        for key, edit in self.edits.items():
            data[key] = edit.text().strip()
        if org:
            data["id_number"] = ""
        else:
            data["uscc"] = ""
        return data

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        parsed, problems = check_party(data)
        if parsed is None or not parsed.uscc:
            return problems  # wrong as typed, or nothing the register could object to
        return problems + self._register.problems(parsed.uscc, data)

    @property
    def checking(self) -> bool:
        return self._register.busy

    def save(self, data: dict[str, Any]) -> Party:  # writer thread
        actor = self.workstation.actor
        if self.party_id is None:
            return self.workstation.parties.create(actor, data)
        return self.workstation.parties.update(actor, self.party_id, data, expected_version=self.version)

    def _upper_uscc(self) -> None:
        edit = self.edits["uscc"]
        text = edit.text().strip().upper().replace(" ", "")
        if text != edit.text():
            edit.setText(text)
