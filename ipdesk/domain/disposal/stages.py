"""The disposal case's stages as data: their order, documents, working-day deadlines, who may act, and
the routes a pledgee may take (Civil Code 436, DOMAIN.md §10).

A case moves forward one stage at a time (:func:`next_stage`): completing a stage needs its documents
and its facts, and leads to the next stage of the case's *plan* (the route decides whether the IP is
listed on the marketplace: a set-off, a negotiated sale, a committed buyer or a licence has no listing
stage). Going back is a recorded reversing act, allowed only while what the stage did stays inside the
case: a settlement has paid the loan and the funds, a transfer changed the register's owners and a
cancellation ended the pledge, so those are final (a correction is a new recorded act of its own).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from ipdesk.domain.office.workdays import WorkCalendar
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem

register({
    "disposal.missing_documents": ("「{stage}」阶段缺少材料：{documents}",
                                   "the stage '{stage}' lacks documents: {documents}"),
    "disposal.missing_fact": ("「{stage}」阶段缺少：{fact}", "the stage '{stage}' needs: {fact}"),
    "disposal.unknown_document": ("「{stage}」阶段没有材料 {code}（可选：{known}）",
                                  "the stage '{stage}' has no document {code} (one of: {known})"),
    "disposal.unknown_route": ("未知的处置方式：{route}（可选：{known}）",
                               "unknown disposal route: {route} (one of: {known})"),
    "disposal.closed": ("处置案件 {case} 已结案", "disposal case {case} is closed"),
    "disposal.not_reversible": ("「{stage}」阶段已产生案件以外的效果（{why}），不能撤回",
                                "the stage '{stage}' cannot be undone: {why}"),
    "disposal.nothing_to_reverse": ("处置案件 {case} 尚无可撤回的阶段", "disposal case {case} has no step to undo"),
    "disposal.reason_required": ("撤回须说明理由", "undoing a step needs a reason"),
})


class Stage(enum.StrEnum):
    DEFAULT_NOTICE = "default_notice"
    VALUATION = "valuation"
    ROUTE = "route"
    LISTING = "listing"
    DEAL = "deal"
    SETTLEMENT = "settlement"
    TRANSFER = "transfer"
    CANCELLATION = "cancellation"
    CLOSED = "closed"


class Route(enum.StrEnum):
    """How the pledged IP is realised (Civil Code 436; 变卖 in its three practical forms; a licence)."""

    SET_OFF = "set_off"  # 协议折价: the pledgee takes the IP at an agreed (market) price
    AUCTION = "auction"  # 拍卖
    NEGOTIATED = "negotiated"  # 变卖 · 协议转让
    TENDER = "tender"  # 变卖 · 招投标
    EXCHANGE = "exchange"  # 变卖 · 挂牌交易
    LICENCE = "licence"  # a licence instead of a sale (the owners stay)
    CAPP = "capp"  # a committed buyer at the guaranteed asset purchase price (seed 000, US model)


@dataclass(frozen=True)
class RouteSpec:
    route: Route
    label: tuple[str, str]
    on_marketplace: bool  # listed as a lot: the plan has a listing stage
    transfers: bool  # the owners change (a licence leaves them)


ROUTES: dict[Route, RouteSpec] = {r.route: r for r in (
    RouteSpec(Route.SET_OFF, ("协议折价", "agreed set-off"), False, True),
    RouteSpec(Route.AUCTION, ("拍卖", "auction"), True, True),
    RouteSpec(Route.NEGOTIATED, ("变卖·协议转让", "sale: negotiated transfer"), False, True),
    RouteSpec(Route.TENDER, ("变卖·招投标", "sale: tender"), True, True),
    RouteSpec(Route.EXCHANGE, ("变卖·挂牌交易", "sale: exchange listing"), True, True),
    RouteSpec(Route.LICENCE, ("许可", "licence instead of a sale"), False, False),
    RouteSpec(Route.CAPP, ("约定收购（CAPP）", "committed buyer (CAPP)"), False, True),
)}


class Acting(enum.StrEnum):
    """Who completes a stage: the agency's disposal officer, or the office (the register's own acts)."""

    AGENCY = "agency"  # Action.MANAGE_DISPOSAL
    RIGHTS = "rights"  # Action.EDIT_RIGHTS: the transfer recordal changes the register's owners
    PLEDGES = "pledges"  # Action.CHANGE_PLEDGE: the pledge's cancellation


@dataclass(frozen=True)
class Document:
    code: str
    label: tuple[str, str]


@dataclass(frozen=True)
class StageSpec:
    """One stage.

    Attributes:
        documents: what must be on the case before the stage can be completed.
        facts: the facts completing it records (``market_value`` …); the service checks each.
        workdays: the deadline, working days from entering the stage (office calendar).
        acting: who may complete it.
        reversible: going back over it once completed is allowed (its effects stay in the case).
        why_final: why not, when it is not.
    """

    stage: Stage
    label: tuple[str, str]
    documents: tuple[Document, ...] = ()
    facts: tuple[str, ...] = ()
    workdays: int = 0
    acting: Acting = Acting.AGENCY
    reversible: bool = True
    why_final: tuple[str, str] = ("", "")


def _d(code: str, zh: str, en: str) -> Document:
    return Document(code, (zh, en))


STAGES: dict[Stage, StageSpec] = {s.stage: s for s in (
    StageSpec(Stage.DEFAULT_NOTICE, ("违约通知", "default notice"),
              (_d("default_notice", "违约及处置通知书", "notice of default and disposal"),
               _d("service_proof", "送达回证", "proof of service")), workdays=5),
    StageSpec(Stage.VALUATION, ("处置评估", "valuation for disposal"),
              (_d("valuation_report", "处置评估报告", "valuation report for disposal"),),
              ("market_value", "forced_value"), workdays=20),
    StageSpec(Stage.ROUTE, ("处置方式", "route"),
              (_d("disposal_plan", "处置方案", "disposal plan"),), ("route",), workdays=10),
    StageSpec(Stage.LISTING, ("挂牌", "listing"),
              (_d("listing_notice", "挂牌（拍卖）公告", "listing or auction notice"),), ("listing",), workdays=30),
    StageSpec(Stage.DEAL, ("成交", "deal"),
              (_d("deal_contract", "成交确认书或转让（许可）合同", "deal confirmation or contract"),),
              ("buyer", "price"), workdays=20),
    StageSpec(Stage.SETTLEMENT, ("清偿分配", "settlement"),
              (_d("settlement_statement", "清偿分配表", "settlement statement"),), ("settled",), workdays=10,
              reversible=False, why_final=("已清偿贷款并分担损失", "the settlement paid the loan and shared the loss")),
    StageSpec(Stage.TRANSFER, ("转让登记", "transfer recordal"),
              (_d("pledgee_consent", "质权人同意转让书", "the pledgee's consent"),
               _d("transfer_application", "著录项目变更（转让）申请", "application to record the transfer")),
              workdays=15, acting=Acting.RIGHTS, reversible=False,
              why_final=("登记簿权利人已变更", "the register's owners changed")),
    StageSpec(Stage.CANCELLATION, ("质押注销", "pledge cancellation"),
              (_d("cancellation_application", "质押注销登记申请", "application to cancel the pledge"),),
              workdays=10, acting=Acting.PLEDGES, reversible=False,
              why_final=("质押登记已注销", "the pledge was cancelled")),
    StageSpec(Stage.CLOSED, ("结案", "closed")),
)}

#: Every stage in order; a case's plan is this order less the stages its route leaves out.
ORDER: tuple[Stage, ...] = tuple(STAGES)


def plan(route: Route | None) -> tuple[Stage, ...]:
    """The stages a case goes through; before the route is chosen, as if it were listed (the most steps)."""
    listed = route is None or ROUTES[route].on_marketplace
    return tuple(s for s in ORDER if s is not Stage.LISTING or listed)


def next_stage(current: Stage, route: Route | None) -> Stage:
    stages = plan(route)
    return stages[stages.index(current) + 1]


def previous_stage(current: Stage, route: Route | None) -> Stage | None:
    stages = plan(route)
    i = stages.index(current)
    return stages[i - 1] if i > 0 else None


def due_date(stage: Stage, entered: date, calendar: WorkCalendar) -> date | None:
    """The stage's deadline: its working days counted from the day it was entered (none for ``closed``)."""
    days = STAGES[stage].workdays
    return calendar.add_workdays(entered, days) if days else None


def parse_route(text: str) -> Route:
    """The route named by ``text`` (raises ValueError for an unknown one; :func:`route_problem` says why)."""
    return Route(text.strip().lower())


def route_problem(text: str) -> Problem | None:
    try:
        parse_route(text)
    except ValueError:
        return Problem("disposal.unknown_route", "route",
                       {"route": text, "known": ", ".join(r.value for r in Route)})
    return None


def missing_documents(stage: Stage, have: set[str]) -> Problem | None:
    """The problem naming the stage's documents not on the case, or ``None``."""
    spec = STAGES[stage]
    missing = [d for d in spec.documents if d.code not in have]
    if not missing:
        return None
    return Problem("disposal.missing_documents", "documents", {
        "stage": spec.label[0], "stage_en": spec.label[1],
        "documents": "、".join(d.label[0] for d in missing), "documents_en": ", ".join(d.label[1] for d in missing),
    })


def document_problem(stage: Stage, code: str) -> Problem | None:
    spec = STAGES[stage]
    if any(d.code == code for d in spec.documents):
        return None
    return Problem("disposal.unknown_document", "documents", {
        "stage": spec.label[0], "stage_en": spec.label[1], "code": code,
        "known": ", ".join(d.code for d in spec.documents) or "—"})


FACT_LABELS: dict[str, tuple[str, str]] = {
    "market_value": ("市场价值", "market value"),
    "forced_value": ("强制变现价值", "forced-sale value"),
    "route": ("处置方式", "route"),
    "listing": ("挂牌信息（交易场所或公告）", "listing (venue or announcement)"),
    "lot": ("拍品编号", "marketplace lot"),
    "buyer": ("受让方", "buyer"),
    "price": ("成交价", "price"),
    "settled": ("清偿分配（ipdesk settle）", "the settlement (ipdesk settle)"),
}


def missing_fact(stage: Stage, fact: str) -> Problem:
    spec = STAGES[stage]
    zh, en = FACT_LABELS.get(fact, (fact, fact))
    return Problem("disposal.missing_fact", fact, {"stage": spec.label[0], "stage_en": spec.label[1],
                                                    "fact": zh, "fact_en": en})


def not_reversible(stage: Stage) -> Problem:
    spec = STAGES[stage]
    return Problem("disposal.not_reversible", "stage", {"stage": spec.label[0], "stage_en": spec.label[1],
                                                        "why": spec.why_final[0], "why_en": spec.why_final[1]})
