"""Patent grounds P1–P12: 专利权质押登记办法（2021）第十一条, in its order."""

from __future__ import annotations

from functools import partial

from ipdesk.domain.pledges.application import (
    CLAUSE_LABELS,
    MANDATORY_CLAUSES,
    Clause,
    Document,
    co_owners_not_pledging,
)
from ipdesk.domain.pledges.examination.examiner import CheckResult, Examiner
from ipdesk.domain.pledges.examination.findings import FindingStatus
from ipdesk.domain.registry.rights import LegalStatus, Right, RightKind


def check_patents(ex: Examiner) -> None:
    fam = "patent"
    ex.per_right("P1", fam, ex.owner_check)
    ex.per_right("P2", fam, ex.dead_check)
    ex.per_right("P3", fam, lambda r: ("", {}) if r.legal_status is LegalStatus.PENDING else None)
    ex.per_right("P4", fam, lambda r: ("", {}) if r.legal_status is LegalStatus.LATE_FEE else None)
    ex.per_right("P5", fam, partial(_p5, ex))
    ex.per_right("P6", fam, ex.deadline_check)
    if not ex.forfeiture("P7"):
        missing = [c for c in Clause if c in MANDATORY_CLAUSES["patent"] and c not in ex.app.clauses]
        if missing:
            ex.add(
                "P7",
                FindingStatus.CORRECTION,
                None,
                "missing",
                clauses="、".join(CLAUSE_LABELS[c][0] for c in missing),
                clauses_en="; ".join(CLAUSE_LABELS[c][1] for c in missing),
            )
        else:
            ex.add("P7", FindingStatus.PASSED)
    ex.per_right("P8", fam, partial(_p8, ex))
    ex.per_right("P9", fam, ex.pledged_check)
    for r in ex.by_family[fam]:
        twin = r.same_day_twin if r.kind is RightKind.UTILITY_MODEL else ""
        ex.waivable("P10", r, bool(twin), twin=twin)
    for r in ex.by_family[fam]:
        ex.waivable("P11", r, r.invalidation_requested)
    ex.others(fam)


def _p5(ex: Examiner, r: Right) -> CheckResult:
    if r.ownership_dispute and r.court_preservation:
        return "both", {}
    if r.ownership_dispute:
        return "", {}
    if r.court_preservation:
        return "preservation", {}
    return None


def _p8(ex: Examiner, r: Right) -> CheckResult:
    others = co_owners_not_pledging(ex.app, r)
    if not others or Document.CO_OWNERS_CONSENT in ex.app.documents:
        return None
    return "", {"co_owners": ex.names(others, r)}
