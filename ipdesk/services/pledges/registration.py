"""Registration commands: file, examine, cure, waive, other ground, register, refuse, withdraw.

The database itself guarantees one registered, uncancelled pledge per right (``pledge_rights.active_right_id``
is UNIQUE); a registration that loses a race is turned into a clear P9/TM/CR refusal.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ipdesk.domain.office.workdays import application_deadline
from ipdesk.domain.pledges.application import (
    Clause,
    Document,
    OtherGround,
    PledgeApplication,
)
from ipdesk.domain.pledges.examination.engine import Examination, Outcome
from ipdesk.domain.pledges.lifecycle import PLEDGE_LIFECYCLE
from ipdesk.domain.pledges.maker_checker import DecisionKind
from ipdesk.domain.pledges.record import PledgeRecord
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import Problem, RuleRefusal, ValidationError
from ipdesk.services import pledge_grouping
from ipdesk.services.office.settings import format_number, next_number
from ipdesk.services.pledges.commands import ground_problems
from ipdesk.services.pledges.decisions import DecisionCommands
from ipdesk.services.pledges.inputs import application_to_json, parse_application
from ipdesk.services.pledges.rows import application_of, store_application
from ipdesk.services.uow import UnitOfWork, changes_so_far, note, reading, transaction
from ipdesk.storage.schema import PledgePledgorRow, PledgeRightRow, PledgeRow, RightRow


class RegistrationCommands(DecisionCommands):
    """From the application to the register's decision (registered, refused or withdrawn)."""

    def file(
        self, actor: Actor, data: dict[str, Any] | PledgeApplication, received: date | None = None
    ) -> PledgeRecord:
        """Accept an application (已受理): store it, start the service-level clock."""
        actor.require(Action.REGISTER_PLEDGE)
        on = received or self.clock.today()
        with transaction(self.engine, self.clock) as session:
            return self._done(session, self._file_in(session, actor, data, on))

    def file_and_register(self, actor: Actor, data: dict[str, Any], on: date | None = None) -> PledgeRecord:
        """File and register in ONE transaction (CLI ``ipdesk register``): if registration is refused,
        nothing at all is written, not even the application. With maker-checker on, the registration is
        prepared for approval (the record's ``pending``) in the same transaction."""
        actor.require(Action.REGISTER_PLEDGE)
        on = on or self.clock.today()
        with transaction(self.engine, self.clock) as session:
            row = self._file_in(session, actor, data, on)
            return self._decide_register(session, actor, row, on)

    def file_in(self, uow: UnitOfWork, actor: Actor, data: dict[str, Any] | PledgeApplication,
                received: date | None = None) -> PledgeRecord:
        """:meth:`file` inside the caller's unit of work (a matchmaking credit line becomes an application in
        the line's own transaction, so a refused application leaves the line as it was)."""
        actor.require(Action.REGISTER_PLEDGE)
        return self._record(uow, self._file_in(uow, actor, data, received or self.clock.today()))

    def _file_in(self, session: Session, actor: Actor, data: dict[str, Any] | PledgeApplication, on: date) -> PledgeRow:
        if True:  # keeps the body's indentation of the transaction it runs in
            app = data if isinstance(data, PledgeApplication) else parse_application(session, data, on)
            settings = self.office.settings(session)
            rights = session.execute(select(RightRow).where(RightRow.number.in_(app.right_numbers))).scalars().all()
            by_number = {r.number: r for r in rights}
            missing = [n for n in app.right_numbers if n not in by_number]
            if missing:
                raise ValidationError([Problem("pledge.unknown_right", "rights", {"number": n}) for n in missing])
            row = PledgeRow(
                application_no=format_number(
                    settings.application_no_format, on.year, next_number(session, "application", on.year)
                ),
                status=PLEDGE_LIFECYCLE.after("file"),
                clock_start=on,
                sla_deadline=application_deadline(
                    on, [r.kind for r in rights], settings.sla, calendar=self.office.calendar(session)
                ),
            )
            store_application(row, app)
            pledge_grouping.classify(session, row, [r.kind for r in rights], app.pledgor_ids)
            for pos, pid in enumerate(app.pledgor_ids):
                row.pledgors.append(PledgePledgorRow(party_id=pid, position=pos))
            for pos, number in enumerate(app.right_numbers):
                row.rights.append(PledgeRightRow(right_id=by_number[number].id, position=pos))
            self._refresh_names(session, row)
            session.add(row)
            session.flush()
            self._event(session, row, actor, "applied", on, f"受理申请 {row.application_no}", application_to_json(app))
            self._audit(
                session, actor, row, "file", f"受理质押登记申请 {row.application_no}", None, application_to_json(app)
            )
            return row

    def examine(self, actor: Actor, pledge_id: int, as_of: date | None = None) -> Examination:
        """Run the examination and record it; only missing documents/clauses → correction notice."""
        actor.require(Action.EXAMINE)
        on = as_of or self.clock.today()
        with transaction(self.engine, self.clock) as session:
            row = self._row(session, pledge_id, lock=True)
            step = self._guard(row, "examine")
            result = self._examine(session, application_of(row, self._numbers(session, row)), on)
            self._event(session, row, actor, "examined", on, f"审查结论：{result.outcome.value}", result.to_json())
            if result.outcome is Outcome.CORRECTION and row.status != step.leads_to:
                settings = self.office.settings(session)
                row.status = PLEDGE_LIFECYCLE.after("examine")
                row.correction_deadline = date.fromordinal(on.toordinal() + settings.correction_days)
                row.version += 1
                items = [f.code + ":" + str(f.params.get("item", f.detail or "")) for f in result.corrections]
                self._event(
                    session,
                    row,
                    actor,
                    "correction_notice",
                    on,
                    "发出补正通知书",
                    {
                        "items": [f.to_json() for f in result.corrections],
                        "deadline": row.correction_deadline.isoformat(),
                    },
                )
                self._audit(session, actor, row, "correction", f"补正通知 {row.application_no}", None, {"items": items})
            else:
                self._audit(session, actor, row, "examine", f"审查 {row.application_no}：{result.outcome.value}")
            return replace(result, changes=changes_so_far(session))

    def cure(
        self,
        actor: Actor,
        pledge_id: int,
        documents: set[Document] = frozenset(),  # type: ignore[assignment]
        clauses: set[Clause] = frozenset(),  # type: ignore[assignment]
        remove_clauses: set[Clause] = frozenset(),  # type: ignore[assignment]
        on: date | None = None,
    ) -> PledgeRecord:
        """Record documents received / contract clauses fixed; the service clock restarts on ``on``."""
        actor.require(Action.REGISTER_PLEDGE)
        on = on or self.clock.today()
        with transaction(self.engine, self.clock) as session:
            row = self._row(session, pledge_id, lock=True)
            step = self._guard(row, "cure")
            app = application_of(row, self._numbers(session, row))
            before = {
                "documents": sorted(d.value for d in app.documents),
                "clauses": sorted(c.value for c in app.clauses),
            }
            app = replace(
                app,
                documents=app.documents | set(documents),
                clauses=(app.clauses | set(clauses)) - set(remove_clauses),
            )
            store_application(row, app)
            after = {
                "documents": sorted(d.value for d in app.documents),
                "clauses": sorted(c.value for c in app.clauses),
            }
            if row.status != step.leads_to:  # cured after a correction notice: back to examination
                row.status = PLEDGE_LIFECYCLE.after("cure")
                row.clock_start = on
                kinds = (
                    session.execute(
                        select(RightRow.kind)
                        .join(PledgeRightRow, PledgeRightRow.right_id == RightRow.id)
                        .where(PledgeRightRow.pledge_id == row.id)
                    )
                    .scalars()
                    .all()
                )
                row.sla_deadline = application_deadline(
                    row.application_date,
                    kinds,
                    self.office.settings(session).sla,
                    calendar=self.office.calendar(session),
                    cured=on,
                )
                row.correction_deadline = None
            row.version += 1
            self._event(session, row, actor, "cured", on, "收到补正材料", {"before": before, "after": after})
            self._audit(session, actor, row, "cure", f"补正 {row.application_no}", before, after)
            return self._done(session, row)

    def record_waiver(
        self, actor: Actor, pledge_id: int, code: str, declaration: str, on: date | None = None
    ) -> PledgeRecord:
        """Record the parties' declaration that they still want registration despite P10 / P11."""
        actor.require(Action.REGISTER_PLEDGE)
        on = on or self.clock.today()
        declaration = declaration.strip()
        if code not in ("P10", "P11"):
            raise ValidationError(Problem("pledge.waiver_code", "code"))
        if not declaration:
            raise ValidationError(Problem("pledge.waiver_empty", "declaration", {"code": code}))
        with transaction(self.engine, self.clock) as session:
            row = self._row(session, pledge_id, lock=True)
            self._guard(row, "waive")
            app = application_of(row, self._numbers(session, row))
            app = replace(
                app, waivers={**app.waivers, code: declaration}, documents=app.documents | {Document.WAIVER_DECLARATION}
            )
            store_application(row, app)
            row.version += 1
            self._event(
                session,
                row,
                actor,
                "waiver",
                on,
                f"记录当事人声明（{code}）",
                {"code": code, "declaration": declaration},
            )
            self._audit(
                session,
                actor,
                row,
                "waive",
                f"{row.application_no} 记录 {code} 声明",
                None,
                {"code": code, "declaration": declaration},
            )
            return self._done(session, row)

    def add_other_ground(
        self, actor: Actor, pledge_id: int, reason: str, right_number: str = "", on: date | None = None
    ) -> PledgeRecord:
        """A clerk adds a refusal ground of their own (P12 / TM / CR "other") with the reason in words."""
        actor.require(Action.EXAMINE)
        on = on or self.clock.today()
        if not reason.strip():
            raise ValidationError(Problem("pledge.other_ground_empty", "reason"))
        with transaction(self.engine, self.clock) as session:
            row = self._row(session, pledge_id, lock=True)
            self._guard(row, "other_ground")
            app = application_of(row, self._numbers(session, row))
            app = replace(app, other_grounds=app.other_grounds + (OtherGround(reason.strip(), right_number),))
            store_application(row, app)
            row.version += 1
            self._event(session, row, actor, "other_ground", on, f"增加其他不予登记理由：{reason.strip()}")
            self._audit(session, actor, row, "other_ground", f"{row.application_no} 其他理由", None, {"reason": reason})
            return self._done(session, row)

    def register(self, actor: Actor, pledge_id: int, on: date | None = None) -> PledgeRecord:
        """Register: re-examine as of ``on`` inside the transaction, then claim each right; with
        maker-checker on, prepared for an approver instead (the record's ``pending``)."""
        with transaction(self.engine, self.clock) as session:
            return self.register_in(session, actor, pledge_id, on)

    def register_in(self, uow: UnitOfWork, actor: Actor, pledge_id: int, on: date | None = None) -> PledgeRecord:
        """:meth:`register` inside the caller's unit of work (it commits or rolls back with the caller)."""
        actor.require(Action.REGISTER_PLEDGE)
        on = on or self.clock.today()
        return self._decide_register(uow, actor, self._row(uow, pledge_id, lock=True), on)

    def _decide_register(self, session: Session, actor: Actor, row: PledgeRow, on: date) -> PledgeRecord:
        """Register now, or (maker-checker) check that it could and prepare it for an approver."""
        if not self.maker_checker_on(session):
            return self._register_row(session, actor, row, on)
        self._registrable(session, row, on)
        return self._prepare(session, actor, row, DecisionKind.REGISTER, {"on": on},
                             f"准予登记 {row.application_no}（{on.isoformat()}）")

    def _registrable(self, session: Session, row: PledgeRow, on: date) -> Examination:
        """The examination as of ``on`` that lets ``row`` be registered (else the refusal saying why)."""
        self._guard(row, "register")
        self._legal_date(on, row.application_date, "申请日")
        result = self._examine(session, application_of(row, self._numbers(session, row)), on)
        if result.outcome is not Outcome.REGISTER:
            failed = result.failed + result.corrections
            raise RuleRefusal(Problem("pledge.not_registrable", "", {"grounds": ground_problems(failed)}))
        return result

    def _register_row(self, session: Session, actor: Actor, row: PledgeRow, on: date) -> PledgeRecord:
        result = self._registrable(session, row, on)
        settings = self.office.settings(session)
        row.registration_no = format_number(
            settings.registration_no_format, on.year, next_number(session, "registration", on.year)
        )
        row.status = PLEDGE_LIFECYCLE.after("register")
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
        self._event(
            session,
            row,
            actor,
            "registered",
            on,
            f"准予登记，登记号 {row.registration_no}",
            {"registration_no": row.registration_no, "findings": result.to_json()},
        )
        self._audit(
            session,
            actor,
            row,
            "register",
            f"登记 {row.registration_no}",
            {"status": "applied"},
            {"status": "registered", "registration_no": row.registration_no, "effective": on},
        )
        note(session, "rights", *right_ids)  # now pledged: the rights pages show it
        return self._done(session, row)

    def _race_refusal(self, right_ids: list[int]) -> RuleRefusal:
        with reading(self.engine) as session:
            taken = session.execute(
                select(RightRow.display_number, PledgeRow.registration_no)
                .join(PledgeRightRow, PledgeRightRow.active_right_id == RightRow.id)
                .join(PledgeRow, PledgeRow.id == PledgeRightRow.pledge_id)
                .where(RightRow.id.in_(right_ids))
            ).all()
        problems = [
            Problem("pledge.already_pledged", "rights", {"number": n, "registration_no": reg}) for n, reg in taken
        ]
        return RuleRefusal(problems or [Problem("pledge.race_lost", "rights", {"number": "?"})])

    def refuse(self, actor: Actor, pledge_id: int, on: date | None = None) -> PledgeRecord:
        """Refuse with the failed grounds of an examination run now (a refusal always states its grounds);
        with maker-checker on, prepared for an approver instead (the record's ``pending``)."""
        actor.require(Action.REGISTER_PLEDGE)
        on = on or self.clock.today()
        with transaction(self.engine, self.clock) as session:
            row = self._row(session, pledge_id, lock=True)
            if self.maker_checker_on(session):
                self._refusable(session, row, on)
                return self._prepare(session, actor, row, DecisionKind.REFUSE, {"on": on},
                                     f"不予登记 {row.application_no}（{on.isoformat()}）")
            return self._refuse_row(session, actor, row, on)

    def _refusable(self, session: Session, row: PledgeRow, on: date) -> Examination:
        """The examination as of ``on`` whose failed grounds a refusal of ``row`` states."""
        self._guard(row, "refuse")
        self._legal_date(on, row.application_date, "申请日")
        result = self._examine(session, application_of(row, self._numbers(session, row)), on)
        if not result.failed:
            raise RuleRefusal(Problem("pledge.not_refusable"))
        return result

    def _refuse_row(self, session: Session, actor: Actor, row: PledgeRow, on: date) -> PledgeRecord:
        result = self._refusable(session, row, on)
        row.status = PLEDGE_LIFECYCLE.after("refuse")
        row.refused_on = on
        row.version += 1
        grounds = [f.to_json() for f in result.failed]
        self._event(session, row, actor, "refused", on, "不予登记", {"grounds": grounds})
        self._audit(
            session,
            actor,
            row,
            "refuse",
            f"不予登记 {row.application_no}",
            {"status": "applied"},
            {"status": "refused", "grounds": [g["code"] for g in grounds]},
        )
        return self._done(session, row)

    def withdraw(self, actor: Actor, pledge_id: int, on: date | None = None) -> PledgeRecord:
        actor.require(Action.REGISTER_PLEDGE)
        on = on or self.clock.today()
        with transaction(self.engine, self.clock) as session:
            row = self._row(session, pledge_id, lock=True)
            self._guard(row, "withdraw")
            row.status = PLEDGE_LIFECYCLE.after("withdraw")
            row.version += 1
            self._event(session, row, actor, "withdrawn", on, "申请撤回")
            self._audit(session, actor, row, "withdraw", f"撤回 {row.application_no}")
            return self._done(session, row)
