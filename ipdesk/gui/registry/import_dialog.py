"""文件 → 导入…: parties or rights from CSV / XLSX, off the GUI thread, then a report of every bad row.

The import is all-or-nothing (``ImportService``): a file with one bad row writes nothing, cancelling
the progress dialog (it shows rows per second) writes nothing either, and the report lists every problem
with the spreadsheet's row number and column so the clerk can fix the file.
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.shared.permissions import Action
from ipdesk.domain.shared.problems import DomainError
from ipdesk.gui import messages
from ipdesk.gui.common.keyboard import keyboard_first
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import current_lang
from ipdesk.gui.ops import run_op
from ipdesk.gui.settings import LAST_IMPORT_DIR, settings
from ipdesk.gui.tasks import Progress, Task


def import_supported(workstation: Workstation) -> bool:
    """Whether this workstation can import (an engine for ``ImportService``, and the actor may)."""
    if workstation.engine is None:  # a test double without a database
        return False
    # Found, not imported: the window asks at start-up, the service loads when a file is imported.
    if importlib.util.find_spec("ipdesk.services.registry.imports") is None:
        return False
    return may(workstation.actor, Action.IMPORT)


class ImportDialog(QDialog):
    """Choose what to import and the file; ``kind`` is "parties" or "rights"."""

    def __init__(self, parent: QWidget | None = None, kind: str = "rights"):
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("导入：")))
        self.parties_radio = QRadioButton(self.tr("当事人"))
        self.rights_radio = QRadioButton(self.tr("知识产权"))
        group = QButtonGroup(self)
        for b in (self.parties_radio, self.rights_radio):
            group.addButton(b)
            row.addWidget(b)
        row.addStretch(1)
        (self.parties_radio if kind == "parties" else self.rights_radio).setChecked(True)
        layout.addLayout(row)
        file_row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("选择 .csv 或 .xlsx 文件"))
        browse = QPushButton(self.tr("选择文件…"))
        browse.clicked.connect(self.browse)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        layout.addLayout(file_row)
        note = QLabel(
            self.tr(
                "先检查全部行：只要有一行有问题，就不写入任何数据，并列出每一处问题（行号、列名、原因）。"
                "导入知识产权前请先导入其权利人。列名说明见 docs/import.md。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #607d8b;")
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("开始导入"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.path.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))
        self.ok.setEnabled(False)
        keyboard_first(self, first=self.path)  # Enter in the file name moves on; it does not start the import

    @property
    def kind(self) -> str:
        return "parties" if self.parties_radio.isChecked() else "rights"

    def browse(self) -> None:
        start = settings().get(LAST_IMPORT_DIR) or str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择要导入的文件"), start, self.tr("表格文件 (*.csv *.xlsx)")
        )
        if name:
            self.path.setText(name)
            settings().set(LAST_IMPORT_DIR, str(Path(name).parent))


class ImportReportDialog(QDialog):
    """The outcome: a success summary, or every problem (row, column, what is wrong) to copy."""

    def __init__(self, report: Any, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        lang = current_lang()
        what = self.tr("当事人") if report.kind == "parties" else self.tr("知识产权")
        self.setWindowTitle(self.tr("导入结果"))
        self.setMinimumSize(640, 240 if report.ok else 420)
        layout = QVBoxLayout(self)
        if report.ok:
            text = self.tr("已从 {file} 导入 {n} 条{what}。").format(
                file=path.name, n=report.written, what=what
            )
            style = "color: #1b5e20;"
        else:
            text = self.tr("{file} 中有 {k} 处问题，没有写入任何数据。请修改文件后重新导入：").format(
                file=path.name, k=len(report.problems)
            )
            style = "color: #a61b1b;"
        self.summary = QLabel(text)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(style + " font-weight: bold;")
        layout.addWidget(self.summary)
        self.table = QTableWidget(len(report.problems), 3)
        self.table.setHorizontalHeaderLabels([self.tr("行"), self.tr("列"), self.tr("问题")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.lines = []
        for i, p in enumerate(report.problems):
            cells = ["" if p.row is None else str(p.row), p.field, p.message(lang)]
            self.lines.append("\t".join(cells))
            for j, c in enumerate(cells):
                item = QTableWidgetItem(c)
                if j == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        self.table.setVisible(not report.ok)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        if not report.ok:
            copy = buttons.addButton(self.tr("复制问题清单"), QDialogButtonBox.ButtonRole.ActionRole)
            copy.clicked.connect(lambda: QGuiApplication.clipboard().setText("\n".join(self.lines) + "\n"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def run_import(window: Any, kind: str, path: Path) -> Task:
    """Import ``path`` as an operation behind a cancellable progress dialog, then show the report (the
    pages watching parties, rights and the audit log refresh when it wrote)."""
    from ipdesk.services.registry.imports import ImportService

    workstation = window.workstation
    service = ImportService(workstation.engine, clock=workstation.clock)
    what = (
        QCoreApplication.translate("import", "导入当事人")
        if kind == "parties"
        else QCoreApplication.translate("import", "导入知识产权")
    )

    def work(progress: Progress) -> Any:
        started = time.monotonic()

        def report(done: int, total: int) -> bool:
            rows = max(total // 2, 1)  # the service counts each row twice: checked, then written
            rate = f"{done / 2 / max(time.monotonic() - started, 1e-3):,.0f}"  # rows through both steps per second
            if done <= rows:
                text = QCoreApplication.translate(
                    "import", "正在检查 {file}：第 {i} / {n} 行（每秒 {rate} 行）"
                ).format(file=path.name, i=done, n=rows, rate=rate)
            else:
                text = QCoreApplication.translate(
                    "import", "正在写入 {file}：第 {i} / {n} 行（每秒 {rate} 行）"
                ).format(file=path.name, i=done - rows, n=rows, rate=rate)
            progress.report(done, total, text)
            return progress.cancelled

        return service.import_file(workstation.actor, kind, path, progress=report)

    def done(result: Any) -> None:
        window.last_import_report = ImportReportDialog(result, path, window)
        window.last_import_report.open()

    def refused(exc: DomainError) -> None:
        if any(p.code == "import.cancelled" for p in exc.problems):
            window.statusBar().showMessage(exc.messages(current_lang())[0], 8000)
        else:
            messages.refused(window, exc.problems, what)

    return run_op(window, work, on_done=done, on_refused=refused, on_cancel=lambda: None, progress=what, title=what)


def start_import(window: Any) -> None:
    """文件 → 导入…: ask what and which file, then :func:`run_import`."""
    current = window.current_area() if hasattr(window, "current_area") else "rights"
    dialog = ImportDialog(window, "parties" if current == "parties" else "rights")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    path = Path(dialog.path.text().strip())
    run_import(window, dialog.kind, path)
