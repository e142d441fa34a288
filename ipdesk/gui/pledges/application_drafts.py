"""Drafts of the pledge application: what a draft stores, filling the form back from it, and the drafts list
(offered at start-up after a crash, and from the pledges page: 草稿…)."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
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

from ipdesk.domain.pledges.application import GuaranteeScope
from ipdesk.gui.common.drafts import Draft, DraftStore
from ipdesk.gui.common.lookup import LatestRead
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.formatting import format_date

KIND = "pledge_application"


def draft_title(values: dict[str, Any], pledgor_names: list[str], lang: str = "zh") -> str:
    """What the drafts list says about one draft: the pledgors and the rights typed so far."""
    n = len([r for r in values.get("rights", []) if r])
    head = ("、" if lang == "zh" else "; ").join(pledgor_names) or "—"
    if not n:
        return head
    return f"{head}；{n} 项权利" if lang == "zh" else f"{head}; {n} right{'' if n == 1 else 's'}"


def restore(form: Any, values: dict[str, Any]) -> Any:
    """Fill ``form`` (a PledgeApplicationForm) from a draft's values; the chosen parties (``"#id"``) are read
    in the reader pool and set when they come. Returns the read (tests wait on it)."""
    form.application_date.setText(values.get("application_date") or "")
    debt = values.get("debt") or {}
    index = form.debt_type.findData(debt.get("type"))
    if index >= 0:
        form.debt_type.setCurrentIndex(index)
    form.amount.setText(debt.get("amount") or "")
    form.amount.editingFinished.emit()  # shown with separators, as after typing
    form.deadline.setText(debt.get("performance_deadline") or "")
    if debt.get("guarantee_scope"):
        form.scope.set_values({GuaranteeScope(s) for s in debt["guarantee_scope"]})
    form.term_end.setText(values.get("pledge_term_end") or "")
    form.valuation.setChecked(bool(values.get("valuation_declared")))
    form.foreign_id.setChecked(bool(values.get("foreign_language_id")))
    form.licensed_before.setChecked(bool(values.get("licensed_before")))
    form.notes.setPlainText(values.get("notes") or "")
    form.rights.set_numbers([n for n in values.get("rights", []) if n])
    form.documents.set_documents(values.get("documents", []))
    form.clauses.set_clauses(values.get("clauses", []))

    fields = {"pledgee": form.pledgee, "debtor": form.debtor, "agent": form.agent}
    texts = {name: values.get(name) or "" for name in fields}
    pledgors = [p for p in values.get("pledgors", []) if p]
    ids = {int(t[1:]) for t in [*pledgors, *texts.values()] if t.startswith("#") and t[1:].isdigit()}
    for name, field in fields.items():  # what was typed but not chosen comes back as typed
        if texts[name] and not texts[name].startswith("#"):
            field.line_edit.setText(texts[name])
    parties = form.workstation.parties

    def read() -> dict[int, Any]:
        return {pid: parties.get(pid) for pid in ids}

    def fill(found: dict[int, Any]) -> None:
        if not shiboken6.isValid(form):
            return
        for text in pledgors:
            if text.startswith("#") and int(text[1:]) in found:
                form.pledgors.add_party(found[int(text[1:])])
            elif not text.startswith("#"):
                form.pledgors.field.line_edit.setText(text)
        for name, field in fields.items():
            text = texts[name]
            if text.startswith("#") and int(text[1:]) in found:
                field.set_party(found[int(text[1:])])
        form.update_checklists()

    form._restoring = LatestRead(form)
    form._restoring.run(read, fill, name="restore draft")
    return form._restoring


class DraftsDialog(QDialog):
    """The drafts of applications left open (after a crash or a kill): continue one, or discard it.

    Signals:
        restore_requested(object): continue the :class:`Draft` (the page opens the form with it).
    """

    restore_requested = Signal(object)

    def __init__(self, workstation: Workstation, parent: QWidget | None = None, *, after_crash: bool = False):
        super().__init__(parent)
        self.setObjectName("DraftsDialog")
        self.setWindowTitle(self.tr("申请草稿"))
        self.store = DraftStore.of(workstation)
        intro = QLabel(self.tr("上次没有保存就关闭了以下申请（程序意外退出或被终止）。可以继续填写，或者丢弃。")
                       if after_crash else self.tr("尚未受理的申请草稿：可以继续填写，或者丢弃。"))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.itemActivated.connect(lambda _item: self.restore_selected())  # Enter or a double-click
        self.restore_button = QPushButton(self.tr("继续填写"))
        self.discard_button = QPushButton(self.tr("丢弃草稿"))
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("以后再说"))
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 320)
        self.reload()

    def drafts(self) -> list[Draft]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def reload(self) -> None:
        self.list.clear()
        for draft in self.store.drafts(KIND):
            when = format_date(draft.saved_at)
            item = QListWidgetItem(self.tr("{title}（{when} 保存）").format(title=draft.title or "—", when=when))
            item.setData(Qt.ItemDataRole.UserRole, draft)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.restore_button.setEnabled(self.list.count() > 0)
        self.discard_button.setEnabled(self.list.count() > 0)
        self.list.setFocus()

    def _selected(self) -> Draft | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def restore_selected(self) -> None:
        draft = self._selected()
        if draft is not None:
            self.accept()
            self.restore_requested.emit(draft)

    def discard_selected(self) -> None:
        draft = self._selected()
        if draft is not None:
            self.store.discard(draft.kind, draft.id)
            self.reload()


def open_drafts(page: Any, *, after_crash: bool = False) -> DraftsDialog:
    """The drafts list over the pledges ``page``; continuing a draft opens the application form with it."""
    dialog = DraftsDialog(page.workstation, page.window(), after_crash=after_crash)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.restore_requested.connect(lambda draft: page.new_record(draft=draft))
    dialog.open()
    page.drafts_dialog = dialog
    return dialog


def offer_drafts(window: Any, workstation: Workstation) -> DraftsDialog | None:
    """At start-up: applications left unsaved by a crash or a kill are offered back (nothing if none, or if
    the signed-in role may not file applications)."""
    from ipdesk.domain.shared.permissions import Action
    from ipdesk.gui.common.pages.base import may

    if not may(workstation.actor, Action.REGISTER_PLEDGE) or not DraftStore.of(workstation).drafts(KIND):
        return None
    if "pledges" not in window.area_keys():
        return None
    window.show_area("pledges")
    return open_drafts(window.page("pledges"), after_crash=True)
