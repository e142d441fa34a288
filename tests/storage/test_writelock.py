"""SQLite's write lock: readers never wait for it; a writer waits, says for whom, and gives up only after
IPDESK_LOCK_WAIT seconds with a coded problem (CLI exit 3), nothing written."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from ipdesk.cli.main import main
from ipdesk.storage import migrate, writelock
from ipdesk.storage.engine import make_engine
from tests.helpers.factories import make_uscc


@pytest.fixture
def database(tmp_path: Path) -> str:
    path = tmp_path / "data" / "ipdesk.sqlite3"
    path.parent.mkdir()
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade_to_head(engine)
    engine.dispose()
    return str(path)


def hold(path: str) -> sqlite3.Connection:
    """Another program (no ipdesk record) holds the write lock."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE audit_head SET seq = seq")
    return other


def test_a_writer_waits_says_so_and_gives_up_after_the_limit(database: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("IPDESK_LOCK_WAIT", "1.5")
    engine = make_engine(f"sqlite:///{database}")
    other = hold(database)
    heard: list[tuple[writelock.Holder | None, float]] = []
    stop = writelock.on_wait(lambda holder, seconds: heard.append((holder, seconds)))
    try:
        with engine.connect().execution_options(readonly=True) as conn:  # a reader: at once
            assert conn.execute(text("SELECT count(*) FROM rights")).scalar() == 0
        started = time.monotonic()
        with pytest.raises(writelock.DatabaseBusy) as refused, engine.begin() as conn:
            conn.execute(text("UPDATE audit_head SET seq = seq"))
        assert 1.4 < time.monotonic() - started < 5
        assert refused.value.problems[0].code == "db.locked" and "其他程序" in refused.value.messages("zh")[0]
        assert heard and heard[0][0] is None  # told at once whom it waits for (nobody it knows)
    finally:
        stop()
        other.rollback()
        other.close()
    with engine.begin() as conn:  # the lock is free again: the writer gets it, and its record goes after
        conn.execute(text("UPDATE audit_head SET seq = seq"))
        assert writelock.read_holder(database) is not None
        assert writelock.read_holder(database).pid == __import__("os").getpid()  # type: ignore[union-attr]
    assert writelock.read_holder(database) is None
    engine.dispose()


def test_cli_reads_while_locked_and_a_write_waits_then_exits_3(database: str, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("IPDESK_LOCK_WAIT", "1")
    args = ["--data-dir", str(Path(database).parent), "--database", f"sqlite:///{database}"]
    other = hold(database)
    try:
        assert main([*args, "db", "current"]) == 0  # start-up's schema check reads
        assert main([*args, "right", "show", "ZL 201710601862.3"]) == 2  # read, found nothing: not locked out
        capsys.readouterr()
        parties = Path(database).parent / "p.csv"
        parties.write_text(f"名称,类型,统一社会信用代码\n甲公司,企业,{make_uscc(1)}\n", "utf-8")
        code = main([*args, "import", "parties", str(parties)])
        captured = capsys.readouterr()
        assert code == 3 and json.loads(captured.out)["errors"][0]["code"] == "db.locked", captured.out
        assert "正在等待写入锁" in captured.err
    finally:
        other.rollback()
        other.close()
