"""One office clock: legal dates are days in the office's timezone, alike on the register, the notice and its seal."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.notices.notice import NoticeKind
from ipdesk.domain.shared.clock import FixedClock
from ipdesk.domain.shared.problems import ValidationError
from ipdesk.reports.common.pdf_payload import read_pdf_payload
from ipdesk.reports.common.seal import VerifyStatus
from ipdesk.services.notices.register_search import SearchCriteria
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import AuditRow, PledgeEventRow, PledgeRow
from tests.helpers.factories import ADMIN, application_data, pledge_world

LATE_EVENING_UTC = datetime(2026, 12, 1, 17, 58, tzinfo=UTC)  # 01:58 on 2 December in Beijing


def test_a_pledge_registered_at_1758_utc_is_dated_the_second_everywhere(
    workstation: Workstation, clock: FixedClock, tmp_path: Path
) -> None:
    ws = workstation
    assert ws.office.settings().timezone == "Asia/Shanghai"
    world = pledge_world(ws)
    clock.set(LATE_EVENING_UTC)
    rec = ws.pledges.file(ADMIN, application_data(world, application_date=None))  # received today
    registered = ws.pledges.register(ADMIN, rec.id)  # effective today
    assert registered.registered_on == date(2026, 12, 2)
    assert registered.application.application_date == date(2026, 12, 2)
    [entry] = ws.register_search.search(SearchCriteria(registration_no=registered.registration_no))
    assert entry["registered_on"] == date(2026, 12, 2) and entry["status_value"] == "in_force"

    issued = ws.notices.print_notice(ADMIN, rec.id, NoticeKind.REGISTRATION, tmp_path / "n.pdf")
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "n.pdf").pages)
    flat = text.replace(" ", "").replace("\n", "")
    assert "登记生效日为2026年12月2日" in flat and flat.count("2026年12月2日") >= 3  # effect, filing, seal
    assert "2026年12月1日" not in flat  # neither the effect date nor the date by the seal says the 1st
    sealed = read_pdf_payload(tmp_path / "n.pdf")
    assert (
        sealed.payload == issued.payload and ws.notices.verify_file(tmp_path / "n.pdf").status is VerifyStatus.GENUINE
    )
    content = json.loads(sealed.content or b"{}")
    assert content["issued_on"] == "2026-12-02" and content["effective_date"] == "2026-12-02"
    assert content["issued_at"] == "2026-12-01T17:58:00Z"  # the instant stays UTC
    assert issued.serial.startswith("N2026")

    # Timestamps of the same command come from the same clock (aware UTC), not the machine.
    with Session(ws.engine) as s:
        assert s.get(PledgeRow, rec.id).created_at == LATE_EVENING_UTC  # type: ignore[union-attr]
        assert {e.at for e in s.execute(select(PledgeEventRow)).scalars()} == {LATE_EVENING_UTC}
        assert {a.at for a in s.execute(select(AuditRow).where(AuditRow.entity_type == "pledge")).scalars()} == {
            LATE_EVENING_UTC
        }


def test_the_office_timezone_is_a_setting_the_dates_follow(workstation: Workstation, clock: FixedClock) -> None:
    ws = workstation
    clock.set(LATE_EVENING_UTC)
    assert ws.clock.today() == date(2026, 12, 2)
    ws.office.save_settings(ADMIN, replace(ws.office.settings(), timezone="Europe/London"))
    assert ws.clock.today() == date(2026, 12, 1)  # at once on this workstation
    assert Workstation(config=ws.config, engine=ws.engine, actor=ADMIN, clock=clock).clock.today() == date(2026, 12, 1)
    world = pledge_world(ws)
    rec = ws.pledges.file(ADMIN, application_data(world, application_date=None))
    assert ws.pledges.register(ADMIN, rec.id).registered_on == date(2026, 12, 1)


def test_an_unknown_timezone_is_refused_and_nothing_is_written(workstation: Workstation) -> None:
    ws = workstation
    with pytest.raises(ValidationError) as err:
        ws.office.save_settings(ADMIN, replace(ws.office.settings(), timezone="Asia/Atlantis"))
    [problem] = err.value.problems
    assert problem.code == "office.unknown_timezone" and problem.field == "timezone"
    assert "Asia/Atlantis" in err.value.messages()[0]
    assert ws.office.settings().timezone == "Asia/Shanghai"
    with Session(ws.engine) as s:
        assert s.execute(select(AuditRow)).first() is None


def test_the_future_is_the_office_clock_s(workstation: Workstation, clock: FixedClock) -> None:
    """A legal date is refused as "in the future" against the office's today, not the machine's."""
    ws = workstation
    world = pledge_world(ws)
    rec = ws.pledges.file(ADMIN, application_data(world), received=date(2026, 11, 16))
    clock.set(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
    with pytest.raises(ValidationError) as err:
        ws.pledges.register(ADMIN, rec.id, on=date(2026, 11, 21))
    assert err.value.problems[0].code == "pledge.date_in_future"
    assert ws.pledges.register(ADMIN, rec.id, on=date(2026, 11, 20)).registered_on == date(2026, 11, 20)
