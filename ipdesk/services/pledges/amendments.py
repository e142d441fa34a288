"""Amendments of a registered pledge: change (变更), extension (延期), cancellation (注销)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from ipdesk.domain.pledges.application import CancellationTrigger, DebtType, GuaranteeScope
from ipdesk.domain.pledges.lifecycle import PLEDGE_LIFECYCLE
from ipdesk.domain.pledges.maker_checker import DecisionKind
from ipdesk.domain.pledges.record import PledgeRecord
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import Problem, RuleRefusal, ValidationError
from ipdesk.services.pledges.commands import ground_problems
from ipdesk.services.pledges.decisions import DecisionCommands
from ipdesk.services.pledges.rows import _csv, application_of
from ipdesk.services.uow import UnitOfWork, note, transaction
from ipdesk.storage.schema import PledgeRow


class AmendmentCommands(DecisionCommands):
    """What may happen to a pledge once registered."""

    def change(self, actor: Actor, pledge_id: int, *, secured_amount: Decimal | str | None = None,
               debt_type: DebtType | None = None, guarantee_scope: set[GuaranteeScope] | None = None,
               pledgee: Any = None, refresh_names: bool = False, on: date | None = None) -> PledgeRecord:
        """Change registration (变更): secured amount or type, guarantee scope, pledgee, parties' names."""
        from ipdesk.domain.shared.fields import parse_money
        from ipdesk.services.pledges.inputs import resolve_party

        actor.require(Action.CHANGE_PLEDGE)
        on = on or self.clock.today()
        with transaction(self.engine, self.clock) as session:
            row = self._row(session, pledge_id, lock=True)
            self._guard(row, "change")
            self._legal_date(on, row.registered_on, "登记日")
            before = self._change_view(row)
            problems: list[Problem] = []
            if secured_amount is not None:
                amount, p = parse_money(secured_amount, "secured_amount", "担保债权数额")
                problems += p
                if amount is not None and amount <= 0:
                    problems.append(
                        Problem("not_positive", "secured_amount", {"label": "担保债权数额", "value": amount})
                    )
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
            return self._done(session, row)

    @staticmethod
    def _change_view(row: PledgeRow) -> dict[str, Any]:
        return {
            "secured_amount": str(row.secured_amount),
            "debt_type": row.debt_type,
            "guarantee_scope": row.guarantee_scope,
            "pledgee_name": row.pledgee_name,
            "pledgor_names": row.pledgor_names,
        }

    def extend(
        self,
        actor: Actor,
        pledge_id: int,
        new_deadline: date | None = None,
        new_term_end: date | None = None,
        on: date | None = None,
    ) -> PledgeRecord:
        """Extension (延期): a later performance deadline and/or a later pledge term (marks: the
        registration term), re-examined (neither may pass any right's expiry)."""
        actor.require(Action.CHANGE_PLEDGE)
        on = on or self.clock.today()
        with transaction(self.engine, self.clock) as session:
            row = self._row(session, pledge_id, lock=True)
            self._guard(row, "extend")
            self._legal_date(on, row.registered_on, "登记日")
            problems = []
            if new_deadline is None and new_term_end is None:
                problems.append(Problem("pledge.no_change"))
            if new_deadline is not None and new_deadline <= row.performance_deadline:
                problems.append(
                    Problem("pledge.extension_not_later", "performance_deadline", {"old": row.performance_deadline})
                )
            deadline = new_deadline or row.performance_deadline
            if new_term_end is not None and (
                (row.pledge_term_end is not None and new_term_end <= row.pledge_term_end) or new_term_end < deadline
            ):
                problems.append(
                    Problem(
                        "pledge.term_not_later",
                        "pledge_term_end",
                        {"old": row.pledge_term_end or "—", "deadline": deadline},
                    )
                )
            if problems:
                raise ValidationError(problems)
            new_deadline = deadline
            app = application_of(row, self._numbers(session, row))
            extended = replace(
                app, performance_deadline=new_deadline, pledge_term_end=new_term_end or app.pledge_term_end
            )
            result = self._examine(session, extended, on, exclude_pledge_id=row.id)
            # Completeness was settled at registration; what matters now are the substantive grounds.
            if result.failed:
                raise RuleRefusal(
                    Problem(
                        "pledge.extension_refused", "performance_deadline", {"grounds": ground_problems(result.failed)}
                    )
                )
            before = {"performance_deadline": row.performance_deadline, "pledge_term_end": row.pledge_term_end}
            row.performance_deadline = new_deadline
            if new_term_end is not None:
                row.pledge_term_end = new_term_end
            row.version += 1
            after = {"performance_deadline": row.performance_deadline, "pledge_term_end": row.pledge_term_end}
            self._event(
                session,
                row,
                actor,
                "extended",
                on,
                f"延期至 {new_deadline.isoformat()}",
                {"before": before, "after": after, "findings": result.to_json()},
            )
            self._audit(session, actor, row, "extend", f"延期 {row.registration_no}", before, after)
            return self._done(session, row)

    def cancel(
        self, actor: Actor, pledge_id: int, trigger: CancellationTrigger | str, on: date | None = None
    ) -> PledgeRecord:
        """Cancellation (注销) with one of the five triggers; frees the rights for a new pledge. With
        maker-checker on, prepared for an approver instead (the record's ``pending``)."""
        actor.require(Action.CHANGE_PLEDGE)
        on = on or self.clock.today()
        trig = self._trigger(trigger)
        with transaction(self.engine, self.clock) as session:
            row = self._row(session, pledge_id, lock=True)
            if not self.maker_checker_on(session):
                return self._cancel_row(session, actor, row, trig, on)
            self._cancellable(row, on)
            return self._prepare(session, actor, row, DecisionKind.CANCEL, {"trigger": trig.value, "on": on},
                                 f"注销 {row.registration_no}（{trig.value}，{on.isoformat()}）")

    def cancel_in(
        self, uow: UnitOfWork, actor: Actor, pledge_id: int, trigger: CancellationTrigger | str, on: date | None = None
    ) -> PledgeRecord:
        """:meth:`cancel` inside the caller's unit of work, deciding at once (disposal cancels the pledge it
        realises: that command is the decision, under its own rules)."""
        actor.require(Action.CHANGE_PLEDGE)
        on = on or self.clock.today()
        return self._cancel_row(uow, actor, self._row(uow, pledge_id, lock=True), self._trigger(trigger), on)

    @staticmethod
    def _trigger(trigger: CancellationTrigger | str) -> CancellationTrigger:
        try:
            return CancellationTrigger(trigger)
        except ValueError:
            raise ValidationError(
                Problem(
                    "bad_choice",
                    "trigger",
                    {"label": "注销原因", "value": trigger, "choices": ", ".join(t.value for t in CancellationTrigger)},
                )
            ) from None

    def _cancellable(self, row: PledgeRow, on: date) -> None:
        self._guard(row, "cancel")
        self._legal_date(on, row.registered_on, "登记日")

    def _cancel_row(self, uow: UnitOfWork, actor: Actor, row: PledgeRow, trigger: CancellationTrigger | str,
                    on: date) -> PledgeRecord:
        trig = self._trigger(trigger)
        self._cancellable(row, on)
        row.status = PLEDGE_LIFECYCLE.after("cancel")
        row.cancelled_on = on
        row.cancellation_trigger = trig.value
        row.version += 1
        for pr in row.rights:
            pr.active_right_id = None
        self._event(uow, row, actor, "cancelled", on, f"注销登记（{trig.value}）", {"trigger": trig.value})
        self._audit(
            uow,
            actor,
            row,
            "cancel",
            f"注销 {row.registration_no}",
            {"status": "registered"},
            {"status": "cancelled", "trigger": trig.value, "date": on},
        )
        note(uow, "rights", *[pr.right_id for pr in row.rights])  # free again: the rights pages show it
        return self._done(uow, row)
