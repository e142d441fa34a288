"""Changes: what a command changed, and which pages it concerns."""

from __future__ import annotations

import pytest

from ipdesk.domain.shared.changes import NO_CHANGES, Changes, ChangeSet


def test_a_change_set_freezes_into_changes_by_kind():
    collected = ChangeSet()
    collected.add("pledges", 7)
    collected.add("rights", 1, 2, None)
    collected.add("audit")
    changes = collected.freeze()
    assert changes.pledges == {7} and changes.rights == {1, 2}
    assert changes.kinds == {"pledges", "rights", "audit"}
    assert changes.touches({"audit"}) and not changes.touches({"settings"})
    assert changes.touches({"*"})


def test_no_changes_touch_nothing_and_unknown_kinds_are_a_bug():
    assert not NO_CHANGES and not NO_CHANGES.touches({"*"})
    with pytest.raises(ValueError):
        ChangeSet().add("pledge", 1)


def test_changes_combine():
    both = Changes(pledges=frozenset({1})) | Changes(settings=True)
    assert both.kinds == {"pledges", "settings"}


def test_bulk_changes_touch_their_kind_without_listing_ids():
    collected = ChangeSet()
    collected.add_all("rights")
    changes = collected.freeze() | Changes(parties=frozenset({3}))
    assert changes.rights == frozenset() and changes.kinds == {"rights", "parties"}
    assert changes.touches({"rights"}) and not changes.touches({"pledges"})
    with pytest.raises(ValueError):
        ChangeSet().add_all("audit")
