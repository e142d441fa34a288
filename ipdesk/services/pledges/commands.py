"""What every pledge command shares: the catalogue of pledge refusals and the command helpers.

``PledgeCommands`` is the base of the command mixins (registration, amendments, transactions) that
``PledgeService`` combines: loading and guarding a pledge, writing its events and audit entries,
checking legal dates, examining against the register and reading a pledge back as a record.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ipdesk.domain.pledges.application import CancellationTrigger, PledgeApplication, PledgeStatus
from ipdesk.domain.pledges.examination.engine import Examination, Finding, RegisterSnapshot, examine
from ipdesk.domain.pledges.lifecycle import Step, require
from ipdesk.domain.pledges.maker_checker import PendingDecision, both_names
from ipdesk.domain.pledges.record import PledgedRight, PledgeRecord
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Actor
from ipdesk.domain.shared.problems import NotFound, Problem, ValidationError
from ipdesk.services import audit
from ipdesk.services.office.settings import OfficeService
from ipdesk.services.pledges.pending import open_decision, pending_decision
from ipdesk.services.pledges.rows import STATE_EVENTS, application_of, pledge_state
from ipdesk.services.pledges.snapshot import register_snapshot
from ipdesk.services.registry.status import STORED, StatusSource
from ipdesk.services.uow import changes_so_far
from ipdesk.storage.schema import PartyRow, PledgeEventRow, PledgeRow, RightRow

ENTITY = "pledge"
_EVENT_TO_AUDIT = "pledge_event_to_audit"  # session.info: the event written, waiting for its audit entry

#: Set in the unit of work while a confirmation runs (ipdesk.services.pledges.decisions): who prepared the
#: decision, so its event and audit entry name the preparer beside the approver who confirms.
MAKER_KEY = "ipdesk.maker"

register(
    {
        "pledge.not_registrable": (
            "审查未通过，不能登记：{grounds}",
            "examination did not pass; cannot register: {grounds}",
        ),
        "pledge.ground": ("{code} {reason}", "{code} {reason}"),
        "pledge.not_refusable": (
            "没有未通过的不予登记事由，不能作出不予登记决定",
            "no failed ground: the application cannot be refused",
        ),
        "pledge.already_pledged": (
            "{number} 已被其他已登记的质押占用（登记号 {registration_no}）",
            "{number} is already in registered pledge {registration_no}",
        ),
        "pledge.race_lost": (
            "{number} 刚刚被另一质押登记（不得重复质押）",
            "{number} was just registered in another pledge (no second pledge)",
        ),
        "pledge.no_change": ("没有需要登记的变更", "nothing to change"),
        "pledge.extension_refused": ("延期未通过复核：{grounds}", "the extension failed re-examination: {grounds}"),
        "pledge.extension_not_later": (
            "新的履行期限应晚于原期限 {old}",
            "the new deadline must be after the current one {old}",
        ),
        "pledge.cancel_date": (
            "注销日期不能早于登记日 {date}",
            "the cancellation date cannot be before the registration date {date}",
        ),
        "pledge.consent_required": (
            "{number} 处于质押期间，转让或许可须经质权人“{pledgee}”同意（民法典第四百四十四条）",
            "{number} is pledged: a transfer or licence needs the consent of the pledgee {pledgee} (Civil Code 444)",
        ),
        "pledge.proceeds_handling": (
            "转让或许可所得价款须用于提前清偿或提存",
            "proceeds must go to early repayment or escrow",
        ),
        "pledge.waiver_code": ("只有 P10、P11 可以声明放弃", "only P10 and P11 can be waived"),
        "pledge.date_in_future": (
            "日期 {date} 晚于今天 {today}：登记事项不能预先办理",
            "the date {date} is after today {today}",
        ),
        "pledge.date_too_early": (
            "日期 {date} 早于{what} {earliest}",
            "the date {date} is before the {what} {earliest}",
        ),
        "pledge.term_not_later": (
            "新的质押期限应晚于原期限 {old}，且不早于债务履行期限 {deadline}",
            "the new pledge term must be after {old} and not before the performance deadline {deadline}",
        ),
    }
)


def ground_problems(findings: list[Finding]) -> list[Problem]:
    """The findings a refusal quotes, as coded problems ("P6 …"): rendered in the reader's language."""
    return [Problem("pledge.ground", "", {"code": f.code, "reason": f}) for f in findings]


class PledgeCommands:
    """Helpers of the pledge commands (see the mixins in registration, amendments, transactions)."""

    def __init__(self, engine: Engine, *, clock: Clock | None = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()
        self.office = OfficeService(engine, self.clock)
        #: Where the rights' legal status comes from (the workstation plugs in the annual-fee engine).
        self.status: StatusSource = STORED

    # --- helpers --------------------------------------------------------------------------------
    def _row(self, session: Session, pledge_id: int, lock: bool = False) -> PledgeRow:
        row = session.get(PledgeRow, pledge_id, with_for_update=lock)
        if row is None:
            raise NotFound(Problem("not_found", params={"what": "质押", "key": pledge_id}))
        return row

    def _numbers(self, session: Session, row: PledgeRow) -> dict[int, str]:
        ids = [r.right_id for r in row.rights]
        return (
            dict(session.execute(select(RightRow.id, RightRow.number).where(RightRow.id.in_(ids))).all()) if ids else {}
        )

    def _guard(self, row: PledgeRow, action: str) -> Step:
        """Refuse ``action`` unless the pledge lifecycle allows it from the row's status."""
        return require(action, row.status)

    def _event(
        self, session: Session, row: PledgeRow, actor: Actor, kind: str, on: date, summary: str, payload: Any = None
    ) -> None:
        maker = session.info.get(MAKER_KEY)
        if maker is not None:
            payload = {**(payload or {}), **both_names(maker, actor.username)}
            summary = f"{summary}（经办 {maker}，审核 {actor.username}）"
        if kind in STATE_EVENTS:
            # What the register says after this event, frozen: notices print it and as-of searches read
            # it, so later renames or changes never rewrite what was decided or published on that date.
            payload = {**(payload or {}), "state": pledge_state(session, row)}
        event = PledgeEventRow(pledge_id=row.id, on_date=on, kind=kind, actor=actor.username, summary=summary,
                               payload=audit.canonical_json(payload))
        session.add(event)
        if kind in STATE_EVENTS:  # the events notices document (and the application)
            session.info[_EVENT_TO_AUDIT] = (event, payload or {})

    def _legal_date(self, on: date, not_before: date | None, what: str) -> None:
        """Legal dates (registration, change, cancellation) are today or earlier, and not before the
        date they follow; a future date would make the register say different things on different days."""
        today = self.clock.today()  # the office's today: 01:58 in Beijing is already the 2nd
        if on > today:
            raise ValidationError(Problem("pledge.date_in_future", "on", {"date": on, "today": today}))
        if not_before is not None and on < not_before:
            raise ValidationError(
                Problem("pledge.date_too_early", "on", {"date": on, "earliest": not_before, "what": what})
            )

    def _audit(
        self,
        session: Session,
        actor: Actor,
        row: PledgeRow,
        action: str,
        summary: str,
        before: Any = None,
        after: Any = None,
    ) -> None:
        maker = session.info.get(MAKER_KEY)
        if maker is not None:
            after = {**(after or {}), **both_names(maker, actor.username)}
            summary = f"{summary}（经办 {maker}，审核 {actor.username}）"
        entry = audit.record(session, actor, f"pledge.{action}", ENTITY, row.id, summary, before, after)
        pending = session.info.pop(_EVENT_TO_AUDIT, None)
        if pending is not None and pending[0].pledge_id == row.id:
            # The event's own audit entry (its seq): a notice of the event names this exact entry.
            event, payload = pending
            event.payload = audit.canonical_json({**payload, "audit_seq": entry.seq})

    def snapshot(
        self,
        session: Session,
        numbers: list[str],
        exclude_pledge_id: int | None = None,
        party_ids: tuple[int, ...] = (),
        as_of: date | None = None,
    ) -> RegisterSnapshot:
        """The register as the examination needs it: the rights, who pledged them, owners' other marks."""
        return register_snapshot(session, numbers, exclude_pledge_id, party_ids, status=self.status,
                                 as_of=as_of or self.clock.today())

    def _examine(
        self, session: Session, app: PledgeApplication, as_of: date, exclude_pledge_id: int | None = None
    ) -> Examination:
        people = (*app.pledgor_ids, app.pledgee_id)
        return examine(app, self.snapshot(session, list(app.right_numbers), exclude_pledge_id, people, as_of), as_of)

    def _refresh_names(self, session: Session, row: PledgeRow) -> None:
        names = [session.get(PartyRow, p.party_id).name for p in row.pledgors]  # type: ignore[union-attr]
        row.pledgor_names = "；".join(names)
        row.pledgee_name = session.get(PartyRow, row.pledgee_id).name  # type: ignore[union-attr]

    def _done(self, session: Session, row: PledgeRow) -> PledgeRecord:
        """What a command returns: the pledge as it now stands, with what its unit of work has changed."""
        return replace(self._record(session, row), changes=changes_so_far(session))

    def _record(self, session: Session, row: PledgeRow) -> PledgeRecord:
        numbers = self._numbers(session, row)
        rights_rows = (
            {r.id: r for r in session.execute(select(RightRow).where(RightRow.id.in_(list(numbers)))).scalars()}
            if numbers
            else {}
        )
        debtor = session.get(PartyRow, row.debtor_id) if row.debtor_id else None
        return PledgeRecord(
            id=row.id,
            application_no=row.application_no,
            registration_no=row.registration_no,
            status=PledgeStatus(row.status),
            family=row.family,
            application=application_of(row, numbers),
            rights=tuple(
                PledgedRight(
                    r.right_id,
                    rights_rows[r.right_id].number,
                    rights_rows[r.right_id].display_number,
                    rights_rows[r.right_id].title,
                    rights_rows[r.right_id].kind,
                )
                for r in row.rights
            ),
            pledgor_names=tuple(n for n in row.pledgor_names.split("；") if n),
            pledgee_name=row.pledgee_name,
            debtor_name=debtor.name if debtor else (row.pledgor_names.split("；")[0] if row.pledgor_names else ""),
            sla_deadline=row.sla_deadline,
            correction_deadline=row.correction_deadline,
            registered_on=row.registered_on,
            refused_on=row.refused_on,
            cancelled_on=row.cancelled_on,
            cancellation_trigger=CancellationTrigger(row.cancellation_trigger) if row.cancellation_trigger else None,
            version=row.version,
            created_at=row.created_at,
            pending=self._pending_of(session, row.id),
        )

    def _pending_of(self, session: Session, pledge_id: int) -> PendingDecision | None:
        found = open_decision(session, pledge_id)
        return pending_decision(found) if found is not None else None
