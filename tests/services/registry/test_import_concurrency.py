"""No lock that stops the office (issue 14): while another process imports, this one starts up, searches,
shows a right and registers a pledge on a right not in the import; a killed import leaves nothing."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from ipdesk.config import AppConfig
from ipdesk.domain.pledges.application import PledgeStatus
from ipdesk.domain.shared.problems import NotFound
from ipdesk.services.paging import Query
from ipdesk.services.pledges.service import PledgeService
from ipdesk.services.registry import import_rows
from ipdesk.services.workstation import Workstation, open_workstation
from ipdesk.storage import migrate, writelock
from ipdesk.storage.engine import make_engine
from ipdesk.storage.schema import RightRow
from tests.helpers.factories import ADMIN, application_data, pledge_world
from tests.services.registry.test_bulk_import import number, rights_csv

D = date(2026, 11, 16)


def _import(url: str, csv: str, folder: str, pause: bool) -> None:
    """Import ``csv``; once the first chunk is written, say so (a file ``writing``) and, with ``pause``,
    wait for a file ``go`` (the write transaction open all the while)."""
    from ipdesk.services.registry.imports import ImportService

    engine = make_engine(url)
    marks = Path(folder)

    def progress(done: int, total: int) -> None:
        if done >= total // 2 + import_rows.CHUNK and not (marks / "writing").exists():
            (marks / "writing").touch()
            deadline = time.monotonic() + 60
            while pause and not (marks / "go").exists() and time.monotonic() < deadline:
                time.sleep(0.02)

    report = ImportService(engine).import_file(ADMIN, "rights", Path(csv), progress=progress)
    (marks / ("done" if report.ok else "refused")).touch()
    engine.dispose()


def _start(workstation: Workstation, tmp_path: Path, rows: int, pause: bool, owner: str) -> tuple[mp.Process, Path]:
    csv = rights_csv(tmp_path / "big.csv", rows, owner, start=100)
    marks = tmp_path / "marks"
    marks.mkdir()
    url = workstation.engine.url.render_as_string(hide_password=False)
    proc = mp.get_context("spawn").Process(target=_import, args=(url, str(csv), str(marks), pause))
    proc.start()
    deadline = time.monotonic() + 300  # 100 k rows: half of them written first
    while not (marks / "writing").exists():
        assert proc.is_alive() and time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.02)
    return proc, marks


def rights_in(ws: Workstation) -> int:
    with Session(ws.engine) as s:
        return int(s.execute(select(func.count()).select_from(RightRow)).scalar_one())


@pytest.mark.parametrize("rows", [
    import_rows.CHUNK * 2 + 500,
    pytest.param(100_000, marks=pytest.mark.slow),  # the size: the import half written, its lock held
])
def test_the_office_works_while_another_process_imports(workstation: Workstation, tmp_path: Path,
                                                        rows: int) -> None:
    world = pledge_world(workstation)
    pledges = PledgeService(workstation.engine, clock=workstation.clock)
    filed = pledges.file(ADMIN, application_data(world), received=D)
    before = rights_in(workstation)
    waits: list[writelock.Holder | None] = []
    stop = writelock.on_wait(lambda holder, seconds: waits.append(holder))
    proc, marks = _start(workstation, tmp_path, rows, True, world["firm"].uscc)
    try:
        started = time.monotonic()
        assert migrate.current_revision(workstation.engine) == migrate.head_revision()  # start-up's check
        config = AppConfig(data_dir=tmp_path / "data", database_url=workstation.config.database_url)
        opened = open_workstation(config, ADMIN, clock=workstation.clock)  # a second clerk starts ipdesk
        found = opened.rights.page(Query(search="图像处理"), 0, 50)  # the import is not committed yet: the
        assert opened.rights.count(Query(search="图像处理")) == 1 == len(found)  # world's right alone
        shown = opened.rights.get_by_number(world["right"].display_number)
        assert shown.title == world["right"].title
        opened.close()
        assert time.monotonic() - started < 10  # readers never waited for the import

        done: dict[str, object] = {}
        writer = threading.Thread(target=lambda: done.update(rec=pledges.register(ADMIN, filed.id, on=D)))
        writer.start()
        if workstation.engine.dialect.name == "postgresql":
            writer.join(30)  # rows of other rights: the import does not stand in the way
            assert "rec" in done and not (marks / "done").exists()
        else:  # one writer at a time: the registration waits for the import and says for whom
            deadline = time.monotonic() + 30
            while not waits and time.monotonic() < deadline:
                time.sleep(0.05)
            assert waits and waits[0] is not None and "import rights big.csv" in waits[0].command
            assert waits[0].pid == proc.pid and "rec" not in done
        (marks / "go").touch()
        writer.join(120)
        proc.join(300)
    finally:
        stop()
        (marks / "go").touch()
        proc.join(30)
    assert (marks / "done").exists()
    assert done["rec"].status is PledgeStatus.REGISTERED  # type: ignore[attr-defined]
    assert rights_in(workstation) == before + rows  # (a search's count stops at 100 000)
    assert workstation.rights.get_by_number(number(100 + rows - 1)).title.endswith(f"({rows - 1})")


@pytest.mark.parametrize("rows, pause", [
    (import_rows.CHUNK * 2 + 500, True),
    pytest.param(100_000, False, marks=pytest.mark.slow),
])
def test_an_import_killed_while_writing_leaves_nothing(workstation: Workstation, tmp_path: Path, rows: int,
                                                       pause: bool) -> None:
    world = pledge_world(workstation)
    before = rights_in(workstation)
    proc, marks = _start(workstation, tmp_path, rows, pause, world["firm"].uscc)
    os.kill(proc.pid, signal.SIGKILL)  # kill -9: no rollback runs in the importer
    proc.join(30)
    assert not (marks / "done").exists()
    workstation.engine.dispose()
    engine = make_engine(workstation.config.database_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(RightRow)).scalar_one() == before
            assert conn.execute(text("SELECT count(*) FROM right_search")).scalar_one() == before
            if engine.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        with pytest.raises(NotFound):
            workstation.rights.get_by_number(number(100))
    finally:
        engine.dispose()
