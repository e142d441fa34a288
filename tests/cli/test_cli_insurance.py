"""``ipdesk insurance add|show|claim|…`` on a real SQLite file: the forms of issue 10, JSON out, exit codes,
the subsidy exact to the fen, a claim over the limit left refused (exit 2), another insurer's policy not
found for an insurer officer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipdesk.cli.main import main
from ipdesk.config import AppConfig
from ipdesk.services.workstation import open_workstation
from tests.cli.conftest import new_database
from tests.helpers.clock import fixed_clock
from tests.helpers.factories import ADMIN, make_uscc, pledge_world

NOW = ["--now", "2026-12-01T02:00:00Z"]


@pytest.fixture
def cli(tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.delenv("IPDESK_USER", raising=False)
    monkeypatch.delenv("IPDESK_PASSWORD", raising=False)
    database = new_database(sqlite_template, tmp_path / "cli.sqlite3")
    config = AppConfig(data_dir=tmp_path / "data", database_url=f"sqlite:///{database}")
    ws = open_workstation(config, ADMIN, clock=fixed_clock())
    world = pledge_world(ws)
    insurers = [ws.parties.create(ADMIN, {"kind": "insurer", "name": name, "uscc": make_uscc(serial)})
                for name, serial in (("中国人民财产保险股份有限公司镇江市分公司", 800),
                                     ("中国平安财产保险股份有限公司江苏分公司", 801))]
    ws.close()
    base = ["--data-dir", str(config.data_dir), "--database", config.database_url, *NOW]

    def run(*args: str) -> tuple[int, dict]:
        code = main([*base, *args])
        return code, json.loads(capsys.readouterr().out)

    run.world, run.insurers = world, insurers  # type: ignore[attr-defined]
    return run


def add_args(cli, *extra: str) -> list[str]:
    return ["insurance", "add", "--product", "enforcement", "--insurer", cli.insurers[0].uscc,
            "--insured", cli.world["firm"].uscc, "--rights", cli.world["right"].display_number,
            "--limit", "500000", "--premium", "25000", "--from", "2026-11-01", "--to", "2027-10-31", *extra]


def test_add_show_and_claim_in_the_issues_forms(cli) -> None:
    code, policy = cli(*add_args(cli, "--subsidy-class", "sme"))
    assert code == 0
    assert {k: policy[k] for k in ("policy_no", "premium", "subsidy", "insured_pays", "subsidy_rate")} == {
        "policy_no": "BX2026000001", "premium": "25000.00", "subsidy": "25000.00", "insured_pays": "0.00",
        "subsidy_rate": "100"}
    code, second = cli(*add_args(cli, "--subsidy-class", "champion", "--premium", "12345.67", "--deductible", "500"))
    assert code == 0 and (second["subsidy"], second["insured_pays"]) == ("9876.54", "2469.13")
    code, shown = cli("insurance", "show", "BX2026000001")
    assert code == 0 and shown["rights"] == [cli.world["right"].display_number] and shown["status"] == "active"
    code, claim = cli("insurance", "claim", "BX2026000002", "--amount", "100000", "--on", "2026-11-30",
                      "--case", "（2026）苏11民初123号")
    assert code == 0 and claim["claim_no"] == "BX2026000002-01" and claim["remaining_limit"] == "400000.00"
    assert cli("insurance", "check-claim", "BX2026000002-01")[0] == 0
    code, approved = cli("insurance", "approve-claim", "BX2026000002-01", "--assessed", "80000")
    assert code == 0 and approved["approved"] == "79500.00"
    code, paid = cli("insurance", "pay-claim", "BX2026000002-01")
    assert code == 0 and paid["status"] == "paid" and paid["paid"] == "79500.00"
    code, subsidies = cli("insurance", "subsidies", "--year", "2026")
    assert subsidies["holders"][0]["subsidy"] == "34876.54"


def test_bad_input_exits_2_and_a_rule_exits_1(cli) -> None:
    code, out = cli(*add_args(cli, "--premium", "-1"))
    assert code == 2 and out["errors"][0]["code"] == "insurance.amount_negative"
    code, out = cli(*add_args(cli, "--from", "2027-11-01"))
    assert code == 2 and out["errors"][0]["code"] == "insurance.dates_order"
    code, out = cli(*add_args(cli, "--subsidy-class", "sme", "--subsidy", "25000.01"))
    assert code == 2 and out["errors"][0]["code"] == "insurance.subsidy_over_premium"
    code, out = cli(*add_args(cli, "--from", "2035-01-01", "--to", "2035-12-31"))
    assert code == 1 and out["errors"][0]["code"] == "insurance.ineligible.years_left"
    assert cli(*add_args(cli))[0] == 0
    code, out = cli("insurance", "claim", "BX2026000001", "--amount", "500000.01", "--case", "x")
    assert code == 2 and out["errors"][0]["code"] == "insurance.claim_over_limit"
    code, out = cli("insurance", "claims")
    assert out == {"claims": []}
