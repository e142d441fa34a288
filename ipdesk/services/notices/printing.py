"""Printing issued notices: render, write atomically, log every printing (reprints audited), and the batch.

A batch (month end, ``ipdesk notice print --all``) works in chunks: one transaction issues a chunk (one
read of its pledges, events and notices), the PDFs are rendered from the issue log on a worker process
per core (:mod:`ipdesk.reports.notices.batch_render`, the renderer a reprint and the verifier use, so
each file is byte-identical to the reprint of its serial) while this process issues the next chunk,
then this process writes the files (a few threads: most of a write is waiting for the disk) and one
transaction logs the chunk's printings.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from ipdesk.domain.notices.notice import NoticeKind, SearchCertificate
from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.files import write_atomically
from ipdesk.domain.shared.messages import Message, register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import Problem, RuleRefusal
from ipdesk.services import audit
from ipdesk.services.uow import collect_changes, note, transaction
from ipdesk.storage.schema import NoticePrintRow, NoticeRow

if TYPE_CHECKING:
    from ipdesk.services.notices.service import IssuedNotice, NoticeService

register(
    {
        "notice.write_failed": ("写入 {path} 失败：{reason}", "writing {path} failed: {reason}"),
        "notice.cancelled": ("已取消", "cancelled"),
        "notice.batch.summary": ("已打印 {printed} 份通知书{skipped}{failed}{cancelled}",
                                 "printed {printed} notices{skipped}{failed}{cancelled}"),
        "notice.batch.skipped": ("，{n} 份跳过", ", {n} skipped"),
        "notice.batch.failed": ("，{n} 份失败：{failures}", ", {n} failed: {failures}"),
        "notice.batch.failure": ("{key}：{reason}", "{key}: {reason}"),
        "notice.batch.cancelled": ("（已取消）", " (cancelled)"),
    }
)

#: Notices issued, rendered, written and logged together: big enough that the per-transaction cost
#: vanishes, small enough that a cancelled batch leaves few notices issued but not yet printed.
CHUNK = 64
#: Threads writing a chunk's files (each write waits for its fsync).
WRITERS = 4


@dataclass
class BatchReport:
    """What a batch printing did: files written, failures (file, OS reason), skips (pledge, the problem
    that made it skip), whether it was cancelled."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, Problem]] = field(default_factory=list)
    cancelled: bool = False
    #: The notices issued and printed, with their audit entries.
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

    def summary(self) -> Message:
        """The one-line summary (已打印 N 份通知书，M 份跳过…), rendered by the reader's front end."""
        failures = [Message("notice.batch.failure", {"key": k, "reason": v}) for k, v in self.failed[:5]]
        return Message("notice.batch.summary", {
            "printed": len(self.written),
            "skipped": Message("notice.batch.skipped", {"n": len(self.skipped)}) if self.skipped else "",
            "failed": Message("notice.batch.failed", {"n": len(self.failed), "failures": failures}) if failures else "",
            "cancelled": Message("notice.batch.cancelled") if self.cancelled else "",
        })


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename: never a half-written file (a failure names
    ``path``, not the temporary)."""
    write_atomically(path, data)


def merge_pdfs(parts: list[bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in parts:
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write_refused(out: Path, data: bytes) -> None:
    """Write one PDF; a failure is the coded refusal naming the file."""
    try:
        atomic_write(out, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RuleRefusal(Problem("notice.write_failed", "out", {"path": str(out), "reason": reason})) from exc


class NoticePrinter:
    """Renders, writes and logs the printing of issued notices (the notice service's printing half)."""

    def __init__(self, notices: NoticeService):
        self.notices = notices

    def render(self, issued: IssuedNotice) -> bytes:
        from ipdesk.reports.notices.notice_pdf import render_notice
        from ipdesk.reports.notices.search_certificate_pdf import render_search_certificate
        from ipdesk.services.notices.service import StoredSigner

        buf = io.BytesIO()
        signer = StoredSigner(issued.payload)
        if isinstance(issued.document, SearchCertificate):
            render_search_certificate(issued.document, signer, buf)
        else:
            render_notice(issued.document, signer, buf)
        return buf.getvalue()

    def log_prints(self, actor: Actor, printed: list[tuple[str, str]]) -> None:
        """Log each (serial, destination) printing in one transaction; all but a serial's first printing
        are reprints, each audited."""
        if not printed:
            return
        with transaction(self.notices.engine, self.notices.clock) as session:
            serials = {s for s, _d in printed}
            rows = {r.serial: r for r in session.execute(select(NoticeRow).where(NoticeRow.serial.in_(serials)))
                    .scalars()}
            for serial in serials - set(rows):
                self.notices.by_serial(session, serial)  # raises: no such notice
            before = set(session.execute(select(NoticePrintRow.notice_id).distinct()
                                         .where(NoticePrintRow.notice_id.in_([r.id for r in rows.values()])))
                         .scalars())
            for serial, destination in printed:
                row = rows[serial]
                reprint = row.id in before
                session.add(NoticePrintRow(notice_id=row.id, printed_by=actor.username, reprint=reprint,
                                           destination=destination))
                before.add(row.id)
                note(session, "notices", serial)  # its print log grew
                if reprint:
                    audit.record(session, actor, "notice.reprint", "pledge", row.pledge_id, f"重印 {serial}")

    def print_notice(self, actor: Actor, pledge_id: int, kind: NoticeKind | str, out: Path) -> IssuedNotice:
        with collect_changes() as seen:  # two transactions: the issue and the print log
            issued = self.notices.issue(actor, pledge_id, kind)
            write_refused(out, self.render(issued))
            self.log_prints(actor, [(issued.serial, str(out))])
        return replace(issued, changes=seen.changes)

    def reprint(self, actor: Actor, serial: str, out: Path) -> IssuedNotice:
        actor.require(Action.PRINT_NOTICES)
        issued = self.notices.get(serial)
        write_refused(out, self.render(issued))
        with collect_changes() as seen:
            self.log_prints(actor, [(issued.serial, str(out))])
        return replace(issued, changes=seen.changes)

    def printed(self, actor: Actor, serial: str, printer: str) -> IssuedNotice:
        actor.require(Action.PRINT_NOTICES)
        issued = self.notices.get(serial)
        with collect_changes() as seen:
            self.log_prints(actor, [(issued.serial, f"printer:{printer}")])
        return replace(issued, changes=seen.changes)

    def print_batch(self, actor: Actor, pledge_ids: Iterable[int], kind: NoticeKind | str, *,
                    folder: Path | None = None, merged: Path | None = None,
                    progress: Callable[[int, int, str], bool | None] | None = None,
                    workers: int = 1) -> BatchReport:
        from ipdesk.reports.notices.batch_render import Renderer

        ids, kind = list(pledge_ids), NoticeKind(kind)
        report = BatchReport()
        parts: list[bytes] = []
        # No pool for a handful of notices: starting the workers costs more than it saves.
        with collect_changes() as seen, Renderer(workers if len(ids) > 1 else 1) as renderer, \
                ThreadPoolExecutor(WRITERS) as writers:
            # While the workers render a chunk, this process issues the next one, then writes the first.
            waiting: tuple[list, Iterable[bytes], int] | None = None
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start:start + CHUNK]
                if waiting is None and progress and progress(start, len(ids), str(chunk[0])):
                    report.cancelled = True
                    break
                issued = self.notices.issue_many(actor, chunk, kind)
                ready = [(pid, n) for pid, n in issued if not isinstance(n, Problem)]
                report.skipped += [(str(pid), n) for pid, n in issued if isinstance(n, Problem)]
                pdfs = renderer.submit([(n.content, n.payload) for _pid, n in ready])
                if merged is not None:
                    parts += pdfs
                    self.log_prints(actor, [(n.serial, str(merged)) for _pid, n in ready])
                    continue
                assert folder is not None
                if waiting is not None:
                    previous, waiting = waiting, None
                    if self._write_chunk(actor, *previous, folder, kind, writers, report, progress, len(ids)):
                        break  # this chunk stays issued, not printed (as a cancelled batch leaves one)
                    if progress and progress(start, len(ids), str(chunk[0])):
                        report.cancelled = True
                        break
                waiting = (ready, pdfs, start)
            if waiting is not None:
                self._write_chunk(actor, *waiting, folder, kind, writers, report, progress, len(ids))
        if merged is not None:
            report.written = []  # nothing is on disk until the merged file is
            if parts and not report.cancelled:
                try:
                    atomic_write(merged, merge_pdfs(parts))
                    report.written = [merged] * len(parts)
                except OSError as exc:
                    report.failed.append((merged.name, exc.strerror or str(exc)))
        if progress:
            progress(len(ids), len(ids), "")  # the summary is the report's: the front end renders it
        report.changes = seen.changes
        return report

    def _write_chunk(self, actor: Actor, ready: list, pdfs: Iterable[bytes], done: int, folder: Path | None,
                     kind: NoticeKind, writers: ThreadPoolExecutor, report: BatchReport,
                     progress: Callable[[int, int, str], bool | None] | None, total: int) -> bool:
        """Write a chunk's files (in order of the pledges; the first failure or a cancel stops the batch,
        files already written stay whole) and log them; True when the batch stops here."""
        assert folder is not None
        writes = []
        stop = False
        for i, ((pid, issued), data) in enumerate(zip(ready, pdfs, strict=True)):
            if i and progress and progress(done + i, total, str(pid)):
                report.cancelled = stop = True
                break
            target = folder / f"{issued.serial}-{kind.value}.pdf"
            writes.append((issued.serial, target, writers.submit(atomic_write, target, data)))
        logged = []
        for serial, target, future in writes:
            if report.failed:
                future.cancel()
                if future.cancelled():
                    continue
            try:
                future.result()
            except OSError as exc:
                report.failed.append((serial, exc.strerror or str(exc)))
                stop = True
                continue
            if report.failed:  # written after the failure (in flight): remove it, the batch stopped before it
                target.unlink(missing_ok=True)
                continue
            logged.append((serial, str(target)))
            report.written.append(target)
        self.log_prints(actor, logged)
        return stop
