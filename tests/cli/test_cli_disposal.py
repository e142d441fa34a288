"""``ipdesk disposal open|show|list|advance|reverse`` and ``ipdesk settle <case-no>`` on a real SQLite file:
a defaulted pledge to a closed case, exit codes, a second settlement refused, another agency's case not found."""

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


@pytest.fixture
def cli(tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """A registered pledge whose loan is in default, and a buyer; ``run`` calls ``ipdesk`` on it."""
    monkeypatch.delenv("IPDESK_USER", raising=False)
    monkeypatch.delenv("IPDESK_PASSWORD", raising=False)
    database = new_database(sqlite_template, tmp_path / "cli.sqlite3")
    config = AppConfig(data_dir=tmp_path / "data", database_url=f"sqlite:///{database}")
    ws = open_workstation(config, ADMIN, clock=fixed_clock())
    world = pledge_world(ws)
    pledge = ws.pledges.file_and_register(ADMIN, application_data(world), on=date(2026, 11, 20))
    buyer = ws.parties.create(ADMIN, {"kind": "enterprise", "name": "常州智造装备有限公司", "uscc": make_uscc(702)})
    loan = ws.loans.add(ADMIN, {"lender": world["bank"].uscc, "borrower": world["firm"].uscc,
                                "pledge": pledge.registration_no, "principal": "1200000", "rate": "6",
                                "start": "2026-09-01", "maturity": "2027-09-01", "schedule": "equal_principal"}).value
    ws.loans.declare_default(ADMIN, loan.id, "逾期")
    ws.close()
    base = ["--data-dir", str(config.data_dir), "--database", config.database_url, *NOW]

    def run(*args: str) -> tuple[int, dict]:
        code = main([*base, *args])
        return code, json.loads(capsys.readouterr().out)

    run.pledge = pledge  # type: ignore[attr-defined]
    run.buyer = buyer  # type: ignore[attr-defined]
    run.right = world["right"]  # type: ignore[attr-defined]
    return run


def test_a_case_from_open_to_closed(cli) -> None:
    code, out = cli("disposal", "open", cli.pledge.registration_no, "--responsible", "wang")
    assert code == 0 and out["case"]["case_no"] == "CZ202600001" and out["case"]["stage"] == "default_notice"
    assert out["case"]["stage_due_on"] == "2026-12-08"
    code, out = cli("disposal", "advance", "CZ202600001", "--document", "default_notice=TZ-1")
    assert code == 2 and out["errors"][0]["code"] == "disposal.missing_documents"
    steps = [
        ["--document", "default_notice=TZ-1", "--document", "service_proof=SD-1"],
        ["--document", "valuation_report", "--market-value", "900000", "--forced-value", "630000"],
        ["--document", "disposal_plan", "--route", "negotiated"],
        ["--document", "deal_contract", "--buyer", cli.buyer.uscc, "--price", "800000"],
    ]
    for step in steps:
        code, out = cli("disposal", "advance", "CZ202600001", *step)
        assert code == 0, out
    assert out["case"]["stage"] == "settlement" and out["case"]["price"] == "800000.00"
    code, settled = cli("settle", "CZ202600001", "--costs", "10000")
    assert code == 0 and settled["case_no"] == "CZ202600001"
    assert settled["waterfall"]["costs"] == "10000.00" and settled["loss_sharing"] is None
    code, again = cli("settle", "CZ202600001")
    assert code == 1 and again["errors"][0]["code"] == "disposal.already_settled"
    for step in ([], ["--document", "pledgee_consent", "--document", "transfer_application"],
                 ["--document", "cancellation_application"]):
        code, out = cli("disposal", "advance", "CZ202600001", *step)
        assert code == 0, out
    code, shown = cli("disposal", "show", "CZ202600001")
    assert shown["stage"] == "closed" and shown["pledge"]["status"] == "cancelled"
    assert shown["settlement"]["waterfall"] == settled["waterfall"]
    assert [s["kind"] for s in shown["timeline"]] == ["open"] + ["advance"] * 7
    code, listed = cli("disposal", "list", "--stage", "closed")
    assert [c["case_no"] for c in listed["cases"]] == ["CZ202600001"]


def test_reverse_and_not_found(cli) -> None:
    cli("disposal", "open", cli.pledge.registration_no)
    cli("disposal", "advance", "CZ202600001", "--document", "default_notice", "--document", "service_proof")
    code, out = cli("disposal", "reverse", "CZ202600001", "--reason", "通知送达地址有误")
    assert code == 0 and out["case"]["stage"] == "default_notice"
    assert out["case"]["timeline"][-1]["reason"] == "通知送达地址有误"
    code, out = cli("disposal", "show", "CZ209900001")
    assert code == 2 and out["errors"][0]["code"] == "not_found"


def test_a_fund_shares_the_loss_and_the_statement_prints(cli, tmp_path: Path) -> None:
    code, out = cli("fund", "add", "科技之星资金池", "--scheme", "kejizhixing")
    assert code == 0 and out["fund"]["balance"] == "0.00"
    code, out = cli("fund", "contribute", "科技之星资金池", "--amount", "50000000", "--party", "江苏省财政厅")
    assert code == 0 and out["fund"]["balance"] == "50000000.00"
    cli("disposal", "open", cli.pledge.registration_no, "--fund", "科技之星资金池")
    for step in (["--document", "default_notice", "--document", "service_proof"],
                 ["--document", "valuation_report", "--market-value", "900000", "--forced-value", "630000"],
                 ["--document", "disposal_plan", "--route", "set_off"],
                 ["--document", "deal_contract", "--price", "900000"]):
        code, out = cli("disposal", "advance", "CZ202600001", *step)
        assert code == 0, out
    code, settled = cli("settle", "CZ202600001")
    pool = settled["loss_sharing"]["pool_paid"]
    assert code == 0 and pool == settled["loss_sharing"]["shares"]["finance"]
    code, shown = cli("fund", "show", "科技之星资金池")
    assert [e["kind"] for e in shown["entries"]] == ["contribution", "compensation"]
    assert shown["compensated"] == pool
    code, out = cli("disposal", "recover", "CZ202600001", "--amount", "10000")
    assert code == 0 and out["case"]["timeline"][-1]["kind"] == "recovery"
    code, out = cli("disposal", "print", "CZ202600001", "--document", "settlement_statement",
                    "--out", str(tmp_path / "qs.pdf"))
    assert code == 0 and (tmp_path / "qs.pdf").read_bytes().startswith(b"%PDF")
    code, verified = cli("verify", str(tmp_path / "qs.pdf"))
    assert verified["status"] == "genuine", verified
