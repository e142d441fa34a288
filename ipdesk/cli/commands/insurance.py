"""Insurance commands: ``ipdesk insurance add|show|list|claim|claims|check-claim|approve-claim|reject-claim|
pay-claim|subsidies`` (JSON).

A policy is named by its number or ``#id``, a claim by its number (``<policy-no>-01``) or ``#id``; another
insurer's policy or claim reads as not found for an insurer officer. Dates default to today on the office
clock (``--now`` sets it).
"""

from __future__ import annotations

import argparse
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, Subparsers, command, date_arg, emit
from ipdesk.config import AppConfig

PRODUCTS = ["enforcement", "infringement_loss", "liability", "loan_guarantee"]


def add_parsers(sub: Subparsers) -> None:
    ins = command(sub, "insurance", run_insurance, help="patent insurance: policies, subsidies and claims")
    ins_sub = ins.add_subparsers(dest="insurance_command", required=True)

    add = ins_sub.add_parser("add", help="enter a policy (eligibility checked, the subsidy computed)")
    add.add_argument("--product", required=True, choices=PRODUCTS,
                     help="专利执行保险, 专利被侵权损失保险, 侵犯专利权责任保险 or 知识产权质押融资保证保险")
    add.add_argument("--insurer", required=True, help="the insurer: USCC, exact name or #id")
    add.add_argument("--insured", required=True, help="the insured (the patentee): USCC, exact name or #id")
    add.add_argument("--rights", required=True, help="the rights covered, comma-separated numbers")
    add.add_argument("--limit", required=True, help="aggregate indemnity limit, yuan")
    add.add_argument("--premium", required=True, help="yuan")
    add.add_argument("--from", dest="start", required=True, help="the policy's first day")
    add.add_argument("--to", dest="end", required=True, help="its last day")
    add.add_argument("--subsidy-class", choices=["sme", "champion"],
                     help="the firm's class in the premium-subsidy scheme (none: no subsidy)")
    add.add_argument("--subsidy", help="a subsidy amount stated instead of the scheme's (checked against it)")
    add.add_argument("--holder", help="the policyholder (投保人) if not the insured")
    add.add_argument("--policy-no", help="the insurer's policy number (default: numbered BX<year><seq>)")
    add.add_argument("--limit-per-right", help="indemnity limit per right, yuan")
    add.add_argument("--deductible", help="per claim, yuan (default 0)")
    add.add_argument("--retroactive", help="retroactive date (infringements first occurring from it are covered)")
    add.add_argument("--coinsurance", help="guarantee cover: the insurer's share of the bad debt, per cent")
    add.add_argument("--pledge", help="the pledge's registration number the policy is taken out for")
    add.add_argument("--consent", action="store_true", help="the co-owners' written consent is on file")

    show = ins_sub.add_parser("show", help="a policy with its amounts and claims")
    show.add_argument("policy", help="policy number or #id")
    lst = ins_sub.add_parser("list", help="the policies you may see")
    lst.add_argument("--active", action="store_true", help="only those in force today")
    subsidies = ins_sub.add_parser("subsidies", help="premium, subsidy and the firms' share per policyholder")
    subsidies.add_argument("--year", type=int, help="policies starting in this year (default this year)")

    claim = ins_sub.add_parser("claim", help="enter a claim on a policy")
    claim.add_argument("policy", help="policy number or #id")
    claim.add_argument("--amount", required=True, help="amount claimed, yuan")
    claim.add_argument("--on", help="date of the claim (default today)")
    claim.add_argument("--case", required=True, help="the case: court, case number, what happened")
    claim.add_argument("--right", help="the right claimed on (needed when the policy covers several)")
    claim.add_argument("--documents", default="", help="the documents filed with the claim")
    claims = ins_sub.add_parser("claims", help="the claims you may see")
    claims.add_argument("--open", action="store_true", help="only those not yet paid or rejected")
    for name, text in (("check-claim", "the claim's documents are checked"),
                       ("approve-claim", "approve on the covered costs assessed (less the deductible)"),
                       ("reject-claim", "reject the claim"), ("pay-claim", "record the payment")):
        p = ins_sub.add_parser(name, help=text)
        p.add_argument("claim", help="claim number or #id")
        p.add_argument("--on", help="date (default today)")
        if name == "approve-claim":
            p.add_argument("--assessed", required=True, help="covered costs assessed, yuan")
        if name == "reject-claim":
            p.add_argument("--reason", required=True, help="why")
        if name == "pay-claim":
            p.add_argument("--amount", help="yuan (default the approved amount)")


def _amount(text: str | None) -> Any:
    from ipdesk.domain.shared.fields import parse_money, required
    from ipdesk.domain.shared.problems import ValidationError

    if text is None:
        return None
    amount, problems = parse_money(text, "amount", "金额")
    if amount is None and not problems:
        problems = [required("amount", "金额")]
    if problems:
        raise ValidationError(problems)
    return amount


def _policy_data(args: argparse.Namespace) -> dict[str, Any]:
    data = {"product": args.product, "insurer": args.insurer, "insured": args.insured, "rights": args.rights,
            "limit": args.limit, "premium": args.premium, "from": args.start, "to": args.end,
            "subsidy_class": args.subsidy_class, "consent": args.consent}
    for key in ("subsidy", "holder", "policy_no", "limit_per_right", "deductible", "retroactive", "coinsurance",
                "pledge"):
        if getattr(args, key) is not None:
            data[key] = getattr(args, key)
    return data


def run_insurance(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    policies, claims, actor, cmd = ws.insurance, ws.claims, ws.actor, args.insurance_command
    if cmd == "add":
        emit(policies.add(actor, _policy_data(args)).value.to_json())
    elif cmd == "show":
        emit(policies.find(actor, args.policy).to_json())
    elif cmd == "list":
        emit({"policies": [{k: v for k, v in p.to_json().items() if k != "claims"}
                           for p in policies.list(actor, active_only=args.active)]})
    elif cmd == "subsidies":
        year = args.year or ws.clock.today().year
        emit({"year": year, "holders": policies.subsidy_summary(actor, year)})
    elif cmd == "claim":
        policy = policies.find(actor, args.policy)
        data = {"amount": args.amount, "on": date_arg(args.on, ws.clock), "case": args.case, "right": args.right,
                "documents": args.documents}
        done = claims.file(actor, policy.id, data).value
        emit({**done.to_json(), "remaining_limit": f"{policies.get(actor, policy.id).remaining():.2f}"})
    elif cmd == "claims":
        emit({"claims": [c.to_json() for c in claims.list(actor, open_only=args.open)]})
    else:
        claim_id = claims.find(actor, args.claim).id
        on = date_arg(args.on, ws.clock)
        if cmd == "check-claim":
            done = claims.check(actor, claim_id, on=on)
        elif cmd == "approve-claim":
            done = claims.approve(actor, claim_id, _amount(args.assessed), on=on)
        elif cmd == "reject-claim":
            done = claims.reject(actor, claim_id, args.reason, on=on)
        else:
            done = claims.pay(actor, claim_id, _amount(args.amount), on=on)
        emit(done.value.to_json())
    return EXIT_OK
