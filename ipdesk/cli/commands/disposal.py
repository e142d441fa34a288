"""Disposal commands: ``ipdesk settle`` computes a settlement waterfall and its loss sharing without a case;
``ipdesk settle <case-no>`` settles a real case, and ``ipdesk disposal …`` runs the cases
(:mod:`ipdesk.cli.commands.disposal_cases`). The amount options are checked by the handler, not marked
required in argparse, since a case needs none of them.
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

# the modules registering the message codes raised here (the services load only when first used)
import ipdesk.domain.shared.fields  # noqa: F401
from ipdesk.cli.commands import disposal_cases
from ipdesk.cli.commands.common import EXIT_OK, NOTHING, WORKSTATION, Subparsers, command, emit
from ipdesk.config import AppConfig
from ipdesk.domain.shared.messages import register, register_labels

register({
    "settle.missing": ("缺少选项：{options}", "missing options: {options}"),
    "settle.pool_without_scheme": ("--pool-balance 须与 --scheme 一同使用", "--pool-balance needs --scheme"),
})
register_labels({"处置所得": "proceeds", "处置费用": "costs", "利息": "interest", "本金": "principal",
                 "罚息": "penalty interest", "资金池余额": "pool balance"})

_AMOUNTS = (("proceeds", "处置所得"), ("costs", "处置费用"), ("interest", "利息"), ("principal", "本金"))


def add_parsers(sub: Subparsers) -> None:
    settle = command(sub, "settle", run_settle, needs=_settle_needs,
                     help="settlement waterfall and loss sharing: computed without a case (nothing written), "
                          "or a disposal case settled")
    disposal_cases.add_settle_case(settle)
    settle.add_argument("--proceeds", metavar="X", help="what the disposal fetched (yuan)")
    settle.add_argument("--costs", metavar="C", help="disposal and enforcement costs (paid first)")
    settle.add_argument("--interest", metavar="I", help="interest owed")
    settle.add_argument("--principal", metavar="P", help="principal owed")
    settle.add_argument("--penalty", metavar="N", help="penalty interest owed (default 0)")
    settle.add_argument("--scheme", metavar="NAME",
                        help="share the shortfall: kejizhixing, germany, pudong[:FUND%], city:PARTY=PCT,…, "
                             "guarantee_insured:COVER%,REIMB%, capp:PRICE")
    settle.add_argument("--pool-balance", metavar="B", help="the scheme's pool balance (default: enough)")
    disposal_cases.add_parsers(sub)


def _settle_needs(args: argparse.Namespace) -> str:
    """A case is settled on the workstation; the computation alone needs nothing."""
    return WORKSTATION if getattr(args, "case", None) else NOTHING


def _money(value: str | None, field: str, label: str, problems: list[Any]) -> Decimal | None:
    from ipdesk.domain.shared.fields import parse_money
    from ipdesk.domain.shared.problems import Problem

    amount, found = parse_money(value, field, label)
    if not found and amount is not None and amount < 0:
        found = [Problem("negative", field, {"label": label, "value": value})]
    problems.extend(found)
    return amount


def run_settle(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    if args.case:
        return disposal_cases.run_settle_case(args, ws)
    return _run_settle_amounts(args)


def _run_settle_amounts(args: argparse.Namespace) -> int:
    from ipdesk.domain.disposal.waterfall import Claim, settle
    from ipdesk.domain.funds.schemes import parse_scheme
    from ipdesk.domain.funds.sharing import Loss, share_loss
    from ipdesk.domain.shared.money import ZERO
    from ipdesk.domain.shared.problems import Problem, ValidationError

    missing = ["--" + name for name, _ in _AMOUNTS if getattr(args, name) in (None, "")]
    if missing:
        raise ValidationError(Problem("settle.missing", "settle", {"options": " ".join(missing)}))
    problems: list[Problem] = []
    amounts = {name: _money(getattr(args, name), name, label, problems) for name, label in _AMOUNTS}
    penalty = _money(args.penalty, "penalty", "罚息", problems) or ZERO
    pool = _money(args.pool_balance, "pool_balance", "资金池余额", problems)
    if pool is not None and not args.scheme:
        problems.append(Problem("settle.pool_without_scheme", "pool_balance"))
    if problems:
        raise ValidationError(problems)
    proceeds, costs, interest, principal = (amounts[name] or ZERO for name, _ in _AMOUNTS)
    scheme = parse_scheme(args.scheme) if args.scheme else None
    result = settle(proceeds, Claim(principal=principal, interest=interest, penalty=penalty, costs=costs))
    sharing = None
    if scheme is not None:
        loss = Loss(result.shortfall.principal, result.shortfall.interest + result.shortfall.costs)
        sharing = share_loss(scheme, loss, pool_balance=pool, proceeds=proceeds)
    emit(settlement_json(result, sharing))
    return EXIT_OK


def settlement_json(result: Any, sharing: Any) -> dict[str, Any]:
    """The waterfall and the loss sharing as ``ipdesk settle`` prints them (amounts: two-place strings)."""
    from ipdesk.domain.disposal.waterfall import Head

    def m(value: Decimal) -> str:
        return f"{value:.2f}"

    shortfall = result.shortfall
    return {
        "waterfall": {
            "costs": m(result.paid[Head.COSTS]), "penalty": m(result.paid[Head.PENALTY]),
            "interest": m(result.paid[Head.INTEREST]), "principal": m(result.paid[Head.PRINCIPAL]),
            "surplus_to_pledgor": m(result.surplus_to_pledgor),
            "shortfall": {"principal": m(shortfall.principal), "interest": m(shortfall.interest),
                          "total": m(shortfall.total)},
        },
        "loss_sharing": None if sharing is None else {
            "scheme": sharing.scheme, "shares": {party: m(amount) for party, amount in sharing.amounts().items()},
        },
    }
