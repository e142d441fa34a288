"""The state an audit entry binds: each audited record's rows in canonical form, read in bulk, and its
keyed digest (HMAC under the office's audit secret, so it cannot be recomputed with the database alone).

A record is the row set that makes it up: a pledge with its pledgors, rights and events; a right with
its owners, recorded transactions, fee payments and monitoring entries; a party; a loan with its schedule
and events; a disposal case with its steps, documents and settlement; a compensation fund with its ledger;
a marketplace lot and auction; a matchmaking event with its credit lines; a custody agreement with its
rights; a valuation with its rights; a value analysis; a maker-checker decision; a notice (its signed
content and revocation); a user account; the office settings, the value-analysis weight sets and the
trusted keys as one record each. Row stamps (``created_at``, ``updated_at``, ``version``) are not state:
every act changes them and none changes what the record says.

Each kind has a ``version``; a kind added or one whose row set grows gets a higher one, and the register
binds such kinds whole once when it is first opened by code that knows them (``binding.extend``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, Table, bindparam, select
from sqlalchemy.orm import Session

from ipdesk.storage.schema import load_all

_STAMPS = frozenset({"created_at", "updated_at", "version"})


@dataclass(frozen=True)
class Child:
    table: str
    fk: str  # the column naming the parent record
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Spec:
    """How one kind of record is read: its main table, key, child tables, the columns that are not state."""

    entity: str
    table: str
    key: str = "id"
    exclude: tuple[str, ...] = ()
    children: tuple[Child, ...] = ()
    singleton: bool = False  # the whole table is one record (entity id 0)
    label: tuple[str, ...] = ()  # columns that name the record in a report, first non-empty wins
    version: int = 1  # raised whenever the row set of this kind changes (a child table added)

    def main(self) -> Table:
        return load_all().tables[self.table]


SPECS: dict[str, Spec] = {s.entity: s for s in (
    # rights_kind and pledgor_region are the statistics' copies of what the rights and pledgors say
    # (ipdesk.services.pledge_grouping), refreshed when a right or party is edited: not the pledge's state.
    Spec("pledge", "pledges", children=(Child("pledge_pledgors", "pledge_id"), Child("pledge_rights", "pledge_id"),
                                        Child("pledge_events", "pledge_id")),
         exclude=("rights_kind", "pledgor_region"), label=("registration_no", "application_no")),
    # grams: PostgreSQL's copy of the search document, derived from the title, owners and product (not state)
    Spec("right", "rights", exclude=("grams",),
         children=(Child("right_owners", "right_id"), Child("right_transactions", "right_id"),
                   Child("fee_payments", "right_id"), Child("monitoring_entries", "right_id")),
         label=("display_number", "number"), version=2),
    Spec("party", "parties", label=("name",)),
    Spec("notice", "notices", label=("serial",)),
    Spec("user", "users", label=("name",)),
    Spec("loan", "loans", children=(Child("loan_instalments", "loan_id"), Child("loan_events", "loan_id")),
         label=("loan_no",)),
    Spec("disposal_case", "disposal_cases",
         children=(Child("disposal_steps", "case_id"), Child("disposal_documents", "case_id"),
                   Child("disposal_settlements", "case_id")), label=("case_no",)),
    Spec("fund", "funds", children=(Child("fund_entries", "fund_id"),), label=("name",)),
    # The marketplace: a lot with its rights, rounds and deals; an auction with its bidders and bids.
    Spec("lot", "market_lots", children=(Child("market_lot_rights", "lot_id"), Child("market_auctions", "lot_id"),
                                         Child("market_deals", "lot_id")), label=("lot_no",)),
    Spec("pool", "market_pools", children=(Child("market_pool_members", "pool_id"), Child("market_pool_rights",
                                                                                          "pool_id"),
                                           Child("market_pool_incomes", "pool_id"),
                                           Child("market_pool_payouts", "pool_id")), label=("pool_no",)),
    # A bank–enterprise matchmaking event with its credit lines and the patents each offers.
    Spec("match_event", "match_events", children=(Child("match_lines", "event_id"),
                                                  Child("match_line_rights", "event_id")), label=("event_no",)),
    Spec("auction", "market_auctions", children=(Child("market_bidders", "auction_id"),
                                                 Child("market_bids", "auction_id")), label=("auction_no",)),
    # An insurance policy with the rights it covers and its claims (a claim's steps are acts on the policy).
    Spec("policy", "insurance_policies", children=(Child("insurance_policy_rights", "policy_id"),
                                                   Child("insurance_claims", "policy_id")), label=("policy_no",)),
    Spec("settings", "settings", key="key", exclude=("updated_at",), singleton=True),
    Spec("key", "trusted_keys", key="key_id", exclude=("added_at",), singleton=True),
    Spec("custody_agreement", "custody_agreements", children=(Child("custody_rights", "agreement_id"),),
         label=("reference",)),
    Spec("valuation", "valuations", children=(Child("valuation_rights", "valuation_id"),), label=("report_no",)),
    Spec("value_analysis", "value_analyses"),
    Spec("value_weights", "value_weight_sets", singleton=True),
    Spec("decision", "pending_decisions"),  # maker-checker: a decision awaiting, confirmed or returned
)}
#: The kinds (at version 1) a register bound before kinds had versions: its log names no versions.
UNVERSIONED_KINDS = ("pledge", "right", "party", "notice", "user", "settings", "key")
#: Records bound by whichever entry binds another (the weight sets are settings, audited as such).
BOUND_WITH = {("settings", 0): (("value_weights", 0),)}
#: Change kinds of the unit of work (ipdesk.domain.shared.changes) → the records they name.
CHANGE_KINDS = {"pledges": "pledge", "rights": "right", "parties": "party", "loans": "loan",
                "cases": "disposal_case", "funds": "fund", "lots": "lot"}

State = dict[str, Any]


def _value(v: Any) -> Any:
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if isinstance(v, bytes):
        return v.hex()
    return v


_PLAIN = (str, int, bool, float, type(None))


@lru_cache(maxsize=64)
def _kept(table_name: str, drop: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """(position, name) of the state columns of ``SELECT *`` on the table."""
    skip = _STAMPS | set(drop)
    return tuple((i, c.name) for i, c in enumerate(load_all().tables[table_name].columns) if c.name not in skip)


def _row(values: Any, table: Table, drop: tuple[str, ...]) -> dict[str, Any]:
    # The hot loop of a bulk binding (a million rights): plain values pass as they are.
    out: dict[str, Any] = {}
    for i, name in _kept(table.name, drop):
        v = values[i]
        out[name] = v if type(v) in _PLAIN else _value(v)
    return out


# Keys are in a fixed order by construction (the table's columns, then the child tables in the spec's
# order), so the encoder need not sort them: one reused C encoder is the bulk binding's fastest path.
# ``default``: a state a bulk writer built from the values it wrote (state_of_values) keeps its dates and
# decimals as they are, and they encode as _value would have converted them (the same text).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_value)


def canonical(state: State | None) -> str:
    return _ENCODER.encode(state)


def keyed_digest(secret: bytes, entity: str, entity_id: int, seq: int, state: State | None) -> str:
    """HMAC-SHA256 of the record's canonical state, bound to the record and the entry ``seq`` binding it."""
    return keyed_digest_of(secret, entity, entity_id, seq, canonical(state))


def keyed_digest_of(secret: bytes, entity: str, entity_id: int, seq: int, canonical_state: str) -> str:
    """:func:`keyed_digest` of a state already in canonical form (a bulk binding stores that text too)."""
    body = f"{entity}:{entity_id}:{seq}\n{canonical_state}".encode()
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


@lru_cache(maxsize=64)
def _by_ids(table_name: str, column: str) -> Select[Any]:
    """``SELECT * FROM table WHERE column IN :ids``, built once (statement building costs more than the
    query on a registration's handful of rows)."""
    table = load_all().tables[table_name]
    return select(table).where(table.c[column].in_(bindparam("ids", expanding=True)))


@lru_cache(maxsize=64)
def _by_range(table_name: str, column: str) -> Select[Any]:
    table = load_all().tables[table_name]
    return select(table).where(table.c[column].between(bindparam("lo"), bindparam("hi")))


def _children(session: Session, spec: Spec, params: dict[str, Any]) -> dict[Any, dict[str, list[dict[str, Any]]]]:
    out: dict[Any, dict[str, list[dict[str, Any]]]] = {}
    for child in spec.children:
        table = load_all().tables[child.table]
        stmt = _by_ids(child.table, child.fk) if "ids" in params else _by_range(child.table, child.fk)
        fk = list(table.columns.keys()).index(child.fk)
        drop = (child.fk, *child.exclude)
        for values in session.execute(stmt, params):
            out.setdefault(values[fk], {}).setdefault(child.table, []).append(_row(values, table, drop))
    return out


def _assemble(spec: Spec, main: dict[str, Any], kids: dict[str, list[dict[str, Any]]]) -> State:
    state: State = {spec.table: main}
    for child in spec.children:
        state[child.table] = sorted(kids.get(child.table, []), key=canonical)
    return state


def states_of(session: Session, entity: str, ids: Iterable[int], chunk: int = 500) -> dict[int, State | None]:
    """The current state of the records ``ids`` (None for one that does not exist), a few queries per chunk."""
    spec = SPECS[entity]
    if spec.singleton:
        return {0: table_state(session, spec)}
    table, wanted = spec.main(), sorted(set(ids))
    out: dict[int, State | None] = {}
    for i in range(0, len(wanted), chunk):
        part = wanted[i:i + chunk]
        k = list(table.columns.keys()).index(spec.key)
        mains = {values[k]: _row(values, table, spec.exclude)
                 for values in session.execute(_by_ids(spec.table, spec.key), {"ids": part})}
        kids = _children(session, spec, {"ids": part}) if mains else {}
        for rid in part:
            out[rid] = _assemble(spec, mains[rid], kids.get(rid, {})) if rid in mains else None
    return out


def state_of_values(entity: str, main: dict[str, Any], children: dict[str, list[dict[str, Any]]] | None = None
                    ) -> State:
    """The state :func:`states_of` reads for a record just written from these values (columns by name; child
    rows may keep their parent key): a bulk writer binds what it wrote without reading it back."""
    spec = SPECS[entity]
    get = main.get
    out: State = {spec.table: {name: get(name) for name in _names(spec.table, spec.exclude)}}
    for child in spec.children:
        names = _names(child.table, (child.fk, *child.exclude))
        rows = [{name: r.get(name) for name in names} for r in (children or {}).get(child.table, ())]
        if len(rows) > 1:
            rows.sort(key=canonical)
        out[child.table] = rows
    return out


@lru_cache(maxsize=64)
def _names(table_name: str, drop: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name for _i, name in _kept(table_name, drop))


def iter_states(session: Session, entity: str, chunk: int = 2000) -> Iterator[tuple[int, State]]:
    """Every record of ``entity`` with its state, in id order, read by id ranges (verification, bulk loads)."""
    spec = SPECS[entity]
    if spec.singleton:
        yield 0, table_state(session, spec)
        return
    table = spec.main()
    key = table.c[spec.key]
    k = list(table.columns.keys()).index(spec.key)
    last = None
    while True:
        stmt = select(table).order_by(key).limit(chunk)
        if last is not None:
            stmt = stmt.where(key > last)
        mains = [(values[k], _row(values, table, spec.exclude)) for values in session.execute(stmt)]
        if not mains:
            return
        lo, hi = mains[0][0], mains[-1][0]
        kids = _children(session, spec, {"lo": lo, "hi": hi})
        for rid, main in mains:
            yield rid, _assemble(spec, main, kids.get(rid, {}))
        last = hi


def table_state(session: Session, spec: Spec) -> State:
    table = spec.main()
    rows = [_row(values, table, spec.exclude) for values in session.execute(select(table))]
    return {spec.table: sorted(rows, key=canonical)}


def label_of(entity: str, entity_id: int, state: State | None) -> str:
    """How a report names the record: its number or name where it has one, else its id."""
    spec = SPECS[entity]
    main = (state or {}).get(spec.table)
    if isinstance(main, dict):
        for col in spec.label:
            if main.get(col):
                return str(main[col])
    return str(entity_id)


def differing_fields(spec: Spec, audited: State | None, current: State | None) -> list[str]:
    """``table.field`` (or the child table) that differ between the audited and the current state."""
    if audited is None or current is None:
        return []
    out: list[str] = []
    a_main, c_main = audited.get(spec.table), current.get(spec.table)
    if isinstance(a_main, dict) and isinstance(c_main, dict):
        out += [f"{spec.table}.{k}" for k in sorted(set(a_main) | set(c_main)) if a_main.get(k) != c_main.get(k)]
    elif a_main != c_main:
        out.append(spec.table)
    out += [k for k in sorted(set(audited) | set(current)) if k != spec.table and audited.get(k) != current.get(k)]
    return out
