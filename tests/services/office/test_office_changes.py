"""Office commands report a settings change (the pages reading settings and calendar watch it)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ipdesk.domain.shared.problems import ValidationError
from ipdesk.services.office.settings import OfficeSettings
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN


def test_saving_settings_and_calendar_reports_settings_and_audit(workstation: Workstation) -> None:
    renamed = replace(OfficeSettings(), office_name="镇江市知识产权局")
    changes = workstation.office.save_settings(ADMIN, renamed)
    assert changes.kinds == {"settings", "audit"}
    changes = workstation.office.save_calendar(ADMIN, workstation.office.calendar())
    assert changes.settings and changes.audit and not changes.pledges


def test_the_idle_lock_is_15_minutes_by_default_and_kept_within_its_range(workstation: Workstation) -> None:
    assert workstation.office.settings().idle_lock_minutes == 15
    for minutes in (0, -5, 481):
        with pytest.raises(ValidationError) as refused:
            workstation.office.save_settings(ADMIN, replace(OfficeSettings(), idle_lock_minutes=minutes))
        problem = refused.value.problems[0]
        assert problem.code == "office.idle_lock_minutes" and problem.field == "idle_lock_minutes"
        assert "1–480" in problem.message("zh") and "1-480 minutes" in problem.message("en")
    assert workstation.office.settings().idle_lock_minutes == 15  # nothing written
    workstation.office.save_settings(ADMIN, replace(OfficeSettings(), idle_lock_minutes=5))
    assert workstation.office.settings().idle_lock_minutes == 5


def test_the_service_refuses_every_bad_sign_in_setting_at_once(workstation: Workstation) -> None:
    bad = replace(workstation.office.settings(), idle_lock_minutes=0, lockout_attempts=21, password_min_length=7)
    with pytest.raises(ValidationError) as err:
        workstation.office.save_settings(ADMIN, bad)
    assert {p.field for p in err.value.problems} == {"idle_lock_minutes", "lockout_attempts", "password_min_length"}
    assert "the failed sign-ins before a lock must be 1-20: 21" in err.value.messages("en")

    assert workstation.office.settings().lockout_attempts == 5  # nothing written
