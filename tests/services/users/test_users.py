"""Accounts and sign-in on both engines: bootstrap, lock-out and unlock, last administrator, bad input."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select, text

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import NotFound, RuleRefusal, SignInFailed, ValidationError
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import AuditRow, UserRow
from tests.helpers.factories import ADMIN, add_party

PASSWORD = "correct-horse-7"


def counts(ws: Workstation) -> tuple[int, int]:
    with ws.engine.connect() as conn:
        users = conn.execute(select(func.count()).select_from(UserRow)).scalar_one()
        entries = conn.execute(select(func.count()).select_from(AuditRow)).scalar_one()
    return users, entries


def actions(ws: Workstation) -> list[str]:
    with ws.engine.connect() as conn:
        return list(conn.execute(select(AuditRow.action).order_by(AuditRow.seq)).scalars())


@pytest.fixture
def office(workstation: Workstation) -> Workstation:
    """An office with its first administrator (boss) and a clerk (wangli)."""
    workstation.users.add(ADMIN, "boss", "admin", PASSWORD)
    workstation.users.add(Actor("boss", Role.ADMIN), "wangli", "clerk", "clerk-pass-01")
    return workstation


def test_the_first_user_must_be_an_admin_and_keeps_its_password(workstation: Workstation) -> None:
    assert not workstation.users.has_users()
    with pytest.raises(RuleRefusal) as err:
        workstation.users.add(ADMIN, "wangli", "clerk", PASSWORD)
    assert err.value.problems[0].code == "users.first_admin"
    assert counts(workstation) == (0, 0)
    first = workstation.users.add(ADMIN, "Boss", "admin", PASSWORD)
    assert first.name == "boss" and first.role is Role.ADMIN and not first.must_change_password
    assert workstation.users.has_users()
    assert workstation.users.authenticate("BOSS", PASSWORD).actor == Actor("boss", Role.ADMIN)


def test_an_account_an_admin_creates_must_change_its_password(office: Workstation) -> None:
    clerk = office.users.authenticate("wangli", "clerk-pass-01")
    assert clerk.must_change_password and clerk.created_at == office.clock.now()
    changed = office.users.change_password(clerk.actor, "wangli", "my-own-secret")
    assert not changed.must_change_password
    with pytest.raises(SignInFailed):
        office.users.authenticate("wangli", "clerk-pass-01")
    assert office.users.authenticate("wangli", "my-own-secret").failed_attempts == 0


def test_lock_out_after_n_failures_until_an_admin_unlocks(office: Workstation) -> None:
    assert office.office.settings().lockout_attempts == 5
    for attempt in range(1, 5):
        with pytest.raises(SignInFailed) as err:
            office.users.authenticate("wangli", "wrong password")
        assert err.value.exit_code == 4 and err.value.problems[0].code == "signin.failed"
        assert next(u for u in office.users.list(ADMIN) if u.name == "wangli").failed_attempts == attempt
    with pytest.raises(SignInFailed):
        office.users.authenticate("wangli", "wrong password")  # the fifth locks
    # Locked: even the right password is refused now, and says so.
    with pytest.raises(SignInFailed) as err:
        office.users.authenticate("wangli", "clerk-pass-01")
    assert err.value.problems[0].code == "signin.locked"
    assert actions(office)[-3:] == ["signin.failed", "user.lock", "signin.refused"]

    boss = Actor("boss", Role.ADMIN)
    unlocked = office.users.unlock(boss, "wangli")
    assert not unlocked.locked and unlocked.failed_attempts == 0
    assert office.users.authenticate("wangli", "clerk-pass-01").name == "wangli"
    assert actions(office)[-2:] == ["user.unlock", "signin.ok"]


def test_the_lockout_threshold_is_an_office_setting(office: Workstation) -> None:
    office.office.save_settings(ADMIN, replace(office.office.settings(), lockout_attempts=2))
    for _ in range(2):
        with pytest.raises(SignInFailed):
            office.users.authenticate("wangli", "nope nope nope")
    assert next(u for u in office.users.list(ADMIN) if u.name == "wangli").locked


def test_a_success_resets_the_count(office: Workstation) -> None:
    for _ in range(4):
        with pytest.raises(SignInFailed):
            office.users.authenticate("wangli", "wrong password")
    office.users.authenticate("wangli", "clerk-pass-01")
    with pytest.raises(SignInFailed):
        office.users.authenticate("wangli", "wrong password")
    assert not next(u for u in office.users.list(ADMIN) if u.name == "wangli").locked


def test_failed_sign_ins_are_audited_though_they_fail(office: Workstation) -> None:
    before = counts(office)
    for name in ("nobody", "x' OR '1'='1' --", "wangli"):
        with pytest.raises(SignInFailed) as err:
            office.users.authenticate(name, "whatever it is")
        assert err.value.problems[0].code == "signin.failed"  # the same answer whether the name exists or not
    assert counts(office) == (before[0], before[1] + 3)
    assert actions(office)[-3:] == ["signin.failed"] * 3
    assert office.audit.verify().ok


def test_the_last_admin_cannot_be_locked_or_demoted(office: Workstation) -> None:
    boss = Actor("boss", Role.ADMIN)
    before = counts(office)
    with pytest.raises(RuleRefusal) as err:
        office.users.lock(boss, "boss")
    assert err.value.problems[0].code == "users.last_admin"
    with pytest.raises(RuleRefusal) as err:
        office.users.set_role(ADMIN, "boss", "clerk")
    assert err.value.problems[0].code == "users.last_admin"
    assert counts(office) == before
    # With a second administrator, the first may be locked.
    office.users.add(boss, "deputy", "admin", "second-in-line-1")
    assert office.users.lock(Actor("deputy", Role.ADMIN), "boss").locked
    with pytest.raises(RuleRefusal):
        office.users.lock(Actor("deputy", Role.ADMIN), "deputy")


def test_nobody_changes_their_own_role(office: Workstation) -> None:
    office.users.add(Actor("boss", Role.ADMIN), "deputy", "admin", "second-in-line-1")
    with pytest.raises(RuleRefusal) as err:
        office.users.set_role(Actor("deputy", Role.ADMIN), "deputy", "clerk")
    assert err.value.problems[0].code == "users.own_role"
    assert office.users.set_role(Actor("boss", Role.ADMIN), "wangli", "approver").role is Role.APPROVER


@pytest.mark.parametrize(("name", "role", "password", "code"), [
    ("x'; DROP TABLE users; --", "clerk", PASSWORD, "users.name_invalid"),
    ("liu", "superuser", PASSWORD, "users.unknown_role"),
    ("liu", "clerk", "short", "users.password_short"),
    ("liu", "clerk", "liu-is-my-name", "users.password_has_name"),
    ("wangli", "clerk", PASSWORD, "users.name_taken"),
    ("WANGLI", "clerk", PASSWORD, "users.name_taken"),
    ("liu", "agency", PASSWORD, "users.party_required"),
])
def test_bad_input_writes_nothing(office: Workstation, name: str, role: str, password: str, code: str) -> None:
    before = counts(office)
    with pytest.raises(ValidationError) as err:
        office.users.add(ADMIN, name, role, password)
    assert code in {p.code for p in err.value.problems}
    assert all(p.message("en") != p.code for p in err.value.problems)  # in the catalogue, both languages
    assert counts(office) == before
    with office.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM users")).scalar_one() == before[0]


def test_officers_are_tied_to_a_party_of_their_kind(office: Workstation) -> None:
    enterprise = add_party(office)
    guarantee = add_party(office, "镇江市融资担保有限公司", 2, kind="guarantee")
    insurer = add_party(office, "人保财险镇江分公司", 3, kind="insurer")
    with pytest.raises(ValidationError) as err:
        office.users.add(ADMIN, "zhou", "agency", PASSWORD, enterprise.id)
    assert err.value.problems[0].code == "users.party_wrong_kind"
    with pytest.raises(ValidationError):
        office.users.add(ADMIN, "zhou", "insurer", PASSWORD, guarantee.id)
    with pytest.raises(NotFound):
        office.users.add(ADMIN, "zhou", "agency", PASSWORD, 9999)
    assert office.users.add(ADMIN, "zhou", "agency", PASSWORD, guarantee.id).party_id == guarantee.id
    assert office.users.add(ADMIN, "qian", "insurer", PASSWORD, insurer.id).role is Role.INSURER


def test_the_password_policy_follows_the_office_setting(office: Workstation) -> None:
    office.office.save_settings(ADMIN, replace(office.office.settings(), password_min_length=16))
    with pytest.raises(ValidationError):
        office.users.add(ADMIN, "liu", "clerk", PASSWORD)
    assert office.users.add(ADMIN, "liu", "clerk", PASSWORD + "-and-more").name == "liu"


def test_no_hash_or_password_in_the_audit_entries(office: Workstation) -> None:
    office.users.authenticate("boss", PASSWORD)
    office.users.change_password(Actor("boss", Role.ADMIN), "boss", "a-new-secret-99")
    with office.engine.connect() as conn:
        rows = conn.execute(select(AuditRow.summary, AuditRow.before, AuditRow.after)).all()
        hashes = list(conn.execute(select(UserRow.password_hash)).scalars())
    dump = repr(rows)
    assert PASSWORD not in dump and "a-new-secret-99" not in dump and "argon2" not in dump
    assert all(h.startswith("$argon2id$") for h in hashes)


def test_the_signed_in_user_names_the_postgres_connection(workstation: Workstation) -> None:
    from ipdesk.storage.engine import set_application_name

    set_application_name(workstation.engine, "boss")
    with workstation.engine.connect() as conn:
        if workstation.engine.dialect.name != "postgresql":
            pytest.skip("application_name is PostgreSQL's")
        assert conn.execute(text("SELECT current_setting('application_name')")).scalar_one() == "ipdesk:boss"
    listeners = len(workstation.engine.pool.dispatch.connect)
    for name in ("wangli", "zhou", "wangli"):  # switching user: the one listener names the current one
        set_application_name(workstation.engine, name)
    assert len(workstation.engine.pool.dispatch.connect) == listeners
    with workstation.engine.connect() as conn:
        assert conn.execute(text("SELECT current_setting('application_name')")).scalar_one() == "ipdesk:wangli"


def test_a_signed_in_officer_acts_for_its_party(office: Workstation) -> None:
    guarantee = add_party(office, "镇江市融资担保有限公司", 2, kind="guarantee")
    office.users.add(ADMIN, "zhou", "agency", PASSWORD, guarantee.id)
    assert office.users.authenticate("zhou", PASSWORD).actor == Actor("zhou", Role.AGENCY, guarantee.id)
    assert office.users.authenticate("boss", PASSWORD).actor.party_id is None


def test_an_idle_lock_is_audited_under_the_user(office: Workstation) -> None:
    office.users.note_idle_lock(Actor("boss", Role.ADMIN))
    assert actions(office)[-1] == "session.lock"
    with pytest.raises(NotFound):
        office.users.note_idle_lock(Actor("ghost", Role.CLERK))


def test_the_administrator_does_not_register_or_decide_unless_the_office_lets_them(office: Workstation) -> None:
    """Registering and deciding is a separate duty (issue 11): refused in the service, naming role and action."""
    from ipdesk.domain.shared.permissions import DECISION_DUTIES, Action
    from ipdesk.domain.shared.problems import PermissionDenied

    boss = office.users.authenticate("boss", PASSWORD).actor
    assert not any(boss.may(a) for a in DECISION_DUTIES) and boss.may(Action.ADMINISTER)
    with pytest.raises(PermissionDenied) as err:
        office.pledges.confirm(boss, 999999)
    assert "admin" in err.value.messages("en")[0] and "confirm_decision" in err.value.messages("en")[0]
    office.office.save_settings(boss, replace(office.office.settings(), admin_decides=True))
    boss = office.users.authenticate("boss", PASSWORD).actor  # the setting applies from the next sign-in
    assert all(boss.may(a) for a in DECISION_DUTIES)
    with pytest.raises(NotFound):
        office.pledges.confirm(boss, 999999)  # allowed now: there is no decision 999999
    clerk = Actor("wangli", Role.CLERK, decides=True)  # the flag is an administrator's only
    assert not clerk.may(Action.CONFIRM_DECISION)
