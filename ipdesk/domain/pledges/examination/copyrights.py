"""Copyright grounds CR1–CR7: 著作权质权登记办法 第十二条 (and no second pledge)."""

from __future__ import annotations

from ipdesk.domain.pledges.examination.examiner import Examiner
from ipdesk.domain.pledges.examination.findings import FindingStatus
from ipdesk.domain.pledges.examination.snapshot import effective_expiry


def check_copyrights(ex: Examiner) -> None:
    fam = "copyright"
    ex.per_right("CR1", fam, ex.owner_check)
    ex.per_right("CR2", fam, ex.dead_check)
    for r in ex.by_family[fam]:
        res = ex.deadline_check(r, unknown_fails=False)
        if res is not None:
            ex.add("CR3", FindingStatus.FAILED, r, res[0], **res[1])
        elif effective_expiry(r) is None:
            ex.add("CR3", FindingStatus.PASSED, r, "unknown")
        else:
            ex.add("CR3", FindingStatus.PASSED, r)
    ex.per_right("CR4", fam, lambda r: ("", {}) if r.ownership_dispute else None)
    if not ex.forfeiture("CR5"):
        ex.add("CR5", FindingStatus.PASSED)
    ex.per_right("CR6", fam, ex.pledged_check)
    seized = [(r, "preservation") for r in ex.by_family[fam] if r.court_preservation]
    ex.others(fam, seized)
