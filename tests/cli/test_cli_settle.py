"""``ipdesk settle``: the waterfall and the loss sharing as JSON, computed without a case (nothing written)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipdesk.cli.main import main

BASE = ["--proceeds", "800000", "--costs", "30000", "--interest", "50000", "--principal", "1000000"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(list(args))
    return code, json.loads(capsys.readouterr().out)


def test_the_waterfall_without_a_scheme(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("IPDESK_DATA_DIR", str(tmp_path / "data"))
    code, out = run(capsys, "settle", *BASE, "--penalty", "10000")
    assert code == 0
    assert out == {
        "waterfall": {"costs": "30000.00", "penalty": "10000.00", "interest": "50000.00", "principal": "710000.00",
                      "surplus_to_pledgor": "0.00",
                      "shortfall": {"principal": "290000.00", "interest": "0.00", "total": "290000.00"}},
        "loss_sharing": None,
    }
    assert not (tmp_path / "data").exists()  # nothing opened, nothing written


def test_a_surplus_goes_to_the_pledgor(capsys) -> None:
    code, out = run(capsys, "settle", "--proceeds", "1100000.50", "--costs", "0", "--interest", "0",
                    "--principal", "1000000")
    assert code == 0
    assert out["waterfall"]["surplus_to_pledgor"] == "100000.50"
    assert out["waterfall"]["shortfall"] == {"principal": "0.00", "interest": "0.00", "total": "0.00"}


@pytest.mark.parametrize("scheme,pool,shares", [
    ("kejizhixing", None, {"finance": "287100.00", "bank": "2900.00"}),
    ("kejizhixing", "100000", {"finance": "100000.00", "bank": "190000.00"}),
    ("germany", None, {"federal": "113100.00", "state": "75400.00", "bank": "20300.00", "guarantor": "81200.00"}),
    ("pudong", None, {"fund": "275500.00", "bank": "14500.00"}),
    ("pudong:99", "300000", {"fund": "287100.00", "bank": "2900.00"}),
])
def test_loss_sharing_of_the_shortfall(capsys, scheme, pool, shares) -> None:
    args = ["settle", *BASE, "--penalty", "10000", "--scheme", scheme]
    if pool:
        args += ["--pool-balance", pool]
    code, out = run(capsys, *args)
    assert code == 0
    assert out["loss_sharing"] == {"scheme": scheme.split(":")[0], "shares": shares}


def test_interest_loss_is_shared_too(capsys) -> None:
    code, out = run(capsys, "settle", "--proceeds", "40000", "--costs", "30000", "--interest", "50000",
                    "--principal", "100000", "--scheme", "kejizhixing")
    assert code == 0
    assert out["waterfall"]["shortfall"] == {"principal": "100000.00", "interest": "40000.00", "total": "140000.00"}
    assert out["loss_sharing"]["shares"] == {"finance": "99000.00", "bank": "41000.00"}


@pytest.mark.parametrize("args,code,error", [
    (["--proceeds", "1"], 2, "settle.missing"),
    ([*BASE, "--scheme", "city:fund=80,bank=30"], 2, "funds.shares_over"),
    ([*BASE, "--scheme", "pudong", "--pool-balance", "1000"], 1, "funds.over_pool"),
    ([*BASE, "--pool-balance", "1000"], 2, "settle.pool_without_scheme"),
    ([*BASE, "--scheme", "germany", "--pool-balance", "1000"], 2, "funds.no_pool"),
    ([*BASE, "--scheme", "nowhere"], 2, "funds.unknown_scheme"),
    (["--proceeds", "-5", "--costs", "0", "--interest", "0", "--principal", "1"], 2, "negative"),
    (["--proceeds", "1.001", "--costs", "0", "--interest", "0", "--principal", "1"], 2, "bad_decimal"),
])
def test_bad_input_is_refused(capsys, args, code, error) -> None:
    got, out = run(capsys, "settle", *args)
    assert got == code and out["ok"] is False
    assert error in [e["code"] for e in out["errors"]]


def test_messages_in_english(capsys) -> None:
    code, out = run(capsys, "--lang", "en", "settle", *BASE, "--scheme", "pudong", "--pool-balance", "1000")
    assert code == 1 and "pool balance" in out["errors"][0]["message"]
