"""The findings of an examination: one line per ground, with its status as a badge plus text, the reason
in plain words and the article; an outcome banner (准予登记 / 需补正 / 不予登记); the correction notice
with its deadline; and, for a stored application, the actions that follow (declaration for P10/P11,
another ground, correction, register, refuse).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.pledges.application import WAIVABLE_CODES
from ipdesk.domain.pledges.examination.engine import Examination, FindingStatus
from ipdesk.domain.pledges.examination.findings import correction_items
from ipdesk.domain.pledges.lifecycle import allowed_actions, available_actions
from ipdesk.domain.pledges.record import PledgeRecord
from ipdesk.gui.common.models.badges import TONES
from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.common.rich_text import badge_html, esc
from ipdesk.gui.common.widgets.badge_delegate import BadgeDelegate
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.formatting import format_date
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.icons import icon
from ipdesk.gui.pledges.presentation import (
    FINDING_MARKS,
    FINDING_TONES,
    OUTCOME_MARKS,
    OUTCOME_TONES,
    PLEDGE_STATUS_TONES,
    finding_status_label,
    localised_finding,
    outcome_label,
    status_label,
)

FindingRole = Qt.ItemDataRole.UserRole + 10  # the row's finding dict

COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("code", "代码", "Code"),
    ("title", "审查事由", "Ground"),
    ("right", "权利", "Right"),
    ("status", "结论", "Status"),
    ("message", "理由", "Reason"),
    ("article", "依据", "Article"),
    ("action", "操作", "Action"),
)
_ORDER = {FindingStatus.FAILED.value: 0, FindingStatus.CORRECTION.value: 1, FindingStatus.WAIVED.value: 2,
          FindingStatus.PASSED.value: 3}


def finding_rows(source: Examination | Mapping[str, Any] | None, lang: str = "zh",
                 display: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Findings as plain rows: from an :class:`Examination` (texts in ``lang``) or a stored payload.

    Stored payloads (the ``examined`` events) keep the texts in the language they were recorded in.
    """
    shown = display or {}
    rows: list[dict[str, Any]] = []
    if source is None:
        return rows
    if isinstance(source, Examination):
        for f in source.findings:
            rows.append({"code": f.code, "status": f.status.value, "right": f.right_number,
                         "right_display": shown.get(f.right_number, f.right_number), "title": f.title(lang),
                         "message": f.message(lang), "article": f.article,
                         "params": {k: str(v) for k, v in f.params.items()}})
    else:
        for f in source.get("findings", []):
            number = f.get("right", "")
            title, message = localised_finding(f, lang)
            rows.append({"code": f.get("code", ""), "status": f.get("status", ""), "right": number,
                         "right_display": shown.get(number, number), "title": title,
                         "message": message, "article": f.get("article", ""),
                         "params": dict(f.get("params") or {})})
    return rows


def outcome_of(source: Examination | Mapping[str, Any] | None) -> str:
    if source is None:
        return ""
    if isinstance(source, Examination):
        return source.outcome.value
    return str(source.get("outcome", ""))


class FindingsModel(RowListModel):
    """A read-only table of findings; the status column is a badge (tone + symbol + text)."""

    columns = COLUMNS
    numbered = True

    def finding(self, row: int) -> dict[str, Any]:
        return self.row_data(row)

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        tone = FINDING_TONES.get(row["status"], "muted")
        if role == FindingRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "status":
                return f"{FINDING_MARKS.get(row['status'], '')} {finding_status_label(row['status'], self.lang)}"
            if key == "right":
                return row.get("right_display") or ("—" if not row["right"] else row["right"])
            if key == "action":
                return ""
            return row.get(key, "")
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in ("message", "article", "title"):
                return row.get(key) or None
            return None
        if role == BadgeToneRole:
            return tone if key == "status" else None
        if role == Qt.ItemDataRole.ForegroundRole and key == "code":
            return QBrush(QColor(TONES[tone][1]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None


class FindingsView(QWidget):
    """Outcome banner, correction notice, the findings table.

    Signals:
        waiver_requested(dict): the *记录声明* button of a failed waivable ground (P10, P11).
    """

    waiver_requested = Signal(object)

    def __init__(self, lang: str | None = None, parent: QWidget | None = None, *, actionable: bool = False):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.lang = lang
        self.actionable = actionable
        self.outcome = ""
        self.banner = QLabel()
        self.banner.setObjectName("outcomeBanner")
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setObjectName("correctionNotice")
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.setWordWrap(True)
        bg, fg = TONES["info"]
        self.notice.setStyleSheet(f"QLabel#correctionNotice {{ background: {bg}; color: {fg}; border: 1px solid {fg}55;"
                                  " border-radius: 4px; padding: 6px 8px; }")
        self.notice.hide()
        self.only_open = QCheckBox(self.tr("只显示未通过的项"))
        self.only_open.toggled.connect(lambda _on: self._filter())
        self.model = FindingsModel(lang, self)
        self.table = QTableView()
        self.table.setObjectName("findingsTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(BadgeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        fm = self.fontMetrics()
        status_width = max(fm.horizontalAdvance(f"{FINDING_MARKS[s]} {finding_status_label(s, lang)}")
                           for s in FINDING_MARKS) + 40  # the badge's padding
        widths = {"code": 56, "title": 210, "right": 150, "status": max(112, status_width), "message": 380,
                  "article": 250, "action": 110}
        for i, (key, _zh, _en) in enumerate(COLUMNS):
            header.resizeSection(i, widths[key])
        header.setSectionResizeMode(COLUMNS.index(next(c for c in COLUMNS if c[0] == "message")),
                                    QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setStyleSheet("color: #455a64;")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.only_open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def set_findings(self, rows: Sequence[dict[str, Any]], outcome: str, *, as_of: date | str | None = None,
                     correction_deadline: date | None = None) -> None:
        rows = sorted(rows, key=lambda r: _ORDER.get(r["status"], 9))  # what needs attention first
        self.outcome = outcome
        self.model.set_rows(rows)
        tone = OUTCOME_TONES.get(outcome, "muted")
        bg, fg = TONES[tone]
        self.banner.setStyleSheet(f"QLabel#outcomeBanner {{ background: {bg}; color: {fg}; border: 1px solid {fg}66;"
                                  " border-radius: 6px; padding: 8px 12px; font-size: 14pt; font-weight: bold; }")
        when = (self.tr("（审查日 {date}）").format(date=as_of if isinstance(as_of, str) else format_date(as_of))
                if as_of else "")
        conclusion = self.tr("审查结论：")
        self.banner.setText(f"{esc(OUTCOME_MARKS.get(outcome, ''))} {esc(conclusion)}"
                            f"{esc(outcome_label(outcome, self.lang))}<span style='font-size:10pt; font-weight:normal'>"
                            f"{esc(when)}</span>")
        counts = {s: sum(1 for r in rows if r["status"] == s) for s in _ORDER}
        self.summary.setText(
            self.tr("共 {n} 项：通过 {passed}，不符合 {failed}，已声明放弃 {waived}，需补正 {correction}").format(
                n=len(rows),
                passed=counts["passed"],
                failed=counts["failed"],
                waived=counts["waived"],
                correction=counts["correction"],
            )
        )
        corrections = correction_items([r for r in rows if r["status"] == FindingStatus.CORRECTION.value],
                                       lambda r: (r["code"], r.get("params") or {}))
        if corrections:
            if outcome == "refuse":  # a refusal ends the application: no correction notice is sent
                head = self.tr("以下事项也不齐全（不予登记的申请不发出补正通知）：")
            elif correction_deadline is not None:
                head = self.tr("补正通知：请当事人在 {date} 前补正以下事项（逾期未补正的视为撤回申请）：").format(
                    date=format_date(correction_deadline)
                )
            else:
                head = self.tr("将发出补正通知，请当事人补正以下事项：")
            items = "".join(f"<li>{esc(r['message'])}</li>" for r in corrections)
            self.notice.setText(f"<b>{esc(head)}</b><ol style='margin:2px 0 0 -16px'>{items}</ol>")
        self.notice.setVisible(bool(corrections))
        self._buttons()
        self._filter()
        self.table.resizeRowsToContents()

    def _buttons(self) -> None:
        col = [c[0] for c in COLUMNS].index("action")
        waivable = [
            r
            for r, row in enumerate(self.model.rows())
            if row["status"] == FindingStatus.FAILED.value and row["code"] in WAIVABLE_CODES
        ]
        self.table.setColumnHidden(col, not (self.actionable and waivable))
        if not self.actionable:
            return
        for r, row in enumerate(self.model.rows()):
            if r in waivable:
                button = QPushButton(self.tr("记录声明…"))
                button.setObjectName(f"waive_{row['code']}_{r}")
                button.setToolTip(self.tr("记录当事人“仍要求办理登记”的声明，此项即视为放弃"))
                button.clicked.connect(lambda _c=False, f=row: self.waiver_requested.emit(f))
                self.table.setIndexWidget(self.model.index(r, col), button)

    def waiver_buttons(self) -> list[QPushButton]:
        col = [c[0] for c in COLUMNS].index("action")
        out = []
        for r in range(self.model.rowCount()):
            w = self.table.indexWidget(self.model.index(r, col))
            if isinstance(w, QPushButton):
                out.append(w)
        return out

    def _filter(self) -> None:
        only = self.only_open.isChecked()
        for r, row in enumerate(self.model.rows()):
            self.table.setRowHidden(r, only and row["status"] == FindingStatus.PASSED.value)


class FindingsDialog(QDialog):
    """The findings of one examination run; for a stored application also the actions that follow.

    Args:
        exam: an :class:`Examination` or a stored payload (``PledgeService.last_examination``).
        record: the stored application (None: a preview from the form, no actions).
        actions: the page's :class:`~ipdesk.gui.pledges.pledge_actions.PledgeActions` (with ``record``).
        display: canonical right number → the form shown to people.
    """

    def __init__(
        self,
        workstation: Workstation,
        exam: Examination | Mapping[str, Any] | None,
        *,
        lang: str | None = None,
        parent: QWidget | None = None,
        record: PledgeRecord | None = None,
        actions: Any = None,
        display: Mapping[str, str] | None = None,
        title: str = "",
    ):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.setObjectName("FindingsDialog")
        self.workstation = workstation
        self.lang = lang
        self.record = record
        self.actions = actions
        self.exam = exam
        self.display = dict(display or {})
        if record is not None:
            self.display.update({r.number: r.display_number for r in record.rights})
        self.setWindowTitle(title or self.tr("审查结果"))
        self.resize(1240, 640)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.view = FindingsView(lang, actionable=record is not None and actions is not None)
        self.view.waiver_requested.connect(self.request_waiver)

        self.other_button = QPushButton(icon("add"), self.tr("增加其他理由…"))
        self.other_button.setToolTip(self.tr("增加一项其他不予登记理由（P12 等），需写明理由"))
        self.cure_button = QPushButton(icon("edit"), self.tr("补正…"))
        self.cure_button.setToolTip(self.tr("记录收到的补正材料或补正后的合同条款，然后重新审查"))
        self.reexamine_button = QPushButton(icon("refresh"), self.tr("重新审查"))
        self.register_button = QPushButton(self.tr("准予登记"))
        self.register_button.setObjectName("registerButton")
        self.refuse_button = QPushButton(self.tr("不予登记"))
        self.refuse_button.setObjectName("refuseButton")
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        self.action_buttons = [
            self.other_button,
            self.cure_button,
            self.reexamine_button,
            self.register_button,
            self.refuse_button,
        ]
        for b in self.action_buttons:
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        if record is not None and actions is not None:
            self.other_button.clicked.connect(self.request_other_ground)
            self.cure_button.clicked.connect(self.request_cure)
            self.reexamine_button.clicked.connect(lambda: self.actions.examine(self.record.id))
            self.register_button.clicked.connect(lambda: self.actions.register(self.record))
            self.refuse_button.clicked.connect(lambda: self.actions.refuse(self.record))
            actions.examined.connect(self._examined)
            actions.changed.connect(self._changed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.set_exam(exam)

    # ---- showing -------------------------------------------------------------------------------

    def set_exam(self, exam: Examination | Mapping[str, Any] | None) -> None:
        self.exam = exam
        as_of = exam.as_of if isinstance(exam, Examination) else (exam or {}).get("as_of")
        deadline = self.record.correction_deadline if self.record is not None else None
        self.view.set_findings(
            finding_rows(exam, self.lang, self.display), outcome_of(exam), as_of=as_of, correction_deadline=deadline
        )
        self._update()

    def _update(self) -> None:
        rec = self.record
        if rec is None:
            for b in self.action_buttons:
                b.hide()
            note = self.tr("预审：按表单内容审查，尚未受理、未保存。")
            self.heading.setText(f"<span style='color:#607d8b'>{esc(note)}</span>")
            return
        allowed = available_actions(rec.status, outcome_of(self.exam)) if self.actions is not None else frozenset()
        self.other_button.setVisible("other_ground" in allowed)
        self.cure_button.setVisible("cure" in allowed)
        self.cure_button.setEnabled(
            self.view.outcome in ("correction", "refuse")
            and any(r["status"] == "correction" for r in self.view.model.rows())
        )
        self.reexamine_button.setVisible("examine" in allowed)
        decidable = allowed_actions(rec.status) if self.actions is not None else frozenset()
        self.register_button.setVisible("register" in decidable)
        self.register_button.setEnabled("register" in allowed)
        self.refuse_button.setVisible("refuse" in decidable)
        self.refuse_button.setEnabled("refuse" in allowed)
        # the keyboard starts on the decision the findings allow (Enter presses it; it still confirms first)
        for button in (self.register_button, self.cure_button, self.refuse_button):
            if button.isVisibleTo(self) and button.isEnabled():
                button.setFocus()
                break
        else:
            self.close_button.setFocus()
        tone = PLEDGE_STATUS_TONES.get(rec.status, "muted")
        number = esc(rec.application_no)
        if rec.registration_no:
            number += "　" + esc(
                self.tr("登记号 {no}，生效日 {date}").format(
                    no=rec.registration_no, date=format_date(rec.registered_on)
                )
            )
        self.heading.setText(
            f"<span style='font-size:12pt'><b>{number}</b></span>　"
            f"{badge_html(status_label(rec.status, self.lang), tone)}　"
            f"{esc('、'.join(rec.pledgor_names))} → {esc(rec.pledgee_name)}"
        )
        self.view.actionable = bool(allowed)

    def _examined(self, record: PledgeRecord, exam: Examination) -> None:
        if self.record is not None and record.id == self.record.id:
            self.record = record
            self.set_exam(exam)

    def _changed(self, record: PledgeRecord) -> None:
        if self.record is not None and record.id == self.record.id:
            self.record = record
            self._update()
            if record.status.is_read_only or record.registration_no:
                self.view.actionable = False
                self.view.set_findings(
                    self.view.model.rows(), self.view.outcome, correction_deadline=record.correction_deadline
                )

    # ---- actions -------------------------------------------------------------------------------

    def _then_reexamine(self, form: Any) -> Any:
        form.saved.connect(lambda rec: self.actions.examine(rec.id))
        self.form = form
        return form

    def request_waiver(self, finding: dict[str, Any]) -> Any:
        if self.record is None or self.actions is None:
            return None
        return self._then_reexamine(self.actions.waiver(self.record, finding["code"], finding.get("message", "")))

    def request_other_ground(self) -> Any:
        return self._then_reexamine(self.actions.other_ground(self.record))

    def request_cure(self) -> Any:
        payload = self.exam.to_json(self.lang) if isinstance(self.exam, Examination) else self.exam
        return self._then_reexamine(self.actions.cure(self.record, payload))  # type: ignore[arg-type]
