"""The loan-to-value rule (质押率): secured amount ÷ current value of the pledged rights, against a cap per kind
of right (office settings, defaults DOMAIN §12), with warnings for an expired valuation and for a right whose
remaining term is shorter than the loan plus a buffer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ipdesk.domain.registry.rights import KIND_LABELS, RightKind
from ipdesk.domain.registry.terms import add_months
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem
from ipdesk.domain.valuation.valuation import Valuation, current, latest

#: Caps in percent of the assessed value. DOMAIN §12's app rule gives ranges (invention 25–50 %, utility model
#: 15–30 %, trademark up to 50 %); the defaults are their upper ends, designs and copyrights as utility models
#: (no source names them). An office sets its own.
DEFAULT_LTV_CAPS: dict[str, Decimal] = {
    "invention": Decimal("50"), "utility_model": Decimal("30"), "design": Decimal("30"),
    "trademark": Decimal("50"), "copyright": Decimal("30"), "software": Decimal("30"),
}
#: A right must outlive the loan's performance deadline by this many months (banks want years to spare).
DEFAULT_TERM_BUFFER_MONTHS = 12
_HUNDRED = Decimal("100")
_CENT = Decimal("0.01")

register({
    "ltv.over_cap": ("质押率 {ratio}% 超过上限 {cap}%（{kind}）",
                     "loan-to-value {ratio}% is above the cap {cap}% ({kind})"),
    "ltv.valuation_expired": ("{right}：评估已于 {valid_until} 过期，请重新评估",
                              "{right}: the valuation expired on {valid_until}; revalue it"),
    "ltv.no_valuation": ("{right}：没有评估记录", "{right}: no valuation on record"),
    "ltv.term_short": ("{right}：权利期限届满日 {expiry} 早于债务履行期限 {deadline} 加 {months} 个月",
                       "{right}: the right expires on {expiry}, before the performance deadline {deadline} "
                       "plus {months} months"),
})


@dataclass(frozen=True)
class PledgedRight:
    """What the rule needs of a right in the pledge."""

    id: int
    number: str  # display form
    kind: str
    expiry_date: date | None


@dataclass(frozen=True)
class LtvAssessment:
    """The pledge's loan-to-value line.

    Attributes:
        value: the sum of the valuations used (each package once); None when no right has one.
        ratio: secured amount ÷ value in percent, two places; None without a value.
        cap: the strictest cap among the pledge's kinds of right (a mixed pledge is held to it).
        valuations: the valuations used (current, or the latest expired one when none is current).
        warnings: coded problems, in the order over cap, valuation, term.
    """

    secured_amount: Decimal
    value: Decimal | None
    ratio: Decimal | None
    cap: Decimal | None
    cap_kind: str
    valuations: tuple[Valuation, ...]
    warnings: tuple[Problem, ...]

    @property
    def over_cap(self) -> bool:
        return self.ratio is not None and self.cap is not None and self.ratio > self.cap

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        def money(x: Decimal | None) -> str | None:
            return None if x is None else f"{x:.2f}"

        return {"secured_amount": money(self.secured_amount), "value": money(self.value),
                "ratio": money(self.ratio), "cap": money(self.cap), "cap_kind": self.cap_kind,
                "valuations": [v.id for v in self.valuations], "over_cap": self.over_cap,
                "warnings": [w.to_json(lang) for w in self.warnings]}


def ratio_of(secured_amount: Decimal, value: Decimal) -> Decimal:
    """Secured amount ÷ value in percent, rounded half up to two places."""
    return (secured_amount * _HUNDRED / value).quantize(_CENT, rounding=ROUND_HALF_UP)


def assess(secured_amount: Decimal, performance_deadline: date, rights: Iterable[PledgedRight],
           valuations: Iterable[Valuation], today: date, caps: Mapping[str, Decimal],
           term_buffer_months: int) -> LtvAssessment:
    """The LTV line of a pledge on ``today``.

    Args:
        valuations: every valuation covering any of ``rights`` (history included); a package valuation counts
            its whole value once, however many of the pledge's rights it covers.
        caps: percent per kind value (``"invention"`` …); a kind without one has no cap.
    """
    rights = list(rights)
    valuations = list(valuations)
    warnings: list[Problem] = []
    used: dict[int, Valuation] = {}
    for right in rights:
        covering = [v for v in valuations if right.id in v.right_ids]
        chosen = current(covering, today)
        if chosen is None:
            chosen = latest(covering)
            if chosen is None:
                warnings.append(Problem("ltv.no_valuation", "valuation", {"right": right.number}))
                continue
            warnings.append(Problem("ltv.valuation_expired", "valuation",
                                    {"right": right.number, "valid_until": chosen.valid_until.isoformat()}))
        used.setdefault(chosen.id, chosen)
    value = sum((v.value for v in used.values()), Decimal(0)) if used else None
    ratio = ratio_of(secured_amount, value) if value else None
    capped = [(caps[r.kind].quantize(_CENT), r.kind) for r in rights if r.kind in caps]
    cap, cap_kind = min(capped) if capped else (None, "")
    if ratio is not None and cap is not None and ratio > cap:
        zh, en = KIND_LABELS.get(RightKind(cap_kind), (cap_kind, cap_kind))
        warnings.insert(0, Problem("ltv.over_cap", "secured_amount",
                                   {"ratio": str(ratio), "cap": str(cap), "kind": zh, "kind_en": en}))
    horizon = add_months(performance_deadline, term_buffer_months)
    for right in rights:
        if right.expiry_date is not None and right.expiry_date < horizon:
            warnings.append(Problem("ltv.term_short", "performance_deadline", {
                "right": right.number, "expiry": right.expiry_date.isoformat(),
                "deadline": performance_deadline.isoformat(), "months": term_buffer_months}))
    return LtvAssessment(secured_amount, value, ratio, cap, cap_kind, tuple(used.values()), tuple(warnings))
