"""The unit of work collects what a command changed and reports it only when it commits."""

from __future__ import annotations

import pytest

from ipdesk.domain.shared.permissions import SYSTEM
from ipdesk.services import audit
from ipdesk.services.uow import collect_changes, note, transaction


def test_committed_changes_reach_the_collector_and_rolled_back_ones_do_not(engine):
    with collect_changes() as seen:
        with transaction(engine) as session:
            audit.record(session, SYSTEM, "pledge.test", "pledge", 41, "test")
            note(session, "rights", 5)
        with pytest.raises(RuntimeError), transaction(engine) as session:
            audit.record(session, SYSTEM, "party.test", "party", 9, "test")
            raise RuntimeError("boom")
    assert seen.changes.pledges == {41} and seen.changes.rights == {5}
    assert seen.changes.audit and not seen.changes.parties


def test_nothing_is_collected_outside_a_block(engine):
    with transaction(engine) as session:
        note(session, "settings")
    with collect_changes() as seen:
        pass
    assert not seen.changes
