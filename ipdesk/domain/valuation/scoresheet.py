"""The value-analysis score sheet (专利价值分析, DOMAIN §12): legal, technical and economic value degrees from
their sub-indicators, combined by weights that are data with an effective date into a value degree (专利价值度).

Every sub-indicator is scored 0–100 as a *value* score: higher always means more valuable (a patent easy to
design around scores low on 不可规避性, one with many substitutes low on 可替代性). A degree is the weighted sum
of its sub-indicators' scores, the value degree the weighted sum of the three degrees; weights are fractions
that add up to exactly 1 within each group. The indicator system (2012) publishes no weights (DOMAIN §12:
NOT FOUND), so the built-in set below is this app's own, effective from 2012-01-01, until an office records
its own (a finance scenario weighs the legal degree most, as GB/T 42748-2023 adjusts weights by scenario).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.fields import parse_date
from ipdesk.domain.shared.messages import register, register_labels
from ipdesk.domain.shared.problems import Problem


class Degree(enum.StrEnum):
    LEGAL = "legal"  # 法律价值度
    TECHNICAL = "technical"  # 技术价值度
    ECONOMIC = "economic"  # 经济价值度


DEGREE_LABELS: dict[Degree, tuple[str, str]] = {
    Degree.LEGAL: ("法律价值度", "Legal value degree"),
    Degree.TECHNICAL: ("技术价值度", "Technical value degree"),
    Degree.ECONOMIC: ("经济价值度", "Economic value degree"),
}

#: The sub-indicators of each degree (DOMAIN §12): code → (Chinese, English).
INDICATORS: dict[Degree, dict[str, tuple[str, str]]] = {
    Degree.LEGAL: {
        "stability": ("稳定性", "Stability"),
        "design_around": ("不可规避性", "Hard to design around"),
        "dependency": ("依赖性", "Dependency"),
        "infringement_provable": ("专利侵权可判定性", "Ease of proving infringement"),
        "remaining_term": ("有效期", "Remaining term"),
        "foreign_family": ("多国申请", "Foreign family"),
        "licence_status": ("专利许可状态", "Licence status"),
    },
    Degree.TECHNICAL: {
        "advancement": ("先进性", "Advancement"),
        "industry_trend": ("行业发展趋势", "Industry trend"),
        "range_of_use": ("适用范围", "Range of use"),
        "complementary_reliance": ("配套技术依存度", "Reliance on complementary technology"),
        "substitutability": ("可替代性", "Substitutability"),
        "maturity": ("成熟度", "Maturity"),
    },
    Degree.ECONOMIC: {
        "market_use": ("市场应用情况", "Market use"),
        "market_size": ("市场规模前景", "Market size"),
        "market_share": ("市场占有率", "Market share"),
        "competition": ("竞争情况", "Competition"),
        "policy_fit": ("政策适应性", "Policy fit"),
    },
}
DEGREE_OF: dict[str, Degree] = {code: degree for degree, codes in INDICATORS.items() for code in codes}
INDICATOR_LABELS: dict[str, tuple[str, str]] = {c: pair for codes in INDICATORS.values() for c, pair in codes.items()}
register_labels({**{d.value: pair for d, pair in DEGREE_LABELS.items()}, **INDICATOR_LABELS})
register({
    "value.weights_sum": ("{group}的权重之和应为 1，现为 {total}",
                          "the weights of {group} must add up to 1, not {total}"),
    "value.weight_range": ("{label}的权重应为 0–1 之间、最多四位小数：{value}",
                           "the weight of {label} must be from 0 to 1 with at most 4 decimals: {value}"),
    "value.unknown_indicator": ("未知的指标：{code}", "unknown indicator: {code}"),
    "value.missing_indicator": ("缺少指标：{label}", "indicator missing: {label}"),
    "value.score_range": ("{label}的得分应为 0–100、最多两位小数：{value}",
                          "the score of {label} must be from 0 to 100 with at most 2 decimals: {value}"),
    "value.future_date": ("评分日期不能晚于今天（{today}）：{value}",
                          "the scoring date must not be after today ({today}): {value}"),
    "value.weights_taken": ("{effective_from} 起生效的权重已存在",
                            "a weight set effective from {effective_from} exists"),
})
register_labels({"三项价值度": "the three degrees"})

_CENT = Decimal("0.01")
_ONE = Decimal(1)


def indicator_label(code: str, lang: str = "zh") -> str:
    degrees = {d.value: pair for d, pair in DEGREE_LABELS.items()}
    zh, en = INDICATOR_LABELS.get(code) or degrees.get(code) or (code, code)
    return en if lang.startswith("en") else zh


def _d(text: str) -> Decimal:
    return Decimal(text)


@dataclass(frozen=True)
class WeightSet:
    """Weights in force from ``effective_from``: one per degree, one per sub-indicator (within its degree)."""

    effective_from: date
    degrees: Mapping[str, Decimal]
    indicators: Mapping[str, Decimal]
    id: int | None = None  # None: the built-in set

    def to_json(self) -> dict[str, Any]:
        return {"effective_from": self.effective_from.isoformat(), "id": self.id,
                "degrees": {k: str(v) for k, v in self.degrees.items()},
                "indicators": {k: str(v) for k, v in self.indicators.items()}}


DEFAULT_WEIGHTS = WeightSet(
    date(2012, 1, 1),
    {"legal": _d("0.40"), "technical": _d("0.30"), "economic": _d("0.30")},
    {
        "stability": _d("0.20"), "design_around": _d("0.15"), "dependency": _d("0.10"),
        "infringement_provable": _d("0.15"), "remaining_term": _d("0.15"), "foreign_family": _d("0.10"),
        "licence_status": _d("0.15"),
        "advancement": _d("0.20"), "industry_trend": _d("0.15"), "range_of_use": _d("0.15"),
        "complementary_reliance": _d("0.15"), "substitutability": _d("0.15"), "maturity": _d("0.20"),
        "market_use": _d("0.25"), "market_size": _d("0.20"), "market_share": _d("0.20"), "competition": _d("0.15"),
        "policy_fit": _d("0.20"),
    },
)


def _number(value: Any, places: int, high: Decimal) -> Decimal | None:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    exponent = number.as_tuple().exponent
    if not number.is_finite() or not isinstance(exponent, int) or exponent < -places or not 0 <= number <= high:
        return None
    return number


def parse_weights(effective_from: date, degrees: Mapping[str, Any], indicators: Mapping[str, Any]) -> tuple[
        WeightSet | None, list[Problem]]:
    """A weight set from text or numbers; refused (None and every problem) unless each group adds up to 1."""
    problems: list[Problem] = []
    parsed: dict[str, dict[str, Decimal]] = {"degrees": {}, "indicators": {}}
    for group, given, known in (("degrees", degrees, [d.value for d in Degree]),
                                ("indicators", indicators, list(DEGREE_OF))):
        for code in given:
            if code not in known:
                problems.append(Problem("value.unknown_indicator", group, {"code": code}))
        for code in known:
            if code not in given:
                problems.append(Problem("value.missing_indicator", group, {"label": indicator_label(code)}))
                continue
            weight = _number(given[code], 4, _ONE)
            if weight is None:
                problems.append(Problem("value.weight_range", group,
                                        {"label": indicator_label(code), "value": str(given[code])}))
            else:
                parsed[group][code] = weight
    if not problems:
        groups: list[tuple[str, Iterable[str]]] = [("三项价值度", [d.value for d in Degree])]
        groups += [(DEGREE_LABELS[d][0], INDICATORS[d]) for d in Degree]
        for name, codes in groups:
            source = parsed["degrees"] if name == "三项价值度" else parsed["indicators"]
            total = sum((source[c] for c in codes), Decimal(0))
            if total != _ONE:
                problems.append(Problem("value.weights_sum", "weights", {"group": name, "total": str(total)}))
    if problems:
        return None, problems
    return WeightSet(effective_from, parsed["degrees"], parsed["indicators"]), []


def weights_on(sets: Iterable[WeightSet], day: date) -> WeightSet:
    """The weight set in force on ``day``: the latest effective on or before it, else the built-in one."""
    return max((s for s in sets if s.effective_from <= day), key=lambda s: s.effective_from, default=DEFAULT_WEIGHTS)


def score_field(code: str) -> str:
    """The field a sub-indicator's problem names (``scores.stability``), so a form shows it under that score."""
    return f"scores.{code}"


def parse_score(value: Any) -> Decimal | None:
    """One score, 0–100 with at most two decimals, or None."""
    return _number(value, 2, Decimal(100))


def check_scored_on(value: Any, today: date) -> tuple[date | None, list[Problem]]:
    """The scoring date (empty: ``today``), refused when unreadable or after ``today``."""
    scored_on, problems = parse_date(value, "scored_on", "评分日期")
    scored_on = scored_on or (None if problems else today)
    if scored_on is not None and scored_on > today:
        problems.append(Problem("value.future_date", "scored_on",
                                {"today": today.isoformat(), "value": scored_on.isoformat()}))
    return scored_on, problems


def parse_scores(scores: Mapping[str, Any]) -> tuple[dict[str, Decimal] | None, list[Problem]]:
    """Every sub-indicator's score, 0–100 with at most two decimals; all of them are needed."""
    problems = [Problem("value.unknown_indicator", "scores", {"code": c}) for c in scores if c not in DEGREE_OF]
    parsed: dict[str, Decimal] = {}
    for code in DEGREE_OF:
        if code not in scores or str(scores[code]).strip() == "":
            problems.append(Problem("value.missing_indicator", score_field(code), {"label": indicator_label(code)}))
            continue
        score = parse_score(scores[code])
        if score is None:
            problems.append(Problem("value.score_range", score_field(code),
                                    {"label": indicator_label(code), "value": str(scores[code])}))
        else:
            parsed[code] = score
    return (None, problems) if problems else (parsed, [])


@dataclass(frozen=True)
class ScoreResult:
    """The three degrees and the value degree (0–100, two places) of a scored sheet."""

    degrees: dict[str, Decimal]
    value_degree: Decimal
    weights: WeightSet = field(compare=False)

    def to_json(self) -> dict[str, Any]:
        return {"degrees": {k: f"{v:.2f}" for k, v in self.degrees.items()},
                "value_degree": f"{self.value_degree:.2f}",
                "weights_effective_from": self.weights.effective_from.isoformat()}


def score_sheet(scores: Mapping[str, Decimal], weights: WeightSet) -> ScoreResult:
    """The degrees and the value degree of complete, checked ``scores`` (see :func:`parse_scores`)."""
    degrees = {d.value: sum((scores[c] * weights.indicators[c] for c in INDICATORS[d]), Decimal(0)) for d in Degree}
    value = sum((degrees[d] * weights.degrees[d] for d in degrees), Decimal(0))
    return ScoreResult({d: v.quantize(_CENT, rounding=ROUND_HALF_UP) for d, v in degrees.items()},
                       value.quantize(_CENT, rounding=ROUND_HALF_UP), weights)


def partial_degrees(scores: Mapping[str, Decimal], weights: WeightSet) -> tuple[
        dict[str, Decimal | None], Decimal | None]:
    """What a sheet being filled in gives so far: each degree whose sub-indicators all have a valid score
    (else None), and the value degree once all three have one (a form shows them live)."""
    degrees: dict[str, Decimal | None] = {}
    for d in Degree:
        if all(c in scores for c in INDICATORS[d]):
            total = sum((scores[c] * weights.indicators[c] for c in INDICATORS[d]), Decimal(0))
            degrees[d.value] = total.quantize(_CENT, rounding=ROUND_HALF_UP)
        else:
            degrees[d.value] = None
    if any(v is None for v in degrees.values()):
        return degrees, None
    return degrees, score_sheet(scores, weights).value_degree


@dataclass(frozen=True)
class ValueAnalysis:
    """A stored score sheet: of a right (``right_id``), or going with a valuation (``valuation_id``), or both."""

    id: int
    right_id: int | None
    right_number: str
    valuation_id: int | None
    scored_on: date
    scores: dict[str, Decimal]
    result: ScoreResult
    notes: str = ""
    analyst: str = ""
    #: What the command that returned this record changed (empty when read).
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

    @property
    def value_degree(self) -> Decimal:
        return self.result.value_degree

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "right": self.right_number or None, "valuation": self.valuation_id,
                "scored_on": self.scored_on.isoformat(), "scores": {k: f"{v:.2f}" for k, v in self.scores.items()},
                **self.result.to_json(), "notes": self.notes, "analyst": self.analyst}
