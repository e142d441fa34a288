"""Estimated and capped counts, and pages read by keyset and seek, on both engines: whatever plan a page
takes, its rows are those of the exact ``ORDER BY … OFFSET`` list, in order (issue 14, item 4)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from ipdesk.demo.generator import load_demo_data
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.services.paging import Estimate, Query, estimate_kind
from ipdesk.services.workstation import Workstation
from ipdesk.storage.registry import pg_pages, search

ADMIN = Actor("admin", Role.ADMIN)
N = 600
PAGE = 25
ORDERS = [("number", False), ("title", False), ("owner_names", True)]


@pytest.fixture
def register(workstation: Workstation) -> Workstation:
    load_demo_data(workstation.engine, ADMIN, rights=N, seed=5, as_of=date(2026, 11, 21))
    if workstation.engine.dialect.name == "postgresql":
        with workstation.engine.begin() as conn:
            conn.execute(text("ANALYZE rights"))  # the histograms a seek reads
    search.invalidate_counts()
    return workstation


@pytest.fixture
def estimating(register: Workstation, monkeypatch: pytest.MonkeyPatch) -> Workstation:
    """PostgreSQL estimating every count (the thresholds of a million-right register, scaled down)."""
    if register.engine.dialect.name != "postgresql":
        pytest.skip("estimates and seeks are PostgreSQL's")
    monkeypatch.setattr(pg_pages, "EXACT_LIMIT", 10)
    monkeypatch.setattr(pg_pages, "TEXT_EXACT_LIMIT", 10)
    monkeypatch.setattr(pg_pages, "SAMPLE_FROM", 0)
    monkeypatch.setattr(pg_pages, "SAMPLE_ROWS", 10 * N)  # the whole register: the estimate is the count
    monkeypatch.setattr(pg_pages, "REACH", 2 * PAGE)
    return register


def exact(ws: Workstation, key: str, descending: bool, where: str = "") -> list[int]:
    d = "DESC" if descending else "ASC"
    with ws.engine.connect() as conn:
        rows = conn.execute(text(f"SELECT id FROM rights {where} ORDER BY {key} {d}, id {d}")).all()
    return [r[0] for r in rows]


def ids(ws: Workstation, q: Query, offset: int, limit: int = PAGE) -> list[int]:
    return [r["id"] for r in ws.rights.page(q, offset, limit)]


def read_all(ws: Workstation, q: Query, start: int = 0) -> list[int]:
    out: list[int] = []
    while True:
        got = ids(ws, q, start + len(out))
        out += got
        if len(got) < PAGE:
            return out


@pytest.mark.parametrize(("key", "descending"), ORDERS)
def test_every_page_equals_the_exact_offset_list(register: Workstation, key: str, descending: bool) -> None:
    q = Query(sort_key=key, descending=descending)
    want = exact(register, key, descending)
    assert register.rights.count(q) == N and estimate_kind(register.rights.count(q)) == ""
    for offset in (0, 300, 575, 100, 125, 550, 525):  # jumps, then the page after / before one read
        if offset == 100:
            search.invalidate_pages()  # no page known: read by OFFSET from the nearer end
        assert ids(register, q, offset) == want[offset:offset + PAGE]
    assert read_all(register, q) == want


def test_a_capped_count_is_a_floor(register: Workstation, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SEARCH_COUNT_CAP", 50)
    if register.engine.dialect.name == "postgresql":
        monkeypatch.setattr(pg_pages, "SAMPLE_FROM", 10 * N)  # small register: counted, not sampled
    n = register.rights.count(Query(search="有限公司"))
    assert n == 50 and isinstance(n, Estimate) and n.kind == "at_least"
    assert register.rights.count(Query(search="有限公司", filters={"kind": "invention"})) == 50


@pytest.mark.parametrize(("key", "descending"), ORDERS)
def test_estimated_lists_scroll_exactly_and_jumps_read_contiguous_pages(
    estimating: Workstation, key: str, descending: bool
) -> None:
    ws = estimating
    q = Query(sort_key=key, descending=descending)
    n = ws.rights.count(q)
    assert isinstance(n, Estimate) and n.kind == "about" and abs(n - N) <= N // 10
    want = exact(ws, key, descending)
    assert read_all(ws, q) == want  # scrolling from the top: keyset from each page's end
    search.invalidate_pages()
    assert ids(ws, q, int(n) - PAGE) == want[-PAGE:]  # the last page: the real end
    search.invalidate_pages()
    middle = ids(ws, q, 300)  # a jump: a seek by the histogram, near the middle
    at = want.index(middle[0])
    assert middle == want[at:at + PAGE] and abs(at - 300) <= N // 5
    assert ids(ws, q, 325) == want[at + PAGE:at + 2 * PAGE]  # the page after continues it
    assert ids(ws, q, 275) == want[at - PAGE:at]  # and the page before ends where it starts


@pytest.mark.parametrize("words", ["有限公司", "装置", "科技"])
def test_estimated_text_search_pages_equal_the_full_text_matches(estimating: Workstation, words: str) -> None:
    ws = estimating
    q = Query(search=words)
    found = search.matching_right_ids("postgresql", words)
    assert found is not None
    with ws.engine.connect() as conn:
        want = [r[0] for r in conn.execute(
            text(f"SELECT id FROM rights WHERE id IN ({found[0]}) ORDER BY number, id"), found[1]
        ).all()]
    n = ws.rights.count(q)
    assert len(want) > 10 and isinstance(n, Estimate) and n == len(want)  # the sample is the register
    assert read_all(ws, q) == want


def test_estimated_filter_pages(estimating: Workstation) -> None:
    q = Query(filters={"kind": "invention"})
    n = estimating.rights.count(q)
    assert isinstance(n, Estimate)
    assert read_all(estimating, q) == exact(estimating, "number", False, "WHERE kind = 'invention'")
