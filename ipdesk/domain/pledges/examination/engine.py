"""Examination of a pledge application against the refusal grounds: pure (application, register) → findings.

:func:`examine` returns one :class:`Finding` per (ground, right) for grounds about a right and one per
ground for grounds about the whole application, each with a stable code, a status, the article it comes
from and a reason in plain words (Chinese first; English via :mod:`ipdesk.domain.shared.messages`):

- patents ``P1``–``P12`` — 专利权质押登记办法（2021）第十一条, in its order;
- trademarks ``TM1``–``TM8`` — 注册商标专用权质押登记程序规定 (grounds, bundling, term, no second pledge);
- copyrights ``CR1``–``CR7`` — 著作权质权登记办法 第十二条 (and no second pledge);
- ``DOC`` — completeness: one finding per missing document or mandatory contract clause (status
  ``correction``), or a single ``passed`` one when nothing is missing.

Outcome: ``refuse`` if any finding failed (a waived one does not count), else ``correction`` if any
asks for correction, else ``register``. See ``docs/examination.md`` for the grounds as implemented.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ipdesk.domain.registry import terms
from ipdesk.domain.shared.messages import register, render
from ipdesk.domain.pledges.application import (
    CLAUSE_LABELS,
    DOCUMENT_LABELS,
    MANDATORY_CLAUSES,
    WAIVABLE_CODES,
    Clause,
    Document,
    PledgeApplication,
    co_owners_not_pledging,
    family,
    required_documents,
)
from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.problems import Problem, ValidationError
from ipdesk.domain.registry.rights import STATUS_LABELS, LegalStatus, Right, RightKind
from ipdesk.domain.registry.trademark_similarity import SimilarityTable, names_similar

PM = "《专利权质押登记办法》"  # 国家知识产权局公告第461号（2021）
TMR = "《注册商标专用权质押登记程序规定》"  # 国家知识产权局公告第358号（2020）
CRM = "《著作权质权登记办法》"  # 国家版权局令第8号（2010）
CIVIL_428 = "《民法典》第四百二十八条"

# Article numbers of the trademark rule in one place: the 2020 text was not checked verbatim
# (DOMAIN.md §2 gives "Art. 5" (K) for the grounds; the 2009/2020 rule as recalled numbers them Art. 8).
TM_GROUNDS_ART = "第八条"
TM_DOCS_ART = "第四条"
TM_CONTRACT_ART = "第五条"
TM_BUNDLING_ART = "第三条"

_CN_NUM = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def _item(n: int) -> str:
    return f"第（{_CN_NUM[n]}）项"


class FindingStatus(enum.StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    WAIVED = "waived"  # a waivable ground applies but the parties' declaration is recorded
    CORRECTION = "correction"  # a defect the parties can cure (补正): missing document or clause


FINDING_STATUS_LABELS: dict[FindingStatus, tuple[str, str]] = {
    FindingStatus.PASSED: ("通过", "Passed"),
    FindingStatus.FAILED: ("不符合", "Failed"),
    FindingStatus.WAIVED: ("已声明放弃", "Waived"),
    FindingStatus.CORRECTION: ("需补正", "Correction needed"),
}


class Outcome(enum.StrEnum):
    REGISTER = "register"  # 予以登记
    REFUSE = "refuse"  # 不予登记
    CORRECTION = "correction"  # 补正通知


OUTCOME_LABELS: dict[Outcome, tuple[str, str]] = {
    Outcome.REGISTER: ("予以登记", "Register"),
    Outcome.REFUSE: ("不予登记", "Refuse"),
    Outcome.CORRECTION: ("通知补正", "Correction notice"),
}


@dataclass(frozen=True)
class Ground:
    """One refusal ground as implemented: its code, family, article and whether it is per right."""

    code: str
    family: str  # "patent", "trademark", "copyright" or "" (DOC)
    article: str
    per_right: bool
    waivable: bool = False


def _p(n: int, extra: str = "") -> str:
    return f"{PM}第十一条{_item(n)}{extra}"


def _tm(n: int, extra: str = "") -> str:
    return f"{TMR}{TM_GROUNDS_ART}{_item(n)}{extra}"


def _cr(n: int, extra: str = "") -> str:
    return f"{CRM}第十二条{_item(n)}{extra}"


GROUNDS: dict[str, Ground] = {
    g.code: g
    for g in [
        Ground("P1", "patent", _p(1), True),
        Ground("P2", "patent", _p(2), True),
        Ground("P3", "patent", _p(3), True),
        Ground("P4", "patent", _p(4), True),
        Ground("P5", "patent", _p(5), True),
        Ground("P6", "patent", _p(6), True),
        Ground("P7", "patent", _p(7, f"、第八条；{CIVIL_428}"), False),
        Ground("P8", "patent", _p(8), True),
        Ground("P9", "patent", _p(9), True),
        Ground("P10", "patent", _p(10), True, waivable=True),
        Ground("P11", "patent", _p(11), True, waivable=True),
        Ground("P12", "patent", _p(12), False),
        Ground("TM1", "trademark", _tm(1), True),
        Ground("TM2", "trademark", _tm(3), True),
        Ground("TM3", "trademark", _tm(4), True),
        Ground("TM4", "trademark", f"{TMR}{TM_BUNDLING_ART}", True),
        Ground("TM5", "trademark", _tm(5), True),
        Ground("TM6", "trademark", _tm(2, f"；{CIVIL_428}"), False),
        Ground("TM7", "trademark", _tm(5), True),
        Ground("TM8", "trademark", _tm(5), False),
        Ground("CR1", "copyright", _cr(1), True),
        Ground("CR2", "copyright", _cr(3), True),
        Ground("CR3", "copyright", _cr(4), True),
        Ground("CR4", "copyright", _cr(5), True),
        Ground("CR5", "copyright", _cr(2, f"；{CIVIL_428}"), False),
        Ground("CR6", "copyright", _cr(6), True),
        Ground("CR7", "copyright", _cr(6), False),
        Ground(
            "DOC",
            "",
            f"{PM}第七条、第八条；{TMR}{TM_DOCS_ART}、{TM_CONTRACT_ART}；{CRM}第六条、第七条",
            False,
        ),
    ]
}
assert WAIVABLE_CODES == {c for c, g in GROUNDS.items() if g.waivable}

OTHER_CODE = {"patent": "P12", "trademark": "TM8", "copyright": "CR7"}

DOC_ARTICLES = {"patent": f"{PM}第七条", "trademark": f"{TMR}{TM_DOCS_ART}", "copyright": f"{CRM}第六条"}
CLAUSE_ARTICLES = {
    "patent": f"{PM}第八条",
    "trademark": f"{TMR}{TM_CONTRACT_ART}",
    "copyright": f"{CRM}第七条",
}
# Documents only some families list; others fall back to DOC_ARTICLES of every family present.
_DOC_FAMILIES: dict[Document, set[str]] = {
    Document.MAIN_CONTRACT: {"trademark", "copyright"},
    Document.LICENCE_CONTRACTS: {"copyright"},
    Document.VALUATION_REPORT: {"patent", "copyright"},
}
_DOC_SPECIAL_ARTICLES: dict[Document, dict[str, str]] = {
    Document.CO_OWNERS_CONSENT: {
        "patent": f"{PM}第四条",
        "trademark": f"{TMR}{TM_BUNDLING_ART}",
        "copyright": f"{CRM}第六条",
    },
    Document.WAIVER_DECLARATION: {"patent": f"{PM}第十一条"},
}

# --- findings -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """The result of one ground for one right (or for the application).

    Attributes:
        code: stable ground code (``P1``…``P12``, ``TM1``…``TM8``, ``CR1``…``CR7``, ``DOC``).
        right_number: canonical number of the right, ``""`` for application-level grounds.
        article: the legal source, e.g. "《专利权质押登记办法》第十一条第（一）项".
        params: message parameters (strings), e.g. the registered owners or the missing document.
        detail: picks a more specific message than the status alone (e.g. ``"forfeiture"`` for P7).
    """

    code: str
    status: FindingStatus
    right_number: str = ""
    article: str = ""
    params: dict[str, Any] = field(default_factory=dict, hash=False)
    detail: str = ""

    @property
    def message_code(self) -> str:
        return f"exam.{self.code}.{self.detail or self.status.value}"

    def title(self, lang: str = "zh") -> str:
        """What the ground asks, e.g. "出质人是否为登记的专利权人"."""
        return render(f"exam.{self.code}", {}, lang)

    def message(self, lang: str = "zh") -> str:
        """The reason in plain words."""
        text = render(self.message_code, self.params, lang)
        if self.status is FindingStatus.WAIVED:
            text += render("exam.waived_suffix", self.params, lang)
        elif self.status is FindingStatus.FAILED and self.code in WAIVABLE_CODES:
            text += render("exam.waivable_suffix", self.params, lang)
        return text

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "code": self.code,
            "status": self.status.value,
            "right": self.right_number,
            "article": self.article,
            "title": self.title(lang),
            "message": self.message(lang),
            "params": {k: str(v) for k, v in self.params.items()},
        }


@dataclass(frozen=True)
class Examination:
    findings: tuple[Finding, ...]
    outcome: Outcome
    as_of: date | None = None
    #: what recording this examination changed (``PledgeService.examine``); nothing for a preview
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

    @property
    def failed(self) -> list[Finding]:
        """The refusal grounds that apply (not waived)."""
        return [f for f in self.findings if f.status is FindingStatus.FAILED]

    @property
    def corrections(self) -> list[Finding]:
        return [f for f in self.findings if f.status is FindingStatus.CORRECTION]

    @property
    def waived(self) -> list[Finding]:
        return [f for f in self.findings if f.status is FindingStatus.WAIVED]

    @property
    def missing_documents(self) -> list[Document]:
        return [
            Document(f.params["document"])
            for f in self.findings
            if f.code == "DOC" and "document" in f.params
        ]

    @property
    def missing_clauses(self) -> list[Clause]:
        return [Clause(f.params["clause"]) for f in self.findings if f.code == "DOC" and "clause" in f.params]

    def by_code(self, code: str) -> list[Finding]:
        return [f for f in self.findings if f.code == code]

    def get(self, code: str, right_number: str = "") -> Finding:
        """The finding for ``code`` (and ``right_number``); KeyError if there is none."""
        for f in self.findings:
            if f.code == code and (not right_number or f.right_number == right_number):
                return f
        raise KeyError((code, right_number))

    def status_of(self, code: str, right_number: str = "") -> FindingStatus:
        """The worst status among the findings for ``code`` (and ``right_number``)."""
        found = [
            f.status
            for f in self.findings
            if f.code == code and (not right_number or f.right_number == right_number)
        ]
        if not found:
            raise KeyError((code, right_number))
        for s in (FindingStatus.FAILED, FindingStatus.CORRECTION, FindingStatus.WAIVED):
            if s in found:
                return s
        return FindingStatus.PASSED

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "outcome": self.outcome.value,
            "outcome_label": OUTCOME_LABELS[self.outcome][1 if lang.startswith("en") else 0],
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "findings": [f.to_json(lang) for f in self.findings],
        }


def outcome_of(findings: Iterable[Finding]) -> Outcome:
    statuses = {f.status for f in findings}
    if FindingStatus.FAILED in statuses:
        return Outcome.REFUSE
    if FindingStatus.CORRECTION in statuses:
        return Outcome.CORRECTION
    return Outcome.REGISTER


# --- the register as the examination sees it -------------------------------------------------------------


@dataclass(frozen=True)
class RegisterSnapshot:
    """The state of the register an examination runs against (built by the service layer).

    Attributes:
        rights: Right records by canonical number — at least every right in the application.
        pledged: ``{right number: registration no.}`` of rights in a registered, uncancelled pledge.
            When re-examining an existing pledge (extension), leave that pledge's own rights out.
        marks_by_owner: for the bundling rule, every mark of each owner (party id); derived from the
            trademarks in ``rights`` when not given.
        similarity: the goods-similarity table (defaults to "same Nice class only").
        party_names: names for messages (owners' names on the Right are used first).
    """

    rights: Mapping[str, Right]
    pledged: Mapping[str, str] = field(default_factory=dict, hash=False)
    marks_by_owner: Mapping[int, tuple[Right, ...]] = field(default_factory=dict, hash=False)
    similarity: SimilarityTable = field(default_factory=SimilarityTable.same_class_only)
    party_names: Mapping[int, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if not self.marks_by_owner:
            by_owner: dict[int, list[Right]] = {}
            for r in self.rights.values():
                if r.kind is RightKind.TRADEMARK:
                    for o in r.owners:
                        by_owner.setdefault(o.party_id, []).append(r)
            object.__setattr__(self, "marks_by_owner", {k: tuple(v) for k, v in by_owner.items()})

    @classmethod
    def of(
        cls,
        rights: Iterable[Right],
        pledged: Mapping[str, str] | None = None,
        similarity: SimilarityTable | None = None,
        **kw: Any,
    ) -> RegisterSnapshot:
        """Convenience: a snapshot from a list of rights."""
        return cls(
            {r.number: r for r in rights},
            dict(pledged or {}),
            similarity=similarity or SimilarityTable.same_class_only(),
            **kw,
        )

    def party_name(self, party_id: int, right: Right | None = None) -> str:
        if right is not None:
            for o in right.owners:
                if o.party_id == party_id and o.name:
                    return o.name
        return self.party_names.get(party_id) or f"#{party_id}"


def effective_expiry(right: Right) -> date | None:
    """The last day the right is in force: the recorded expiry, else computed from the term rules.

    Patents: filing date + term (+ recorded PTA); marks: registration date + 10 years (renewals unknown,
    so the first term); copyrights: only as recorded.
    """
    if right.expiry_date is not None:
        return right.expiry_date
    return terms.compute_expiry(
        right.kind, right.filing_date, right.registration_date, None, right.term_extension_days
    )


_DEAD = (LegalStatus.TERMINATED, LegalStatus.INVALIDATED, LegalStatus.EXPIRED)


def _status_params(right: Right) -> dict[str, str]:
    zh, en = STATUS_LABELS[right.legal_status]
    return {"status": zh, "status_en": en}


# --- the examination ---------------------------------------------------------------------------------------


def examine(app: PledgeApplication, snapshot: RegisterSnapshot, as_of: date) -> Examination:
    """Examine ``app`` against the register as of ``as_of``.

    Raises:
        ValidationError: a right of the application is not in ``snapshot.rights`` (add it first).
    """
    numbers = list(dict.fromkeys(app.right_numbers))
    missing = [n for n in numbers if n not in snapshot.rights]
    if missing:
        raise ValidationError(
            [Problem("pledge.unknown_right", "right_numbers", {"number": n}) for n in missing]
        )
    rights = [snapshot.rights[n] for n in numbers]
    ex = _Examiner(app, snapshot, as_of, rights)
    findings = ex.run()
    return Examination(tuple(findings), outcome_of(findings), as_of)


class _Examiner:
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

    def per_right(self, code: str, fam: str, check) -> None:
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

    def run(self) -> list[Finding]:
        if self.by_family["patent"]:
            self.patents()
        if self.by_family["trademark"]:
            self.trademarks()
        if self.by_family["copyright"]:
            self.copyrights()
        self.documents()
        return self.out

    # shared checks
    def owner_check(self, r: Right):
        owners = [o.party_id for o in r.owners]
        if not owners:
            return "no_owner", {}
        if self.pledgors & set(owners):
            return None
        return "", {"owners": self.names(owners, r), "pledgors": self.names(self.app.pledgor_ids, r)}

    def pledged_check(self, r: Right):
        reg = self.snap.pledged.get(r.number)
        return None if reg is None else ("", {"registration_no": reg})

    def dead_check(self, r: Right):
        expiry = effective_expiry(r)
        if r.legal_status in _DEAD:
            return "", _status_params(r)
        if expiry is not None and expiry < self.as_of:
            return "expired", {"expiry": expiry.isoformat()}
        return None

    def deadline_check(self, r: Right, *, unknown_fails: bool = True, term_end: bool = False):
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
                right = self.snap.rights.get(g.right_number)
                if right is None or family(right.kind) != fam:
                    continue
                self.add(code, FindingStatus.FAILED, right, "", reason=g.reason.strip())
                failed = True
            elif (g.family or present[0]) == fam:
                self.add(code, FindingStatus.FAILED, None, "", reason=g.reason.strip())
                failed = True
        if not failed:
            self.add(code, FindingStatus.PASSED)

    # patents: 专利权质押登记办法 第十一条
    def patents(self) -> None:
        fam = "patent"
        self.per_right("P1", fam, self.owner_check)
        self.per_right("P2", fam, self.dead_check)
        self.per_right("P3", fam, lambda r: ("", {}) if r.legal_status is LegalStatus.PENDING else None)
        self.per_right("P4", fam, lambda r: ("", {}) if r.legal_status is LegalStatus.LATE_FEE else None)
        self.per_right("P5", fam, self._p5)
        self.per_right("P6", fam, self.deadline_check)
        if not self.forfeiture("P7"):
            missing = [c for c in Clause if c in MANDATORY_CLAUSES["patent"] and c not in self.app.clauses]
            if missing:
                self.add(
                    "P7",
                    FindingStatus.CORRECTION,
                    None,
                    "missing",
                    clauses="、".join(CLAUSE_LABELS[c][0] for c in missing),
                    clauses_en="; ".join(CLAUSE_LABELS[c][1] for c in missing),
                )
            else:
                self.add("P7", FindingStatus.PASSED)
        self.per_right("P8", fam, self._p8)
        self.per_right("P9", fam, self.pledged_check)
        for r in self.by_family[fam]:
            twin = r.same_day_twin if r.kind is RightKind.UTILITY_MODEL else ""
            self.waivable("P10", r, bool(twin), twin=twin)
        for r in self.by_family[fam]:
            self.waivable("P11", r, r.invalidation_requested)
        self.others(fam)

    def _p5(self, r: Right):
        if r.ownership_dispute and r.court_preservation:
            return "both", {}
        if r.ownership_dispute:
            return "", {}
        if r.court_preservation:
            return "preservation", {}
        return None

    def _p8(self, r: Right):
        others = co_owners_not_pledging(self.app, r)
        if not others or Document.CO_OWNERS_CONSENT in self.app.documents:
            return None
        return "", {"co_owners": self.names(others, r)}

    # trademarks: 注册商标专用权质押登记程序规定
    def trademarks(self) -> None:
        fam = "trademark"
        self.per_right("TM1", fam, self.owner_check)
        self.per_right("TM2", fam, self._tm2)
        self.per_right("TM3", fam, lambda r: ("", {}) if r.court_preservation else None)
        self.per_right("TM4", fam, self._tm4)
        self.per_right("TM5", fam, lambda r: self.deadline_check(r, term_end=True))
        if not self.forfeiture("TM6"):
            self.add("TM6", FindingStatus.PASSED)
        self.per_right("TM7", fam, self.pledged_check)
        self.others(fam)

    def _tm2(self, r: Right):
        if r.legal_status is LegalStatus.PENDING:
            return "pending", {}
        return self.dead_check(r)

    def _tm4(self, r: Right):
        pledged = set(self.app.right_numbers)
        seen: set[str] = set()
        missing: list[Right] = []
        for o in r.owners:
            for m in self.snap.marks_by_owner.get(o.party_id, ()):
                if m.number in pledged or m.number in seen or m.number == r.number:
                    continue
                seen.add(m.number)
                if m.legal_status in _DEAD or m.legal_status is LegalStatus.PENDING:
                    continue
                if names_similar(r.title, m.title) and self.snap.similarity.goods_similar(
                    r.nice_classes, m.nice_classes
                ):
                    missing.append(m)
        if not missing:
            return None
        listed = "、".join(f"{m.display_number or m.number}“{m.title}”（第{_classes(m)}类）" for m in missing)
        listed_en = "; ".join(
            f"{m.display_number or m.number} '{m.title}' (class {_classes(m)})" for m in missing
        )
        return "", {"marks": listed, "marks_en": listed_en, "numbers": ",".join(m.number for m in missing)}

    # copyrights: 著作权质权登记办法 第十二条
    def copyrights(self) -> None:
        fam = "copyright"
        self.per_right("CR1", fam, self.owner_check)
        self.per_right("CR2", fam, self.dead_check)
        for r in self.by_family[fam]:
            res = self.deadline_check(r, unknown_fails=False)
            if res is not None:
                self.add("CR3", FindingStatus.FAILED, r, res[0], **res[1])
            elif effective_expiry(r) is None:
                self.add("CR3", FindingStatus.PASSED, r, "unknown")
            else:
                self.add("CR3", FindingStatus.PASSED, r)
        self.per_right("CR4", fam, lambda r: ("", {}) if r.ownership_dispute else None)
        if not self.forfeiture("CR5"):
            self.add("CR5", FindingStatus.PASSED)
        self.per_right("CR6", fam, self.pledged_check)
        seized = [(r, "preservation") for r in self.by_family[fam] if r.court_preservation]
        self.others(fam, seized)

    # completeness
    def documents(self) -> None:
        families = {f for f, rs in self.by_family.items() if rs}
        needed = required_documents(self.app, self.rights)
        any_missing = False
        for doc in Document:
            if doc in needed and doc not in self.app.documents:
                any_missing = True
                zh, en = DOCUMENT_LABELS[doc]
                self.out.append(
                    Finding(
                        "DOC",
                        FindingStatus.CORRECTION,
                        "",
                        _doc_article(doc, families),
                        {"document": doc.value, "item": zh, "item_en": en},
                        "document",
                    )
                )
        for clause in Clause:
            fams = sorted(f for f in families if clause in MANDATORY_CLAUSES[f])
            if fams and clause not in self.app.clauses:
                any_missing = True
                zh, en = CLAUSE_LABELS[clause]
                self.out.append(
                    Finding(
                        "DOC",
                        FindingStatus.CORRECTION,
                        "",
                        "；".join(CLAUSE_ARTICLES[f] for f in fams),
                        {"clause": clause.value, "item": zh, "item_en": en},
                        "clause",
                    )
                )
        if not any_missing:
            self.out.append(Finding("DOC", FindingStatus.PASSED, "", GROUNDS["DOC"].article, {}, ""))


def _classes(m: Right) -> str:
    return ",".join(str(c) for c in m.nice_classes) or "?"


_FAMILY_ORDER = ("patent", "trademark", "copyright")


def _doc_article(doc: Document, families: set[str]) -> str:
    fams = [f for f in _FAMILY_ORDER if f in families]
    special = _DOC_SPECIAL_ARTICLES.get(doc)
    if special:
        arts = [special[f] for f in fams if f in special]
        if arts:
            return "；".join(arts)
    only = _DOC_FAMILIES.get(doc)
    if only:
        listed = [f for f in fams if f in only]
        fams = listed or fams
    return "；".join(DOC_ARTICLES[f] for f in fams)


# --- messages ---------------------------------------------------------------------------------------------

register(
    {
        "exam.waived_suffix": (
            "；当事人已声明仍要求登记：“{declaration}”",
            '; the parties declared they still want registration: "{declaration}"',
        ),
        "exam.waivable_suffix": (
            "。此项可以放弃：记录当事人“仍要求办理登记”的声明后即可登记",
            ". This ground can be waived: record the parties' declaration that they still want registration",
        ),
        # patents
        "exam.P1": ("出质人是否为登记的专利权人", "Pledgor is the registered patentee"),
        "exam.P1.passed": (
            "{right}：出质人是专利登记簿记载的专利权人",
            "{right}: the pledgor is the registered patentee",
        ),
        "exam.P1.failed": (
            "{right}：出质人（{pledgors}）不是专利登记簿记载的专利权人；登记的专利权人是：{owners}",
            "{right}: the pledgor ({pledgors}) is not the registered patentee; the register names: {owners}",
        ),
        "exam.P1.no_owner": (
            "{right}：登记簿中没有专利权人信息，无法核对出质人，请先补全登记信息",
            "{right}: the register names no patentee, so the pledgor cannot be checked; complete the record first",
        ),
        "exam.P2": ("专利权是否已终止或被宣告无效", "Patent terminated or invalidated"),
        "exam.P2.passed": ("{right}：专利权有效", "{right}: the patent is in force"),
        "exam.P2.failed": (
            "{right}：专利权状态为“{status}”，不能出质",
            "{right}: the patent is {status_en}; it cannot be pledged",
        ),
        "exam.P2.expired": (
            "{right}：专利权已于 {expiry} 期满终止，不能出质",
            "{right}: the patent's term ended on {expiry}; it cannot be pledged",
        ),
        "exam.P3": ("专利申请是否尚未授权", "Application not yet granted"),
        "exam.P3.passed": ("{right}：已授予专利权", "{right}: the patent has been granted"),
        "exam.P3.failed": (
            "{right}：这还是一件专利申请，尚未授予专利权，不能出质",
            "{right}: this is still an application, not a granted patent; it cannot be pledged",
        ),
        "exam.P4": ("是否按规定缴纳年费", "Annual fees paid"),
        "exam.P4.passed": ("{right}：年费已按规定缴纳", "{right}: the annual fees are paid"),
        "exam.P4.failed": (
            "{right}：年费未按时缴纳，专利正处于滞纳期，缴清年费和滞纳金后才能出质",
            "{right}: the annual fee is overdue (late-payment period); pay the fee and surcharge first",
        ),
        "exam.P5": ("是否因权属纠纷中止或被法院保全", "Ownership-dispute suspension or court preservation"),
        "exam.P5.passed": (
            "{right}：没有权属纠纷中止程序，也没有被法院保全",
            "{right}: no ownership suspension, no court preservation",
        ),
        "exam.P5.failed": (
            "{right}：因专利权归属纠纷，有关程序已被中止，质押手续暂停办理",
            "{right}: proceedings are suspended over an ownership dispute; pledge formalities are suspended",
        ),
        "exam.P5.preservation": (
            "{right}：专利权已被人民法院采取保全措施，质押手续暂停办理",
            "{right}: a court has ordered preservation of the patent; pledge formalities are suspended",
        ),
        "exam.P5.both": (
            "{right}：因权属纠纷程序已中止，且已被人民法院采取保全措施，质押手续暂停办理",
            "{right}: suspended over an ownership dispute and under court preservation; formalities suspended",
        ),
        "exam.P6": ("债务履行期限是否超过专利权有效期", "Performance deadline within the patent term"),
        "exam.P6.passed": (
            "{right}：债务履行期限没有超过专利权有效期",
            "{right}: the deadline is within the patent's term",
        ),
        "exam.P6.failed": (
            "{right}：债务履行期限 {deadline} 晚于专利权期限届满日 {expiry}",
            "{right}: the performance deadline {deadline} is after the patent expires on {expiry}",
        ),
        "exam.P6.unknown": (
            "{right}：登记簿中没有申请日或期限届满日，无法核对债务履行期限，请先补全登记信息",
            "{right}: the register has no filing or expiry date, so the deadline cannot be checked; complete it first",
        ),
        "exam.P7": (
            "质押合同是否符合规定（必备内容、流质条款）",
            "Pledge contract meets the rules (contents, no forfeiture)",
        ),
        "exam.P7.passed": (
            "质押合同包含全部必备内容，没有流质条款",
            "the contract has all mandatory contents and no forfeiture clause",
        ),
        "exam.P7.forfeiture": (
            "质押合同约定债务到期不履行时专利权归质权人所有（流质条款），违反法律规定",
            "the contract says the patent passes to the pledgee if the debt is unpaid (forfeiture, 流质); the law forbids it",
        ),
        "exam.P7.missing": (
            "质押合同缺少必备内容：{clauses}（补正后可登记）",
            "the contract lacks mandatory contents: {clauses_en} (can be corrected)",
        ),
        "exam.P8": ("共有专利是否取得全体共有人同意", "Co-owned patent: all co-owners consent"),
        "exam.P8.passed": (
            "{right}：不是共有专利，或已取得全体共有人同意",
            "{right}: not co-owned, or all co-owners consent",
        ),
        "exam.P8.failed": (
            "{right}：这是共有专利，但没有其他共有人（{co_owners}）同意出质的证明",
            "{right}: the patent is co-owned, but there is no proof that the other co-owners ({co_owners}) consent",
        ),
        "exam.P9": ("专利权是否已经质押且在质押期内", "Already pledged (no second pledge)"),
        "exam.P9.passed": ("{right}：没有处于质押期内的质押登记", "{right}: not in a registered pledge"),
        "exam.P9.failed": (
            "{right}：已经质押登记（登记号 {registration_no}）且仍在质押期内，不能重复质押",
            "{right}: already registered as pledged (no. {registration_no}) and still in the pledge period; no second pledge",
        ),
        "exam.P10": ("是否为同日申请的实用新型（同时有发明专利申请）", "Same-day utility model / invention"),
        "exam.P10.passed": (
            "{right}：不涉及同日申请的发明和实用新型",
            "{right}: no same-day invention / utility model",
        ),
        "exam.P10.failed": (
            "{right}：申请人同日就同样的发明创造申请了发明专利（{twin}），出质的是其中的实用新型",
            (
                "{right}: the same applicant filed an invention ({twin}) for the same subject on the same day, "
                "and this utility model is the one pledged"
            ),
        ),
        "exam.P10.waived": (
            "{right}：申请人同日就同样的发明创造申请了发明专利（{twin}），出质的是其中的实用新型",
            "{right}: a same-day invention ({twin}) exists for this utility model",
        ),
        "exam.P11": ("专利权是否已被启动无效宣告程序", "Invalidation proceedings started"),
        "exam.P11.passed": ("{right}：没有无效宣告程序", "{right}: no invalidation proceedings"),
        "exam.P11.failed": (
            "{right}：已有人请求宣告这件专利无效，无效宣告程序尚在进行中",
            "{right}: invalidation of this patent has been requested and is pending",
        ),
        "exam.P11.waived": (
            "{right}：已有人请求宣告这件专利无效，无效宣告程序尚在进行中",
            "{right}: invalidation of this patent has been requested and is pending",
        ),
        "exam.P12": ("其他不符合出质条件的情形", "Other reasons the patent cannot be pledged"),
        "exam.P12.passed": ("审查员没有提出其他不予登记的理由", "the examiner added no other ground"),
        "exam.P12.failed": ("{reason}", "{reason}"),
        # trademarks
        "exam.TM1": ("出质人是否为注册商标专用权人", "Pledgor is the registered trademark owner"),
        "exam.TM1.passed": ("{right}：出质人是商标注册人", "{right}: the pledgor is the registered owner"),
        "exam.TM1.failed": (
            (
                "{right}：出质人（{pledgors}）与商标档案记载的注册人不一致，登记的注册人是：{owners}；"
                "如名称已变更，请提交能证明其为商标权利人的文件"
            ),
            (
                "{right}: the pledgor ({pledgors}) does not match the registered owner ({owners}); "
                "if the name changed, file proof that the pledgor owns the mark"
            ),
        ),
        "exam.TM1.no_owner": (
            "{right}：商标档案中没有注册人信息，无法核对出质人，请先补全登记信息",
            "{right}: the register names no owner, so the pledgor cannot be checked; complete the record first",
        ),
        "exam.TM2": ("商标是否已被撤销、注销或期满未续展", "Mark cancelled, removed or expired unrenewed"),
        "exam.TM2.passed": ("{right}：注册商标有效", "{right}: the registration is in force"),
        "exam.TM2.failed": (
            "{right}：商标状态为“{status}”（已被撤销、注销或期满未续展），不能出质",
            "{right}: the mark is {status_en} (cancelled, removed or not renewed); it cannot be pledged",
        ),
        "exam.TM2.expired": (
            "{right}：商标有效期已于 {expiry} 届满且未续展，不能出质",
            "{right}: the registration expired on {expiry} and was not renewed; it cannot be pledged",
        ),
        "exam.TM2.pending": (
            "{right}：商标尚未核准注册，不能出质",
            "{right}: the mark is not registered yet; it cannot be pledged",
        ),
        "exam.TM3": ("商标是否被法院查封、冻结", "Seized or frozen by a court"),
        "exam.TM3.passed": ("{right}：没有被查封、冻结", "{right}: not seized or frozen"),
        "exam.TM3.failed": (
            "{right}：商标专用权已被人民法院查封、冻结，不能出质",
            "{right}: a court has seized or frozen the mark; it cannot be pledged",
        ),
        "exam.TM4": ("相同或近似商标是否一并出质", "Identical or similar marks pledged together"),
        "exam.TM4.passed": (
            "{right}：出质人在类似商品或服务上没有未一并出质的相同或近似商标",
            "{right}: the owner has no identical or similar mark on similar goods left out",
        ),
        "exam.TM4.failed": (
            "{right}：出质人在相同或类似商品/服务上还注册了相同或近似的商标，应一并出质：{marks}",
            "{right}: the owner has identical or similar marks on similar goods that must be pledged too: {marks_en}",
        ),
        "exam.TM5": ("质押期限是否在商标有效期内", "Pledge within the mark's current term"),
        "exam.TM5.passed": (
            "{right}：债务履行期限和质权登记期限都在商标有效期内",
            "{right}: the deadline and the pledge term are within the mark's current term",
        ),
        "exam.TM5.failed": (
            "{right}：债务履行期限 {deadline} 晚于商标有效期届满日 {expiry}，请先办理续展或缩短期限",
            "{right}: the performance deadline {deadline} is after the mark's term ends on {expiry}; renew it first",
        ),
        "exam.TM5.term": (
            "{right}：质权登记期限 {term_end} 晚于商标有效期届满日 {expiry}，请先办理续展或缩短期限",
            "{right}: the pledge term {term_end} runs past the mark's term ending {expiry}; renew it first",
        ),
        "exam.TM5.unknown": (
            "{right}：登记簿中没有注册日或有效期届满日，无法核对期限，请先补全登记信息",
            "{right}: the register has no registration or expiry date, so the term cannot be checked",
        ),
        "exam.TM6": (
            "质押合同是否违反法律强制性规定（流质条款）",
            "Contract breaks mandatory law (forfeiture)",
        ),
        "exam.TM6.passed": ("质押合同没有流质条款", "the contract has no forfeiture clause"),
        "exam.TM6.forfeiture": (
            "质押合同约定债务到期不履行时商标专用权归质权人所有（流质条款），违反法律强制性规定",
            "the contract says the mark passes to the pledgee if the debt is unpaid (forfeiture); the law forbids it",
        ),
        "exam.TM7": ("商标是否已经质押且在质押期内", "Already pledged (no second pledge)"),
        "exam.TM7.passed": ("{right}：没有处于质押期内的质押登记", "{right}: not in a registered pledge"),
        "exam.TM7.failed": (
            "{right}：已经质押登记（登记号 {registration_no}）且仍在质押期内，不能重复质押",
            "{right}: already registered as pledged (no. {registration_no}); no second pledge",
        ),
        "exam.TM8": ("其他不符合出质条件的情形", "Other reasons the mark cannot be pledged"),
        "exam.TM8.passed": ("审查员没有提出其他不予登记的理由", "the examiner added no other ground"),
        "exam.TM8.failed": ("{reason}", "{reason}"),
        # copyrights
        "exam.CR1": ("出质人是否为著作权人", "Pledgor is the copyright owner"),
        "exam.CR1.passed": ("{right}：出质人是著作权人", "{right}: the pledgor is the copyright owner"),
        "exam.CR1.failed": (
            "{right}：出质人（{pledgors}）不是登记的著作权人；登记的著作权人是：{owners}",
            "{right}: the pledgor ({pledgors}) is not the registered owner; the register names: {owners}",
        ),
        "exam.CR1.no_owner": (
            "{right}：登记信息中没有著作权人，无法核对出质人，请先补全登记信息",
            "{right}: the register names no owner, so the pledgor cannot be checked; complete the record first",
        ),
        "exam.CR2": ("著作权保护期是否已届满", "Term of protection expired"),
        "exam.CR2.passed": ("{right}：著作权仍在保护期内", "{right}: the copyright is still protected"),
        "exam.CR2.failed": (
            "{right}：著作权状态为“{status}”，不能出质",
            "{right}: the copyright is {status_en}; it cannot be pledged",
        ),
        "exam.CR2.expired": (
            "{right}：著作权保护期已于 {expiry} 届满，不能出质",
            "{right}: the term of protection ended on {expiry}; it cannot be pledged",
        ),
        "exam.CR3": (
            "债务履行期限是否超过著作权保护期",
            "Performance deadline within the term of protection",
        ),
        "exam.CR3.passed": (
            "{right}：债务履行期限没有超过著作权保护期",
            "{right}: the deadline is within the term of protection",
        ),
        "exam.CR3.unknown": (
            "{right}：登记信息中没有保护期届满日（如作者在世，保护期通常远长于债务期限），未发现超期",
            "{right}: no end of protection is recorded (usually far beyond the debt); nothing found",
        ),
        "exam.CR3.failed": (
            "{right}：债务履行期限 {deadline} 晚于著作权保护期届满日 {expiry}",
            "{right}: the performance deadline {deadline} is after the protection ends on {expiry}",
        ),
        "exam.CR4": ("著作权是否存在权属争议", "Ownership disputed"),
        "exam.CR4.passed": ("{right}：没有权属争议", "{right}: ownership is not disputed"),
        "exam.CR4.failed": (
            "{right}：著作权的归属存在争议，不能出质",
            "{right}: ownership of the copyright is disputed",
        ),
        "exam.CR5": (
            "质押合同是否违反法律强制性规定（流质条款）",
            "Contract breaks mandatory law (forfeiture)",
        ),
        "exam.CR5.passed": ("质押合同没有流质条款", "the contract has no forfeiture clause"),
        "exam.CR5.forfeiture": (
            "质押合同约定债务到期不履行时著作权归质权人所有（流质条款），违反法律强制性规定",
            "the contract says the copyright passes to the pledgee if the debt is unpaid (forfeiture); the law forbids it",
        ),
        "exam.CR6": ("著作权是否已经质押且在质押期内", "Already pledged (no second pledge)"),
        "exam.CR6.passed": ("{right}：没有处于质押期内的质押登记", "{right}: not in a registered pledge"),
        "exam.CR6.failed": (
            "{right}：已经质押登记（登记号 {registration_no}）且仍在质押期内，不能重复质押",
            "{right}: already registered as pledged (no. {registration_no}); no second pledge",
        ),
        "exam.CR7": ("其他不符合出质条件的情形", "Other reasons the copyright cannot be pledged"),
        "exam.CR7.passed": ("没有其他不予登记的理由", "no other ground"),
        "exam.CR7.failed": ("{reason}", "{reason}"),
        "exam.CR7.preservation": (
            "{right}：著作权已被人民法院查封或冻结，不能出质",
            "{right}: a court has seized or frozen the copyright; it cannot be pledged",
        ),
        # completeness
        "exam.DOC": ("申请材料和合同内容是否齐全", "Documents and contract contents complete"),
        "exam.DOC.passed": (
            "申请材料齐全，质押合同包含全部必备内容",
            "all documents filed; the contract has all mandatory contents",
        ),
        "exam.DOC.document": ("缺少材料：{item}（请补正）", "missing document: {item_en} (to be corrected)"),
        "exam.DOC.clause": (
            "质押合同缺少必备内容：{item}（请补正）",
            "the contract lacks: {item_en} (to be corrected)",
        ),
    }
)


def ground_table(lang: str = "zh") -> list[dict[str, str]]:
    """Every ground as implemented: code, title, article (for documents, the CLI and the GUI legend)."""
    return [
        {
            "code": g.code,
            "family": g.family,
            "title": render(f"exam.{g.code}", {}, lang),
            "article": g.article,
            "per_right": "yes" if g.per_right else "no",
            "waivable": "yes" if g.waivable else "no",
        }
        for g in GROUNDS.values()
    ]
