"""The GUI's Workstation protocol: the real desk and the test doubles satisfy it; permissions fail closed."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from ipdesk.domain.shared.permissions import Action, Actor, Role
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.workstation import Workstation
from tests.gui.helpers.workstation import FakeWorkstation


def _members() -> set[str]:
    return {name for name in vars(Workstation) if not name.startswith("_")}


def test_the_real_workstation_satisfies_the_protocol(sqlite_workstation) -> None:
    assert isinstance(sqlite_workstation, Workstation)
    assert all(hasattr(sqlite_workstation, name) for name in _members())


def test_the_fake_workstation_satisfies_the_protocol() -> None:
    fake = FakeWorkstation()
    assert {"actor", "clock", "config", "rights", "database_description", "close"} <= _members()
    assert isinstance(fake, Workstation)
    assert isinstance(fake.actor, Actor)


def test_an_object_missing_a_member_does_not_satisfy_it() -> None:
    @dataclass
    class Partial:
        actor: Actor

    assert not isinstance(Partial(Actor("x")), Workstation)


def test_may_follows_the_role() -> None:
    assert may(Actor("c", Role.CLERK), Action.REGISTER_PLEDGE)
    assert not may(Actor("c", Role.CLERK), Action.ADMINISTER)
    assert not may(Actor("a", Role.AUDITOR), Action.EDIT_RIGHTS)
    assert may(Actor("root", Role.ADMIN), Action.ADMINISTER)


class _NoMay:
    username = "ghost"


class _Broken:
    def may(self, action: Action) -> bool:
        raise KeyError(action)


class _Truthy:
    def may(self, action: Action) -> object:
        return "yes"  # not a real answer: only True allows


@pytest.mark.parametrize("actor", [None, _NoMay(), _Broken(), _Truthy(), object()],
                         ids=["none", "no-may", "raises", "truthy-not-true", "object"])
def test_may_fails_closed(actor: object) -> None:
    assert may(actor, Action.EDIT_RIGHTS) is False  # type: ignore[arg-type]


def test_an_unknown_role_is_read_only() -> None:
    odd = Actor("odd", "visitor")  # type: ignore[arg-type]  # e.g. a role from a newer database
    assert not may(odd, Action.EDIT_PARTIES)
