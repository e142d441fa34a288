"""Alembic environment: the app passes its own connection; developers' CLI runs get one from the URL."""

from __future__ import annotations

import os

from alembic import context

from ipdesk.storage.engine import make_engine
from ipdesk.storage.registry.search import include_object
from ipdesk.storage.schema import load_all

config = context.config
target_metadata = load_all()  # every context's tables


def run_migrations(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs batch mode for ALTER
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    url = os.environ.get("IPDESK_DATABASE_URL", "sqlite:///migrations-scratch.sqlite3")
    engine = make_engine(url)
    with engine.connect() as conn:
        run_migrations(conn)
        conn.commit()
