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
* a text search walks the sort order and tests each row's own search document (``strpos``), as SQLite's
  probe walk does, instead of asking the GIN index for every match.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from sqlalchemy import Connection, String, and_, cast, func, literal, literal_column, select, tablesample, text, tuple_
from sqlalchemy.sql import Select

from ipdesk.storage.estimates import Estimate
from ipdesk.storage.registry import search
from ipdesk.storage.schema import RightRow, RightSearchRow

EXACT_LIMIT = 4_000  # filters and number prefixes: counted exactly below this (then a page skips ≤ 2 000 rows)
TEXT_EXACT_LIMIT = 3_000  # text searches: the GIN count re-reads every match, ~10 µs each
SAMPLE_FROM = 50_000  # registers smaller than this are always counted exactly
SAMPLE_ROWS = 5_000  # search documents in the sample (±0.7 % of the register for a term in half of them)
REACH = 2_000  # rows a page may skip from a known page or the start before it seeks instead
_SEED = 17  # a fixed sample: the same estimate until the register changes


def planned_rows(conn: Connection, stmt: Select[Any]) -> int:
    """The planner's estimate of the rows ``stmt`` returns (EXPLAIN, no execution: ~1 ms)."""
    compiled = stmt.compile(dialect=conn.dialect)
    plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params).scalar_one()
    return int(plan[0]["Plan"]["Plan Rows"])


def _probe_sql(words: str) -> tuple[str, dict[str, str]]:
    clauses, params = search._probe(words)
    return clauses.replace("instr(", "strpos("), params


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
    """The share of the register's search documents (of the rights ``filtered`` keeps) matching ``words``,
    from a fixed block sample of about SAMPLE_ROWS documents; None if the sample came back empty."""
    probe, params = _probe_sql(words)
    total_rows = planned_rows(conn, select(RightSearchRow.right_id))
    percent = min(100.0, 100.0 * SAMPLE_ROWS / max(1, total_rows))
    docs = tablesample(RightSearchRow.__table__, func.system(percent), name="s", seed=literal(_SEED))
    test: Any = text(probe).bindparams(**params)
    source: Any = docs
    if filtered is not None and filtered.whereclause is not None:
        rights = RightRow.__table__
        source = docs.join(rights, rights.c.id == docs.c.right_id)
        test = and_(test, filtered.whereclause)
    seen, hits = conn.execute(select(func.count(), func.count().filter(test)).select_from(source)).one()
    return None if not seen else int(hits) / int(seen)


def _exists_probe(words: str) -> Any:
    probe, params = _probe_sql(words)
    return text(f"EXISTS (SELECT 1 FROM right_search AS s WHERE s.right_id = rights.id AND {probe})").bindparams(
        **params
    )


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
) -> list[int]:
    """The ids of one page of a list whose count is an estimate (``matches``); see the module's notes.
    ``anchor_key``: where pages of this list and order are remembered (None: the sort column has NULLs,
    so no keyset: OFFSET)."""
    if limit <= 0:
        return []
    stmt = filtered.with_only_columns(id_column, key) if filtered is not None else select(id_column, key)
    if search.is_text_search(words, number_prefix):
        if not search.query_terms(words):
            return []
        walk = (min(offset, REACH) + limit) * max(1, total) / max(1, matches)  # rows to probe for the page
        if matches < walk:  # fewer matches than rows to walk: sort them all (exact positions, any offset)
            # MATERIALIZED: else the planner walks the sort index re-parsing every row's document (~80 µs)
            sql, params = search.matching_right_ids("postgresql", words) or ("SELECT 0 AS right_id", {})
            found = text(sql).bindparams(**params).columns(literal_column("right_id"))
            m = found.cte("m").prefix_with("MATERIALIZED")
            rows = conn.execute(stmt.where(id_column.in_(select(m.c.right_id))).order_by(
                *([key.desc(), id_column.desc()] if descending else [key.asc(), id_column.asc()])
            ).limit(limit).offset(offset)).all()
            return [int(r[0]) for r in rows]
        stmt = stmt.where(_exists_probe(words))
    elif number_prefix:
        stmt = stmt.where(number_column >= number_prefix, number_column < number_prefix + "\U0010ffff")

    def read(desc: bool, *, after: tuple[Any, int] | None = None, start: Any = None, skip: int = 0) -> list[Any]:
        s = stmt
        if after is not None:  # keyset: strictly past (key, id) in the direction read
            row, first = tuple_(key, id_column), tuple_(*after)
            s = s.where(key <= after[0], row < first) if desc else s.where(key >= after[0], row > first)
        if start is not None:  # seek: from this key on
            s = s.where(key <= start) if desc else s.where(key >= start)
        order = [key.desc(), id_column.desc()] if desc else [key.asc(), id_column.asc()]
        return [(int(r[0]), r[1]) for r in conn.execute(s.order_by(*order).limit(limit).offset(skip)).all()]

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
        fraction = offset / max(1, matches)
        bound = histogram_bound(conn, key, 1 - fraction if descending else fraction)
        if bound is None:
            rows = read(descending, skip=offset)
        else:
            rows = read(descending, start=cast(literal(bound, String()), key.type))
    if anchor_key is not None and rows:
        search._STARTS.add(anchor_key, offset, rows[0][1], rows[0][0])
        search._ANCHORS.add(anchor_key, offset + len(rows), rows[-1][1], rows[-1][0])
    return [r[0] for r in rows]
