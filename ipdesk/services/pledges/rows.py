"""Pledge rows ⇄ plain values: the stored application, and the frozen state events carry."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from ipdesk.domain.pledges.application import (
    Clause,
    DebtType,
    Document,
    GuaranteeScope,
    OtherGround,
    PledgeApplication,
)
from ipdesk.domain.registry.rights import RightKind
from ipdesk.services import audit
from ipdesk.storage.schema import PartyRow, PledgeRow, RightRow


def _csv(values) -> str:
    return ",".join(sorted(v.value for v in values))


def _from_csv(text: str, enum_cls) -> frozenset:
    return frozenset(enum_cls(v) for v in text.split(",") if v)


def application_of(row: PledgeRow, numbers: dict[int, str]) -> PledgeApplication:
    others = json.loads(row.other_grounds) if row.other_grounds else []
    return PledgeApplication(
        application_date=row.application_date,
        pledgor_ids=tuple(p.party_id for p in row.pledgors),
        pledgee_id=row.pledgee_id,
        debtor_id=row.debtor_id,
        agent_id=row.agent_id,
        debt_type=DebtType(row.debt_type),
        secured_amount=row.secured_amount,
        performance_deadline=row.performance_deadline,
        pledge_term_end=row.pledge_term_end,
        guarantee_scope=_from_csv(row.guarantee_scope, GuaranteeScope),
        right_numbers=tuple(numbers[r.right_id] for r in row.rights),
        documents=_from_csv(row.documents, Document),
        clauses=_from_csv(row.clauses, Clause),
        valuation_declared=row.valuation_declared,
        foreign_language_id=row.foreign_language_id,
        licensed_before=row.licensed_before,
        waivers=json.loads(row.waivers) if row.waivers else {},
        other_grounds=tuple(OtherGround(g["reason"], g.get("right", ""), g.get("family", "")) for g in others),
        notes=row.notes,
    )


def store_application(row: PledgeRow, app: PledgeApplication) -> None:
    row.application_date = app.application_date
    row.pledgee_id = app.pledgee_id
    row.debtor_id = app.debtor_id
    row.agent_id = app.agent_id
    row.debt_type = app.debt_type.value
    row.secured_amount = app.secured_amount
    row.performance_deadline = app.performance_deadline
    row.pledge_term_end = app.pledge_term_end
    row.guarantee_scope = _csv(app.guarantee_scope)
    row.documents = _csv(app.documents)
    row.clauses = _csv(app.clauses)
    row.valuation_declared = app.valuation_declared
    row.foreign_language_id = app.foreign_language_id
    row.licensed_before = app.licensed_before
    row.waivers = audit.canonical_json(dict(app.waivers)) if app.waivers else ""
    row.other_grounds = audit.canonical_json(
        [{"reason": g.reason, "right": g.right_number, "family": g.family} for g in app.other_grounds]
    ) if app.other_grounds else ""
    row.notes = app.notes


STATE_EVENTS = frozenset({"applied", "registered", "refused", "correction_notice", "changed", "extended", "cancelled"})


def _party_state(session: Session, party_id: int | None) -> dict[str, str] | None:
    if party_id is None:
        return None
    p = session.get(PartyRow, party_id)
    assert p is not None
    return {"id": p.id, "name": p.name, "uscc": p.uscc or p.id_number, "address": p.address}  # type: ignore[dict-item]


def pledge_state(session: Session, row: PledgeRow) -> dict[str, Any]:
    """The pledge as the register states it now (parties, rights, debt), as plain JSON values."""
    rights = []
    for pr in row.rights:
        r = session.get(RightRow, pr.right_id)
        assert r is not None
        kind = RightKind(r.kind)
        rights.append(
            {
                "number": r.display_number,
                "canonical": r.number,
                "title": r.title,
                "kind": r.kind,
                "filing_date": r.filing_date,
                "grant_date": r.grant_date if kind.is_patent else r.registration_date,
                "ipc_main": r.ipc_main,
            }
        )
    return {
        "application_no": row.application_no,
        "registration_no": row.registration_no,
        "pledgors": [_party_state(session, p.party_id) for p in row.pledgors],
        "pledgee": _party_state(session, row.pledgee_id),
        "debtor": _party_state(session, row.debtor_id),
        "secured_amount": str(row.secured_amount),
        "debt_type": row.debt_type,
        "guarantee_scope": row.guarantee_scope,
        "performance_deadline": row.performance_deadline,
        "pledge_term_end": row.pledge_term_end,
        "registered_on": row.registered_on,
        "rights": rights,
    }
