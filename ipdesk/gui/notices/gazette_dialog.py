"""导出公告: the gazette lines of a period to CSV or Excel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.shared.problems import DomainError, Problem
from ipdesk.gui.common.files import error_text, last_dir, remember_dir, writable_problem
from ipdesk.gui.common.keyboard import keyboard_first
from ipdesk.gui.common.rich_text import badge_html, esc
from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.common.widgets.field_edit import ErrorField
from ipdesk.gui.common.widgets.path_field import PathField
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.icons import icon
from ipdesk.gui.notices.notice_kit import dialog_lang
from ipdesk.gui.ops import report_failure
from ipdesk.gui.tasks import Task, TaskRunner, runner

# ---- gazette export ----------------------------------------------------------------------------------


class GazetteExportDialog(QDialog):
    """导出公告: the gazette lines (registrations, changes, cancellations) of a period to CSV or Excel.

    Signals:
        exported(count, path)
    """

    exported = Signal(int, str)

    def __init__(
        self,
        workstation: Workstation,
        *,
        lang: str | None = None,
        parent: QWidget | None = None,
        task_runner: TaskRunner | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("GazetteExportDialog")
        self.setWindowTitle(self.tr("导出公告"))
        self.workstation, self.lang = workstation, dialog_lang(lang)
        self._runner = task_runner or runner()
        self.message = ""
        today = workstation.clock.today()
        first = today.replace(day=1)
        self.start = ErrorField(DateEdit())
        self.start.editor.setDate(first)
        self.end = ErrorField(DateEdit())
        self.end.editor.setDate(today)
        self.patents_only = QCheckBox(self.tr("只导出专利（发明、实用新型、外观设计）"))
        self.format = QComboBox()
        self.format.addItem(self.tr("Excel 工作簿 (.xlsx)"), ".xlsx")
        self.format.addItem(self.tr("CSV（UTF-8，Excel 可直接打开）(.csv)"), ".csv")
        self.path = PathField(
            folder=False, caption=self.tr("导出公告"), filters=self.tr("Excel 或 CSV (*.xlsx *.csv)")
        )
        self.path.setText(str(Path(last_dir()) / f"公告-{first:%Y%m}.xlsx"))
        self.format.currentIndexChanged.connect(self._format_changed)
        self.path.line_edit.textChanged.connect(self._path_changed)
        for field in (self.start, self.end):
            field.editor.textChanged.connect(lambda _t, f=field: self._check_date(f))
        form = QFormLayout()
        form.addRow(self.tr("登记、变更或注销日期 自："), self.start)
        form.addRow(self.tr("至："), self.end)
        form.addRow("", self.patents_only)
        form.addRow(self.tr("格式："), self.format)
        form.addRow(self.tr("保存到："), self.path)
        note = QLabel(
            self.tr(
                "每件质押的每项权利一行：事项、日期、登记号、出质人、质权人、主分类号、专利号、授权公告日、登记日。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #607d8b;")
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(self.tr("导出"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setIcon(icon("export"))
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.resize(640, 320)
        keyboard_first(self, first=self.start.editor)  # Enter in a date moves on; it does not export

    def _format_changed(self) -> None:
        path = self.path.path()
        if path is not None:
            self.path.setText(str(path.with_suffix(self.format.currentData())))

    def _path_changed(self) -> None:
        self.path.set_problems([])
        suffix = (self.path.path() or Path()).suffix.lower()
        index = self.format.findData(suffix)
        if index >= 0 and index != self.format.currentIndex():
            self.format.blockSignals(True)
            self.format.setCurrentIndex(index)
            self.format.blockSignals(False)

    def _check_date(self, field: ErrorField) -> date | None:
        editor: DateEdit = field.editor  # type: ignore[assignment]
        try:
            value = editor.date()
        except ValueError:
            field.set_problems([Problem("bad_date", "date", {"value": editor.text()})], self.lang)
            return None
        field.set_problems(
            [Problem("required", "date", {"label": self.tr("日期")})] if value is None else [], self.lang
        )
        return value

    def problems(self) -> list[str]:
        start, end = self._check_date(self.start), self._check_date(self.end)
        problems = self.start.problems() + self.end.problems()
        if start and end and start > end:
            message = self.tr("开始日期不能晚于结束日期")
            self.end.set_problems([message])
            problems.append(message)
        path = self.path.path()
        if path is None:
            problem = self.tr("请选择保存位置")
        elif path.suffix.lower() not in (".csv", ".xlsx"):
            problem = self.tr("文件名应以 .xlsx 或 .csv 结尾：{path}").format(path=path)
        else:
            problem = writable_problem(path, folder=False)
        self.path.set_problems([problem] if problem else [])
        return problems + ([problem] if problem else [])

    def export(self) -> Task | None:
        if self.problems():
            return None
        from ipdesk.services.notices.gazette import export_gazette

        start, end = self.start.editor.date(), self.end.editor.date()  # type: ignore[attr-defined]
        path, patents, ws, lang = self.path.path(), self.patents_only.isChecked(), self.workstation, self.lang
        assert path is not None and start is not None and end is not None
        self.export_button.setEnabled(False)
        self.result_label.setText(esc(self.tr("正在导出…")))

        def done(count: int) -> None:
            self.export_button.setEnabled(True)
            remember_dir(path)
            self.message = self.tr("已导出 {n} 行到 {path}").format(n=count, path=path)
            self.result_label.setText(badge_html(self.message, "ok"))
            self.exported.emit(count, str(path))

        def failed(exc: BaseException, _tb: str) -> None:
            self.export_button.setEnabled(True)
            if not isinstance(exc, (DomainError, OSError)):
                report_failure(self, exc)
                return
            self.message = self.tr("无法写入 {path}：{reason}").format(
                path=path,
                reason=(exc.strerror if isinstance(exc, OSError) else None) or error_text(exc, lang),
            )
            self.path.set_problems([self.message])
            self.result_label.setText("")

        return self._runner.run(
            lambda: export_gazette(ws.engine, start, end, path, patents),  # a publication: Chinese
            on_result=done,
            on_error=failed,
            name="gazette export",
        )


def export_gazette_dialog(
    parent: QWidget | None,
    workstation: Workstation,
    *,
    lang: str | None = None,
    task_runner: TaskRunner | None = None,
) -> GazetteExportDialog:
    dialog = GazetteExportDialog(workstation, lang=lang, parent=parent, task_runner=task_runner)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
