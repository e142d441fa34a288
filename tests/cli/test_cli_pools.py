"""``ipdesk market pool …`` on a real SQLite file: a pool set up with its trust plan, members joining,
leaving and rejoining, licence income distributed to the fen by the key in force, a key off 100 % refused
with nothing written, the trust plan changed, and the pool's patents filed as one pledge application."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipdesk.cli.main import main
from ipdesk.config import AppConfig
from ipdesk.services.workstation import open_workstation
from tests.cli.conftest import new_database
from tests.helpers.clock import fixed_clock
from tests.helpers.factories import ADMIN, FULL_CLAUSES, FULL_DOCS, add_party, invention_data, make_uscc, pledge_world

NOW = ["--now", "2026-12-01T02:00:00Z"]
SECOND = "ZL 201810123456.5"


@pytest.fixture
def cli(tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.delenv("IPDESK_USER", raising=False)
    database = new_database(sqlite_template, tmp_path / "cli.sqlite3")
    config = AppConfig(data_dir=tmp_path / "data", database_url=f"sqlite:///{database}")
    ws = open_workstation(config, ADMIN, clock=fixed_clock())
    world = pledge_world(ws)
    other = add_party(ws, "常州天宇热管理有限公司", 60)
    ws.rights.create(ADMIN, invention_data([other.id], SECOND, title="一种均温板"))
    trustee = ws.parties.create(ADMIN, {"kind": "institution", "name": "中航信托股份有限公司", "uscc": make_uscc(61)})
    ws.close()
    base = ["--data-dir", str(config.data_dir), "--database", config.database_url]

    def run(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
        code = main([*base, *NOW, *args])
        return code, json.loads(capsys.readouterr().out)

    run.firm, run.other, run.trustee, run.right = world["firm"], other, trustee, world["right"]  # type: ignore[attr-defined]
    return run


def test_a_pool_from_set_up_to_distribution(cli) -> None:  # type: ignore[no-untyped-def]
    firm, other, right = cli.firm, cli.other, cli.right.display_number
    code, out = cli("market", "pool", "add", "--name", "镇江热管理专利池", "--trustee", cli.trustee.uscc,
                    "--trust-amount", "30000000", "--trust-term-months", "36", "--beneficiaries", "成员企业")
    assert code == 0 and out["pool"] == "PL2026000001" and out["trust"] == {
        "trustee": "中航信托股份有限公司", "amount": "30000000.00", "term_months": 36, "beneficiaries": "成员企业"}
    pool = out["pool"]
    code, out = cli("market", "pool", "member", "add", pool, "--party", firm.uscc, "--share", "60", "--rights", SECOND)
    assert code == 1 and out["errors"][0]["code"] == "market.pool_not_owner"
    code, out = cli("market", "pool", "member", "add", pool, "--party", firm.uscc, "--share", "sixty")
    assert code == 2 and out["errors"][0]["code"] == "market.pool_share"
    code, out = cli("market", "pool", "member", "add", pool, "--party", firm.uscc, "--share", "60", "--rights", right,
                    "--on", "2026-11-01")
    assert code == 0 and out["members"][0]["rights"] == [right] and out["members"][0]["share"] == "60"
    code, out = cli("market", "pool", "member", "add", pool, "--party", other.uscc, "--share", "39.99",
                    "--rights", SECOND, "--on", "2026-11-01")
    assert code == 0 and out["rights"] == [right, SECOND]
    code, out = cli("market", "pool", "income", pool, "--amount", "100000", "--on", "2026-11-20")
    assert code == 1 and out["errors"][0]["code"] == "market.pool_key_total"
    code, out = cli("market", "pool", "distributions", pool)
    assert code == 0 and out["incomes"] == []  # nothing written
    code, out = cli("market", "pool", "member", "leave", pool, "--party", other.uscc, "--on", "2026-11-10")
    assert code == 0 and out["rights"] == [right]
    code, out = cli("market", "pool", "member", "add", pool, "--party", other.uscc, "--share", "40",
                    "--rights", SECOND, "--on", "2026-11-09")
    assert code == 1 and out["errors"][0]["code"] == "market.pool_rejoin_early"
    code, out = cli("market", "pool", "member", "add", pool, "--party", other.uscc, "--share", "40",
                    "--rights", SECOND, "--on", "2026-11-10")  # rejoins: a second period with its own share
    assert code == 0 and [(m["share"], m["joined_on"], m["left_on"]) for m in out["members"] if
                          m["party_id"] == other.id] == [("39.99", "2026-11-01", "2026-11-10"),
                                                         ("40", "2026-11-10", None)]
    code, out = cli("market", "pool", "income", pool, "--amount", "100000.01", "--on", "2026-11-20",
                    "--source", "许可费")
    assert code == 0 and out["amount"] == "100000.01" and out["payouts"] == [
        {"member": firm.name, "share": "60", "amount": "60000.01"},
        {"member": other.name, "share": "40", "amount": "40000.00"}]
    code, out = cli("market", "pool", "trust", pool, "--trust-amount", "25000000")
    assert code == 0 and out["trust"]["amount"] == "25000000.00" and out["trust"]["term_months"] == 36
    code, out = cli("market", "pool", "value", pool)
    assert code == 0 and (out["value"], out["patents"], out["valued"]) == (None, 2, 0)
    code, out = cli("market", "pool", "show", pool)
    assert code == 0 and out["incomes"][0]["source"] == "许可费" and out["value"]["method"] == "average"
    code, out = cli("market", "pool", "list")
    assert code == 0 and [p["pool"] for p in out["pools"]] == [pool]
    code, out = cli("market", "pool", "pledge", pool, "--documents", ",".join(FULL_DOCS),
                    "--clauses", ",".join(FULL_CLAUSES))
    assert code == 0 and out["status"] == "applied" and out["rights"] == [right, SECOND]
    assert (out["pledgors"], out["pledgee"], out["secured_amount"]) == (
        [firm.name, other.name], "中航信托股份有限公司", "25000000.00")
    code, out = cli("pledge", "show", out["application"])
    assert code == 0
