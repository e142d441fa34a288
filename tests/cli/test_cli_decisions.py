"""Maker-checker on the command line: the decision commands keep their form and print the pending decision;
``ipdesk decision list | confirm ID | return ID --reason`` are the approver's."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli_users import BOSS_PW, bootstrap, cli  # noqa: F401 - the fixture

PW = "desk-secret-2026"


def account(cli, name: str, role: str) -> None:  # noqa: F811 - the fixture
    assert cli("--user", "boss", "user", "add", name, "--role", role, "--password-stdin",
               stdin=PW + "\n", password=BOSS_PW)[0] == 0
    assert cli("--user", name, "user", "passwd", name, "--password-stdin", stdin=PW + "\n", password=PW)[0] == 0


def test_register_waits_for_an_approver_who_confirms(cli, tmp_path: Path, maker_checker_on) -> None:  # noqa: F811
    bootstrap(cli)
    account(cli, "dengji", "clerk")
    account(cli, "shenhe", "approver")
    as_clerk = ("--user", "dengji")
    parties = tmp_path / "parties.csv"
    parties.write_text("名称,类型,统一社会信用代码\n江苏恒顺新材料科技有限公司,企业,91110000600037341L\n"
                       "中国银行股份有限公司镇江分行,银行,91512081MA62K0260E\n", encoding="utf-8")
    assert cli(*as_clerk, "import", "parties", str(parties), password=PW)[0] == 0
    rights = tmp_path / "rights.csv"
    rights.write_text("专利号,名称,申请日,授权公告日,权利人\n"
                      "2017106018623,一种图像处理装置及方法,2017-07-25,2020-03-10,91110000600037341L\n",
                      encoding="utf-8")
    assert cli(*as_clerk, "import", "rights", str(rights), password=PW)[0] == 0
    app = tmp_path / "application.json"
    app.write_text(json.dumps({
        "application_date": "2026-11-16", "pledgors": ["91110000600037341L"], "pledgee": "91512081MA62K0260E",
        "debt": {"type": "loan", "amount": "5000000.00", "performance_deadline": "2028-11-15"},
        "rights": ["ZL 201710601862.3"], "documents": ["application_form", "pledge_contract", "id_or_commitment"],
        "clauses": ["parties", "debt", "deadline", "rights_list", "guarantee_scope"]}, ensure_ascii=False),
        encoding="utf-8")

    code, out = cli(*as_clerk, "register", str(app), "--on", "2026-11-16", password=PW)
    assert code == 0 and out["registered"] is False and out["status"] == "applied" and out["registration_no"] is None
    pending = out["pending"]
    code, out = cli(*as_clerk, "decision", "confirm", str(pending), password=PW)
    assert code == 1 and "permission" in out["errors"][0]["code"]
    code, out = cli("--user", "shenhe", "decision", "list", password=PW)
    assert code == 0 and [d["id"] for d in out["decisions"]] == [pending]
    assert out["decisions"][0]["kind"] == "register" and out["decisions"][0]["prepared_by"] == "dengji"
    code, out = cli("--user", "shenhe", "decision", "confirm", str(pending), password=PW)
    assert code == 0 and out["decision"]["status"] == "confirmed" and out["pledge"]["status"] == "registered"
    assert out["pledge"]["pending"] is None

    code, out = cli(*as_clerk, "pledge", "cancel", out["pledge"]["registration_no"], "--trigger", "repaid",
                    "--on", "2026-11-19", password=PW)
    assert code == 0 and out["status"] == "registered" and out["pending"]
    code, out = cli("--user", "shenhe", "decision", "return", str(out["pending"]), "--reason", "缺还款证明",
                    password=PW)
    assert code == 0 and out["decision"]["status"] == "returned" and out["pledge"]["status"] == "registered"
    code, out = cli("--user", "shenhe", "decision", "list", password=PW)
    assert out["decisions"] == []
