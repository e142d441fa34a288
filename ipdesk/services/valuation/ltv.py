"""The pledge detail's loan-to-value line: the pledge's secured amount and rights, their valuations, the rule."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.shared.problems import NotFound, Problem
from ipdesk.domain.valuation.ltv import LtvAssessment, PledgedRight, assess
from ipdesk.domain.valuation.settings import ValuationSettings
from ipdesk.services.valuation.service import valuations_of
from ipdesk.storage.schema import PledgeRightRow, PledgeRow, RightRow


def pledge_ltv_in(session: Session, pledge_id: int, today: date, settings: ValuationSettings) -> LtvAssessment:
    """The LTV assessment of pledge ``pledge_id`` on ``today`` (the rights' current valuations)."""
    pledge = session.get(PledgeRow, pledge_id)
    if pledge is None:
        raise NotFound(Problem("not_found", params={"what": "质押登记", "key": pledge_id}))
    rows = session.execute(select(RightRow).join(PledgeRightRow, PledgeRightRow.right_id == RightRow.id)
                           .where(PledgeRightRow.pledge_id == pledge_id).order_by(PledgeRightRow.position)).scalars()
    rights = [PledgedRight(r.id, r.display_number, r.kind, r.expiry_date) for r in rows]
    return assess(pledge.secured_amount, pledge.performance_deadline, rights,
                  valuations_of(session, [r.id for r in rights]), today, settings.ltv_caps,
                  settings.term_buffer_months)
