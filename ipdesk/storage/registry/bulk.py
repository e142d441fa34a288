"""Bulk load of the rights register (parties, rights, right owners, search documents): driver-level
executemany (COPY on PostgreSQL) in chunks inside the caller's transaction. The demo data sets the plain
indexes and the full-text triggers aside and rebuilds them at the end; an import into a live register keeps
them. Rows come in as dicts keyed by column name (a missing column takes its scalar default)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, func, insert, select, text

from ipdesk.domain.shared.textsearch import index_document
from ipdesk.storage.registry import search
from ipdesk.storage.schema import PartyRow, RightOwnerRow, RightRow, RightSearchRow

_TABLES = ("parties", "rights", "right_owners", "right_search")
RightWithOwners = tuple[dict[str, Any], Sequence[tuple[int, Decimal]]]


def count_register(conn: Connection) -> tuple[int, int]:
    """(rights, parties) in the register: a bulk load goes only into an empty one."""
    rights = int(conn.execute(select(func.count()).select_from(RightRow)).scalar_one())
    parties = int(conn.execute(select(func.count()).select_from(PartyRow)).scalar_one())
    return rights, parties


@contextmanager
def large_cache(conn: Connection) -> Iterator[None]:
    """SQLite: a 128 MB page cache while the indexes are built, the previous size restored after."""
    sqlite = conn.dialect.name == "sqlite"
    cache_size = conn.exec_driver_sql("PRAGMA cache_size").scalar() if sqlite else None
    if sqlite:
        conn.exec_driver_sql("PRAGMA cache_size = -131072")
    try:
        yield
    finally:
        if cache_size is not None:
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache_size)}")


def secondary_indexes(conn: Connection) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the plain indexes on the loaded tables (not those behind constraints)."""
    names = ", ".join(f"'{t}'" for t in _TABLES)
    if conn.dialect.name == "sqlite":
        rows = conn.execute(text(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({names})"
        ))
    else:
        rows = conn.execute(text(
            f"SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
            f"AND i.tablename IN ({names}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            f"WHERE c.conname = i.indexname "
            f"AND c.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()))"
        ))
    return sorted((str(name), str(sql)) for name, sql in rows)


def fix_sequences(conn: Connection) -> None:
    """Explicit ids bypass PostgreSQL's sequences: move them past the loaded rows."""
    if conn.dialect.name != "postgresql":
        return
    for table in ("parties", "rights"):
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
        ))


class BulkInsert:
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
        columns = ", ".join(q.quote(n) for n in names)
        self.sql = f"INSERT INTO {q.format_table(table)} ({columns}) VALUES ({', '.join([mark or '?'] * len(names))})"
        # PostgreSQL through psycopg 3: COPY, several times faster than executemany of INSERTs.
        self.copy_sql = (f"COPY {q.format_table(table)} ({columns}) FROM STDIN"
                         if dialect.name == "postgresql" and dialect.driver == "psycopg" else None)
        self.convert: list[tuple[str, Callable[[Any], Any] | None, dict[Any, Any]]] = [
            (c.name, c.type.dialect_impl(dialect).bind_processor(dialect), {}) for c in table.c
        ]
        self.defaults = {c.name: c.default.arg for c in table.c
                         if c.default is not None and c.default.is_scalar}

    def prepare(self, rows: list[dict[str, Any]]) -> list[Any]:
        if self.core or not rows:
            return rows
        columns = []
        first = rows[0]
        for name, proc, memo in self.convert:
            if name in first:
                values = [r[name] for r in rows]
            else:  # a column the caller does not know (added by a later migration): its default
                values = [self.defaults.get(name)] * len(rows)
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
        elif self.copy_sql is not None:
            with self.conn.connection.dbapi_connection.cursor() as cur, cur.copy(self.copy_sql) as copy:  # type: ignore[union-attr]
                for row in prepared:
                    copy.write_row(row)
        else:
            self.conn.exec_driver_sql(self.sql, prepared)


class SearchDocuments:
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


def chunked(rights: Iterable[RightWithOwners], total: int, chunk: int, document: SearchDocuments | None = None
            ) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]]:
    """Rights (in id order, ids 1..total) cut into chunks of (rights, owner links, search documents) rows."""
    document = document or SearchDocuments()
    batch: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    docs: list[dict[str, Any]] = []
    for row, owners in rights:
        batch.append(row)
        rid = row["id"]
        for position, (pid, share) in enumerate(owners):
            links.append({"right_id": rid, "party_id": pid, "share": share, "position": position})
        docs.append({"right_id": rid, "grams": document(row["title"], row["owner_names"], row["product"])})
        if len(batch) >= chunk or rid == total:
            yield batch, links, docs
            batch, links, docs = [], [], []


def load_register(conn: Connection, parties: list[dict[str, Any]], rights: Iterable[RightWithOwners],
                  total: int, *, chunk: int, on_chunk: Callable[[int, int], Any] | None = None) -> int:
    """Write the parties, then the rights with their owners and search documents; returns the rights written.

    ``on_chunk(done, total)`` runs after each chunk is written; an exception it raises aborts the load (the
    caller's transaction then rolls everything back, the indexes and triggers included)."""
    # Plain indexes are built once at the end (a sort) instead of row by row; so is the FTS index.
    indexes = secondary_indexes(conn)
    for name, _sql in indexes:
        conn.execute(text(f"DROP INDEX {name}"))
    search.suspend_fulltext_sync(conn)

    w_parties = BulkInsert(conn, PartyRow.__table__)
    w_parties.write(w_parties.prepare(parties))
    w_rights = BulkInsert(conn, RightRow.__table__)
    w_owners = BulkInsert(conn, RightOwnerRow.__table__)
    w_docs = BulkInsert(conn, RightSearchRow.__table__)
    done = 0
    in_rights = search.document_in_rights(conn.dialect.name)
    for batch, links, docs in chunked(rights, total, chunk):
        if in_rights:
            for row, doc in zip(batch, docs, strict=True):
                row["grams"] = doc["grams"]
        w_rights.write(w_rights.prepare(batch))
        w_owners.write(w_owners.prepare(links))
        w_docs.write(w_docs.prepare(docs))
        done += len(batch)
        if on_chunk is not None:
            on_chunk(done, total)

    for _name, sql in indexes:
        conn.execute(text(sql))
    search.resume_fulltext_sync(conn, rebuild=True)
    fix_sequences(conn)
    return done
