"""The office clock: UTC instants, legal dates in the office's timezone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from ipdesk.domain.shared.clock import (
    FixedClock,
    OfficeClock,
    SystemClock,
    is_known_zone,
    office_zone,
    parse_instant,
)


def test_late_utc_evening_is_the_next_day_in_beijing():
    clock = FixedClock(datetime(2026, 12, 1, 17, 58, tzinfo=UTC), "Asia/Shanghai")
    assert clock.today() == date(2026, 12, 2)
    assert clock.now() == datetime(2026, 12, 1, 17, 58, tzinfo=UTC)
    assert clock.local(clock.now()).hour == 1


def test_the_same_instant_in_utc_is_still_the_first():
    assert FixedClock(datetime(2026, 12, 1, 17, 58, tzinfo=UTC), "UTC").today() == date(2026, 12, 1)


def test_fixed_clock_needs_an_aware_instant_and_can_be_moved():
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 12, 1, 17, 58))
    clock = FixedClock(datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    clock.set(clock.now() + timedelta(days=1))
    assert clock.today() == date(2026, 12, 2)


def test_parse_instant_reads_z_offsets_and_naive_as_utc():
    assert parse_instant("2026-12-01T17:58:00Z") == datetime(2026, 12, 1, 17, 58, tzinfo=UTC)
    assert parse_instant("2026-12-02T01:58:00+08:00") == datetime(2026, 12, 1, 17, 58, tzinfo=UTC)
    assert parse_instant("2026-12-01T17:58") == datetime(2026, 12, 1, 17, 58, tzinfo=UTC)
    with pytest.raises(ValueError):
        parse_instant("tomorrow")


def test_unknown_zone_falls_back_to_the_office_default():
    assert not is_known_zone("Mars/Olympus")
    assert str(office_zone("Mars/Olympus")) == "Asia/Shanghai"
    assert SystemClock("Europe/Berlin").now().tzinfo is UTC


def test_office_clock_reads_its_base_in_the_office_zone_which_can_change():
    base = FixedClock(datetime(2026, 12, 1, 17, 58, tzinfo=UTC), "UTC")
    clock = OfficeClock(base)  # default office zone: Asia/Shanghai, whatever the base's zone
    assert clock.now() == base.now() and clock.today() == date(2026, 12, 2)
    base.set(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))  # moving the base moves the office clock
    assert clock.today() == date(2026, 12, 1)
    clock.set_zone("Pacific/Kiritimati")  # UTC+14
    assert clock.today() == date(2026, 12, 2) and clock.local(clock.now()).hour == 5
    clock.set_zone("No/Such_Zone")  # never raises: falls back to the default office zone
    assert clock.zone == office_zone(None)
    assert isinstance(OfficeClock().base, SystemClock)


@pytest.mark.parametrize("name", ["Asia", "Asia/", "", "../etc/passwd", "Asia/Shanghai/x"])
def test_a_folder_or_a_path_is_no_zone(name):
    # With the tzdata package installed, ZoneInfo("Asia") raises IsADirectoryError, not ZoneInfoNotFoundError.
    assert not is_known_zone(name)
    assert str(office_zone(name)) == "Asia/Shanghai"
