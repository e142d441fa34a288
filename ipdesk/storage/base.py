"""The declarative base every table of every context derives from, and the row timestamps of a unit of work.

Tables live with their context: the register's in :mod:`ipdesk.storage.schema`, a later context's in
``ipdesk/storage/<context>/tables.py`` (imported at the end of ``schema`` so one metadata holds them all).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from ipdesk.storage.types import UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


#: Row timestamps a unit of work stamps from the office clock (see :func:`stamp_rows`); the column
#: defaults (the machine's clock) only serve rows written outside one (migrations, bulk SQL).
STAMPED_ON_INSERT = ("created_at", "updated_at", "at", "printed_at", "added_at")


def stamp_rows(session: Session, now: datetime) -> None:
    """Before a flush: give new rows their unset timestamps and changed rows their ``updated_at`` = ``now``."""
    for row in session.new:
        for name in STAMPED_ON_INSERT:
            if hasattr(type(row), name) and getattr(row, name) is None:
                setattr(row, name, now)
    for row in session.dirty:
        if hasattr(type(row), "updated_at") and session.is_modified(row, include_collections=False):
            row.updated_at = now


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
