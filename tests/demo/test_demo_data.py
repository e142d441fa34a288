"""The demo data set (SQLite and PostgreSQL): deterministic, valid by the domain's own rules, searchable,
audited once; and the rights register's paging plans agree with a plain sort over the same rows."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from ipdesk.demo.generator import load_demo_data
from ipdesk.demo.identifiers import org_code_check, resident_id
from ipdesk.domain.registry.identifiers import parse_right_number
from ipdesk.domain.registry.identifiers.patent import patent_check_digit
from ipdesk.domain.registry.identifiers.uscc import parse_uscc
from ipdesk.domain.registry.parties import PartyKind
from ipdesk.domain.registry.right_input import check_right
from ipdesk.domain.registry.rights import LegalStatus, RightKind
from ipdesk.domain.registry.trademark_similarity import names_similar
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import PermissionDenied, RuleRefusal
from ipdesk.domain.shared.textsearch import index_document, normalise
from ipdesk.services.paging import Query
from ipdesk.services.workstation import Workstation
from ipdesk.storage.engine import make_engine
from ipdesk.storage.registry import search
from ipdesk.storage.schema import AuditRow, PartyRow, RightOwnerRow, RightRow, RightSearchRow
from tests.helpers.factories import ADMIN, add_party, invention_data
from tests.services.statistics.test_pledge_grouping import assert_stored_as_joined

AS_OF = date(2026, 11, 21)
N = 1500


@pytest.fixture
def loaded(workstation: Workstation) -> Workstation:
    load_demo_data(workstation.engine, ADMIN, rights=N, seed=7, as_of=AS_OF)
    return workstation


def _rows(engine: Engine, table: Any) -> list[dict[str, Any]]:
    with Session(engine) as s:
        cols = [c for c in table.c if c.name not in ("created_at", "updated_at")]
        pk = list(table.primary_key.columns)
        return [dict(r._mapping) for r in s.execute(select(*cols).order_by(*pk))]


def _rights(engine: Engine) -> list[dict[str, Any]]:
    return _rows(engine, RightRow.__table__)


def _owners(engine: Engine) -> dict[int, list[tuple[int, Decimal]]]:
    out: dict[int, list[tuple[int, Decimal]]] = {}
    for r in _rows(engine, RightOwnerRow.__table__):
        out.setdefault(r["right_id"], []).append((r["position"], r["party_id"], r["share"]))
    return {k: [(pid, share) for _pos, pid, share in sorted(v)] for k, v in out.items()}


# --- determinism ------------------------------------------------------------------------------------

def test_same_seed_same_rows_other_seed_other_rows(
    sqlite_engine: Engine, sqlite_template: Path, tmp_path: Path
) -> None:
    summary = load_demo_data(sqlite_engine, ADMIN, rights=400, seed=11, as_of=AS_OF, chunk=37)
    assert summary.rights == 400 and summary.parties == 80
    copies = []
    for name, seed, chunk in (("again", 11, 1000), ("other", 12, 1000)):
        path = tmp_path / f"{name}.sqlite3"
        shutil.copy(sqlite_template, path)
        eng = make_engine(f"sqlite:///{path}")
        load_demo_data(eng, ADMIN, rights=400, seed=seed, as_of=AS_OF, chunk=chunk)
        copies.append(eng)
    again, other = copies
    try:
        for table in (PartyRow.__table__, RightRow.__table__, RightOwnerRow.__table__, RightSearchRow.__table__):
            assert _rows(sqlite_engine, table) == _rows(again, table), table.name  # chunk size does not matter
        assert _rights(sqlite_engine) != _rights(other)
    finally:
        again.dispose()
        other.dispose()


# --- validity by the domain's own parsers and rules -------------------------------------------------


def test_parties_have_valid_identifiers(loaded: Workstation) -> None:
    parties = _rows(loaded.engine, PartyRow.__table__)
    assert len(parties) == max(80, N // 15)
    kinds = Counter(p["kind"] for p in parties)
    assert set(kinds) == {k.value for k in PartyKind}
    for p in parties:
        if p["kind"] in ("individual", "foreign"):
            assert p["uscc"] is None and p["id_number"], p
        else:
            assert parse_uscc(p["uscc"]) == p["uscc"], p
            assert org_code_check(p["uscc"][8:16]) == p["uscc"][16], p  # GB 11714 on the organisation code
            assert p["uscc"][2:8].isdigit()
        if p["kind"] == "individual":
            assert (
                resident_id(
                    p["id_number"][:6],
                    date(int(p["id_number"][6:10]), int(p["id_number"][10:12]), int(p["id_number"][12:14])),
                    int(p["id_number"][14:17]),
                )
                == p["id_number"]
            )
    names = [p["name"] for p in parties]
    assert len(set(names)) == len(names)
    assert any(n.startswith("中国银行股份有限公司") and n.endswith(("分行", "支行")) for n in names)
    assert any(n.endswith("有限公司") and p["kind"] == "enterprise" for n, p in zip(names, parties, strict=True))


def test_rights_pass_the_domain_rules(loaded: Workstation) -> None:
    rights = _rights(loaded.engine)
    owners = _owners(loaded.engine)
    assert len(rights) == N
    for r in rights:
        kind = RightKind(r["kind"])
        parsed = parse_right_number(r["display_number"], kind)
        assert (parsed.number, parsed.display) == (r["number"], r["display_number"]), r
        assert parse_right_number(r["number"], kind).number == r["number"]
        data = {
            k: r[k]
            for k in (
                "kind",
                "title",
                "legal_status",
                "filing_date",
                "grant_date",
                "registration_date",
                "publication_date",
                "term_extension_days",
                "renewals",
                "invalidation_requested",
                "ownership_dispute",
                "court_preservation",
                "nice_classes",
                "similarity_group",
                "ipc_main",
                "product",
                "same_day_twin",
            )
        }
        data["number"] = r["display_number"]
        if kind.is_copyright:
            data["expiry_date"] = r["expiry_date"]
        data["owners"] = [{"party_id": pid, "share": str(share)} for pid, share in owners[r["id"]]]
        parsed_right, problems = check_right(data)
        assert not problems and parsed_right is not None, (r, problems)
        assert parsed_right.expiry_date == r["expiry_date"], r  # compute_expiry's answer is what is stored
        if kind.is_copyright:
            assert r["expiry_date"] is not None
        if r["legal_status"] == "expired":
            assert r["expiry_date"] < AS_OF
        elif r["expiry_date"] is not None:
            assert r["expiry_date"] >= AS_OF, r


def test_every_kind_status_and_flag_is_present(loaded: Workstation) -> None:
    rights = _rights(loaded.engine)
    assert {r["kind"] for r in rights} == {k.value for k in RightKind}
    assert {r["legal_status"] for r in rights} == {s.value for s in LegalStatus}
    for flag in ("invalidation_requested", "ownership_dispute", "court_preservation"):
        assert any(r[flag] for r in rights), flag
    patents = [r for r in rights if r["kind"] in ("invention", "utility_model", "design")]
    assert any(len(r["number"]) == 9 for r in patents)  # pre-2003 8-digit + check
    assert any(r["number"][4] == "8" for r in patents if len(r["number"]) == 13)  # PCT national phase
    assert all(r["ipc_main"] for r in patents if r["kind"] != "design")
    assert sum(1 for r in patents if r["product"]) > len(patents) // 3
    marks = [r for r in rights if r["kind"] == "trademark"]
    assert all(r["nice_classes"] for r in marks)
    assert any(r["renewals"] for r in marks)
    late = [r for r in rights if r["legal_status"] == "late_fee"]
    assert all(r["kind"] in ("invention", "utility_model", "design") for r in late)
    twins = {r["number"]: r for r in rights if r["same_day_twin"]}
    assert twins
    for number, r in twins.items():
        twin = twins[r["same_day_twin"]]
        assert twin["same_day_twin"] == number and twin["filing_date"] == r["filing_date"]


def test_co_owned_shares_sum_to_100(loaded: Workstation) -> None:
    owners = _owners(loaded.engine)
    co_owned = [v for v in owners.values() if len(v) > 1]
    assert 0.06 * N < len(co_owned) < 0.14 * N
    for v in owners.values():
        assert sum(share for _pid, share in v) == Decimal(100)
        assert len({pid for pid, _ in v}) == len(v)
    names = {p["id"]: p["name"] for p in _rows(loaded.engine, PartyRow.__table__)}
    for r in _rights(loaded.engine):
        assert r["owner_names"] == "；".join(names[pid] for pid, _ in owners[r["id"]])


def test_same_owner_similar_marks_for_the_bundling_rule(loaded: Workstation) -> None:
    owners = _owners(loaded.engine)
    marks = [r for r in _rights(loaded.engine) if r["kind"] == "trademark" and r["similarity_group"]]
    by_owner: dict[int, list[dict[str, Any]]] = {}
    for m in marks:
        by_owner.setdefault(owners[m["id"]][0][0], []).append(m)
    pairs = [
        (a, b)
        for ms in by_owner.values()
        for i, a in enumerate(ms)
        for b in ms[i + 1 :]
        if a["similarity_group"] == b["similarity_group"] and names_similar(a["title"], b["title"])
    ]
    assert pairs


# --- search, audit, refusal ------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["装置", "系统", "银行", "图像", "有限公司", "制备方法", "镇江", "像"])
def test_search_finds_short_and_long_words(loaded: Workstation, word: str) -> None:
    rights = _rights(loaded.engine)
    expected = {
        r["id"]
        for r in rights
        if normalise(word) in normalise(r["title"]) or word in r["owner_names"] or word in r["product"]
    }
    assert workstation_ids(loaded, Query(search=word)) == expected
    assert loaded.rights.count(Query(search=word)) == len(expected)


def workstation_ids(ws: Workstation, query: Query) -> set[int]:
    n = ws.rights.count(query)
    return {row["id"] for offset in range(0, n, 500) for row in ws.rights.page(query, offset, 500)}


def test_one_audit_entry_and_the_chain_verifies(loaded: Workstation) -> None:
    with Session(loaded.engine) as s:
        entries = s.execute(select(AuditRow)).scalars().all()
    assert [e.action for e in entries] == ["demo.load"]
    assert '"seed":7' in entries[0].after and f'"rights":{N}' in entries[0].after
    assert loaded.audit.verify().ok


def test_refuses_a_register_that_is_not_empty(loaded: Workstation) -> None:
    with pytest.raises(RuleRefusal) as err:
        load_demo_data(loaded.engine, ADMIN, rights=10)
    assert err.value.problems[0].code == "demo.not_empty"
    assert "empty" in err.value.problems[0].message("en") and "空" in err.value.problems[0].message("zh")


def test_only_permitted_roles_load(workstation: Workstation) -> None:
    with pytest.raises(PermissionDenied):
        load_demo_data(workstation.engine, Actor("clerk", Role.CLERK), rights=10)


def test_services_work_after_a_load(loaded: Workstation) -> None:
    """Ids continue after the loaded rows (PostgreSQL sequences) and the FTS triggers are back."""
    party = add_party(loaded, "镇江测试材料有限公司", serial=9_999_001)
    assert party.id == max(80, N // 15) + 1
    number = "201719999999." + patent_check_digit("201719999999")  # serials this high are never generated
    right = loaded.rights.create(
        ADMIN,
        invention_data(
            [party.id],
            number=number,  # type: ignore[list-item]
            title="一种琉璃瓦釉面处理装置",
        ),
    )
    assert right.id == N + 1
    assert {r["id"] for r in loaded.rights.page(Query(search="琉璃"), 0, 10)} == {right.id}
    loaded.rights.update(
        ADMIN,
        right.id,
        invention_data(
            [party.id],
            number=number,  # type: ignore[arg-type, list-item]
            title="一种青瓷釉面处理装置",
        ),
    )
    assert loaded.rights.count(Query(search="琉璃")) == 0
    assert loaded.rights.count(Query(search="青瓷")) == 1


def test_cancelling_writes_nothing(workstation: Workstation) -> None:
    with pytest.raises(RuleRefusal) as err:
        load_demo_data(workstation.engine, ADMIN, rights=300, chunk=100, progress=lambda done, total: done >= 200)
    assert err.value.problems[0].code == "demo.cancelled"
    with Session(workstation.engine) as s:
        assert s.execute(select(func.count()).select_from(RightRow)).scalar_one() == 0
        assert s.execute(select(func.count()).select_from(PartyRow)).scalar_one() == 0
    if workstation.engine.dialect.name == "sqlite":  # the triggers and indexes were restored by the rollback
        with workstation.engine.connect() as conn:
            names = {
                r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type IN ('trigger', 'index')"))
            }
        assert {"right_search_ai", "right_search_ad", "right_search_au", "ix_rights_title"} <= names


def test_search_documents_are_the_services_own(loaded: Workstation) -> None:
    docs = {r["right_id"]: r["grams"] for r in _rows(loaded.engine, RightSearchRow.__table__)}
    for r in _rights(loaded.engine):
        assert docs[r["id"]] == index_document(r["title"], r["owner_names"], r["product"])


# --- paging: every plan gives the same rows as a plain sort ------------------------------------------

PLANS = {
    # cost constants (fts, materialise, build, step, probe) and probe budget (factor, slack) forcing a plan
    "materialise": (0.0, 0.0, 1e9, 1e9, 1e9, 4.0, 1000),
    "probe": (1e3, 1e9, 1e3, 1e3, 1e-9, 4.0, 1000),
    "probe_bounded": (1e3, 1e9, 1e3, 1e3, 1e-9, 1.5, 0),  # the walk often runs out: falls back to the in-list
    "in_list": (0.0, 1e9, 0.0, 0.0, 1e9, 4.0, 1000),
}
SORTS = ["", "title", "owner_names", "kind", "legal_status", "filing_date", "expiry_date"]
KEYS = {
    "": "number",
    "title": "title",
    "owner_names": "owner_names",
    "kind": "kind",
    "legal_status": "legal_status",
    "filing_date": "filing_date",
    "expiry_date": "expiry_date",
}


def _expected(rows: list[dict[str, Any]], sort: str, descending: bool, nulls_first: bool) -> list[int]:
    col = KEYS[sort]
    present = sorted((r for r in rows if r[col] is not None), key=lambda r: (r[col], r["id"]), reverse=descending)
    missing = sorted((r for r in rows if r[col] is None), key=lambda r: r["id"], reverse=descending)
    first = nulls_first != descending
    return [r["id"] for r in (missing + present if first else present + missing)]


def _check_pages(
    ws: Workstation, rights: list[dict[str, Any]], cases: list[tuple[str, dict[str, str]]], sorts: list[str]
) -> None:
    nulls_first = ws.engine.dialect.name == "sqlite"
    for words, filters in cases:
        base = [r for r in rights if _matches(r, words, filters)]
        for sort in sorts:
            for descending in (False, True):
                search.invalidate_counts()
                query = Query(search=words, filters=filters, sort_key=sort, descending=descending)
                expected = _expected(base, sort, descending, nulls_first)
                assert ws.rights.count(query) == len(expected)
                size = 97
                forward = [r["id"] for o in range(0, len(expected), size) for r in ws.rights.page(query, o, size)]
                assert forward == expected, (words, filters, sort, descending)
                # jumps: the middle, near the end (read backwards), back near the start (anchors)
                for o in (len(expected) // 2, max(0, len(expected) - size - 5), 3, len(expected) // 3):
                    got = [r["id"] for r in ws.rights.page(query, o, size)]
                    assert got == expected[o : o + size], (words, filters, sort, descending, o)


def test_pages_match_a_plain_sort(loaded: Workstation) -> None:
    cases: list[tuple[str, dict[str, str]]] = [
        ("", {}),
        ("装置", {}),
        ("图像处理", {}),
        ("2015", {}),
        ("", {"kind": "invention"}),
        ("装置", {"kind": "utility_model"}),
        ("", {"flagged": "1"}),
    ]
    _check_pages(loaded, _rights(loaded.engine), cases, ["", "title", "kind", "expiry_date"])


@pytest.mark.parametrize("plan", list(PLANS))
def test_each_text_plan_pages_like_a_plain_sort(
    sqlite_workstation: Workstation, plan: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_demo_data(sqlite_workstation.engine, ADMIN, rights=N, seed=7, as_of=AS_OF)
    for name, value in zip(
        ("_COST_FTS", "_COST_MATERIALISE", "_COST_BUILD", "_COST_STEP", "_COST_PROBE", "_PROBE_FACTOR", "_PROBE_SLACK"),
        PLANS[plan],
        strict=True,
    ):
        monkeypatch.setattr(search, name, value)
    cases: list[tuple[str, dict[str, str]]] = [
        ("装置", {}),
        ("银行", {}),
        ("图像处理", {}),
        ("像", {}),
        ("有限公司", {}),
    ]
    _check_pages(
        sqlite_workstation, _rights(sqlite_workstation.engine), cases, ["", "owner_names", "title", "filing_date"]
    )


def _matches(r: dict[str, Any], words: str, filters: dict[str, str]) -> bool:
    if words.isdigit():
        ok = r["number"].startswith(words)
    else:
        ok = not words or words in r["title"] or words in r["owner_names"] or words in r["product"]
    if filters.get("kind"):
        ok = ok and r["kind"] == filters["kind"]
    if filters.get("flagged"):
        ok = ok and bool(r["invalidation_requested"] or r["ownership_dispute"] or r["court_preservation"])
    return ok


def test_text_search_counts_stop_at_the_cap(loaded: Workstation, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SEARCH_COUNT_CAP", 100)
    search.invalidate_counts()
    assert loaded.rights.count(Query(search="有限公司")) == 100
    rows = [r["id"] for o in range(0, 100, 40) for r in loaded.rights.page(Query(search="有限公司"), o, 40)]
    assert len(rows) == len(set(rows)) == 100


def test_demo_pledges_go_through_the_services(workstation) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.services.paging import Query

    summary = load_demo_data(workstation.engine, ADMIN, rights=600, seed=5, as_of=AS_OF, pledges=25)
    assert summary.pledges.get("registered", 0) + summary.pledges.get("changed", 0) > 0
    made = sum(v for k, v in summary.pledges.items() if k != "skipped")
    assert workstation.pledge_list.count(Query()) == made
    from ipdesk.services.notices.register_search import SearchCriteria

    registered = workstation.register_search.search(SearchCriteria(as_of=AS_OF))
    assert registered and all(r["registration_no"] for r in registered)
    assert_stored_as_joined(workstation.engine)  # the statistics' kind and region, as the joins give them
    assert workstation.audit.verify().ok


def test_a_demo_load_reports_rights_and_parties_in_bulk_and_each_pledge(workstation) -> None:  # type: ignore[no-untyped-def]
    summary = load_demo_data(workstation.engine, ADMIN, rights=300, seed=5, as_of=AS_OF, pledges=4)
    assert {"rights", "parties", "pledges", "audit"} <= summary.changes.kinds
    assert summary.changes.bulk == {"rights", "parties"}
    assert len(summary.changes.pledges) == sum(v for k, v in summary.pledges.items() if k != "skipped")


def test_with_maker_checker_the_demo_approver_confirms_each_decision(workstation, maker_checker_on) -> None:  # type: ignore[no-untyped-def]
    summary = load_demo_data(workstation.engine, ADMIN, rights=600, seed=5, as_of=AS_OF, pledges=25)
    assert summary.pledges.get("registered", 0) + summary.pledges.get("changed", 0) > 0
    assert workstation.pledges.decisions() == []
    confirmed = workstation.pledges.decisions(status=None)
    assert confirmed and {d.decided_by for d in confirmed} == {"shenhe"}
