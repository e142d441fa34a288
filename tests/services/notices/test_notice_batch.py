"""Batch printing on worker processes: every file byte-identical to the single reprint of its serial and
genuine when verified, skips reported, printings logged (reprints audited), whatever the chunking."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ipdesk.reports.common.seal import VerifyStatus
from ipdesk.services.notices import printing
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import AuditRow, NoticePrintRow
from tests.helpers.factories import ADMIN, application_data, pledge_world

D = date(2026, 11, 16)


def _registered_one_after_another(ws: Workstation, n: int) -> tuple[list[int], int]:
    """``n`` pledges of the same patent, each registered after the previous one was cancelled; and one
    still only filed (no registration notice)."""
    world = pledge_world(ws)
    ids = []
    for i in range(n):
        rec = ws.pledges.file(ADMIN, application_data(world), received=D)
        ws.pledges.register(ADMIN, rec.id, on=D)
        if i < n - 1:
            ws.pledges.cancel(ADMIN, rec.id, "repaid", on=D)
        ids.append(rec.id)
    pending = ws.pledges.file(ADMIN, application_data(world), received=D)
    return ids, pending.id


def _audited_reprints(ws: Workstation) -> int:
    with ws.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(AuditRow).where(AuditRow.action == "notice.reprint")
                            ).scalar_one()


def test_two_workers_print_what_single_reprints_print(workstation: Workstation, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    ws = workstation
    ids, pending = _registered_one_after_another(ws, 3)
    monkeypatch.setattr(printing, "CHUNK", 2)  # chunks of two: the boundary is crossed, twice
    out = tmp_path / "batch"
    out.mkdir()
    report = ws.notices.print_batch(ADMIN, [*ids, pending, 9999], "registration", folder=out, workers=2)
    assert len(report.written) == 3 and not report.failed and not report.cancelled
    assert sorted(p.code for _pid, p in report.skipped) == ["not_found", "notice.not_available"]
    assert len(report.changes.notices) == 3 and report.changes.audit  # issued: one audit entry each
    serials = [ws.notices.issue(ADMIN, pid, "registration").serial for pid in ids]
    assert [p.name for p in report.written] == [f"{s}-registration.pdf" for s in serials]  # in the pledges' order
    assert _audited_reprints(ws) == 0  # a first printing is logged, not audited
    for serial, pdf in zip(serials, report.written, strict=True):
        single = tmp_path / f"reprint-{serial}.pdf"
        ws.notices.reprint(ADMIN, serial, single)
        assert single.read_bytes() == pdf.read_bytes()
        assert ws.notices.verify_file(pdf).status is VerifyStatus.GENUINE
    assert _audited_reprints(ws) == 3

    again = tmp_path / "again"
    again.mkdir()
    report = ws.notices.print_batch(ADMIN, ids, "registration", folder=again, workers=2)
    assert [p.read_bytes() for p in report.written] == [(out / p.name).read_bytes() for p in report.written]
    assert _audited_reprints(ws) == 6  # each a reprint now, audited
    with ws.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(NoticePrintRow)).scalar_one() == 9


def test_one_worker_and_two_write_the_same_files(workstation: Workstation, tmp_path: Path) -> None:
    ws = workstation
    ids, _pending = _registered_one_after_another(ws, 2)
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    first = ws.notices.print_batch(ADMIN, ids, "registration", folder=one, workers=1)
    second = ws.notices.print_batch(ADMIN, ids, "registration", folder=two, workers=2)
    assert [p.name for p in first.written] == [p.name for p in second.written] and len(first.written) == 2
    assert [p.read_bytes() for p in first.written] == [p.read_bytes() for p in second.written]


def test_a_cancel_between_chunks_keeps_the_chunks_written(workstation: Workstation, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The next chunk is issued while the last one renders: a cancel after the first chunk leaves it
    written and logged, and the progress never goes back."""
    ws = workstation
    ids, _pending = _registered_one_after_another(ws, 5)
    monkeypatch.setattr(printing, "CHUNK", 2)
    seen: list[int] = []

    def progress(done: int, total: int, what: str) -> bool:
        seen.append(done)
        return done >= 2 and what != ""  # cancel once the first chunk is done

    out = tmp_path / "batch"
    out.mkdir()
    report = ws.notices.print_batch(ADMIN, ids, "registration", folder=out, progress=progress, workers=2)
    assert report.cancelled and len(report.written) == 2 and sorted(out.iterdir()) == sorted(report.written)
    assert seen == sorted(seen)
    with ws.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(NoticePrintRow)).scalar_one() == 2
