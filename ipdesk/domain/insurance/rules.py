"""The insurance rules as data with effective dates: eligibility thresholds and premium-subsidy schemes.

Read from ``resources/data/insurance_cn.json`` (an office may save its own copy: the insurance settings);
:data:`DEFAULT_RULES` is the same content for callers without the file. A new rule or scheme is one more
entry with its ``effective_from``; the entry in force on a policy's start date applies. Unverified facts are
marked ``"verified": false`` in the data and listed in :attr:`InsuranceRules.unverified`:

- eligibility (Beijing pilot, PICC 专利卫士): at least 3 years of term left, no pending ownership or
  infringement dispute, a co-owned patent insured with the other owners' written consent — sourced;
- the subsidy (Beijing pilot): first application 100 %, second 80 % (champion firms) or 90 % (SMEs) —
  sourced; the yearly caps 50 / 30 / 20万 per firm are sourced as figures but not which firm they apply to,
  so which class gets which cap is this app's reading (unverified), as is counting a firm's applications
  over all years rather than per year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ipdesk.domain.insurance.products import Product, SubsidyClass
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem

register({
    "insurance.rate_over_100": ("补贴比例不能超过 100 %：{value}", "a subsidy rate cannot exceed 100 %: {value}"),
    "insurance.rate_negative": ("补贴比例不能为负：{value}", "a subsidy rate cannot be negative: {value}"),
    "insurance.cap_negative": ("年度补贴上限不能为负：{value}", "a yearly subsidy cap cannot be negative: {value}"),
    "insurance.rules_duplicate": ("{effective_from} 起生效的{what}已存在",
                                  "{what} from {effective_from} is listed twice"),
})

ANY_PRODUCT = frozenset(Product)


@dataclass(frozen=True)
class EligibilityRule:
    """Who may be insured, in force from ``effective_from`` for ``products``."""

    effective_from: date
    min_years_left: int = 3  # years of term left on the policy's start date
    dispute_blocks: bool = True  # a pending ownership or infringement dispute makes the patent ineligible
    co_owner_consent: bool = True  # a co-owned patent needs the other owners' written consent
    patents_only: bool = True
    products: frozenset[Product] = ANY_PRODUCT
    source: str = ""
    verified: bool = True


@dataclass(frozen=True)
class SubsidyScheme:
    """A premium subsidy: the rate by the firm's application count and class, capped per firm and year.

    ``rates[cls]`` lists the per-cent rate of the 1st, 2nd, … application; later ones take the last rate.
    ``counting``: ``"ever"`` counts the firm's earlier subsidised policies in every year, ``"year"`` only
    those starting in the same calendar year.
    """

    effective_from: date
    rates: Mapping[SubsidyClass, tuple[Decimal, ...]]
    yearly_cap: Mapping[SubsidyClass, Decimal]
    products: frozenset[Product] = ANY_PRODUCT
    counting: str = "ever"
    region: str = ""
    source: str = ""
    verified: bool = True

    def rate(self, cls: SubsidyClass, nth: int) -> Decimal:
        """The rate (per cent) of the firm's ``nth`` application (1 for the first); 0 for a class not listed."""
        rates = self.rates.get(cls, ())
        if not rates:
            return Decimal(0)
        return rates[min(nth, len(rates)) - 1]

    def check(self) -> list[Problem]:
        problems = []
        for rates in self.rates.values():
            for r in rates:
                if r > 100:
                    problems.append(Problem("insurance.rate_over_100", "rates", {"value": f"{r}"}))
                elif r < 0:
                    problems.append(Problem("insurance.rate_negative", "rates", {"value": f"{r}"}))
        problems += [Problem("insurance.cap_negative", "yearly_cap", {"value": f"{c}"})
                     for c in self.yearly_cap.values() if c < 0]
        return problems


@dataclass(frozen=True)
class InsuranceRules:
    eligibility: tuple[EligibilityRule, ...]
    subsidies: tuple[SubsidyScheme, ...]
    unverified: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "eligibility", tuple(sorted(self.eligibility, key=lambda r: r.effective_from)))
        object.__setattr__(self, "subsidies", tuple(sorted(self.subsidies, key=lambda s: s.effective_from)))

    def eligibility_on(self, day: date, product: Product) -> EligibilityRule | None:
        return _latest([r for r in self.eligibility if product in r.products], day)

    def subsidy_on(self, day: date, product: Product) -> SubsidyScheme | None:
        return _latest([s for s in self.subsidies if product in s.products], day)

    def check(self) -> list[Problem]:
        problems = [p for s in self.subsidies for p in s.check()]
        for what, items in (("资格规则", self.eligibility), ("补贴方案", self.subsidies)):
            days = [i.effective_from for i in items]
            problems += [Problem("insurance.rules_duplicate", "effective_from",
                                 {"what": what, "effective_from": d.isoformat()}) for d in sorted(set(days))
                         if days.count(d) > 1]
        return problems

    # -- to and from the data file -----------------------------------------------------------------

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> InsuranceRules:
        """From the parsed ``insurance_cn.json``; raises ValueError for a malformed entry."""
        eligibility = tuple(_eligibility(e) for e in obj.get("eligibility") or ())
        subsidies = tuple(_scheme(s) for s in obj.get("subsidies") or ())
        unverified = [f"eligibility {e.effective_from}" for e in eligibility if not e.verified]
        unverified += [f"subsidy {s.effective_from}" for s in subsidies if not s.verified]
        return cls(eligibility, subsidies, tuple(unverified))

    def to_json(self) -> dict[str, Any]:
        return {
            "eligibility": [{"effective_from": r.effective_from.isoformat(), "min_years_left": r.min_years_left,
                             "dispute_blocks": r.dispute_blocks, "co_owner_consent": r.co_owner_consent,
                             "patents_only": r.patents_only, "products": sorted(p.value for p in r.products),
                             "source": r.source, "verified": r.verified} for r in self.eligibility],
            "subsidies": [{"effective_from": s.effective_from.isoformat(), "region": s.region,
                           "counting": s.counting, "products": sorted(p.value for p in s.products),
                           "rates": {c.value: [str(r) for r in rs] for c, rs in sorted(s.rates.items())},
                           "yearly_cap": {c.value: f"{v:.2f}" for c, v in sorted(s.yearly_cap.items())},
                           "source": s.source, "verified": s.verified} for s in self.subsidies],
        }


def _latest(items: Sequence[Any], day: date) -> Any:
    found = None
    for item in items:  # sorted by effective_from
        if item.effective_from <= day:
            found = item
    return found


def _products(values: Any) -> frozenset[Product]:
    return frozenset(Product(v) for v in values) if values else ANY_PRODUCT


def _eligibility(obj: Mapping[str, Any]) -> EligibilityRule:
    return EligibilityRule(date.fromisoformat(obj["effective_from"]), int(obj.get("min_years_left", 3)),
                           bool(obj.get("dispute_blocks", True)), bool(obj.get("co_owner_consent", True)),
                           bool(obj.get("patents_only", True)), _products(obj.get("products")),
                           str(obj.get("source", "")), bool(obj.get("verified", True)))


def _scheme(obj: Mapping[str, Any]) -> SubsidyScheme:
    counting = str(obj.get("counting", "ever"))
    if counting not in ("ever", "year"):
        raise ValueError(f"subsidy counting: {counting!r}")
    rates = {SubsidyClass(c): tuple(Decimal(str(r)) for r in rs) for c, rs in (obj.get("rates") or {}).items()}
    caps = {SubsidyClass(c): Decimal(str(v)) for c, v in (obj.get("yearly_cap") or {}).items()}
    return SubsidyScheme(date.fromisoformat(obj["effective_from"]), rates, caps, _products(obj.get("products")),
                         counting, str(obj.get("region", "")), str(obj.get("source", "")),
                         bool(obj.get("verified", True)))


BEIJING_2020: dict[str, Any] = {
    "eligibility": [{
        "effective_from": "2020-01-01", "min_years_left": 3, "dispute_blocks": True, "co_owner_consent": True,
        "patents_only": True, "products": ["enforcement", "infringement_loss", "liability"],
        "source": "zscqj.beijing.gov.cn/zscqj/sjd/tzgg50/325854994/index.html; i355.cn/news/1663.html",
        "verified": True,
    }],
    "subsidies": [{
        "effective_from": "2020-01-01", "region": "北京", "counting": "ever",
        "products": ["enforcement", "infringement_loss", "liability"],
        "rates": {"sme": ["100", "90"], "champion": ["100", "80"]},
        "yearly_cap": {"champion": "500000.00", "sme": "300000.00"},
        "source": "finance.qianlong.com/2020/0117/3586697.shtml (caps 50/30/20万: which firm gets which is "
                  "not stated; the mapping and counting over all years are this app's reading)",
        "verified": False,
    }],
}
DEFAULT_RULES = InsuranceRules.from_json(BEIJING_2020)
