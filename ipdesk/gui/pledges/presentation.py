"""How pledges read on screen: status words, tones and marks, working days left, field and value labels."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ipdesk.domain.pledges.application import (
    CANCELLATION_TRIGGER_LABELS,
    CLAUSE_LABELS,
    DEBT_TYPE_LABELS,
    DOCUMENT_LABELS,
    GUARANTEE_SCOPE_LABELS,
    PLEDGE_STATUS_LABELS,
    PledgeStatus,
)
from ipdesk.domain.pledges.examination.engine import FINDING_STATUS_LABELS, OUTCOME_LABELS, FindingStatus, Outcome
from ipdesk.gui.common.rich_text import pick

#: pledge status → badge tone (green in force, amber attention, red refused, grey closed, blue in progress)
PLEDGE_STATUS_TONES: dict[str, str] = {
    PledgeStatus.DRAFT: "muted",
    PledgeStatus.APPLIED: "info",
    PledgeStatus.CORRECTION: "warn",
    PledgeStatus.REGISTERED: "ok",
    PledgeStatus.REFUSED: "bad",
    PledgeStatus.CANCELLED: "muted",
    PledgeStatus.WITHDRAWN: "muted",
}

#: finding status → tone: passed green, failed red, waived amber, correction blue
FINDING_TONES: dict[str, str] = {
    FindingStatus.PASSED: "ok",
    FindingStatus.FAILED: "bad",
    FindingStatus.WAIVED: "warn",
    FindingStatus.CORRECTION: "info",
}

OUTCOME_TONES: dict[str, str] = {Outcome.REGISTER: "ok", Outcome.CORRECTION: "info", Outcome.REFUSE: "bad"}

#: the banner wording of each outcome (the domain says 予以登记 / 通知补正; the clerk reads these)
OUTCOME_BANNERS: dict[str, tuple[str, str]] = {
    Outcome.REGISTER: ("准予登记", "Can be registered"),
    Outcome.CORRECTION: ("需补正", "Correction needed"),
    Outcome.REFUSE: ("不予登记", "Refused"),
}

FAMILY_LABELS: dict[str, tuple[str, str]] = {
    "patent": ("专利", "Patent"), "trademark": ("商标", "Trademark"),
    "copyright": ("著作权", "Copyright"), "mixed": ("混合", "Mixed"),
}

#: the symbol of each finding status and outcome (passed ✓, failed ✗, waived ⊘, correction ✎)
FINDING_MARKS: dict[str, str] = {
    FindingStatus.PASSED: "✓", FindingStatus.FAILED: "✗", FindingStatus.WAIVED: "⊘", FindingStatus.CORRECTION: "✎",
}
OUTCOME_MARKS: dict[str, str] = {Outcome.REGISTER: "✓", Outcome.CORRECTION: "✎", Outcome.REFUSE: "✗"}


def status_label(status: str | PledgeStatus, lang: str) -> str:
    try:
        return pick(PLEDGE_STATUS_LABELS[PledgeStatus(status)], lang)
    except ValueError:
        return str(status)


def finding_status_label(status: str, lang: str) -> str:
    try:
        return pick(FINDING_STATUS_LABELS[FindingStatus(status)], lang)
    except ValueError:
        return str(status)


def outcome_label(outcome: str, lang: str) -> str:
    return pick(OUTCOME_BANNERS.get(outcome) or OUTCOME_LABELS.get(outcome), lang, str(outcome))  # type: ignore[arg-type]


def days_left_words(days: int) -> tuple[str, str]:
    """The working days a pending application has left, in words (zh, en): 逾期 2 个工作日 / 今天到期 /
    剩 3 个工作日 (the pledges list and the workbench say it alike)."""
    if days < 0:
        return (f"逾期 {-days} 个工作日", f"{-days} working day{'s' if days < -1 else ''} overdue")
    if days == 0:
        return ("今天到期", "due today")
    return (f"剩 {days} 个工作日", f"{days} working day{'s' if days > 1 else ''} left")


def days_left_text(days: int | None, lang: str) -> str:
    return "" if days is None else pick(days_left_words(days), lang)


def days_left_tone(days: int | None) -> str | None:
    """Overdue red, due today amber, the rest plain (no tone)."""
    if days is None:
        return None
    if days < 0:
        return "bad"
    if days == 0:
        return "warn"
    return None


def _days(key: Any) -> int:
    if not isinstance(key, int) or isinstance(key, bool):
        raise KeyError(key)
    return key


class _OpenTable(Mapping[Any, Any]):
    """A lookup table the lazy table reads by value, computed rather than listed."""

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __bool__(self) -> bool:  # an open-ended table: non-empty although it lists no keys
        return True


class DaysLeftLabels(_OpenTable):
    """The "working days left" column in words (:func:`days_left_words`)."""

    def __getitem__(self, key: Any) -> tuple[str, str]:
        return days_left_words(_days(key))


class DaysLeftTones(_OpenTable):
    """Badge tones of the "working days left" column (:func:`days_left_tone`)."""

    def __getitem__(self, key: Any) -> str:
        tone = days_left_tone(_days(key))
        if tone is None:
            raise KeyError(key)
        return tone


# field names of pledge audit entries and events → readable labels
_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "status": ("状态", "Status"),
    "registration_no": ("登记号", "Registration no."),
    "effective": ("生效日", "Effective"),
    "grounds": ("不予登记理由", "Grounds"),
    "secured_amount": ("担保债权数额", "Secured amount"),
    "debt_type": ("债权种类", "Debt type"),
    "guarantee_scope": ("担保范围", "Guarantee scope"),
    "pledgee_name": ("质权人", "Pledgee"),
    "pledgor_names": ("出质人", "Pledgor"),
    "performance_deadline": ("债务履行期限", "Performance deadline"),
    "pledge_term_end": ("质押期限届满日", "Pledge term end"),
    "documents": ("已收材料", "Documents"),
    "clauses": ("合同条款", "Clauses"),
    "trigger": ("注销原因", "Cancellation trigger"),
    "date": ("日期", "Date"),
    "code": ("事由", "Ground"),
    "declaration": ("当事人声明", "Declaration"),
    "reason": ("理由", "Reason"),
    "items": ("补正事项", "Items"),
}


def field_label(field: str, lang: str = "zh") -> str:
    return pick(_FIELD_LABELS.get(field), lang, field)


def value_label(field: str, value: Any, lang: str) -> Any:
    """Stored enum values shown as words (debt type, scope, documents, clauses, trigger, status)."""
    tables: dict[str, Mapping[Any, tuple[str, str]]] = {
        "debt_type": {k.value: v for k, v in DEBT_TYPE_LABELS.items()},
        "guarantee_scope": {k.value: v for k, v in GUARANTEE_SCOPE_LABELS.items()},
        "documents": {k.value: v for k, v in DOCUMENT_LABELS.items()},
        "clauses": {k.value: v for k, v in CLAUSE_LABELS.items()},
        "trigger": {k.value: v for k, v in CANCELLATION_TRIGGER_LABELS.items()},
        "status": {k.value: v for k, v in PLEDGE_STATUS_LABELS.items()},
    }
    table = tables.get(field)
    if table is None:
        return value
    sep = ", " if lang == "en" else "、"
    if isinstance(value, str) and field == "guarantee_scope" and "," in value:
        value = value.split(",")
    if isinstance(value, (list, tuple)):
        return sep.join(pick(table.get(v), lang, str(v)) for v in value)
    if isinstance(value, str):
        return pick(table.get(value), lang, value)
    return value


def localised_finding(finding: Mapping[str, Any], lang: str) -> tuple[str, str]:
    """(title, message) of a stored finding in ``lang``.

    Examination runs are stored with their texts in the language of the day (Chinese). The message
    template is found again by rendering each template of the ground in Chinese with the stored
    parameters and comparing it with the stored text; if none matches, the stored text is shown.
    """
    from ipdesk.domain.pledges.application import WAIVABLE_CODES
    from ipdesk.domain.pledges.examination import engine  # noqa: F401 - registers the exam.* templates
    from ipdesk.domain.shared.messages import known_codes, render

    code = str(finding.get("code", ""))
    stored_title, stored = str(finding.get("title", "")), str(finding.get("message", ""))
    if lang == "zh" or not code:
        return stored_title, stored
    params = {k: v for k, v in (finding.get("params") or {}).items()}
    title = render(f"exam.{code}", {}, lang) if f"exam.{code}" in known_codes() else stored_title
    status = finding.get("status")
    suffix_code = ("exam.waived_suffix" if status == FindingStatus.WAIVED
                   else "exam.waivable_suffix" if status == FindingStatus.FAILED and code in WAIVABLE_CODES else "")
    suffix_zh = render(suffix_code, params, "zh") if suffix_code else ""
    body = stored[: len(stored) - len(suffix_zh)] if suffix_zh and stored.endswith(suffix_zh) else stored
    prefix = f"exam.{code}."
    candidates = sorted(c for c in known_codes() if c.startswith(prefix))
    for template in candidates:
        if render(template, params, "zh") == body:
            return title, render(template, params, lang) + (render(suffix_code, params, lang) if suffix_zh else "")
    return title, stored
