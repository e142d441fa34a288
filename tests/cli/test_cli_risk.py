"""``ipdesk risk scan [--as-of]`` and ``ipdesk risk ack`` on a real SQLite file: the issue's JSON, a halt on
the pledge's loan, bad input exit 2."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ipdesk.cli.main import main
from ipdesk.config import AppConfig
from ipdesk.services.workstation import open_workstation
from tests.cli.conftest import new_database
from tests.helpers.clock import fixed_clock
from tests.helpers.factories import ADMIN, application_data, pledge_world

NOW = ["--now", "2026-12-01T02:00:00Z"]


@pytest.fixture
def cli(tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.delenv("IPDESK_USER", raising=False)
    database = new_database(sqlite_template, tmp_path / "cli.sqlite3")
    config = AppConfig(data_dir=tmp_path / "data", database_url=f"sqlite:///{database}")
    ws = open_workstation(config, ADMIN, clock=fixed_clock())
    world = pledge_world(ws)
    pledge = ws.pledges.file_and_register(ADMIN, application_data(world), on=date(2026, 11, 20))
    ws.loans.add(ADMIN, {"lender": world["bank"].uscc, "borrower": world["firm"].uscc,
                         "pledge": pledge.registration_no, "principal": "1200000.00", "rate": "6",
                         "start": "2026-09-01", "maturity": "2027-09-01", "schedule": "equal_principal"})
    ws.close()
    base = ["--data-dir", str(config.data_dir), "--database", config.database_url, *NOW]

    def run(*args: str) -> tuple[int, dict]:
        code = main([*base, *args])
        return code, json.loads(capsys.readouterr().out)

    run.pledge, run.world = pledge, world  # type: ignore[attr-defined]
    return run


def test_scan_then_halt(cli) -> None:
    code, out = cli("risk", "scan")
    assert code == 0 and out["as_of"] == "2026-12-01"
    [signal] = out["signals"]
    assert {k: signal[k] for k in ("rule", "severity", "pledge", "right", "since")} == {
        "rule": "repayment_overdue", "severity": "critical", "pledge": cli.pledge.registration_no, "right": None,
        "since": "2026-12-01"}
    assert signal["detail"] == {"loan": "L2026000001", "overdue_days": 61}
    code, done = cli("risk", "ack", str(signal["id"]), "--action", "halt", "--text", "叫停")
    assert code == 0 and done["signal"]["actions"][0]["loans"] == ["L2026000001"]
    code, shown = cli("loan", "show", "L2026000001")
    assert shown["halted"] is True
    code, earlier = cli("risk", "scan", "--as-of", "2026-09-15")
    assert code == 0 and earlier["signals"] == []  # nothing was overdue then: the signal is cleared


def test_bad_input(cli) -> None:
    code, out = cli("risk", "ack", "999", "--action", "note", "--text", "x")
    assert code == 2 and out["errors"][0]["code"] == "not_found"
    code, out = cli("risk", "scan", "--as-of", "2026-13-01")
    assert code == 2
