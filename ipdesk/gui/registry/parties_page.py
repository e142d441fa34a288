"""The parties register: firms, banks, guarantee agencies, insurers, evaluators, institutions, individuals."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QWidget

from ipdesk.domain.registry.parties import PARTY_KIND_LABELS, Party, PartyKind
from ipdesk.domain.registry.party_input import label as party_label
from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.pages.detail_pane import DetailPane, fill_facts, section_title, vbox
from ipdesk.gui.common.pages.history import HistoryView
from ipdesk.gui.common.pages.register_page import FilterSpec, RegisterPage
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang


class PartyDetailPane(DetailPane):
    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.workstation = workstation
        self.lang = lang
        layout = vbox(self.body)
        self.heading = self.make_heading()
        layout.addWidget(self.heading)
        self.facts = QFormLayout()
        layout.addLayout(self.facts)
        layout.addWidget(section_title(self.tr("历史")))
        self.history = HistoryView(party_label, lang)
        layout.addWidget(self.history)
        layout.addStretch(1)

    def load(self, record_id: Any) -> tuple[Party, int, list[Any]]:  # worker thread
        parties = self.workstation.parties
        return parties.get(record_id), parties.rights_count(record_id), parties.history(record_id)

    def present(self, data: tuple[Party, int, list[Any]]) -> None:
        party, rights, history = data
        self.heading.setText(party.name)
        rows = [(party_label("kind", self.lang), pick(PARTY_KIND_LABELS[party.kind], self.lang))]
        for key in ("uscc", "id_number", "address", "contact", "phone", "region", "notes"):
            value = getattr(party, key)
            if value:
                rows.append((party_label(key, self.lang), value))
        rows.append((self.tr("名下知识产权"), self.tr("{n} 件").format(n=rights)))
        fill_facts(self.facts, rows, self.lang)
        self.history.set_entries(history)
        self.show_body()


class PartiesPage(RegisterPage):
    """The parties register."""

    def __init__(
        self,
        workstation: Workstation,
        lang: str | None = None,
        parent: QWidget | None = None,
        show_rights: Any = None,
    ):
        lang = ui_lang(lang)
        self.workstation = workstation
        self._show_rights = show_rights
        super().__init__(
            "parties",
            workstation.parties,
            title=self.tr("当事人"),
            lang=lang,
            labels={"kind": {k.value: v for k, v in PARTY_KIND_LABELS.items()}},
            value_keys={"kind": "kind_value"},
            filters=[
                FilterSpec(
                    "kind", self.tr("类型"), [(k.value, pick(PARTY_KIND_LABELS[k], lang)) for k in PartyKind]
                )
            ],
            detail=PartyDetailPane(workstation, lang),
            search_placeholder=self.tr("搜索名称、简称或统一社会信用代码…"),
            parent=parent,
        )
        if show_rights is not None:
            self.add_action(
                "rights",
                self.tr("查看其知识产权"),
                "rights",
                self.show_rights_of_selected,
                enabled_when=lambda rows: len(rows) == 1,
                tip=self.tr("在知识产权页面列出这个当事人名下的权利"),
            )

    def can_create(self) -> bool:
        return may(self.workstation.actor, Action.EDIT_PARTIES)

    def can_edit(self, row_id: Any) -> bool:
        return row_id is not None and self.can_create()

    def new_record(self) -> None:
        self.open_form(None)

    def edit_record(self, row_id: Any) -> None:
        self.open_form(row_id)

    def open_form(self, party_id: int | None) -> Any:
        from ipdesk.gui.registry.party_form import PartyForm

        form = PartyForm(self.workstation, party_id, parent=self, lang=self.lang)
        form.saved.connect(self._saved)
        form.open()
        return form

    def show_rights_of_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1 and self._show_rights is not None:
            data = self.model.row_data(rows[0]) or {}
            self._show_rights(data.get("id"), data.get("name", ""))

    def _saved(self, party: Party) -> None:
        # the operation's changes already refreshed the list (ipdesk.gui.ops.broadcast)
        self.select_when_loaded(party.id, search=party.name)
        self.status_message.emit(self.tr("已保存 {name}").format(name=party.name))
