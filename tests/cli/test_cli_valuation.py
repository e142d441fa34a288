"""``ipdesk valuation add|show``: JSON with money as two-place strings; a future value date is bad input (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import _seed_world, run
from tests.helpers.factories import make_uscc

EVALUATOR = make_uscc(700)


def _seed_evaluator(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    parties = tmp_path / "evaluators.csv"
    parties.write_text(f"名称,类型,统一社会信用代码\n镇江中诚资产评估有限公司,评估机构,{EVALUATOR}\n", encoding="utf-8")
    assert run(capsys, *db_args, "import", "parties", str(parties))[0] == 0


def test_add_then_show(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    _seed_world(capsys, db_args, tmp_path)
    _seed_evaluator(capsys, db_args, tmp_path)
    now = ["--now", "2026-12-01T10:00:00+08:00"]
    code, out = run(capsys, *db_args, *now, "valuation", "add", "ZL 201710601862.3", "--evaluator", EVALUATOR,
                    "--method", "income", "--value", "5000000", "--forced-sale-value", "3000000.5",
                    "--value-date", "2026-11-20", "--report-no", "R-118")
    assert code == 0 and out["ok"]
    assert out["valuation"]["value"] == "5000000.00" and out["valuation"]["forced_sale_value"] == "3000000.50"
    assert out["valuation"]["valid_until"] == "2027-11-19" and out["valuation"]["valid"] is True
    code, out = run(capsys, *db_args, *now, "valuation", "add", "2017106018623", "--evaluator", EVALUATOR,
                    "--method", "market", "--value", "4800000.00", "--value-date", "2026-11-30")
    assert code == 0
    code, out = run(capsys, *db_args, *now, "valuation", "show", "ZL201710601862.3")
    assert code == 0 and out["number"] == "ZL 201710601862.3" and out["as_of"] == "2026-12-01"
    assert out["current"]["method"] == "market" and out["current"]["value"] == "4800000.00"
    assert [v["value"] for v in out["history"]] == ["4800000.00", "5000000.00"]
    assert out["history"][1]["evaluator"]["name"] == "镇江中诚资产评估有限公司"


def test_a_future_value_date_is_bad_input(capsys: pytest.CaptureFixture[str], db_args: list[str],
                                         tmp_path: Path) -> None:
    _seed_world(capsys, db_args, tmp_path)
    _seed_evaluator(capsys, db_args, tmp_path)
    code, out = run(capsys, *db_args, "--lang", "en", "--now", "2026-12-01T10:00:00+08:00", "valuation", "add",
                    "ZL 201710601862.3", "--evaluator", EVALUATOR, "--method", "cost", "--value", "-1",
                    "--value-date", "2026-12-02")
    assert code == 2
    assert {e["code"] for e in out["errors"]} == {"valuation.future_date", "negative"}
    assert any("after today" in e["message"] for e in out["errors"])
    code, out = run(capsys, *db_args, "valuation", "show", "ZL 201710601862.3")
    assert code == 0 and out["current"] is None and out["history"] == []


def test_ltv_of_a_pledge(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    from tests.cli.test_cli import _application

    _seed_world(capsys, db_args, tmp_path)
    _seed_evaluator(capsys, db_args, tmp_path)
    now = ["--now", "2026-12-01T10:00:00+08:00"]
    assert run(capsys, *db_args, *now, "register", str(_application(tmp_path)), "--on", "2026-11-16")[0] == 0
    code, out = run(capsys, *db_args, *now, "valuation", "ltv", "Y2026980000001")
    assert code == 0 and out["ratio"] is None and [w["code"] for w in out["warnings"]] == ["ltv.no_valuation"]
    assert run(capsys, *db_args, *now, "valuation", "add", "ZL 201710601862.3", "--evaluator", EVALUATOR,
               "--method", "income", "--value", "8000000", "--value-date", "2026-11-20")[0] == 0
    code, out = run(capsys, *db_args, *now, "--lang", "en", "valuation", "ltv", "Y2026980000001")
    assert code == 0 and out["secured_amount"] == "5000000.00" and out["value"] == "8000000.00"
    assert out["ratio"] == "62.50" and out["cap"] == "50.00" and out["over_cap"] is True
    assert "above the cap" in out["warnings"][0]["message"]


def test_score_weights_and_settings(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    import json

    from ipdesk.domain.valuation.scoresheet import DEFAULT_WEIGHTS

    _seed_world(capsys, db_args, tmp_path)
    now = ["--now", "2026-12-01T10:00:00+08:00"]
    scores = tmp_path / "scores.json"
    scores.write_text(json.dumps(dict.fromkeys(DEFAULT_WEIGHTS.indicators, "80")), encoding="utf-8")
    code, out = run(capsys, *db_args, *now, "valuation", "score", "ZL 201710601862.3", "--scores", str(scores),
                    "--score", "stability=30")
    assert code == 0 and out["analysis"]["value_degree"] == "76.00" and out["analysis"]["degrees"]["legal"] == "70.00"
    bad = tmp_path / "weights.json"
    bad.write_text(json.dumps({"effective_from": "2027-01-01",
                               "degrees": {"legal": "0.5", "technical": "0.3", "economic": "0.3"},
                               "indicators": {k: str(v) for k, v in DEFAULT_WEIGHTS.indicators.items()}}),
                   encoding="utf-8")
    code, out = run(capsys, *db_args, *now, "--lang", "en", "valuation", "weights", "--add", str(bad))
    assert code == 2 and out["errors"][0]["code"] == "value.weights_sum" and "not 1.1" in out["errors"][0]["message"]
    code, out = run(capsys, *db_args, *now, "valuation", "weights")
    assert code == 0 and out["stored"] == [] and out["in_force"]["effective_from"] == "2012-01-01"
    code, out = run(capsys, *db_args, *now, "valuation", "settings", "--cap", "invention=45", "--term-buffer-months",
                    "24")
    assert code == 0 and out["ltv_caps"]["invention"] == "45.00" and out["term_buffer_months"] == 24
    code, out = run(capsys, *db_args, *now, "valuation", "settings", "--cap", "invention=145")
    assert code == 2 and out["errors"][0]["code"] == "valuation.ltv_cap"
    assert run(capsys, *db_args, "valuation", "settings")[1]["ltv_caps"]["invention"] == "45.00"
