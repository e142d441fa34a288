"""Full-text search of rights over character bigrams: FTS5 on SQLite, a GIN tsvector index on PostgreSQL.

Both engines index the same documents built by :func:`ipdesk.domain.shared.textsearch.index_document`:
SQLite's FTS5 those of ``right_search``, PostgreSQL's GIN index their copy in the rights row
(``rights.grams``, next to the sort keys: see :mod:`ipdesk.storage.registry.pg_pages`); only the match
expression differs.

The second half of the module pages through the rights register at a million rows (see "Counting and
paging" below): cached counts, reverse reading past the middle, and on SQLite a cost-based choice between
three plans for a text search sorted by any column.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, func, literal_column, select, text, tuple_
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql import Select

from ipdesk.domain.shared.textsearch import query_terms
from ipdesk.storage.estimates import Estimate

T = TypeVar("T")
#: A column to filter or sort on: a Core column expression or an ORM attribute.
ColumnLike = ColumnElement[T] | InstrumentedAttribute[T]

FTS_TABLE = "right_fts"
PG_INDEX = "ix_rights_grams_tsv"  # on rights.grams (revision 2a1cdcb26a24)
PG_FIRST_INDEX = "ix_right_search_grams_tsv"  # the first revision's, on right_search (PG_DDL), since dropped

SQLITE_DDL = [
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        grams, content='right_search', content_rowid='right_id',
        tokenize='unicode61 remove_diacritics 0', prefix='1')""",
    f"""CREATE TRIGGER right_search_ai AFTER INSERT ON right_search BEGIN
        INSERT INTO {FTS_TABLE}(rowid, grams) VALUES (new.right_id, new.grams); END""",
    f"""CREATE TRIGGER right_search_ad AFTER DELETE ON right_search BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, grams) VALUES ('delete', old.right_id, old.grams); END""",
    f"""CREATE TRIGGER right_search_au AFTER UPDATE ON right_search BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, grams) VALUES ('delete', old.right_id, old.grams);
        INSERT INTO {FTS_TABLE}(rowid, grams) VALUES (new.right_id, new.grams); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS right_search_au",
    "DROP TRIGGER IF EXISTS right_search_ad",
    "DROP TRIGGER IF EXISTS right_search_ai",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
# The first revision's full-text index (create_fulltext is part of that migration; later ones move it).
PG_DDL = [f"CREATE INDEX {PG_FIRST_INDEX} ON right_search USING gin (to_tsvector('simple', grams))"]
PG_DROP = [f"DROP INDEX IF EXISTS {PG_FIRST_INDEX}"]


def document_in_rights(dialect: str) -> bool:
    """Whether the writers also store the search document in ``rights.grams`` (PostgreSQL: the GIN index is
    there; SQLite's FTS5 reads ``right_search`` and leaves the column NULL)."""
    return dialect == "postgresql"


def create_fulltext(conn: Connection) -> None:
    for stmt in SQLITE_DDL if conn.dialect.name == "sqlite" else PG_DDL:
        conn.execute(text(stmt))


def drop_fulltext(conn: Connection) -> None:
    for stmt in SQLITE_DROP if conn.dialect.name == "sqlite" else PG_DROP:
        conn.execute(text(stmt))


def rebuild_fulltext(conn: Connection) -> None:
    """Rebuild the SQLite FTS index from right_search (after a bulk load with triggers bypassed).

    Incremental merging is switched off while the index is rebuilt and the result merged once into a
    single b-tree ('optimize'): 20 % faster at a million documents, and queries read one segment."""
    if conn.dialect.name == "sqlite":
        conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('automerge', 0)"))
        conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"))
        conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')"))
        conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('automerge', 4)"))  # the default


def suspend_fulltext_sync(conn: Connection) -> None:
    """Bulk loads: stop the SQLite triggers that keep the FTS index in step row by row (inside the
    caller's transaction, so a failed load restores them); :func:`resume_fulltext_sync` rebuilds."""
    if conn.dialect.name == "sqlite":
        for stmt in SQLITE_DROP[:3]:
            conn.execute(text(stmt))


def resume_fulltext_sync(conn: Connection, *, rebuild: bool = True) -> None:
    """Recreate the triggers dropped by :func:`suspend_fulltext_sync` and rebuild the FTS index."""
    if conn.dialect.name == "sqlite":
        for stmt in SQLITE_DDL[1:]:
            conn.execute(text(stmt))
        if rebuild:
            rebuild_fulltext(conn)


def index_documents(conn: Connection, docs: list[tuple[int, str]]) -> None:
    """SQLite, sync suspended (:func:`suspend_fulltext_sync`): add (right id, grams) documents to the FTS
    index by one executemany. Ten times cheaper than the trigger, whose nested statement makes FTS5 flush
    its pending terms into a new segment for every row (≈ 110 µs a row against ≈ 8 µs)."""
    if conn.dialect.name == "sqlite" and docs:
        conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}(rowid, grams) VALUES (?, ?)", docs)


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic autogenerate filter: the FTS5 shadow tables and the expression index are not in the
    ORM metadata on purpose (dialect-specific), so autogenerate must not try to drop them."""
    if type_ == "table" and name and name.startswith(FTS_TABLE):
        return False
    if type_ == "index" and name in (PG_INDEX, PG_FIRST_INDEX):
        return False
    return True


def _fts5_expression(query: str) -> str | None:
    parts = []
    for kind, toks in query_terms(query):
        if kind == "phrase":
            parts.append('"' + " ".join(toks) + '"')
        else:
            parts.append('"' + toks[0] + '"*')
    return " AND ".join(parts) or None


def _tsquery_expression(query: str) -> str | None:
    """Every bigram of every phrase AND-ed, not as a phrase (``<->``): a phrase makes PostgreSQL recheck each
    GIN candidate by rebuilding its tsvector (~25 µs a row: 图像处理 took 116 ms for 4 200 candidates, against
    7 ms for the AND); :func:`pg_match` then keeps the rows where the bigrams are adjacent."""
    parts: list[str] = []
    for kind, toks in query_terms(query):
        if kind == "phrase":
            parts.extend(f"'{t}'" for t in toks)
        else:
            parts.append(f"'{toks[0]}':*")
    return " & ".join(parts) or None


def pg_match(query: str, column: str = "grams") -> tuple[str, dict[str, str]] | None:
    """PostgreSQL: the GIN-indexed test of ``column`` (rights.grams) for ``query``, exact (the AND of the
    bigrams from the index, the adjacency of a phrase's bigrams checked on the row), or None if empty."""
    expr = _tsquery_expression(query)
    if expr is None:
        return None
    sql = f"to_tsvector('simple', {column}) @@ to_tsquery('simple', :fts)"
    params = {"fts": expr}
    phrases = [(i, toks) for i, (kind, toks) in enumerate(query_terms(query)) if kind == "phrase" and len(toks) > 1]
    for i, toks in phrases:
        sql += f" AND strpos(' ' || {column} || ' ', :x{i}) > 0"
        params[f"x{i}"] = " " + " ".join(toks) + " "
    return sql, params


def matching_right_ids(dialect: str, query: str) -> tuple[str, dict[str, str]] | None:
    """SQL text of a sub-select of the right ids whose title/number/owners contain ``query``.

    Returns None when the query has no searchable characters.
    """
    if dialect == "sqlite":
        expr = _fts5_expression(query)
        if expr is None:
            return None
        return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts", {"fts": expr}
    match = pg_match(query)
    if match is None:
        return None
    return f"SELECT id AS right_id FROM rights WHERE {match[0]}", match[1]


def where_matches(id_column: ColumnElement[int], dialect: str, query: str) -> ColumnElement[bool] | None:
    """``id_column IN (matching ids)`` as a SQLAlchemy clause, or None for an empty query."""
    found = matching_right_ids(dialect, query)
    if found is None:
        return None
    sql, params = found
    return id_column.in_(text(sql).bindparams(**params).columns(literal_column("id")))


# --- Counting and paging ---------------------------------------------------------------------------
#
# Measured at 1 M rights on a 2-core machine (SQLite 3.40): OFFSET costs ~20 ns per skipped index entry
# when only the id is read (a covering scan) but ~60 ns when whole rows are read, so a page first finds its
# 200 ids and then reads those rows; past the middle it reads in the opposite order (at most half the
# rows are skipped). A text search sorted by a column has three plans, chosen by a cost model fed with
# the (cheap, cached) FTS match count m and register size N, W = rows of the sort order to walk:
#   materialise  every match joined to its row and sorted: ~2.5 µs per match (rare terms);
#   in-list      walk the sort index, testing membership in a temporary b-tree of the matches:
#                ~0.2 µs per match + 0.05 µs per walked row (terms in a few % of rights);
#   probe walk   walk the sort index and test each row's own search document: ~2 µs per walked row,
#                with a row budget and the in-list as fallback (very common terms such as 装置).
# Counts of text searches stop at SEARCH_COUNT_CAP: a phrase of very common bigrams (有限公司 is in 94 % of
# documents) costs ~160 ns per match to count exactly; "more than 100 000" is what a user needs to know.

SEARCH_COUNT_CAP = 100_000
_COST_FTS, _COST_MATERIALISE, _COST_BUILD, _COST_STEP, _COST_PROBE = 0.15, 2.3, 0.1, 0.25, 2.0
_PROBE_FACTOR, _PROBE_SLACK = 4.0, 1000  # the probe walk's row budget: 4 × the expected rows + 1000


class _LRU:
    def __init__(self, size: int):
        self.size = size
        self.data: OrderedDict[Hashable, int] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable) -> int | None:
        with self.lock:
            value = self.data.get(key)
            if value is not None:
                self.data.move_to_end(key)
            return value

    def put(self, key: Hashable, value: int) -> None:
        with self.lock:
            self.data[key] = value
            self.data.move_to_end(key)
            while len(self.data) > self.size:
                self.data.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.data.clear()


_COUNTS = _LRU(512)


def data_version(conn: Connection) -> tuple[int, str]:
    """The audit chain's head: every change of the register appends an audit entry in its own transaction,
    so (seq, hash) changes with any committed change (the hash also differs after a restore or a reset)."""
    row = conn.exec_driver_sql("SELECT seq, hash FROM audit_head WHERE id = 1").first()
    return (int(row[0]), str(row[1])) if row else (0, "")


def invalidate_counts() -> None:
    """Forget cached counts and page anchors (for code that changes rights without an audit entry)."""
    _COUNTS.clear()
    _ANCHORS.clear()
    _STARTS.clear()


def cached_count(conn: Connection, key: Hashable, compute: Callable[[], int],
                 version: tuple[int, str] | None = None) -> int:
    """``compute()`` once per (database, data version, key): the lazy table asks for the count on every
    reset (sorting, filtering), and the pages need it to choose their plan. ``version``: the caller's
    :func:`data_version` read in the same transaction, if it has one."""
    full = (str(conn.engine.url), version or data_version(conn), key)
    value = _COUNTS.get(full)
    if value is None:
        value = compute()  # an Estimate stays one
        value = value if isinstance(value, Estimate) else int(value)
        _COUNTS.put(full, value)
    return value


def is_text_search(words: str, number_prefix: str | None) -> bool:
    """A search goes to the full-text index unless it reads as the beginning of a number."""
    return bool(words) and not number_prefix


def count_text_matches(conn: Connection, words: str, cap: int | None = None) -> int:
    """How many rights match ``words`` (title, owners, product), counting at most ``cap``
    (default SEARCH_COUNT_CAP)."""
    cap = SEARCH_COUNT_CAP if cap is None else cap
    found = matching_right_ids(conn.dialect.name, words)
    if found is None:
        return 0
    sql, params = found
    capped = text(f"SELECT count(*) FROM ({sql} LIMIT :cap) AS found")
    return _capped(int(conn.execute(capped, {**params, "cap": cap}).scalar_one()), cap)


def _capped(n: int, cap: int) -> int:
    """A count that reached its cap is a floor: the list says "10 万条以上", not "共 100,000 条"."""
    return Estimate(n, "at_least") if n >= cap else n


def _text_ids(conn: Connection, words: str) -> Any:
    found = matching_right_ids(conn.dialect.name, words)
    if found is None:
        return None
    sql, params = found
    return text(sql).bindparams(**params).columns(literal_column("id"))


def _probe(words: str, column: str = "s.grams") -> tuple[str, dict[str, str]]:
    """A test on ``column`` equivalent to the FTS match: the documents are space-separated tokens, so a
    phrase is its tokens between spaces and a prefix a token start (SQLite ``instr``)."""
    clauses, params = [], {}
    for i, (kind, toks) in enumerate(query_terms(words)):
        params[f"p{i}"] = " " + " ".join(toks) + (" " if kind == "phrase" else "")
        clauses.append(f"instr(' ' || {column} || ' ', :p{i}) > 0")
    return " AND ".join(clauses) or "0", params


def count_rights(
    conn: Connection,
    words: str,
    number_prefix: str | None,
    filtered: Select[Any] | None,
    id_column: ColumnLike[int],
    number_column: ColumnLike[str],
) -> int:
    """The number of rights a query matches: ``filtered`` is ``SELECT id FROM rights WHERE <filters>``
    (None without filters); text searches count at most SEARCH_COUNT_CAP. On PostgreSQL a large count is
    an :class:`Estimate` (:mod:`ipdesk.storage.registry.pg_pages`)."""
    if conn.dialect.name == "postgresql":
        from ipdesk.storage.registry import pg_pages

        return pg_pages.count_rights(conn, words, number_prefix, filtered, id_column, number_column)
    return _count_rights(conn, words, number_prefix, filtered, id_column, number_column)


def _count_rights(
    conn: Connection,
    words: str,
    number_prefix: str | None,
    filtered: Select[Any] | None,
    id_column: ColumnLike[int],
    number_column: ColumnLike[str],
) -> int:
    """The exact count (text searches: at most SEARCH_COUNT_CAP)."""
    if is_text_search(words, number_prefix):
        if filtered is None:
            return count_text_matches(conn, words)
        ids = _text_ids(conn, words)
        if ids is None:
            return 0
        stmt = filtered.where(id_column.in_(ids)).limit(SEARCH_COUNT_CAP)
        n = int(conn.execute(select(func.count()).select_from(stmt.subquery())).scalar_one())
        return _capped(n, SEARCH_COUNT_CAP)
    stmt = filtered if filtered is not None else select(id_column)
    if number_prefix:
        stmt = stmt.where(number_column >= number_prefix, number_column < number_prefix + "\U0010ffff")
    if filtered is None and not number_prefix:
        return int(conn.execute(select(func.count()).select_from(id_column.table)).scalar_one())
    return int(conn.execute(select(func.count()).select_from(stmt.subquery())).scalar_one())


class _Anchors:
    """Where earlier pages ended, per query: (offset, sort key, id) in the user's order. A page that starts
    at or after a known end continues from it (``(key, id) > (k, i)``, a keyset walk) instead of skipping
    ``offset`` rows, so scrolling stays fast deep in the register. Only for NOT NULL sort columns (NULLs sort
    differently on the two engines); keyed by data version like the counts."""

    def __init__(self, queries: int = 64, per_query: int = 4096):
        self.queries, self.per_query = queries, per_query
        self.data: OrderedDict[Hashable, dict[int, tuple[Any, int]]] = OrderedDict()
        self.lock = threading.Lock()

    def nearest(self, key: Hashable, offset: int) -> tuple[int, Any, int] | None:
        with self.lock:
            marks = self.data.get(key)
            if not marks:
                return None
            self.data.move_to_end(key)
            best = max((o for o in marks if o <= offset), default=None)
            return None if best is None else (best, *marks[best])

    def above(self, key: Hashable, offset: int) -> tuple[int, Any, int] | None:
        """The nearest mark at or after ``offset``."""
        with self.lock:
            marks = self.data.get(key)
            best = min((o for o in marks if o >= offset), default=None) if marks else None
            return None if best is None or marks is None else (best, *marks[best])

    def add(self, key: Hashable, offset: int, sort_value: Any, row_id: int) -> None:
        with self.lock:
            marks = self.data.setdefault(key, {})
            self.data.move_to_end(key)
            if len(marks) >= self.per_query:  # the oldest first: an export reading on keeps its last mark
                del marks[next(iter(marks))]
            marks[offset] = (sort_value, row_id)
            while len(self.data) > self.queries:
                self.data.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.data.clear()


_ANCHORS = _Anchors()
_STARTS = _Anchors()  # where pages began (PostgreSQL's estimated lists read a page backwards from the next)


def page_right_ids(
    conn: Connection,
    *,
    words: str,
    number_prefix: str | None,
    filtered: Select[Any] | None,
    id_column: ColumnLike[int],
    number_column: ColumnLike[str],
    key: ColumnLike[Any],
    descending: bool,
    offset: int,
    limit: int,
    matches: int,
    total: int,
    query_key: Hashable = None,
    version: tuple[int, str] | None = None,
) -> list[int]:
    """The ids of one page of rights, in order: ``matches`` is the query's count (as :func:`count_rights`
    gives it) and ``total`` the register's size; both come from the count cache. ``query_key`` identifies
    the search and filters (:func:`rights_count_key`) for the page anchors."""
    keyable = not getattr(key, "nullable", True)
    anchor_key = (str(conn.engine.url), version or data_version(conn), query_key, getattr(key, "name", ""), descending)
    if isinstance(matches, Estimate) and matches.kind == "about" and conn.dialect.name == "postgresql":
        # the count is an estimate: read past it if the rows go on (pg_pages seeks instead of skipping)
        from ipdesk.storage.registry import pg_pages

        return pg_pages.page_ids(conn, words=words, number_prefix=number_prefix, filtered=filtered,
                                 id_column=id_column, number_column=number_column, key=key,
                                 descending=descending, offset=offset, limit=limit, matches=matches,
                                 total=total, anchor_key=anchor_key, nulls=not keyable)
    if limit <= 0 or offset >= matches:
        return []
    limit = min(limit, matches - offset)
    text_search = is_text_search(words, number_prefix)
    anchor = _ANCHORS.nearest(anchor_key, offset) if keyable else None
    exact = not text_search or matches < SEARCH_COUNT_CAP
    skip_from_end = matches - offset - limit if exact else None
    after: tuple[Any, int] | None = None
    reverse = False
    if anchor is not None and (skip_from_end is None or offset - anchor[0] <= min(offset, skip_from_end)):
        after = (anchor[1], anchor[2])
        skip = offset - anchor[0]
    elif skip_from_end is not None and skip_from_end < offset:
        reverse, skip = True, skip_from_end  # past the middle: read from the other end
    else:
        skip = offset
    desc = descending != reverse
    rows: list[tuple[int, Any]] | None = None
    if text_search and filtered is None and conn.dialect.name == "sqlite":
        rows = _sqlite_text_page(conn, words, key, desc, skip, limit, matches, total, after)
    if rows is None:
        stmt = filtered.with_only_columns(id_column, key) if filtered is not None else select(id_column, key)
        if text_search:
            found = _text_ids(conn, words)
            if found is None:
                return []
            # "+ 0" keeps SQLite from driving the query by the id list: it walks the sort index instead.
            stmt = stmt.where((id_column + 0 if conn.dialect.name == "sqlite" else id_column).in_(found))
        elif number_prefix:
            stmt = stmt.where(number_column >= number_prefix, number_column < number_prefix + "\U0010ffff")
        if after is not None:
            stmt = stmt.where(
                tuple_(key, id_column) < tuple_(*after) if desc else tuple_(key, id_column) > tuple_(*after)
            )
        order = [key.desc(), id_column.desc()] if desc else [key.asc(), id_column.asc()]
        rows = [(int(r[0]), r[1]) for r in conn.execute(stmt.order_by(*order).limit(limit).offset(skip)).all()]
    if reverse:
        rows.reverse()
    if keyable and rows:
        _ANCHORS.add(anchor_key, offset + len(rows), rows[-1][1], rows[-1][0])
    return [r[0] for r in rows]


def _sqlite_text_page(
    conn: Connection,
    words: str,
    key: ColumnLike[Any],
    desc: bool,
    skip: int,
    limit: int,
    matches: int,
    total: int,
    after: tuple[Any, int] | None,
) -> list[tuple[int, Any]] | None:
    """A text search without filters on SQLite by the cheapest of three plans (None: the caller's in-list);
    ``after``: continue after this (sort key, id)."""
    fts = _fts5_expression(words)
    if fts is None:
        return []
    col = getattr(key, "name", "")
    if not col.isidentifier():
        return None
    d = "DESC" if desc else "ASC"
    share = max(1, matches) / max(1, total)
    walk = (skip + limit) / share  # rows of the sort order to walk for the page
    fts_cost = _COST_FTS * max(1, len(fts.split())) * matches  # a phrase reads the doclist of every bigram
    cost_materialise = fts_cost + _COST_MATERIALISE * matches
    cost_in_list = fts_cost + _COST_BUILD * matches + _COST_STEP * walk
    cost_probe = _COST_PROBE * walk
    params: dict[str, Any] = {"fts": fts, "lim": limit, "off": skip}
    cmp = "<" if desc else ">"
    keyset = ""
    if after is not None:
        keyset = f" AND (x.{col}, x.id) {cmp} (:ak, :ai)"
        params |= {"ak": after[0], "ai": after[1]}
    if cost_materialise <= min(cost_in_list, cost_probe):
        sql = (
            f"SELECT x.id, x.{col} FROM {FTS_TABLE} CROSS JOIN rights AS x ON x.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH :fts{keyset} ORDER BY x.{col} {d}, x.id {d} LIMIT :lim OFFSET :off"
        )
        return [(int(r[0]), r[1]) for r in conn.execute(text(sql), params).all()]
    if 2 * cost_probe < cost_in_list and not getattr(key, "nullable", True):
        # Bound the walk to the first `budget` rows of the sort order (from the anchor) by their last key, so
        # it runs on the index in order and stops at the page; a LIMIT-ed subquery would be read whole.
        budget = int(_PROBE_FACTOR * walk) + _PROBE_SLACK
        bound = conn.execute(
            text(
                f"SELECT x.{col}, x.id FROM rights AS x WHERE 1{keyset} "
                f"ORDER BY x.{col} {d}, x.id {d} LIMIT 1 OFFSET :bound"
            ),
            {**params, "bound": budget - 1},
        ).first()
        probe, probe_params = _probe(words)
        where = probe + keyset
        if bound is not None:
            where += f" AND (x.{col}, x.id) {'>=' if desc else '<='} (:bk, :bi)"
            params |= {"bk": bound[0], "bi": bound[1]}
        sql = (
            f"SELECT x.id, x.{col} FROM rights AS x CROSS JOIN right_search AS s ON s.right_id = x.id "
            f"WHERE {where} ORDER BY x.{col} {d}, x.id {d} LIMIT :lim OFFSET :off"
        )
        rows = [(int(r[0]), r[1]) for r in conn.execute(text(sql), {**params, **probe_params}).all()]
        if len(rows) == limit or bound is None:
            return rows
    sql = (
        f"SELECT x.id, x.{col} FROM rights AS x WHERE +x.id IN (SELECT rowid FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH :fts){keyset} ORDER BY x.{col} {d}, x.id {d} LIMIT :lim OFFSET :off"
    )
    return [(int(r[0]), r[1]) for r in conn.execute(text(sql), params).all()]


def invalidate_pages() -> None:
    _ANCHORS.clear()
    _STARTS.clear()


def rights_count_key(words: str, filters: Mapping[str, str]) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    return ("rights", words, tuple(sorted((k, str(v)) for k, v in filters.items() if v)))


__all__ = [
    "SEARCH_COUNT_CAP",
    "Select",
    "cached_count",
    "count_rights",
    "count_text_matches",
    "create_fulltext",
    "data_version",
    "document_in_rights",
    "drop_fulltext",
    "include_object",
    "index_documents",
    "invalidate_counts",
    "invalidate_pages",
    "page_right_ids",
    "pg_match",
    "rebuild_fulltext",
    "resume_fulltext_sync",
    "rights_count_key",
    "suspend_fulltext_sync",
    "where_matches",
]
