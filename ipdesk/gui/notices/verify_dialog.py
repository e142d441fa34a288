"""验证通知书: is a printed notice genuine? Paste or scan its QR text, or open / drop its PDF.

The check is offline: the Ed25519 signature against the trusted public keys, the digest against the
register's issue log, and the revocation list — all in the local database. The answer is one of four,
shown big, in colour AND in words with a symbol (never colour alone):
真实有效 · 内容已被篡改 · 无法识别 · 已撤销, with the serial and the reason. When the serial is in the
register, what the register says the notice states is shown underneath, to compare with the paper.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.shared.problems import DomainError
from ipdesk.gui.common.rich_text import esc
from ipdesk.gui.common.widgets.pdf_preview import document_html
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import current_lang
from ipdesk.gui.icons import icon
from ipdesk.gui.ops import report_failure
from ipdesk.gui.tasks import Task, TaskRunner, runner
from ipdesk.reports.common.seal import VerifyStatus

#: status → (symbol, background, foreground, border)
STATUS_STYLE: dict[str, tuple[str, str, str, str]] = {
    VerifyStatus.GENUINE: ("✓", "#e6f4ea", "#1b5e20", "#81c784"),
    VerifyStatus.ALTERED: ("✗", "#fdecea", "#b71c1c", "#e57373"),
    VerifyStatus.UNKNOWN: ("?", "#fff8e1", "#7a4a00", "#ffd54f"),
    VerifyStatus.REVOKED: ("⊘", "#fbe9e7", "#8d1c0f", "#ff8a65"),
}


def status_text(status: VerifyStatus | str) -> str:
    texts = {
        VerifyStatus.GENUINE: QCoreApplication.translate("VerifyDialog", "真实有效"),
        VerifyStatus.ALTERED: QCoreApplication.translate("VerifyDialog", "内容已被篡改"),
        VerifyStatus.UNKNOWN: QCoreApplication.translate("VerifyDialog", "无法识别"),
        VerifyStatus.REVOKED: QCoreApplication.translate("VerifyDialog", "已撤销"),
    }
    return texts[VerifyStatus(status)]


class VerifyDialog(QDialog):
    """Verify a notice offline.

    Signals:
        verified(result): a check finished (``self.result``: a ``VerifyResult``).
    """

    verified = Signal(object)

    def __init__(
        self,
        workstation: Workstation,
        *,
        lang: str | None = None,
        parent: QWidget | None = None,
        task_runner: TaskRunner | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("VerifyDialog")
        self.setWindowTitle(self.tr("验证通知书"))
        self.setWindowIcon(icon("verify"))
        self.setAcceptDrops(True)
        self.workstation = workstation
        self.lang = lang or current_lang()
        self._runner = task_runner or runner()
        self.result: Any = None
        self.record: Any = None  # the register's copy of the notice, when the serial is known
        self._generation = 0

        intro = QLabel(
            self.tr(
                "扫描通知书上的二维码，或粘贴二维码内容后按回车；也可以打开或拖入通知书的 PDF 文件。"
                "验证在本机完成，不需要联网。"
            )
        )
        intro.setWordWrap(True)
        self.payload = QLineEdit()
        self.payload.setObjectName("verifyPayload")
        self.payload.setPlaceholderText(self.tr("二维码内容，以 IPD1| 开头"))
        self.payload.setClearButtonEnabled(True)
        self.payload.returnPressed.connect(lambda: self.verify_text(self.payload.text()))
        self.verify_button = QPushButton(icon("verify"), self.tr("验证"))
        self.verify_button.clicked.connect(lambda: self.verify_text(self.payload.text()))
        self.open_button = QPushButton(icon("import"), self.tr("打开 PDF…"))
        self.open_button.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.payload, 1)
        row.addWidget(self.verify_button)
        row.addWidget(self.open_button)

        self.panel = QFrame()
        self.panel.setObjectName("verifyPanel")
        self.big = QLabel()
        self.big.setObjectName("verifyStatus")
        self.big.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.serial_label = QLabel()
        self.serial_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.serial_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason_label = QLabel()
        self.reason_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_label = QLabel()
        self.source_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.source_label.setStyleSheet("color: #607d8b;")
        self.source_label.setWordWrap(True)
        panel = QVBoxLayout(self.panel)
        panel.setContentsMargins(16, 14, 16, 14)
        for w in (self.big, self.serial_label, self.reason_label, self.source_label):
            panel.addWidget(w)

        self.record_title = QLabel(self.tr("登记簿中的记录（请与纸件逐项核对）："))
        self.record_title.setStyleSheet("font-weight: bold;")
        self.record_view = QTextBrowser()
        self.record_view.setObjectName("verifyRecord")
        self.record_view.setMinimumHeight(220)

        buttons = QDialogButtonBox()
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.panel)
        layout.addWidget(self.record_title)
        layout.addWidget(self.record_view, 1)
        layout.addWidget(buttons)
        self.resize(760, 640)
        self.show_waiting(self.tr("等待扫描或粘贴二维码内容"))

    # ---- input ----------------------------------------------------------------------------------------

    def verify_text(self, text: str) -> Task | None:
        text = text.strip()
        if not text:
            self.show_waiting(self.tr("请先扫描或粘贴二维码内容"))
            self.payload.setFocus()
            return None
        notices = self.workstation.notices
        return self._check(lambda: notices.verify_text(text), self.tr("来源：二维码内容"))

    def verify_file(self, path: Path | str) -> Task:
        path = Path(path)
        notices = self.workstation.notices
        return self._check(lambda: notices.verify_file(path), self.tr("来源：{file}").format(file=path.name))

    def choose_file(self) -> None:
        from ipdesk.gui.common.files import last_dir

        path, _f = QFileDialog.getOpenFileName(
            self, self.tr("打开通知书 PDF"), last_dir(), self.tr("PDF 文件 (*.pdf)")
        )
        if path:
            self.verify_file(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if (
            any(u.isLocalFile() and u.toLocalFile().lower().endswith(".pdf") for u in urls)
            or event.mimeData().hasText()
        ):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        data = event.mimeData()
        pdfs = [
            u.toLocalFile()
            for u in data.urls()
            if u.isLocalFile() and u.toLocalFile().lower().endswith(".pdf")
        ]
        if pdfs:
            self.verify_file(pdfs[0])
        elif data.hasText():
            self.payload.setText(data.text().strip())
            self.verify_text(data.text())
        event.acceptProposedAction()

    # ---- checking -------------------------------------------------------------------------------------

    def _check(self, check: Any, source: str) -> Task:
        """Verify off the GUI thread (a read: the reader pool); the newest check wins."""
        self._generation += 1
        generation = self._generation
        self.show_waiting(self.tr("正在验证…"))
        notices = self.workstation.notices

        def work() -> tuple[Any, Any]:
            result = check()
            record = None
            if result.serial:
                try:
                    record = notices.get(result.serial)
                except DomainError:
                    record = None
            return result, record

        def done(answer: tuple[Any, Any]) -> None:
            if generation == self._generation:
                self.show_result(answer[0], answer[1], source)

        def failed(exc: BaseException, _tb: str) -> None:
            if generation != self._generation:
                return
            if isinstance(exc, (DomainError, OSError, ValueError)):
                message = "\n".join(exc.messages(self.lang)) if isinstance(exc, DomainError) else str(exc)
                self.show_waiting(self.tr("无法读取：{error}").format(error=message))
            else:
                report_failure(self, exc)

        return self._runner.run(work, on_result=done, on_error=failed, name="verify notice")

    # ---- showing --------------------------------------------------------------------------------------

    def _style_panel(self, bg: str, fg: str, border: str) -> None:
        self.panel.setStyleSheet(
            f"QFrame#verifyPanel {{ background: {bg}; border: 2px solid {border}; border-radius: 8px; }}"
            f"QFrame#verifyPanel QLabel {{ color: {fg}; background: transparent; }}"
        )

    def show_waiting(self, text: str) -> None:
        self.result = None
        self._style_panel("#f5f7f9", "#455a64", "#cfd8dc")
        self.big.setText(f"<span style='font-size: 16pt;'>{esc(text)}</span>")
        for w in (self.serial_label, self.reason_label, self.source_label):
            w.setText("")
        self.record_title.hide()
        self.record_view.hide()

    def show_result(self, result: Any, record: Any = None, source: str = "") -> None:
        self.result, self.record = result, record
        status = VerifyStatus(result.status)
        symbol, bg, fg, border = STATUS_STYLE[status]
        self._style_panel(bg, fg, border)
        self.big.setText(
            f"<span style='font-size: 26pt; font-weight: bold;'>{esc(symbol)} {esc(status_text(status))}</span>"
        )
        caption = self.tr("编号：{serial}").format(serial="\x00")
        before, _, after = caption.partition("\x00")
        self.serial_label.setText(
            f"<span style='font-size: 12pt;'>{esc(before)}<b>{esc(result.serial or '—')}</b>{esc(after)}</span>"
        )
        self.reason_label.setText(esc(result.message.message(self.lang)))
        self.source_label.setText(source)
        self.payload.setCursorPosition(0)
        show_record = record is not None and status in (VerifyStatus.GENUINE, VerifyStatus.REVOKED)
        if show_record:
            self.record_view.setHtml(document_html(record.document, self.lang))
        self.record_title.setVisible(show_record)
        self.record_view.setVisible(show_record)
        self.verified.emit(result)


def open_verify_dialog(
    parent: QWidget | None,
    workstation: Workstation,
    *,
    lang: str | None = None,
    task_runner: TaskRunner | None = None,
) -> VerifyDialog:
    """验证通知书… (main window menu)."""
    dialog = VerifyDialog(workstation, lang=lang, parent=parent, task_runner=task_runner)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.payload.setFocus()
    return dialog
