"""Bad input, tried as an attacker would: each is exit 2 with a coded message in the reader's language,
no traceback, and nothing written (a hostile JSON file, text no database can store, an oversized argument,
an output path that cannot be written, a database URL that is wrong or a server that does not answer)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from ipdesk.cli.main import MAX_ARGUMENT
from ipdesk.storage.engine import make_engine
from tests.cli.test_cli import _application, _seed_world, run


def _count(db_args: list[str], table: str) -> int:
    engine = make_engine(db_args[3])
    with engine.connect() as conn:
        n = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    engine.dispose()
    return n


def _codes(out: dict) -> list[str]:
    assert "internal_error" not in out and "traceback" not in out, out
    return [e["code"] for e in out["errors"]]


def test_hostile_json_files_are_bad_input(capsys: pytest.CaptureFixture[str], db_args: list[str],
                                          tmp_path: Path) -> None:
    _seed_world(capsys, db_args, tmp_path)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    code, out = run(capsys, *db_args, "examine", str(deep))
    assert code == 2 and _codes(out) == ["input.too_deep"]
    nested = tmp_path / "nested.json"
    nested.write_text(json.dumps({"notes": "x"})[:-1].replace('"x"', "[" * 40 + '"x"' + "]" * 40) + "}")
    code, out = run(capsys, *db_args, "register", str(nested))
    assert code == 2 and _codes(out) == ["input.too_deep"]
    # "\u0000" and a lone "\ud800" are valid JSON escapes, and neither can be stored: refused, with where.
    nul = _application(tmp_path, notes="a\u0000b")
    code, out = run(capsys, *db_args, "register", str(nul), "--on", "2026-11-16")
    assert code == 2 and _codes(out) == ["input.nul"] and "notes" in out["errors"][0]["message"]
    sur = tmp_path / "sur.json"
    sur.write_text('{"application_date": "\\ud800"}')
    code, out = run(capsys, *db_args, "--lang", "en", "register", str(sur))
    assert code == 2 and _codes(out) == ["input.surrogate"] and "not valid text" in out["errors"][0]["message"]
    assert _count(db_args, "pledges") == 0


def test_a_missing_application_file_is_named_in_the_readers_language(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nope.json"
    code, out = run(capsys, *db_args, "examine", str(missing))
    assert code == 2 and _codes(out) == ["import.unreadable"]
    message = out["errors"][0]["message"]
    assert message.startswith("无法读取文件") and str(missing) in message and "不存在" in message
    code, out = run(capsys, *db_args, "--lang", "en", "examine", str(tmp_path))
    assert "is a folder" in out["errors"][0]["message"] and "Errno" not in out["errors"][0]["message"]


def test_arguments_that_are_not_text_or_too_long(capsys: pytest.CaptureFixture[str], db_args: list[str]) -> None:
    # Bytes that are not UTF-8 reach Python as lone surrogates (surrogateescape).
    code, out = run(capsys, *db_args, "search", "--name", "\udced\udca0\udc80")
    assert code == 2 and _codes(out) == ["input.surrogate"]
    assert out["errors"][0]["message"].startswith("--name不是有效的文本")
    code, out = run(capsys, *db_args, "--lang", "en", "search", "--name", "x" * 100_000)
    assert code == 2 and _codes(out) == ["input.too_long"]
    assert out["errors"][0]["message"] == f"--name is too long: 100000 characters, at most {MAX_ARGUMENT}"
    code, out = run(capsys, *db_args, "right", "show", "9" * 5000)
    assert code == 2 and out["errors"][0]["message"].startswith("第 7 个参数过长")


def test_an_output_path_that_cannot_be_written_is_refused_before_anything_is_issued(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path
) -> None:
    _seed_world(capsys, db_args, tmp_path)
    folder = tmp_path / "out"
    folder.mkdir()
    code, out = run(capsys, *db_args, "search", "--certificate", str(folder))
    assert code == 2 and _codes(out) == ["file.unusable"] and "文件夹" in out["errors"][0]["message"]
    assert _count(db_args, "notices") == 0  # no certificate numbered, signed and logged for nothing
    not_a_folder = tmp_path / "application.json"
    not_a_folder.write_text("{}")
    for args in (["search", "--export", str(folder)],
                 ["gazette", "--from", "2026-01-01", "--to", "2026-12-31", "--out", str(folder)],
                 ["gazette", "--from", "2026-01-01", "--to", "2026-12-31", "--out", str(not_a_folder / "g.csv")],
                 ["key", "export", str(folder)]):
        code, out = run(capsys, *db_args, "--lang", "en", *args)
        assert code == 2 and _codes(out) == ["file.unusable"], args
        assert "folder" in out["errors"][0]["message"]
    code, out = run(capsys, *db_args, "--lang", "en", "gazette", "--from", "2026-01-01", "--to", "2026-12-31",
                    "--out", "/dev/null")
    assert code == 2 and "not a regular file" in out["errors"][0]["message"] and Path("/dev/null").is_char_device()


def test_a_failed_write_is_bad_input_not_a_crash(capsys: pytest.CaptureFixture[str], db_args: list[str],
                                                 monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import ipdesk.domain.shared.files as files_mod  # where the exports' atomic writes are done

    def full_disk(*_a, **_kw):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device", str(tmp_path / "g.csv"))

    monkeypatch.setattr(files_mod.tempfile, "mkstemp", full_disk)
    code, out = run(capsys, *db_args, "gazette", "--from", "2026-01-01", "--to", "2026-12-31",
                    "--out", str(tmp_path / "g.csv"))
    assert code == 2 and _codes(out) == ["file.unusable"] and "磁盘空间不足" in out["errors"][0]["message"]


@pytest.mark.parametrize("url", ["nonsense", "mysql://root:secret@db/ipdesk", "postgresql://u:secret@[::1/x"])
def test_a_malformed_database_url_is_bad_input(capsys: pytest.CaptureFixture[str], url: str) -> None:
    code, out = run(capsys, "--database", url, "search")
    assert code == 2 and _codes(out) == ["db.bad_url"]
    assert "secret" not in json.dumps(out)  # a password in the URL is never echoed
    code, out = run(capsys, "--database", url, "db", "current")
    assert code == 2 and _codes(out) == ["db.bad_url"]


def test_an_unreachable_database_server_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql://ipdesk:secret@127.0.0.1:1/ipdesk"  # nothing listens on port 1
    for args in (["search"], ["db", "upgrade"], ["audit", "verify"]):
        code, out = run(capsys, "--lang", "en", "--database", url, *args)
        assert code == 2 and _codes(out) == ["db.unreachable"], args
        assert out["errors"][0]["message"].startswith("cannot connect to the database PostgreSQL 127.0.0.1:1/ipdesk")
        assert "secret" not in json.dumps(out)


def test_a_mistyped_sqlite_path_is_not_a_new_empty_register(capsys: pytest.CaptureFixture[str],
                                                             tmp_path: Path) -> None:
    typo = tmp_path / "typo" / "ipdsk.sqlite3"
    data = tmp_path / "new-data"
    for args in (["search"], ["audit", "verify"], ["demo-data", "--rights", "5"], ["db", "current"],
                 ["db", "backup"], ["db", "upgrade"], ["user", "list"]):
        code, out = run(capsys, "--data-dir", str(data), "--database", f"sqlite:///{typo}", *args)
        assert code == 2 and _codes(out) == ["db.missing"], args
        assert str(typo) in out["errors"][0]["message"] and "db upgrade --create" in out["errors"][0]["message"]
    code, out = run(capsys, "--data-dir", str(data), "--lang", "en", "search")  # the default path, too
    assert code == 2 and out["errors"][0]["message"].startswith(f"there is no database at {data / 'ipdesk.sqlite3'}")
    assert not typo.parent.exists() and not data.exists()  # nothing made, not even the folders
    code, out = run(capsys, "--data-dir", str(data), "--database", f"sqlite:///{typo}", "db", "upgrade", "--create")
    assert code == 0 and out["from"] is None and typo.exists()
    code, out = run(capsys, "--data-dir", str(data), "--database", f"sqlite:///{typo}", "audit", "verify")
    assert code == 0 and out["ok"]


def test_a_file_that_is_not_a_database_is_bad_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a register\n" * 200)
    code, out = run(capsys, "--lang", "en", "--data-dir", str(tmp_path), "--database", f"sqlite:///{notes}", "search")
    assert code == 2 and _codes(out) == ["db.unreachable"] and "not a database" in out["errors"][0]["message"]
    assert notes.read_text() == "not a register\n" * 200  # left as it was
