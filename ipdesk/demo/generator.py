"""A realistic, deterministic demo data set: Chinese firms, banks, agencies and rights of every kind.

``load_demo_data(engine, actor, rights=N, seed=S)`` fills an *empty* register with about N rights and
``max(80, N / 15)`` parties. The rows are a pure function of ``(seed, as_of)`` (``as_of`` defaults to
today; it decides which rights are expired, pending or in the annual-fee late period, so statuses stay
consistent with the calendar). Only ``created_at`` / ``updated_at`` carry the real load time.

What is in it (DOMAIN.md §0, §5–§8):

- Parties: enterprises named 地名 + 字号 + 行业 + 有限公司 / 股份有限公司 with valid USCCs (GB 32100 check
  character, and a GB 11714 check on the organisation code) registered in real Jiangsu, Zhejiang, Guangdong,
  Beijing and Sichuan divisions; bank branches (中国银行股份有限公司镇江分行 …), guarantee agencies,
  insurers, evaluators, IP agencies, a few universities, individuals (resident ID with its ISO 7064 check)
  and foreign parties (registration number, no USCC).
- Rights: inventions, utility models and designs with valid 12-digit numbers (and some pre-2003 8-digit
  ones, now expired), PCT national-phase inventions, trademarks with Nice classes and similarity groups
  (including same-owner similar marks, for the bundling rule), software and work copyrights with an
  explicit expiry; titles composed from technical term lists; about 10 % co-owned with shares summing to
  100; statuses pending / in force / late period / terminated / invalidated / expired, and the flags
  (invalidation requested, ownership dispute, court preservation); IPC main classes and bound products.
  Expiry dates come from :func:`ipdesk.domain.registry.terms.compute_expiry`.

The load is a bulk path: Core ``insert()`` executemany in chunks inside one transaction (so memory stays
flat at a million rights), with the secondary indexes and the full-text triggers set aside and rebuilt at
the end, and one audit entry (``demo.load``) for the whole load.
"""

from __future__ import annotations

import dataclasses

import bisect
import gc
import itertools
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text

from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.messages import register
from ipdesk.domain.registry.names import name_key
from ipdesk.domain.registry.identifiers.patent import patent_check_digit
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import Problem, RuleRefusal
from ipdesk.domain.registry.rights import RightKind
from ipdesk.domain.registry.terms import add_years, compute_expiry
from ipdesk.domain.shared.textsearch import index_document
from ipdesk.domain.registry.identifiers.uscc import uscc_check_char
from ipdesk.services import audit
from ipdesk.services.uow import collect_changes, note_all, transaction
from ipdesk.storage.registry import search
from ipdesk.storage.schema import PartyRow, RightOwnerRow, RightRow, RightSearchRow

register(
    {
        "demo.not_empty": (
            "登记簿中已有 {rights} 项权利、{parties} 个当事人：演示数据只能载入空数据库",
            ("the register already holds {rights} rights and {parties} parties: demo data loads only into an "
             "empty database"),
        ),
        "demo.cancelled": ("已取消载入演示数据，未写入任何数据", "demo data loading cancelled; nothing was written"),
        "demo.size": (
            "演示数据的权利数量应在 1–{max} 之间：{value}",
            "the number of demo rights must be 1-{max}: {value}",
        ),
    }
)
from ipdesk.demo.vocabulary import (  # the generator's word lists
    CITIES,
    CITY_WEIGHTS,
    ROADS,
    BRAND_CHARS,
    BRAND_POOL,
    INDUSTRIES,
    INDUSTRY_WEIGHTS,
    TOPICS,
    TOPIC_KEYS,
    UM_QUALIFIERS,
    DESIGN_VARIANTS,
    SOFT_VERSIONS,
    WORK_TITLES,
    WORK_CATEGORIES,
    SURNAMES,
    GIVEN,
    BANKS,
    PROVINCIAL_BANKS,
    INSURERS,
    UNIVERSITIES,
    FOREIGN,
    FOREIGN_FORMS,
    FOREIGN_WORDS,
    FOREIGN_TRADES,
)

MAX_RIGHTS = 5_000_000
CHUNK = 10_000
OWNER_SEPARATOR = "；"  # as in ipdesk.services.registry.rights
ProgressFn = Callable[[int, int], Any]


@dataclass(frozen=True)
class DemoSummary:
    """What a load wrote."""

    seed: int
    as_of: date
    rights: int
    parties: int
    owner_links: int
    co_owned: int
    by_kind: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    parties_by_kind: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    pledges: dict[str, int] = field(default_factory=dict)
    #: What the load changed: rights and parties in bulk, the demo pledges, the audit log.
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "pledges": dict(self.pledges),
            "seed": self.seed, "as_of": self.as_of.isoformat(), "rights": self.rights, "parties": self.parties,
            "owner_links": self.owner_links, "co_owned": self.co_owned, "by_kind": dict(self.by_kind),
            "by_status": dict(self.by_status), "parties_by_kind": dict(self.parties_by_kind),
            "seconds": round(self.seconds, 2),
        }


# ---------------------------------------------------------------------------------------------------
# Identifier helpers (demo side: the validators live in ipdesk.domain).
_ORG_VALUES = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_USCC_BODY_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def org_code_check(first8: str) -> str:
    """GB 11714 check character of an organisation code: 11 - Σ value·weight mod 11; 10 → X, 11 → 0."""
    c = 11 - sum(_ORG_VALUES[ch] * w for ch, w in zip(first8, _ORG_WEIGHTS, strict=True)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def resident_id(region: str, born: date, serial: int) -> str:
    """An 18-digit resident ID number with its ISO 7064 MOD 11-2 check character."""
    body = f"{region}{born:%Y%m%d}{serial % 1000:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]


def _date_between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max(1, (end - start).days + 1)))


def _same_day_in_year(year: int, month: int, day: int) -> date:
    return date(year, month, 28 if (month, day) == (2, 29) else day)


# ---------------------------------------------------------------------------------------------------
class _Generator:
    """Everything is drawn from one ``random.Random(seed)`` in a fixed order, so the output depends only on
    ``(seed, as_of, rights)`` and not on the chunk size."""

    def __init__(self, seed: int, as_of: date, n_rights: int, stamp: datetime):
        self.seed = seed
        self.rng = random.Random(seed)
        rand = self.rng.random
        # Faster than Random.choice / randint (no rejection sampling); equally deterministic.
        self.pick: Callable[[Any], Any] = lambda seq: seq[int(rand() * len(seq))]
        self.randint: Callable[[int, int], int] = lambda a, b: a + int(rand() * (b - a + 1))
        self.as_of = as_of
        self.n_rights = n_rights
        self.stamp = stamp
        self.parties: list[dict[str, Any]] = []
        self.party_brand: list[str] = []  # 字号 of each party ("" for none), index = id - 1
        self.party_topics: list[tuple[str, ...]] = []
        self.party_city: list[int] = []
        self._usccs: set[str] = set()
        self._names: set[str] = set()
        self._patent_next: dict[tuple[int, str, int], int] = {}
        self._mark_next: dict[int, int] = {}
        self._marks_used: set[int] = set()
        self._madrid: set[str] = set()
        self._soft_next: dict[int, int] = {}
        self._work_next: dict[tuple[str, int], int] = {}
        self.kinds: Counter[str] = Counter()
        self.statuses: Counter[str] = Counter()
        self.co_owned = 0
        self.owner_links = 0

    # --- parties --------------------------------------------------------------------------------
    def _city(self) -> int:
        return self.rng.choices(range(len(CITIES)), CITY_WEIGHTS)[0]

    def _uscc(self, authority: str, region: str) -> str:
        rng = self.rng
        while True:
            if authority == "91" and rng.random() < 0.75:  # codes issued since 2015: MA + 6 symbols + check
                org8 = "MA" + "".join(self.pick(_USCC_BODY_CHARS) for _ in range(6))
            else:  # older organisation codes: 8 digits + check
                org8 = f"{rng.randrange(10_000_000, 99_999_999):08d}"
            org = org8 + org_code_check(org8)
            if any(c not in _USCC_BODY_CHARS for c in org):  # the check may be X: allowed; I/O/Z/S/V are not
                continue
            body = authority + region + org
            code = body + uscc_check_char(body)
            if code not in self._usccs:
                self._usccs.add(code)
                return code

    def _person(self) -> str:
        return self.pick(SURNAMES) + "".join(self.pick(GIVEN) for _ in range(self.pick((1, 2, 2))))

    def _address(self, city: int) -> tuple[str, str]:
        code, name, province, _area, districts = CITIES[city]
        rng = self.rng
        region, district = self.pick(districts) if districts else (code, "")
        town = name + ("" if name == "北京" else "市")
        prefix = "" if province == "北京市" else province
        return region, f"{prefix}{town}{district}{self.pick(ROADS)}{rng.randrange(1, 400)}号"

    def _phone(self, city: int) -> str:
        area = CITIES[city][3]
        digits = 8 if len(area) == 3 or area in ("0512", "0510", "0571", "0574", "0755", "0757", "0769") else 7
        return f"{area}-{self.rng.randrange(2, 9)}{self.rng.randrange(10 ** (digits - 1)):0{digits - 1}d}"

    def _unique(self, make: Callable[[], str]) -> str:
        for _ in range(50):
            name = make()
            if name not in self._names:
                self._names.add(name)
                return name
        n = 2
        while True:  # exhausted combinations: number the branch / firm, as registries do
            name = f"{make()}{n}"
            if name not in self._names:
                self._names.add(name)
                return name
            n += 1

    def _add_party(self, kind: str, name: str, *, uscc: str | None, id_number: str = "", city: int,
                   brand: str = "", topics: tuple[str, ...] = (), region: str | None = None,
                   address: str | None = None) -> None:
        reg, addr = self._address(city)
        self.parties.append({
            "id": len(self.parties) + 1, "kind": kind, "name": name, "name_key": name_key(name), "uscc": uscc,
            "id_number": id_number, "address": addr if address is None else address,
            "contact": self._person() if kind not in ("individual", "foreign") else "",
            "phone": self._phone(city) if kind != "foreign" else "",
            "region": reg if region is None else region, "notes": "",
            "created_at": self.stamp, "updated_at": self.stamp, "version": 1,
        })
        self.party_brand.append(brand)
        self.party_topics.append(topics or (self.pick(TOPIC_KEYS),))
        self.party_city.append(city)

    def make_parties(self, total: int) -> None:
        rng = self.rng
        n_bank = max(len(BANKS) + 1, total * 2 // 100)
        n_guarantee = max(4, total // 100)
        n_insurer = max(3, total // 200)
        n_evaluator = max(3, total // 200)
        n_agency = max(3, total // 100)
        n_univ = min(len(UNIVERSITIES), max(4, total // 20))
        n_individual = max(4, total * 6 // 100)
        n_foreign = max(3, total * 2 // 100)
        n_enterprise = max(10, total - n_bank - n_guarantee - n_insurer - n_evaluator - n_agency - n_univ
                           - n_individual - n_foreign)
        for i in range(n_bank):
            city = self._city() if i >= len(CITIES) else i  # every city gets at least a branch
            code, cname, province, _a, districts = CITIES[city]

            def bank_name(i: int = i, cname: str = cname, province: str = province,
                          districts: list[tuple[str, str]] = districts) -> str:
                town = cname + ("市" if cname == "北京" else "")
                if i < len(BANKS):  # the big banks' city branches first: 中国银行股份有限公司镇江分行 …
                    return f"{BANKS[i][0]}{town}分行"
                if i == len(BANKS):
                    return "江苏银行股份有限公司镇江分行"
                pool = BANKS + [(b, "分行") for b in PROVINCIAL_BANKS.get(province, [])]
                head, unit = self.pick(pool)
                if cname == "镇江" and rng.random() < 0.1:
                    return "江苏镇江农村商业银行股份有限公司" + (self.pick(districts)[1][:2] + "支行" if rng.random() < 0.7 else "")
                if districts and rng.random() < 0.5:
                    return f"{head}{cname}{self.pick(districts)[1].removesuffix('区').removesuffix('市')}支行"
                return f"{head}{town}{unit}"
            self._add_party("bank", self._unique(bank_name), uscc=self._uscc("91", code), city=city)
        for _ in range(n_guarantee):
            city = self._city()
            cname, province = CITIES[city][1], CITIES[city][2]

            def guarantee_name(cname: str = cname, province: str = province) -> str:
                r = rng.random()
                if r < 0.3:
                    return f"{cname}市科技融资担保有限公司" if cname != "北京" else "北京市科技融资担保有限公司"
                if r < 0.4:
                    return f"{province}信用再担保集团有限公司" if province != "北京市" else "北京市融资担保有限公司"
                return f"{cname}{self._brand()}融资担保有限公司"

            self._add_party("guarantee", self._unique(guarantee_name), uscc=self._uscc("91", CITIES[city][0]),
                            city=city)
        for _ in range(n_insurer):
            city = self._city()
            cname = CITIES[city][1]
            def insurer_name(cname: str = cname) -> str:
                return f"{self.pick(INSURERS)}{cname}{'' if cname == '北京' else '市'}分公司"
            self._add_party("insurer", self._unique(insurer_name), uscc=self._uscc("91", CITIES[city][0]),
                            city=city)
        for _ in range(n_evaluator):
            city = self._city()
            cname = CITIES[city][1]
            def evaluator_name(cname: str = cname) -> str:
                return f"{cname}{self._brand()}资产评估{self.pick(['有限公司', '事务所（普通合伙）', '有限责任公司'])}"
            self._add_party("evaluator", self._unique(evaluator_name), uscc=self._uscc("91", CITIES[city][0]),
                            city=city)
        for _ in range(n_agency):
            city = self._city()
            cname = CITIES[city][1]
            def agency_name(cname: str = cname) -> str:
                return f"{cname}{self._brand()}{self.pick(['专利代理事务所（普通合伙）', '知识产权代理有限公司', '商标事务所有限公司'])}"
            self._add_party("agency", self._unique(agency_name), uscc=self._uscc("91", CITIES[city][0]),
                            city=city)
        for name, region in UNIVERSITIES[:n_univ]:
            city = next(i for i, c in enumerate(CITIES) if c[0] == region)
            self._names.add(name)
            self._add_party("institution", name, uscc=self._uscc("12", CITIES[city][0][:2] + "0000"), city=city,
                            topics=tuple(rng.sample(TOPIC_KEYS, 4)))
        for _ in range(n_individual):
            city = self._city()
            born = _date_between(rng, date(1955, 1, 1), date(1998, 12, 31))
            reg = self.pick(CITIES[city][4])[0] if CITIES[city][4] else CITIES[city][0]
            self._add_party("individual", self._person(), uscc=None, id_number=resident_id(reg, born, rng.randrange(1000)),
                            city=city, region=reg)
        for i in range(n_foreign):
            city = self._city()
            if i < len(FOREIGN):
                name, country, pattern = FOREIGN[i]
            else:
                name = self._unique(lambda: f"{self.pick(FOREIGN_WORDS)}{self.pick(FOREIGN_WORDS).lower()} "
                                            f"{self.pick(FOREIGN_TRADES)} {self.pick(FOREIGN_FORMS)}")
                country, pattern = self.pick([("DE", "HRB {n}"), ("JP", "0100-01-{n}"), ("US", "C{n}"),
                                               ("KR", "110111-{n}"), ("GB", "{n}")])
            self._names.add(name)
            self._add_party("foreign", name, uscc=None, id_number=f"{country} " + pattern.format(n=rng.randrange(100000, 9999999)),
                            city=city, region="", address=f"{country}（境外）")
        for _ in range(n_enterprise):
            city = self._city()
            cname, province = CITIES[city][1], CITIES[city][2]
            industry, topics = rng.choices(INDUSTRIES, INDUSTRY_WEIGHTS)[0]
            brand = self._brand()
            def firm_name(brand: str = brand, industry: str = industry, cname: str = cname, province: str = province) -> str:
                place = province.removesuffix("省").removesuffix("市") if rng.random() < 0.25 else cname
                form = "股份有限公司" if rng.random() < 0.15 else "有限公司"
                group = "集团" if rng.random() < 0.04 else ""
                return f"{place}{brand}{industry}{group}{form}"
            name = self._unique(firm_name)
            self._add_party("enterprise", name, uscc=self._uscc("91", CITIES[city][0]), city=city, brand=brand,
                            topics=topics)
        # Owners of rights: enterprises mostly, a few universities, individuals and foreign firms.
        ids_by_kind: dict[str, list[int]] = {}
        for p in self.parties:
            ids_by_kind.setdefault(p["kind"], []).append(p["id"])
        self.enterprises = ids_by_kind.get("enterprise", [])
        self.universities = ids_by_kind.get("institution", [])
        self.individuals = ids_by_kind.get("individual", [])
        self.foreigners = ids_by_kind.get("foreign", [])
        self.banks = ids_by_kind.get("bank", [])
        self.foreign_ids = frozenset(self.foreigners)

    def _brand(self) -> str:
        a, b = self.rng.sample(BRAND_POOL, 2)
        return a + b

    # --- numbers --------------------------------------------------------------------------------
    def _serial(self, table: dict[Any, int], key: Any, start: int, gap: int) -> int:
        value = table.get(key, start) + self.randint(1, gap)
        table[key] = value
        return value

    def _patent_number(self, filing: date, type_digit: str) -> tuple[str, str]:
        year = filing.year
        if filing >= _NEW_NUMBERS:  # ZC 0006-2003: YYYY + type + 7-digit serial
            gap = max(1, min(20_000, 80_000_000 // self.n_rights))
            key = (year, type_digit, 12)
            if key not in self._patent_next:  # each year's serials start somewhere in its first 300 000
                self._patent_next[key] = self.randint(1, 300_000)
            serial = self._serial(self._patent_next, key, 0, gap)
            if serial >= 10_000_000:
                raise OverflowError("patent serials exhausted")  # cannot happen below MAX_RIGHTS
            body = f"{year}{type_digit}{serial:07d}"
        else:  # before 2003-10-01: YY + type + 5-digit serial
            gap = max(1, min(20, 2_000_000 // self.n_rights))
            serial = self._serial(self._patent_next, (year, type_digit, 8), 0, gap)
            if serial >= 100_000:
                raise OverflowError("patent serials exhausted")
            body = f"{year % 100:02d}{type_digit}{serial:05d}"
        check = patent_check_digit(body)
        return body + check, f"ZL {body}.{check}"

    def _mark_number(self, year: int) -> str:
        # Registration numbers grow with time: about 4 million in 2005, 16 million in 2015, 75 million in 2024.
        points = [(1995, 800_000), (2000, 1_400_000), (2005, 4_000_000), (2010, 8_000_000), (2015, 16_000_000),
                  (2018, 30_000_000), (2020, 45_000_000), (2022, 60_000_000), (2024, 75_000_000),
                  (2026, 85_000_000), (2030, 95_000_000)]
        year = min(max(year, points[0][0]), points[-1][0])
        (y0, v0), (y1, v1) = next((a, b) for a, b in itertools.pairwise(points) if a[0] <= year <= b[0])
        start = v0 + (v1 - v0) * (year - y0) // (y1 - y0)
        gap = max(1, min(200, 40_000_000 // self.n_rights))
        value = self._serial(self._mark_next, year, start, gap)
        while value in self._marks_used:  # another year's range ran into this one
            value += 1
        if value > 99_999_999:
            raise OverflowError("trademark numbers exhausted")
        self._marks_used.add(value)
        self._mark_next[year] = value
        return str(value)

    # --- rights -----------------------------------------------------------------------------------
    def _owner_for(self, kind: RightKind) -> int:
        rng = self.rng
        r = rng.random()
        if kind.is_patent and r < 0.05 and self.universities:
            return self.pick(self.universities)
        if r < 0.10 and kind in (RightKind.UTILITY_MODEL, RightKind.DESIGN) and self.individuals:
            return self.pick(self.individuals)
        if r > 0.985 and self.foreigners and not kind.is_copyright:
            return self.pick(self.foreigners)
        ents = self.enterprises
        return ents[int(len(ents) * rng.random() ** 2.2)]  # a few firms own many rights

    def _topic(self, party_id: int) -> dict[str, list[Any]]:
        return TOPICS[self.pick(self.party_topics[party_id - 1])]

    def _invention_title(self, t: dict[str, list[Any]]) -> str:
        rng = self.rng
        r = rng.random()
        if "mat" in t and (r < 0.6 or "obj" not in t):
            return f"一种{self.pick(t['mat'])}{self.pick(t['mact'])}"
        if r < 0.8 and "obj" in t:
            pre = self.pick(t["pre"])
            return f"{pre}{self.pick(t['obj'])}{self.pick(t['act'])}" if pre != "一种" or rng.random() < 0.5 \
                else f"{self.pick(t['obj'])}{self.pick(t['act'])}"
        return f"一种用于{self.pick(t['prod'])}的{self.pick(t['dev'])}"

    def _um_title(self, t: dict[str, list[Any]]) -> str:
        rng = self.rng
        q = self.pick(UM_QUALIFIERS)
        if rng.random() < 0.2:
            return f"一种{self.pick(t['prod'])}用{q}{self.pick(t['dev'])}"
        return f"一种{q}{self.pick(t['dev'])}"

    def _flags(self, status: str) -> tuple[bool, bool, bool]:
        if status not in ("in_force", "late_fee"):
            return False, False, False
        rng = self.rng
        return rng.random() < 0.02, rng.random() < 0.006, rng.random() < 0.008

    def _base(self, rid: int, kind: RightKind, number: str, display: str, title: str) -> dict[str, Any]:
        return {
            "id": rid, "kind": kind.value, "number": number, "display_number": display, "title": title,
            "legal_status": "in_force", "filing_date": None, "grant_date": None, "registration_date": None,
            "publication_date": None, "expiry_date": None, "term_extension_days": 0, "renewals": 0,
            "invalidation_requested": False, "ownership_dispute": False, "court_preservation": False,
            "nice_classes": "", "similarity_group": "", "ipc_main": "", "product": "", "same_day_twin": "",
            "owner_names": "", "notes": "", "created_at": self.stamp, "updated_at": self.stamp, "version": 1,
        }

    def _patent(self, rid: int, kind: RightKind, owner: int, *, filing: date | None = None,
                title: str | None = None, pct: bool = False) -> dict[str, Any]:
        rng = self.rng
        as_of = self.as_of
        t = self._topic(owner)
        shift_ok = filing is None  # a same-day twin keeps the given filing date
        old = filing is None and rng.random() < 0.03  # pre-2003-10 8-digit numbers: long expired
        if filing is None:
            if old:
                filing = _date_between(rng, date(1993, 1, 1), date(2003, 9, 30))
            else:
                # Pledged patents are mostly granted: few are filed so recently that they are still pending.
                years_back = min(20.5, 1.6 + rng.expovariate(1 / 5)) if kind is RightKind.INVENTION \
                    else min(9.8 if kind is RightKind.UTILITY_MODEL else 14, 0.6 + rng.expovariate(1 / 3.2))
                filing = max(_NEW_NUMBERS, as_of - timedelta(days=int(years_back * 365.25) + 30))
        status_draw = rng.random()
        grant_delay = self.randint(*_GRANT_DELAY[kind])
        if status_draw < 0.03 and not old and shift_ok:
            # In the 6-month late period: the last anniversary (the fee's due date) passed 10-170 days ago.
            due = as_of - timedelta(days=self.randint(10, 170))
            shifted = _same_day_in_year(min(filing.year, due.year - 1), due.month, due.day)
            if shifted >= _NEW_NUMBERS:
                filing = shifted
        type_digit = "8" if pct else _TYPE_DIGIT[kind]
        number, display = self._patent_number(filing, type_digit)
        title = title or (self._invention_title(t) if kind is RightKind.INVENTION else self._um_title(t)
                          if kind is RightKind.UTILITY_MODEL else self.pick(t["design"]) + self.pick(DESIGN_VARIANTS))
        row = self._base(rid, kind, number, display, title)
        grant = filing + timedelta(days=grant_delay)
        ext = 0
        if kind is RightKind.INVENTION and grant >= _PTA_FROM and (grant - filing).days > 4 * 365 \
                and rng.random() < 0.3:
            ext = self.randint(20, 400)  # patent term adjustment for examination delay
        expiry = compute_expiry(kind, filing, None, None, ext)
        assert expiry is not None
        if grant > as_of:
            status, grant = "pending", None
            if ext:  # no grant yet, so no term adjustment either
                ext = 0
                expiry = compute_expiry(kind, filing, None, None, 0)
                assert expiry is not None
        elif expiry < as_of:
            status = "expired"
        elif status_draw < 0.03 and as_of - timedelta(days=183) <= _last_anniversary(filing, as_of) < as_of \
                and grant < _last_anniversary(filing, as_of):
            status = "late_fee"
        elif status_draw < 0.09:
            status = "terminated"
        elif status_draw < 0.10:
            status = "invalidated"
        else:
            status = "in_force"
        pub = None
        if kind is RightKind.INVENTION:
            pub = filing + timedelta(days=self.randint(90, 560))
            pub = None if pub > as_of else pub if grant is None else min(pub, grant)
        else:
            pub = grant
        row["legal_status"], row["filing_date"], row["grant_date"] = status, filing, grant
        row["publication_date"], row["expiry_date"], row["term_extension_days"] = pub, expiry, ext
        row["ipc_main"] = "" if kind is RightKind.DESIGN else self.pick(t["ipc"])
        row["product"] = self.pick(t["prod"]) if rng.random() < 0.55 else ""
        row["invalidation_requested"], row["ownership_dispute"], row["court_preservation"] = self._flags(status)
        return row

    def _trademark(self, rid: int, owner: int, *, name: str | None = None, classes: list[int] | None = None,
                   year: int | None = None, madrid: bool = False) -> dict[str, Any]:
        rng = self.rng
        as_of = self.as_of
        t = self._topic(owner)
        if year is None:
            years_back = min(25, 0.9 + rng.expovariate(1 / 7))
            filing = as_of - timedelta(days=int(years_back * 365.25) + 60)
        else:
            filing = _date_between(rng, date(year, 1, 1), date(year, 12, 31))
        filing = max(filing, date(1995, 1, 1))
        reg = filing + timedelta(days=self.randint(240, 420))
        brand = self.party_brand[owner - 1] or self._brand()
        if name is None:
            r = rng.random()
            pinyin = "".join(BRAND_CHARS.get(c, "") for c in brand).upper()
            name = brand if r < 0.45 else f"{brand}及图" if r < 0.6 else pinyin if r < 0.75 else \
                f"{brand}{pinyin}" if r < 0.85 else self._brand() + self.pick(["", "及图"])
        if classes is None:
            pool = t["nice"]
            classes = sorted(set(rng.sample(pool, min(len(pool), self.pick((1, 1, 1, 2, 2, 3))))))
        if madrid:
            number = f"G{rng.randrange(900_000, 1_800_000)}"
            while number in self._madrid:
                number = f"G{int(number[1:]) + 1}"
            self._madrid.add(number)
        else:
            number = self._mark_number(reg.year)
        row = self._base(rid, RightKind.TRADEMARK, number, number, name)
        if reg > as_of:
            status, reg_date, renewals, expiry = "pending", None, 0, None
        else:
            needed = 0
            while compute_expiry(RightKind.TRADEMARK, None, reg, None, 0, needed) < as_of:  # type: ignore[operator]
                needed += 1
            renewed = needed == 0 or rng.random() < 0.85
            renewals = needed if renewed else needed - 1
            expiry = compute_expiry(RightKind.TRADEMARK, None, reg, None, 0, renewals)
            r = rng.random()
            status = "expired" if not renewed else "invalidated" if r < 0.005 else "terminated" if r < 0.015 \
                else "in_force"
            reg_date = reg
        groups = SIMILARITY_GROUPS_BY_CLASS
        group = next((g for c in classes for g in groups.get(c, ())), "")
        row.update(legal_status=status, filing_date=filing, registration_date=reg_date, expiry_date=expiry,
                   renewals=renewals, nice_classes=",".join(str(c) for c in classes), similarity_group=group,
                   product=self.pick(t["prod"]) if rng.random() < 0.3 else "")
        inv, dispute, court = self._flags(status)
        row.update(invalidation_requested=inv, ownership_dispute=dispute, court_preservation=court)
        return row

    def _copyright(self, rid: int, kind: RightKind, owner: int) -> dict[str, Any]:
        rng = self.rng
        as_of = self.as_of
        t = self._topic(owner)
        years_back = min(15, rng.expovariate(1 / 4))
        reg = max(date(2005, 1, 1), as_of - timedelta(days=int(years_back * 365.25) + 20))
        published = reg - timedelta(days=self.randint(20, 400))
        brand = self.party_brand[owner - 1] or self._brand()
        if kind is RightKind.SOFTWARE:
            if reg.year not in self._soft_next:
                self._soft_next[reg.year] = self.randint(10_000, 300_000)
            serial = self._serial(self._soft_next, reg.year, 10_000, max(1, min(60, 1_500_000 // max(1, self.n_rights // 15))))
            number = f"{reg.year}SR{serial:07d}"
            title = f"{brand}{self.pick(t['soft'])}{self.pick(SOFT_VERSIONS)}"
        else:
            region = "国" if rng.random() < 0.7 else self.pick("苏浙粤京川")
            cat = self.pick(WORK_CATEGORIES)
            serial = self._serial(self._work_next, (region, reg.year), 0, max(1, min(300, 40_000_000 // max(1, self.n_rights))))
            number = f"{region}作登字-{reg.year}-{cat}-{serial:08d}"
            city = CITIES[self.party_city[owner - 1]][1]
            title = self.pick(WORK_TITLES).format(brand=brand, product=self.pick(t["prod"]), city=city)
        row = self._base(rid, kind, number, number, title)
        # A legal person's work or software: protected until 31 December of the 50th year after first
        # publication (Copyright Law Art. 23); stored explicitly.
        expiry = date(published.year + 50, 12, 31)
        row.update(legal_status="in_force", registration_date=reg, publication_date=published, expiry_date=expiry,
                   product=self.pick(t["prod"]) if rng.random() < 0.3 else "")
        _invalidation, dispute, court = self._flags("in_force")  # no invalidation procedure for copyrights
        row.update(ownership_dispute=dispute, court_preservation=court)
        return row

    def _co_owners(self, kind: RightKind, first: int) -> list[tuple[int, Decimal]]:
        rng = self.rng
        if rng.random() >= 0.10 or first in self.foreign_ids:
            return [(first, Decimal(100))]
        n = 2 if rng.random() < 0.85 else 3
        owners = [first]
        while len(owners) < n:
            r = rng.random()
            other = self.pick(self.universities) if (r < 0.3 and kind.is_patent and self.universities) else \
                self.pick(self.enterprises) if r < 0.9 or not self.individuals else self.pick(self.individuals)
            if other not in owners:
                owners.append(other)
        splits = {2: [("50", "50"), ("60", "40"), ("70", "30"), ("51", "49"), ("80", "20")],
                  3: [("40", "30", "30"), ("34", "33", "33"), ("50", "25", "25"), ("33.34", "33.33", "33.33")]}
        shares = self.pick(splits[n])
        return [(o, Decimal(s)) for o, s in zip(owners, shares, strict=True)]

    def rights(self) -> Iterator[tuple[dict[str, Any], list[tuple[int, Decimal]]]]:
        """Every right with its owners, in id order."""
        rng = self.rng
        kinds = [RightKind.INVENTION, RightKind.UTILITY_MODEL, RightKind.DESIGN, RightKind.TRADEMARK,
                 RightKind.SOFTWARE, RightKind.COPYRIGHT]
        cum = list(itertools.accumulate([30, 32, 8, 20, 7, 3]))
        rid = 0
        n = self.n_rights
        # Make sure every kind appears even in a tiny data set.
        forced = list(kinds) if n >= len(kinds) else []
        while rid < n:
            kind = forced.pop(0) if forced else kinds[bisect.bisect(cum, rng.random() * cum[-1])]
            owner = self._owner_for(kind)
            extra: list[tuple[dict[str, Any], list[tuple[int, Decimal]]]] = []
            if kind.is_patent:
                pct = kind is RightKind.INVENTION and (owner in self.foreign_ids or rng.random() < 0.01)
                row = self._patent(rid + 1, kind, owner, pct=pct)
                if kind is RightKind.INVENTION and not pct and row["filing_date"] >= _NEW_NUMBERS \
                        and rng.random() < 0.02 and rid + 2 <= n:
                    # The same applicant's same-day utility model (专利法 Art. 9): the twin of the invention.
                    um = self._patent(rid + 2, RightKind.UTILITY_MODEL, owner, filing=row["filing_date"],
                                      title=_um_twin_title(row["title"]))
                    um["same_day_twin"] = row["number"]
                    row["same_day_twin"] = um["number"]
                    extra.append((um, None))  # type: ignore[arg-type]
            elif kind is RightKind.TRADEMARK:
                madrid = owner in self.foreign_ids
                row = self._trademark(rid + 1, owner, madrid=madrid)
                if not madrid and rng.random() < 0.04 and rid + 2 <= n and row["registration_date"]:
                    # A similar mark of the same owner on similar goods: the bundling rule applies.
                    classes = [int(c) for c in row["nice_classes"].split(",")]
                    twin_classes = _similar_classes(classes, rng)
                    twin = self._trademark(rid + 2, owner, name=_similar_mark(row["title"], rng),
                                           classes=twin_classes, year=row["registration_date"].year)
                    extra.append((twin, None))  # type: ignore[arg-type]
            else:
                row = self._copyright(rid + 1, kind, owner)
            owners = self._co_owners(RightKind(row["kind"]), owner)
            for r, o in [(row, owners)] + [(e, owners if o is None else o) for e, o in extra]:
                rid += 1
                self._finish(r, o)
                yield r, o

    def _finish(self, row: dict[str, Any], owners: list[tuple[int, Decimal]]) -> None:
        row["owner_names"] = OWNER_SEPARATOR.join(self.parties[pid - 1]["name"] for pid, _ in owners)
        self.kinds[row["kind"]] += 1
        self.statuses[row["legal_status"]] += 1
        self.owner_links += len(owners)
        if len(owners) > 1:
            self.co_owned += 1


_NEW_NUMBERS = date(2003, 10, 1)  # ZC 0006-2003: 12-digit application numbers from this day
_PTA_FROM = date(2021, 6, 1)  # patent term adjustment for inventions granted from this day
_GRANT_DELAY = {RightKind.INVENTION: (540, 1500), RightKind.UTILITY_MODEL: (120, 330), RightKind.DESIGN: (100, 300)}
_TYPE_DIGIT = {RightKind.INVENTION: "1", RightKind.UTILITY_MODEL: "2", RightKind.DESIGN: "3"}


def _last_anniversary(filing: date, as_of: date) -> date:
    a = add_years(filing, as_of.year - filing.year)
    return a if a <= as_of else add_years(filing, as_of.year - filing.year - 1)


def _um_twin_title(title: str) -> str:
    for suffix in ("方法及装置", "方法及系统", "方法、装置及存储介质", "方法"):
        if title.endswith(suffix):
            stem = title[: -len(suffix)]
            return (stem if stem.startswith("一种") else "一种" + stem) + "装置"
    return title if title.startswith("一种") else "一种" + title


def _similar_mark(name: str, rng: random.Random) -> str:
    return name + rng.choice(["及图", "优品", "家", "YOU", "+"]) if not name.endswith("及图") else name[:-2]


def _similar_classes(classes: list[int], rng: random.Random) -> list[int]:
    for c in classes:
        for gid in SIMILARITY_GROUPS_BY_CLASS.get(c, ()):
            others = [x for x in SIMILARITY_GROUP_CLASSES[gid] if x != c]
            if others:
                return [rng.choice(others)]
    return list(classes)


# Similarity groups (a copy of resources/data/trademark_similarity.json's ids, kept small and static so the
# demo data does not depend on the office-editable table).
SIMILARITY_GROUP_CLASSES: dict[str, list[int]] = {
    "software": [9, 42], "telecom": [9, 38], "food": [29, 30], "food_catering": [30, 43], "beverages": [32, 33],
    "cosmetics_pharma": [3, 5], "medical": [5, 10], "machines_tools": [7, 8], "publishing": [16, 41],
    "apparel": [18, 25],
}
SIMILARITY_GROUPS_BY_CLASS: dict[int, tuple[str, ...]] = {}
for _gid, _classes in SIMILARITY_GROUP_CLASSES.items():
    for _c in _classes:
        SIMILARITY_GROUPS_BY_CLASS[_c] = SIMILARITY_GROUPS_BY_CLASS.get(_c, ()) + (_gid,)


# ---------------------------------------------------------------------------------------------------
# Bulk load.
_TABLES = ("parties", "rights", "right_owners", "right_search")


def _secondary_indexes(conn: Connection) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the plain indexes on the loaded tables (not those behind constraints)."""
    names = ", ".join(f"'{t}'" for t in _TABLES)
    if conn.dialect.name == "sqlite":
        rows = conn.execute(text(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({names})"
        ))
    else:
        rows = conn.execute(text(
            f"SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
            f"AND i.tablename IN ({names}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            f"WHERE c.conname = i.indexname AND c.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()))"
        ))
    return sorted((str(name), str(sql)) for name, sql in rows)


def _refuse_unless_empty(conn: Connection) -> None:
    rights = int(conn.execute(select(func.count()).select_from(RightRow)).scalar_one())
    parties = int(conn.execute(select(func.count()).select_from(PartyRow)).scalar_one())
    if rights or parties:
        raise RuleRefusal(Problem("demo.not_empty", params={"rights": rights, "parties": parties}))


def _fix_sequences(conn: Connection) -> None:
    """Explicit ids bypass PostgreSQL's sequences: move them past the loaded rows."""
    if conn.dialect.name != "postgresql":
        return
    for table in ("parties", "rights"):
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
        ))


class _BulkInsert:
    """executemany of plain tuples through the DB-API, each column's values converted by SQLAlchemy's own
    bind processors for the dialect (memoised per distinct value: dates, flags and the load timestamp
    repeat), so the stored text is exactly what the ORM writes; about three times faster than Core
    ``insert()`` with dicts. Dialects with another parameter style fall back to Core ``insert()``."""

    def __init__(self, conn: Connection, table: Any):
        dialect = conn.dialect
        self.conn, self.table = conn, table
        names = [c.name for c in table.c]
        mark = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(dialect.paramstyle)
        self.core = mark is None
        q = dialect.identifier_preparer
        self.sql = (f"INSERT INTO {q.format_table(table)} ({', '.join(q.quote(n) for n in names)}) "
                    f"VALUES ({', '.join([mark or '?'] * len(names))})")
        self.convert: list[tuple[str, Callable[[Any], Any] | None, dict[Any, Any]]] = [
            (c.name, c.type.dialect_impl(dialect).bind_processor(dialect), {}) for c in table.c
        ]

    def prepare(self, rows: list[dict[str, Any]]) -> list[Any]:
        if self.core or not rows:
            return rows
        columns = []
        for name, proc, memo in self.convert:
            values = [r[name] for r in rows]
            if proc is not None:
                if len(memo) > 100_000:
                    memo.clear()
                out = []
                for v in values:
                    try:
                        out.append(memo[v])
                    except KeyError:
                        memo[v] = w = proc(v)
                        out.append(w)
                values = out
            columns.append(values)
        return list(zip(*columns, strict=True))

    def write(self, prepared: list[Any]) -> None:
        if not prepared:
            return
        if self.core:
            self.conn.execute(insert(self.table), prepared)
        else:
            self.conn.exec_driver_sql(self.sql, prepared)


class _Documents:
    """``index_document(title, owner_names, product)`` with each field's tokens memoised: titles, owner
    names and products repeat across rights. Identical output (fields are tokenised independently)."""

    def __init__(self) -> None:
        self.memo: dict[str, str] = {}

    def field(self, value: str) -> str:
        doc = self.memo.get(value)
        if doc is None:
            if len(self.memo) > 400_000:
                self.memo.clear()
            doc = self.memo[value] = index_document(value)
        return doc

    def __call__(self, title: str, owner_names: str, product: str) -> str:
        return " ".join(d for d in (self.field(title), self.field(owner_names), self.field(product)) if d)


def load_demo_data(
    engine: Engine,
    actor: Actor,
    *,
    rights: int = 2000,
    seed: int = 2026,
    as_of: date | None = None,
    progress: ProgressFn | None = None,
    chunk: int = CHUNK,
    pledges: int = 0,
) -> DemoSummary:
    """Fill an empty register with a deterministic demo data set; one audit entry for the whole load.

    Args:
        rights: how many rights (parties: ``max(80, rights // 15)``).
        seed: the random seed; the same seed and ``as_of`` give the same rows.
        as_of: the day the data set is "current" on (statuses, late periods, expiry); default today.
        progress: called as ``progress(done, total)`` after each chunk of rights is written (the indexes are
            built after the last chunk); returning True cancels the load and nothing is written.
        pledges: then file that many demo applications through the pledge services (registered, changed,
            cancelled, refused, awaiting correction, pending); each with its own events and audit entries.

    Raises:
        PermissionDenied: the actor may not load demo data.
        RuleRefusal: the register is not empty (``demo.not_empty``), ``rights`` is out of range
            (``demo.size``) or the progress callback cancelled (``demo.cancelled``).
    """
    actor.require(Action.LOAD_DEMO_DATA)
    if not 1 <= rights <= MAX_RIGHTS:
        raise RuleRefusal(Problem("demo.size", "rights", {"max": MAX_RIGHTS, "value": rights}))
    started = time.perf_counter()
    as_of = as_of or date.today()
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived rows: the cyclic collector would rescan the growing heap
    with collect_changes() as seen:  # the bulk load, then one transaction per demo pledge
        try:
            summary = _load(engine, actor, rights, seed, as_of, progress, chunk, started)
        finally:
            if collecting:
                gc.enable()
        if pledges:
            from ipdesk.demo.pledges import add_demo_pledges

            made = add_demo_pledges(engine, actor, seed=seed, as_of=as_of, count=pledges)
            summary = dataclasses.replace(summary, pledges=made, seconds=time.perf_counter() - started)
    return dataclasses.replace(summary, changes=seen.changes)


def _load(engine: Engine, actor: Actor, rights: int, seed: int, as_of: date, progress: ProgressFn | None,
          chunk: int, started: float) -> DemoSummary:
    gen = _Generator(seed, as_of, rights, datetime.now(UTC))
    with transaction(engine) as session:
        conn = session.connection()
        _refuse_unless_empty(conn)
        sqlite = conn.dialect.name == "sqlite"
        cache_size = conn.exec_driver_sql("PRAGMA cache_size").scalar() if sqlite else None
        if sqlite:
            conn.exec_driver_sql("PRAGMA cache_size = -131072")  # 128 MB while the indexes are built
        try:
            summary = _fill(conn, gen, rights, progress, chunk)
        finally:
            if cache_size is not None:
                conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache_size)}")
        after = summary.to_json()
        after.pop("seconds")
        note_all(session, "rights")
        note_all(session, "parties")
        audit.record(session, actor, "demo.load", "demo", None,
                     f"载入演示数据：{summary.rights} 项权利、{summary.parties} 个当事人（种子 {seed}）", None, after)
    return DemoSummary(**{**summary.__dict__, "seconds": time.perf_counter() - started})


def _fill(conn: Connection, gen: _Generator, rights: int, progress: ProgressFn | None, chunk: int) -> DemoSummary:
    # Plain indexes are built once at the end (a sort) instead of row by row; so is the FTS index.
    indexes = _secondary_indexes(conn)
    for name, _sql in indexes:
        conn.execute(text(f"DROP INDEX {name}"))
    search.suspend_fulltext_sync(conn)

    gen.make_parties(max(80, rights // 15))
    w_parties = _BulkInsert(conn, PartyRow.__table__)
    w_parties.write(w_parties.prepare(gen.parties))
    w_rights = _BulkInsert(conn, RightRow.__table__)
    w_owners = _BulkInsert(conn, RightOwnerRow.__table__)
    w_docs = _BulkInsert(conn, RightSearchRow.__table__)
    document = _Documents()
    batch: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    docs: list[dict[str, Any]] = []
    done = 0
    for row, owners in gen.rights():
        batch.append(row)
        rid = row["id"]
        for position, (pid, share) in enumerate(owners):
            links.append({"right_id": rid, "party_id": pid, "share": share, "position": position})
        docs.append({"right_id": rid, "grams": document(row["title"], row["owner_names"], row["product"])})
        if len(batch) >= chunk or rid == rights:
            w_rights.write(w_rights.prepare(batch))
            w_owners.write(w_owners.prepare(links))
            w_docs.write(w_docs.prepare(docs))
            done += len(batch)
            batch, links, docs = [], [], []
            if progress is not None and progress(done, rights) is True:
                raise RuleRefusal(Problem("demo.cancelled"))

    for _name, sql in indexes:
        conn.execute(text(sql))
    search.resume_fulltext_sync(conn, rebuild=True)
    _fix_sequences(conn)
    return DemoSummary(
        seed=gen.seed, as_of=gen.as_of, rights=done, parties=len(gen.parties), owner_links=gen.owner_links,
        co_owned=gen.co_owned, by_kind=dict(sorted(gen.kinds.items())), by_status=dict(sorted(gen.statuses.items())),
        parties_by_kind=dict(sorted(Counter(p["kind"] for p in gen.parties).items())),
    )



__all__ = ["DemoSummary", "load_demo_data", "org_code_check", "resident_id"]
