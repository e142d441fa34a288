"""The annual-fee rules as data: fee tables with effective dates, late bands, restoration, reductions.

Everything here is read from ``resources/data/annual_fees_cn.json`` (:meth:`FeeRules.from_json` takes the
parsed JSON, so the domain stays pure); :data:`DEFAULT_RULES` is the same content for tests and callers
that have no file. A new official table is one more entry with its ``effective_from``; the table in force
on a fee's due date applies.

Pure and exact to the fen (Decimal). DOMAIN.md §5.4 marks what is unverified, and those are data, not code:

- the restoration window (``restoration.months_after_late_period``, 4 months after the late period: the law
  counts 2 months from the termination notice, whose date is not recorded) and, less so, the restoration
  surcharge (25 %) and fee (1000);
- the patent-term-adjustment annual fee (2024 notice): amount NOT FOUND, so years beyond the statutory term
  are not scheduled yet;
- whether the late bands count from the due date after it was moved to the next working day (the default)
  or from the anniversary itself (``late.count_from``: ``"due_date"`` | ``"anniversary"``); the patent is
  terminated from the same day the bands count from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ipdesk.domain.registry.rights import RightKind

PATENT_KINDS = (RightKind.INVENTION, RightKind.UTILITY_MODEL, RightKind.DESIGN)


@dataclass(frozen=True)
class FeeTable:
    """One official table: the full annual fee per kind and patent year, in force from ``effective_from``."""

    effective_from: date
    fees: Mapping[RightKind, Mapping[int, Decimal]]
    source: str = ""
    verified: bool = True

    def fee(self, kind: RightKind, year: int) -> Decimal | None:
        """The full fee for ``year`` of a ``kind`` patent, ``None`` when the table has no such year."""
        return self.fees.get(kind, {}).get(year)


@dataclass(frozen=True)
class LateBand:
    """A surcharge band: paid up to and including ``months`` calendar months after the due date."""

    months: int
    percent: Decimal


@dataclass(frozen=True)
class FeeRules:
    """All the numbers of the annual-fee engine (DOMAIN.md §5.4).

    Attributes:
        tables: fee tables, oldest first.
        late_bands: surcharge bands, shortest first; past the last band the patent lapses.
        restoration_percent / restoration_fee: surcharge and 恢复权利请求费 for a restored patent.
        restoration_months: how long after the late period a restoration is still accepted (unverified:
            counted from the termination notice in the law, whose date is not recorded).
        reduction_percents / reduction_fee_count / reduction_from: 费减 (85 single owner, 70 co-owners) for
            ``reduction_fee_count`` fees counted from the grant year, for fees due on or after ``reduction_from``.
        open_licence_percent / open_licence_from: the open-licence reduction (not stacked with 费减).
        late_from_anniversary: count the late bands from the anniversary rather than the moved due date.
    """

    tables: tuple[FeeTable, ...]
    late_bands: tuple[LateBand, ...] = (
        LateBand(1, Decimal(0)), LateBand(2, Decimal(5)), LateBand(3, Decimal(10)),
        LateBand(4, Decimal(15)), LateBand(5, Decimal(20)), LateBand(6, Decimal(25)),
    )
    restoration_percent: Decimal = Decimal(25)
    restoration_fee: Decimal = Decimal(1000)
    restoration_months: int = 4
    reduction_percents: frozenset[int] = frozenset({85, 70})
    reduction_fee_count: int = 10
    reduction_from: date = date(2018, 8, 1)
    open_licence_percent: Decimal = Decimal(15)
    open_licence_from: date = date(2024, 7, 15)
    late_from_anniversary: bool = False
    unverified: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.tables:
            raise ValueError("no fee table")
        object.__setattr__(self, "tables", tuple(sorted(self.tables, key=lambda t: t.effective_from)))
        object.__setattr__(self, "late_bands", tuple(sorted(self.late_bands, key=lambda b: b.months)))

    @property
    def late_months(self) -> int:
        """The length of the late period in months (6)."""
        return self.late_bands[-1].months

    def table_on(self, day: date) -> FeeTable:
        """The table in force on ``day`` (the oldest one for a day before every table)."""
        chosen = self.tables[0]
        for table in self.tables:
            if table.effective_from <= day:
                chosen = table
        return chosen

    def full_fee(self, kind: RightKind, year: int, due: date) -> Decimal | None:
        return self.table_on(due).fee(kind, year)

    # -- from the data file ------------------------------------------------------------------------

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> FeeRules:
        """From the parsed ``annual_fees_cn.json``; raises ValueError for a malformed entry."""
        tables = tuple(_table(t) for t in obj.get("tables") or ())
        unverified = [f"table {t.effective_from}" for t in tables if not t.verified]
        kwargs: dict[str, Any] = {}
        late = obj.get("late")
        if late:
            kwargs["late_bands"] = tuple(LateBand(int(m), _money(p)) for m, p in late["bands"])
            if late.get("count_from", "due_date") not in ("due_date", "anniversary"):
                raise ValueError(f"late.count_from: {late['count_from']!r}")
            kwargs["late_from_anniversary"] = late.get("count_from") == "anniversary"
            _note(late, "late", unverified)
        rest = obj.get("restoration")
        if rest:
            kwargs.update(restoration_percent=_money(rest["surcharge_percent"]), restoration_fee=_money(rest["fee"]),
                          restoration_months=int(rest["months_after_late_period"]))
            _note(rest, "restoration", unverified)
        red = obj.get("fee_reduction")
        if red:
            kwargs.update(reduction_percents=frozenset(int(p) for p in red["percents"]),
                          reduction_fee_count=int(red["fee_count"]),
                          reduction_from=date.fromisoformat(red["effective_from"]))
            _note(red, "fee_reduction", unverified)
        ol = obj.get("open_licence")
        if ol:
            kwargs.update(open_licence_percent=_money(ol["percent"]),
                          open_licence_from=date.fromisoformat(ol["effective_from"]))
            _note(ol, "open_licence", unverified)
        return cls(tables=tables, unverified=tuple(unverified), **kwargs)


def _note(entry: Mapping[str, Any], name: str, unverified: list[str]) -> None:
    if not entry.get("verified", True):
        unverified.append(name)


def _money(value: Any) -> Decimal:
    amount = Decimal(str(value))
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"not an amount: {value!r}")
    return amount


def _table(obj: Mapping[str, Any]) -> FeeTable:
    fees: dict[RightKind, dict[int, Decimal]] = {}
    for kind_name, bands in (obj.get("fees") or {}).items():
        kind = RightKind(kind_name)
        if kind not in PATENT_KINDS:
            raise ValueError(f"annual fees are for patents only: {kind_name}")
        years: dict[int, Decimal] = {}
        for span, amount in bands.items():
            first, _, last = str(span).partition("-")
            for year in range(int(first), int(last or first) + 1):
                if year in years:
                    raise ValueError(f"{kind_name}: year {year} listed twice")
                years[year] = _money(amount)
        fees[kind] = years
    return FeeTable(date.fromisoformat(obj["effective_from"]), fees, str(obj.get("source", "")),
                    bool(obj.get("verified", True)))


DEFAULT_RULES = FeeRules(
    tables=(
        _table({
            "effective_from": "2018-08-01",
            "fees": {
                "invention": {"1-3": "900", "4-6": "1200", "7-9": "2000", "10-12": "4000", "13-15": "6000",
                              "16-20": "8000"},
                "utility_model": {"1-3": "600", "4-5": "900", "6-8": "1200", "9-10": "2000"},
                "design": {"1-3": "600", "4-5": "900", "6-8": "1200", "9-10": "2000", "11-15": "3000"},
            },
        }),
    ),
    unverified=("restoration",),
)
