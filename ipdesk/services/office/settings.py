"""Office-wide settings shared through the database: office name, timezone, number formats, service
levels, correction period and the holiday calendar (shipped in resources/data, editable per office)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from functools import lru_cache

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from ipdesk.domain.office.workdays import SlaRule, SlaSettings, WorkCalendar, load_calendar
from ipdesk.domain.registry.trademark_similarity import SimilarityTable, load_similarity_table
from ipdesk.domain.shared.changes import Changes
from ipdesk.domain.shared.clock import DEFAULT_TIMEZONE, Clock, OfficeClock, is_known_zone
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import Problem, ValidationError
from ipdesk.resources import resource_path
from ipdesk.services import audit
from ipdesk.services.uow import changes_so_far, reading, transaction
from ipdesk.storage.schema import CounterRow, SettingRow

register({
    "office.unknown_timezone": ("未知的时区：{zone}（应为 IANA 时区名，例如 Asia/Shanghai）",
                                "unknown timezone: {zone} (use an IANA name such as Asia/Shanghai)"),
    "office.idle_lock_minutes": ("空闲锁定时间应为 {min}–{max} 分钟：{value}",
                                 "the idle lock must be {min}-{max} minutes: {value}"),
    "office.lockout_attempts": ("连续登录失败锁定次数应为 {min}–{max} 次：{value}",
                                "the failed sign-ins before a lock must be {min}-{max}: {value}"),
    "office.password_min_length": ("密码最短长度应为 {min}–{max} 个字符：{value}",
                                   "the minimum password length must be {min}-{max} characters: {value}"),
})


@dataclass(frozen=True)
class OfficeSettings:
    """Settings every workstation on the same database shares.

    The registration-number format is not published (DOMAIN.md: gazette data shows ``Y2022980001234``),
    so it is a format string with ``{year}`` and ``{seq}`` fields, configurable per office.
    """

    office_name: str = "国家知识产权局"
    timezone: str = DEFAULT_TIMEZONE  # IANA name; legal dates are days in this zone (ipdesk.domain.shared.clock)
    registration_no_format: str = "Y{year}98{seq:07d}"
    application_no_format: str = "ZY{year}{seq:06d}"
    notice_serial_format: str = "N{year}{seq:07d}"
    sla_patent_days: int = 5  # working days; 2021 rule unverified (K), 2010 rule was 7
    sla_trademark_days: int = 2  # working days to issue the certificate (K)
    sla_copyright_days: int = 10  # calendar days (著作权质权登记办法 第九条)
    correction_days: int = 30  # days the parties have to cure defects (configurable, not in the rules)
    password_min_length: int = 10  # characters (the other password rules: ipdesk.domain.users.rules)
    lockout_attempts: int = 5  # failed sign-ins in a row that lock an account until an administrator unlocks
    idle_lock_minutes: int = 15  # minutes without input before the GUI covers the window and asks the password
    # Decisions (register, refuse, cancel, revoke a notice) are prepared by one person and confirmed by
    # another (ipdesk.domain.pledges.maker_checker); on in a new office, an office may turn it off.
    maker_checker: bool = True
    # The administrator manages users and settings; registering and deciding is a separate duty
    # (ipdesk.domain.shared.permissions.DECISION_DUTIES). A one-person office may let the administrator do both.
    admin_decides: bool = False

    @property
    def sla(self) -> SlaSettings:
        return SlaSettings(
            patent=SlaRule(self.sla_patent_days, True),
            trademark=SlaRule(self.sla_trademark_days, True),
            copyright=SlaRule(self.sla_copyright_days, False),
        )


#: What a new office starts with (every setting a saved office has not set yet reads from here).
NEW_OFFICE = OfficeSettings()

_KEY = "office"
IDLE_LOCK_MINUTES = (1, 480)  # a lock within a minute would interrupt typing; past a working day it is none
LOCKOUT_ATTEMPTS = (1, 20)  # past 20 a password can be guessed at leisure
PASSWORD_MIN_LENGTH = (8, 64)  # under 8 an Argon2 hash is cheap to guess; past 64 nobody types it
#: setting → (its range, the problem code when outside it)
RANGES = {"idle_lock_minutes": (IDLE_LOCK_MINUTES, "office.idle_lock_minutes"),
          "lockout_attempts": (LOCKOUT_ATTEMPTS, "office.lockout_attempts"),
          "password_min_length": (PASSWORD_MIN_LENGTH, "office.password_min_length")}
_CALENDAR_KEY = "holiday_calendar"


@lru_cache(maxsize=1)
def shipped_calendar() -> WorkCalendar:
    return load_calendar(resource_path("data", "holidays_cn.json"))


@lru_cache(maxsize=1)
def similarity_table() -> SimilarityTable:
    return load_similarity_table(resource_path("data", "trademark_similarity.json"))


class OfficeService:
    def __init__(self, engine: Engine, clock: Clock | None = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()

    def settings(self, session: Session | None = None) -> OfficeSettings:
        if session is None:
            with reading(self.engine) as s:
                return self.settings(s)
        row = session.get(SettingRow, _KEY)
        if row is None or not row.value:
            return NEW_OFFICE
        known = {k: v for k, v in json.loads(row.value).items() if k in OfficeSettings.__dataclass_fields__}
        return replace(NEW_OFFICE, **known)

    def save_settings(self, actor: Actor, settings: OfficeSettings) -> Changes:
        actor.require(Action.ADMINISTER)
        problems = []
        for name, ((low, high), code) in RANGES.items():
            value = getattr(settings, name)
            if not isinstance(value, int) or not low <= value <= high:
                problems.append(Problem(code, name, {"min": low, "max": high, "value": value}))
        for name, label in (("maker_checker", "决定须经审核"), ("admin_decides", "管理员也可登记和决定")):
            if not isinstance(getattr(settings, name), bool):
                problems.append(Problem("bad_choice", name, {"label": label, "value": getattr(settings, name),
                                                             "choices": "true, false"}))
        if not is_known_zone(settings.timezone.strip()):
            problems.append(Problem("office.unknown_timezone", "timezone", {"zone": settings.timezone}))
        if problems:
            raise ValidationError(problems)
        settings = replace(settings, timezone=settings.timezone.strip())
        with transaction(self.engine, self.clock) as session:
            before = asdict(self.settings(session))
            row = session.get(SettingRow, _KEY) or SettingRow(key=_KEY)
            row.value = audit.canonical_json(asdict(settings))
            session.add(row)
            audit.record(
                session, actor, "settings.office", "settings", None, "修改登记机关设置", before, asdict(settings)
            )
            changes = changes_so_far(session)
        if isinstance(self.clock, OfficeClock):  # this workstation's dates follow the new zone at once
            self.clock.set_zone(settings.timezone)
        return changes

    def calendar(self, session: Session | None = None) -> WorkCalendar:
        """The office's calendar: its edited copy if saved, else the table shipped with the app."""
        if session is None:
            with reading(self.engine) as s:
                return self.calendar(s)
        row = session.get(SettingRow, _CALENDAR_KEY)
        if row is None or not row.value:
            return shipped_calendar()
        return WorkCalendar.from_json(json.loads(row.value))

    def save_calendar(self, actor: Actor, calendar: WorkCalendar) -> Changes:
        actor.require(Action.ADMINISTER)
        with transaction(self.engine, self.clock) as session:
            row = session.get(SettingRow, _CALENDAR_KEY) or SettingRow(key=_CALENDAR_KEY)
            row.value = audit.canonical_json(calendar.to_json())
            session.add(row)
            audit.record(session, actor, "settings.calendar", "settings", None, "修改节假日与调休工作日表")
            return changes_so_far(session)


def next_number(session: Session, name: str, year: int, count: int = 1) -> int:
    """The next value of a per-year counter, inside the caller's transaction (serialised by the row
    update on PostgreSQL and by the write lock on SQLite); ``count`` values taken at once: the last."""
    for _ in range(2):
        result = session.execute(
            update(CounterRow)
            .where(CounterRow.name == name, CounterRow.year == year)
            .values(value=CounterRow.value + count)
        )
        if result.rowcount:  # type: ignore[attr-defined]
            return int(
                session.execute(
                    select(CounterRow.value).where(CounterRow.name == name, CounterRow.year == year)
                ).scalar_one()
            )
        dialect = session.get_bind().dialect.name
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            session.execute(pg_insert(CounterRow).values(name=name, year=year, value=0).on_conflict_do_nothing())
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            session.execute(sqlite_insert(CounterRow).values(name=name, year=year, value=0).on_conflict_do_nothing())
    raise RuntimeError(f"counter {name}/{year} could not be created")


def format_number(fmt: str, year: int, seq: int) -> str:
    return fmt.format(year=year, seq=seq)


class SerialBlock:
    """The numbers of ``count`` documents (a batch's chunk) taken from a per-year counter in one update:
    the numbers one :func:`next_number` each would give, in order. A year that ends mid-block starts a
    new one; :meth:`close` gives the unused numbers back (the counter row stays locked by this
    transaction, so no one else took numbers after them)."""

    def __init__(self, session: Session, fmt: str, count: int, name: str = "notice"):
        self.session, self.fmt, self.name, self.wanted = session, fmt, name, count
        self.year: int | None = None
        self.next = self.end = 0

    def take(self, year: int) -> str:
        if year != self.year or self.next > self.end:
            self.close()
            size = max(self.wanted, 1)
            self.year, self.end = year, next_number(self.session, self.name, year, size)
            self.next = self.end - size + 1
        number, self.next, self.wanted = self.next, self.next + 1, self.wanted - 1
        return format_number(self.fmt, year, number)

    def close(self) -> None:
        if self.year is not None and self.next <= self.end:
            self.session.execute(update(CounterRow).where(CounterRow.name == self.name, CounterRow.year == self.year)
                                 .values(value=CounterRow.value - (self.end - self.next + 1)))
            self.next = self.end + 1
