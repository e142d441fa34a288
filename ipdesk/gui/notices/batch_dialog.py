"""Print many notices at once, into a folder or one merged PDF; the batch runs as ONE task in the writer
thread (ReportLab is not thread-safe).

Hook-up for the pledge register::

    batch_print(page, workstation, selected_ids)        # 批量打印…
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.notices.notice import NoticeKind
from ipdesk.gui import messages
from ipdesk.gui.common.files import error_text, last_dir, open_external, remember_dir, writable_problem
from ipdesk.gui.common.keyboard import keyboard_first
from ipdesk.gui.common.widgets.path_field import PathField
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.icons import icon
from ipdesk.gui.notices.notice_kit import PLEDGE_KINDS, dialog_lang, kind_name
from ipdesk.gui.ops import run_op
from ipdesk.gui.tasks import Task, TaskRunner, runner
from ipdesk.services.notices.service import BatchReport


def batch_details(
    report: BatchReport, kind: NoticeKind, *, folder: Path | None, merged: Path | None, lang: str = "zh"
) -> tuple[str, list[str]]:
    """The summary line (已打印 N 份通知书，M 份失败：…) and one line per written place, failure and skip."""
    if merged is not None and (report.cancelled or report.failed):
        report = dataclasses.replace(report, written=[])  # the merged file is written only at the very end
    lines: list[str] = []
    if report.written:
        lines.append(
            QCoreApplication.translate("PrintDialogs", "合并文件：{path}").format(path=merged)
            if merged is not None
            else QCoreApplication.translate("PrintDialogs", "文件夹：{path}").format(path=folder)
        )
    for key, reason in report.failed:
        target = merged if merged is not None else (folder / f"{key}-{kind.value}.pdf" if folder else key)
        lines.append(
            QCoreApplication.translate("PrintDialogs", "失败：{file}：{reason}").format(
                file=target, reason=reason
            )
        )
    for _key, reason in report.skipped:
        lines.append(QCoreApplication.translate("PrintDialogs", "跳过：{reason}").format(reason=reason.message(lang)))
    if report.cancelled:
        lines.append(
            QCoreApplication.translate("PrintDialogs", "已取消：其余的没有打印；已写好的文件完整保留。")
        )
    return report.summary().message(lang), lines


class BatchPrintDialog(QDialog):
    """批量打印: the chosen kind of notice of every selected pledge, one file each in a folder or one merged
    PDF; runs as one cancellable background task and ends with a summary.

    Signals:
        finished_report(report): the batch ended (``self.report``, ``self.summary``, ``self.details``).
    """

    finished_report = Signal(object)

    def __init__(
        self,
        workstation: Workstation,
        pledge_ids: Sequence[int],
        *,
        lang: str | None = None,
        parent: QWidget | None = None,
        task_runner: TaskRunner | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("BatchPrintDialog")
        self.setWindowTitle(self.tr("批量打印通知书"))
        self.workstation = workstation
        self.pledge_ids = list(pledge_ids)
        self.lang = dialog_lang(lang)
        self._runner = task_runner or runner()
        self.task: Task | None = None
        self.report: BatchReport | None = None
        self.summary = ""
        self.details: list[str] = []
        self.summary_box: QWidget | None = None  # the summary (a message box), for tests to close

        form = QFormLayout()
        self.count_label = QLabel(self.tr("已选择 {n} 件质押").format(n=len(self.pledge_ids)))
        form.addRow(self.tr("范围："), self.count_label)
        self.kind_combo = QComboBox()
        for k in PLEDGE_KINDS:
            self.kind_combo.addItem(kind_name(k, self.lang), k.value)
        form.addRow(self.tr("通知书："), self.kind_combo)
        hint = QLabel(self.tr("没有这种通知书的质押会跳过，并在结束时列出。"))
        hint.setStyleSheet("color: #607d8b;")
        form.addRow("", hint)
        self.to_folder = QRadioButton(self.tr("每件一个 PDF 文件，存入文件夹"))
        self.to_merged = QRadioButton(self.tr("合并为一个 PDF 文件"))
        self.to_folder.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.to_folder)
        group.addButton(self.to_merged)
        modes = QVBoxLayout()
        modes.addWidget(self.to_folder)
        modes.addWidget(self.to_merged)
        form.addRow(self.tr("输出："), modes)
        self.path = PathField(folder=True, caption=self.tr("选择文件夹"))
        self.path.setText(str(Path(last_dir()) / "notices"))
        form.addRow(self.tr("保存到："), self.path)
        self.to_folder.toggled.connect(self._mode_changed)
        self.path.line_edit.textChanged.connect(lambda _t: self.path.set_problems([]))

        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(
            self.tr("开始打印"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setIcon(icon("print"))
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(620, 300)
        keyboard_first(self, first=self.kind_combo)  # Enter in the folder field moves on; it does not start

    def kind(self) -> NoticeKind:
        return NoticeKind(self.kind_combo.currentData())

    def merged(self) -> bool:
        return self.to_merged.isChecked()

    def _mode_changed(self) -> None:
        path = self.path.path()
        merged = self.merged()
        self.path.folder = not merged
        self.path.caption = self.tr("保存合并的 PDF") if merged else self.tr("选择文件夹")
        self.path.filters = self.tr("PDF 文件 (*.pdf)") if merged else ""
        if path is not None:
            if merged and path.suffix.lower() != ".pdf":
                self.path.setText(str(path / f"{self.kind().value}-merged.pdf"))
            elif not merged and path.suffix.lower() == ".pdf":
                self.path.setText(str(path.parent))
        self.path.set_problems([])

    def problems(self) -> list[str]:
        path = self.path.path()
        if path is None:
            return [self.tr("请选择保存位置")]
        if self.merged() and path.suffix.lower() != ".pdf":
            return [self.tr("合并文件的名字应以 .pdf 结尾：{path}").format(path=path)]
        problem = writable_problem(path, folder=not self.merged())
        return [problem] if problem else []

    def start(self) -> Task | None:
        """Check the target (a clear message naming it if it cannot be written), then print in the background."""
        if not self.pledge_ids:
            return None
        problems = self.problems()
        self.path.set_problems(problems)
        if problems:
            self.path.setFocus()
            return None
        path = self.path.path()
        assert path is not None
        remember_dir(path)
        folder, merged = (None, path) if self.merged() else (path, None)
        kind, ids, ws = self.kind(), list(self.pledge_ids), self.workstation
        self.start_button.setEnabled(False)
        self.hide()

        def work(progress: Any) -> BatchReport:
            def report(done: int, total: int, _text: str) -> bool:
                progress.report(
                    done,
                    total,
                    QCoreApplication.translate("PrintDialogs", "正在打印第 {i} / {n} 份…").format(
                        i=min(done + 1, total), n=total
                    ),
                )
                return progress.cancelled

            return ws.notices.print_batch(ws.actor, ids, kind, folder=folder, merged=merged, progress=report)

        _ALIVE.add(self)
        title = self.tr("批量打印通知书")
        # the dialog is hidden, not its parent: the outcome comes back to it (kept alive in _ALIVE)
        self.task = run_op(self, work, on_done=lambda r: self._done(r, kind, folder, merged),
                           on_refused=self._refused, expected=(OSError,), on_failed=self._ended,
                           progress=title, title=title, task_runner=self._runner)
        return self.task

    def _done(self, report: BatchReport, kind: NoticeKind, folder: Path | None, merged: Path | None) -> None:
        _ALIVE.discard(self)
        self.report = report
        self.summary, self.details = batch_details(report, kind, folder=folder, merged=merged, lang=self.lang)
        written_to = merged if merged is not None else folder
        opener = self.tr("打开文件夹") if merged is None else self.tr("打开 PDF")
        self.summary_box = messages.tell(
            self.parentWidget(), self.tr("批量打印通知书"), self.summary, warning=bool(report.failed),
            detail="\n".join(self.details[:12]) + ("\n…" if len(self.details) > 12 else ""),
            details="\n".join(self.details), name="batchSummary",
            actions=[(opener, lambda: open_external(written_to))] if report.written and written_to is not None else [],
        )
        self.finished_report.emit(report)
        self.deleteLater()

    def _refused(self, exc: BaseException) -> None:
        self.summary = error_text(exc, self.lang)
        messages.tell(self.parentWidget(), self.tr("批量打印通知书"), self.summary, warning=True)

    def _ended(self, _exc: BaseException) -> None:  # after any failure, said by _refused or the crash dialog
        _ALIVE.discard(self)
        self.finished_report.emit(None)
        self.deleteLater()


_ALIVE: set[QDialog] = set()  # batch dialogs whose task is still running (they receive its outcome)


def batch_print(
    parent: QWidget | None,
    workstation: Workstation,
    pledge_ids: Sequence[int],
    *,
    lang: str | None = None,
    task_runner: TaskRunner | None = None,
) -> BatchPrintDialog | None:
    """批量打印… for the selected pledges (the dialog asks for the kind and the target)."""
    ids = [i for i in pledge_ids if i is not None]
    if not ids:
        messages.tell(
            parent,
            QCoreApplication.translate("PrintDialogs", "批量打印通知书"),
            QCoreApplication.translate(
                "PrintDialogs", "请先在列表中选择要打印的质押（可按住 Ctrl 或 Shift 多选）。"
            ),
        )
        return None
    dialog = BatchPrintDialog(workstation, ids, lang=lang, parent=parent, task_runner=task_runner)
    dialog.open()
    return dialog
