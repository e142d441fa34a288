"""RightForm: add or edit an IP right — number in any common form, dates, owners with shares, Nice classes.

Validation is the service's own (``RightService.validate``), field by field as the clerk types; the
fields shown follow the kind (a trademark asks for Nice classes, a copyright for its expiry…).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QWidget

from ipdesk.domain.registry.identifiers import parse_right_number
from ipdesk.domain.registry.right_input import check_right
from ipdesk.domain.registry.right_input import label as right_label
from ipdesk.domain.registry.rights import KIND_LABELS, STATUS_LABELS, LegalStatus, Right, RightKind
from ipdesk.domain.shared.problems import DomainError, Problem
from ipdesk.gui.common.lookup import RememberedCheck
from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.common.widgets.field_edit import FieldEdit
from ipdesk.gui.common.widgets.form_dialog import FormDialog, form_label
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.formatting import format_date
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.registry.owners_editor import OwnersEditor

PATENTS = {RightKind.INVENTION, RightKind.UTILITY_MODEL, RightKind.DESIGN}
COPYRIGHTS = {RightKind.COPYRIGHT, RightKind.SOFTWARE}
ALL = set(RightKind)
#: which kinds show which optional field (fields not listed are always shown)
FIELD_KINDS: dict[str, set[RightKind]] = {
    "filing_date": PATENTS | {RightKind.TRADEMARK},
    "grant_date": PATENTS,
    "registration_date": {RightKind.TRADEMARK} | COPYRIGHTS,
    "publication_date": PATENTS | COPYRIGHTS,
    "expiry_date": COPYRIGHTS,
    "term_extension_days": {RightKind.INVENTION},
    "renewals": {RightKind.TRADEMARK},
    "nice_classes": {RightKind.TRADEMARK},
    "similarity_group": {RightKind.TRADEMARK},
    "ipc_main": {RightKind.INVENTION, RightKind.UTILITY_MODEL},
    "same_day_twin": {RightKind.INVENTION, RightKind.UTILITY_MODEL},
}
FLAGS = ("invalidation_requested", "ownership_dispute", "court_preservation")


class RightForm(FormDialog):
    """The add / edit form of a right.

    Args:
        workstation: gives ``rights`` (validate/create/update/get), ``parties`` (owner picker), ``actor``.
        right_id: the right to edit, or None for a new one.
        initial: values to start a new right with (e.g. the number typed in a search).
    """

    def __init__(
        self,
        workstation: Workstation,
        right_id: int | None = None,
        *,
        parent: QWidget | None = None,
        lang: str | None = None,
        initial: dict[str, Any] | None = None,
    ):
        lang = ui_lang(lang)
        super().__init__(
            parent, title=self.tr("新建知识产权") if right_id is None else self.tr("编辑知识产权")
        )
        self.setObjectName("RightForm")
        self.workstation = workstation
        self.right_id = right_id
        self.lang = lang
        self.version: int | None = None
        # what only the register knows (the number taken, an owner gone), asked in the reader pool
        self._register = RememberedCheck(self, lambda data: workstation.rights.validate(data, right_id),
                                         lambda: self.validate_now())
        self.resize(680, 760)
        L = lambda key, required=False: form_label(right_label(key, lang), required, lang)  # noqa: E731

        self.kind = QComboBox()
        self.kind.addItem(self.tr("（按编号识别）"), "")
        for k in RightKind:
            self.kind.addItem(KIND_LABELS[k][1 if lang == "en" else 0], k.value)
        self.add_field("kind", L("kind", True), self.kind)
        self.number = FieldEdit(
            placeholder=self.tr("如 ZL 201710601862.3、2017106018623、12345678、2023SR0123456")
        )
        self.number.line_edit.editingFinished.connect(self.normalise_number)
        self.add_field("number", L("number", True), self.number)
        self.title_edit = FieldEdit()
        self.add_field("title", L("title", True), self.title_edit)
        self.status = QComboBox()
        for s in LegalStatus:
            self.status.addItem(STATUS_LABELS[s][1 if lang == "en" else 0], s.value)
        self.status.setCurrentIndex(self.status.findData(LegalStatus.IN_FORCE.value))
        self.add_field("legal_status", L("legal_status"), self.status)
        self.dates: dict[str, DateEdit] = {}
        for key in ("filing_date", "grant_date", "registration_date", "publication_date", "expiry_date"):
            self.dates[key] = DateEdit()
            self.add_field(key, L(key), self.dates[key])
        self.expiry_preview = QLabel()
        self.expiry_preview.setStyleSheet("color: #1f4f8a;")
        self.add_row(self.tr("届满日（计算）："), self.expiry_preview)
        self.texts: dict[str, FieldEdit] = {}
        for key, hint in (
            ("term_extension_days", self.tr("专利权期限补偿的天数，没有则留空")),
            ("renewals", self.tr("商标续展次数，没有则留空")),
            ("nice_classes", self.tr("如 9, 42（1–45，用逗号或顿号分隔）")),
            ("similarity_group", ""),
            ("ipc_main", self.tr("如 G06T 7/00")),
            ("product", self.tr("专利绑定的产品（项目式质押）")),
            ("same_day_twin", self.tr("同日申请的发明或实用新型的编号")),
        ):
            self.texts[key] = FieldEdit(placeholder=hint)
            self.add_field(key, L(key), self.texts[key])
        flags_row = QWidget()
        row = QHBoxLayout(flags_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.flags: dict[str, QCheckBox] = {}
        for key in FLAGS:
            box = QCheckBox(right_label(key, lang))
            self.flags[key] = box
            row.addWidget(box)
            self.connect_changes(key, box)
        row.addStretch(1)
        flags_row.setFocusProxy(self.flags["invalidation_requested"])
        # a field, so that a refusal about the flags (an open invalidation request) shows under them
        self.add_field("invalidation_requested", self.tr("权利限制："), flags_row)
        self.owners = OwnersEditor(workstation, lang)
        self.add_field("owners", L("owners", True), self.owners)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)
        self.add_field("notes", L("notes"), self.notes)
        self.kind.currentIndexChanged.connect(lambda _i: self.update_kind_fields())

        if right_id is not None:
            self.load(workstation.rights.get(right_id))
        elif initial:
            self.number.setText(str(initial.get("number", "")))
            self.title_edit.setText(str(initial.get("title", "")))
            self.normalise_number()
        self.update_kind_fields()
        self.mark_clean()

    # ---- loading and reading ---------------------------------------------------------------------

    def load(self, right: Right) -> None:
        self.version = right.version
        self.setWindowTitle(self.tr("编辑知识产权 {number}").format(number=right.display_number))
        self.kind.setCurrentIndex(self.kind.findData(right.kind.value))
        self.number.setText(right.display_number)
        self.title_edit.setText(right.title)
        self.status.setCurrentIndex(self.status.findData(right.legal_status.value))
        for key, edit in self.dates.items():
            value = getattr(right, key)
            edit.setDate(value if key != "expiry_date" or right.kind in COPYRIGHTS else None)
        self.texts["term_extension_days"].setText(str(right.term_extension_days or ""))
        self.texts["renewals"].setText(str(getattr(right, "renewals", 0) or ""))
        self.texts["nice_classes"].setText(", ".join(str(c) for c in right.nice_classes))
        for key in ("similarity_group", "ipc_main", "product", "same_day_twin"):
            self.texts[key].setText(getattr(right, key))
        for key, box in self.flags.items():
            box.setChecked(bool(getattr(right, key)))
        self.owners.set_owners([(o.party_id, o.name, o.share) for o in right.owners])
        self.notes.setPlainText(right.notes)

    def current_kind(self) -> RightKind | None:
        value = self.kind.currentData()
        if value:
            return RightKind(value)
        try:
            return parse_right_number(self.number.text()).kind if self.number.text().strip() else None
        except DomainError:
            return None

    def values(self) -> dict[str, Any]:
        kind = self.current_kind()
        data: dict[str, Any] = {
            "kind": self.kind.currentData() or "",
            "number": self.number.text().strip(),
            "title": self.title_edit.text().strip(),
            "legal_status": self.status.currentData(),
            "owners": self.owners.owners(),
            "notes": self.notes.toPlainText().strip(),
        }
        for key, edit in self.dates.items():
            data[key] = edit.iso_text() if self._shown(key, kind) else ""
        for key, edit in self.texts.items():
            data[key] = edit.text().strip() if self._shown(key, kind) or key == "product" else ""
        for key, box in self.flags.items():
            data[key] = box.isChecked()
        return data

    # ---- behaviour -------------------------------------------------------------------------------

    def normalise_number(self) -> None:
        """Show the number in its display form and pick the kind from it (``2017106018623`` → invention)."""
        text = self.number.text().strip()
        if not text:
            return
        kind = RightKind(self.kind.currentData()) if self.kind.currentData() else None
        try:
            parsed = parse_right_number(text, kind)
        except DomainError:
            return  # the field shows what is wrong
        if parsed.display != text:
            self.number.setText(parsed.display)
        if kind is None and parsed.kind is not None:
            self.kind.setCurrentIndex(self.kind.findData(parsed.kind.value))

    def update_kind_fields(self) -> None:
        kind = self.current_kind()
        for key, kinds in FIELD_KINDS.items():
            field = self.fields[key]
            self.form.setRowVisible(field, kind is None or kind in kinds)
        self.form.setRowVisible(self.expiry_preview, kind is None or kind not in COPYRIGHTS)

    def _shown(self, key: str, kind: RightKind | None) -> bool:
        kinds = FIELD_KINDS.get(key)
        return kinds is None or kind is None or kind in kinds

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        parsed, problems = check_right(data)
        if parsed is not None and parsed.expiry_date is not None:
            self.expiry_preview.setText(format_date(parsed.expiry_date))
        else:
            self.expiry_preview.setText(self.tr("填写完整后自动计算"))
        if parsed is not None:
            key = (parsed.number, *(o.party_id for o in parsed.owners))
            problems = problems + self._register.problems(key, data)
        return problems

    @property
    def checking(self) -> bool:
        """Whether the register is being asked about the number and owners on the form."""
        return self._register.busy


    def save(self, data: dict[str, Any]) -> Right:  # writer thread
        actor = self.workstation.actor
        if self.right_id is None:
            return self.workstation.rights.create(actor, data)
        return self.workstation.rights.update(actor, self.right_id, data, expected_version=self.version)
