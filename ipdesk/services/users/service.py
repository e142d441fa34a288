"""The user service: accounts (add, list, role, lock, unlock, password) and sign-in with a lock-out.

Every command but sign-in needs ``Action.ADMINISTER`` (a user may change their own password). Sign-in is
audited whether it succeeds or not: a failure commits its count and audit entry in its own transaction,
then raises :class:`SignInFailed`. No password, and no hash, goes into an audit entry or a log line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.messages import register, register_labels
from ipdesk.domain.shared.permissions import SYSTEM, Action, Actor, Role
from ipdesk.domain.shared.problems import NotFound, Problem, RuleRefusal, SignInFailed, ValidationError
from ipdesk.domain.users import rules, signin_messages  # noqa: F401  (the sign-in's codes)
from ipdesk.services import audit
from ipdesk.services.office.settings import OfficeService
from ipdesk.services.uow import reading, transaction
from ipdesk.services.users import passwords
from ipdesk.storage.schema import PartyRow, UserRow

register({
    "users.name_taken": ("用户名已存在：{name}", "the user name is taken: {name}"),
    "users.first_admin": ("第一个用户须为管理员（admin）", "the first user must be an administrator (admin)"),
    "users.last_admin": ("不能锁定或降级最后一个可用的管理员：{name}",
                         "the last active administrator cannot be locked or given another role: {name}"),
    "users.own_role": ("不能修改自己的角色", "you cannot change your own role"),
})
register_labels({"用户": "user"})


@dataclass(frozen=True)
class User:
    """An account as the front ends see it (no password hash)."""

    id: int
    name: str
    role: Role
    party_id: int | None
    must_change_password: bool
    failed_attempts: int
    locked: bool
    created_at: datetime
    updated_at: datetime
    decides: bool = False  # an administrator signed in where the office lets administrators decide too

    @property
    def actor(self) -> Actor:
        return Actor(self.name, self.role, self.party_id, decides=self.decides and self.role is Role.ADMIN)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "role": self.role.value, "party_id": self.party_id,
                "must_change_password": self.must_change_password, "failed_attempts": self.failed_attempts,
                "locked": self.locked, "created_at": self.created_at.isoformat(),
                "updated_at": self.updated_at.isoformat()}


def _user(row: UserRow) -> User:
    return User(row.id, row.name, Role(row.role), row.party_id, row.must_change_password, row.failed_attempts,
                row.locked, row.created_at, row.updated_at)


def _snapshot(row: UserRow) -> dict[str, Any]:
    """What an audit entry keeps of an account: never the hash."""
    return {"name": row.name, "role": row.role, "party_id": row.party_id, "locked": row.locked,
            "must_change_password": row.must_change_password}


class UserService:
    def __init__(self, engine: Engine, clock: Clock | None = None, office: OfficeService | None = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()
        self.office = office if office is not None else OfficeService(engine, self.clock)

    # --- reads ---------------------------------------------------------------------------------------

    def has_users(self) -> bool:
        with reading(self.engine) as session:
            return session.execute(select(func.count()).select_from(UserRow)).scalar_one() > 0

    def list(self, actor: Actor) -> list[User]:
        actor.require(Action.ADMINISTER)
        with reading(self.engine) as session:
            return [_user(r) for r in session.execute(select(UserRow).order_by(UserRow.name)).scalars()]

    # --- commands ------------------------------------------------------------------------------------

    def add(self, actor: Actor, name: str, role: str | Role, password: str, party_id: int | None = None) -> User:
        """A new account; one an administrator creates for someone else must change its password first."""
        actor.require(Action.ADMINISTER)
        problems = rules.check_name(name)
        parsed, role_problems = rules.parse_role(str(role))
        problems += role_problems
        settings = self.office.settings()
        problems += rules.check_password(password, name, settings.password_min_length)
        if problems:
            raise ValidationError(problems)
        assert parsed is not None
        key = rules.normalise_name(name)
        with transaction(self.engine, self.clock) as session:
            self._check_party(session, parsed, party_id)
            if session.execute(select(UserRow.id).where(UserRow.name == key)).first() is not None:
                raise ValidationError(Problem("users.name_taken", "name", {"name": key}))
            first = session.execute(select(func.count()).select_from(UserRow)).scalar_one() == 0
            if first and parsed is not Role.ADMIN:
                raise RuleRefusal(Problem("users.first_admin", "role"))
            row = UserRow(name=key, role=parsed.value, party_id=party_id,
                          password_hash=passwords.hash_password(password),
                          must_change_password=not first and key != rules.normalise_name(actor.username),
                          failed_attempts=0, locked=False)
            session.add(row)
            session.flush()
            audit.record(session, actor, "user.add", "user", row.id, f"新增用户 {key}（{parsed.value}）",
                         None, _snapshot(row))
            return _user(row)

    def set_role(self, actor: Actor, name: str, role: str | Role, party_id: int | None = None) -> User:
        actor.require(Action.ADMINISTER)
        parsed, problems = rules.parse_role(str(role))
        if problems:
            raise ValidationError(problems)
        assert parsed is not None
        with transaction(self.engine, self.clock) as session:
            row = self._row(session, name)
            if row.name == rules.normalise_name(actor.username):
                raise RuleRefusal(Problem("users.own_role", "role"))
            self._check_party(session, parsed, party_id)
            if parsed is not Role.ADMIN:
                self._keep_an_admin(session, row)
            before = _snapshot(row)
            row.role, row.party_id = parsed.value, party_id
            session.flush()
            audit.record(session, actor, "user.role", "user", row.id, f"修改用户 {row.name} 的角色为 {parsed.value}",
                         before, _snapshot(row))
            return _user(row)

    def lock(self, actor: Actor, name: str) -> User:
        actor.require(Action.ADMINISTER)
        with transaction(self.engine, self.clock) as session:
            row = self._row(session, name)
            self._keep_an_admin(session, row)
            before = _snapshot(row)
            row.locked = True
            session.flush()
            audit.record(session, actor, "user.lock", "user", row.id, f"锁定用户 {row.name}", before, _snapshot(row))
            return _user(row)

    def unlock(self, actor: Actor, name: str) -> User:
        actor.require(Action.ADMINISTER)
        with transaction(self.engine, self.clock) as session:
            row = self._row(session, name)
            before = _snapshot(row)
            row.locked, row.failed_attempts = False, 0
            session.flush()
            audit.record(session, actor, "user.unlock", "user", row.id, f"解锁用户 {row.name}", before, _snapshot(row))
            return _user(row)

    def change_password(self, actor: Actor, name: str, new_password: str) -> User:
        """Set ``name``'s password: their own, or anyone's by an administrator (who then must change it)."""
        own = rules.normalise_name(name) == rules.normalise_name(actor.username)
        if not own:
            actor.require(Action.ADMINISTER)
        problems = rules.check_password(new_password, name, self.office.settings().password_min_length)
        if problems:
            raise ValidationError(problems)
        with transaction(self.engine, self.clock) as session:
            row = self._row(session, name)
            row.password_hash = passwords.hash_password(new_password)
            row.must_change_password = not own
            session.flush()
            audit.record(session, actor, "user.password", "user", row.id, f"修改用户 {row.name} 的密码")
            return _user(row)

    def note_idle_lock(self, actor: Actor) -> None:
        """The front end locked ``actor``'s desk for want of input (the unlock is a sign-in: audited there)."""
        with transaction(self.engine, self.clock) as session:
            row = self._row(session, actor.username)
            audit.record(session, actor, "session.lock", "user", row.id, f"空闲锁定：用户 {row.name}")

    def authenticate(self, name: str, password: str) -> User:
        """The account ``name`` signs in as.

        Raises:
            SignInFailed: unknown name, wrong password (counted: the N-th in a row locks the account) or a
                locked account; the attempt is audited and committed all the same.
        """
        key = rules.normalise_name(name)
        limit = max(1, self.office.settings().lockout_attempts)
        failure: Problem | None = None
        with transaction(self.engine, self.clock) as session:
            row = None if rules.check_name(name) else session.execute(
                select(UserRow).where(UserRow.name == key)).scalar_one_or_none()
            good = passwords.verify(row.password_hash if row is not None else None, password)
            if row is None:
                audit.record(session, SYSTEM, "signin.failed", "user", None, "登录失败：无此用户",
                             None, {"name": name[:40]})
                failure = Problem("signin.failed")
            elif row.locked:
                audit.record(session, _user(row).actor, "signin.refused", "user", row.id, "登录被拒：账户已锁定")
                failure = Problem("signin.locked", params={"name": row.name})
            elif not good:
                row.failed_attempts += 1
                audit.record(session, _user(row).actor, "signin.failed", "user", row.id,
                             f"登录失败：密码错误（连续第 {row.failed_attempts} 次）")
                failure = Problem("signin.failed")
                if row.failed_attempts >= limit:
                    row.locked = True
                    audit.record(session, SYSTEM, "user.lock", "user", row.id,
                                 f"连续 {row.failed_attempts} 次登录失败，锁定用户 {row.name}")
            else:
                row.failed_attempts = 0
                if passwords.needs_rehash(row.password_hash):
                    row.password_hash = passwords.hash_password(password)
                audit.record(session, _user(row).actor, "signin.ok", "user", row.id, f"用户 {row.name} 登录")
            session.flush()
            user = _user(row) if row is not None else None
        if failure is not None or user is None:
            raise SignInFailed(failure or Problem("signin.failed"))
        if user.role is Role.ADMIN and self.office.settings().admin_decides:
            user = replace(user, decides=True)
        return user

    # --- helpers -------------------------------------------------------------------------------------

    def _row(self, session: Session, name: str) -> UserRow:
        row = session.execute(select(UserRow).where(UserRow.name == rules.normalise_name(name))).scalar_one_or_none()
        if row is None:
            raise NotFound(Problem("not_found", "name", {"what": "用户", "key": name[:40]}))
        return row

    def _check_party(self, session: Session, role: Role, party_id: int | None) -> None:
        party = None
        if party_id is not None:
            row = session.get(PartyRow, party_id)
            if row is None:
                raise NotFound(Problem("not_found", "party", {"what": "当事人", "key": party_id}))
            party = (row.id, row.kind)
        problems = rules.check_party(role, party)
        if problems:
            raise ValidationError(problems)

    def _keep_an_admin(self, session: Session, row: UserRow) -> None:
        """Refuse to take away the last unlocked administrator (nobody could manage users any more)."""
        if row.role != Role.ADMIN.value or row.locked:
            return
        others = session.execute(select(func.count()).select_from(UserRow).where(
            UserRow.role == Role.ADMIN.value, UserRow.locked.is_(False), UserRow.id != row.id)).scalar_one()
        if others == 0:
            raise RuleRefusal(Problem("users.last_admin", "name", {"name": row.name}))
