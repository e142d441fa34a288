"""The command line: JSON output and exit codes (0 ok, 1 refused, 2 bad input), on a real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from ipdesk.cli.main import main
from ipdesk.storage.engine import make_engine


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(list(args))
    out = capsys.readouterr().out
    return code, json.loads(out)




def test_number_check_valid_forms(capsys: pytest.CaptureFixture[str]) -> None:
    for form in ("ZL 201710601862.3", "2017106018623", "CN201710601862.3", "zl201710601862·3"):
        code, out = run(capsys, "number", "check", form)
        assert code == 0
        assert out["valid"] is True
        assert out["kind"] == "invention"
        assert out["display"] == "ZL 201710601862.3"
        assert out["list_form"] == "2017106018623"


def test_number_check_old_and_utility_model(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "number", "check", "95115608.X")
    assert code == 0 and out["list_form"] == "95115608X"
    code, out = run(capsys, "number", "check", "ZL 201220687633.0")
    assert code == 0 and out["kind"] == "utility_model"


def test_number_check_invalid_says_expected_digit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "number", "check", "ZL 201710601862.5")
    assert code == 2
    assert out["valid"] is False
    assert "3" in out["error"]
    code, out = run(capsys, "--lang", "en", "number", "check", "ZL 201710601862.5")
    assert "check digit" in out["error"].lower()


def test_db_current_upgrade_backup(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db_args = ["--data-dir", str(tmp_path / "data"), "--database", f"sqlite:///{tmp_path / 'cli.sqlite3'}"]
    code, out = run(capsys, *db_args, "db", "upgrade", "--create")
    assert code == 0 and out["to"] == out["to"] and out["from"] is None
    code, out = run(capsys, *db_args, "db", "current")
    assert code == 0 and out["current"] == out["head"]
    code, out = run(capsys, *db_args, "db", "backup")
    assert code == 0 and Path(out["backup"]).exists()


def test_import_right_show_audit_verify(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    parties = tmp_path / "parties.csv"
    parties.write_text(
        "名称,类型,统一社会信用代码,地址\n"
        "江苏恒顺新材料科技有限公司,企业,91110000600037341L,镇江市\n"
        "镇江高新研究院,高校/科研院所,91512081MA62K0260E,镇江市\n",
        encoding="utf-8-sig",
    )
    code, out = run(capsys, *db_args, "import", "parties", str(parties))
    assert code == 0 and out["written"] == 2
    rights = tmp_path / "rights.csv"
    rights.write_text(
        "专利号,名称,申请日,授权公告日,权利人,份额\n"
        "2017106018623,一种图像处理装置及方法,2017-07-25,2020-03-10,91110000600037341L；镇江高新研究院,70；30\n",
        encoding="utf-8",
    )
    code, out = run(capsys, *db_args, "import", "rights", str(rights))
    assert code == 0, out
    code, out = run(capsys, *db_args, "right", "show", "ZL 201710601862.3")
    assert code == 0
    assert out["title"] == "一种图像处理装置及方法"
    assert out["kind"] == "invention"
    assert out["expiry_date"] == "2037-07-24"
    assert [o["share"] for o in out["owners"]] == ["70.00", "30.00"]
    code, out = run(capsys, *db_args, "audit", "verify")
    assert code == 0 and out["ok"] and out["entries"] == 2  # one entry per import, binding its rows (issue 14)

    engine = make_engine(db_args[3])
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2"))
    engine.dispose()
    code, out = run(capsys, *db_args, "audit", "verify")
    assert code == 1 and not out["ok"] and out["first_bad_seq"] == 2


def test_import_with_bad_rows_reports_all_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "名称,类型,统一社会信用代码\n"
        "甲公司,企业,91110000600037341L\n"
        ",企业,91512081MA62K0260E\n"
        "丙公司,企业,91350100M000100Y4Z\n"
        "丁公司,企业,91110000600037341L\n",
        encoding="utf-8",
    )
    code, out = run(capsys, *db_args, "import", "parties", str(bad))
    assert code == 2
    assert out["written"] == 0
    rows = sorted({p["row"] for p in out["problems"]})
    assert rows == [3, 4, 5]
    assert any(p["field"] == "统一社会信用代码" and "3" in p["message"] for p in out["problems"] if p["row"] == 4)
    code, out = run(capsys, *db_args, "right", "show", "2017106018623")
    assert code == 2  # nothing there
    engine = make_engine(db_args[3])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM parties")).scalar() == 0
    engine.dispose()


def test_import_xlsx_with_13_char_numbers(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["name", "kind", "uscc"])
    sheet.append(["江苏恒顺新材料科技有限公司", "enterprise", "91110000600037341L"])
    book.save(tmp_path / "p.xlsx")
    assert run(capsys, *db_args, "import", "parties", str(tmp_path / "p.xlsx"))[0] == 0
    book = Workbook()
    sheet = book.active
    sheet.append(["number", "title", "filing_date", "grant_date", "owners"])
    sheet.append([2014103620773, "一种钢结构连接件", "2014-07-30", "2017-01-04", "江苏恒顺新材料科技有限公司"])
    book.save(tmp_path / "r.xlsx")
    code, out = run(capsys, *db_args, "import", "rights", str(tmp_path / "r.xlsx"))
    assert code == 0, out
    code, out = run(capsys, *db_args, "right", "show", "201410362077.3")
    assert out["owners"][0]["share"] == "100.00"


def test_unreadable_file_is_bad_input(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    f = tmp_path / "x.pdf"
    f.write_bytes(b"%PDF")
    code, out = run(capsys, *db_args, "import", "rights", str(f))
    assert code == 2 and out["errors"][0]["code"] == "import.file_type"


def test_module_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ipdesk", "number", "check", "2017106018623"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)["valid"] is True


def _seed_world(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    parties = tmp_path / "parties.csv"
    parties.write_text(
        "名称,类型,统一社会信用代码\n"
        "江苏恒顺新材料科技有限公司,企业,91110000600037341L\n"
        "中国银行股份有限公司镇江分行,银行,91512081MA62K0260E\n",
        encoding="utf-8",
    )
    assert run(capsys, *db_args, "import", "parties", str(parties))[0] == 0
    rights = tmp_path / "rights.csv"
    rights.write_text(
        "专利号,名称,申请日,授权公告日,权利人\n"
        "2017106018623,一种图像处理装置及方法,2017-07-25,2020-03-10,91110000600037341L\n",
        encoding="utf-8",
    )
    assert run(capsys, *db_args, "import", "rights", str(rights))[0] == 0


def _application(tmp_path: Path, **extra) -> Path:  # type: ignore[no-untyped-def]
    data = {
        "application_date": "2026-11-16",
        "pledgors": ["91110000600037341L"],
        "pledgee": "中国银行股份有限公司镇江分行",
        "debt": {"type": "loan", "amount": "5000000.00", "performance_deadline": "2028-11-15"},
        "rights": ["ZL 201710601862.3"],
        "documents": ["application_form", "pledge_contract", "id_or_commitment"],
        "clauses": ["parties", "debt", "deadline", "rights_list", "guarantee_scope"],
    }
    data.update(extra)
    path = tmp_path / "application.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_examine_register_show_cancel(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    _seed_world(capsys, db_args, tmp_path)
    app = _application(tmp_path)
    code, out = run(capsys, *db_args, "examine", str(app), "--on", "2026-11-16")
    assert code == 0 and out["outcome"] == "register"
    assert any(f["code"] == "P1" and f["status"] == "passed" for f in out["findings"])

    code, out = run(capsys, *db_args, "register", str(app), "--on", "2026-11-16")
    assert code == 0 and out["registered"] and out["registration_no"] == "Y2026980000001"
    assert out["effective_date"] == "2026-11-16"

    code, out = run(capsys, *db_args, "examine", str(app), "--on", "2026-11-17")  # now pledged: P9
    assert code == 1 and out["outcome"] == "refuse"
    assert [f["code"] for f in out["findings"] if f["status"] == "failed"] == ["P9"]
    code, out = run(capsys, *db_args, "register", str(app), "--on", "2026-11-17")
    assert code == 1 and out["registered"] is False

    code, out = run(capsys, *db_args, "pledge", "show", "Y2026980000001")
    assert code == 0 and out["status"] == "registered"
    assert out["rights"][0]["display_number"] == "ZL 201710601862.3"
    assert [e["kind"] for e in out["events"]] == ["applied", "registered"]

    code, out = run(capsys, *db_args, "pledge", "cancel", "Y2026980000001", "--trigger", "repaid", "--on", "2026-11-19")
    assert code == 0 and out["status"] == "cancelled"
    code, out = run(capsys, *db_args, "pledge", "cancel", "Y2026980000001", "--trigger", "repaid")
    assert code == 1 and out["errors"][0]["code"] == "pledge.read_only"


def test_examine_malformed_application(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    _seed_world(capsys, db_args, tmp_path)
    app = _application(
        tmp_path,
        debt={"amount": "-3", "performance_deadline": "2020-01-01"},
        rights=["ZL 201710601862.5"],
        pledgee="nobody",
    )
    code, out = run(capsys, *db_args, "examine", str(app))
    assert code == 2
    codes = {e["code"] for e in out["errors"]}
    assert {"pledge.bad_right_number", "pledge.party_unknown"} <= codes
    bad_number = next(e for e in out["errors"] if e["code"] == "pledge.bad_right_number")
    assert bad_number["params"]["value"].startswith("ZL 201710601862.5（") and "校验位" in bad_number["message"]
    code, out = run(capsys, "--lang", "en", *db_args, "examine", str(app))
    bad_number = next(e for e in out["errors"] if e["code"] == "pledge.bad_right_number")
    assert bad_number["message"].startswith("right no. 1 is not valid: ZL 201710601862.5 (")
    assert not any("\u4e00" <= c <= "\u9fff" for c in bad_number["message"])  # the nested reason is English too
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    code, out = run(capsys, *db_args, "examine", str(bad))
    assert code == 2 and out["errors"][0]["code"] == "import.unreadable"


def test_examine_correction_exit_1(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    _seed_world(capsys, db_args, tmp_path)
    app = _application(tmp_path, documents=["application_form", "pledge_contract"])
    code, out = run(capsys, *db_args, "examine", str(app), "--on", "2026-11-16")
    assert code == 1 and out["outcome"] == "correction"
    assert [f["code"] for f in out["findings"] if f["status"] == "correction"] == ["DOC"]


def test_notice_print_verify_revoke_search_gazette(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path
) -> None:
    _seed_world(capsys, db_args, tmp_path)
    app = _application(tmp_path)
    assert run(capsys, *db_args, "register", str(app), "--on", "2026-11-16")[0] == 0
    pdf = tmp_path / "notice.pdf"
    code, out = run(capsys, *db_args, "notice", "print", "Y2026980000001", "--kind", "registration", "--out", str(pdf))
    assert code == 0 and pdf.exists()
    serial, payload = out["serial"], out["payload"]
    code, out = run(capsys, *db_args, "verify", str(pdf))
    assert code == 0 and out["status"] == "genuine" and out["serial"] == serial
    assert out["pages_checked"] and out["content_checked"] and out["differences"] == []
    code, out = run(capsys, *db_args, "verify", payload)
    assert code == 0 and out["status"] == "genuine"
    # the code alone: says what it proves and shows the register's copy of the content
    assert not out["pages_checked"] and "不证明纸面文字未被改动" in out["reason"]
    stored = out["register_content"]
    assert stored["serial"] == serial and stored["registration_no"] == "Y2026980000001"
    # the paper and an exported checkpoint file anchor the audit log outside the database
    export = tmp_path / "checkpoints.json"
    code, out = run(capsys, *db_args, "audit", "checkpoints", "--out", str(export))
    assert code == 0 and out["checkpoints"] >= 1 and export.exists()
    code, out = run(capsys, *db_args, "audit", "verify", "--anchor", str(pdf), "--anchor", str(export))
    assert code == 0 and out["ok"] and out["keyed"] and out["mismatches"] == []
    assert {a["source"] for a in out["anchors"]} >= {"notice.pdf", "checkpoints.json"}
    code, out = run(
        capsys,
        *db_args,
        "notice",
        "print",
        "Y2026980000001",
        "--kind",
        "cancellation",
        "--out",
        str(tmp_path / "c.pdf"),
    )
    assert code == 1 and "尚未注销" in out["errors"][0]["message"]
    code, out = run(capsys, *db_args, "notice", "revoke", serial, "--reason", "误发")
    assert code == 0
    code, out = run(capsys, *db_args, "verify", payload)
    assert code == 1 and out["status"] == "revoked"

    cert = tmp_path / "cert.pdf"
    code, out = run(
        capsys,
        *db_args,
        "search",
        "--name",
        "江苏恒顺新材料科技股份有限公司",
        "--as-of",
        "2026-11-20",
        "--export",
        str(tmp_path / "s.xlsx"),
        "--certificate",
        str(cert),
    )
    assert code == 0 and out["count"] == 1 and cert.exists() and (tmp_path / "s.xlsx").exists()
    assert out["results"][0]["registration_no"] == "Y2026980000001"
    assert out["results"][0]["status"] == "有效" and out["results"][0]["status_value"] == "in_force"
    code, out = run(capsys, "--lang", "en", *db_args, "search", "--registration-no", "Y2026980000001")
    assert out["results"][0]["status"] == "In force"  # the CLI renders in its language
    code, out = run(
        capsys, *db_args, "gazette", "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(tmp_path / "g.csv")
    )
    assert code == 0 and out["lines"] == 1
    code, out = run(
        capsys,
        "--lang",
        "en",
        *db_args,
        "gazette",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--out",
        str(tmp_path / "g-en.csv"),
    )
    assert (tmp_path / "g-en.csv").read_text(encoding="utf-8-sig").startswith("事项,")  # a publication: Chinese
    key = tmp_path / "office.pem"
    code, out = run(capsys, *db_args, "key", "export", str(key))
    assert code == 0 and key.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    old = out["key_id"]
    code, out = run(capsys, *db_args, "key", "rotate")
    assert code == 0 and out["key_id"] != old
    assert {k["key_id"]: k["valid_until"] is None for k in out["keys"]} == {old: False, out["key_id"]: True}
    code, out = run(capsys, *db_args, "audit", "verify")
    assert code == 0 and out["ok"]


def test_now_dates_a_registration_in_the_office_timezone(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path
) -> None:
    """``--now`` is the office clock: 17:58Z on 1 December is the 2nd in Beijing, on the entry and in the log."""
    _seed_world(capsys, db_args, tmp_path)
    app = _application(tmp_path, application_date=None)  # received today
    code, out = run(capsys, *db_args, "--now", "2026-12-01T17:58:00Z", "register", str(app))
    assert code == 0 and out["registered"] and out["effective_date"] == "2026-12-02"
    assert out["registration_no"] == "Y2026980000001"
    code, out = run(capsys, *db_args, "--now", "2026-12-02T09:00:00+08:00", "pledge", "show", "Y2026980000001")
    registered = next(e for e in out["events"] if e["kind"] == "registered")
    assert registered["on"] == "2026-12-02" and registered["at"].startswith("2026-12-01 17:58:00")
    code, out = run(
        capsys, *db_args, "--now", "2026-12-01T17:58:00Z", "pledge", "cancel", "Y2026980000001", "--trigger", "repaid"
    )
    assert code == 0 and out["cancelled_on"] == "2026-12-02"


def test_a_bad_now_is_bad_input_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path
) -> None:
    _seed_world(capsys, db_args, tmp_path)
    for bad in ("yesterday", "2026-13-01T00:00:00Z", "17:58"):
        code, out = run(capsys, *db_args, "--now", bad, "register", str(_application(tmp_path)))
        assert code == 2 and out["ok"] is False
        [problem] = out["errors"]
        assert problem["code"] == "cli.bad_now" and problem["field"] == "now" and bad in problem["message"]
    code, out = run(capsys, *db_args, "--lang", "en", "--now", "soon", "audit", "verify")
    assert code == 2 and "ISO timestamp" in out["errors"][0]["message"]
    engine = make_engine(f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM pledges")).scalar_one() == 0
    engine.dispose()


def test_a_reader_that_closes_the_pipe_gets_no_traceback(tmp_path: Path) -> None:
    # `ipdesk … | head -c 1` that has already gone: the JSON cannot be written; no bare traceback, exit 0.
    env = dict(os.environ, IPDESK_DATA_DIR=str(tmp_path), PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run([sys.executable, "-m", "ipdesk", "number", "check", "ZL 201710601862.3"],
                              stdout=write_end, stderr=subprocess.PIPE, env=env, timeout=60)
    finally:
        os.close(write_end)
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr and b"BrokenPipe" not in proc.stderr
