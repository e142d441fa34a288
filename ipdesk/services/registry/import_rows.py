"""The rows of an import, checked and written in bulk: owners and taken numbers looked up in a few queries,
every row validated in pure Python, then written by executemany (COPY on PostgreSQL) with one audit entry.

That entry binds every row written (the audit log's state binding, :mod:`ipdesk.services.audit.binding`):
the states are built from the rows as they are written and handed over, so nothing is read back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from ipdesk.domain.registry.names import name_key
from ipdesk.domain.registry.party_input import PartyInput, check_party
from ipdesk.domain.registry.right_input import RightInput, check_rights
from ipdesk.domain.shared.fields import clean
from ipdesk.domain.shared.problems import Problem
from ipdesk.services.audit import binding
from ipdesk.services.audit.state import state_of_values
from ipdesk.services.registry.rights import fee_values
from ipdesk.storage.registry import bulk, search
from ipdesk.storage.registry.mappers import nice_to_text
from ipdesk.storage.schema import PartyRow, RightOwnerRow, RightRow, RightSearchRow

#: rows per executemany / COPY and per progress report while writing
CHUNK = 5000
#: values per IN (…) list: SQLite allows 32 766 parameters
LOOKUP_CHUNK = 5000
OWNER_SEPARATOR = "；"
_SEPARATORS = (";", "；", "、", "\n")

Record = tuple[int, dict[str, Any]]  # (spreadsheet row number, cells by field)
Progress = Callable[[int], None]  # rows checked so far (raises to cancel)


def split_list(value: Any) -> list[str]:
    text_ = clean(value)
    if not any(sep in text_ for sep in _SEPARATORS):  # one owner: the usual row
        return [text_] if text_ else []
    text_ = text_.replace(";", "；").replace("、", "；").replace("\n", "；")
    return [p.strip() for p in text_.split("；") if p.strip()]


def _chunks(values: Sequence[Any], size: int = LOOKUP_CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _at(problems: Iterable[Problem], row: int) -> list[Problem]:
    return [Problem(p.code, p.field, p.params, row=row) for p in problems]


# --- owners and numbers, in bulk -------------------------------------------------------------------


def resolve_owners(session: Session, keys: Iterable[str]) -> dict[str, tuple[int, str] | None]:
    """(party id, name) of every owner key: a USCC (any case) first, else an exact name (the oldest party
    of that name); None when no party matches."""
    keys = list(dict.fromkeys(keys))
    found: dict[str, tuple[int, str] | None] = dict.fromkeys(keys)
    by_uscc: dict[str, tuple[int, str]] = {}
    for part in _chunks(sorted({k.upper() for k in keys})):
        for pid, name, uscc in session.execute(
            select(PartyRow.id, PartyRow.name, PartyRow.uscc).where(PartyRow.uscc.in_(part))
        ):
            by_uscc[str(uscc)] = (int(pid), name)
    by_name: dict[str, tuple[int, str]] = {}
    rest = [k for k in keys if k.upper() not in by_uscc]
    for part in _chunks(rest):
        for pid, name in session.execute(
            select(PartyRow.id, PartyRow.name).where(PartyRow.name.in_(part)).order_by(PartyRow.id.desc())
        ):
            by_name[name] = (int(pid), name)  # descending: the oldest wins
    for k in keys:
        found[k] = by_uscc.get(k.upper()) or by_name.get(k)
    return found


def taken_numbers(session: Session, numbers: Sequence[str]) -> dict[str, tuple[str, str]]:
    """number → (display number, title) of the given numbers already in the register."""
    out: dict[str, tuple[str, str]] = {}
    for part in _chunks(list(numbers)):
        for number, display, title in session.execute(
            select(RightRow.number, RightRow.display_number, RightRow.title).where(RightRow.number.in_(part))
        ):
            out[number] = (display, title)
    return out


def taken_usccs(session: Session, usccs: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in _chunks(list(usccs)):
        for uscc, name in session.execute(select(PartyRow.uscc, PartyRow.name).where(PartyRow.uscc.in_(part))):
            out[str(uscc)] = name
    return out


# --- checking ------------------------------------------------------------------------------------------


def check_right_rows(session: Session, records: list[Record], problems: list[Problem], progress: Progress
                     ) -> list[tuple[RightInput, list[str]]]:
    """Every right row checked; problems (with their row numbers) appended in row order; returns the
    parsed rights with their owners' names when there is no problem at all."""
    owner_texts = [split_list(data.pop("owners", "")) for _n, data in records]
    owners_of = resolve_owners(session, (k for keys in owner_texts for k in keys))
    early: list[list[Problem]] = []
    names: list[list[str]] = []
    for (_row_no, data), keys in zip(records, owner_texts, strict=True):
        row_problems: list[Problem] = []
        shares = split_list(data.pop("shares", ""))
        if shares and len(shares) != len(keys):
            row_problems.append(
                Problem("import.share_count", "shares", {"shares": len(shares), "owners": len(keys)}))
            shares = []
        owners, owner_names = [], []
        for j, key in enumerate(keys):
            hit = owners_of[key]
            if hit is None:
                row_problems.append(Problem("import.owner_unknown", "owners", {"key": key}))
            else:
                owners.append({"party_id": hit[0], "share": shares[j] if shares else "", "name": key})
                owner_names.append(hit[1])
        data["owners"] = owners
        early.append(row_problems)
        names.append(owner_names)
    progress(len(records) // 4)
    checked = check_rights([data for _n, data in records])
    progress(len(records) * 3 // 4)
    first_row: dict[str, int] = {}
    for (row_no, _data), (parsed, _p) in zip(records, checked, strict=True):
        if parsed is not None:
            first_row.setdefault(parsed.number, row_no)
    taken = taken_numbers(session, list(first_row))
    out: list[tuple[RightInput, list[str]]] = []
    for i, ((row_no, _data), (parsed, p)) in enumerate(zip(records, checked, strict=True)):
        row_problems = early[i]
        if names[i] or not owner_texts[i]:
            row_problems += p
        else:  # every owner unknown: "at least one owner" would say it twice
            row_problems += [x for x in p if x.field != "owners"]
        if parsed is not None:
            other = first_row[parsed.number]
            if other != row_no:
                row_problems.append(Problem("import.duplicate_in_file", "number",
                                            {"other": other, "key": parsed.display_number}))
            elif parsed.number in taken:
                display, title = taken[parsed.number]
                row_problems.append(Problem("right.number_taken", "number", {"number": display, "title": title}))
        problems += _at(row_problems, row_no)
        if parsed is not None:
            out.append((parsed, names[i]))
    progress(len(records))
    return out


def check_party_rows(session: Session, records: list[Record], problems: list[Problem], progress: Progress
                     ) -> list[PartyInput]:
    """Every party row checked (as :func:`check_right_rows`)."""
    checked = []
    for i, (_row_no, data) in enumerate(records, start=1):
        checked.append(check_party(data))
        if i % CHUNK == 0:
            progress(i // 2)
    first_row: dict[str, int] = {}
    for (row_no, _data), (parsed, _p) in zip(records, checked, strict=True):
        if parsed is not None and parsed.uscc:
            first_row.setdefault(parsed.uscc, row_no)
    taken = taken_usccs(session, list(first_row))
    out = []
    for (row_no, _data), (parsed, p) in zip(records, checked, strict=True):
        row_problems = list(p)
        if parsed is not None and parsed.uscc:
            other = first_row[parsed.uscc]
            if other != row_no:
                row_problems.append(Problem("import.duplicate_in_file", "uscc", {"other": other, "key": parsed.uscc}))
            elif parsed.uscc in taken:
                row_problems.append(
                    Problem("party.uscc_taken", "uscc", {"uscc": parsed.uscc, "name": taken[parsed.uscc]}))
        problems += _at(row_problems, row_no)
        if parsed is not None:
            out.append(parsed)
    progress(len(records))
    return out


# --- writing -------------------------------------------------------------------------------------------


def new_ids(conn: Connection, table: str, n: int) -> list[int]:
    """``n`` ids for new rows: the next ones after the largest (SQLite: the writer holds the lock) or drawn
    from the table's sequence (PostgreSQL: other clerks draw theirs at the same time)."""
    if conn.dialect.name == "postgresql":
        seq = conn.execute(text(f"SELECT pg_get_serial_sequence('{table}', 'id')")).scalar_one()
        rows = conn.execute(text("SELECT nextval(:s) FROM generate_series(1, :n)"), {"s": seq, "n": n})
        return sorted(int(r[0]) for r in rows)
    start = int(conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table}").scalar_one()) + 1
    return list(range(start, start + n))


def id_runs(ids: Sequence[int]) -> list[list[int]]:
    """Sorted ids as [first, last] runs of consecutive values (one run on SQLite)."""
    runs: list[list[int]] = []
    for i in ids:
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return runs


def right_values(rid: int, parsed: RightInput, owner_names: list[str], now: datetime, today: date,
                 fees: dict[tuple[Any, ...], Any] | None = None) -> dict[str, Any]:
    # The fees depend on these fields only, which repeat down a list (``fees``: one file's memo).
    key = (parsed.kind, parsed.filing_date, parsed.grant_date is None, parsed.legal_status, parsed.fee_reduction,
           parsed.fees_paid_through)
    found = fees.get(key) if fees is not None else None
    if found is None:
        found = fee_values(parsed, today)
        if fees is not None:
            fees[key] = found
    reduction, paid_through, next_due = found
    return {
        "id": rid, "kind": parsed.kind.value, "number": parsed.number, "display_number": parsed.display_number,
        "title": parsed.title, "legal_status": parsed.legal_status.value, "filing_date": parsed.filing_date,
        "grant_date": parsed.grant_date, "registration_date": parsed.registration_date,
        "publication_date": parsed.publication_date, "expiry_date": parsed.expiry_date,
        "term_extension_days": parsed.term_extension_days, "renewals": parsed.renewals,
        "invalidation_requested": parsed.invalidation_requested, "ownership_dispute": parsed.ownership_dispute,
        "court_preservation": parsed.court_preservation, "nice_classes": nice_to_text(parsed.nice_classes),
        "similarity_group": parsed.similarity_group, "ipc_main": parsed.ipc_main, "product": parsed.product,
        "same_day_twin": parsed.same_day_twin, "fee_reduction": reduction, "fees_paid_through": paid_through,
        "fees_next_due": next_due, "owner_names": OWNER_SEPARATOR.join(owner_names),
        "notes": parsed.notes, "created_at": now, "updated_at": now, "version": 1,
    }


def party_values(pid: int, parsed: PartyInput, now: datetime) -> dict[str, Any]:
    return {
        "id": pid, "kind": parsed.kind.value, "name": parsed.name, "name_key": name_key(parsed.name),
        "uscc": parsed.uscc or None, "id_number": parsed.id_number, "address": parsed.address,
        "contact": parsed.contact, "phone": parsed.phone, "region": parsed.region, "notes": parsed.notes,
        "created_at": now, "updated_at": now, "version": 1,
    }


def write_rights(session: Session, rows: list[tuple[RightInput, list[str]]], now: datetime, today: date,
                 progress: Progress) -> list[int]:
    """Insert the rights, their owners and search documents; the audit binding gets their states."""
    conn = session.connection()
    ids = new_ids(conn, "rights", len(rows))
    w_rights = bulk.BulkInsert(conn, RightRow.__table__)
    w_owners = bulk.BulkInsert(conn, RightOwnerRow.__table__)
    w_docs = bulk.BulkInsert(conn, RightSearchRow.__table__)
    document = bulk.SearchDocuments()
    states: dict[int, Any] = {}
    fees: dict[tuple[Any, ...], Any] = {}
    search.suspend_fulltext_sync(conn)  # in this transaction: a failed import keeps the triggers
    in_rights = search.document_in_rights(conn.dialect.name)
    for start in range(0, len(rows), CHUNK):
        batch: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        docs: list[dict[str, Any]] = []
        for rid, (parsed, names) in zip(ids[start : start + CHUNK], rows[start : start + CHUNK], strict=True):
            values = right_values(rid, parsed, names, now, today, fees)
            batch.append(values)
            owners = [{"right_id": rid, "party_id": o.party_id, "share": o.share, "position": position}
                      for position, o in enumerate(parsed.owners)]
            links += owners
            docs.append({"right_id": rid, "grams": document(values["title"], values["owner_names"], values["product"])})
            states[rid] = state_of_values("right", values, {"right_owners": owners})
            if in_rights:
                values["grams"] = docs[-1]["grams"]
        w_rights.write(w_rights.prepare(batch))
        w_owners.write(w_owners.prepare(links))
        w_docs.write(w_docs.prepare(docs))
        search.index_documents(conn, [(int(d["right_id"]), str(d["grams"])) for d in docs])
        progress(start + len(batch))
    search.resume_fulltext_sync(conn, rebuild=False)
    binding.provide_states(session, "right", states)
    return ids


def write_parties(session: Session, rows: list[PartyInput], now: datetime, progress: Progress) -> list[int]:
    conn = session.connection()
    ids = new_ids(conn, "parties", len(rows))
    writer = bulk.BulkInsert(conn, PartyRow.__table__)
    states: dict[int, Any] = {}
    for start in range(0, len(rows), CHUNK):
        batch = [party_values(pid, parsed, now)
                 for pid, parsed in zip(ids[start : start + CHUNK], rows[start : start + CHUNK], strict=True)]
        for values in batch:
            states[values["id"]] = state_of_values("party", values)
        writer.write(writer.prepare(batch))
        progress(start + len(batch))
    binding.provide_states(session, "party", states)
    return ids
