"""Shared fixtures: real databases (a fresh migrated SQLite file per test; PostgreSQL when configured).

PostgreSQL runs when ``IPDESK_TEST_PG_URL`` is set (``.ci/run`` starts a throwaway server and sets it);
with ``IPDESK_REQUIRE_PG=1`` a missing server fails instead of skipping, so CI cannot go green without it.
Tests that use ``qapp``/``qtbot`` are marked ``gui`` automatically (qutebrowser's pattern).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from ipdesk.config import AppConfig
from ipdesk.domain.shared.clock import FixedClock
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.services.office import settings as office_settings
from ipdesk.services.office.settings import OfficeSettings
from ipdesk.services.workstation import Workstation
from ipdesk.storage import migrate
from ipdesk.storage.engine import make_engine
from ipdesk.storage.schema import load_all
from tests.helpers.clock import fixed_clock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_URL = os.environ.get("IPDESK_TEST_PG_URL", "")
REQUIRE_PG = os.environ.get("IPDESK_REQUIRE_PG") == "1"
BACKENDS = ["sqlite", "postgres"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if {"qapp", "qtbot", "qtmodeltester"} & set(getattr(item, "fixturenames", ())):
            item.add_marker("gui")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty SQLite database, copied for each test (migrating once is the slow part)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade_to_head(engine)
    engine.dispose()  # closing the last connection checkpoints the WAL into the file we copy
    return path


@pytest.fixture(scope="session")
def pg_migrated() -> str:
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("IPDESK_REQUIRE_PG=1 but IPDESK_TEST_PG_URL is not set")
        pytest.skip("PostgreSQL not configured (set IPDESK_TEST_PG_URL)")
    engine = make_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    migrate.upgrade_to_head(engine)
    engine.dispose()
    return PG_URL


def reset_postgres(engine: Engine) -> None:
    tables = ", ".join(t.name for t in load_all().sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        conn.execute(text("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, :h)"), {"h": "0" * 64})


def _engine_for(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Engine:
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "ipdesk.sqlite3"
        shutil.copy(template, path)
        return make_engine(f"sqlite:///{path}")
    url = request.getfixturevalue("pg_migrated")
    engine = make_engine(url)
    reset_postgres(engine)
    return engine


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty database on each backend."""
    eng = _engine_for(request.param, request, tmp_path)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    eng = _engine_for("sqlite", request, tmp_path)
    yield eng
    eng.dispose()


@pytest.fixture(autouse=True)
def no_maker_checker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests not about maker-checker decide directly, as an office without it does: the new-office
    defaults they run on have it off (nothing written, so audit counts and tamper checks are untouched).
    The maker-checker tests ask for ``maker_checker_on``: a new office's real defaults."""
    monkeypatch.setattr(office_settings, "NEW_OFFICE", OfficeSettings(maker_checker=False))


@pytest.fixture
def maker_checker_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new office's own defaults: maker-checker on."""
    monkeypatch.setattr(office_settings, "NEW_OFFICE", OfficeSettings())


@pytest.fixture
def actor() -> Actor:
    return Actor("tester", Role.CLERK)


@pytest.fixture
def clock() -> FixedClock:
    """The fixed clock the test workstations run on (office zone Asia/Shanghai, the default setting)."""
    return fixed_clock()


def _workstation(eng: Engine, tmp_path: Path, clock: FixedClock) -> Workstation:
    config = AppConfig(data_dir=tmp_path / "data", database_url=eng.url.render_as_string(hide_password=False))
    return Workstation(config=config, engine=eng, actor=Actor("tester", Role.ADMIN, decides=True), clock=clock)


@pytest.fixture
def workstation(engine: Engine, tmp_path: Path, clock: FixedClock) -> Workstation:
    """Services over a fresh database, on each backend, on the fixed test clock."""
    return _workstation(engine, tmp_path, clock)


@pytest.fixture
def sqlite_workstation(sqlite_engine: Engine, tmp_path: Path, clock: FixedClock) -> Workstation:
    """Services over a fresh SQLite database (GUI tests and the slower scenario tests), on the fixed clock."""
    return _workstation(sqlite_engine, tmp_path, clock)


@pytest.fixture(autouse=True)
def desk_of_one(request: pytest.FixtureRequest) -> Iterator[None]:
    """In-process CLI calls run their commands on a register without users, as its installer (every duty), unless
    marked ``real_sign_in``: the tests of sign-in itself, where only the bootstrap runs before the first user.
    (Its own patch, so a test's ``monkeypatch.undo()`` leaves it in place.)"""
    if request.node.get_closest_marker("real_sign_in") is not None:
        yield
        return
    from ipdesk.cli.commands import users as user_commands

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(user_commands, "_runs_before_the_first_user", lambda _args: True)
        yield
