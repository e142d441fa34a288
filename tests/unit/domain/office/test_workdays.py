"""Working days with Chinese holidays and 调休 make-up days; the examination service-level clock."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from ipdesk.domain.office.workdays import (
    SlaKind,
    SlaRule,
    SlaSettings,
    WorkCalendar,
    application_deadline,
    days_left,
    load_calendar,
    sla_deadline,
    sla_kind,
)
from ipdesk.domain.registry.rights import RightKind
from ipdesk.resources import resource_path

HOLIDAYS_FILE = resource_path("data", "holidays_cn.json")
CAL = load_calendar(HOLIDAYS_FILE)


# --- the shipped table ----------------------------------------------------------------------------------


def test_shipped_table_covers_2024_to_2026_and_is_consistent():
    raw = json.loads(HOLIDAYS_FILE.read_text(encoding="utf-8"))
    assert set(raw["years"]) == {"2024", "2025", "2026"}
    for year, entry in raw["years"].items():
        assert entry["source"] and isinstance(entry["verified"], bool)
        days = [date.fromisoformat(d) for d in entry["holidays"] + entry["workdays"]]
        assert all(d.year == int(year) for d in days)
        # make-up working days are always weekend days
        assert all(date.fromisoformat(d).weekday() >= 5 for d in entry["workdays"]), year
    assert CAL.years == {2024, 2025, 2026}


@pytest.mark.parametrize(
    ("day", "workday"),
    [
        (date(2025, 10, 1), False),  # National Day
        (date(2025, 10, 8), False),  # Mid-autumn merged into the National Day week
        (date(2025, 9, 28), True),  # Sunday make-up
        (date(2025, 10, 11), True),  # Saturday make-up
        (date(2025, 10, 12), False),  # ordinary Sunday
        (date(2025, 1, 28), False),  # 除夕 2025 (a holiday since the 2024 revision)
        (date(2025, 2, 8), True),
        (date(2024, 2, 9), True),  # 除夕 2024 was still a working day
        (date(2024, 9, 29), True),
        (date(2026, 2, 23), False),
        (date(2026, 2, 28), True),
        (date(2026, 1, 5), True),  # ordinary Monday
    ],
)
def test_is_workday(day, workday):
    assert CAL.is_workday(day) is workday


# --- arithmetic --------------------------------------------------------------------------------------------


def test_add_workdays_across_the_national_day_week_with_its_make_up_saturday():
    # 2025: 1–8 Oct off; Sun 28 Sep and Sat 11 Oct are working days.
    assert CAL.add_workdays(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert CAL.add_workdays(date(2025, 9, 30), 3) == date(2025, 10, 11)  # the make-up Saturday counts
    assert CAL.add_workdays(date(2025, 9, 30), 5) == date(2025, 10, 14)
    assert CAL.add_workdays(date(2025, 9, 26), 1) == date(2025, 9, 28)  # the make-up Sunday counts
    assert CAL.add_workdays(date(2025, 9, 26), 5) == date(2025, 10, 10)


def test_add_workdays_edge_cases():
    assert CAL.add_workdays(date(2025, 10, 3), 0) == date(2025, 10, 3)
    assert CAL.add_workdays(date(2025, 10, 9), -1) == date(2025, 9, 30)
    assert CAL.add_workdays(date(2025, 10, 9), -2) == date(2025, 9, 29)
    # outside the table only weekends count
    assert CAL.add_workdays(date(2030, 1, 4), 1) == date(2030, 1, 7)
    assert not CAL.covers(date(2030, 1, 4)) and CAL.covers(date(2025, 1, 1))


def test_workdays_between():
    assert CAL.workdays_between(date(2025, 9, 30), date(2025, 10, 14)) == 5
    assert CAL.workdays_between(date(2025, 10, 14), date(2025, 9, 30)) == -5
    assert CAL.workdays_between(date(2025, 10, 1), date(2025, 10, 8)) == 0
    assert CAL.workdays_between(date(2025, 6, 10), date(2025, 6, 10)) == 0
    for n in range(12):
        assert CAL.workdays_between(date(2025, 9, 25), CAL.add_workdays(date(2025, 9, 25), n)) == n


def test_from_json_and_back():
    obj = {
        "years": {
            "2025": {"holidays": ["2025-10-01"], "workdays": ["2025-10-11"], "source": "s", "verified": True}
        }
    }
    cal = WorkCalendar.from_json(obj)
    assert not cal.is_workday(date(2025, 10, 1)) and cal.is_workday(date(2025, 10, 11))
    assert cal.to_json() == obj
    assert WorkCalendar.from_json(CAL.to_json()) == CAL


@pytest.mark.parametrize(
    "obj",
    [
        {"years": {"2025": {"holidays": ["2025-13-01"]}}},
        {"years": {"2025": {"holidays": ["2025-10-11"], "workdays": ["2025-10-11"]}}},
    ],
)
def test_from_json_rejects_bad_tables(obj):
    with pytest.raises(ValueError):
        WorkCalendar.from_json(obj)


def test_constructor_takes_plain_sets():
    cal = WorkCalendar({date(2025, 1, 1)}, {date(2025, 1, 4)})
    assert not cal.is_workday(date(2025, 1, 1)) and cal.is_workday(date(2025, 1, 4))
    assert cal.years == {2025}


# --- service level ------------------------------------------------------------------------------------------


def test_sla_defaults_per_kind():
    received = date(2025, 9, 26)  # Friday before the National Day week
    assert sla_deadline(received, RightKind.INVENTION, calendar=CAL) == date(2025, 10, 10)  # 5 working days
    assert sla_deadline(received, RightKind.TRADEMARK, calendar=CAL) == date(2025, 9, 29)  # 2: Sun 28, Mon 29
    # copyrights: 10 calendar days → 6 Oct, a holiday → the next working day
    assert sla_deadline(received, RightKind.SOFTWARE, calendar=CAL) == date(2025, 10, 9)
    assert sla_deadline(received, "copyright", SlaSettings(roll_to_workday=False), calendar=CAL) == date(
        2025, 10, 6
    )


def test_sla_clock_restarts_when_defects_are_cured():
    received, cured = date(2025, 6, 3), date(2025, 6, 16)
    assert sla_deadline(received, SlaKind.PATENT, calendar=CAL) == date(2025, 6, 10)
    assert sla_deadline(received, SlaKind.PATENT, calendar=CAL, cured=cured) == date(2025, 6, 23)


def test_sla_is_configurable():
    settings = SlaSettings(patent=SlaRule(3), copyright=SlaRule(10, working=True))
    assert sla_deadline(date(2025, 6, 3), "invention", settings, calendar=CAL) == date(2025, 6, 6)
    assert sla_deadline(date(2025, 6, 3), "copyright", settings, calendar=CAL) == date(2025, 6, 17)


def test_mixed_application_takes_the_earliest_deadline():
    kinds = [RightKind.INVENTION, RightKind.TRADEMARK]
    assert application_deadline(date(2025, 6, 3), kinds, calendar=CAL) == date(2025, 6, 5)
    assert application_deadline(date(2025, 6, 3), [], calendar=CAL) is None


def test_sla_kind_mapping():
    assert sla_kind(RightKind.DESIGN) is SlaKind.PATENT
    assert sla_kind("software") is SlaKind.COPYRIGHT
    assert sla_kind("trademark") is SlaKind.TRADEMARK
    assert sla_kind("patent") is SlaKind.PATENT
    with pytest.raises(ValueError):
        sla_kind("plant_variety")


def test_days_left():
    deadline = date(2025, 10, 10)
    assert days_left(deadline, date(2025, 9, 30), CAL) == 2  # 9 and 10 Oct
    assert days_left(deadline, deadline, CAL) == 0
    assert days_left(deadline, date(2025, 10, 14), CAL) == -3  # overdue: 11 (make-up), 13 and 14 Oct
    assert days_left(deadline, date(2025, 9, 30), CAL, working=False) == 10
    assert days_left(deadline, deadline + timedelta(days=1), CAL, working=False) == -1
