"""Patent-pool commands under ``ipdesk market pool``: ``add|show|list``, ``member add|leave``, ``trust``,
``value``, ``income``, ``distributions``, ``pledge`` (JSON; money as decimal strings with two places, shares
as per cent).

Pools are named by number (``PL2026000001``) or ``#id``, parties by USCC, exact name or ``#id``. Exit 1 when a
rule refuses (a member twice, a patent not the member's or in another pool, a rejoin before the day it
left, a key that does not add up to 100 %), 2 on bad input; nothing is written then.
"""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation
from typing import Any

# the modules registering the message codes raised here (the services load only when first used)
import ipdesk.domain.marketplace.pools  # noqa: F401
from ipdesk.cli.commands.common import EXIT_OK, date_arg, emit

METHODS = ["average", "sum", "minimum"]


def add_pool_parsers(msub: Any) -> None:
    pool = msub.add_parser("pool", help="patent pools: members, trust plan, licence income and its distribution")
    psub = pool.add_subparsers(dest="pool_command", required=True)
    add = psub.add_parser("add", help="set up a pool with its valuation method and trust plan")
    add.add_argument("--name", required=True)
    add.add_argument("--method", choices=METHODS, default="average", help="how the pool is valued")
    _trust_options(add)
    show = psub.add_parser("show", help="a pool: trust plan, members (every period), patents, value, incomes")
    show.add_argument("pool", help="pool number or #id")
    show.add_argument("--on", help="value the pool on this date (default today)")
    psub.add_parser("list", help="the pools you may see")

    member = psub.add_parser("member", help="members join with their patents and share, leave, rejoin")
    msub2 = member.add_subparsers(dest="member_command", required=True)
    join = msub2.add_parser("add", help="a party joins (or rejoins) with its patents and its share of the income")
    join.add_argument("pool", help="pool number or #id")
    join.add_argument("--party", required=True, metavar="PARTY")
    join.add_argument("--share", required=True, metavar="PERCENT", help="its share of the income, per cent")
    join.add_argument("--rights", default="", metavar="N1[,N2…]", help="its patents, comma-separated")
    join.add_argument("--on", help="date (default today)")
    leave = msub2.add_parser("leave", help="a member leaves with its patents")
    leave.add_argument("pool", help="pool number or #id")
    leave.add_argument("--party", required=True, metavar="PARTY")
    leave.add_argument("--on", help="date (default today)")

    trust = psub.add_parser("trust", help="change the trust plan (the options given)")
    trust.add_argument("pool", help="pool number or #id")
    _trust_options(trust)
    value = psub.add_parser("value", help="the pool's value from its patents' valuations")
    value.add_argument("pool", help="pool number or #id")
    value.add_argument("--on", help="date (default today)")
    income = psub.add_parser("income", help="licence income received, distributed at once by the key in force")
    income.add_argument("pool", help="pool number or #id")
    income.add_argument("--amount", required=True, metavar="A", help="yuan")
    income.add_argument("--on", help="the day it was received (default today)")
    income.add_argument("--source", default="", help="e.g. the licence it came from")
    dist = psub.add_parser("distributions", help="the pool's incomes and what each member got")
    dist.add_argument("pool", help="pool number or #id")

    pledge = psub.add_parser("pledge", help="file one pledge application of all the pool's patents (then examined)")
    pledge.add_argument("pool", help="pool number or #id")
    pledge.add_argument("--pledgee", metavar="PARTY", help="default: the pool's trustee")
    pledge.add_argument("--amount", metavar="A", help="the secured debt, yuan (default: the trust amount)")
    pledge.add_argument("--deadline", metavar="D", help="the performance deadline (default: the trust term's end)")
    pledge.add_argument("--debt-type", default="loan", help="the debt's type (default loan)")
    pledge.add_argument("--documents", default="", metavar="D1[,D2…]",
                        help="documents received (application_form, pledge_contract, id_or_commitment, …)")
    pledge.add_argument("--clauses", default="", metavar="C1[,C2…]",
                        help="contract clauses present (parties, debt, deadline, rights_list, guarantee_scope)")
    pledge.add_argument("--on", help="the application date (default today)")


def _trust_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--trustee", metavar="PARTY", help="the trust company")
    parser.add_argument("--trust-amount", metavar="A", help="yuan")
    parser.add_argument("--trust-term-months", metavar="M")
    parser.add_argument("--beneficiaries", help="the trust plan's beneficiaries")


def _trust_data(args: argparse.Namespace) -> dict[str, Any]:
    return {k: getattr(args, k) for k in ("trustee", "trust_amount", "trust_term_months", "beneficiaries")
            if getattr(args, k) is not None}


def _items(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def _share(text: str) -> Decimal:
    from ipdesk.domain.shared.problems import Problem, ValidationError

    try:
        share = Decimal(text.strip().rstrip("%"))
    except InvalidOperation:
        share = Decimal("NaN")
    if not share.is_finite():
        raise ValidationError([Problem("market.pool_share", "share", {"value": text})])
    return share


def run_pool(args: argparse.Namespace, ws: Any) -> int:
    from ipdesk.cli.commands.market import _amount

    pools, actor, cmd = ws.pools, ws.actor, args.pool_command
    if cmd == "add":
        done = pools.create(actor, {"name": args.name, "method": args.method, **_trust_data(args)})
        emit({"ok": True, "pool": done.pool_no, **done.to_json()})
    elif cmd == "show":
        record = pools.get(actor, args.pool)
        emit({**record.to_json(), "value": pools.value(actor, args.pool, date_arg(args.on, ws.clock)).to_json(),
              "incomes": [d.to_json() for d in pools.incomes(actor, args.pool)]})
    elif cmd == "list":
        emit({"pools": [p.to_json() for p in pools.list_pools(actor)]})
    elif cmd == "member":
        on = date_arg(args.on, ws.clock)
        if args.member_command == "add":
            done = pools.join(actor, args.pool, args.party, _share(args.share), _items(args.rights), on=on)
        else:
            done = pools.leave(actor, args.pool, args.party, on=on)
        emit({"ok": True, **done.to_json()})
    elif cmd == "trust":
        emit({"ok": True, **pools.set_trust(actor, args.pool, _trust_data(args)).to_json()})
    elif cmd == "value":
        emit({"pool": args.pool, **pools.value(actor, args.pool, date_arg(args.on, ws.clock)).to_json()})
    elif cmd == "income":
        shared = pools.record_income(actor, args.pool, _amount(args.amount), on=date_arg(args.on, ws.clock),
                                     source=args.source)
        emit({"ok": True, **shared.to_json()})
    elif cmd == "distributions":
        emit({"pool": args.pool, "incomes": [d.to_json() for d in pools.incomes(actor, args.pool)]})
    else:
        data = {"pledgee": args.pledgee, "amount": args.amount, "performance_deadline": args.deadline,
                "debt_type": args.debt_type, "documents": _items(args.documents), "clauses": _items(args.clauses)}
        filed = pools.pledge_package(actor, args.pool, {k: v for k, v in data.items() if v is not None},
                                     on=date_arg(args.on, ws.clock))
        emit({"ok": True, "pool": args.pool, "application": filed.application_no, "status": filed.status.value,
              "rights": [r.display_number for r in filed.rights], "pledgors": list(filed.pledgor_names),
              "pledgee": filed.pledgee_name, "secured_amount": f"{filed.secured_amount:.2f}"})
    return EXIT_OK
