"""The rules of pledge statistics: the units amounts are shown in, the dimensions rows are grouped by, the families."""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_UP, Decimal

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem, ValidationError

CENT = Decimal("0.01")

register({
    "stats.bad_dimension": ("不能按“{value}”统计（可选：{choices}）",
                            "cannot group by '{value}' (choose from {choices})"),
    "stats.repeated_dimension": ("统计维度“{value}”重复", "the grouping '{value}' is given twice"),
    "stats.bad_unit": ("金额单位不是可选值：{value}（可选：{choices}）", "the unit is not one of {choices}: {value}"),
    "stats.bad_years": ("起始年份（{start}）不能晚于截止年份（{end}）",
                        "the first year ({start}) must not be after the last ({end})"),
})


class Unit(enum.StrEnum):
    """What an amount is shown in: yuan, 万元 (10^4 yuan) or 亿元 (10^8 yuan)."""

    YUAN = "yuan"
    WAN = "wan"
    YI = "yi"

    @property
    def yuan(self) -> Decimal:
        """How many yuan one of this unit is."""
        return {Unit.YUAN: Decimal(1), Unit.WAN: Decimal(10_000), Unit.YI: Decimal(100_000_000)}[self]

    def of(self, yuan: Decimal) -> Decimal:
        """``yuan`` in this unit, two places, half up (the national reports' 亿元 with two decimals)."""
        return (Decimal(yuan) / self.yuan).quantize(CENT, rounding=ROUND_HALF_UP)


class Dimension(enum.StrEnum):
    """What pledge rows are grouped by.

    ``year``: the year the pledge was registered (its effect date, 登记生效日); a cancelled pledge stays in the
    year it was registered. ``family``: patent / trademark / copyright, or mixed for a pledge of rights of more
    than one family (counted once, there). ``bank``: the pledgee. ``region``: the 行政区划 code of the first-named
    pledgor ("" when the register has none). ``kind``: the kind of right pledged (invention, utility_model, …),
    ``mixed`` when a pledge holds rights of more than one kind (an invention and a utility model: once, there).
    """

    YEAR = "year"
    FAMILY = "family"
    BANK = "bank"
    REGION = "region"
    KIND = "kind"


FAMILIES = ("patent", "trademark", "copyright", "mixed")
MIXED = "mixed"


def parse_unit(text: str | None) -> Unit:
    """The unit named (default yuan).

    Raises:
        ValidationError: ``stats.bad_unit``.
    """
    value = (text or "yuan").strip().lower()
    try:
        return Unit(value)
    except ValueError:
        raise ValidationError(Problem("stats.bad_unit", "unit", {"value": text, "choices": _choices(Unit)})) from None


def parse_dimensions(text: str | None) -> tuple[Dimension, ...]:
    """``"year,family"`` → the dimensions in the order given (none: totals only).

    Raises:
        ValidationError: ``stats.bad_dimension`` / ``stats.repeated_dimension``.
    """
    out: list[Dimension] = []
    problems: list[Problem] = []
    for part in (text or "").split(","):
        name = part.strip().lower()
        if not name:
            continue
        try:
            dim = Dimension(name)
        except ValueError:
            problems.append(Problem("stats.bad_dimension", "by",
                                    {"value": part.strip(), "choices": _choices(Dimension)}))
            continue
        if dim in out:
            problems.append(Problem("stats.repeated_dimension", "by", {"value": name}))
        else:
            out.append(dim)
    if problems:
        raise ValidationError(problems)
    return tuple(out)


def check_years(start: int | None, end: int | None) -> None:
    """Raises ``stats.bad_years`` when the first year is after the last."""
    if start is not None and end is not None and start > end:
        raise ValidationError(Problem("stats.bad_years", "from", {"start": start, "end": end}))


def _choices(enum_type: type[enum.StrEnum]) -> str:
    return ", ".join(m.value for m in enum_type)
