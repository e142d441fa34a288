"""Files the user writes: the last folder used, whether a place is writable, why a write failed, the system
viewer."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices

from ipdesk.domain.shared.problems import DomainError
from ipdesk.gui.settings import LAST_EXPORT_DIR, LAST_IMPORT_DIR, settings


def open_external(path: Path | str) -> bool:
    """Open a file or folder with the system's application (PDF viewer, file manager)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def last_dir() -> str:
    folder = settings().get(LAST_EXPORT_DIR)
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def remember_dir(path: Path | str) -> None:
    p = Path(path)
    settings().set(LAST_EXPORT_DIR, str(p if p.is_dir() else p.parent))


def import_dir() -> str:
    """The folder of the last imported file (the user's home folder at first)."""
    folder = settings().get(LAST_IMPORT_DIR)
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def remember_import_dir(path: Path | str) -> None:
    p = Path(path)
    settings().set(LAST_IMPORT_DIR, str(p if p.is_dir() else p.parent))


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
