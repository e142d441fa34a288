"""ipdesk notice print --all --kind KIND --out DIR [--from] [--to]: every matching notice, one file each
(month end, and the notices benchmark), each genuine when verified."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import _application, run


def _two_registered(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    parties = tmp_path / "parties.csv"
    parties.write_text("名称,类型,统一社会信用代码\n江苏恒顺新材料科技有限公司,企业,91110000600037341L\n"
                       "中国银行股份有限公司镇江分行,银行,91512081MA62K0260E\n", encoding="utf-8")
    assert run(capsys, *db_args, "import", "parties", str(parties))[0] == 0
    rights = tmp_path / "rights.csv"
    rights.write_text("专利号,名称,申请日,授权公告日,权利人\n"
                      "2017106018623,一种图像处理装置及方法,2017-07-25,2020-03-10,91110000600037341L\n"
                      "2014103620773,一种电池冷却系统,2014-07-28,2016-08-17,91110000600037341L\n", encoding="utf-8")
    assert run(capsys, *db_args, "import", "rights", str(rights))[0] == 0
    for number, on in (("ZL 201710601862.3", "2026-11-16"), ("ZL 201410362077.3", "2026-11-20")):
        app = _application(tmp_path, rights=[number], application_date=on)
        code, out = run(capsys, *db_args, "register", str(app), "--on", on)
        assert code == 0, out


def test_print_all_registration_notices(capsys: pytest.CaptureFixture[str], db_args: list[str],
                                        tmp_path: Path) -> None:
    _two_registered(capsys, db_args, tmp_path)
    folder = tmp_path / "month-end"
    code, out = run(capsys, *db_args, "notice", "print", "--all", "--kind", "registration", "--out", str(folder))
    assert code == 0 and (out["pledges"], out["written"], out["skipped"]) == (2, 2, [])
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == 2 and out["per_second"] > 0
    for pdf in files:
        code, verified = run(capsys, *db_args, "verify", str(pdf))
        assert code == 0 and verified["status"] == "genuine"
    later = tmp_path / "later"
    code, out = run(capsys, *db_args, "notice", "print", "--all", "--kind", "registration", "--out", str(later),
                    "--from", "2026-11-18", "--to", "2026-11-30")
    assert code == 0 and (out["pledges"], out["written"]) == (1, 1)
    code, out = run(capsys, *db_args, "notice", "print", "--all", "--kind", "cancellation", "--out", str(later))
    assert code == 0 and (out["pledges"], out["written"]) == (0, 0), out  # nothing cancelled: nothing to print


def test_print_needs_a_number_or_all(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    code, out = run(capsys, *db_args, "notice", "print", "--kind", "registration", "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and "--all" in json.dumps(out, ensure_ascii=False)
    code, out = run(capsys, *db_args, "notice", "print", "Y2026980000001", "--all", "--kind", "registration",
                    "--out", str(tmp_path))
    assert code == 2
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    code, out = run(capsys, *db_args, "notice", "print", "--all", "--kind", "registration",
                    "--out", str(tmp_path / "a-file"))
    assert code == 2 and out["errors"][0]["code"] == "file.unusable"
