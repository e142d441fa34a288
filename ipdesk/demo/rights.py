"""The demo data's rights: patents with valid numbers (old 8-digit, PCT national phase, same-day twins),
trademarks with Nice classes and similar same-owner marks, copyrights; statuses, flags and co-owners."""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ipdesk.demo.identifiers import date_between, same_day_in_year
from ipdesk.demo.parties import PartyDraws
from ipdesk.demo.vocabulary import (
    BRAND_CHARS,
    CITIES,
    DESIGN_VARIANTS,
    SOFT_VERSIONS,
    TOPICS,
    UM_QUALIFIERS,
    WORK_CATEGORIES,
    WORK_TITLES,
)
from ipdesk.domain.registry.identifiers.patent import patent_check_digit
from ipdesk.domain.registry.rights import RightKind
from ipdesk.domain.registry.terms import add_years, compute_expiry, default_fees_paid_through, next_fee_anniversary

OWNER_SEPARATOR = "；"  # as in ipdesk.services.registry.rights

_NEW_NUMBERS = date(2003, 10, 1)  # ZC 0006-2003: 12-digit application numbers from this day
_PTA_FROM = date(2021, 6, 1)  # patent term adjustment for inventions granted from this day
_GRANT_DELAY = {RightKind.INVENTION: (540, 1500), RightKind.UTILITY_MODEL: (120, 330),
                RightKind.DESIGN: (100, 300)}
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
    "software": [9, 42], "telecom": [9, 38], "food": [29, 30], "food_catering": [30, 43],
    "beverages": [32, 33],
    "cosmetics_pharma": [3, 5], "medical": [5, 10], "machines_tools": [7, 8], "publishing": [16, 41],
    "apparel": [18, 25],
}
SIMILARITY_GROUPS_BY_CLASS: dict[int, tuple[str, ...]] = {}
for _gid, _classes in SIMILARITY_GROUP_CLASSES.items():
    for _c in _classes:
        SIMILARITY_GROUPS_BY_CLASS[_c] = SIMILARITY_GROUPS_BY_CLASS.get(_c, ()) + (_gid,)


class RightDraws(PartyDraws):
    """The rights, drawn after the parties from the same random stream (see :class:`PartyDraws`)."""

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
        # Registration numbers grow with time: about 4 million in 2005, 16 million in 2015, 75 million in
        # 2024.
        points = [(1995, 800_000), (2000, 1_400_000), (2005, 4_000_000), (2010, 8_000_000),
                  (2015, 16_000_000),
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
            "fee_reduction": None, "fees_paid_through": None, "fees_next_due": None,
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
                filing = date_between(rng, date(1993, 1, 1), date(2003, 9, 30))
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
            shifted = same_day_in_year(min(filing.year, due.year - 1), due.month, due.day)
            if shifted >= _NEW_NUMBERS:
                filing = shifted
        type_digit = "8" if pct else _TYPE_DIGIT[kind]
        number, display = self._patent_number(filing, type_digit)
        if not title:
            title = self._invention_title(t) if kind is RightKind.INVENTION else self._um_title(t) \
                if kind is RightKind.UTILITY_MODEL else self.pick(t["design"]) + self.pick(DESIGN_VARIANTS)
        row = self._base(rid, kind, number, display, title)
        grant: date | None = filing + timedelta(days=grant_delay)
        ext = 0
        if kind is RightKind.INVENTION and grant and grant >= _PTA_FROM and (grant - filing).days > 4 * 365 \
                and rng.random() < 0.3:
            ext = self.randint(20, 400)  # patent term adjustment for examination delay
        expiry = compute_expiry(kind, filing, None, None, ext)
        assert expiry is not None
        if grant and grant > as_of:
            status, grant = "pending", None
            if ext:  # no grant yet, so no term adjustment either
                ext = 0
                expiry = compute_expiry(kind, filing, None, None, 0)
                assert expiry is not None
        elif expiry < as_of:
            status = "expired"
        elif status_draw < 0.03 and as_of - timedelta(days=183) <= _last_anniversary(filing, as_of) < as_of \
                and grant is not None and grant < _last_anniversary(filing, as_of):
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
        if grant is not None:  # fees tracked: paid through this year, or the previous one in the late period
            paid = default_fees_paid_through(status, filing, as_of)
            row["fees_paid_through"], row["fees_next_due"] = paid, next_fee_anniversary(kind, filing, paid)
        row["publication_date"], row["expiry_date"], row["term_extension_days"] = pub, expiry, ext
        row["ipc_main"] = "" if kind is RightKind.DESIGN else self.pick(t["ipc"])
        row["product"] = self.pick(t["prod"]) if rng.random() < 0.55 else ""
        inv, dispute, court = self._flags(status)
        row.update(invalidation_requested=inv, ownership_dispute=dispute, court_preservation=court)
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
            filing = date_between(rng, date(year, 1, 1), date(year, 12, 31))
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
            while compute_expiry(RightKind.TRADEMARK, None, reg, None, 0,  # type: ignore[operator]
                                 needed) < as_of:
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
            gap = max(1, min(60, 1_500_000 // max(1, self.n_rights // 15)))
            serial = self._serial(self._soft_next, reg.year, 10_000, gap)
            number = f"{reg.year}SR{serial:07d}"
            title = f"{brand}{self.pick(t['soft'])}{self.pick(SOFT_VERSIONS)}"
        else:
            region = "国" if rng.random() < 0.7 else self.pick("苏浙粤京川")
            cat = self.pick(WORK_CATEGORIES)
            gap = max(1, min(300, 40_000_000 // max(1, self.n_rights)))
            serial = self._serial(self._work_next, (region, reg.year), 0, gap)
            number = f"{region}作登字-{reg.year}-{cat}-{serial:08d}"
            city = CITIES[self.party_city[owner - 1]][1]
            title = self.pick(WORK_TITLES).format(brand=brand, product=self.pick(t["prod"]), city=city)
        row = self._base(rid, kind, number, number, title)
        # A legal person's work or software: protected until 31 December of the 50th year after first
        # publication (Copyright Law Art. 23); stored explicitly.
        expiry = date(published.year + 50, 12, 31)
        row.update(legal_status="in_force", registration_date=reg, publication_date=published,
                   expiry_date=expiry, product=self.pick(t["prod"]) if rng.random() < 0.3 else "")
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
            if r < 0.3 and kind.is_patent and self.universities:
                other = self.pick(self.universities)
            elif r < 0.9 or not self.individuals:
                other = self.pick(self.enterprises)
            else:
                other = self.pick(self.individuals)
            if other not in owners:
                owners.append(other)
        splits = {2: [("50", "50"), ("60", "40"), ("70", "30"), ("51", "49"), ("80", "20")],
                  3: [("40", "30", "30"), ("34", "33", "33"), ("50", "25", "25"),
                      ("33.34", "33.33", "33.33")]}
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
