"""``ipdesk match …`` on a real SQLite file: an event, its lines and totals, a line converted into a pledge
application, and the exit codes of bad input (2) and refusals (1) with nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipdesk.cli.main import main
from ipdesk.config import AppConfig
from ipdesk.services.workstation import open_workstation
from tests.cli.conftest import new_database
from tests.helpers.clock import fixed_clock
from tests.helpers.factories import ADMIN, add_party, pledge_world

NOW = ["--now", "2026-12-01T02:00:00Z"]


@pytest.fixture
def cli(tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.delenv("IPDESK_USER", raising=False)
    database = new_database(sqlite_template, tmp_path / "cli.sqlite3")
    config = AppConfig(data_dir=tmp_path / "data", database_url=f"sqlite:///{database}")
    ws = open_workstation(config, ADMIN, clock=fixed_clock())
    world = pledge_world(ws)
    world["other"] = add_party(ws, "镇江天工精密机械有限公司", 31)
    ws.close()
    base = ["--data-dir", str(config.data_dir), "--database", config.database_url]

    def run(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
        code = main([*base, *NOW, *args])
        return code, json.loads(capsys.readouterr().out)

    run.world = world  # type: ignore[attr-defined]
    return run


def test_event_lines_and_conversion(cli) -> None:  # type: ignore[no-untyped-def]
    firm, bank, right, other = (cli.world[k] for k in ("firm", "bank", "right", "other"))
    code, out = cli("match", "event", "add", "--name", "镇江市银企专利质押对接会", "--date", "2026-11-19",
                    "--organiser", "镇江市人民政府", "--region", "江苏省镇江市")
    assert code == 0 and out["event"]["event"] == "YQ2026000001" and out["event"]["totals"]["amount"] == "0.00"
    event = out["event"]["event"]
    code, out = cli("match", "line", "add", event, "--firm", firm.uscc, "--bank", bank.name, "--amount", "5000000",
                    "--term", "12", "--rights", right.display_number)
    assert code == 0 and out["line"]["line"] == "YQ2026000001-01" and out["line"]["status"] == "intended"
    code, out = cli("match", "line", "add", event, "--firm", "不存在的公司", "--bank", bank.uscc, "--amount", "1",
                    "--term", "12", "--rights", right.display_number)
    assert code == 2 and "不存在的公司" in json.dumps(out, ensure_ascii=False)
    code, out = cli("match", "line", "add", event, "--firm", firm.uscc, "--bank", bank.uscc, "--amount", "1.001",
                    "--term", "12", "--rights", right.display_number)
    assert code == 2
    code, out = cli("match", "line", "add", event, "--firm", other.uscc, "--bank", bank.uscc, "--amount", "1",
                    "--term", "12", "--rights", right.display_number)
    assert code == 1  # not its patent
    code, out = cli("match", "event", "show", event)
    assert code == 0 and len(out["lines"]) == 1
    assert out["totals"] == {"firms": 1, "patents": 1, "banks": 1, "lines": 1, "amount": "5000000.00",
                             "converted_amount": "0.00"}
    code, out = cli("match", "line", "convert", "YQ2026000001-01")
    assert code == 0 and out["line"]["status"] == "converted"
    assert out["pledge"]["application_no"] and out["line"]["application_no"] == out["pledge"]["application_no"]
    code, shown = cli("pledge", "show", out["pledge"]["application_no"])
    assert code == 0 and "5000000" in json.dumps(shown)
    code, again = cli("match", "line", "convert", str(out["line"]["id"]))
    assert code == 1  # converting twice
    code, out = cli("match", "event", "list")
    assert code == 0 and [e["event"] for e in out["events"]] == [event] and "lines" not in out["events"][0]
    assert out["events"][0]["totals"]["converted_amount"] == "5000000.00"


def test_withdraw(cli) -> None:  # type: ignore[no-untyped-def]
    firm, bank, right = (cli.world[k] for k in ("firm", "bank", "right"))
    cli("match", "event", "add", "--name", "对接会", "--date", "2026-11-19")
    cli("match", "line", "add", "YQ2026000001", "--firm", firm.uscc, "--bank", bank.uscc, "--amount", "100",
        "--term", "6", "--rights", right.display_number, "--status", "approved")
    code, out = cli("match", "line", "withdraw", "YQ2026000001-01")
    assert code == 0 and out["line"]["status"] == "withdrawn" and out["line"]["decided_on"] == "2026-12-01"
    code, out = cli("match", "line", "convert", "YQ2026000001-01")
    assert code == 1
    code, out = cli("match", "event", "show", "#1")
    assert out["totals"]["amount"] == "0.00"
