"""Trademark grounds TM1–TM8: 注册商标专用权质押登记程序规定 (grounds, bundling, term, no second pledge)."""

from __future__ import annotations

from functools import partial

from ipdesk.domain.pledges.examination.examiner import CheckResult, Examiner
from ipdesk.domain.pledges.examination.findings import FindingStatus
from ipdesk.domain.pledges.examination.snapshot import DEAD
from ipdesk.domain.registry.rights import LegalStatus, Right
from ipdesk.domain.registry.trademark_similarity import names_similar


def check_trademarks(ex: Examiner) -> None:
    fam = "trademark"
    ex.per_right("TM1", fam, ex.owner_check)
    ex.per_right("TM2", fam, partial(_tm2, ex))
    ex.per_right("TM3", fam, lambda r: ("", {}) if r.court_preservation else None)
    ex.per_right("TM4", fam, partial(_tm4, ex))
    ex.per_right("TM5", fam, lambda r: ex.deadline_check(r, term_end=True))
    if not ex.forfeiture("TM6"):
        ex.add("TM6", FindingStatus.PASSED)
    ex.per_right("TM7", fam, ex.pledged_check)
    ex.others(fam)


def _tm2(ex: Examiner, r: Right) -> CheckResult:
    if r.legal_status is LegalStatus.PENDING:
        return "pending", {}
    return ex.dead_check(r)


def _tm4(ex: Examiner, r: Right) -> CheckResult:
    pledged = set(ex.app.right_numbers)
    seen: set[str] = set()
    missing: list[Right] = []
    for o in r.owners:
        for m in ex.snap.marks_by_owner.get(o.party_id, ()):
            if m.number in pledged or m.number in seen or m.number == r.number:
                continue
            seen.add(m.number)
            if m.legal_status in DEAD or m.legal_status is LegalStatus.PENDING:
                continue
            if names_similar(r.title, m.title) and ex.snap.similarity.goods_similar(
                r.nice_classes, m.nice_classes
            ):
                missing.append(m)
    if not missing:
        return None
    listed = "、".join(f"{m.display_number or m.number}“{m.title}”（第{_classes(m)}类）" for m in missing)
    listed_en = "; ".join(
        f"{m.display_number or m.number} '{m.title}' (class {_classes(m)})" for m in missing
    )
    params = {"marks": listed, "marks_en": listed_en, "numbers": ",".join(m.number for m in missing)}
    # a similar mark co-owned with someone who is not a pledgor can only be pledged with that co-owner:
    # say who must join the application (as a pledgor) or consent in writing, mark by mark
    pledgors = set(ex.app.pledgor_ids)
    shared = [(m, [ex.snap.party_name(o.party_id, m) for o in m.owners if o.party_id not in pledgors])
              for m in missing]
    shared = [(m, names) for m, names in shared if names]
    if not shared:
        return "", params
    params["co_owners"] = "；".join(f"{m.display_number or m.number}：{'、'.join(names)}" for m, names in shared)
    params["co_owners_en"] = "; ".join(f"{m.display_number or m.number}: {', '.join(names)}" for m, names in shared)
    return "co_owned", params


def _classes(m: Right) -> str:
    return ",".join(str(c) for c in m.nice_classes) or "?"
