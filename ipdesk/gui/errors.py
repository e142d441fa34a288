"""Crashes: an exception nobody handled, shown as a dialog with a copyable report (refusals are
``ipdesk.gui.ops``'s, in ``ipdesk.gui.messages``).

A crash (an exception nobody handled) is logged with its traceback, then shown in :class:`CrashDialog`:
what happened, that nothing half-done was written (services commit a whole operation or nothing), the
report to copy for the administrator, and where the log file is.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import traceback
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ipdesk import __version__
from ipdesk.gui.common.clock import office_clock

log = logging.getLogger(__name__)


def log_file_path() -> str:
    """The file the root logger writes to, or ``""`` when logging goes nowhere on disk."""
    for handler in logging.getLogger().handlers:
        name = getattr(handler, "baseFilename", "")
        if name and name != os.devnull:
            return str(name)
    return ""


def format_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """A plain-text crash report: versions, platform, time and the traceback."""
    lines = [
        f"ipdesk {__version__}",
        f"time: {office_clock().now().isoformat(timespec='seconds')}",
        f"python: {platform.python_version()} ({sys.platform}), Qt {qVersion()}, PySide6 {pyside_version}",
        f"platform: {platform.platform()}",
        f"log: {log_file_path() or '-'}",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
    ]
    return "\n".join(lines)


class CrashDialog(QDialog):
    """The dialog shown for an unexpected error, with the report in a read-only, copyable text box."""

    def __init__(self, report: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("ipdesk 出错了"))
        self.setObjectName("CrashDialog")
        self.report = report
        layout = QVBoxLayout(self)
        head = QLabel(
            self.tr(
                "<b>发生了一个意外错误。</b><br>当前操作没有完成；已保存的数据保持一致，未完成的修改没有写入。"
                "<br>请复制下面的报告发给系统管理员，然后可以继续工作；如果问题反复出现，请重启 ipdesk。"
            )
        )
        head.setWordWrap(True)
        layout.addWidget(head)
        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        self.text.setMinimumSize(640, 260)
        layout.addWidget(self.text)
        path = log_file_path()
        where = QLabel(self.tr("日志文件：{path}").format(path=path) if path else self.tr("未配置日志文件。"))
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("复制报告"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)


_showing = False


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """``sys.excepthook`` for the GUI: log, then show :class:`CrashDialog` (one at a time)."""
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    report = format_report(exc_type, exc, tb)
    log.error("unhandled exception\n%s", report)
    if _showing or QApplication.instance() is None:
        sys.__excepthook__(exc_type, exc, tb)
        return
    _showing = True
    try:
        CrashDialog(report, QApplication.activeWindow()).exec()
    finally:
        _showing = False


def install_excepthook() -> None:
    sys.excepthook = excepthook
