"""Pledge registration use cases: file, examine, correct, waive, register, refuse, change, extend, cancel.

Each command is one transaction with a permission check, a pledge event and an audit entry. The
database itself guarantees one registered, uncancelled pledge per right (``pledge_rights.active_right_id``
is UNIQUE); a registration that loses a race is turned into a clear P9/TM/CR refusal.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ipdesk.domain.pledges.examination.engine import Examination, Outcome, RegisterSnapshot, examine
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.pledges.record import PledgedRight, PledgeRecord
from ipdesk.domain.pledges.application import (
    CancellationTrigger,
    Clause,
    DebtType,
    Document,
    GuaranteeScope,
    OtherGround,
    PledgeApplication,
    PledgeStatus,
    family,
)
from ipdesk.domain.shared.problems import NotFound, Problem, RuleRefusal, ValidationError
from ipdesk.domain.registry.rights import RightKind
from ipdesk.domain.office.workdays import application_deadline
from ipdesk.services import audit
from ipdesk.services.office.service import OfficeService, format_number, next_number, similarity_table, today
from ipdesk.services.pledges.inputs import application_to_json, parse_application
from ipdesk.services.pledges.rows import STATE_EVENTS, _csv, application_of, pledge_state, store_application
from ipdesk.services.uow import reading, transaction
from ipdesk.storage.registry.mappers import right_from_row
from ipdesk.storage.schema import (
    PartyRow,
    PledgeEventRow,
    PledgePledgorRow,
    PledgeRightRow,
    PledgeRow,
    RightOwnerRow,
    RightRow,
    RightTransactionRow,
)

ENTITY = "pledge"

register(
    {
        "pledge.read_only": ("质押{status}，不能再{action}", "the pledge is {status_en}; it cannot be {action_en}"),
        "pledge.wrong_state": ("质押当前状态为“{status}”，不能{action}", "the pledge is {status_en}; cannot {action_en}"),
        "pledge.not_registrable": ("审查未通过，不能登记：{grounds}", "examination did not pass; cannot register: {grounds}"),
        "pledge.not_refusable": ("没有未通过的不予登记事由，不能作出不予登记决定", "no failed ground: the application cannot be refused"),
        "pledge.already_pledged": ("{number} 已被其他已登记的质押占用（登记号 {registration_no}）", "{number} is already in registered pledge {registration_no}"),
        "pledge.race_lost": ("{number} 刚刚被另一质押登记（不得重复质押）", "{number} was just registered in another pledge (no second pledge)"),
        "pledge.no_change": ("没有需要登记的变更", "nothing to change"),
        "pledge.extension_refused": ("延期未通过复核：{grounds}", "the extension failed re-examination: {grounds}"),
        "pledge.extension_not_later": ("新的履行期限应晚于原期限 {old}", "the new deadline must be after the current one {old}"),
        "pledge.cancel_date": ("注销日期不能早于登记日 {date}", "the cancellation date cannot be before the registration date {date}"),
        "pledge.consent_required": ("{number} 处于质押期间，转让或许可须经质权人“{pledgee}”同意（民法典第四百四十四条）",
                                    "{number} is pledged: a transfer or licence needs the consent of the pledgee {pledgee} (Civil Code 444)"),
        "pledge.proceeds_handling": ("转让或许可所得价款须用于提前清偿或提存", "proceeds must go to early repayment or escrow"),
        "pledge.waiver_code": ("只有 P10、P11 可以声明放弃", "only P10 and P11 can be waived"),
        "pledge.date_in_future": ("日期 {date} 晚于今天 {today}：登记事项不能预先办理", "the date {date} is after today {today}"),
        "pledge.date_too_early": ("日期 {date} 早于{what} {earliest}", "the date {date} is before the {what} {earliest}"),
        "pledge.term_not_later": ("新的质押期限应晚于原期限 {old}，且不早于债务履行期限 {deadline}",
                                  "the new pledge term must be after {old} and not before the performance deadline {deadline}"),
    }
)

_STATUS_EN = {s: s.value.replace("_", " ") for s in PledgeStatus}
_ACTIONS = {
    "examine": ("审查", "examined"), "correct": ("补正", "corrected"), "register": ("登记", "registered"),
    "refuse": ("不予登记", "refused"), "change": ("变更", "changed"), "extend": ("延期", "extended"),
    "cancel": ("注销", "cancelled"), "withdraw": ("撤回", "withdrawn"), "waive": ("记录声明", "waived"),
}
_STATUS_ZH = {
    PledgeStatus.DRAFT: "草稿", PledgeStatus.APPLIED: "已受理", PledgeStatus.CORRECTION: "待补正",
    PledgeStatus.REGISTERED: "已登记", PledgeStatus.REFUSED: "已不予登记", PledgeStatus.CANCELLED: "已注销",
    PledgeStatus.WITHDRAWN: "已撤回",
}


class PledgeService:
    """Commands and queries of the pledge register."""

    def __init__(self, engine: Engine, lang: str = "zh"):
        self.engine = engine
        self.lang = lang
        self.office = OfficeService(engine)

    # --- helpers --------------------------------------------------------------------------------
    def _row(self, session: Session, pledge_id: int, lock: bool = False) -> PledgeRow:
        row = session.get(PledgeRow, pledge_id, with_for_update=lock)
        if row is None:
            raise NotFound(Problem("not_found", params={"what": "质押", "key": pledge_id}))
        return row

    def _numbers(self, session: Session, row: PledgeRow) -> dict[int, str]:
        ids = [r.right_id for r in row.rights]
        return dict(session.execute(select(RightRow.id, RightRow.number).where(RightRow.id.in_(ids))).all()) if ids else {}

    def _guard(self, row: PledgeRow, action: str, allowed: set[PledgeStatus]) -> None:
        status = PledgeStatus(row.status)
        zh, en = _ACTIONS[action]
        params = {"status": _STATUS_ZH[status], "status_en": _STATUS_EN[status], "action": zh, "action_en": en}
        if status.is_read_only:
            raise RuleRefusal(Problem("pledge.read_only", "status", params))
        if status not in allowed:
            raise RuleRefusal(Problem("pledge.wrong_state", "status", params))

    def _event(self, session: Session, row: PledgeRow, actor: Actor, kind: str, on: date, summary: str,
               payload: Any = None) -> None:
        if kind in STATE_EVENTS:
            # What the register says after this event, frozen: notices print it and as-of searches read
            # it, so later renames or changes never rewrite what was decided or published on that date.
            payload = {**(payload or {}), "state": pledge_state(session, row)}
        session.add(PledgeEventRow(pledge_id=row.id, on_date=on, kind=kind, actor=actor.username, summary=summary,
                                   payload=audit.canonical_json(payload)))

    def _legal_date(self, on: date, not_before: date | None, what: str) -> None:
        """Legal dates (registration, change, cancellation) are today or earlier, and not before the
        date they follow; a future date would make the register say different things on different days."""
        if on > today():
            raise ValidationError(Problem("pledge.date_in_future", "on", {"date": on, "today": today()}))
        if not_before is not None and on < not_before:
            raise ValidationError(Problem("pledge.date_too_early", "on", {"date": on, "earliest": not_before, "what": what}))

    def _audit(self, session: Session, actor: Actor, row: PledgeRow, action: str, summary: str,
               before: Any = None, after: Any = None) -> None:
        audit.record(session, actor, f"pledge.{action}", ENTITY, row.id, summary, before, after)

    def snapshot(self, session: Session, numbers: list[str], exclude_pledge_id: int | None = None,
                 party_ids: tuple[int, ...] = ()) -> RegisterSnapshot:
        """The register as the examination needs it: the rights, who pledged them, owners' other marks."""
        rows = session.execute(select(RightRow).where(RightRow.number.in_(numbers))).scalars().all()
        rights = {r.number: right_from_row(r) for r in rows}
        ids = [r.id for r in rows]
        pledged: dict[str, str] = {}
        if ids:
            q = (select(RightRow.number, PledgeRow.registration_no)
                 .join(PledgeRightRow, PledgeRightRow.active_right_id == RightRow.id)
                 .join(PledgeRow, PledgeRow.id == PledgeRightRow.pledge_id)
                 .where(RightRow.id.in_(ids)))
            if exclude_pledge_id is not None:
                q = q.where(PledgeRow.id != exclude_pledge_id)
            pledged = {n: reg or "" for n, reg in session.execute(q).all()}
        owners = {o.party_id for r in rights.values() if r.kind is RightKind.TRADEMARK for o in r.owners}
        marks_by_owner: dict[int, tuple] = {}
        if owners:
            mark_rows = session.execute(
                select(RightRow).join(RightOwnerRow).where(RightOwnerRow.party_id.in_(owners),
                                                           RightRow.kind == RightKind.TRADEMARK.value)
            ).scalars().unique().all()
            marks = [right_from_row(m) for m in mark_rows]
            for pid in owners:
                marks_by_owner[pid] = tuple(m for m in marks if any(o.party_id == pid for o in m.owners))
        people = {o.party_id for r in rights.values() for o in r.owners} | set(party_ids)
        names = dict(session.execute(select(PartyRow.id, PartyRow.name).where(PartyRow.id.in_(people))).all()) if people else {}
        return RegisterSnapshot(rights, pledged, marks_by_owner, similarity_table(), names)

    def _examine(self, session: Session, app: PledgeApplication, as_of: date,
                 exclude_pledge_id: int | None = None) -> Examination:
        people = (*app.pledgor_ids, app.pledgee_id)
        return examine(app, self.snapshot(session, list(app.right_numbers), exclude_pledge_id, people), as_of)

    # --- without storing ------------------------------------------------------------------------
    def parse(self, data: dict[str, Any], on: date | None = None) -> PledgeApplication:
        with reading(self.engine) as session:
            return parse_application(session, data, on or today())

    def examine_data(self, data: dict[str, Any], as_of: date | None = None) -> Examination:
        """Examine an application that is not stored (CLI ``ipdesk examine``, the form's preview)."""
        with reading(self.engine) as session:
            app = parse_application(session, data, as_of or today())
            return self._examine(session, app, as_of or today())

    # --- commands -------------------------------------------------------------------------------
    def file(self, actor: Actor, data: dict[str, Any] | PledgeApplication, received: date | None = None) -> PledgeRecord:
        """Accept an application (已受理): store it, start the service-level clock."""
        actor.require(Action.REGISTER_PLEDGE)
        on = received or today()
        with transaction(self.engine) as session:
            return self._record(session, self._file_in(session, actor, data, on))

    def file_and_register(self, actor: Actor, data: dict[str, Any], on: date | None = None) -> PledgeRecord:
        """File and register in ONE transaction (CLI ``ipdesk register``): if registration is refused,
        nothing at all is written, not even the application."""
        actor.require(Action.REGISTER_PLEDGE)
        on = on or today()
        with transaction(self.engine) as session:
            row = self._file_in(session, actor, data, on)
            return self._register_in(session, actor, row, on)

    def _file_in(self, session: Session, actor: Actor, data: dict[str, Any] | PledgeApplication, on: date) -> PledgeRow:
        if True:  # keeps the body's indentation of the transaction it runs in
            app = data if isinstance(data, PledgeApplication) else parse_application(session, data, on)
            settings = self.office.settings(session)
            rights = session.execute(select(RightRow).where(RightRow.number.in_(app.right_numbers))).scalars().all()
            by_number = {r.number: r for r in rights}
            missing = [n for n in app.right_numbers if n not in by_number]
            if missing:
                raise ValidationError([Problem("pledge.unknown_right", "rights", {"number": n}) for n in missing])
            families = {family(RightKind(r.kind)) for r in rights}
            row = PledgeRow(
                application_no=format_number(settings.application_no_format, on.year,
                                             next_number(session, "application", on.year)),
                status=PledgeStatus.APPLIED.value,
                family=families.pop() if len(families) == 1 else "mixed",
                clock_start=on,
                sla_deadline=application_deadline(on, [r.kind for r in rights], settings.sla,
                                                  calendar=self.office.calendar(session)),
            )
            store_application(row, app)
            for pos, pid in enumerate(app.pledgor_ids):
                row.pledgors.append(PledgePledgorRow(party_id=pid, position=pos))
            for pos, number in enumerate(app.right_numbers):
                row.rights.append(PledgeRightRow(right_id=by_number[number].id, position=pos))
            self._refresh_names(session, row)
            session.add(row)
            session.flush()
            self._event(session, row, actor, "applied", on, f"受理申请 {row.application_no}",
                        application_to_json(app))
            self._audit(session, actor, row, "file", f"受理质押登记申请 {row.application_no}", None,
                        application_to_json(app))
            return row

    def _refresh_names(self, session: Session, row: PledgeRow) -> None:
        names = [session.get(PartyRow, p.party_id).name for p in row.pledgors]  # type: ignore[union-attr]
        row.pledgor_names = "；".join(names)
        row.pledgee_name = session.get(PartyRow, row.pledgee_id).name  # type: ignore[union-attr]

    def examine(self, actor: Actor, pledge_id: int, as_of: date | None = None) -> Examination:
        """Run the examination and record it; only missing documents/clauses → correction notice."""
        actor.require(Action.EXAMINE)
        on = as_of or today()
        with transaction(self.engine) as session:
            row = self._row(session, pledge_id, lock=True)
            self._guard(row, "examine", {PledgeStatus.APPLIED, PledgeStatus.CORRECTION})
            result = self._examine(session, application_of(row, self._numbers(session, row)), on)
            self._event(session, row, actor, "examined", on, f"审查结论：{result.outcome.value}", result.to_json())
            if result.outcome is Outcome.CORRECTION and row.status != PledgeStatus.CORRECTION.value:
                settings = self.office.settings(session)
                row.status = PledgeStatus.CORRECTION.value
                row.correction_deadline = date.fromordinal(on.toordinal() + settings.correction_days)
                row.version += 1
                items = [f.code + ":" + str(f.params.get("item", f.detail or "")) for f in result.corrections]
                self._event(session, row, actor, "correction_notice", on, "发出补正通知书",
                            {"items": [f.to_json() for f in result.corrections],
                             "deadline": row.correction_deadline.isoformat()})
                self._audit(session, actor, row, "correction", f"补正通知 {row.application_no}", None, {"items": items})
            else:
                self._audit(session, actor, row, "examine", f"审查 {row.application_no}：{result.outcome.value}")
            return result

    def cure(self, actor: Actor, pledge_id: int, documents: set[Document] = frozenset(),  # type: ignore[assignment]
             clauses: set[Clause] = frozenset(), remove_clauses: set[Clause] = frozenset(),  # type: ignore[assignment]
             on: date | None = None) -> PledgeRecord:
        """Record documents received / contract clauses fixed; the service clock restarts on ``on``."""
        actor.require(Action.REGISTER_PLEDGE)
        on = on or today()
        with transaction(self.engine) as session:
            row = self._row(session, pledge_id, lock=True)
            self._guard(row, "correct", {PledgeStatus.APPLIED, PledgeStatus.CORRECTION})
            app = application_of(row, self._numbers(session, row))
            before = {"documents": sorted(d.value for d in app.documents), "clauses": sorted(c.value for c in app.clauses)}
            app = replace(app, documents=app.documents | set(documents),
                          clauses=(app.clauses | set(clauses)) - set(remove_clauses))
            store_application(row, app)
            after = {"documents": sorted(d.value for d in app.documents), "clauses": sorted(c.value for c in app.clauses)}
            if row.status == PledgeStatus.CORRECTION.value:
                row.status = PledgeStatus.APPLIED.value
                row.clock_start = on
                kinds = session.execute(select(RightRow.kind).join(PledgeRightRow, PledgeRightRow.right_id == RightRow.id)
                                        .where(PledgeRightRow.pledge_id == row.id)).scalars().all()
                row.sla_deadline = application_deadline(row.application_date, kinds, self.office.settings(session).sla,
                                                        calendar=self.office.calendar(session), cured=on)
                row.correction_deadline = None
            row.version += 1
            self._event(session, row, actor, "cured", on, "收到补正材料", {"before": before, "after": after})
            self._audit(session, actor, row, "cure", f"补正 {row.application_no}", before, after)
            return self._record(session, row)

    def record_waiver(self, actor: Actor, pledge_id: int, code: str, declaration: str, on: date | None = None) -> PledgeRecord:
        """Record the parties' declaration that they still want registration despite P10 / P11."""
        actor.require(Action.REGISTER_PLEDGE)
        on = on or today()
        declaration = declaration.strip()
        if code not in ("P10", "P11"):
            raise ValidationError(Problem("pledge.waiver_code", "code"))
        if not declaration:
            raise ValidationError(Problem("pledge.waiver_empty", "declaration", {"code": code}))
        with transaction(self.engine) as session:
            row = self._row(session, pledge_id, lock=True)
            self._guard(row, "waive", {PledgeStatus.APPLIED, PledgeStatus.CORRECTION})
            app = application_of(row, self._numbers(session, row))
            app = replace(app, waivers={**app.waivers, code: declaration},
                          documents=app.documents | {Document.WAIVER_DECLARATION})
            store_application(row, app)
            row.version += 1
            self._event(session, row, actor, "waiver", on, f"记录当事人声明（{code}）", {"code": code, "declaration": declaration})
            self._audit(session, actor, row, "waive", f"{row.application_no} 记录 {code} 声明", None,
                        {"code": code, "declaration": declaration})
            return self._record(session, row)

    def add_other_ground(self, actor: Actor, pledge_id: int, reason: str, right_number: str = "",
                         on: date | None = None) -> PledgeRecord:
        """A clerk adds a refusal ground of their own (P12 / TM / CR "other") with the reason in words."""
        actor.require(Action.EXAMINE)
        on = on or today()
        if not reason.strip():
            raise ValidationError(Problem("pledge.other_ground_empty", "reason"))
        with transaction(self.engine) as session:
            row = self._row(session, pledge_id, lock=True)
            self._guard(row, "examine", {PledgeStatus.APPLIED, PledgeStatus.CORRECTION})
            app = application_of(row, self._numbers(session, row))
            app = replace(app, other_grounds=app.other_grounds + (OtherGround(reason.strip(), right_number),))
            store_application(row, app)
            row.version += 1
            self._event(session, row, actor, "other_ground", on, f"增加其他不予登记理由：{reason.strip()}")
            self._audit(session, actor, row, "other_ground", f"{row.application_no} 其他理由", None, {"reason": reason})
            return self._record(session, row)

    def register(self, actor: Actor, pledge_id: int, on: date | None = None) -> PledgeRecord:
        """Register: re-examine as of ``on`` inside the transaction, then claim each right."""
        actor.require(Action.REGISTER_PLEDGE)
        on = on or today()
        with transaction(self.engine) as session:
            return self._register_in(session, actor, self._row(session, pledge_id, lock=True), on)

    def _register_in(self, session: Session, actor: Actor, row: PledgeRow, on: date) -> PledgeRecord:
        self._guard(row, "register", {PledgeStatus.APPLIED, PledgeStatus.CORRECTION})
        self._legal_date(on, row.application_date, "申请日")
        result = self._examine(session, application_of(row, self._numbers(session, row)), on)
        if result.outcome is not Outcome.REGISTER:
            failed = result.failed + result.corrections
            raise RuleRefusal(Problem("pledge.not_registrable", "", {
                "grounds": "；".join(f"{f.code} {f.message(self.lang)}" for f in failed)}))
        settings = self.office.settings(session)
        row.registration_no = format_number(settings.registration_no_format, on.year,
                                            next_number(session, "registration", on.year))
        row.status = PledgeStatus.REGISTERED.value
        row.registered_on = on
        row.version += 1
        right_ids = [pr.right_id for pr in row.rights]
        for pr in row.rights:
            pr.active_right_id = pr.right_id
        try:
            session.flush()
        except IntegrityError:
            # Another clerk registered one of these rights after our examination read the register;
            # the UNIQUE constraint on active_right_id stopped the second pledge. Nothing is kept.
            session.rollback()
            raise self._race_refusal(right_ids) from None
        self._event(session, row, actor, "registered", on, f"准予登记，登记号 {row.registration_no}",
                    {"registration_no": row.registration_no, "findings": result.to_json()})
        self._audit(session, actor, row, "register", f"登记 {row.registration_no}", {"status": "applied"},
                    {"status": "registered", "registration_no": row.registration_no, "effective": on})
        return self._record(session, row)

    def _race_refusal(self, right_ids: list[int]) -> RuleRefusal:
        with reading(self.engine) as session:
            taken = session.execute(
                select(RightRow.display_number, PledgeRow.registration_no)
                .join(PledgeRightRow, PledgeRightRow.active_right_id == RightRow.id)
                .join(PledgeRow, PledgeRow.id == PledgeRightRow.pledge_id)
                .where(RightRow.id.in_(right_ids))
            ).all()
        problems = [Problem("pledge.already_pledged", "rights", {"number": n, "registration_no": reg}) for n, reg in taken]
        return RuleRefusal(problems or [Problem("pledge.race_lost", "rights", {"number": "?"})])

    def refuse(self, actor: Actor, pledge_id: int, on: date | None = None) -> PledgeRecord:
        """Refuse with the failed grounds of an examination run now (a refusal always states its grounds)."""
        actor.require(Action.REGISTER_PLEDGE)
        on = on or today()
        with transaction(self.engine) as session:
            row = self._row(session, pledge_id, lock=True)
            self._guard(row, "refuse", {PledgeStatus.APPLIED, PledgeStatus.CORRECTION})
            self._legal_date(on, row.application_date, "申请日")
            result = self._examine(session, application_of(row, self._numbers(session, row)), on)
            if not result.failed:
                raise RuleRefusal(Problem("pledge.not_refusable"))
            row.status = PledgeStatus.REFUSED.value
            row.refused_on = on
            row.version += 1
            grounds = [f.to_json() for f in result.failed]
            self._event(session, row, actor, "refused", on, "不予登记", {"grounds": grounds})
            self._audit(session, actor, row, "refuse", f"不予登记 {row.application_no}", {"status": "applied"},
                        {"status": "refused", "grounds": [g["code"] for g in grounds]})
            return self._record(session, row)

    def withdraw(self, actor: Actor, pledge_id: int, on: date | None = None) -> PledgeRecord:
        actor.require(Action.REGISTER_PLEDGE)
        on = on or today()
        with transaction(self.engine) as session:
            row = self._row(session, pledge_id, lock=True)
            self._guard(row, "withdraw", {PledgeStatus.APPLIED, PledgeStatus.CORRECTION})
            row.status = PledgeStatus.WITHDRAWN.value
            row.version += 1
            self._event(session, row, actor, "withdrawn", on, "申请撤回")
            self._audit(session, actor, row, "withdraw", f"撤回 {row.application_no}")
            return self._record(session, row)

    def change(self, actor: Actor, pledge_id: int, *, secured_amount: Decimal | str | None = None,
               debt_type: DebtType | None = None, guarantee_scope: set[GuaranteeScope] | None = None,
               pledgee: Any = None, refresh_names: bool = False, on: date | None = None) -> PledgeRecord:
        """Change registration (变更): secured amount or type, guarantee scope, pledgee, parties' names."""
        from ipdesk.domain.shared.fields import parse_money
        from ipdesk.services.pledges.inputs import resolve_party

        actor.require(Action.CHANGE_PLEDGE)
        on = on or today()
        with transaction(self.engine) as session:
            row = self._row(session, pledge_id, lock=True)
            self._guard(row, "change", {PledgeStatus.REGISTERED})
            self._legal_date(on, row.registered_on, "登记日")
            before = self._change_view(row)
            problems: list[Problem] = []
            if secured_amount is not None:
                amount, p = parse_money(secured_amount, "secured_amount", "担保债权数额")
                problems += p
                if amount is not None and amount <= 0:
                    problems.append(Problem("not_positive", "secured_amount", {"label": "担保债权数额", "value": amount}))
                elif amount is not None:
                    row.secured_amount = amount
            if debt_type is not None:
                row.debt_type = DebtType(debt_type).value
            if guarantee_scope is not None:
                if not guarantee_scope:
                    problems.append(Problem("pledge.no_scope", "guarantee_scope"))
                row.guarantee_scope = _csv(guarantee_scope)
            if pledgee is not None:
                pid = resolve_party(session, pledgee)
                if pid is None:
                    problems.append(Problem("pledge.party_unknown", "pledgee", {"label": "质权人", "key": pledgee}))
                elif pid in [p.party_id for p in row.pledgors]:
                    problems.append(Problem("pledge.pledgee_is_pledgor", "pledgee", {"party": pledgee}))
                else:
                    row.pledgee_id = pid
            if problems:
                raise ValidationError(problems)
            self._refresh_names(session, row)
            after = self._change_view(row)
            if before == after:
                raise ValidationError(Problem("pledge.no_change"))
            row.version += 1
            changes = [{"field": k, "before": before[k], "after": after[k]} for k in before if before[k] != after[k]]
            self._event(session, row, actor, "changed", on, "变更登记", {"changes": changes})
            self._audit(session, actor, row, "change", f"变更 {row.registration_no}", before, after)
            return self._record(session, row)

    @staticmethod
    def _change_view(row: PledgeRow) -> dict[str, Any]:
        return {"secured_amount": str(row.secured_amount), "debt_type": row.debt_type,
                "guarantee_scope": row.guarantee_scope, "pledgee_name": row.pledgee_name,
                "pledgor_names": row.pledgor_names}

    def extend(self, actor: Actor, pledge_id: int, new_deadline: date | None = None, new_term_end: date | None = None,
               on: date | None = None) -> PledgeRecord:
        """Extension (延期): a later performance deadline and/or a later pledge term (marks: the
        registration term), re-examined (neither may pass any right's expiry)."""
        actor.require(Action.CHANGE_PLEDGE)
        on = on or today()
        with transaction(self.engine) as session:
            row = self._row(session, pledge_id, lock=True)
            self._guard(row, "extend", {PledgeStatus.REGISTERED})
            self._legal_date(on, row.registered_on, "登记日")
            problems = []
            if new_deadline is None and new_term_end is None:
                problems.append(Problem("pledge.no_change"))
            if new_deadline is not None and new_deadline <= row.performance_deadline:
                problems.append(Problem("pledge.extension_not_later", "performance_deadline",
                                        {"old": row.performance_deadline}))
            deadline = new_deadline or row.performance_deadline
            if new_term_end is not None and (
                (row.pledge_term_end is not None and new_term_end <= row.pledge_term_end) or new_term_end < deadline
            ):
                problems.append(Problem("pledge.term_not_later", "pledge_term_end",
                                        {"old": row.pledge_term_end or "—", "deadline": deadline}))
            if problems:
                raise ValidationError(problems)
            new_deadline = deadline
            app = application_of(row, self._numbers(session, row))
            extended = replace(app, performance_deadline=new_deadline,
                               pledge_term_end=new_term_end or app.pledge_term_end)
            result = self._examine(session, extended, on, exclude_pledge_id=row.id)
            # Completeness was settled at registration; what matters now are the substantive grounds.
            if result.failed:
                raise RuleRefusal(Problem("pledge.extension_refused", "performance_deadline", {
                    "grounds": "；".join(f"{f.code} {f.message(self.lang)}" for f in result.failed)}))
            before = {"performance_deadline": row.performance_deadline, "pledge_term_end": row.pledge_term_end}
            row.performance_deadline = new_deadline
            if new_term_end is not None:
                row.pledge_term_end = new_term_end
            row.version += 1
            after = {"performance_deadline": row.performance_deadline, "pledge_term_end": row.pledge_term_end}
            self._event(session, row, actor, "extended", on, f"延期至 {new_deadline.isoformat()}",
                        {"before": before, "after": after, "findings": result.to_json()})
            self._audit(session, actor, row, "extend", f"延期 {row.registration_no}", before, after)
            return self._record(session, row)

    def cancel(self, actor: Actor, pledge_id: int, trigger: CancellationTrigger | str, on: date | None = None) -> PledgeRecord:
        """Cancellation (注销) with one of the five triggers; frees the rights for a new pledge."""
        actor.require(Action.CHANGE_PLEDGE)
        on = on or today()
        try:
            trig = CancellationTrigger(trigger)
        except ValueError:
            raise ValidationError(Problem("bad_choice", "trigger", {
                "label": "注销原因", "value": trigger, "choices": ", ".join(t.value for t in CancellationTrigger)})) from None
        with transaction(self.engine) as session:
            row = self._row(session, pledge_id, lock=True)
            self._guard(row, "cancel", {PledgeStatus.REGISTERED})
            self._legal_date(on, row.registered_on, "登记日")
            row.status = PledgeStatus.CANCELLED.value
            row.cancelled_on = on
            row.cancellation_trigger = trig.value
            row.version += 1
            for pr in row.rights:
                pr.active_right_id = None
            self._event(session, row, actor, "cancelled", on, f"注销登记（{trig.value}）", {"trigger": trig.value})
            self._audit(session, actor, row, "cancel", f"注销 {row.registration_no}", {"status": "registered"},
                        {"status": "cancelled", "trigger": trig.value, "date": on})
            return self._record(session, row)

    def record_transaction(self, actor: Actor, right_number: str, kind: str, counterparty: str, *,
                           pledgee_consent: bool = False, proceeds: Decimal | None = None,
                           proceeds_handling: str = "", on: date | None = None) -> int:
        """Record a transfer or licence of a right (Civil Code 444: a pledged right needs the pledgee's
        consent, and the proceeds go to early repayment or escrow)."""
        from ipdesk.domain.registry.identifiers import parse_right_number

        actor.require(Action.EDIT_RIGHTS)
        on = on or today()
        number = parse_right_number(right_number).number
        with transaction(self.engine) as session:
            right = session.execute(select(RightRow).where(RightRow.number == number)).scalar_one_or_none()
            if right is None:
                raise NotFound(Problem("not_found", params={"what": "权利", "key": right_number}))
            active = session.execute(
                select(PledgeRow).join(PledgeRightRow, PledgeRightRow.pledge_id == PledgeRow.id)
                .where(PledgeRightRow.active_right_id == right.id)
            ).scalar_one_or_none()
            if active is not None:
                if not pledgee_consent:
                    raise RuleRefusal(Problem("pledge.consent_required", "pledgee_consent",
                                              {"number": right.display_number, "pledgee": active.pledgee_name}))
                if proceeds_handling not in ("early_repayment", "escrow"):
                    raise ValidationError(Problem("pledge.proceeds_handling", "proceeds_handling"))
            tx = RightTransactionRow(right_id=right.id, pledge_id=active.id if active else None, kind=kind,
                                     counterparty=counterparty, recorded_on=on, pledgee_consent=pledgee_consent,
                                     proceeds=proceeds, proceeds_handling=proceeds_handling, actor=actor.username)
            session.add(tx)
            session.flush()
            if active is not None:
                self._event(session, active, actor, f"{kind}_consented", on,
                            f"{right.display_number} {'转让' if kind == 'transfer' else '许可'}（质权人同意，价款{proceeds_handling}）",
                            {"counterparty": counterparty, "proceeds": proceeds, "handling": proceeds_handling})
            audit.record(session, actor, f"right.{kind}", "right", right.id, f"{right.display_number} 记录{kind}：{counterparty}",
                         None, {"counterparty": counterparty, "pledge": active.registration_no if active else None,
                                "consent": pledgee_consent, "proceeds": proceeds, "handling": proceeds_handling})
            return tx.id

    # --- queries --------------------------------------------------------------------------------
    def get(self, pledge_id: int) -> PledgeRecord:
        with reading(self.engine) as session:
            return self._record(session, self._row(session, pledge_id))

    def find(self, number: str) -> PledgeRecord:
        """By registration number or application number."""
        with reading(self.engine) as session:
            row = session.execute(select(PledgeRow).where(
                (PledgeRow.registration_no == number.strip()) | (PledgeRow.application_no == number.strip())
            )).scalar_one_or_none()
            if row is None:
                raise NotFound(Problem("not_found", params={"what": "质押登记", "key": number}))
            return self._record(session, row)

    def events(self, pledge_id: int) -> list[dict[str, Any]]:
        with reading(self.engine) as session:
            rows = session.execute(select(PledgeEventRow).where(PledgeEventRow.pledge_id == pledge_id)
                                   .order_by(PledgeEventRow.id)).scalars()
            return [{"at": r.at, "on": r.on_date, "kind": r.kind, "actor": r.actor, "summary": r.summary,
                     "payload": json.loads(r.payload) if r.payload else None} for r in rows]

    def history(self, pledge_id: int) -> list[audit.AuditEntry]:
        return audit.AuditService(self.engine).history(ENTITY, pledge_id)

    def last_examination(self, pledge_id: int) -> dict[str, Any] | None:
        for event in reversed(self.events(pledge_id)):
            if event["kind"] == "examined":
                return event["payload"]
        return None

    def _record(self, session: Session, row: PledgeRow) -> PledgeRecord:
        numbers = self._numbers(session, row)
        rights_rows = {r.id: r for r in session.execute(
            select(RightRow).where(RightRow.id.in_(list(numbers)))).scalars()} if numbers else {}
        debtor = session.get(PartyRow, row.debtor_id) if row.debtor_id else None
        return PledgeRecord(
            id=row.id, application_no=row.application_no, registration_no=row.registration_no,
            status=PledgeStatus(row.status), family=row.family, application=application_of(row, numbers),
            rights=tuple(PledgedRight(r.right_id, rights_rows[r.right_id].number, rights_rows[r.right_id].display_number,
                                      rights_rows[r.right_id].title, rights_rows[r.right_id].kind) for r in row.rights),
            pledgor_names=tuple(n for n in row.pledgor_names.split("；") if n), pledgee_name=row.pledgee_name,
            debtor_name=debtor.name if debtor else (row.pledgor_names.split("；")[0] if row.pledgor_names else ""),
            sla_deadline=row.sla_deadline, correction_deadline=row.correction_deadline,
            registered_on=row.registered_on, refused_on=row.refused_on, cancelled_on=row.cancelled_on,
            cancellation_trigger=CancellationTrigger(row.cancellation_trigger) if row.cancellation_trigger else None,
            version=row.version, created_at=row.created_at,
        )
