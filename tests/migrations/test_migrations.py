"""Migrations on both engines: upgrade an empty database to head, no autogenerate diff, downgrade to base."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from ipdesk.storage import migrate
from ipdesk.storage.engine import make_engine
from ipdesk.storage.registry.search import include_object
from ipdesk.storage.schema import Base
from tests.conftest import PG_URL, REQUIRE_PG


@pytest.fixture(params=["sqlite", "postgres"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    else:
        if not PG_URL:
            if REQUIRE_PG:
                pytest.fail("PostgreSQL required")
            pytest.skip("PostgreSQL not configured")
        eng = make_engine(PG_URL)
        with eng.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    yield eng
    if request.param == "postgres":
        # Leave the shared test database migrated, as the session fixture (pg_migrated) made it: tests that
        # use it may run before this one (tests/demo does) as well as after.
        with eng.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        migrate.upgrade_to_head(eng)
    eng.dispose()


def test_upgrade_to_head_then_no_diff_then_downgrade(empty_engine: Engine) -> None:
    assert migrate.current_revision(empty_engine) is None
    migrate.upgrade_to_head(empty_engine)
    assert migrate.current_revision(empty_engine) == migrate.head_revision()
    tables = set(inspect(empty_engine).get_table_names())
    assert {"rights", "parties", "right_owners", "audit_log", "audit_head", "right_search"} <= tables

    with empty_engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"include_object": include_object, "compare_type": True}
        )
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"

    migrate.downgrade(empty_engine, "base")
    remaining = set(inspect(empty_engine).get_table_names()) - {"alembic_version"}
    assert remaining == set()
    # and up again: the chain is re-runnable
    migrate.upgrade_to_head(empty_engine)
    assert migrate.current_revision(empty_engine) == migrate.head_revision()


def test_revision_chain_is_linear() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    heads = script.get_heads()
    assert len(heads) == 1
    revisions = list(script.walk_revisions())
    assert sum(1 for r in revisions if r.down_revision is None) == 1


def test_sqlite_file_is_copied_before_migrating(tmp_path: Path, sqlite_template: Path) -> None:
    db = tmp_path / "old.sqlite3"
    shutil.copy(sqlite_template, db)
    eng = make_engine(f"sqlite:///{db}")
    head = ScriptDirectory.from_config(migrate.alembic_config()).get_revision(migrate.head_revision())
    assert head.down_revision is not None
    migrate.downgrade(eng, head.down_revision)  # an older file, as a previous release left it
    copy = migrate.upgrade_to_head(eng, tmp_path / "backups")
    assert migrate.current_revision(eng) == head.revision
    assert copy is not None and copy.exists()
    check = make_engine(f"sqlite:///{copy}")
    with check.connect() as conn:  # the copy is the database as it was before migrating
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head.down_revision
    check.dispose()
    eng.dispose()


def test_sqlite_pragmas(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_the_head_constant_is_alembics_head() -> None:
    # Start-up skips Alembic when the stored revision is HEAD_REVISION: a new revision must set it too.
    assert migrate.HEAD_REVISION == migrate.head_revision(), (
        "set ipdesk.storage.migrate.HEAD_REVISION to the new revision id")


def test_a_database_at_head_is_known_without_alembic(empty_engine: Engine) -> None:
    assert migrate.stored_revisions(empty_engine) == [] and not migrate.is_at_head(empty_engine)
    migrate.upgrade_to_head(empty_engine)
    assert migrate.stored_revisions(empty_engine) == [migrate.HEAD_REVISION]
    assert migrate.is_at_head(empty_engine)
