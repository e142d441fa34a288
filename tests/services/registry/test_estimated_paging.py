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
# Sort keys with NULLs (PostgreSQL: last ascending, first descending; SQLite the reverse): read in two parts
DATE_ORDERS = [("filing_date", False), ("filing_date", True), ("expiry_date", False)]


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


@pytest.mark.parametrize(("key", "descending"), ORDERS + DATE_ORDERS)
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


@pytest.mark.parametrize(("key", "descending"), ORDERS + DATE_ORDERS)
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
    if key == "filing_date":  # a jump among the NULLs (PostgreSQL: the last tenth ascending, the first descending)
        search.invalidate_pages()
        jump = 52 if descending else 550
        got = ids(ws, q, jump)
        at = want.index(got[0])
        with ws.engine.connect() as conn:
            nulls = conn.execute(text("SELECT id FROM rights WHERE filing_date IS NULL")).scalars().all()
        assert got == want[at:at + PAGE] and got[0] in nulls  # landed among them (a seek by the ids)
        assert ids(ws, q, jump + PAGE) == want[at + PAGE:at + 2 * PAGE]
        assert ids(ws, q, jump - PAGE) == want[at - PAGE:at]


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


def expected_text(ws: Workstation, words: str, key: str, descending: bool) -> list[int]:
    """The rights matching ``words`` in (key, id) order, matched in Python on the right_search documents:
    a phrase's bigrams adjacent, a prefix at a token's start (what FTS5 and the GIN index both mean)."""
    d = "DESC" if descending else "ASC"
    with ws.engine.connect() as conn:
        rows = conn.execute(text(
            f"SELECT r.id, s.grams FROM rights AS r JOIN right_search AS s ON s.right_id = r.id "
            f"ORDER BY r.{key} {d}, r.id {d}"
        )).all()
    terms = search.query_terms(words)

    def hit(doc: str) -> bool:
        padded = f" {doc} "
        return all((f" {' '.join(toks)} " if kind == "phrase" else f" {toks[0]}") in padded for kind, toks in terms)

    return [i for i, doc in rows if hit(doc)]


@pytest.mark.parametrize("plan", ["all", "span", "span, too short", "walk"])
@pytest.mark.parametrize(("key", "descending"), ORDERS + DATE_ORDERS[:2])
@pytest.mark.parametrize("words", ["有限公司", "科技", "装置", "机"])
def test_every_text_plan_reads_the_exact_order(
    estimating: Workstation, monkeypatch: pytest.MonkeyPatch, plan: str, key: str, descending: bool, words: str
) -> None:
    """Whichever plan the estimate picks (pg_pages.text_plan), scrolling reads exactly the matches in order,
    and a jump reads a contiguous run of them that the pages after and before continue. "span, too short":
    spans that end before the page does, so the page is read again over a wider span, then without one."""
    ws = estimating
    monkeypatch.setattr(pg_pages, "text_plan", lambda *_: plan.split(",")[0])
    monkeypatch.setattr(pg_pages, "SPAN_SLACK", 0)
    if plan == "span, too short":
        monkeypatch.setattr(pg_pages, "SPAN_FACTOR", 0.01)
    q = Query(search=words, sort_key=key, descending=descending)
    want = expected_text(ws, words, key, descending)
    n = ws.rights.count(q)
    assert len(want) > 4 * PAGE and isinstance(n, Estimate) and n == len(want)
    assert read_all(ws, q) == want
    search.invalidate_pages()
    jump = len(want) // 2 // PAGE * PAGE
    middle = ids(ws, q, jump)
    at = want.index(middle[0])
    assert middle == want[at:at + PAGE]
    assert ids(ws, q, jump + PAGE) == want[at + PAGE:at + 2 * PAGE]
    assert ids(ws, q, jump - PAGE) == want[max(0, at - PAGE):at]


def test_the_cheapest_text_plan_follows_the_share() -> None:
    """Rare terms sort all their matches, terms in a few % of a million read a span, very common ones walk."""
    m = 1_000_000
    assert pg_pages.text_plan(500, m, 200, True) == "all"
    assert pg_pages.text_plan(31_000, m, 200, True) == "span"
    assert pg_pages.text_plan(6_000, m, 200, True) == "span"
    assert pg_pages.text_plan(31_000, m, 200, False) == "walk"  # no histogram span for a column with NULLs
    assert pg_pages.text_plan(900_000, m, 200, True) == "walk"
