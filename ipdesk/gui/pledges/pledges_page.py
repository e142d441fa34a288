"""The pledge register: a lazy list of applications and registrations (filter by status, kind, pledgee,
working days left; search by name, application / registration number or right number), the detail pane
with the whole history, and the actions that apply to the selected pledge's state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from ipdesk.domain.pledges.application import PLEDGE_STATUS_LABELS, PledgeStatus
from ipdesk.domain.pledges.lifecycle import allowed_actions, available_actions
from ipdesk.domain.pledges.record import PledgeRecord
from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.pages.detail_pane import DetailSection
from ipdesk.gui.common.pages.register_page import FilterSpec, RegisterPage
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.pledges.application_drafts import open_drafts
from ipdesk.gui.pledges.findings_view import FindingsDialog
from ipdesk.gui.pledges.pledge_actions import PledgeActions
from ipdesk.gui.pledges.pledge_application import PledgeApplicationForm
from ipdesk.gui.pledges.pledge_detail import PledgeDetailPane
from ipdesk.gui.pledges.presentation import FAMILY_LABELS, PLEDGE_STATUS_TONES, DaysLeftLabels, DaysLeftTones
from ipdesk.gui.settings import Settings
from ipdesk.gui.tasks import TaskRunner

#: which permission each page action needs
ACTION_PERMISSIONS: dict[str, Action] = {
    "examine": Action.EXAMINE, "other_ground": Action.EXAMINE,
    "cure": Action.REGISTER_PLEDGE, "register": Action.REGISTER_PLEDGE, "refuse": Action.REGISTER_PLEDGE,
    "withdraw": Action.REGISTER_PLEDGE,
    "change": Action.CHANGE_PLEDGE, "extend": Action.CHANGE_PLEDGE, "cancel": Action.CHANGE_PLEDGE,
}
#: the narrowest first-start width of each column (an empty list would fit the headers only)
COLUMN_WIDTHS = {"application_no": 118, "registration_no": 130, "status": 96, "family": 56, "pledgor_names": 190,
                 "pledgee_name": 190, "secured_amount": 150, "application_date": 96, "sla_deadline": 96,
                 "days_left": 120}
#: filters that are not combos: shown as removable chips
CHIP_FILTERS = ("pending", "overdue", "pledgee")


class PledgesPage(RegisterPage):
    """The pledge register page (质押登记).

    ``more_actions`` add actions of later contexts after the pledge's own (the area spec gives it the
    notice actions: 打印通知书… (Ctrl+P), 批量打印…, 通知书记录…), so this context never imports them.
    """

    #: hidden on first start while the register does not fit its width (the detail pane shows them)
    fit_hides = ("family", "application_date", "sla_deadline")


    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None, *,
                 settings_: Settings | None = None, task_runner: TaskRunner | None = None,
                 more_actions: Sequence[Callable[[RegisterPage], Any]] = (),
                 detail_sections: Sequence[DetailSection] = ()):
        lang = ui_lang(lang)
        self.workstation = workstation
        statuses = [(s.value, pick(PLEDGE_STATUS_LABELS[s], lang)) for s in PledgeStatus if s is not PledgeStatus.DRAFT]
        families = [(k, pick(v, lang)) for k, v in FAMILY_LABELS.items()]
        due = [("0", self.tr("已逾期或今天到期")), ("2", self.tr("2 个工作日内")), ("5", self.tr("5 个工作日内"))]
        self.detail_pane = PledgeDetailPane(workstation, lang, sections=detail_sections)
        super().__init__(
            "pledges",
            workstation.pledge_list,
            title=self.tr("质押登记"),
            lang=lang,
            labels={"status": {s.value: v for s, v in PLEDGE_STATUS_LABELS.items()}, "family": FAMILY_LABELS,
                    "days_left": DaysLeftLabels()},
            value_keys={"status": "status_value", "family": "family_value"},
            badges={"status": PLEDGE_STATUS_TONES, "days_left": DaysLeftTones()},
            filters=[
                FilterSpec("status", self.tr("状态"), statuses),
                FilterSpec("family", self.tr("类别"), families),
                FilterSpec("due_within", self.tr("办结期限"), due),
            ],
            detail=self.detail_pane,
            search_placeholder=self.tr("搜索出质人、质权人、申请号、登记号或权利号…"),
            settings_=settings_,
            task_runner=task_runner,
            parent=parent,
        )
        self.actions = PledgeActions(workstation, self, lang, task_runner=self._runner)
        self.actions.changed.connect(self._changed)
        self.form: PledgeApplicationForm | None = None
        self._from_tile = False  # the filters shown were set by a workbench tile (cleared on the next visit)
        self.findings_dialog: FindingsDialog | None = None

        self.toolbar.addSeparator()
        self._act(
            "examine", self.tr("审查"), "audit", self.examine_selected, self.tr("按不予登记事由逐项审查，并记录结果")
        )
        self._act(
            "findings",
            self.tr("审查结果"),
            "info",
            self.show_last_findings,
            self.tr("查看最近一次审查的结果"),
            when=self._has_findings,
        )
        self._act(
            "cure", self.tr("补正"), "edit", self.cure_selected, self.tr("记录收到的补正材料（办结期限重新起算）")
        )
        self._act(
            "register",
            self.tr("准予登记"),
            "pledge",
            self.register_selected,
            self.tr("审查通过后准予登记：给出登记号和生效日"),
        )
        self._act(
            "refuse",
            self.tr("不予登记"),
            "error",
            self.refuse_selected,
            self.tr("审查有不符合的事由：不予登记并记录理由"),
        )
        self._act(
            "other_ground",
            self.tr("增加其他理由…"),
            "add",
            self.other_ground_selected,
            self.tr("增加一项其他不予登记理由（P12 等）"),
            toolbar=False,
        )
        self._act(
            "withdraw", self.tr("撤回"), "clear", self.withdraw_selected, self.tr("申请人撤回申请"), toolbar=False
        )
        self.toolbar.addSeparator()
        self._act(
            "change",
            self.tr("变更"),
            "edit",
            self.change_selected,
            self.tr("变更登记：数额、债权种类、担保范围、质权人"),
        )
        self._act("extend", self.tr("延期"), "calendar", self.extend_selected, self.tr("延期登记（重新审查）"))
        self._act("cancel", self.tr("注销"), "clear", self.cancel_selected, self.tr("注销登记（五种注销原因之一）"))
        for add_actions in more_actions:
            add_actions(self)
        self.add_action("drafts", self.tr("草稿…"), "edit", lambda: open_drafts(self),
                        enabled_when=lambda _rows: self.can_create(),
                        tip=self.tr("没有受理就关闭了的申请（程序意外退出时自动保存）：继续填写或丢弃"), toolbar=False)
        self.toolbar.addSeparator()
        self.add_action(
            "filter_pledgee", self.tr("按质权人…"), "filter", self.pick_pledgee, tip=self.tr("只显示某一质权人的质押")
        )
        self.action("examine").setShortcut(QKeySequence("Ctrl+E"))  # the clerk's next step after filing
        self.action("examine").setToolTip(self.tr("按不予登记事由逐项审查，并记录结果（Ctrl+E）"))
        self.action("new").setText(self.tr("新建申请"))
        self.action("new").setToolTip(self.tr("新建质押登记申请（Ctrl+N）"))
        self.detail_pane.loaded.connect(self.update_actions)
        self.update_actions()

    def _act(
        self, name: str, text: str, icon_name: str, slot: Any, tip: str, *, when: Any = None, toolbar: bool = True
    ) -> None:
        enabled = when or (lambda rows, n=name: len(rows) == 1 and n in self.allowed_actions(rows[0]))
        self.add_action(name, text, icon_name, slot, enabled_when=enabled, tip=tip, toolbar=toolbar)

    def autosize_columns(self) -> None:
        """First start: fit the columns to the first rows, but never narrower than a typical value."""
        super().autosize_columns()
        header = self.table.horizontalHeader()
        for key, width in COLUMN_WIDTHS.items():
            col = self.model.column_index(key)
            if 0 <= col < self.model.columnCount() - 1 and header.sectionSize(col) < width:
                header.resizeSection(col, width)

    # ---- what applies to the selection -------------------------------------------------------------

    def can_create(self) -> bool:
        return may(self.workstation.actor, Action.REGISTER_PLEDGE)

    def allowed_actions(self, row: int) -> frozenset[str]:
        """The actions for the pledge in ``row``: its state (fresh from the detail pane when loaded),
        the outcome of its current examination and the user's permissions."""
        data = self.model.row_data(row)
        if data is None:
            return frozenset()
        status, outcome = data.get("status_value"), None
        record = self.detail_pane.record
        if record is not None and record.id == data.get("id"):
            status, outcome = record.status.value, self.detail_pane.outcome
        actor = self.workstation.actor
        # the page's menu holds only some of the lifecycle's actions (waivers are recorded from the findings)
        return frozenset(
            a
            for a in available_actions(status, outcome)
            if a in ACTION_PERMISSIONS and may(actor, ACTION_PERMISSIONS[a])
        )

    def _has_findings(self, rows: list[int]) -> bool:
        record = self.detail_pane.record
        return (
            len(rows) == 1
            and record is not None
            and record.id == self.model.row_id(rows[0])
            and any(e["kind"] == "examined" for e in self.detail_pane.events)
        )

    def selected_record(self) -> PledgeRecord | None:
        pid = self.current_id()
        if pid is None:
            return None
        record = self.detail_pane.record
        if record is not None and record.id == pid:
            return record
        return self.workstation.pledges.get(pid)

    def last_exam_payload(self) -> dict[str, Any] | None:
        for event in reversed(self.detail_pane.events):
            if event["kind"] == "examined":
                return event.get("payload")
        return None

    # ---- actions -----------------------------------------------------------------------------------

    def new_record(self, draft: Any = None) -> PledgeApplicationForm:
        """The application form (Ctrl+N), empty or filled back from a :class:`~ipdesk.gui.common.drafts.Draft`."""
        form = PledgeApplicationForm(self.workstation, parent=self, lang=self.lang, draft=draft)
        form.saved.connect(self._filed)
        form.open()
        self.form = form
        return form

    def select_pledge(self, pledge_id: int) -> bool:
        """Select a pledge if the rows read so far show it (new pledges come first in the default order)."""
        return self.select_id(pledge_id)

    def show_search(self, text: str) -> None:
        self.apply_filters({"search": text})  # only that pledge: the other filters might hide it

    def _filed(self, record: PledgeRecord) -> None:
        # the operation's changes already refreshed the list (ipdesk.gui.ops.broadcast)
        self.select_when_loaded(record.id, search=record.application_no)
        self.table.setFocus()  # the keyboard goes on from the new application (Ctrl+E examines it)
        self.status_message.emit(self.tr("已受理 {no}，可以审查").format(no=record.application_no))

    def examine_selected(self) -> Any:
        pid = self.current_id()
        if pid is None:
            return None
        task = self.actions.examine(pid)
        task.succeeded.connect(lambda result: self.show_findings(*result))
        return task

    def show_findings(self, record: PledgeRecord, exam: Any) -> FindingsDialog:
        actions = self.actions if "register" in allowed_actions(record.status) else None
        dialog = FindingsDialog(self.workstation, exam, lang=self.lang, parent=self, record=record, actions=actions)
        dialog.open()
        self.findings_dialog = dialog
        return dialog

    def show_last_findings(self) -> FindingsDialog | None:
        record, payload = self.selected_record(), self.last_exam_payload()
        if record is None or payload is None:
            return None
        return self.show_findings(record, payload)

    def cure_selected(self) -> Any:
        record = self.selected_record()
        return self.actions.cure(record, self.last_exam_payload()) if record else None

    def register_selected(self) -> Any:
        record = self.selected_record()
        return self.actions.register(record) if record else None

    def refuse_selected(self) -> Any:
        record = self.selected_record()
        return self.actions.refuse(record) if record else None

    def withdraw_selected(self) -> Any:
        record = self.selected_record()
        return self.actions.withdraw(record) if record else None

    def other_ground_selected(self) -> Any:
        record = self.selected_record()
        return self.actions.other_ground(record) if record else None

    def change_selected(self) -> Any:
        record = self.selected_record()
        return self.actions.change(record) if record else None

    def extend_selected(self) -> Any:
        record = self.selected_record()
        return self.actions.extend(record) if record else None

    def cancel_selected(self) -> Any:
        record = self.selected_record()
        return self.actions.cancel(record) if record else None

    def _changed(self, record: PledgeRecord) -> None:
        # the operation's changes already refreshed the list (ipdesk.gui.ops.broadcast)
        self.select_when_loaded(record.id)
        self.model.when_idle(self._detail_timer.start)  # the same row stays selected: reload its detail anyway
        number = record.registration_no or record.application_no
        self.status_message.emit(
            self.tr("{no}：{status}").format(no=number, status=pick(PLEDGE_STATUS_LABELS[record.status], self.lang))
        )

    # ---- filters -----------------------------------------------------------------------------------

    def pick_pledgee(self) -> None:
        from ipdesk.gui.registry.party_picker import PartyPicker

        picker = PartyPicker(self.workstation, self.lang, self)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.chosen is not None:
            self.filter_pledgee(picker.chosen.id, picker.chosen.name)

    def filter_pledgee(self, party_id: int, name: str) -> None:
        self.set_chip_filter("pledgee", str(party_id), self.tr("质权人：{name}").format(name=name))

    def page_shown(self) -> None:
        """Shown through the navigation: a workbench tile's filter was for that visit only, so the whole
        register comes back (the tile shows it again when pressed again)."""
        super().page_shown()
        if self._from_tile:
            self._from_tile = False
            self.apply_filters({}, from_tile=False)

    def apply_filters(self, filters: Mapping[str, str], *, from_tile: bool = True) -> None:
        """Show the list filtered exactly as asked (the workbench tiles): other filters are cleared;
        ``select``: the id of the pledge to select once read (a double-click on the workbench)."""
        for key, combo in self.filter_combos.items():
            index = combo.findData(filters.get(key, ""))
            combo.setCurrentIndex(max(index, 0))
        texts = {
            "pending": QCoreApplication.translate("PledgesPage", "待办（未办结）"),
            "overdue": QCoreApplication.translate("PledgesPage", "已逾期"),
        }
        for key in CHIP_FILTERS:
            value = filters.get(key)
            if key == "pledgee" and value:
                self.set_chip_filter(key, value, filters.get("pledgee_name") or f"#{value}")
            else:
                self.set_chip_filter(key, value or None, texts.get(key, key))
        search = filters.get("search", "")
        if search != self.search.text():
            self.search.setText(search)
        self.search.flush()
        self._from_tile = from_tile and bool(filters)
        if filters.get("select"):
            self.select_when_loaded(int(filters["select"]))  # its detail loads, its actions are enabled
            self.table.setFocus()
