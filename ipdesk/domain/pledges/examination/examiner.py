"""The examination in progress: the helpers every family's checks use and the checks they share."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from ipdesk.domain.pledges.application import Clause, PledgeApplication, family
from ipdesk.domain.pledges.examination.findings import Finding, FindingStatus
from ipdesk.domain.pledges.examination.grounds import GROUNDS, OTHER_CODE
from ipdesk.domain.pledges.examination.snapshot import DEAD, RegisterSnapshot, effective_expiry, status_params
from ipdesk.domain.registry.rights import Right

#: What a per-right check says: ``None`` = passed; else ``(detail, params)`` of the failure.
CheckResult = tuple[str, dict[str, Any]] | None


class Examiner:
    """One examination in progress: the application, the register and the findings so far."""

    def __init__(self, app: PledgeApplication, snap: RegisterSnapshot, as_of: date, rights: list[Right]):
        self.app, self.snap, self.as_of, self.rights = app, snap, as_of, rights
        self.pledgors = set(app.pledgor_ids)
        self.by_family: dict[str, list[Right]] = {"patent": [], "trademark": [], "copyright": []}
        for r in rights:
            self.by_family[family(r.kind)].append(r)
        self.out: list[Finding] = []

    # helpers
    def add(
        self, code: str, status: FindingStatus, right: Right | None = None, detail: str = "", /, **params: Any
    ) -> None:
        p = dict(params)
        if right is not None:
            p.setdefault("right", right.display_number or right.number)
        self.out.append(
            Finding(code, status, right.number if right else "", GROUNDS[code].article, p, detail)
        )

    def per_right(self, code: str, fam: str, check: Callable[[Right], CheckResult]) -> None:
        for r in self.by_family[fam]:
            res = check(r)
            if res is None:
                self.add(code, FindingStatus.PASSED, r)
            else:
                detail, params = res
                self.add(code, FindingStatus.FAILED, r, detail, **params)

    def waivable(self, code: str, right: Right, applies: bool, **params: Any) -> None:
        if not applies:
            self.add(code, FindingStatus.PASSED, right)
            return
        declaration = self.app.waiver_for(code)
        if declaration:
            self.add(code, FindingStatus.WAIVED, right, "", declaration=declaration, **params)
        else:
            self.add(code, FindingStatus.FAILED, right, "", **params)

    def names(self, ids: Iterable[int], right: Right) -> str:
        return "、".join(self.snap.party_name(i, right) for i in ids)

    # shared checks
    def owner_check(self, r: Right) -> CheckResult:
        owners = [o.party_id for o in r.owners]
        if not owners:
            return "no_owner", {}
        if self.pledgors & set(owners):
            return None
        return "", {"owners": self.names(owners, r), "pledgors": self.names(self.app.pledgor_ids, r)}

    def pledged_check(self, r: Right) -> CheckResult:
        reg = self.snap.pledged.get(r.number)
        return None if reg is None else ("", {"registration_no": reg})

    def dead_check(self, r: Right) -> CheckResult:
        expiry = effective_expiry(r)
        if r.legal_status in DEAD:
            return "", status_params(r)
        if expiry is not None and expiry < self.as_of:
            return "expired", {"expiry": expiry.isoformat()}
        return None

    def deadline_check(self, r: Right, *, unknown_fails: bool = True, term_end: bool = False) -> CheckResult:
        expiry = effective_expiry(r)
        if expiry is None:
            return ("unknown", {}) if unknown_fails else None
        deadline = self.app.performance_deadline
        if deadline > expiry:
            return "", {"deadline": deadline.isoformat(), "expiry": expiry.isoformat()}
        if term_end and self.app.pledge_term_end is not None and self.app.pledge_term_end > expiry:
            return "term", {"term_end": self.app.pledge_term_end.isoformat(), "expiry": expiry.isoformat()}
        return None

    def forfeiture(self, code: str) -> bool:
        if Clause.FORFEITURE in self.app.clauses:
            self.add(code, FindingStatus.FAILED, None, "forfeiture")
            return True
        return False

    def others(self, fam: str, extra_failures: list[tuple[Right, str]] | None = None) -> None:
        code = OTHER_CODE[fam]
        present = [f for f in ("patent", "trademark", "copyright") if self.by_family[f]]
        failed = False
        for right, detail in extra_failures or []:
            self.add(code, FindingStatus.FAILED, right, detail)
            failed = True
        for g in self.app.other_grounds:
            if g.right_number:
                named = self.snap.rights.get(g.right_number)
                if named is None or family(named.kind) != fam:
                    continue
                self.add(code, FindingStatus.FAILED, named, "", reason=g.reason.strip())
                failed = True
            elif (g.family or present[0]) == fam:
                self.add(code, FindingStatus.FAILED, None, "", reason=g.reason.strip())
                failed = True
        if not failed:
            self.add(code, FindingStatus.PASSED)
