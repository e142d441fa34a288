"""``ipdesk loan add|show|list|draw|repay|compensate|halt|resume|default`` on a real SQLite file: JSON out,
exit codes, the cancellation offered on full repayment, and another agency's loan not found."""

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
from tests.helpers.factories import ADMIN, application_data, make_uscc, pledge_world

NOW = ["--now", "2026-12-01T02:00:00Z"]
BOSS_PW, AGENCY_PW = "chief-secret-2026", "agency-secret-2026"


@pytest.fixture
def cli(tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """A database with a borrower, its bank, a registered pledge and two guarantee agencies; ``run`` calls
    ``ipdesk`` on it and returns the exit code and the JSON printed."""
    monkeypatch.delenv("IPDESK_USER", raising=False)
    monkeypatch.delenv("IPDESK_PASSWORD", raising=False)
    database = new_database(sqlite_template, tmp_path / "cli.sqlite3")
    config = AppConfig(data_dir=tmp_path / "data", database_url=f"sqlite:///{database}")
    ws = open_workstation(config, ADMIN, clock=fixed_clock())
    world = pledge_world(ws)
    pledge = ws.pledges.file_and_register(ADMIN, application_data(world), on=date(2026, 11, 20))
    agencies = [ws.parties.create(ADMIN, {"kind": "guarantee", "name": name, "uscc": make_uscc(serial)})
                for name, serial in (("镇江市科技融资担保有限公司", 700), ("江苏省信用再担保集团有限公司", 701))]
    ws.close()
    base = ["--data-dir", str(config.data_dir), "--database", config.database_url, *NOW]

    def run(*args: str, user: str | None = None, password: str | None = None) -> tuple[int, dict]:
        if password is not None:
            monkeypatch.setenv("IPDESK_PASSWORD", password)
        code = main([*base, *(["--user", user] if user else []), *args])
        return code, json.loads(capsys.readouterr().out)

    run.world = world  # type: ignore[attr-defined]
    run.pledge = pledge  # type: ignore[attr-defined]
    run.agencies = agencies  # type: ignore[attr-defined]
    return run


def add_args(cli) -> list[str]:
    return ["loan", "add", "--lender", cli.world["bank"].uscc, "--borrower", cli.world["firm"].uscc,
            "--principal", "1200000", "--rate", "6", "--start", "2026-09-01", "--maturity", "2027-09-01",
            "--schedule", "equal_principal", "--pledge", cli.pledge.registration_no]


def test_add_show_repay_in_full_offers_the_cancellation(cli) -> None:
    code, out = cli(*add_args(cli))
    assert code == 0 and out["loan"]["loan_no"] == "L2026000001"
    code, shown = cli("loan", "show", "L2026000001")
    assert code == 0 and shown["overdue_days"] == 61 and shown["classification"] == "special_mention"
    assert shown["instalments"][0] == {"seq": 1, "due": "2026-10-01", "principal": "100000.00", "interest": "6000.00",
                                       "penalty": "1616.50", "paid_principal": "0.00", "paid_interest": "0.00",
                                       "paid_penalty": "0.00", "outstanding": "107616.50"}
    code, out = cli("loan", "repay", "L2026000001", "--amount", "318907.75")
    assert code == 0 and out["allocation"][0] == {"instalment": 1, "component": "penalty", "amount": "1616.50"}
    assert out["offer_cancellation"] is None and out["loan"]["overdue_days"] == 0
    code, out = cli("loan", "repay", "L2026000001", "--amount", "900000")
    assert code == 0 and out["loan"]["status"] == "closed"
    number = cli.pledge.registration_no
    assert out["offer_cancellation"] == {"pledge": number, "trigger": "repaid",
                                         "command": f"ipdesk pledge cancel {number} --trigger repaid"}
    code, out = cli("loan", "repay", "L2026000001", "--amount", "1")
    assert code == 1 and out["errors"][0]["code"] == "loans.closed"
    code, out = cli("loan", "show", "L2026000001", "--as-of", "2026-10-15")
    assert code == 0 and out["overdue_days"] == 14 and out["status"] == "overdue"


def test_draw_halt_default_compensate(cli) -> None:
    cli(*add_args(cli))
    assert cli("loan", "draw", "#1", "--amount", "600000", "--on", "2026-09-01")[0] == 0
    code, out = cli("loan", "halt", "#1", "--reason", "年费未缴", "--on", "2026-09-02")
    assert code == 0 and out["loan"]["halted"] is True
    code, out = cli("loan", "draw", "#1", "--amount", "1", "--on", "2026-09-03")
    assert code == 1 and out["errors"][0]["code"] == "loans.halted"
    assert cli("loan", "resume", "#1", "--on", "2026-09-03")[0] == 0
    code, out = cli("loan", "compensate", "#1", "--amount", "100000", "--agency", cli.agencies[0].uscc)
    assert code == 0 and out["loan"]["compensations"][0]["amount"] == "100000.00"
    code, out = cli("loan", "default", "#1", "--reason", "停产")
    assert code == 0 and out["loan"]["status"] == "defaulted" and out["loan"]["default_kind"] == "manual"
    code, out = cli("loan", "list", "--overdue")
    assert code == 0 and [x["loan_no"] for x in out["loans"]] == ["L2026000001"]
    code, out = cli("loan", "draw", "#1", "--amount", "abc")
    assert code == 2 and out["errors"][0]["code"] == "bad_decimal"
    code, out = cli("loan", "show", "L2099999999")
    assert code == 2 and out["errors"][0]["code"] == "not_found"


def test_bad_input_writes_nothing(cli) -> None:
    args = add_args(cli)
    args[args.index("--rate") + 1] = "99"
    code, out = cli(*args)
    assert code == 2 and out["errors"][0]["code"] == "loans.rate"
    assert cli("loan", "list")[1] == {"loans": []}


def test_another_agencys_loan_is_not_found(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    def add_user(*args: str, pw: str, user: str | None = None) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO(pw + "\n"))
        code, out = cli("user", "add", *args, "--password-stdin", user=user, password=BOSS_PW)
        assert code == 0, out

    add_user("boss", "--role", "admin", pw=BOSS_PW)
    for name, agency in (("chuzhi", cli.agencies[0]), ("qita", cli.agencies[1])):
        add_user(name, "--role", "agency", "--party", f"{agency.id}", pw=AGENCY_PW, user="boss")
        monkeypatch.setattr("sys.stdin", io.StringIO(AGENCY_PW + "\n"))
        assert cli("user", "passwd", name, "--password-stdin", user=name, password=AGENCY_PW)[0] == 0
    code, out = cli(*add_args(cli), user="chuzhi", password=AGENCY_PW)
    assert code == 0 and out["loan"]["owner_party_id"] == cli.agencies[0].id
    code, out = cli("loan", "show", "L2026000001", user="qita", password=AGENCY_PW)
    assert code == 2 and out["errors"][0]["code"] == "not_found"
    code, out = cli("loan", "repay", "#1", "--amount", "1", user="qita", password=AGENCY_PW)
    assert code == 2 and out["errors"][0]["code"] == "not_found"
    assert cli("loan", "show", "#1", user="chuzhi", password=AGENCY_PW)[0] == 0
