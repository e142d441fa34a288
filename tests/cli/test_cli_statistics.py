"""``ipdesk stats pledges``: the JSON form the issue gives, units and groupings, bad input, and sign-in to read."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ipdesk.cli.main import main
from ipdesk.storage.engine import make_engine
from tests.cli.conftest import new_database
from tests.services.statistics.test_activity import seed_more as seed

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


def test_kinds_months_decisions_rights_and_disposal(cli) -> None:
    code, out = cli("stats", "pledges", "--by", "kind")
    assert code == 0 and [(r["kind"], r["count"]) for r in out["rows"]] == [
        ("invention", 1), ("mixed", 2), ("software", 1), ("trademark", 1)]
    code, out = cli("stats", "months", "--from", "2024", "--to", "2024")
    assert code == 0 and out["rows"][1] == {"month": "2024-07", "registered": 1, "changed": 2, "cancelled": 0}
    assert out["totals"] == {"registered": 3, "changed": 2, "cancelled": 0}
    code, out = cli("stats", "decisions")
    assert code == 0 and out["totals"]["decided"] == 6 and out["totals"]["average_days"] == "283.3"
    code, out = cli("--now", "2026-12-01", "stats", "rights")
    assert code == 0 and out["totals"]["rights"] == 6
    code, out = cli("stats", "disposal", "--from", "2024")  # no disposal case in this register yet
    assert code == 0 and out == {"rows": [], "totals": {"closed": 0, "average_days": "0.0", "settled": 0,
                                                        "proceeds": "0.00", "secured": "0.00",
                                                        "recovery_percent": "0.0"}}


def test_the_report_as_pdf_and_excel(cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from pypdfium2 import PdfDocument

    code, out = cli("stats", "report", "--out", str(tmp_path / "r.pdf"))
    assert code == 0 and out["ok"]
    pdf = PdfDocument(str(tmp_path / "r.pdf"))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "知识产权质押融资统计" in text and "按月份的登记、变更、注销" in text and "3,953.46" in text  # 万元
    code, out = cli("stats", "report", "--out", str(tmp_path / "r.xlsx"), "--unit", "yuan")
    assert code == 0
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["质押登记", "按月", "办结用时", "质押中权利", "风险信号", "处置结果"]
    rows = list(book["质押登记"].iter_rows(values_only=True))
    assert rows[0] == ("年份", "类别", "笔数", "担保债权数额（元）")
    assert rows[1] == (2024, "著作权", 1, 800000) and rows[-1][0] == "合计" and rows[-1][2] == 5


def test_digest_json(cli) -> None:
    code, out = cli("--now", "2026-12-20", "digest", "--days", "14")
    assert code == 0 and out["as_of"] == "2026-12-20" and out["days"] == 14
    # The four registered pledges' debts fall due on 2027-01-01 (12 days on); the cancelled one's does not count.
    assert [(i["kind"], i["due"], i["days_left"]) for i in out["items"]] == [("performance", "2027-01-01", 12)] * 4
    assert out["items"][0]["reference"] == "Z202400001" and out["items"][0]["amount"] == "5000000.00"
    code, out = cli("--now", "2026-12-20", "digest", "--days", "7")
    assert code == 0 and out["items"] == []
    code, out = cli("digest", "--days", "0")
    assert code == 2 and out["errors"][0]["code"] == "digest.days"
