"""Printing notices: preview one notice (choose among the kinds the pledge has), print many at once into a
folder or one merged PDF, the notices issued for a pledge (reprint, verify, revoke), and the gazette export.

Every PDF is drawn by ReportLab, which is not thread-safe: all rendering runs in the task runner's single
writer thread (issuing a notice writes its serial anyway), and a batch runs as ONE task.

Hook-ups for the pledge register (one line each)::

    print_notice_for(page, workstation, pledge_id)      # 打印通知书… (Ctrl+P)
    batch_print(page, workstation, selected_ids)        # 批量打印…
    show_notices_of(page, workstation, pledge_id)       # 通知书记录… (reprint / verify / revoke)
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.shared.messages import register as register_messages
from ipdesk.domain.notices.notice import NoticeKind
from ipdesk.domain.shared.permissions import Action
from ipdesk.domain.shared.problems import DomainError, Problem
from ipdesk.gui.pledges.labels import badge_html, esc, pick
from ipdesk.gui.errors import show_error
from ipdesk.gui.i18n import current_lang
from ipdesk.gui.icons import icon
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.settings import LAST_EXPORT_DIR, settings
from ipdesk.gui.tasks import Task, TaskRunner, run_with_progress_dialog, runner
from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.common.widgets.field_edit import ErrorField
from ipdesk.gui.common.widgets.form_dialog import FormDialog
from ipdesk.gui.common.widgets.pdf_preview import PdfPreview, office_time
from ipdesk.services.notices.service import KIND_NAMES, BatchReport

register_messages(
    {
        "gui.notice.reason": (
            "请写明撤销理由（将记入审计日志）",
            "give the reason for the revocation (it goes into the audit log)",
        ),
    }
)

#: the kinds a pledge notice can be (the search certificate comes from the register search)
PLEDGE_KINDS = (
    NoticeKind.REGISTRATION,
    NoticeKind.REFUSAL,
    NoticeKind.CORRECTION,
    NoticeKind.CHANGE,
    NoticeKind.CANCELLATION,
)
#: which notice the print action offers first: the latest decision a pledge normally has
_PREFERENCE = (
    NoticeKind.CANCELLATION,
    NoticeKind.CHANGE,
    NoticeKind.REGISTRATION,
    NoticeKind.REFUSAL,
    NoticeKind.CORRECTION,
)


def kind_name(kind: NoticeKind | str, lang: str = "zh") -> str:
    return pick(KIND_NAMES[NoticeKind(kind)], lang)


def default_kind(kinds: Sequence[NoticeKind]) -> NoticeKind | None:
    for k in _PREFERENCE:
        if k in kinds:
            return k
    return kinds[0] if kinds else None


def _lang(lang: str | None) -> str:
    return lang or current_lang()


# ---- small helpers (module functions so tests can answer or observe them) ------------------------------


def tell(
    parent: QWidget | None, title: str, text: str, *, warning: bool = False, detail: str = ""
) -> QMessageBox:
    """A non-blocking message box (opened, not exec'd)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
        title,
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    if detail:
        box.setInformativeText(detail)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def open_external(path: Path | str) -> bool:
    """Open a file or folder with the system's application (PDF viewer, file manager)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def last_dir() -> str:
    folder = settings().get(LAST_EXPORT_DIR)
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def remember_dir(path: Path | str) -> None:
    p = Path(path)
    settings().set(LAST_EXPORT_DIR, str(p if p.is_dir() else p.parent))


def writable_problem(path: Path, *, folder: bool) -> str:
    """Why ``path`` (a folder, or a file to create) cannot be written — "" when it can."""
    target = path if folder else path.parent
    try:
        if not folder and path.is_dir():
            raise IsADirectoryError(21, QCoreApplication.translate("PrintDialogs", "这是一个文件夹"))
        target.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".ipdesk-probe-", dir=target)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return QCoreApplication.translate("PrintDialogs", "无法写入 {path}：{reason}").format(
            path=path, reason=exc.strerror or str(exc)
        )
    return ""


def error_text(exc: BaseException, lang: str) -> str:
    if isinstance(exc, DomainError):
        return "\n".join(exc.messages(lang))
    if isinstance(exc, OSError):
        where = getattr(exc, "filename", None)
        reason = exc.strerror or str(exc)
        return (
            QCoreApplication.translate("PrintDialogs", "无法写入 {path}：{reason}").format(
                path=where, reason=reason
            )
            if where
            else reason
        )
    return str(exc) or type(exc).__name__


class PathField(ErrorField):
    """A path typed or chosen with a button (file to save or folder), with a red problem line."""

    def __init__(self, *, folder: bool, caption: str, filters: str = "", parent: QWidget | None = None):
        from PySide6.QtWidgets import QLineEdit

        self.line_edit = QLineEdit()
        self.browse = QPushButton(self.tr("浏览…"))
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line_edit, 1)
        row.addWidget(self.browse)
        box.line_edit = self.line_edit  # type: ignore[attr-defined]  # ErrorField marks the line edit red
        super().__init__(box, parent)
        self.folder, self.caption, self.filters = folder, caption, filters
        self.browse.clicked.connect(self.choose)
        self.setFocusProxy(self.line_edit)

    def text(self) -> str:
        return self.line_edit.text().strip()

    def setText(self, text: str) -> None:
        self.line_edit.setText(text)

    def path(self) -> Path | None:
        return Path(self.text()).expanduser() if self.text() else None

    def choose(self) -> None:
        start = self.text() or last_dir()
        if self.folder:
            chosen = QFileDialog.getExistingDirectory(self, self.caption, start)
        else:
            chosen, _f = QFileDialog.getSaveFileName(self, self.caption, start, self.filters)
        if chosen:
            self.setText(chosen)


# ---- preview of one notice ---------------------------------------------------------------------------


class NoticePreviewDialog(QDialog):
    """A notice in preview, then Save as PDF or open it in the system viewer.

    For a pledge the kind chooser offers only the notices the pledge has (``available_kinds``); choosing
    one issues it (the first time: a serial is given and signed; later: the same notice) and renders it.
    For an already issued document (a search certificate, a reprint) pass ``issued``.

    Signals:
        loaded(issued): the shown notice is ready (``self.issued``, ``self.pdf_data``).
        saved(path): a copy was written (and logged as a print).
        failed(message): issuing, rendering or saving was refused or failed.
    """

    loaded = Signal(object)
    saved = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        workstation: Any,
        *,
        pledge_id: int | None = None,
        kinds: Sequence[NoticeKind] = (),
        kind: NoticeKind | str | None = None,
        issued: Any = None,
        lang: str | None = None,
        parent: QWidget | None = None,
        task_runner: TaskRunner | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("NoticePreviewDialog")
        self.workstation = workstation
        self.lang = _lang(lang)
        self.pledge_id = pledge_id
        self._runner = task_runner or runner()
        self.issued: Any = None
        self.pdf_data = b""
        self.last_saved: Path | None = None
        self._generation = 0
        self.setWindowTitle(self.tr("通知书预览"))

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 12pt; font-weight: bold; color: #263238;")
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("noticeKind")
        for k in kinds:
            self.kind_combo.addItem(kind_name(k, self.lang), k.value)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        self.kind_label = QLabel(self.tr("通知书："))
        top.addWidget(self.kind_label)
        top.addWidget(self.kind_combo)
        for w in (self.kind_label, self.kind_combo):
            w.setVisible(pledge_id is not None)
        self.kind_combo.setEnabled(len(kinds) > 1)

        self.preview = PdfPreview(lang=self.lang)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("另存为 PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setIcon(icon("export"))
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_button.setToolTip(self.tr("保存为 PDF 文件（Ctrl+S），记入打印记录"))
        self.open_button = self.buttons.addButton(
            self.tr("在系统查看器中打开"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setIcon(icon("print"))
        self.open_button.setToolTip(self.tr("用系统的 PDF 查看器打开，可从那里打印"))
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save_as)
        self.open_button.clicked.connect(self.open_in_viewer)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(860, 920)
        self._set_ready(False)

        self.kind_combo.currentIndexChanged.connect(lambda _i: self.load_kind(self.kind_combo.currentData()))
        if issued is not None:
            self._load(lambda: (issued, workstation.notices.render(issued)))
        elif pledge_id is not None and kinds:
            start = NoticeKind(kind) if kind is not None else default_kind(list(kinds))
            index = self.kind_combo.findData(start.value if start else None)
            if index > 0:
                self.kind_combo.setCurrentIndex(index)  # loads through currentIndexChanged
            else:
                self.load_kind(self.kind_combo.currentData())

    # ---- loading --------------------------------------------------------------------------------------

    def load_kind(self, kind: str | None) -> Task | None:
        if self.pledge_id is None or not kind:
            return None
        ws, pid = self.workstation, self.pledge_id

        def work() -> tuple[Any, bytes]:
            issued = ws.notices.issue(ws.actor, pid, kind)
            return issued, ws.notices.render(issued)

        return self._load(work)

    def _load(self, work: Any) -> Task:
        self._generation += 1
        generation = self._generation
        self._set_ready(False)
        self.preview.show_message(self.tr("正在生成通知书…"))
        self.status.setText("")

        def done(result: tuple[Any, bytes]) -> None:
            if generation == self._generation:
                self._present(*result)

        def failed(exc: BaseException, tb: str) -> None:
            if generation != self._generation:
                return
            if not isinstance(exc, DomainError):
                show_error(self, exc, tb)
            message = error_text(exc, self.lang)
            self.preview.show_message(message)
            self.status.setText(f"<span style='color:#c62828'>{esc(message)}</span>")
            self.failed.emit(message)

        # ReportLab is not thread-safe: every rendering goes through the single writer thread
        return self._runner.run(work, on_result=done, on_error=failed, write=True, name="notice preview")

    def _present(self, issued: Any, data: bytes) -> None:
        self.issued, self.pdf_data = issued, data
        self.preview.set_pdf(data, issued.document)
        title = pick(issued.document.title, self.lang)
        self.heading.setText(title)
        self.setWindowTitle(self.tr("通知书预览 — {title}").format(title=title))
        pages = self.preview.page_count
        parts = [
            self.tr("编号 {serial}").format(serial=issued.serial),
            self.tr("出具于 {at}").format(at=office_time(issued.issued_at)),
        ]
        if pages is not None:
            parts.append(self.tr("共 {n} 页").format(n=pages))
        text = esc(" · ".join(parts))
        if issued.revoked:
            text += "<br>" + badge_html(self.tr("该通知书已撤销：重印件验证时显示“已撤销”"), "bad")
        self.status.setText(text)
        self._set_ready(True)
        self.loaded.emit(issued)

    def _set_ready(self, ready: bool) -> None:
        allowed = may(getattr(self.workstation, "actor", None), Action.PRINT_NOTICES)
        self.save_button.setEnabled(ready and allowed)
        self.open_button.setEnabled(ready and allowed)

    # ---- output ---------------------------------------------------------------------------------------

    def default_file_name(self) -> str:
        if self.issued is None:
            return "notice.pdf"
        return f"{self.issued.serial}-{self.issued.kind.value}.pdf".replace("/", "-")

    def save_as(self) -> None:
        if self.issued is None:
            return
        start = str(Path(last_dir()) / self.default_file_name())
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("另存为 PDF"), start, self.tr("PDF 文件 (*.pdf)")
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.save_to(Path(path))

    def save_to(self, path: Path, *, then_open: bool = False) -> Task | None:
        """Write the notice to ``path`` (atomically; logged as a print or reprint)."""
        if self.issued is None:
            return None
        ws, serial = self.workstation, self.issued.serial
        self.status.setText(esc(self.tr("正在保存到 {path}…").format(path=path)))

        def done(_issued: Any) -> None:
            self.last_saved = path
            if not then_open:
                remember_dir(path)
            self.status.setText(esc(self.tr("已保存：{path}").format(path=path)))
            self.saved.emit(str(path))
            if then_open and not open_external(path):
                self.status.setText(
                    esc(self.tr("已保存到 {path}，但系统没有可打开 PDF 的程序").format(path=path))
                )

        def failed(exc: BaseException, tb: str) -> None:
            if not isinstance(exc, (DomainError, OSError)):
                show_error(self, exc, tb)
                return
            message = error_text(exc, self.lang)
            self.status.setText(f"<span style='color:#c62828'>{esc(message)}</span>")
            self.failed.emit(message)
            tell(self, self.tr("无法保存通知书"), message, warning=True)

        return self._runner.run(
            lambda: ws.notices.reprint(ws.actor, serial, path),
            on_result=done,
            on_error=failed,
            write=True,
            name="save notice",
        )

    def open_in_viewer(self) -> Task | None:
        """Write a copy into the temporary folder and open it in the system PDF viewer."""
        if self.issued is None:
            return None
        base = (
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)
            or tempfile.gettempdir()
        )
        return self.save_to(Path(base) / "ipdesk-notices" / self.default_file_name(), then_open=True)


def print_notice_for(
    parent: QWidget | None,
    workstation: Any,
    pledge_id: int,
    *,
    kind: NoticeKind | str | None = None,
    lang: str | None = None,
    task_runner: TaskRunner | None = None,
) -> NoticePreviewDialog | None:
    """打印通知书: preview the pledge's notice (only the kinds it has); a clear message if it has none."""
    lang = _lang(lang)
    kinds = workstation.notices.available_kinds(pledge_id)
    if not kinds:
        tell(
            parent,
            QCoreApplication.translate("PrintDialogs", "打印通知书"),
            QCoreApplication.translate("PrintDialogs", "这件质押还没有可出具的通知书。"),
            detail=QCoreApplication.translate(
                "PrintDialogs",
                "通知书在作出决定后才能出具：准予登记、不予登记、补正通知、变更或延期登记、注销登记。",
            ),
        )
        return None
    dialog = NoticePreviewDialog(
        workstation,
        pledge_id=pledge_id,
        kinds=kinds,
        kind=kind if kind in kinds else None,
        lang=lang,
        parent=parent,
        task_runner=task_runner,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def preview_issued(
    parent: QWidget | None,
    workstation: Any,
    issued: Any,
    *,
    lang: str | None = None,
    task_runner: TaskRunner | None = None,
) -> NoticePreviewDialog:
    """Preview an already issued notice or certificate (reprint)."""
    dialog = NoticePreviewDialog(
        workstation, issued=issued, lang=lang, parent=parent, task_runner=task_runner
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


# ---- batch printing ----------------------------------------------------------------------------------


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
        lines.append(QCoreApplication.translate("PrintDialogs", "跳过：{reason}").format(reason=reason))
    if report.cancelled:
        lines.append(
            QCoreApplication.translate("PrintDialogs", "已取消：其余的没有打印；已写好的文件完整保留。")
        )
    return report.summary(lang), lines


class BatchPrintDialog(QDialog):
    """批量打印: the chosen kind of notice of every selected pledge, one file each in a folder or one merged
    PDF; runs as one cancellable background task and ends with a summary.

    Signals:
        finished_report(report): the batch ended (``self.report``, ``self.summary``, ``self.details``).
    """

    finished_report = Signal(object)

    def __init__(
        self,
        workstation: Any,
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
        self.lang = _lang(lang)
        self._runner = task_runner or runner()
        self.task: Task | None = None
        self.report: BatchReport | None = None
        self.summary = ""
        self.details: list[str] = []
        self.summary_box: QMessageBox | None = None

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
        self.task = run_with_progress_dialog(
            self.parentWidget(),
            self.tr("批量打印通知书"),
            work,
            on_result=lambda r: self._done(r, kind, folder, merged),
            on_error=self._failed,
            write=True,
            task_runner=self._runner,
        )
        return self.task

    def _done(self, report: BatchReport, kind: NoticeKind, folder: Path | None, merged: Path | None) -> None:
        _ALIVE.discard(self)
        self.report = report
        self.summary, self.details = batch_details(report, kind, folder=folder, merged=merged, lang=self.lang)
        trouble = bool(report.failed)
        box = QMessageBox(
            QMessageBox.Icon.Warning if trouble else QMessageBox.Icon.Information,
            self.tr("批量打印通知书"),
            self.summary,
            QMessageBox.StandardButton.Ok,
            self.parentWidget(),
        )
        box.setObjectName("batchSummary")
        if self.details:
            box.setInformativeText("\n".join(self.details[:12]) + ("\n…" if len(self.details) > 12 else ""))
            box.setDetailedText("\n".join(self.details))
        written_to = merged if merged is not None else folder
        if report.written and written_to is not None:
            opener = box.addButton(
                self.tr("打开文件夹") if merged is None else self.tr("打开 PDF"),
                QMessageBox.ButtonRole.ActionRole,
            )
            opener.clicked.connect(lambda: open_external(written_to))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.summary_box = box
        self.finished_report.emit(report)
        self.deleteLater()

    def _failed(self, exc: BaseException, tb: str) -> None:
        _ALIVE.discard(self)
        if isinstance(exc, (DomainError, OSError)):
            self.summary = error_text(exc, self.lang)
            tell(self.parentWidget(), self.tr("批量打印通知书"), self.summary, warning=True)
        else:
            show_error(self.parentWidget(), exc, tb)
        self.finished_report.emit(None)
        self.deleteLater()


_ALIVE: set[QDialog] = set()  # batch dialogs whose task is still running (they receive its outcome)


def batch_print(
    parent: QWidget | None,
    workstation: Any,
    pledge_ids: Sequence[int],
    *,
    lang: str | None = None,
    task_runner: TaskRunner | None = None,
) -> BatchPrintDialog | None:
    """批量打印… for the selected pledges (the dialog asks for the kind and the target)."""
    ids = [i for i in pledge_ids if i is not None]
    if not ids:
        tell(
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


# ---- the notices of a pledge: reprint, verify, revoke ---------------------------------------------------


class RevokeDialog(FormDialog):
    """撤销通知书 with a reason (approver or administrator); the serial then verifies as revoked."""

    def __init__(
        self,
        workstation: Any,
        issued: Any,
        *,
        lang: str | None = None,
        parent: QWidget | None = None,
        task_runner: TaskRunner | None = None,
    ):
        super().__init__(parent, title=self.tr("撤销通知书"), task_runner=task_runner)
        self.setObjectName("RevokeDialog")
        self.workstation, self.issued, self.lang = workstation, issued, _lang(lang)
        heading = QLabel(f"<b>{esc(kind_name(issued.kind, self.lang))} {esc(issued.serial)}</b>")
        self.add_row("", heading)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("例如：登记事项填写错误，已重新出具"))
        self.reason.setFixedHeight(90)
        self.add_field("reason", self.tr("撤销理由 *"), self.reason)
        warn = QLabel(self.tr("撤销后，这份通知书（含已打印的纸件）验证时显示“已撤销”。撤销不能恢复。"))
        warn.setWordWrap(True)
        warn.setStyleSheet("color: #7a4a00;")
        self.add_row("", warn)
        self.save_button.setText(self.tr("撤销"))
        self.resize(520, 260)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"reason": self.reason.toPlainText().strip()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        return [] if data["reason"] else [Problem("gui.notice.reason", "reason")]

    def save(self, data: dict[str, Any]) -> str:
        self.workstation.notices.revoke(self.workstation.actor, self.issued.serial, data["reason"])
        return self.issued.serial


class NoticeListDialog(QDialog):
    """The notices issued for one pledge: preview / reprint, verify, and revoke (when the role allows)."""

    def __init__(
        self,
        workstation: Any,
        pledge_id: int,
        *,
        lang: str | None = None,
        parent: QWidget | None = None,
        task_runner: TaskRunner | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("NoticeListDialog")
        self.setWindowTitle(self.tr("通知书记录"))
        self.workstation, self.pledge_id, self.lang = workstation, pledge_id, _lang(lang)
        self._runner = task_runner or runner()
        self.notices: list[Any] = []
        self.revoke_dialog: RevokeDialog | None = None
        self.child: QDialog | None = None
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("编号"), self.tr("通知书"), self.tr("出具时间"), self.tr("状态")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self.update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.preview_selected())
        self.empty = QLabel(self.tr("这件质押还没有出具过通知书。"))
        self.empty.setStyleSheet("color: #607d8b;")
        self.empty.hide()
        self.buttons = QDialogButtonBox()
        self.preview_button = self.buttons.addButton(
            self.tr("预览 / 重印…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.verify_button = self.buttons.addButton(self.tr("验证"), QDialogButtonBox.ButtonRole.ActionRole)
        self.revoke_button = self.buttons.addButton(self.tr("撤销…"), QDialogButtonBox.ButtonRole.ActionRole)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        self.preview_button.clicked.connect(self.preview_selected)
        self.verify_button.clicked.connect(self.verify_selected)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.buttons.rejected.connect(self.reject)
        self.can_revoke = may(getattr(workstation, "actor", None), Action.REVOKE_NOTICE)
        self.revoke_button.setVisible(self.can_revoke)
        if not self.can_revoke:
            self.revoke_button.setToolTip(self.tr("只有审核员或管理员可以撤销通知书"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(700, 340)
        self.reload()

    def reload(self) -> None:
        self.notices = self.workstation.notices.notices_of(self.pledge_id)
        self.table.setRowCount(len(self.notices))
        for row, n in enumerate(self.notices):
            status = self.tr("已撤销") if n.revoked else self.tr("有效")
            mark = "✗ " if n.revoked else "✓ "
            cells = [n.serial, kind_name(n.kind, self.lang), office_time(n.issued_at), mark + status]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3:
                    item.setForeground(Qt.GlobalColor.darkRed if n.revoked else Qt.GlobalColor.darkGreen)
                self.table.setItem(row, col, item)
        self.empty.setVisible(not self.notices)
        if self.notices and not self.table.selectedItems():
            self.table.selectRow(len(self.notices) - 1)
        self.update_buttons()

    def selected(self) -> Any:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.notices[rows.pop()] if len(rows) == 1 else None

    def select_serial(self, serial: str) -> None:
        for row, n in enumerate(self.notices):
            if n.serial == serial:
                self.table.selectRow(row)

    def update_buttons(self) -> None:
        chosen = self.selected()
        self.preview_button.setEnabled(chosen is not None)
        self.verify_button.setEnabled(chosen is not None)
        self.revoke_button.setEnabled(chosen is not None and self.can_revoke and not chosen.revoked)

    def preview_selected(self) -> NoticePreviewDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        self.child = preview_issued(self, self.workstation, chosen, lang=self.lang, task_runner=self._runner)
        return self.child  # type: ignore[return-value]

    def verify_selected(self) -> Any:
        from ipdesk.gui.notices.verify_dialog import VerifyDialog

        chosen = self.selected()
        if chosen is None:
            return None
        dialog = VerifyDialog(self.workstation, lang=self.lang, parent=self, task_runner=self._runner)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.payload.setText(chosen.payload)
        dialog.open()
        dialog.verify_text(chosen.payload)
        self.child = dialog
        return dialog

    def revoke_selected(self) -> RevokeDialog | None:
        chosen = self.selected()
        if chosen is None or not self.can_revoke or chosen.revoked:
            return None
        dialog = RevokeDialog(self.workstation, chosen, lang=self.lang, parent=self, task_runner=self._runner)
        dialog.saved.connect(lambda serial: (self.reload(), self.select_serial(serial)))
        dialog.open()
        self.revoke_dialog = dialog
        return dialog


def show_notices_of(
    parent: QWidget | None,
    workstation: Any,
    pledge_id: int,
    *,
    lang: str | None = None,
    task_runner: TaskRunner | None = None,
) -> NoticeListDialog:
    dialog = NoticeListDialog(workstation, pledge_id, lang=lang, parent=parent, task_runner=task_runner)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def add_notice_actions(page: Any, workstation: Any) -> None:
    """Give a pledge register page (a ``RegisterPage`` whose row ids are pledge ids) the notice actions:
    打印通知书… (Ctrl+P, the selected pledge), 批量打印… (the selected rows) and 通知书记录… (reprint, verify,
    revoke). The page's ``update_actions`` enables them by the selection and the user's role."""
    lang = getattr(page, "lang", None)

    def allowed() -> bool:
        return may(getattr(workstation, "actor", None), Action.PRINT_NOTICES)

    def print_one() -> Any:
        pid = page.current_id()
        return None if pid is None else print_notice_for(page, workstation, pid, lang=lang)

    def notices() -> Any:
        pid = page.current_id()
        return None if pid is None else show_notices_of(page, workstation, pid, lang=lang)

    page.toolbar.addSeparator()
    one = page.add_action(
        "print_notice",
        QCoreApplication.translate("PrintDialogs", "打印通知书…"),
        "print",
        print_one,
        enabled_when=lambda rows: len(rows) == 1 and allowed(),
        tip=QCoreApplication.translate("PrintDialogs", "预览并打印选中质押的通知书（Ctrl+P）"),
    )
    one.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
    page.add_action(
        "batch_print",
        QCoreApplication.translate("PrintDialogs", "批量打印…"),
        "print",
        lambda: batch_print(page, workstation, page.selected_ids(), lang=lang),
        enabled_when=lambda rows: bool(rows) and allowed(),
        tip=QCoreApplication.translate(
            "PrintDialogs", "把选中的各件质押的通知书打印到一个文件夹或一个合并的 PDF"
        ),
    )
    page.add_action(
        "notices",
        QCoreApplication.translate("PrintDialogs", "通知书记录…"),
        "verify",
        notices,
        enabled_when=lambda rows: len(rows) == 1,
        tip=QCoreApplication.translate("PrintDialogs", "这件质押出具过的通知书：重印、验证、撤销"),
        toolbar=False,
    )
    page.update_actions()


# ---- gazette export ----------------------------------------------------------------------------------


class GazetteExportDialog(QDialog):
    """导出公告: the gazette lines (registrations, changes, cancellations) of a period to CSV or Excel.

    Signals:
        exported(count, path)
    """

    exported = Signal(int, str)

    def __init__(
        self,
        workstation: Any,
        *,
        lang: str | None = None,
        parent: QWidget | None = None,
        task_runner: TaskRunner | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("GazetteExportDialog")
        self.setWindowTitle(self.tr("导出公告"))
        self.workstation, self.lang = workstation, _lang(lang)
        self._runner = task_runner or runner()
        self.message = ""
        today = date.today()
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

        def failed(exc: BaseException, tb: str) -> None:
            self.export_button.setEnabled(True)
            if not isinstance(exc, (DomainError, OSError)):
                show_error(self, exc, tb)
                return
            self.message = self.tr("无法写入 {path}：{reason}").format(
                path=path,
                reason=(exc.strerror if isinstance(exc, OSError) else None) or error_text(exc, lang),
            )
            self.path.set_problems([self.message])
            self.result_label.setText("")

        return self._runner.run(
            lambda: export_gazette(ws.engine, start, end, path, patents, lang),
            on_result=done,
            on_error=failed,
            name="gazette export",
        )


def export_gazette_dialog(
    parent: QWidget | None,
    workstation: Any,
    *,
    lang: str | None = None,
    task_runner: TaskRunner | None = None,
) -> GazetteExportDialog:
    dialog = GazetteExportDialog(workstation, lang=lang, parent=parent, task_runner=task_runner)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
