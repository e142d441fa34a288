"""Notice commands report the serials they issued, printed or revoked, and the keys they trusted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ipdesk.domain.notices.notice import NoticeKind
from ipdesk.reports.common.seal import OfficeKey
from ipdesk.services.notices.register_search import SearchCriteria
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, application_data, pledge_world

D = date(2026, 11, 16)


@pytest.fixture
def registered(workstation: Workstation) -> tuple[Workstation, int]:
    world = pledge_world(workstation)
    rec = workstation.pledges.file(ADMIN, application_data(world), received=D)
    workstation.pledges.register(ADMIN, rec.id, on=D)
    return workstation, rec.id


def test_issue_print_reprint_and_revoke_report_the_notice(registered: tuple[Workstation, int],
                                                          tmp_path: Path) -> None:
    ws, pid = registered
    issued = ws.notices.issue(ADMIN, pid, NoticeKind.REGISTRATION)
    # the first notice also trusts the office's own key
    assert issued.changes.notices == {issued.serial} and issued.changes.pledges == {pid}
    assert issued.changes.keys and issued.changes.audit
    assert not ws.notices.issue(ADMIN, pid, NoticeKind.REGISTRATION).changes  # issued before: nothing new
    printed = ws.notices.print_notice(ADMIN, pid, NoticeKind.REGISTRATION, tmp_path / "a.pdf")
    # the first print is logged, not audited
    assert printed.changes.notices == {issued.serial} and not printed.changes.audit
    again = ws.notices.reprint(ADMIN, issued.serial, tmp_path / "b.pdf")
    assert again.changes.notices == {issued.serial} and again.changes.audit and again.changes.pledges == {pid}
    revoked = ws.notices.revoke(ADMIN, issued.serial, "登记事项填写错误")
    assert revoked.notices == {issued.serial} and revoked.kinds == {"notices", "pledges", "audit"}


def test_batch_and_certificate_report_their_serials(registered: tuple[Workstation, int],
                                                     tmp_path: Path) -> None:
    ws, pid = registered
    report = ws.notices.print_batch(ADMIN, [pid, 9999], "registration", folder=tmp_path / "out")
    assert len(report.written) == 1 and len(report.changes.notices) == 1 and report.changes.pledges == {pid}
    cert = ws.register_search.certificate(ADMIN, SearchCriteria(name="恒顺"))
    assert cert.changes.notices == {cert.serial} and cert.changes.audit and not cert.changes.pledges


def test_trusting_a_key_reports_it_once(workstation: Workstation) -> None:
    pem = OfficeKey.generate().public_pem()
    trusted = workstation.notices.trust_key(ADMIN, pem, "江苏省知识产权局")
    assert trusted.value and trusted.changes.kinds == {"keys", "audit"}
    assert workstation.notices.trust_key(ADMIN, pem).value == trusted.value
    assert not workstation.notices.trust_key(ADMIN, pem).changes
