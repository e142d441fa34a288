"""Why a file could not be read or written, in the reader's language (not the OS's English errno text).

An output path that is a folder, a folder without write permission, a missing folder: each is bad input
the reader can fix, said as a coded :class:`Message` so the GUI and the CLI render it in their language.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from ipdesk.domain.shared.messages import Message, register
from ipdesk.domain.shared.problems import Problem

register({
    "file.unusable": ("无法使用文件 {path}：{why}", "cannot use the file {path}: {why}"),
    "file.named": ("{path}：{why}", "{path}: {why}"),
    "file.why.folder": ("这是一个文件夹，请给出文件名", "it is a folder: give a file name"),
    "file.why.permission": ("没有访问权限", "permission denied"),
    "file.why.missing": ("文件或文件夹不存在", "no such file or folder"),
    "file.why.not_a_folder": ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    "file.why.full": ("磁盘空间不足", "no space left on the disk"),
    "file.why.not_a_file": ("这不是普通文件（设备或管道）", "it is not a regular file (a device or a pipe)"),
    "file.why.read_only": ("只读文件系统", "read-only file system"),
    "file.why.name_too_long": ("文件名过长", "the file name is too long"),
    "file.why.other": ("系统错误 {code}：{text}", "system error {code}: {text}"),
})

_WHY = {
    errno.EISDIR: "file.why.folder",
    errno.EACCES: "file.why.permission",
    errno.EPERM: "file.why.permission",
    errno.ENOENT: "file.why.missing",
    errno.ENOTDIR: "file.why.not_a_folder",
    errno.ENOSPC: "file.why.full",
    errno.EROFS: "file.why.read_only",
    errno.ENAMETOOLONG: "file.why.name_too_long",
}


def os_error_text(exc: OSError, *, named: bool = False) -> Message:
    """The reason of ``exc`` as a coded message (``named``: preceded by the file it is about)."""
    code = _WHY.get(exc.errno or 0)
    if code is None:
        why = Message("file.why.other", {"code": exc.errno, "text": exc.strerror or str(exc)})
    else:
        why = Message(code)
    return Message("file.named", {"path": str(exc.filename), "why": why}) if named and exc.filename else why


def os_error_problem(exc: OSError, field: str = "file", path: Path | str | None = None) -> Problem:
    """``exc`` as the bad-input problem ``file.unusable`` naming the file."""
    where = path if path is not None else (exc.filename or "")
    return Problem("file.unusable", field, {"path": str(where), "why": os_error_text(exc)})


def output_problem(path: Path, field: str = "out") -> Problem | None:
    """Why ``path`` cannot become a new or replaced file (None: it looks writable). Checked before the work
    that fills it is done, so a command that would sign and log something first refuses up front."""
    why = None
    if path.is_dir():
        why = "file.why.folder"
    elif path.exists() and not path.is_file():  # a device or a pipe: a new file would be put in its place
        why = "file.why.not_a_file"
    else:
        parent = path.parent
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        if not parent.is_dir():
            why = "file.why.not_a_folder"
        elif not os.access(parent, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
            why = "file.why.permission"
    if why is None:
        return None
    return Problem("file.unusable", field, {"path": str(path), "why": Message(why)})


def naming(exc: OSError, path: Path | str) -> OSError:
    """``exc`` about ``path``: a failed write names the file the reader asked for, never the temporary file
    it was being written through (``.ipdesk-…part``), which means nothing to them and is gone."""
    return type(exc)(exc.errno, exc.strerror or str(exc), str(path))


def write_atomically(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file (0600) in the same folder, renamed into place:
    never a half-written file; on failure the temporary is removed and the error names ``path``."""
    path = Path(path)
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".ipdesk-", suffix=".part", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise naming(exc, path) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
