"""登记查询: the public register search — who has pledged what, now or as the register stood on a past date.

The usual register pattern (:class:`RegisterPage`: lazy table, detail pane, remembered columns) over
:class:`~ipdesk.services.notices.register_search.RegisterSearch`. The name is the page's search bar (searched as
you type, exact or similar names); the other criteria are checked as they are typed — a wrong date, USCC
or right number is marked red with what is expected, and the search is not run until it is fixed.
Results export to Excel; the 查询证明 (search certificate) is issued, signed and previewed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ipdesk.domain.registry.identifiers import parse_right_number
from ipdesk.domain.registry.identifiers.uscc import parse_uscc
from ipdesk.domain.shared.permissions import Action
from ipdesk.domain.shared.problems import DomainError, Problem
from ipdesk.gui import messages
from ipdesk.gui.common.files import error_text, last_dir, remember_dir
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.pages.register_page import FilterSpec, RegisterPage
from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.common.widgets.field_edit import ERROR_COLOR, ErrorField, FieldEdit
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.icons import icon
from ipdesk.gui.notices.notice_list import add_notice_actions
from ipdesk.gui.notices.notice_preview import preview_issued, print_notice_for
from ipdesk.gui.ops import report_failure, run_op
from ipdesk.gui.settings import Settings
from ipdesk.gui.tasks import Task, TaskRunner, run_with_progress_dialog
from ipdesk.services.notices.register_search import STATUS_TEXT, SearchCriteria
from ipdesk.services.paging import Query

#: the filters this page owns (the combos "role" and "status" belong to RegisterPage)
FIELD_FILTERS = (
    "similar",
    "uscc",
    "right_number",
    "registration_no",
    "registered_from",
    "registered_to",
    "as_of",
)
STATUS_TONES = {"in_force": "ok", "cancelled": "muted"}


class SearchPage(RegisterPage):
    """The register search page (登记查询)."""

    def __init__(
        self,
        workstation: Workstation,
        lang: str | None = None,
        parent: QWidget | None = None,
        *,
        settings_: Settings | None = None,
        task_runner: TaskRunner | None = None,
    ):
        lang = ui_lang(lang)
        self.workstation = workstation
        super().__init__(
            "register_search",
            workstation.register_search,
            title=self.tr("登记查询"),
            lang=lang,
            labels={"status": STATUS_TEXT},
            value_keys={"status": "status_value"},
            badges={"status": STATUS_TONES},
            filters=[
                FilterSpec(
                    "role", self.tr("身份"), [("pledgor", self.tr("出质人")), ("pledgee", self.tr("质权人"))]
                ),
                FilterSpec(
                    "status",
                    self.tr("状态"),
                    [("in_force", self.tr("有效")), ("cancelled", self.tr("已注销"))],
                ),
            ],
            search_placeholder=self.tr("出质人或质权人名称…"),
            settings_=settings_,
            task_runner=task_runner,
            parent=parent,
        )
        self.last_message = ""
        self.preview: Any = None

        # ---- the criteria beyond the name
        self.similar = QCheckBox(self.tr("近似名称"))
        self.similar.setObjectName("similarNames")
        self.similar.setChecked(True)
        self.similar.setToolTip(
            self.tr("忽略“有限公司/股份有限公司”等后缀、全角半角和繁简差异；不勾选则名称须完全一致")
        )
        self.uscc = FieldEdit(placeholder=self.tr("18 位代码"))
        self.right_number = FieldEdit(placeholder=self.tr("如 ZL 201710601862.3"))
        self.registration_no = QLineEdit()
        self.registration_no.setPlaceholderText(self.tr("登记号"))
        self.registered_from = ErrorField(DateEdit())
        self.registered_to = ErrorField(DateEdit())
        self.as_of = ErrorField(DateEdit())
        self.as_of.editor.setToolTip(self.tr("按这一天结束时的登记簿查询：之后的登记和注销不计"))
        self.search_button = QPushButton(icon("search"), self.tr("查询"))
        self.search_button.setObjectName("searchButton")
        self.search_button.setDefault(False)
        self.clear_button = QPushButton(icon("clear"), self.tr("清空条件"))
        self.message = QLabel()
        self.message.setObjectName("criteriaMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOR};")
        self.message.hide()
        self.as_of_note = QLabel()
        self.as_of_note.setObjectName("asOfNote")
        self.as_of_note.setStyleSheet(
            "background: #e8f0fb; color: #1f4f8a; border-radius: 4px; padding: 3px 8px;"
        )
        self.as_of_note.hide()

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        top = Qt.AlignmentFlag.AlignTop

        def label(text: str) -> QLabel:
            lab = QLabel(text)
            lab.setMinimumHeight(self.registration_no.sizeHint().height())
            return lab

        grid.addWidget(self.similar, 0, 0, top)
        grid.addWidget(label(self.tr("统一社会信用代码")), 0, 1, top)
        grid.addWidget(self.uscc, 0, 2, top)
        grid.addWidget(label(self.tr("权利号")), 0, 3, top)
        grid.addWidget(self.right_number, 0, 4, top)
        grid.addWidget(label(self.tr("登记号")), 0, 5, top)
        grid.addWidget(self.registration_no, 0, 6, top)
        dates = QHBoxLayout()
        dates.setSpacing(4)
        dates.addWidget(self.registered_from, 1, top)
        dates.addWidget(label(self.tr("至")), 0, top)
        dates.addWidget(self.registered_to, 1, top)
        grid.addWidget(label(self.tr("登记生效日")), 1, 1, top)
        grid.addLayout(dates, 1, 2, 1, 1)
        grid.addWidget(label(self.tr("截至日期")), 1, 3, top)
        grid.addWidget(self.as_of, 1, 4, top)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 1, 5, 1, 2)
        grid.setColumnMinimumWidth(0, self.similar.sizeHint().width() + 12)
        for col, stretch in ((2, 3), (4, 2), (6, 2)):
            grid.setColumnStretch(col, stretch)
        criteria = QWidget()
        criteria.setObjectName("searchCriteria")
        box = QHBoxLayout(criteria)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(grid)
        layout = self.layout()
        layout.insertWidget(2, criteria)  # below the search bar and the filter combos, above the toolbar
        layout.insertWidget(3, self.message)
        layout.insertWidget(4, self.as_of_note)

        # ---- validate as typed; search on Enter, on 查询 and when the similar toggle changes
        self.uscc.textChanged.connect(lambda _t: self._check("uscc"))
        self.right_number.textChanged.connect(lambda _t: self._check("right_number"))
        for key in ("registered_from", "registered_to", "as_of"):
            self._date_field(key).editor.textChanged.connect(lambda _t, k=key: self._check(k))
        for edit in (
            self.uscc.line_edit,
            self.right_number.line_edit,
            self.registration_no,
            self.registered_from.editor.line_edit,
            self.registered_to.editor.line_edit,
            self.as_of.editor.line_edit,
        ):
            edit.returnPressed.connect(self.apply_criteria)
        self.search_button.clicked.connect(self.apply_criteria)
        self.clear_button.clicked.connect(self.clear_criteria)
        self.similar.toggled.connect(lambda _on: self.apply_criteria())
        self.search.returnPressed.connect(self.apply_criteria)

        # ---- actions: the notices of the selected registrations (shared with the pledge register), outputs
        add_notice_actions(self, workstation)
        self.toolbar.addSeparator()
        self.add_action(
            "export",
            self.tr("导出 Excel…"),
            "export",
            self.export_dialog,
            enabled_when=lambda _rows: self.model.rowCount() > 0,
            tip=self.tr("把全部查询结果（不只是当前屏）导出为 Excel"),
        )
        self.add_action(
            "certificate",
            self.tr("打印查询证明…"),
            "verify",
            self.issue_certificate,
            enabled_when=lambda _rows: self._may_print(),
            tip=self.tr("按当前查询条件出具带签名二维码的查询证明，并预览"),
        )
        self.model.count_changed.connect(lambda _n: self.update_actions())
        self.update_actions()

    # ---- criteria ------------------------------------------------------------------------------------

    def _may_print(self) -> bool:
        return may(self.workstation.actor, Action.PRINT_NOTICES)

    def _date_field(self, key: str) -> ErrorField:
        return {
            "registered_from": self.registered_from,
            "registered_to": self.registered_to,
            "as_of": self.as_of,
        }[key]

    def _field(self, key: str) -> ErrorField:
        return {"uscc": self.uscc, "right_number": self.right_number}.get(key) or self._date_field(key)

    def _check(self, key: str) -> tuple[list[Problem | str], str]:
        """Problems of one field and its value for the query ("" when empty)."""
        problems: list[Problem | str] = []
        value = ""
        if key == "uscc":
            text = self.uscc.text().strip()
            if text:
                try:
                    value = parse_uscc(text)
                except DomainError as exc:
                    problems = list(exc.problems)
        elif key == "right_number":
            text = self.right_number.text().strip()
            if text:
                try:
                    value = parse_right_number(text).number
                except DomainError as exc:
                    problems = list(exc.problems)
        else:
            editor: DateEdit = self._date_field(key).editor  # type: ignore[assignment]
            try:
                day = editor.date()
                value = day.isoformat() if day else ""
            except ValueError:
                problems = [Problem("bad_date", key, {"value": editor.text()})]
        self._field(key).set_problems(problems, self.lang)
        return problems, value

    def criteria_problems(self) -> tuple[dict[str, str], list[str]]:
        """The field filters as the query takes them, and every problem (as text) — checked all at once."""
        values: dict[str, str] = {
            "similar": "1" if self.similar.isChecked() else "0",
            "registration_no": self.registration_no.text().strip(),
        }
        problems: list[str] = []
        for key in ("uscc", "right_number", "registered_from", "registered_to", "as_of"):
            found, value = self._check(key)
            values[key] = value
            problems += [p.message(self.lang) if isinstance(p, Problem) else str(p) for p in found]
        if (
            values["registered_from"]
            and values["registered_to"]
            and values["registered_from"] > values["registered_to"]
        ):
            text = self.tr("结束日期不能早于开始日期")
            self.registered_to.set_problems([text])
            problems.append(text)
        return values, problems

    def apply_criteria(self) -> bool:
        """Search with the criteria; with a wrong field the search is NOT run and the problems are shown."""
        values, problems = self.criteria_problems()
        if problems:
            self.message.setText(
                self.tr("查询条件有误，没有查询：{problems}").format(
                    problems=("; " if self.lang == "en" else "；").join(problems)
                )
            )
            self.message.show()
            self.last_message = self.message.text()
            return False
        self.message.hide()
        query = self.model.query
        filters = {k: v for k, v in query.filters.items() if k not in FIELD_FILTERS}
        filters.update({k: v for k, v in values.items() if v})
        name = self.search.text().strip()
        self.search.flush()  # the debounced name search must not re-run over these filters later
        self.model.set_query(Query(name, filters, self.model.query.sort_key, self.model.query.descending))
        as_of = values.get("as_of")
        self.as_of_note.setText(
            self.tr("按 {date} 当日结束时的登记簿显示：之后的登记和注销不计").format(date=as_of)
        )
        self.as_of_note.setVisible(bool(as_of))
        return True

    def clear_criteria(self) -> None:
        for field in (self.uscc, self.right_number):
            field.setText("")
        self.registration_no.clear()
        for key in ("registered_from", "registered_to", "as_of"):
            self._date_field(key).editor.setText("")  # type: ignore[attr-defined]
        self.search.clear()
        self.similar.blockSignals(True)
        self.similar.setChecked(True)
        self.similar.blockSignals(False)
        for combo in self.filter_combos.values():
            combo.setCurrentIndex(0)
        self.apply_criteria()

    def criteria(self) -> SearchCriteria:
        """What the table shows now, as the service's criteria (for export and the certificate)."""
        return SearchCriteria.from_query(self.model.query)

    # ---- actions -------------------------------------------------------------------------------------

    def print_selected(self) -> Any:
        """打印通知书… for the selected registration (the Ctrl+P action)."""
        pid = self.current_id()
        if pid is None:
            return None
        return print_notice_for(self, self.workstation, pid, lang=self.lang, task_runner=self._runner)

    def export_dialog(self) -> None:
        start = str(Path(last_dir()) / self.tr("质押登记查询.xlsx"))
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("导出 Excel"), start, self.tr("Excel 工作簿 (*.xlsx)")
        )
        if path:
            self.export_to(Path(path if path.lower().endswith(".xlsx") else path + ".xlsx"))

    def export_to(self, path: Path) -> Task:
        """Write every result of the current search (not only the rows on screen) to ``path``."""
        criteria, rs = self.criteria(), self.workstation.register_search

        def done(count: int) -> None:
            remember_dir(path)
            self.last_message = self.tr("已导出 {n} 条到 {path}").format(n=count, path=path)
            self.status_message.emit(self.last_message)

        def failed(exc: BaseException, _tb: str) -> None:
            if isinstance(exc, (OSError, DomainError)):
                reason = (
                    exc.strerror if isinstance(exc, OSError) and exc.strerror else error_text(exc, self.lang)
                )
                self.last_message = self.tr("无法写入 {path}：{reason}").format(path=path, reason=reason)
                messages.tell(self, self.tr("导出 Excel"), self.last_message, warning=True)
            else:
                report_failure(self, exc)

        return run_with_progress_dialog(
            self,
            self.tr("正在导出查询结果…"),
            lambda _p: rs.export_xlsx(criteria, path),
            on_result=done,
            on_error=failed,
            cancellable=False,
            task_runner=self._runner,
        )

    def issue_certificate(self) -> Task:
        """Issue a 查询证明 for the current search (signed, logged) and preview it."""
        criteria, ws = self.criteria(), self.workstation

        def done(issued: Any) -> None:
            self.last_message = self.tr("已出具查询证明 {serial}").format(serial=issued.serial)
            self.status_message.emit(self.last_message)
            self.preview = preview_issued(self, ws, issued, lang=self.lang, task_runner=self._runner)

        def refused(exc: BaseException) -> None:
            self.last_message = error_text(exc, self.lang)
            messages.tell(self, self.tr("打印查询证明"), self.last_message, warning=True)

        # issuing writes (a serial) and ReportLab renders only in the single writer thread
        return run_op(self, lambda: ws.register_search.certificate(ws.actor, criteria), on_done=done,
                      on_refused=refused, title="search certificate", task_runner=self._runner)
