"""Working days in China (weekends, public holidays, 调休 make-up days) and the examination service level.

A working day is a Monday–Friday that is not a public holiday, or a weekend day the State Council made
a working day (调休上班). The table ships as ``resources/data/holidays_cn.json`` and can be edited;
:meth:`WorkCalendar.from_json` takes the parsed JSON (pure), :func:`load_calendar` reads a file.

Service level (SLA): examination must be decided within a time limit counted from receipt, and counted
again from the day the defects are cured (专利权质押登记办法: clock starts when the filing is complete):
5 working days for patents, 2 working days for trademark certificates, 10 days for copyrights
(著作权质权登记办法 第九条, calendar days). All three are configurable through :class:`SlaSettings`.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ipdesk.domain.registry.rights import RightKind

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class WorkCalendar:
    """Public holidays and adjusted working days.

    Attributes:
        holidays: days off (weekends inside a holiday period may be listed too; they change nothing).
        adjusted_workdays: weekend days that are working days (调休上班).
        years: the years the table covers (``covers`` tells whether a date is outside them, where only
            weekends are known).
        meta: per-year source/verified/note as read from the JSON, kept for :meth:`to_json`.
    """

    holidays: frozenset[date] = frozenset()
    adjusted_workdays: frozenset[date] = frozenset()
    years: frozenset[int] = frozenset()
    meta: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __repr__(self) -> str:
        return (
            f"WorkCalendar(years={sorted(self.years)}, holidays={len(self.holidays)}, "
            f"adjusted_workdays={len(self.adjusted_workdays)})"
        )

    def __post_init__(self) -> None:
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "adjusted_workdays", frozenset(self.adjusted_workdays))
        years = set(self.years) | {d.year for d in self.holidays | self.adjusted_workdays}
        object.__setattr__(self, "years", frozenset(years))

    # -- construction ------------------------------------------------------------------------------

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> WorkCalendar:
        """From the parsed holiday table.

        Format: ``{"years": {"2025": {"holidays": [...], "workdays": [...], "source": ..., ...}}}``,
        dates as ``yyyy-mm-dd``. Raises ValueError for a bad date, or a day listed both as holiday and
        as working day.
        """
        holidays: set[date] = set()
        workdays: set[date] = set()
        meta: dict[str, dict[str, Any]] = {}
        for year, entry in (obj.get("years") or {}).items():
            hs = {_parse_day(s) for s in entry.get("holidays", [])}
            ws = {_parse_day(s) for s in entry.get("workdays", [])}
            both = hs & ws
            if both:
                raise ValueError(f"{year}: listed as holiday and as working day: {sorted(both)}")
            holidays |= hs
            workdays |= ws
            meta[str(year)] = {k: v for k, v in entry.items() if k not in ("holidays", "workdays")}
        return cls(frozenset(holidays), frozenset(workdays), frozenset(int(y) for y in meta), meta)

    def to_json(self) -> dict[str, Any]:
        """The same format :meth:`from_json` reads (for the holiday-table editor)."""
        out: dict[str, Any] = {}
        for year in sorted(self.years):
            entry: dict[str, Any] = {
                "holidays": sorted(d.isoformat() for d in self.holidays if d.year == year),
                "workdays": sorted(d.isoformat() for d in self.adjusted_workdays if d.year == year),
            }
            entry.update(self.meta.get(str(year), {}))
            out[str(year)] = entry
        return {"years": out}

    # -- queries -----------------------------------------------------------------------------------

    def covers(self, day: date) -> bool:
        """Whether the table has holiday data for ``day``'s year."""
        return day.year in self.years

    def is_workday(self, day: date) -> bool:
        if day in self.adjusted_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def next_workday(self, day: date) -> date:
        """``day`` itself if it is a working day, else the first working day after it."""
        while not self.is_workday(day):
            day += ONE_DAY
        return day

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (the first working day after ``start`` is day 1).

        ``n == 0`` gives ``start``; a negative ``n`` counts backwards.
        """
        step = ONE_DAY if n >= 0 else -ONE_DAY
        day, left = start, abs(n)
        while left:
            day += step
            if self.is_workday(day):
                left -= 1
        return day

    def workdays_between(self, a: date, b: date) -> int:
        """Working days in the half-open range (a, b]; negative (−count of (b, a]) when b is before a."""
        if b < a:
            return -self.workdays_between(b, a)
        count, day = 0, a
        while day < b:
            day += ONE_DAY
            if self.is_workday(day):
                count += 1
        return count


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        raise ValueError(f"not a yyyy-mm-dd date: {text!r}") from None


def load_calendar(path: str | Path) -> WorkCalendar:
    """Read a holiday table file (UTF-8 JSON in the :meth:`WorkCalendar.from_json` format)."""
    with open(path, encoding="utf-8") as fh:
        return WorkCalendar.from_json(json.load(fh))


# --- service level ---------------------------------------------------------------------------------------


class SlaKind(enum.StrEnum):
    PATENT = "patent"
    TRADEMARK = "trademark"
    COPYRIGHT = "copyright"


@dataclass(frozen=True)
class SlaRule:
    """``days`` counted as working days (``working=True``) or calendar days."""

    days: int
    working: bool = True


@dataclass(frozen=True)
class SlaSettings:
    """Time limits per kind of right; ``roll_to_workday``: a calendar-day limit ending on a day off
    moves to the next working day (民法典第二百零三条)."""

    patent: SlaRule = SlaRule(5, True)
    trademark: SlaRule = SlaRule(2, True)
    copyright: SlaRule = SlaRule(10, False)
    roll_to_workday: bool = True

    def rule(self, kind: SlaKind) -> SlaRule:
        return {
            SlaKind.PATENT: self.patent,
            SlaKind.TRADEMARK: self.trademark,
            SlaKind.COPYRIGHT: self.copyright,
        }[kind]


DEFAULT_SLA = SlaSettings()


def sla_kind(kind: SlaKind | RightKind | str) -> SlaKind:
    """Map a right kind (or "patent"/"trademark"/"copyright") to its SLA family."""
    if isinstance(kind, SlaKind):
        return kind
    try:
        rk = RightKind(kind)
    except ValueError:
        return SlaKind(kind)
    if rk.is_patent:
        return SlaKind.PATENT
    if rk.is_copyright:
        return SlaKind.COPYRIGHT
    return SlaKind.TRADEMARK


def sla_deadline(
    received: date,
    kind: SlaKind | RightKind | str,
    settings: SlaSettings = DEFAULT_SLA,
    *,
    calendar: WorkCalendar,
    cured: date | None = None,
) -> date:
    """The date by which the decision is due.

    The clock starts on ``cured`` (the day the last defect was cured) if given, else on ``received``.
    Working-day limits end on the n-th working day after the start; calendar-day limits on start + n,
    moved to the next working day if that is a day off and ``settings.roll_to_workday``.
    """
    start = cured or received
    rule = settings.rule(sla_kind(kind))
    if rule.working:
        return calendar.add_workdays(start, rule.days)
    end = start + timedelta(days=rule.days)
    return calendar.next_workday(end) if settings.roll_to_workday else end


def application_deadline(
    received: date,
    kinds: Iterable[SlaKind | RightKind | str],
    settings: SlaSettings = DEFAULT_SLA,
    *,
    calendar: WorkCalendar,
    cured: date | None = None,
) -> date | None:
    """For a mixed application, the earliest deadline among its kinds (``None`` for no kinds)."""
    dates = [sla_deadline(received, k, settings, calendar=calendar, cured=cured) for k in set(kinds)]
    return min(dates) if dates else None


def days_left(deadline: date, today: date, calendar: WorkCalendar, *, working: bool = True) -> int:
    """Working (or calendar) days from ``today`` to ``deadline``: 0 = due today, negative = overdue."""
    if not working:
        return (deadline - today).days
    return calendar.workdays_between(today, deadline)
