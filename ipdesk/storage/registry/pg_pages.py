"""The rights register on PostgreSQL at a million rights: large counts estimated, deep pages sought.

Measured at 1 M rights (PostgreSQL 15, 2 shared cores): an exact ``count(*)`` of the register costs ~100 ms,
skipping 500 000 index entries for the middle page ~80 ms even as an index-only scan (2.6 s as it was, an
index scan fetching every skipped row), and a text search re-reads every candidate row to check the GIN
match (~10 µs each: 有限公司 in 94 % of rights took 2 s to count). So here, unlike SQLite:

* a count is exact only when the planner expects it to be small (< ``EXACT_LIMIT`` rows, a text search
  < ``TEXT_EXACT_LIMIT`` matches by a sample of the search documents); otherwise it is an
  :class:`~ipdesk.storage.estimates.Estimate` ("about"): the planner's row estimate, or for a text search the
  share of a ``TABLESAMPLE`` of ~5 000 documents that match times the register's size;
* a page of an estimated list continues from a page already read when one is near (the end of the one
  before, or — scrolling up — the start of the one after), reads the first pages by OFFSET and the last
  one backwards from the end, and otherwise *seeks*: it starts at the key the column's histogram
  (``pg_stats``) puts at that fraction of the order. Rows are always in exact order; only the position of
  such a jump is as approximate as the count (the list says "约 94 万条");
* a text search (the document is in the rights row, ``rights.grams``, under the GIN index) takes the
  cheapest of three plans by the estimate: *all matches* from the GIN bitmap, sorted (rare terms: cost ∝
  matches); a *span*: the GIN bitmap AND-ed with the range of the sort index that should hold the page
  (its end from the histogram, wider if the page comes out short), so only the matches in the range are
  read (terms in ~0.1–5 % of rights); a *walk* of the sort index testing each row's document (very
  common terms: 200 ÷ share rows). The planner is told which (``SET LOCAL``): on its own it walks the sort
  index rebuilding every row's tsvector (5 s for 富宏) or sorts every match.
"""

from __future__ import annotations

import math
import time
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, String, and_, cast, func, literal, select, tablesample, text, tuple_
from sqlalchemy.sql import Select
from sqlalchemy.sql.util import ClauseAdapter

from ipdesk.storage.estimates import Estimate
from ipdesk.storage.registry import search
from ipdesk.storage.schema import RightRow

EXACT_LIMIT = 4_000  # filters and number prefixes: counted exactly below this (then a page skips ≤ 2 000 rows)
TEXT_EXACT_LIMIT = 3_000  # text searches: the GIN count re-reads every match, ~10 µs each
SAMPLE_FROM = 50_000  # registers smaller than this are always counted exactly
SAMPLE_ROWS = 5_000  # search documents in the sample (±0.7 % of the register for a term in half of them)
REACH = 2_000  # rows a page may skip from a known page or the start before it seeks instead
_SEED = 17  # a fixed sample: the same estimate until the register changes
# The text plans' cost model, µs at 1 M rights on 2 shared cores (EXPLAIN ANALYZE at load 2–6): a row read
# from the heap (a walk's step, a bitmap's row), an entry of a sort-index range bitmap, a GIN posting.
C_ROW, C_RANGE, C_GIN = 15.0, 0.5, 0.4
SPAN_FACTOR, SPAN_SLACK = 1.5, 1000  # a span covers 1.5 × the rows a walk would read, + 1 000
BITMAP = {"enable_indexscan": "off", "enable_seqscan": "off", "max_parallel_workers_per_gather": "0"}
WALK = {"enable_bitmapscan": "off", "enable_seqscan": "off", "max_parallel_workers_per_gather": "0"}


def planned_rows(conn: Connection, stmt: Select[Any]) -> int:
    """The planner's estimate of the rows ``stmt`` returns (EXPLAIN, no execution: ~1 ms)."""
    compiled = stmt.compile(dialect=conn.dialect)
    plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params).scalar_one()
    return int(plan[0]["Plan"]["Plan Rows"])


def _probe_sql(words: str, column: str = "rights.grams") -> tuple[str, dict[str, str]]:
    clauses, params = search._probe(words, column)
    return clauses.replace("instr(", "strpos("), params


@contextmanager
def planner(conn: Connection, settings: dict[str, str]) -> Iterator[None]:
    """The planner's settings for the statements inside (transaction-local, as before after): one round trip
    to set them and one to restore them (each a SET LOCAL of its own cost ~1 ms on a loaded machine)."""
    if not settings:
        yield
        return
    names = list(settings)
    sets = ", ".join(f"current_setting(:n{i}), set_config(:n{i}, :v{i}, true)" for i in range(len(names)))
    params = {f"n{i}": n for i, n in enumerate(names)} | {f"v{i}": settings[n] for i, n in enumerate(names)}
    row = conn.execute(text(f"SELECT {sets}"), params).one()
    try:
        yield
    finally:
        back = ", ".join(f"set_config(:n{i}, :v{i}, true)" for i in range(len(names)))
        conn.execute(text(f"SELECT {back}"), params | {f"v{i}": row[2 * i] for i in range(len(names))})


def count_rights(
    conn: Connection,
    words: str,
    number_prefix: str | None,
    filtered: Select[Any] | None,
    id_column: Any,
    number_column: Any,
) -> int:
    """As :func:`search.count_rights`; past the limits above an :class:`Estimate`."""
    if search.is_text_search(words, number_prefix):
        total = planned_rows(conn, select(id_column))
        if total >= SAMPLE_FROM:
            share = _sampled_share(conn, words, filtered)
            if share is not None and share * total >= TEXT_EXACT_LIMIT:
                return Estimate(round(share * total), "about")
        return search._count_rights(conn, words, number_prefix, filtered, id_column, number_column)
    stmt = filtered if filtered is not None else select(id_column)
    if number_prefix:
        stmt = stmt.where(number_column >= number_prefix, number_column < number_prefix + "\U0010ffff")
    planned = planned_rows(conn, stmt)
    if planned >= EXACT_LIMIT:
        return Estimate(planned, "about")
    return search._count_rights(conn, words, number_prefix, filtered, id_column, number_column)


def _sampled_share(conn: Connection, words: str, filtered: Select[Any] | None) -> float | None:
    """The share of the register's rights (of those ``filtered`` keeps) whose search document matches
    ``words``, from a fixed block sample of about SAMPLE_ROWS rights; None if the sample came back empty."""
    probe, params = _probe_sql(words, "s.grams")
    total_rows = planned_rows(conn, select(RightRow.id))
    percent = min(100.0, 100.0 * SAMPLE_ROWS / max(1, total_rows))
    docs = tablesample(RightRow.__table__, func.system(percent), name="s", seed=literal(_SEED))
    test: Any = text(probe).bindparams(**params)
    if filtered is not None and filtered.whereclause is not None:
        test = and_(test, ClauseAdapter(docs).traverse(filtered.whereclause))  # the filters on the sampled rows
    seen, hits = conn.execute(select(func.count(), func.count().filter(test)).select_from(docs)).one()
    return None if not seen else int(hits) / int(seen)


_BOUNDS: dict[Hashable, tuple[float, list[str]]] = {}  # histograms read for a first page, by data version
_BOUNDS_TTL = 60.0  # s: ANALYZE changes them rarely, and a stale one only makes a span a little off


def _histogram(conn: Connection, key: Any, frm: Any, version: Hashable) -> tuple[list[str], int, int] | None:
    """ANALYZE's histogram of ``key`` (as text) and how many of its bounds are ≤ and < ``frm`` (compared by
    the server, in the column's collation), or None. From the top (``frm`` None) it is cached a minute per
    ``version`` (the database and its data version)."""
    where = "WHERE schemaname = current_schema() AND tablename = :t AND attname = :c"
    names = {"t": key.table.name, "c": key.name}
    if frm is None:
        slot = (version, key.table.name, key.name)
        if len(_BOUNDS) > 256:
            _BOUNDS.clear()
        cached = _BOUNDS.get(slot)
        if cached is None or time.monotonic() - cached[0] > _BOUNDS_TTL:
            got = conn.execute(text(f"SELECT histogram_bounds::text::text[] FROM pg_stats {where}"), names).first()
            cached = _BOUNDS[slot] = (time.monotonic(), [str(b) for b in (got[0] if got and got[0] else [])])
        return (cached[1], 0, 0) if cached[1] else None
    row = conn.execute(
        text(
            "SELECT h.b, (SELECT count(*) FROM unnest(h.b) AS x WHERE x <= :k), "
            "(SELECT count(*) FROM unnest(h.b) AS x WHERE x < :k) "
            f"FROM (SELECT histogram_bounds::text::text[] AS b FROM pg_stats {where}) AS h"
        ),
        names | {"k": frm},
    ).first()
    if row is None or not row[0]:
        return None
    return [str(b) for b in row[0]], int(row[1] or 0), int(row[2] or 0)


def span_end(conn: Connection, key: Any, frm: Any, descending: bool, rows: float, total: int,
             version: Hashable = None) -> str | None:
    """A key at least ``rows`` rows of the register past ``frm`` (None: the start) in the order read, by the
    histogram (buckets of equal rows), or None when that is past its last bound (read to the end)."""
    found = _histogram(conn, key, frm, version)
    if found is None:
        return None
    bounds, at_most, below = found
    n = len(bounds)
    steps = math.ceil(rows * max(1, n - 1) / max(1, total)) + 1  # + the part bucket where frm lies
    if descending:
        i = (n if frm is None else below) + 1 - steps
        return bounds[i - 1] if i >= 1 else None
    i = (0 if frm is None else at_most) + steps
    return bounds[i - 1] if i <= n else None


def null_fraction(conn: Connection, key: Any) -> float:
    """ANALYZE's share of NULLs in ``key`` (0 without statistics)."""
    got = conn.execute(
        text("SELECT null_frac FROM pg_stats WHERE schemaname = current_schema() AND tablename = :t AND attname = :c"),
        {"t": key.table.name, "c": key.name},
    ).scalar()
    return float(got or 0.0)


def histogram_bound(conn: Connection, key: Any, fraction: float) -> str | None:
    """The value ANALYZE's histogram of ``key`` puts at ``fraction`` of its order (as text), or None."""
    row = conn.execute(
        text(
            "SELECT histogram_bounds::text::text[] FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = :t AND attname = :c"
        ),
        {"t": key.table.name, "c": key.name},
    ).first()
    bounds = row[0] if row is not None else None
    if not bounds:
        return None
    return str(bounds[min(len(bounds) - 1, max(0, round(fraction * (len(bounds) - 1))))])


def text_plan(matches: int, total: int, wanted: int, spannable: bool) -> str:
    """The cheapest plan for the first ``wanted`` matches in sort order of a term in ``matches`` of ``total``
    rights: "all", "span" (only for a NOT NULL text sort key: the histogram gives the span's end) or "walk"."""
    share = max(1, matches) / max(1, total)
    walk = wanted / share  # rows of the sort order a walk reads
    span = SPAN_FACTOR * walk + SPAN_SLACK
    costs = {"all": matches * (C_GIN + C_ROW), "walk": walk * C_ROW}
    if spannable:
        costs["span"] = span * C_RANGE + matches * C_GIN + span * share * C_ROW
    return min(costs, key=lambda plan: costs[plan])


def page_ids(
    conn: Connection,
    *,
    words: str,
    number_prefix: str | None,
    filtered: Select[Any] | None,
    id_column: Any,
    number_column: Any,
    key: Any,
    descending: bool,
    offset: int,
    limit: int,
    matches: int,
    total: int,
    anchor_key: Hashable | None,
    nulls: bool = False,
) -> list[int]:
    """The ids of one page of a list whose count is an estimate (``matches``); see the module's notes.
    ``anchor_key``: where pages of this list and order are remembered (None: none, OFFSET); ``nulls``: the
    sort column has NULLs (the dates), read as two parts in PostgreSQL's order (see :func:`read_nullable`)."""
    if limit <= 0:
        return []
    stmt = filtered.with_only_columns(id_column, key) if filtered is not None else select(id_column, key)
    mode, share, span = "", 1.0, 0.0
    settings: dict[str, str] = {}
    if search.is_text_search(words, number_prefix):
        match = search.pg_match(words, "rights.grams")
        if match is None:
            return []
        gin = text(match[0]).bindparams(**match[1])
        share = max(1, matches) / max(1, total)
        span = SPAN_FACTOR * (min(offset, REACH) + limit) / share + SPAN_SLACK
        plan = text_plan(matches, total, min(offset, REACH) + limit, anchor_key is not None and not nulls
                         and isinstance(key.type, String))
        if plan == "all":  # sort every match: exact positions at any offset
            order = [key.desc(), id_column.desc()] if descending else [key.asc(), id_column.asc()]
            with planner(conn, BITMAP):
                rows = conn.execute(stmt.where(gin).order_by(*order).limit(limit).offset(offset)).all()
            return [int(r[0]) for r in rows]
        if plan == "span":
            mode, settings, stmt = "span", BITMAP, stmt.where(gin)
        else:
            probe, params = _probe_sql(words)
            mode, settings, stmt = "walk", WALK, stmt.where(text(probe).bindparams(**params))
    elif number_prefix:
        stmt = stmt.where(number_column >= number_prefix, number_column < number_prefix + "\U0010ffff")

    def run(s: Select[Any], desc: bool, skip: int, n: int = limit, by_id: bool = False) -> list[Any]:
        order = [key.desc(), id_column.desc()] if desc else [key.asc(), id_column.asc()]
        if by_id:  # the NULLs of a nullable key
            order = [id_column.desc() if desc else id_column.asc()]
        with planner(conn, settings):
            return [(int(r[0]), r[1]) for r in conn.execute(s.order_by(*order).limit(n).offset(skip)).all()]

    def read_nullable(desc: bool, after: tuple[Any, int] | None, start: str | None, null_start: int | None,
                      skip: int) -> list[Any]:
        """PostgreSQL's order of a key with NULLs: ascending, the keyed rows by (key, id) then the NULLs by id;
        descending, the reverse. Each part is read on its own (an OR of both would walk from the top)."""
        valued: Select[Any] = stmt.where(key.is_not(None))
        empty: Select[Any] = stmt.where(key.is_(None))
        first: Select[Any]  # the part the position lies in, narrowed to what lies past it
        if after is not None and after[0] is None:  # past a row among the NULLs
            first, in_nulls = empty.where(id_column < after[1] if desc else id_column > after[1]), True
        elif after is not None:  # past a keyed row
            row, last = tuple_(key, id_column), tuple_(*after)
            first = valued.where(key <= after[0], row < last) if desc else valued.where(key >= after[0], row > last)
            in_nulls = False
        elif start is not None:  # a seek among the keyed rows
            at = cast(literal(start, String()), key.type)
            first, in_nulls = (valued.where(key <= at) if desc else valued.where(key >= at)), False
        elif null_start is not None:  # a seek among the NULLs (by the ids' histogram)
            first, in_nulls = empty.where(id_column <= null_start if desc else id_column >= null_start), True
        else:  # from the top: descending starts with the NULLs
            first, in_nulls = (empty, True) if desc else (valued, False)
        parts: list[tuple[Select[Any], bool]] = [(first, in_nulls)]
        if in_nulls and desc:  # the keyed rows follow the NULLs
            parts.append((valued, False))
        elif not in_nulls and not desc:  # the NULLs follow the keyed rows
            parts.append((empty, True))
        rows: list[Any] = []
        for part, by_id in parts:
            got = run(part, desc, skip, limit - len(rows), by_id)
            if not got and skip:  # the part ended within the rows to skip: skip the rest in the next
                skip -= int(conn.execute(select(func.count()).select_from(part.limit(skip).subquery())).scalar_one())
            elif got:
                rows, skip = rows + got, 0
            if len(rows) >= limit:
                break
        return rows

    def read(desc: bool, *, after: tuple[Any, int] | None = None, start: str | None = None, skip: int = 0,
             null_start: int | None = None) -> list[Any]:
        if nulls:
            return read_nullable(desc, after, start, null_start, skip)
        s = stmt
        if after is not None:  # keyset: strictly past (key, id) in the direction read
            row, first = tuple_(key, id_column), tuple_(*after)
            s = s.where(key <= after[0], row < first) if desc else s.where(key >= after[0], row > first)
        if start is not None:  # seek: from this key on
            at = cast(literal(start, String()), key.type)
            s = s.where(key <= at) if desc else s.where(key >= at)
        if mode != "span":
            return run(s, desc, skip)
        # a span: only the part of the sort index the page should lie in, wider if it comes out short
        frm = after[0] if after is not None else start
        db_version = anchor_key[:2] if isinstance(anchor_key, tuple) else anchor_key  # (database, data version)
        for widen in (1, 4):
            end = span_end(conn, key, frm, desc, widen * span, total, db_version)
            if end is None:
                break
            stop = cast(literal(end, String()), key.type)
            rows = run(s.where(key >= stop) if desc else s.where(key <= stop), desc, skip)
            if len(rows) == limit:  # every row of the order before `stop` was a candidate: these are the first
                return rows
        return run(s, desc, skip)

    def seek(fraction: float) -> list[Any]:
        """Read from the key the histograms put at ``fraction`` of the order (rows exact, position not)."""
        if nulls:  # ascending: the keyed rows, then the NULLs (pg_stats.null_frac of them); descending reversed
            empty = null_fraction(conn, key)
            among = fraction >= 1 - empty if not descending else fraction < empty
            if among:
                within = fraction / empty if descending else (fraction - (1 - empty)) / max(empty, 1e-9)
                bound = histogram_bound(conn, id_column, 1 - within if descending else within)
                return read(descending, skip=offset) if bound is None else read(descending, null_start=int(bound))
            fraction = (fraction - empty) / (1 - empty) if descending else fraction / max(1e-9, 1 - empty)
        bound = histogram_bound(conn, key, 1 - fraction if descending else fraction)
        return read(descending, skip=offset) if bound is None else read(descending, start=bound)

    end = search._ANCHORS.nearest(anchor_key, offset) if anchor_key is not None else None
    nxt = search._STARTS.above(anchor_key, offset + limit) if anchor_key is not None else None
    if end is not None and offset - end[0] <= REACH:
        rows = read(descending, after=(end[1], end[2]), skip=offset - end[0])
    elif nxt is not None and nxt[0] - offset - limit <= REACH:  # scrolling up: back from the page below
        rows = read(not descending, after=(nxt[1], nxt[2]), skip=nxt[0] - offset - limit)[::-1]
    elif offset <= REACH or anchor_key is None:
        rows = read(descending, skip=offset)
    elif offset + limit >= matches:  # the last page: the register's real end, however far the estimate is
        rows = read(not descending)[::-1]
    else:
        rows = seek(offset / max(1, matches))
    if anchor_key is not None and rows:
        search._STARTS.add(anchor_key, offset, rows[0][1], rows[0][0])
        search._ANCHORS.add(anchor_key, offset + len(rows), rows[-1][1], rows[-1][0])
    return [r[0] for r in rows]
