"""One session and one transaction per use case; reads use a deferred (non-locking) transaction.

The session is the unit of work. While a command runs it collects what the command changed
(:func:`note`; :func:`ipdesk.services.audit.record` notes every audited entity by itself); when the
transaction commits, the changes are frozen and handed to every :func:`collect_changes` block open on
this thread — that is how the GUI's operation helper learns what to refresh, whichever services a
command composed. A rolled-back transaction reports nothing.

Commands that another context must run inside its own transaction (disposal cancels a pledge; a
marketplace deal records a transfer) have public ``*_in(uow, …)`` variants taking this session.
"""

from __future__ import annotations

import contextvars
import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from ipdesk.domain.shared.changes import NO_CHANGES, Changes, ChangeSet
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.storage.schema import load_all, stamp_rows

#: The unit of work a ``*_in`` command runs in: an open session inside a transaction.
UnitOfWork = Session

_CHANGES_KEY = "ipdesk.changes"
_CLOCK_KEY = "ipdesk.clock"
_collectors: contextvars.ContextVar[tuple[_Collector, ...]] = contextvars.ContextVar("ipdesk_collectors", default=())


class _Collector:
    """What :func:`collect_changes` yields: ``changes`` grows with every transaction committed in the block."""

    def __init__(self) -> None:
        self.changes: Changes = NO_CHANGES


@contextmanager
def collect_changes() -> Iterator[_Collector]:
    """Gather the changes of every transaction committed inside the block (on this thread)."""
    collector = _Collector()
    token = _collectors.set((*_collectors.get(), collector))
    try:
        yield collector
    finally:
        _collectors.reset(token)


def change_set(session: Session) -> ChangeSet:
    """The collector of the unit of work ``session`` belongs to (created on first use)."""
    found = session.info.get(_CHANGES_KEY)
    if found is None:
        found = session.info[_CHANGES_KEY] = ChangeSet()
    return found


def note(session: Session, kind: str, *ids: object) -> None:
    """Record inside a command that rows of ``kind`` (see ``ipdesk.domain.shared.changes.KINDS``) changed."""
    change_set(session).add(kind, *ids)


def note_all(session: Session, kind: str) -> None:
    """Record that rows of ``kind`` changed in bulk (too many to list: a demo load)."""
    change_set(session).add_all(kind)


def discard_changes(session: Session) -> None:
    """Forget what the unit of work noted (a command that rolled back by hand and returns normally)."""
    session.info.pop(_CHANGES_KEY, None)


def changes_so_far(session: Session) -> Changes:
    """What the running unit of work has changed up to now (what a command returns with its value)."""
    return change_set(session).freeze()


R = TypeVar("R")


def reported(session: Session, record: R) -> R:
    """``record`` with its ``changes`` field set to what the running unit of work changed so far.

    Frozen records are copied (``dataclasses.replace``); mutable reports are filled in place.
    """
    changes = changes_so_far(session)
    params = getattr(record, "__dataclass_params__", None)
    if params is not None and params.frozen:
        return dataclasses.replace(record, changes=changes)  # type: ignore[type-var]
    record.changes = changes  # type: ignore[attr-defined]
    return record


def _publish(changes: Changes) -> None:
    if changes:
        for collector in _collectors.get():
            collector.changes = collector.changes | changes


def clock_of(session: Session) -> Clock:
    """The office clock of the unit of work ``session`` belongs to (what audit entries and row
    timestamps use); a session opened without one gets the system clock in the default office zone."""
    found = session.info.get(_CLOCK_KEY)
    if found is None:
        found = session.info[_CLOCK_KEY] = OfficeClock()
    return found


@event.listens_for(Session, "before_flush")
def _stamp(session: Session, _context: Any, _instances: Any) -> None:
    # Only units of work opened by transaction() carry a clock; other sessions keep the column defaults.
    clock = session.info.get(_CLOCK_KEY)
    if clock is not None:
        stamp_rows(session, clock.now())


@contextmanager
def transaction(engine: Engine, clock: Clock | None = None) -> Iterator[Session]:
    """Commit on success, roll back on any exception: a use case writes all or nothing.

    ``clock`` (the workstation's office clock) dates everything the command writes: audit entries,
    ``created_at``/``updated_at``/``at`` of its rows."""
    load_all()  # a write may touch (and its audit entry bind) any context's tables: all mapped first
    with Session(engine, expire_on_commit=False, info={_CLOCK_KEY: clock or OfficeClock()}) as session:
        with session.begin():
            yield session
        changes = changes_so_far(session)
    _publish(changes)


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    with Session(engine.execution_options(readonly=True)) as session:
        yield session
