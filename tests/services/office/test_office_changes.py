"""Office commands report a settings change (the pages reading settings and calendar watch it)."""

from __future__ import annotations

from dataclasses import replace

from ipdesk.services.office.settings import OfficeSettings
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN


def test_saving_settings_and_calendar_reports_settings_and_audit(workstation: Workstation) -> None:
    renamed = replace(OfficeSettings(), office_name="镇江市知识产权局")
    changes = workstation.office.save_settings(ADMIN, renamed)
    assert changes.kinds == {"settings", "audit"}
    changes = workstation.office.save_calendar(ADMIN, workstation.office.calendar())
    assert changes.settings and changes.audit and not changes.pledges
