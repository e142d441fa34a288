"""Private files and backups: the data folder, the database and its backups are created for their user only
(0700 / 0600); two backups in the same second both survive; PostgreSQL is backed up with pg_dump before
every migration, its password never on the command line, and a missing pg_dump refuses the migration."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import make_url

from ipdesk.config import AppConfig, sqlite_url
from ipdesk.domain.shared.problems import RuleRefusal
from ipdesk.services.workstation import open_workstation
from ipdesk.storage import migrate
from ipdesk.storage.engine import make_engine
from tests.conftest import PG_URL, REQUIRE_PG


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


class SameSecond(datetime):
    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
        return datetime(2026, 12, 1, 22, 0, 0, tzinfo=UTC)


def test_a_new_register_and_its_backups_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "home" / "ipdesk"
    ws = open_workstation(AppConfig(data, sqlite_url(data / "ipdesk.sqlite3")), create=True)
    try:
        ws.notices.export_public_key(tmp_path / "pub.pem")  # makes the office key in keys/
        assert mode(data) == 0o700 and mode(data / "keys") == 0o700
        assert mode(data / "ipdesk.sqlite3") == 0o600
        assert mode(data / "keys" / "office_ed25519.pem") == 0o600
        monkeypatch.setattr(migrate, "datetime", SameSecond)
        first = migrate.backup(ws.engine, ws.config.backup_dir)
        second = migrate.backup(ws.engine, ws.config.backup_dir)
    finally:
        ws.close()
    assert first != second and first.exists() and second.exists()  # the same second, both kept
    assert second.name == first.name.replace(".sqlite3", "-2.sqlite3")
    assert mode(ws.config.backup_dir) == 0o700 and mode(first) == 0o600 and mode(second) == 0o600
    check = make_engine(f"sqlite:///{second}")
    with check.connect() as conn:  # a real copy, not the empty placeholder
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    check.dispose()


def test_pg_dump_gets_the_password_through_the_environment(tmp_path: Path) -> None:
    url = make_url("postgresql+psycopg://clerk:s3cret@db.office.local:5433/ipdesk?sslmode=require")
    argv, env = migrate.pg_dump_command("/usr/bin/pg_dump", url, tmp_path / "x.dump")
    assert not any("s3cret" in a for a in argv)  # `ps` shows the command line to every account
    assert env["PGPASSWORD"] == "s3cret"
    assert "--dbname=postgresql://clerk@db.office.local:5433/ipdesk?sslmode=require" in argv
    argv, env = migrate.pg_dump_command("/usr/bin/pg_dump", make_url("postgresql://clerk@db/ipdesk"),
                                        tmp_path / "x.dump")
    assert env.get("PGPASSWORD") == os.environ.get("PGPASSWORD")  # none given: libpq's ~/.pgpass


@pytest.fixture
def pg_one_revision_behind(pg_migrated: str):  # type: ignore[no-untyped-def]
    if not PG_URL:
        pytest.fail("PostgreSQL required") if REQUIRE_PG else pytest.skip("PostgreSQL not configured")
    eng = make_engine(pg_migrated)
    head = ScriptDirectory.from_config(migrate.alembic_config()).get_revision(migrate.head_revision())
    migrate.downgrade(eng, head.down_revision)  # as a previous release left the server's database
    yield eng, head
    migrate.upgrade_to_head(eng)  # the shared test database stays migrated
    eng.dispose()


def test_postgres_is_dumped_before_every_migration(pg_one_revision_behind, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    eng, head = pg_one_revision_behind
    copy = migrate.upgrade_to_head(eng, tmp_path / "backups")
    assert migrate.current_revision(eng) == head.revision
    assert copy is not None and copy.suffix == ".dump" and f"pre-migrate-{head.down_revision}" in copy.name
    assert copy.read_bytes()[:5] == b"PGDMP" and mode(copy) == 0o600 and mode(copy.parent) == 0o700


def test_without_pg_dump_the_migration_is_refused_and_nothing_changes(
    pg_one_revision_behind, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    eng, head = pg_one_revision_behind
    monkeypatch.setattr(migrate.shutil, "which", lambda _name: None)
    with pytest.raises(RuleRefusal) as err:
        migrate.upgrade_to_head(eng, tmp_path / "backups")
    assert [p.code for p in err.value.problems] == ["db.pg_dump_missing"]
    assert "pg_dump" in err.value.problems[0].message("zh") and "postgresql-client" in err.value.problems[0].message()
    assert migrate.current_revision(eng) == head.down_revision  # not migrated without its backup
    assert list((tmp_path / "backups").iterdir()) == []
