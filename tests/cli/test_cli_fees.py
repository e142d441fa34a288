"""`ipdesk fees <number>` and `ipdesk fees pay`: the JSON shape the issue fixes, exit codes, --now."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipdesk.cli.main import main

NOW = ["--now", "2026-12-01T02:00:00Z"]
NUMBER = "ZL 201710601862.3"
YEAR_KEYS = {"year", "due_date", "fee", "payable", "paid", "surcharge_rate", "surcharge", "amount_due", "status"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(list(args))
    return code, json.loads(capsys.readouterr().out)


@pytest.fixture
def db(db_args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    args = [*db_args, *NOW]  # a migrated database (tests/cli/conftest.py): the CLI refuses a missing one
    parties = tmp_path / "parties.csv"
    parties.write_text("名称,类型,统一社会信用代码\n江苏恒顺新材料科技有限公司,企业,91110000600037341L\n"
                       "镇江高新研究院,高校/科研院所,91512081MA62K0260E\n", encoding="utf-8")
    assert run(capsys, *args, "import", "parties", str(parties))[0] == 0
    rights = tmp_path / "rights.csv"
    rights.write_text("专利号,名称,申请日,授权公告日,权利人,份额,费减比例,年费已缴至\n"
                      "2017106018623,一种图像处理装置及方法,2017-07-25,2020-03-10,"
                      "91110000600037341L；镇江高新研究院,70；30,70,9\n", encoding="utf-8")
    code, out = run(capsys, *args, "import", "rights", str(rights))
    assert code == 0, out
    return args


def test_the_schedule_has_exactly_the_keys_of_the_issue(capsys, db) -> None:  # type: ignore[no-untyped-def]
    code, out = run(capsys, *db, "fees", NUMBER)
    assert code == 0
    assert set(out) == {"number", "kind", "as_of", "reduction", "terminated_on", "years"}
    assert (out["number"], out["kind"], out["as_of"], out["terminated_on"]) == (NUMBER, "invention", "2026-12-01", None)
    assert out["reduction"] == {"percent": 70, "from_year": 3, "to_year": 12}  # granted 2020-03-10, in year 3
    assert len(out["years"]) == 20 and all(set(y) == YEAR_KEYS for y in out["years"])
    y10 = out["years"][9]
    assert y10 == {"year": 10, "due_date": "2026-07-27", "fee": "4000.00", "payable": "1200.00", "paid": "0.00",
                   "surcharge_rate": "20", "surcharge": "800.00", "amount_due": "2000.00", "status": "late"}
    assert [out["years"][n]["status"] for n in (8, 10)] == ["paid", "future"]


def test_as_of_and_the_global_now(capsys, db) -> None:  # type: ignore[no-untyped-def]
    code, out = run(capsys, *db, "fees", NUMBER, "--as-of", "2026-07-01")
    assert code == 0 and out["as_of"] == "2026-07-01" and out["years"][9]["status"] == "due"
    code, out = run(capsys, *db[:-2], "--now", "2027-02-01T02:00:00Z", "fees", NUMBER)
    assert out["terminated_on"] == "2026-07-27" and out["years"][9]["status"] == "lapsed"
    assert out["years"][9]["amount_due"] == "3200.00"  # 1200 + 25 % of 4000 + 1000 restoration


def test_pay_records_and_refuses(capsys, db) -> None:  # type: ignore[no-untyped-def]
    code, out = run(capsys, *db, "fees", "pay", NUMBER, "--year", "10", "--amount", "2000.00", "--payer", "恒顺")
    assert code == 0 and out["settled"] and out["fees_paid_through"] == 10
    assert run(capsys, *db, "fees", NUMBER)[1]["years"][9]["status"] == "paid"
    code, out = run(capsys, *db, "fees", "pay", NUMBER, "--year", "10", "--amount", "1.00")
    assert code == 1 and "fees.year_paid" in json.dumps(out)


@pytest.mark.parametrize("extra", [
    ["--year", "10", "--amount", "-1"],
    ["--year", "10", "--amount", "1.001"],
    ["--year", "10", "--amount", "x"],
    ["--year", "10"],
    ["--year", "10", "--amount", "10", "--on", "2026-12-02"],
])
def test_bad_payment_input_exits_2(capsys, db, extra) -> None:  # type: ignore[no-untyped-def]
    code, _out = run(capsys, *db, "fees", "pay", NUMBER, *extra)
    assert code == 2
    assert run(capsys, *db, "fees", NUMBER)[1]["years"][9]["paid"] == "0.00"


def test_a_payment_matching_no_fee_exits_1(capsys, db) -> None:  # type: ignore[no-untyped-def]
    code, out = run(capsys, *db, "fees", "pay", NUMBER, "--year", "11", "--amount", "100")
    assert code == 1 and "fees.earlier_unpaid" in json.dumps(out)


def test_usage_errors_exit_2(capsys, db) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, *db, "fees", NUMBER, "--year", "3")[0] == 2
    assert run(capsys, *db, "fees", "pay")[0] == 2


def test_custody_worklist_json(capsys, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.config import AppConfig
    from ipdesk.domain.shared.permissions import Actor, Role
    from ipdesk.services.workstation import open_workstation
    from tests.helpers.clock import fixed_clock

    config = AppConfig(data_dir=tmp_path / "data", database_url=db[3])
    ws = open_workstation(config, Actor("tuoguan", Role.CUSTODIAN), clock=fixed_clock())
    # The owner keeps its own fees paid here: party 1 is the first one imported (江苏恒顺).
    ws.custody.create_agreement(ws.actor, {"custodian_id": 1, "starts_on": "2026-01-01", "rights": [NUMBER]})
    ws.close()
    code, out = run(capsys, *db, "custody", "worklist", "--days", "30")
    assert code == 0 and out["count"] == 1 and out["days"] == 30
    item = out["items"][0]
    assert (item["number"], item["year"], item["status"], item["surcharge_rate"], item["amount_due"]) == (
        NUMBER, 10, "late", "20", "2000.00")
    assert run(capsys, *db, "custody", "worklist", "--custodian", "镇江高新研究院")[1]["count"] == 0
    assert run(capsys, *db, "custody", "worklist", "--custodian", "江苏恒顺新材料科技有限公司")[1]["count"] == 1
    assert run(capsys, *db, "custody", "worklist", "--days", "0")[0] == 2
    assert run(capsys, *db, "custody", "worklist", "--custodian", "无此机构")[0] == 2
