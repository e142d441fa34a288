"""Full-text search of rights over character bigrams: FTS5 on SQLite, a GIN tsvector index on PostgreSQL.

Both engines index the same ``right_search.grams`` documents built by
:func:`ipdesk.domain.textsearch.index_document`; only the match expression differs.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Connection, literal_column, text
from sqlalchemy.sql import Select

from ipdesk.domain.textsearch import query_terms

FTS_TABLE = "right_fts"
PG_INDEX = "ix_right_search_grams_tsv"

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
PG_DDL = [f"CREATE INDEX {PG_INDEX} ON right_search USING gin (to_tsvector('simple', grams))"]
PG_DROP = [f"DROP INDEX IF EXISTS {PG_INDEX}"]


def create_fulltext(conn: Connection) -> None:
    for stmt in SQLITE_DDL if conn.dialect.name == "sqlite" else PG_DDL:
        conn.execute(text(stmt))


def drop_fulltext(conn: Connection) -> None:
    for stmt in SQLITE_DROP if conn.dialect.name == "sqlite" else PG_DROP:
        conn.execute(text(stmt))


def rebuild_fulltext(conn: Connection) -> None:
    """Rebuild the SQLite FTS index from right_search (after a bulk load with triggers bypassed)."""
    if conn.dialect.name == "sqlite":
        conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"))


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


def include_object(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    """Alembic autogenerate filter: the FTS5 shadow tables and the expression index are not in the
    ORM metadata on purpose (dialect-specific), so autogenerate must not try to drop them."""
    if type_ == "table" and name and name.startswith(FTS_TABLE):
        return False
    if type_ == "index" and name == PG_INDEX:
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
    parts = []
    for kind, toks in query_terms(query):
        if kind == "phrase":
            parts.append("(" + " <-> ".join(f"'{t}'" for t in toks) + ")")
        else:
            parts.append(f"'{toks[0]}':*")
    return " & ".join(parts) or None


def matching_right_ids(dialect: str, query: str) -> tuple[str, dict[str, str]] | None:
    """SQL text of a sub-select of the right ids whose title/number/owners contain ``query``.

    Returns None when the query has no searchable characters.
    """
    if dialect == "sqlite":
        expr = _fts5_expression(query)
        if expr is None:
            return None
        return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts", {"fts": expr}
    expr = _tsquery_expression(query)
    if expr is None:
        return None
    return (
        "SELECT right_id FROM right_search WHERE to_tsvector('simple', grams) @@ to_tsquery('simple', :fts)",
        {"fts": expr},
    )


def where_matches(id_column: ColumnElement[int], dialect: str, query: str) -> ColumnElement[bool] | None:
    """``id_column IN (matching ids)`` as a SQLAlchemy clause, or None for an empty query."""
    found = matching_right_ids(dialect, query)
    if found is None:
        return None
    sql, params = found
    return id_column.in_(text(sql).bindparams(**params).columns(literal_column("id")))  # type: ignore[arg-type]


__all__ = [
    "Select", "create_fulltext", "drop_fulltext", "include_object", "rebuild_fulltext", "resume_fulltext_sync",
    "suspend_fulltext_sync", "where_matches",
]
