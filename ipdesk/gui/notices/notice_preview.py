"""Preview one notice (choose among the kinds the pledge has), save it as PDF or open it in the system
viewer.

Every PDF is drawn by ReportLab, which is not thread-safe: all rendering runs in the task runner's single
writer thread (issuing a notice writes its serial anyway).

Hook-up for the pledge register::

    print_notice_for(page, workstation, pledge_id)      # 打印通知书… (Ctrl+P)
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.notices.notice import NoticeKind
from ipdesk.domain.shared.permissions import Action
from ipdesk.gui import messages
from ipdesk.gui.common.files import error_text, last_dir, open_external, remember_dir
from ipdesk.gui.common.keyboard import key_shortcut
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.rich_text import badge_html, esc, pick
from ipdesk.gui.common.widgets.pdf_preview import PdfPreview
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.formatting import format_date
from ipdesk.gui.icons import icon
from ipdesk.gui.notices.notice_kit import default_kind, dialog_lang, kind_name
from ipdesk.gui.ops import run_op
from ipdesk.gui.tasks import Task, TaskRunner, runner

# ---- preview of one notice ---------------------------------------------------------------------------


class NoticePreviewDialog(QDialog):
    """A notice in preview, then Save as PDF or open it in the system viewer.

    For a pledge the kind chooser offers only the notices the pledge has (``available_kinds``); choosing
    one issues it (the first time: a serial is given and signed; later: the same notice) and renders it.
    For an already issued document (a search certificate, a reprint) pass ``issued``.

    Signals:
        loaded(issued): the shown notice is ready (``self.issued``, ``self.pdf_data``).
        saved(path): a copy was written (and logged as a print).
        printed(printer): the notice went to a printer through the print dialog (and was logged).
        failed(message): issuing, rendering or saving was refused or failed.
    """

    loaded = Signal(object)
    saved = Signal(str)
    printed = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        workstation: Workstation,
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
        self.lang = dialog_lang(lang)
        self.pledge_id = pledge_id
        self._runner = task_runner or runner()
        self.issued: Any = None
        self.pdf_data = b""
        self.last_saved: Path | None = None
        self.last_printed = ""
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
        self.save_button.setToolTip(self.tr("保存为 PDF 文件（Ctrl+S），记入打印记录"))
        self.print_button = self.buttons.addButton(self.tr("打印…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setIcon(icon("print"))
        self.print_button.setToolTip(self.tr("选择打印机打印（Ctrl+P），记入打印记录"))
        self.print_button.clicked.connect(lambda: self.print_now())
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
        # A4 portrait wants height; on a desk screen of 860 or 768 px the buttons must stay on it (the
        # walkthrough under Xvfb at 1360 × 860 showed them below the screen's edge).
        room = self.screen().availableGeometry().height() - 60 if self.screen() is not None else 920
        self.resize(860, max(480, min(920, room)))
        self._set_ready(False)
        # shortcuts of the dialog, not of its buttons (a button's own shortcut goes when its text changes)
        key_shortcut(self, QKeySequence(QKeySequence.StandardKey.Save), self.save_as)
        key_shortcut(self, QKeySequence(QKeySequence.StandardKey.Print), self.print_now)

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

        def failed(exc: BaseException) -> None:  # a refusal is said here, on the preview (a crash: the dialog too)
            if generation != self._generation:
                return
            message = error_text(exc, self.lang)
            self.preview.show_message(message)
            self.status.setText(f"<span style='color:#c62828'>{esc(message)}</span>")
            self.failed.emit(message)

        # issuing writes; and ReportLab is not thread-safe: every rendering goes through the writer thread
        return run_op(self, work, on_done=done, on_refused=lambda _exc: None, on_failed=failed,
                      title="notice preview", task_runner=self._runner)

    def _present(self, issued: Any, data: bytes) -> None:
        self.issued, self.pdf_data = issued, data
        self.preview.set_pdf(data, issued.document)
        title = pick(issued.document.title, self.lang)
        self.heading.setText(title)
        self.setWindowTitle(self.tr("通知书预览 — {title}").format(title=title))
        pages = self.preview.page_count
        parts = [
            self.tr("编号 {serial}").format(serial=issued.serial),
            self.tr("出具于 {at}").format(at=format_date(issued.issued_at)),
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
        allowed = may(self.workstation.actor, Action.PRINT_NOTICES)
        self.save_button.setEnabled(ready and allowed)
        self.open_button.setEnabled(ready and allowed)
        self.print_button.setEnabled(ready and allowed)
        if ready and allowed:
            self.print_button.setFocus()  # Enter prints

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

        def refused(exc: BaseException) -> None:
            message = error_text(exc, self.lang)
            self.status.setText(f"<span style='color:#c62828'>{esc(message)}</span>")
            self.failed.emit(message)
            messages.tell(self, self.tr("无法保存通知书"), message, warning=True)

        return run_op(self, lambda: ws.notices.reprint(ws.actor, serial, path), on_done=done, on_refused=refused,
                      expected=(OSError,), title="save notice", task_runner=self._runner)

    def print_now(self, printer: Any = None) -> Task | None:
        """Print through Qt's print dialog (or on ``printer``); the print is logged like a saved copy."""
        from ipdesk.gui.common import printing

        if self.issued is None or not self.print_button.isEnabled():
            return None
        printer = printer or printing.choose_printer(self, self.tr("打印通知书"))
        if printer is None:
            return None
        try:
            pages = printing.print_pdf(self.pdf_data, printer)
        except OSError as exc:
            messages.tell(self, self.tr("无法打印通知书"), self.tr("打印机不可用：{name}").format(name=str(exc)),
                          warning=True)
            return None
        name = printer.printerName() or printer.outputFileName() or "printer"
        ws, serial = self.workstation, self.issued.serial

        def done(_issued: Any) -> None:
            self.last_printed = name
            self.status.setText(esc(self.tr("已送打印机 {name}：{n} 页").format(name=name, n=pages)))
            self.printed.emit(name)

        return run_op(self, lambda: ws.notices.printed(ws.actor, serial, name), on_done=done,
                      title="print notice", task_runner=self._runner)

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
    workstation: Workstation,
    pledge_id: int,
    *,
    kind: NoticeKind | str | None = None,
    lang: str | None = None,
    task_runner: TaskRunner | None = None,
) -> NoticePreviewDialog | None:
    """打印通知书: preview the pledge's notice (only the kinds it has); a clear message if it has none."""
    lang = dialog_lang(lang)
    kinds = workstation.notices.available_kinds(pledge_id)
    if not kinds:
        messages.tell(
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
    workstation: Workstation,
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
