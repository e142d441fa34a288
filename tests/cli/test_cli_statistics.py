"""``ipdesk stats pledges``: the JSON form the issue gives, units and groupings, bad input, and sign-in to read."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ipdesk.cli.main import main
from ipdesk.storage.engine import make_engine
from tests.cli.conftest import new_database
from tests.services.statistics.test_pledge_statistics import seed

BOSS_PW = "chief-secret-2026"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sqlite_template: Path):
    path = new_database(sqlite_template, tmp_path / "cli.sqlite3")
    engine = make_engine(f"sqlite:///{path}")
    seed(engine)
    engine.dispose()
    monkeypatch.delenv("IPDESK_USER", raising=False)
    monkeypatch.delenv("IPDESK_PASSWORD", raising=False)
    base = ["--data-dir", str(tmp_path / "data"), "--database", f"sqlite:///{path}"]

    def run(*args: str, stdin: str = "") -> tuple[int, dict]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main([*base, *args])
        return code, json.loads(capsys.readouterr().out)

    return run


def test_by_year_and_family_in_yi(cli) -> None:
    code, out = cli("stats", "pledges", "--by", "year,family", "--unit", "yi")
    assert code == 0
    assert out["rows"][0] == {"year": 2024, "family": "copyright", "count": 1, "amount": "0.01"}
    assert [(r["year"], r["family"]) for r in out["rows"]] == [
        (2024, "copyright"), (2024, "patent"), (2024, "trademark"), (2025, "mixed"), (2025, "patent")]
    assert out["totals"] == {"count": 5, "amount": "0.40"}


def test_years_banks_regions_and_yuan(cli) -> None:
    code, out = cli("stats", "pledges", "--by", "year,family", "--from", "2025", "--to", "2025")
    assert code == 0 and out["totals"] == {"count": 2, "amount": "32500000.50"}
    assert out["rows"][0] == {"year": 2025, "family": "mixed", "count": 1, "amount": "30000000.00"}
    code, out = cli("stats", "pledges", "--by", "bank", "--unit", "wan")
    assert out["rows"] == [{"bank": "中国银行股份有限公司镇江分行", "count": 2, "amount": "3500.00"},
                           {"bank": "江苏银行股份有限公司南京分行", "count": 3, "amount": "453.46"}]
    code, out = cli("stats", "pledges", "--by", "region")
    assert [r["region"] for r in out["rows"]] == ["", "110000", "320100"]
    assert out["totals"] == {"count": 5, "amount": "39534568.39"}


def test_bad_input_is_refused(cli) -> None:
    code, out = cli("stats", "pledges", "--by", "year,colour")
    assert code == 2 and out["errors"][0]["code"] == "stats.bad_dimension"
    code, out = cli("stats", "pledges", "--from", "2025", "--to", "2024")
    assert code == 2 and out["errors"][0]["code"] == "stats.bad_years"


def test_reading_needs_a_signed_in_user_once_there_are_users(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _ = cli("user", "add", "boss", "--role", "admin", "--password-stdin", stdin=BOSS_PW + "\n")
    assert code == 0
    code, out = cli("stats", "pledges", "--by", "year")
    assert code == 4 and out["errors"][0]["code"] == "signin.required"
    monkeypatch.setenv("IPDESK_PASSWORD", BOSS_PW)
    code, out = cli("--user", "boss", "stats", "pledges", "--by", "year")
    assert code == 0 and out["totals"]["count"] == 5
