"""The demo data's parties: enterprises, bank branches, guarantee agencies, insurers, evaluators, IP
agencies, universities, individuals and foreign firms, with valid identifiers (and the generator's state)."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from ipdesk.demo.identifiers import USCC_BODY_CHARS, date_between, org_code_check, resident_id
from ipdesk.demo.vocabulary import (
    BANKS,
    BRAND_POOL,
    CITIES,
    CITY_WEIGHTS,
    FOREIGN,
    FOREIGN_FORMS,
    FOREIGN_TRADES,
    FOREIGN_WORDS,
    GIVEN,
    INDUSTRIES,
    INDUSTRY_WEIGHTS,
    INSURERS,
    PROVINCIAL_BANKS,
    ROADS,
    SURNAMES,
    TOPIC_KEYS,
    UNIVERSITIES,
)
from ipdesk.domain.registry.identifiers.uscc import uscc_check_char
from ipdesk.domain.registry.names import name_key


class PartyDraws:
    """The generator's state and its parties. Everything is drawn from one ``random.Random(seed)`` in a fixed
    order, so the output depends only on ``(seed, as_of, rights)`` and not on the chunk size; the rights are
    drawn by the subclass :class:`ipdesk.demo.rights.RightDraws` from the same stream."""

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
                org8 = "MA" + "".join(self.pick(USCC_BODY_CHARS) for _ in range(6))
            else:  # older organisation codes: 8 digits + check
                org8 = f"{rng.randrange(10_000_000, 99_999_999):08d}"
            org = org8 + org_code_check(org8)
            if any(c not in USCC_BODY_CHARS for c in org):  # the check may be X: allowed; I/O/Z/S/V are not
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
        eight = ("0512", "0510", "0571", "0574", "0755", "0757", "0769")  # four-digit codes, 8-digit numbers
        digits = 8 if len(area) == 3 or area in eight else 7
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
                    head = "江苏镇江农村商业银行股份有限公司"
                    return head + (self.pick(districts)[1][:2] + "支行" if rng.random() < 0.7 else "")
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
                form = self.pick(["专利代理事务所（普通合伙）", "知识产权代理有限公司", "商标事务所有限公司"])
                return f"{cname}{self._brand()}{form}"

            self._add_party("agency", self._unique(agency_name), uscc=self._uscc("91", CITIES[city][0]), city=city)
        for name, region in UNIVERSITIES[:n_univ]:
            city = next(i for i, c in enumerate(CITIES) if c[0] == region)
            self._names.add(name)
            self._add_party(
                "institution",
                name,
                uscc=self._uscc("12", CITIES[city][0][:2] + "0000"),
                city=city,
                topics=tuple(rng.sample(TOPIC_KEYS, 4)),
            )
        for _ in range(n_individual):
            city = self._city()
            born = date_between(rng, date(1955, 1, 1), date(1998, 12, 31))
            reg = self.pick(CITIES[city][4])[0] if CITIES[city][4] else CITIES[city][0]
            person = self._person()
            id_number = resident_id(reg, born, rng.randrange(1000))
            self._add_party("individual", person, uscc=None, id_number=id_number, city=city, region=reg)
        for i in range(n_foreign):
            city = self._city()
            if i < len(FOREIGN):
                name, country, pattern = FOREIGN[i]
            else:
                name = self._unique(
                    lambda: (
                        f"{self.pick(FOREIGN_WORDS)}{self.pick(FOREIGN_WORDS).lower()} "
                        f"{self.pick(FOREIGN_TRADES)} {self.pick(FOREIGN_FORMS)}"
                    )
                )
                country, pattern = self.pick(
                    [("DE", "HRB {n}"), ("JP", "0100-01-{n}"), ("US", "C{n}"), ("KR", "110111-{n}"), ("GB", "{n}")]
                )
            self._names.add(name)
            id_number = f"{country} " + pattern.format(n=rng.randrange(100000, 9999999))
            self._add_party(
                "foreign", name, uscc=None, id_number=id_number, city=city, region="", address=f"{country}（境外）"
            )
        for _ in range(n_enterprise):
            city = self._city()
            cname, province = CITIES[city][1], CITIES[city][2]
            industry, topics = rng.choices(INDUSTRIES, INDUSTRY_WEIGHTS)[0]
            brand = self._brand()

            def firm_name(
                brand: str = brand, industry: str = industry, cname: str = cname, province: str = province
            ) -> str:
                place = province.removesuffix("省").removesuffix("市") if rng.random() < 0.25 else cname
                form = "股份有限公司" if rng.random() < 0.15 else "有限公司"
                group = "集团" if rng.random() < 0.04 else ""
                return f"{place}{brand}{industry}{group}{form}"

            name = self._unique(firm_name)
            self._add_party(
                "enterprise", name, uscc=self._uscc("91", CITIES[city][0]), city=city, brand=brand, topics=topics
            )
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
