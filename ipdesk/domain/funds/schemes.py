"""Loss-sharing schemes as data: per party a share of the principal loss and of the interest loss, a cap,
whether it is paid out of a pool, and who bears what the caps and the pool leave over (DOMAIN.md §0, §11).

Presets: ``kejizhixing`` (Zhenjiang 科技之星 pool, seed 004 read literally), ``germany`` (seed 000: federal
39 %, state 26 %, bank 7 %, guarantor 28 %), ``pudong`` (fund 95–99 %, a parameter, bank the rest) and
city splits the user defines; two kinds with parameters for seed 000's other models: a guarantor whose
payments an insurer reimburses in part (Japan's guarantee associations, Korea's technology guarantee
fund) and the US company-led model's committed buyer at a guaranteed asset purchase price (CAPP).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.money import HUNDRED
from ipdesk.domain.shared.problems import Problem, ValidationError

register({
    "funds.unknown_scheme": ("未知的分担方案：{name}（可选：{known}）",
                             "unknown loss-sharing scheme: {name} (one of: {known})"),
    "funds.bad_param": ("分担方案 {name} 的参数有误：{value}", "bad parameter of loss-sharing scheme {name}: {value}"),
    "funds.share_range": ("{party} 的分担比例应在 0–100 % 之间：{value}",
                          "the share of {party} must be 0–100 %: {value}"),
    "funds.shares_over": ("{what}分担比例合计 {total} %，超过 100 %",
                          "the shares of the {what_en} add up to {total} %, over 100 %"),
    "funds.shares_under": ("{what}分担比例合计 {total} %，不足 100 % 且无兜底方",
                           "the shares of the {what_en} add up to {total} %, under 100 %, and no party bears the rest"),
    "funds.duplicate_party": ("分担方 {party} 重复", "party {party} is listed twice"),
    "funds.no_parties": ("分担方案至少需要一个分担方", "a loss-sharing scheme needs at least one party"),
    "funds.residual_unknown": ("兜底方 {party} 不在分担方之列",
                               "the party bearing the rest, {party}, is not in the scheme"),
    "funds.pudong_range": ("浦东模式基金分担比例应为 95–99 %：{value}",
                           "the Pudong fund's share must be 95–99 %: {value}"),
    "funds.negative": ("{label}不能为负数：{value}", "{label} must not be negative: {value}"),
})


class SchemeKind(enum.StrEnum):
    SPLIT = "split"  # fixed shares per party (germany, pudong, city splits)
    POOL = "pool"  # the pool's parties pay while the pool lasts, the residual party the rest (kejizhixing)
    GUARANTEE_INSURED = "guarantee_insured"  # a guarantor pays the bank, an insurer reimburses part of it
    CAPP = "capp"  # a committed buyer takes the IP at a guaranteed price; the lender bears the rest


@dataclass(frozen=True)
class Share:
    """One party's part of a loss.

    Attributes:
        party: the key the party appears under (``finance``, ``bank`` …).
        principal, interest: per cent of the principal loss and of the interest loss.
        cap: the most this party bears in one case (yuan), or ``None``.
        from_pool: paid out of the scheme's pool balance (a compensation fund).
    """

    party: str
    principal: Decimal
    interest: Decimal
    cap: Decimal | None = None
    from_pool: bool = False


@dataclass(frozen=True)
class Scheme:
    """A loss-sharing scheme.

    Attributes:
        residual: the party that bears what the caps and the pool leave over (the lender, usually) and
            any share under 100 %; ``None``: a loss the others cannot bear is refused.
        guaranteed_price: the CAPP price a committed buyer pays (kind ``capp``).
        params: the parameters the scheme was built from (for display and storage).
    """

    name: str
    kind: SchemeKind
    shares: tuple[Share, ...]
    residual: str | None = None
    guaranteed_price: Decimal | None = None
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def parties(self) -> tuple[str, ...]:
        return tuple(s.party for s in self.shares)

    @property
    def has_pool(self) -> bool:
        return any(s.from_pool for s in self.shares)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind.value, "residual": self.residual,
                "guaranteed_price": None if self.guaranteed_price is None else str(self.guaranteed_price),
                "shares": [{"party": s.party, "principal": str(s.principal), "interest": str(s.interest),
                            "cap": None if s.cap is None else str(s.cap), "from_pool": s.from_pool}
                           for s in self.shares]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Scheme:
        def dec(v: Any) -> Decimal | None:
            return None if v is None else Decimal(str(v))

        shares = tuple(Share(s["party"], Decimal(str(s["principal"])), Decimal(str(s["interest"])), dec(s.get("cap")),
                             bool(s.get("from_pool"))) for s in data["shares"])
        return check(cls(data["name"], SchemeKind(data["kind"]), shares, data.get("residual"),
                         dec(data.get("guaranteed_price"))))


def check(scheme: Scheme) -> Scheme:
    """``scheme`` if its shares make sense; shares over 100 % are refused.

    Raises:
        ValidationError: a share outside 0–100 %, shares over 100 % (or under without a residual party),
            a party twice, a residual party not in the scheme.
    """
    problems: list[Problem] = []
    if not scheme.shares:
        problems.append(Problem("funds.no_parties", "scheme"))
    seen: set[str] = set()
    for s in scheme.shares:
        if s.party in seen:
            problems.append(Problem("funds.duplicate_party", "scheme", {"party": s.party}))
        seen.add(s.party)
        for value in (s.principal, s.interest):
            if not Decimal(0) <= value <= HUNDRED:
                problems.append(Problem("funds.share_range", "scheme", {"party": s.party, "value": str(value)}))
        if s.cap is not None and s.cap < 0:
            problems.append(Problem("funds.negative", "scheme", {"label": f"{s.party} 上限", "value": str(s.cap)}))
    if scheme.residual is not None and scheme.residual not in seen:
        problems.append(Problem("funds.residual_unknown", "scheme", {"party": scheme.residual}))
    for what, what_en, total in (("本金损失", "principal loss", sum((s.principal for s in scheme.shares), Decimal(0))),
                                 ("利息损失", "interest loss", sum((s.interest for s in scheme.shares), Decimal(0)))):
        params = {"what": what, "what_en": what_en, "total": str(total.normalize())}
        if total > HUNDRED:
            problems.append(Problem("funds.shares_over", "scheme", params))
        elif total < HUNDRED and scheme.residual is None and scheme.kind is not SchemeKind.CAPP:
            problems.append(Problem("funds.shares_under", "scheme", params))
    if problems:
        raise ValidationError(problems)
    return scheme


def _pct(text: str) -> Decimal:
    return Decimal(text)


def kejizhixing() -> Scheme:
    """科技之星 (seed 004 §3.1): within the pool, finance 99 % of the principal loss, the bank 1 % of it and
    all the interest; what the pool cannot pay, the bank alone."""
    return check(Scheme("kejizhixing", SchemeKind.POOL, (
        Share("finance", _pct("99"), _pct("0"), from_pool=True),
        Share("bank", _pct("1"), _pct("100")),
    ), residual="bank"))


def germany() -> Scheme:
    """Seed 000: the state bears 65 % of the loss (federal 39 %, state 26 %), the bank 7 %, the guarantee
    bank 28 % (the paper's "1:5" between bank and guarantor contradicts its own figures: the figures win)."""
    return check(Scheme("germany", SchemeKind.SPLIT, tuple(
        Share(party, _pct(p), _pct(p)) for party, p in (("federal", "39"), ("state", "26"), ("bank", "7"),
                                                        ("guarantor", "28"))
    )))


PUDONG_RANGE = (Decimal(95), Decimal(99))
PUDONG_DEFAULT = Decimal(95)


def pudong(fund_percent: Decimal = PUDONG_DEFAULT) -> Scheme:
    """Pudong (DOMAIN.md §11): the government fund 95–99 % of the loss, the bank the rest. The fund is a
    pool: a claim over its balance is refused (nobody else steps in)."""
    low, high = PUDONG_RANGE
    if not low <= fund_percent <= high:
        raise ValidationError(Problem("funds.pudong_range", "scheme", {"value": str(fund_percent)}))
    return check(Scheme("pudong", SchemeKind.SPLIT, (
        Share("fund", fund_percent, fund_percent, from_pool=True),
        Share("bank", HUNDRED - fund_percent, HUNDRED - fund_percent),
    ), params={"fund_percent": str(fund_percent)}))


def city(name: str, shares: dict[str, Decimal], *, pool_party: str | None = None,
         residual: str | None = None) -> Scheme:
    """A city's own split (e.g. fund : bank = 7 : 3, or fund : insurer : bank 4 : 3 : 3), the same per cent
    of principal and interest loss; ``pool_party`` pays out of the pool balance."""
    return check(Scheme(name, SchemeKind.SPLIT, tuple(
        Share(party, pct, pct, from_pool=party == pool_party) for party, pct in shares.items()
    ), residual=residual))


def guarantee_insured(coverage: Decimal, reimbursement: Decimal, name: str = "guarantee_insured") -> Scheme:
    """Japan's credit guarantee associations, Korea's technology guarantee fund (seed 000 §5): the guarantor
    pays the bank ``coverage`` % of the loss and an insurer reimburses ``reimbursement`` % of that payment;
    the bank keeps the uncovered rest."""
    for value in (coverage, reimbursement):
        if not Decimal(0) <= value <= HUNDRED:
            raise ValidationError(Problem("funds.bad_param", "scheme", {"name": name, "value": str(value)}))
    insurer = coverage * reimbursement / HUNDRED
    return check(Scheme(name, SchemeKind.GUARANTEE_INSURED, (
        Share("guarantor", coverage - insurer, coverage - insurer),
        Share("insurer", insurer, insurer),
        Share("bank", HUNDRED - coverage, HUNDRED - coverage),
    ), residual="bank", params={"coverage": str(coverage), "reimbursement": str(reimbursement)}))


def capp(guaranteed_price: Decimal, name: str = "capp") -> Scheme:
    """The US company-led model (seed 000 §5): a committed buyer takes the IP at ``guaranteed_price`` on
    default, so it bears the loss up to what that price exceeds the proceeds; the lender the rest."""
    if guaranteed_price < 0:
        raise ValidationError(Problem("funds.negative", "scheme",
                                      {"label": "保证收购价", "value": str(guaranteed_price)}))
    return check(Scheme(name, SchemeKind.CAPP, (Share("buyer", Decimal(0), Decimal(0)),
                                                Share("bank", HUNDRED, HUNDRED)),
                        residual="bank", guaranteed_price=guaranteed_price,
                        params={"guaranteed_price": str(guaranteed_price)}))


#: The parties' names as documents and screens show them (a city's own party keys show as typed).
PARTY_LABELS: dict[str, tuple[str, str]] = {
    "finance": ("财政资金", "public finance"), "bank": ("贷款银行", "bank"),
    "federal": ("联邦政府", "federal government"),
    "state": ("州政府", "state government"), "guarantor": ("担保机构", "guarantor"), "fund": ("风险补偿基金", "fund"),
    "insurer": ("保险公司", "insurer"), "buyer": ("约定收购方", "committed buyer"), "lender": ("贷款人", "lender"),
}


def party_label(party: str, lang: str = "zh") -> str:
    label = PARTY_LABELS.get(party)
    return party if label is None else label[0 if lang == "zh" else 1]


PRESETS = ("kejizhixing", "germany", "pudong")
NAME_FORMS = ("kejizhixing", "germany", "pudong[:FUND%]", "city:PARTY=PCT,…", "guarantee_insured:COVER%,REIMB%",
              "capp:PRICE")


def parse_scheme(text: str) -> Scheme:
    """A scheme by name: a preset, ``pudong:97``, ``city:fund=70,bank=30``, ``guarantee_insured:80,70``
    or ``capp:600000.00``.

    Raises:
        ValidationError: an unknown name or a bad parameter (``funds.unknown_scheme``, ``funds.bad_param``).
    """
    name, _, arg = text.strip().partition(":")
    name = name.lower()
    try:
        if name == "kejizhixing" and not arg:
            return kejizhixing()
        if name == "germany" and not arg:
            return germany()
        if name == "pudong":
            return pudong(Decimal(arg)) if arg else pudong()
        if name == "city" and arg:
            pairs = [part.split("=") for part in arg.split(",")]
            if any(len(p) != 2 or not p[0].strip() for p in pairs):
                raise ValueError(arg)
            parties = [p[0].strip() for p in pairs]
            if len(set(parties)) != len(parties):
                raise ValidationError(Problem("funds.duplicate_party", "scheme",
                                              {"party": next(p for p in parties if parties.count(p) > 1)}))
            return city("city", {p[0].strip(): Decimal(p[1]) for p in pairs})
        if name == "guarantee_insured" and arg:
            cover, reimb = arg.split(",")
            return guarantee_insured(Decimal(cover), Decimal(reimb))
        if name == "capp" and arg:
            return capp(Decimal(arg))
    except (InvalidOperation, ValueError):
        raise ValidationError(Problem("funds.bad_param", "scheme", {"name": name, "value": arg})) from None
    raise ValidationError(Problem("funds.unknown_scheme", "scheme", {"name": text, "known": ", ".join(NAME_FORMS)}))
