"""Whether a right may be insured: the eligibility rule in force, applied right by right with reasons.

Pure: the service gathers the facts (the right's legal status on the fee engine, its term, its owners and
whether any dispute is pending) and this module says, for each right, every reason it is not eligible.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ipdesk.domain.insurance.rules import EligibilityRule
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem

register({
    "insurance.ineligible.not_patent": ("{right} 不是专利，不能投保该险种", "{right} is not a patent"),
    "insurance.ineligible.not_in_force": ("{right} 不在有效状态（{status}），不能投保",
                                          "{right} is not in force ({status})"),
    "insurance.ineligible.years_left": ("{right} 在保险起期 {start} 剩余保护期不足 {min} 年（{end} 届满）",
                                        "{right} has less than {min} years of term left on {start} (ends {end})"),
    "insurance.ineligible.dispute": ("{right} 存在未决的权属或侵权纠纷", "{right} has a pending ownership or "
                                                                         "infringement dispute"),
    "insurance.ineligible.consent": ("{right} 为共有专利，须其他共有人书面同意（--consent）",
                                     "{right} is co-owned: the other owners' written consent is needed (--consent)"),
})


@dataclass(frozen=True)
class RightFacts:
    """What eligibility looks at in one right."""

    display: str
    is_patent: bool
    in_force: bool
    status: str
    expiry: date | None
    owners: int
    disputed: bool  # ownership dispute flagged, or an open infringement / litigation / complaint entry


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def reasons(rule: EligibilityRule | None, right: RightFacts, start: date, consent: bool) -> list[Problem]:
    """Every reason ``right`` cannot be insured from ``start`` under ``rule`` (none: eligible)."""
    if rule is None:
        return []
    params = {"right": right.display}
    out: list[Problem] = []
    if rule.patents_only and not right.is_patent:
        return [Problem("insurance.ineligible.not_patent", "rights", params)]
    if not right.in_force:
        out.append(Problem("insurance.ineligible.not_in_force", "rights", {**params, "status": right.status}))
    if right.expiry is not None and right.expiry < add_years(start, rule.min_years_left):
        out.append(Problem("insurance.ineligible.years_left", "rights",
                           {**params, "start": start.isoformat(), "min": rule.min_years_left,
                            "end": right.expiry.isoformat()}))
    if rule.dispute_blocks and right.disputed:
        out.append(Problem("insurance.ineligible.dispute", "rights", params))
    if rule.co_owner_consent and right.owners > 1 and not consent:
        out.append(Problem("insurance.ineligible.consent", "consent", params))
    return out
