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

from datetime import date

from ipdesk.domain.pledges.application import PledgeApplication
from ipdesk.domain.pledges.examination.completeness import check_completeness
from ipdesk.domain.pledges.examination.copyrights import check_copyrights
from ipdesk.domain.pledges.examination.examiner import Examiner
from ipdesk.domain.pledges.examination.findings import (
    FINDING_STATUS_LABELS as FINDING_STATUS_LABELS,
)
from ipdesk.domain.pledges.examination.findings import (
    OUTCOME_LABELS as OUTCOME_LABELS,
)
from ipdesk.domain.pledges.examination.findings import (
    Examination as Examination,
)
from ipdesk.domain.pledges.examination.findings import (
    Finding as Finding,
)
from ipdesk.domain.pledges.examination.findings import (
    FindingStatus as FindingStatus,
)
from ipdesk.domain.pledges.examination.findings import (
    Outcome as Outcome,
)
from ipdesk.domain.pledges.examination.findings import (
    outcome_of,
)
from ipdesk.domain.pledges.examination.grounds import GROUNDS as GROUNDS
from ipdesk.domain.pledges.examination.grounds import ground_table as ground_table
from ipdesk.domain.pledges.examination.patents import check_patents
from ipdesk.domain.pledges.examination.snapshot import RegisterSnapshot as RegisterSnapshot
from ipdesk.domain.pledges.examination.trademarks import check_trademarks
from ipdesk.domain.shared.problems import Problem, ValidationError

# The names above marked "as" are re-exported: callers import the examination's values from here.


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
    ex = Examiner(app, snapshot, as_of, rights)
    findings = run(ex)
    return Examination(tuple(findings), outcome_of(findings), as_of)


def run(ex: Examiner) -> list[Finding]:
    """Every family's grounds present in the application, in the rules' order, then completeness."""
    if ex.by_family["patent"]:
        check_patents(ex)
    if ex.by_family["trademark"]:
        check_trademarks(ex)
    if ex.by_family["copyright"]:
        check_copyrights(ex)
    check_completeness(ex)
    return ex.out
