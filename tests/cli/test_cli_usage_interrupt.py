"""The command line's own edges: argparse's usage errors in the reader's language (Chinese by default), Ctrl+C
as exit 130 with one line and nothing half-written, and a failed write naming the file asked for, never the
temporary ``.part`` file it was written through (which is removed)."""

from __future__ import annotations

import argparse
import errno
import os
from pathlib import Path

import pytest
from sqlalchemy import text

from ipdesk.cli.main import EXIT_INTERRUPTED, main
from ipdesk.storage.engine import make_engine
from tests.cli.test_cli import _application, _seed_world, run


def usage_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return captured.err


def test_usage_errors_are_in_chinese_unless_english_is_asked(capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IPDESK_LANG", raising=False)
    said = usage_error(capsys, "--lang", "xx")
    assert said.startswith("用法：ipdesk") and "错误：参数 --lang：无效的取值：'xx'（可选：'zh', 'en'）" in said
    said = usage_error(capsys, "fees", "ZL 201710601862.3", "--year", "abc")
    assert "ipdesk fees：错误：参数 --year：无效的 int 值：'abc'" in said
    assert "缺少必需的参数" in usage_error(capsys, "fees")
    assert "无法识别的参数：--bogus" in usage_error(capsys, "fees", "ZL 201710601862.3", "--bogus")
    said = usage_error(capsys, "--lang", "en", "fees", "ZL 201710601862.3", "--year", "abc")
    assert "usage: ipdesk" in said and "error: argument --year: invalid int value: 'abc'" in said
    monkeypatch.setenv("IPDESK_LANG", "en")
    assert "the following arguments are required" in usage_error(capsys, "fees")
    assert argparse._("usage: ") == "usage: "  # argparse is left as it was


def test_ctrl_c_is_one_line_exit_130_and_nothing_half_written(capsys: pytest.CaptureFixture[str],
                                                              db_args: list[str], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from ipdesk.services.audit import binding

    _seed_world(capsys, db_args, tmp_path)
    app = _application(tmp_path)

    def interrupted(_session: object) -> None:
        raise KeyboardInterrupt  # Ctrl+C while the registration commits

    monkeypatch.setattr(binding, "finalize", interrupted)
    code = main([*db_args, "register", str(app), "--on", "2026-11-16"])
    captured = capsys.readouterr()
    assert code == EXIT_INTERRUPTED == 130
    assert captured.err.strip() == "ipdesk：已中断（未完成的操作没有写入）" and "Traceback" not in captured.err
    engine = make_engine(db_args[3])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM pledges")).scalar_one() == 0
    engine.dispose()


def test_the_interrupt_line_in_english(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import ipdesk.cli.main as cli

    def interrupted(*_a: object, **_k: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "dispatch", interrupted)
    assert cli.main(["--lang", "en", "stats", "pledges", "--by", "year"]) == 130
    assert capsys.readouterr().err.strip() == "ipdesk: interrupted (the unfinished operation wrote nothing)"


def test_a_failed_write_names_the_file_not_its_temporary(capsys: pytest.CaptureFixture[str], db_args: list[str],
                                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _seed_world(capsys, db_args, tmp_path)
    out = tmp_path / "exports" / "checkpoints.json"
    out.parent.mkdir()

    def disk_full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    code, said = run(capsys, *db_args, "audit", "checkpoints", "--out", str(out))
    monkeypatch.undo()
    assert code == 2
    [error] = said["errors"]
    assert error["code"] == "file.unusable" and str(out) in error["message"] and "磁盘空间不足" in error["message"]
    assert ".part" not in error["message"] and ".ipdesk-" not in error["message"]
    assert list(out.parent.iterdir()) == []  # no temporary left behind, no half file

    import tempfile

    def refused(*_a: object, **_k: object) -> tuple[int, str]:  # the OS names the temporary it could not make
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(out.parent / ".ipdesk-x1y2.part"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    code, said = run(capsys, *db_args, "audit", "checkpoints", "--out", str(out))
    monkeypatch.undo()
    assert code == 2 and str(out) in said["errors"][0]["message"] and ".part" not in said["errors"][0]["message"]
