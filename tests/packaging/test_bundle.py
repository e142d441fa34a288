"""The PyInstaller bundle really starts: self-check offscreen, CLI JSON, migrations from inside the bundle.

Builds ``dist/ipdesk`` with ``packaging/build.py`` unless the bundle there was built from the current inputs
(a content hash of ipdesk/, migrations/, resources/, the spec and the pins, kept in
``build/pyinstaller/ipdesk-bundle.json``). A build takes about 45 s on the 2-core CI machine, the checks
about 10 s; with a fresh bundle the module runs in about 10 s.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sqlite3
import sys
import time
import uuid
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ipdesk_packaging_build", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while the class is created
    spec.loader.exec_module(module)
    return module


build = _load_build()


@pytest.fixture(scope="module")
def bundle() -> Path:
    pytest.importorskip("PyInstaller", reason="PyInstaller is in the dev extras: pip install -e '.[dev]'")
    t = time.monotonic()
    built = build.ensure_bundle(build.Report())
    print(f"bundle {'built' if built else 'reused'} in {time.monotonic() - t:.1f} s: {build.size_report()}")
    return build.BUNDLE


def run(bundle: Path, tmp_path: Path, *args: str, stdin: str | None = None,
        **env: str):  # type: ignore[no-untyped-def]
    return build.run_bundle(list(args), build.bundle_env(tmp_path / "data", tmp_path / "config", **env),
                            bundle=bundle, stdin=stdin)


#: The office the bundle tests sign in to: its administrator, a clerk and an approver (user → password).
BOSS, CLERK, APPROVER = ("boss", "chief-secret-2026"), ("dengji", "desk-secret-2026"), ("shenhe", "check-secret-26")


def as_user(user: tuple[str, str]) -> dict[str, str]:
    return {"IPDESK_USER": user[0], "IPDESK_PASSWORD": user[1]}


def open_office(bundle: Path, tmp_path: Path, *, staff: bool = False) -> None:
    """The first administrator (the bootstrap); with ``staff`` also a clerk and an approver, each of whom
    chooses their own password at the first sign-in, as a new office starts."""
    proc = run(bundle, tmp_path, "user", "add", BOSS[0], "--role", "admin", "--password-stdin", stdin=BOSS[1])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for user, role in ((CLERK, "clerk"), (APPROVER, "approver")) if staff else ():
        first = "first-" + user[1]
        proc = run(bundle, tmp_path, "user", "add", user[0], "--role", role, "--password-stdin", stdin=first,
                   **as_user(BOSS))
        assert proc.returncode == 0, proc.stdout + proc.stderr
        proc = run(bundle, tmp_path, "user", "passwd", user[0], "--password-stdin", stdin=user[1],
                   IPDESK_USER=user[0], IPDESK_PASSWORD=first)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def create_database(bundle: Path, tmp_path: Path) -> None:
    """A new register in the data folder, as an office creates one (commands do not make one by a typo)."""
    proc = run(bundle, tmp_path, "db", "upgrade", "--create")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_bundle_carries_resources_modules_and_libraries(bundle: Path) -> None:
    assert build.bundle_is_fresh(), "the sources changed while the bundle was being built: run again"
    assert build.check_layout(bundle) == []
    assert build.check_modules(bundle) == []
    errors, _target_needs = build.check_libraries(bundle)
    assert errors == []


def test_self_check_opens_database_and_main_window(bundle: Path, tmp_path: Path) -> None:
    proc = run(bundle, tmp_path, "--self-check")
    assert proc.returncode == 0, proc.stderr
    assert "self-check ok" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert "could not be loaded" not in proc.stderr  # the bundled CJK font
    assert (tmp_path / "data" / "ipdesk.sqlite3").is_file()


def test_number_check_prints_json(bundle: Path, tmp_path: Path) -> None:
    proc = run(bundle, tmp_path, "number", "check", build.SAMPLE_NUMBER)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["valid"] is True and out["kind"] == "invention"
    assert out["display"] == "ZL 201710601862.3" and out["list_form"] == "2017106018623"

    bad = run(bundle, tmp_path, "number", "check", "2017106018624")  # wrong check digit
    assert bad.returncode == 2
    assert json.loads(bad.stdout)["valid"] is False


def test_number_check_prints_chinese_without_a_locale(bundle: Path, tmp_path: Path) -> None:
    env = build.bundle_env(tmp_path / "data", tmp_path / "config")
    for key in ("LANG", "LC_ALL", "LC_CTYPE", "PYTHONIOENCODING"):
        env.pop(key, None)
    proc = build.run_bundle(["number", "check", "国作登字-2023-A-00123456"], env, bundle=bundle)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["input"] == "国作登字-2023-A-00123456"


def test_db_upgrade_migrates_an_empty_sqlite_database(bundle: Path) -> None:
    from ipdesk.storage.schema import load_all

    result = build.check_db_upgrade(bundle)  # raises with the bundle's output unless None -> head
    assert result["to"] == build.expected_head()
    missing = set(load_all().tables) - set(result["tables"])
    assert not missing, f"tables not created by the bundle's migrations: {sorted(missing)}"


def test_db_upgrade_on_postgresql(bundle: Path) -> None:
    url = os.environ.get("IPDESK_TEST_PG_URL", "")
    if not url:
        if os.environ.get("IPDESK_REQUIRE_PG") == "1":
            pytest.fail("IPDESK_REQUIRE_PG=1 but IPDESK_TEST_PG_URL is not set")
        pytest.skip("PostgreSQL not configured (set IPDESK_TEST_PG_URL)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"ipdesk_bundle_{uuid.uuid4().hex[:8]}"  # its own database: the suite's one stays untouched
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        target = make_url(url).set(database=name).render_as_string(hide_password=False)
        result = build.check_db_upgrade(bundle, database_url=target)  # psycopg (binary) from the bundle
        assert result["to"] == build.expected_head()
        engine = create_engine(target)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == result["to"]
            assert conn.execute(text("SELECT count(*) FROM rights")).scalar() == 0
        engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_xlsx_import_and_right_show(bundle: Path, tmp_path: Path) -> None:
    """openpyxl (imported lazily) and the services work frozen: import from Excel, then read back."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["name", "kind", "uscc"])
    book.active.append(["江苏恒顺新材料科技有限公司", "enterprise", "91110000600037341L"])
    book.save(tmp_path / "p.xlsx")
    create_database(bundle, tmp_path)
    proc = run(bundle, tmp_path, "import", "parties", str(tmp_path / "p.xlsx"))
    assert proc.returncode == 4 and "signin.no_users" in proc.stdout  # nobody signs in before the first user
    open_office(bundle, tmp_path)
    proc = run(bundle, tmp_path, "import", "parties", str(tmp_path / "p.xlsx"), **as_user(BOSS))
    assert proc.returncode == 0, proc.stdout + proc.stderr

    book = Workbook()
    book.active.append(["number", "title", "filing_date", "grant_date", "owners"])
    owner = "江苏恒顺新材料科技有限公司"
    book.active.append([2014103620773, "一种钢结构连接件", "2014-07-30", "2017-01-04", owner])
    book.save(tmp_path / "r.xlsx")
    proc = run(bundle, tmp_path, "import", "rights", str(tmp_path / "r.xlsx"), **as_user(BOSS))
    assert proc.returncode == 0, proc.stdout + proc.stderr

    proc = run(bundle, tmp_path, "right", "show", "201410362077.3", **as_user(BOSS))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    right = json.loads(proc.stdout)
    assert right["title"] == "一种钢结构连接件"
    assert right["owners"][0]["share"] == "100.00"

    proc = run(bundle, tmp_path, "audit", "verify", **as_user(BOSS))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    con = sqlite3.connect(tmp_path / "data" / "ipdesk.sqlite3")
    try:
        assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] >= 2
    finally:
        con.close()


def test_register_print_and_verify_a_notice_in_the_bundle(bundle: Path, tmp_path: Path) -> None:
    """ReportLab with the embedded CJK font, the Ed25519 seal and pypdf all work frozen."""
    (tmp_path / "p.csv").write_text(
        "名称,类型,统一社会信用代码\n江苏恒顺新材料科技有限公司,企业,91110000600037341L\n"
        "中国银行股份有限公司镇江分行,银行,91512081MA62K0260E\n", encoding="utf-8")
    (tmp_path / "r.csv").write_text(
        "专利号,名称,申请日,授权公告日,权利人\n2017106018623,一种图像处理装置及方法,2017-07-25,2020-03-10,"
        "91110000600037341L\n2018101234565,一种图像压缩方法,2018-02-06,2021-05-18,91110000600037341L\n",
        encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({
        "application_date": "2026-11-16", "pledgors": ["91110000600037341L"], "pledgee": "91512081MA62K0260E",
        "debt": {"amount": "5000000", "performance_deadline": "2028-11-15"}, "rights": ["ZL 201710601862.3"],
        "documents": ["application_form", "pledge_contract", "id_or_commitment"],
        "clauses": ["parties", "debt", "deadline", "rights_list", "guarantee_scope"]}, ensure_ascii=False),
        encoding="utf-8")
    create_database(bundle, tmp_path)
    open_office(bundle, tmp_path, staff=True)
    for args in (
        ("import", "parties", str(tmp_path / "p.csv")),
        ("import", "rights", str(tmp_path / "r.csv")),
    ):
        proc = run(bundle, tmp_path, *args, **as_user(BOSS))
        assert proc.returncode == 0, proc.stdout + proc.stderr
    # the administrator does not register (a separate duty); the clerk prepares, the approver confirms
    proc = run(bundle, tmp_path, "register", str(tmp_path / "a.json"), "--on", "2026-11-16", **as_user(BOSS))
    assert proc.returncode == 1 and "register_pledge" in proc.stdout, proc.stdout + proc.stderr
    proc = run(bundle, tmp_path, "register", str(tmp_path / "a.json"), "--on", "2026-11-16", **as_user(CLERK))
    assert proc.returncode == 0 and json.loads(proc.stdout)["pending"], proc.stdout + proc.stderr
    proc = run(bundle, tmp_path, "decision", "list", **as_user(APPROVER))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [decision] = json.loads(proc.stdout)["decisions"]
    proc = run(bundle, tmp_path, "decision", "confirm", str(decision["id"]), **as_user(APPROVER))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # a second pledge, so that the month-end batch below has two notices to share between two workers
    second = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    (tmp_path / "b.json").write_text(json.dumps({**second, "rights": ["ZL 201810123456.5"]}, ensure_ascii=False),
                                     encoding="utf-8")
    proc = run(bundle, tmp_path, "register", str(tmp_path / "b.json"), "--on", "2026-11-16", **as_user(CLERK))
    assert proc.returncode == 0 and json.loads(proc.stdout)["pending"], proc.stdout + proc.stderr
    proc = run(bundle, tmp_path, "decision", "list", **as_user(APPROVER))
    [decision] = json.loads(proc.stdout)["decisions"]
    proc = run(bundle, tmp_path, "decision", "confirm", str(decision["id"]), **as_user(APPROVER))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pdf = tmp_path / "notice.pdf"
    proc = run(bundle, tmp_path, "notice", "print", "Y2026980000001", "--kind", "registration", "--out", str(pdf),
               **as_user(CLERK))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and b"FontFile2" in pdf.read_bytes()
    proc = run(bundle, tmp_path, "verify", str(pdf), **as_user(CLERK))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout)["status"] == "genuine"
    # month end: both notices on two spawned workers — a frozen executable must start its workers through
    # multiprocessing.freeze_support (ipdesk/__main__.py), or each worker would run the CLI again
    batch = tmp_path / "month-end"
    proc = run(bundle, tmp_path, "notice", "print", "--all", "--kind", "registration", "--out", str(batch),
               "--workers", "2", **as_user(CLERK))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert (report["ok"], report["pledges"], report["written"], report["workers"]) == (True, 2, 2, 2), report
    files = sorted(batch.glob("*.pdf"))
    assert len(files) == 2, files
    # the first pledge's notice is a reprint of the one printed above: the same bytes
    assert any(f.read_bytes() == pdf.read_bytes() for f in files), [f.name for f in files]
    proc = run(bundle, tmp_path, "verify", str(files[-1]), **as_user(CLERK))
    assert proc.returncode == 0 and json.loads(proc.stdout)["status"] == "genuine", proc.stdout + proc.stderr
