"""Demo accounts: one per role with the documented demo password, only in a database without users."""

from __future__ import annotations

from datetime import date

from ipdesk.demo.generator import load_demo_data
from ipdesk.demo.users import DEMO_PASSWORD, DEMO_USERS, add_demo_users
from ipdesk.domain.shared.permissions import Role
from ipdesk.services.users.service import UserService
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN


def test_demo_data_can_bring_one_user_per_role(workstation: Workstation) -> None:
    load_demo_data(workstation.engine, ADMIN, rights=200, seed=7, as_of=date(2026, 11, 21), users=True)
    users = UserService(workstation.engine)
    signed = [users.authenticate(name, DEMO_PASSWORD) for name, _role, _kind in DEMO_USERS]
    assert sorted(u.role for u in signed) == sorted(Role)  # every role, once
    assert not any(u.must_change_password for u in signed)  # demo accounts sign in straight away
    parties = {u.role: u.party_id for u in signed}
    assert parties[Role.AGENCY] is not None and parties[Role.INSURER] is not None
    assert add_demo_users(workstation.engine) == []  # users exist: no more demo accounts


def test_demo_data_brings_no_users_unless_asked(workstation: Workstation) -> None:
    load_demo_data(workstation.engine, ADMIN, rights=100, seed=7, as_of=date(2026, 11, 21))
    assert not UserService(workstation.engine).has_users()
