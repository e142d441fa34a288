"""Completeness (DOC): one finding per missing document or mandatory contract clause, or one that passed."""

from __future__ import annotations

from ipdesk.domain.pledges.application import (
    CLAUSE_LABELS,
    DOCUMENT_LABELS,
    MANDATORY_CLAUSES,
    Clause,
    Document,
    required_documents,
)
from ipdesk.domain.pledges.examination.examiner import Examiner
from ipdesk.domain.pledges.examination.findings import Finding, FindingStatus
from ipdesk.domain.pledges.examination.grounds import (
    CLAUSE_ARTICLES,
    DOC_ARTICLES,
    DOC_FAMILIES,
    DOC_FAMILY_ARTICLES,
    DOC_SPECIAL_ARTICLES,
    GROUNDS,
)


def check_completeness(ex: Examiner) -> None:
    families = {f for f, rs in ex.by_family.items() if rs}
    needed = required_documents(ex.app, ex.rights)
    any_missing = False
    for doc in Document:
        if doc in needed and doc not in ex.app.documents:
            any_missing = True
            zh, en = DOCUMENT_LABELS[doc]
            ex.out.append(
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
        if fams and clause not in ex.app.clauses:
            any_missing = True
            zh, en = CLAUSE_LABELS[clause]
            ex.out.append(
                Finding(
                    "DOC",
                    FindingStatus.CORRECTION,
                    "",
                    "；".join(CLAUSE_ARTICLES[f] for f in fams),
                    {"clause": clause.value, "item": zh, "item_en": en},
                    "clause",
                )
            )
    if not any_missing:  # the rules of the families in this application only
        cited = "；".join(DOC_FAMILY_ARTICLES[f] for f in _FAMILY_ORDER if f in families)
        ex.out.append(Finding("DOC", FindingStatus.PASSED, "", cited or GROUNDS["DOC"].article, {}, ""))


_FAMILY_ORDER = ("patent", "trademark", "copyright")


def _doc_article(doc: Document, families: set[str]) -> str:
    fams = [f for f in _FAMILY_ORDER if f in families]
    special = DOC_SPECIAL_ARTICLES.get(doc)
    if special:
        arts = [special[f] for f in fams if f in special]
        if arts:
            return "；".join(arts)
    only = DOC_FAMILIES.get(doc)
    if only:
        listed = [f for f in fams if f in only]
        fams = listed or fams
    return "；".join(DOC_ARTICLES[f] for f in fams)
