"""The rights register: search by number (any form), title or owner; filter by kind, status and flags;
the detail pane shows owners and shares, term and expiry, legal status and flags, product and history.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGridLayout, QLabel, QWidget

from ipdesk.domain.registry.right_input import label as right_label
from ipdesk.domain.registry.rights import KIND_LABELS, STATUS_LABELS, Right, RightKind
from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.models.badges import RIGHT_STATUS_TONES
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.pages.detail_pane import (
    DetailPane,
    DetailSection,
    add_sections,
    fact_value,
    fill_facts,
    load_sections,
    present_sections,
    section_title,
    vbox,
)
from ipdesk.gui.common.pages.history import HistoryView
from ipdesk.gui.common.pages.register_page import FilterSpec, RegisterPage
from ipdesk.gui.common.rich_text import badge_html, pick
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.formatting import format_date, format_percent
from ipdesk.gui.i18n import ui_lang


class RightDetailPane(DetailPane):
    """One right: heading, facts, owners, term, flags, product and the audit history."""

    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None, *,
                 sections: Sequence[DetailSection] = ()):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.workstation = workstation
        self.lang = lang
        layout = vbox(self.body)
        self.heading = self.make_heading()
        layout.addWidget(self.heading)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.status)
        self.facts = QFormLayout()
        self.facts.setHorizontalSpacing(12)
        layout.addLayout(self.facts)
        layout.addWidget(section_title(self.tr("权利人")))
        self.owners = QGridLayout()
        self.owners.setHorizontalSpacing(16)
        layout.addLayout(self.owners)
        layout.addWidget(section_title(self.tr("期限")))
        self.term = QFormLayout()
        layout.addLayout(self.term)
        self.sections = add_sections(self, layout, sections)  # later contexts: valuation, monitoring
        layout.addWidget(section_title(self.tr("历史")))
        self.history = HistoryView(right_label, lang)
        layout.addWidget(self.history)
        layout.addStretch(1)

    def load(self, record_id: Any) -> tuple[Right, list[Any], list[Any]]:  # worker thread
        return (self.workstation.rights.get(record_id), self.workstation.rights.history(record_id),
                load_sections(self.sections, record_id))

    def present(self, data: tuple[Right, list[Any], list[Any]]) -> None:
        right, history, sections = data
        lang = self.lang
        present_sections(self.sections, sections, right)
        self.heading.setText(f"{right.display_number}  {right.title}")
        status = right.legal_status
        flags = [
            (self.tr("已提起无效宣告"), right.invalidation_requested),
            (self.tr("权属纠纷中止"), right.ownership_dispute),
            (self.tr("法院保全"), right.court_preservation),
        ]
        tone = RIGHT_STATUS_TONES.get(status, "muted")
        parts = [badge_html(pick(STATUS_LABELS[status], lang), tone, mark=False)]
        parts += [badge_html("⚑ " + text, "bad", mark=False) for text, on in flags if on]
        self.status.setText("&nbsp;&nbsp;".join(parts))

        rows = [
            (right_label("kind", lang), pick(KIND_LABELS[right.kind], lang)),
            (
                right_label("number", lang),
                right.display_number
                if right.number == right.display_number
                else f"{right.display_number}（{right.number}）"
                if lang == "zh"
                else f"{right.display_number} ({right.number})",
            ),
        ]
        if right.nice_classes:
            rows.append((right_label("nice_classes", lang), "、".join(str(c) for c in right.nice_classes)))
        for key in ("similarity_group", "ipc_main", "product", "same_day_twin", "notes"):
            value = getattr(right, key)
            if value:
                rows.append((right_label(key, lang), value))
        flag_text = "、".join(text for text, on in flags if on) or self.tr("无")
        rows.append((self.tr("权利限制"), flag_text))
        fill_facts(self.facts, rows, lang)

        _clear_grid(self.owners)
        for i, owner in enumerate(right.owners):
            self.owners.addWidget(fact_value(owner.name or f"#{owner.party_id}"), i, 0)
            share = QLabel(format_percent(owner.share))  # one decimal, as every percentage
            share.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.owners.addWidget(share, i, 1)
        if not right.owners:
            self.owners.addWidget(fact_value("—"), 0, 0)
        self.owners.setColumnStretch(0, 1)

        term = [(right_label(key, lang), format_date(getattr(right, key)))
                for key in ("filing_date", "grant_date", "registration_date", "publication_date")]
        if right.term_extension_days:
            term.append((right_label("term_extension_days", lang), str(right.term_extension_days)))
        if right.kind is RightKind.TRADEMARK and getattr(right, "renewals", 0):
            term.append((right_label("renewals", lang), str(right.renewals)))
        expiry = right.expiry_date
        left = self.remaining(expiry) if expiry else ""
        term.append((right_label("expiry_date", lang),
                     (format_date(expiry) + (f"（{left}）" if lang == "zh" else f" ({left})")) if expiry
                     else self.tr("未确定")))
        fill_facts(self.term, term, lang)
        self.history.set_entries(history)
        self.show_body()

    def remaining(self, expiry: date, today: date | None = None) -> str:
        days = (expiry - (today or self.workstation.clock.today())).days
        if days < 0:
            return self.tr("已届满")
        years, rest = divmod(days, 365)
        if years:
            return self.tr("还有约 {y} 年 {d} 天").format(y=years, d=rest)
        return self.tr("还有 {d} 天").format(d=days)


class RightsPage(RegisterPage):
    """The IP rights register."""

    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None, *,
                 detail_sections: Sequence[DetailSection] = ()):
        lang = ui_lang(lang)
        self.workstation = workstation
        kinds = [(k.value, pick(KIND_LABELS[k], lang)) for k in RightKind]
        statuses = [(s.value, pick(STATUS_LABELS[s], lang)) for s in STATUS_LABELS]
        super().__init__(
            "rights",
            workstation.rights,
            title=self.tr("知识产权"),
            lang=lang,
            labels={
                "kind": {k.value: v for k, v in KIND_LABELS.items()},
                "legal_status": {s.value: v for s, v in STATUS_LABELS.items()},
            },
            value_keys={"kind": "kind_value", "legal_status": "status_value"},
            badges={"legal_status": RIGHT_STATUS_TONES},
            filters=[
                FilterSpec("kind", self.tr("类型"), kinds),
                FilterSpec("legal_status", self.tr("法律状态"), statuses),
                FilterSpec("flagged", self.tr("权利限制"), [("1", self.tr("有无效/纠纷/保全标记"))]),
            ],
            detail=RightDetailPane(workstation, lang, sections=detail_sections),
            search_placeholder=self.tr("搜索编号（任何写法）、名称或权利人…"),
            parent=parent,
        )

    def can_create(self) -> bool:
        return may(self.workstation.actor, Action.EDIT_RIGHTS)

    def can_edit(self, row_id: Any) -> bool:
        return row_id is not None and self.can_create()

    def new_record(self) -> None:
        self.open_form(None)

    def edit_record(self, row_id: Any) -> None:
        self.open_form(row_id)

    def open_form(self, right_id: int | None, initial: dict[str, Any] | None = None) -> Any:
        from ipdesk.gui.registry.right_form import RightForm

        form = RightForm(self.workstation, right_id, parent=self, lang=self.lang, initial=initial)
        form.saved.connect(self._saved)
        form.open()
        return form

    def _saved(self, right: Right) -> None:
        # the operation's changes already refreshed the list (ipdesk.gui.ops.broadcast)
        self.select_when_loaded(right.id, search=right.number)
        self.status_message.emit(self.tr("已保存 {number}").format(number=right.display_number))


def _clear_grid(grid: QGridLayout) -> None:
    while grid.count():
        item = grid.takeAt(0)
        if item.widget():
            item.widget().deleteLater()
