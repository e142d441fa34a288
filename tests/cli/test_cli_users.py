"""Sign-in on the command line: bootstrap, --user / IPDESK_USER once users exist, exit 4, the user commands,
and no password text in the database file, the logs or the output."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest

from ipdesk.cli.commands import users as user_commands
from ipdesk.cli.main import main
from tests.cli.conftest import new_database

pytestmark = pytest.mark.real_sign_in

BOSS_PW = "chief-secret-2026"
CLERK_PW = "desk-secret-2026"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sqlite_template: Path):
    """Run ``ipdesk`` on one SQLite file; ``stdin`` feeds --password-stdin, ``password`` sets IPDESK_PASSWORD."""
    new_database(sqlite_template, tmp_path / "cli.sqlite3")
    monkeypatch.delenv("IPDESK_USER", raising=False)
    monkeypatch.delenv("IPDESK_PASSWORD", raising=False)
    base = ["--data-dir", str(tmp_path / "data"), "--database", f"sqlite:///{tmp_path / 'cli.sqlite3'}"]

    def run(*args: str, stdin: str = "", password: str | None = None) -> tuple[int, dict]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        if password is None:
            monkeypatch.delenv("IPDESK_PASSWORD", raising=False)
        else:
            monkeypatch.setenv("IPDESK_PASSWORD", password)
        code = main([*base, *args])
        return code, json.loads(capsys.readouterr().out)

    return run


def bootstrap(cli) -> None:
    code, out = cli("user", "add", "boss", "--role", "admin", "--password-stdin", stdin=BOSS_PW + "\n")
    assert code == 0 and out["user"]["role"] == "admin"


def test_without_users_only_the_bootstrap_runs_then_everyone_signs_in(cli) -> None:
    code, out = cli("audit", "verify")
    assert code == 4 and out["errors"][0]["code"] == "signin.no_users"
    assert "ipdesk user add" in out["errors"][0]["message"]
    code, out = cli("user", "add", "wangli", "--role", "clerk", "--password-stdin", stdin=CLERK_PW + "\n")
    assert code == 1 and out["errors"][0]["code"] == "users.first_admin"
    bootstrap(cli)
    code, out = cli("audit", "verify")
    assert code == 4 and out["errors"][0]["code"] == "signin.required"
    code, out = cli("db", "current")
    assert code == 4 and out["errors"][0]["code"] == "signin.required"
    assert cli("--user", "boss", "db", "current", password=BOSS_PW)[0] == 0
    assert cli("number", "check", "ZL 201710601862.3")[0] == 0  # no database: nobody to sign in


def test_user_and_password_from_options_environment_or_prompt(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    bootstrap(cli)
    code, out = cli("--user", "boss", "audit", "verify", password="not the password")
    assert code == 4 and out["errors"][0]["code"] == "signin.failed"
    assert cli("--user", "boss", "audit", "verify", password=BOSS_PW)[0] == 0
    monkeypatch.setenv("IPDESK_USER", "boss")
    assert cli("audit", "verify", password=BOSS_PW)[0] == 0
    prompts: list[str] = []
    monkeypatch.setattr(user_commands.getpass, "getpass", lambda prompt: prompts.append(prompt) or BOSS_PW)
    assert cli("audit", "verify")[0] == 0 and prompts and "boss" in prompts[0]


def test_user_commands_permissions_lock_and_unlock(cli) -> None:
    bootstrap(cli)
    code, out = cli("--user", "boss", "user", "add", "wangli", "--role", "clerk", "--password-stdin",
                    stdin=CLERK_PW + "\n", password=BOSS_PW)
    assert code == 0 and out["user"]["must_change_password"] is True
    # The password the administrator chose opens one door only: choosing one's own.
    code, out = cli("--user", "wangli", "audit", "verify", password=CLERK_PW)
    assert code == 4 and out["errors"][0]["code"] == "signin.must_change"
    code, out = cli("--user", "wangli", "user", "passwd", "boss", "--password-stdin",
                    stdin="a-brand-new-one\n", password=CLERK_PW)
    assert code == 4 and out["errors"][0]["code"] == "signin.must_change"
    code, out = cli("--user", "wangli", "user", "passwd", "wangli", "--password-stdin",
                    stdin="a-brand-new-one\n", password=CLERK_PW)
    assert code == 0 and out["user"]["must_change_password"] is False
    code, out = cli("--user", "wangli", "user", "list", password="a-brand-new-one")
    assert code == 1 and out["errors"][0]["code"] == "permission"
    assert "clerk" in out["errors"][0]["message"] and "administer" in out["errors"][0]["message"]
    for _ in range(5):
        assert cli("--user", "wangli", "audit", "verify", password=CLERK_PW)[0] == 4
    code, out = cli("--user", "wangli", "audit", "verify", password="a-brand-new-one")
    assert code == 4 and out["errors"][0]["code"] == "signin.locked"
    code, out = cli("--user", "boss", "user", "list", password=BOSS_PW)
    assert code == 0 and {u["name"]: u["locked"] for u in out["users"]} == {"boss": False, "wangli": True}
    assert cli("--user", "boss", "user", "unlock", "wangli", password=BOSS_PW)[0] == 0
    assert cli("--user", "wangli", "audit", "verify", password="a-brand-new-one")[0] == 0
    code, out = cli("--user", "boss", "user", "lock", "boss", password=BOSS_PW)
    assert code == 1 and out["errors"][0]["code"] == "users.last_admin"
    code, out = cli("--user", "boss", "user", "add", "o'brien", "--role", "clerk", "--password-stdin",
                    stdin=CLERK_PW + "\n", password=BOSS_PW)
    assert code == 2 and out["errors"][0]["code"] == "users.name_invalid"


def test_no_password_text_in_the_database_file_or_the_logs(cli, tmp_path: Path,
                                                            caplog: pytest.LogCaptureFixture,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    caplog.set_level(logging.DEBUG)
    bootstrap(cli)
    cli("--user", "boss", "user", "add", "wangli", "--role", "clerk", "--password-stdin",
        stdin=CLERK_PW + "\n", password=BOSS_PW)
    for password in (CLERK_PW, "wrong-guess-123", CLERK_PW):
        cli("--user", "wangli", "audit", "verify", password=password)
    cli("--user", "boss", "user", "list", password=BOSS_PW)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == "cli.sqlite3" for p in files)
    for secret in (BOSS_PW, CLERK_PW, "wrong-guess-123"):
        for path in files:  # the database, its WAL and shared memory, backups, logs, keys
            assert secret.encode() not in path.read_bytes(), f"{secret} in {path.name}"
        assert secret not in caplog.text
        assert secret not in capsys.readouterr().err


def test_the_administrator_is_refused_a_decision_naming_role_and_action(cli) -> None:
    """Registering and deciding is a separate duty (issue 11): exit 1, before any lookup."""
    bootstrap(cli)
    code, out = cli("--user", "boss", "decision", "confirm", "1", password=BOSS_PW)
    assert code == 1 and out["errors"][0]["code"] == "permission"
    assert "admin" in out["errors"][0]["message"] and "confirm_decision" in out["errors"][0]["message"]
