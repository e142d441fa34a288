"""``ipdesk market …`` in exactly the issue's forms on a real SQLite file: JSON keys, exit codes, ``--now``."""

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
    bidders = [add_party(ws, name, 30 + i) for i, name in enumerate(("常州天合光电有限公司", "无锡华晶微电子有限公司"))]
    ws.close()
    base = ["--data-dir", str(config.data_dir), "--database", config.database_url]

    def run(*args: str, now: list[str] = NOW) -> tuple[int, dict]:  # type: ignore[type-arg]
        code = main([*base, *now, *args])
        return code, json.loads(capsys.readouterr().out)

    run.world, run.bidders, run.tmp = world, bidders, tmp_path  # type: ignore[attr-defined]
    return run


def test_lot_to_deal_in_the_issues_forms(cli) -> None:  # type: ignore[no-untyped-def]
    right, bank, b1, b2 = cli.world["right"], cli.world["bank"], *cli.bidders
    code, out = cli("market", "lot", "add", "--rights", right.display_number, "--type", "sale",
                    "--assessed-value", "1000000", "--seller", bank.uscc)
    assert code == 0 and out["lot"] == "LOT2026000001"
    auction = ["--increment", "10000", "--deposit", "70000", "--opens", "2027-01-10T10:00:00+08:00",
               "--closes", "2027-01-11T10:00:00+08:00"]
    code, out = cli("market", "auction", "open", "LOT2026000001", "--preset", "online_judicial", "--start", "699999",
                    *auction)
    assert code == 1 and out["errors"][0]["code"] == "market.start_below_floor"
    assert "70%" in out["errors"][0]["message"]
    code, out = cli("market", "auction", "open", "LOT2026000001", "--preset", "online_judicial", "--start", "700000",
                    *auction)
    assert code == 0 and {"auction", "closes"} <= set(out) and out["closes"] == "2027-01-11T10:00:00+08:00"
    au = out["auction"]
    code, out = cli("market", "bid", au, "--bidder", b1.uscc, "--amount", "700000", "--at", "2027-01-10T11:00:00+08:00")
    assert code == 1 and out["errors"][0]["code"] == "market.not_registered"
    for b in (b1, b2):
        code, out = cli("market", "deposit", au, "--bidder", b.uscc, "--amount", "70000")
        assert code == 0
    code, out = cli("market", "bid", au, "--bidder", b1.uscc, "--amount", "700000", "--at", "2027-01-10T09:59:59+08:00")
    assert code == 1 and out["errors"][0]["code"] == "market.bid_before_open"
    code, out = cli("market", "bid", au, "--bidder", b1.uscc, "--amount", "700000", "--at", "2027-01-10T11:00:00+08:00")
    assert code == 0 and out["price"] == "700000.00" and out["leader"] == "B001"
    code, out = cli("market", "bid", au, "--bidder", b2.uscc, "--amount", "709999", "--at", "2027-01-10T12:00:00+08:00")
    assert code == 1 and out["errors"][0]["code"] == "market.bid_below_increment"
    code, out = cli("market", "bid", au, "--bidder", b2.uscc, "--amount", "710000", "--at", "2027-01-11T09:58:00+08:00")
    assert code == 0 and (out["leader"], out["closes"]) == ("B002", "2027-01-11T10:03:00+08:00")
    code, out = cli("market", "bid", au, "--bidder", b1.uscc, "--amount", "720000", "--at", "2027-01-11T10:03:00+08:00")
    assert code == 1 and out["errors"][0]["code"] == "market.bid_after_close"
    code, out = cli("market", "close", au, "--at", "2027-01-11T10:03:00+08:00")
    assert code == 0 and (out["result"], out["deal"], out["price"]) == ("sold", "DL2026000001", "710000.00")
    code, again = cli("market", "close", au, "--at", "2027-01-11T11:00:00+08:00")
    assert code == 0 and again["deal"] == "DL2026000001" and again["again"] is True
    pdf = cli.tmp / "deal.pdf"
    code, out = cli("market", "confirmation", "DL2026000001", "--out", str(pdf))
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")
    code, checked = cli("verify", str(pdf))  # verified like a notice: signature, issue log, pages
    assert code == 0 and checked["status"] == "genuine", checked
    assert checked["serial"] == out["serial"]


def test_a_failed_auction_and_the_reauction_cut(cli) -> None:  # type: ignore[no-untyped-def]
    right = cli.world["right"]
    cli("market", "lot", "add", "--rights", right.display_number, "--type", "sale", "--assessed-value", "1000000")
    code, out = cli("market", "auction", "open", "LOT2026000001", "--preset", "court_offline", "--start", "800000",
                    "--increment", "0=5000,1000000=10000", "--deposit", "0", "--opens", "2027-01-10T10:00:00+08:00",
                    "--closes", "2027-01-10T12:00:00+08:00")
    assert code == 0
    code, out = cli("market", "close", "AU2026000001", "--at", "2027-01-10T12:00:00+08:00")
    assert code == 0 and (out["result"], out["deal"], out["price"]) == ("failed", None, None)
    code, out = cli("market", "reauction", "AU2026000001", "--start", "639999.99", "--opens",
                    "2027-01-20T10:00:00+08:00", "--closes", "2027-01-20T12:00:00+08:00")
    assert code == 1 and out["errors"][0]["code"] == "market.cut_too_deep"
    code, out = cli("market", "reauction", "AU2026000001", "--start", "640000", "--opens",
                    "2027-01-20T10:00:00+08:00", "--closes", "2027-01-20T12:00:00+08:00")
    assert code == 0 and out["auction"] == "AU2026000002" and out["round"] == 2


def test_bad_input_is_exit_2(cli) -> None:  # type: ignore[no-untyped-def]
    code, out = cli("market", "lot", "add", "--rights", "ZL 201710601862.3", "--type", "sale", "--assessed-value",
                    "1000000", "--reserve", "1500000")
    assert code == 2 and out["errors"][0]["code"] == "market.reserve_above_assessed"
    code, out = cli("market", "close", "AU2099999999", "--at", "2027-01-10T12:00:00+08:00")
    assert code == 2
