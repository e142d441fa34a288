"""The navigation areas: one :class:`AreaSpec` per area, and nothing else to edit to add one.

A spec says everything the main window needs: the key (settings, object names), the icon, the title and
description in Chinese and English, which page builds it, the permission it needs and the change kinds
(:data:`ipdesk.domain.shared.changes.KINDS`) its page watches. The order of :data:`AREAS` is the order of
the navigation, and the first ten get Alt+1 … Alt+0. An area without a builder (or whose builder finds no
service) shows the honest "coming in a later version" page.

This module sits above every GUI context (like the main window): it is where contexts are wired to each
other — the workbench tiles open the pledges list, the pledges page gets the notice actions — so that no
context imports a later one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ipdesk.domain.shared.changes import KINDS
from ipdesk.domain.shared.permissions import Action
from ipdesk.domain.shared.views import View
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.common.workstation import Workstation, has_service


class AreaHost(Protocol):
    """What a page builder may use of the main window: the workstation, the language, the other areas."""

    workstation: Workstation
    lang: str

    def show_area(self, key: str) -> None: ...

    def page(self, key: str) -> QWidget: ...


#: builds the page of an area; None when the workstation lacks its service (the window shows "coming")
PageBuilder = Callable[[AreaHost], "QWidget | None"]


@dataclass(frozen=True)
class AreaSpec:
    """One navigation area.

    Attributes:
        key: its name in settings and object names (``"pledges"``).
        icon: the icon name (``ipdesk.gui.icons``).
        title, description: (Chinese, English); the description is shown on the "coming" page.
        build: the page builder; None while the area is still to come.
        permission: what the user's role must be allowed to see the area at all: a ``View`` (the read
            table, ``ipdesk.domain.shared.views``) or an ``Action``; None: every user.
        watches: the change kinds that make its page stale (the main window refreshes it on them).
    """

    key: str
    icon: str
    title: tuple[str, str]
    description: tuple[str, str] = ("", "")
    build: PageBuilder | None = None
    permission: View | Action | None = None
    watches: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        unknown = set(self.watches) - set(KINDS) - {"*"}
        if unknown:
            raise ValueError(f"area {self.key!r} watches unknown change kinds {sorted(unknown)}")

    def title_in(self, lang: str) -> str:
        return pick(self.title, lang)

    def description_in(self, lang: str) -> str:
        return pick(self.description, lang)


def is_page_source(obj: Any) -> bool:
    return obj is not None and all(hasattr(obj, name) for name in ("count", "page", "columns"))


# ---- the page builders (imports are lazy: start-up builds only the area shown first) -------------------


def build_workbench(host: AreaHost) -> QWidget | None:
    ws = host.workstation
    if ws.pledges is None or ws.engine is None:  # a test double without them
        return None
    from ipdesk.gui.workbench.workbench_page import WorkbenchPage

    page = WorkbenchPage(ws, host.lang, open_list=lambda filters: open_pledges(host, filters),
                         open_area=host.show_area, panels=workbench_panels(ws, host.lang))
    if has_service(ws, "risk"):  # the early-warning scan at start-up and every ten minutes
        from ipdesk.gui.risk.scheduler import RiskScheduler

        page.risk_scheduler = RiskScheduler(ws, page, on_changed=page.refresh)
    return page


def workbench_panels(workstation: Workstation, lang: str) -> list[Any]:
    """What later contexts add below the workbench: the statistics' small chart and the deadline digest (where
    the desk has those services; a test double may not)."""
    panels: list[Any] = []
    if has_service(workstation, "statistics"):
        from ipdesk.gui.statistics.workbench_panels import RecentChart

        panels.append(RecentChart(workstation, lang))
    if has_service(workstation, "digest"):
        from ipdesk.gui.statistics.workbench_panels import DigestPanel

        panels.append(DigestPanel(workstation, lang))
    return panels


def build_rights(host: AreaHost) -> QWidget | None:
    if not is_page_source(host.workstation.rights):
        return None
    from ipdesk.gui.registry.rights_page import RightsPage

    page = RightsPage(host.workstation, host.lang, detail_sections=right_sections(host.workstation, host.lang))
    if has_service(host.workstation, "custody"):  # 纳入托管 on the selected rights
        from ipdesk.gui.custody.rights_action import add_custody_action

        add_custody_action(page, host.workstation, host.lang)
    return page


def right_sections(workstation: Workstation, lang: str) -> list[Any]:
    """What later contexts add to a right's detail pane: its valuations, its monitoring entries, its annual
    fees (each where the desk has the service; a test double may not)."""
    sections: list[Any] = []
    if has_service(workstation, "valuation"):
        from ipdesk.gui.valuation.valuation_section import RightValuationSection

        sections.append(RightValuationSection(workstation, lang))
    if has_service(workstation, "monitoring"):
        from ipdesk.gui.custody.monitoring_section import MonitoringSection

        sections.append(MonitoringSection(workstation, lang))
    if has_service(workstation, "fees"):
        from ipdesk.gui.fees.fee_section import FeeSection

        sections.append(FeeSection(workstation, lang))
    return sections


def pledge_sections(workstation: Workstation, lang: str) -> list[Any]:
    """What later contexts add to a pledge's detail pane: the loan-to-value line and the rights' valuations,
    the loans behind the pledge, its insurance cover, its open early-warning signals and its disposal cases."""
    sections: list[Any] = []
    if has_service(workstation, "valuation"):
        from ipdesk.gui.valuation.valuation_section import PledgeValuationSection

        sections.append(PledgeValuationSection(workstation, lang))
    if has_service(workstation, "loans"):
        from ipdesk.gui.loans.loan_section import LoanSection

        sections.append(LoanSection(workstation, lang))
    if has_service(workstation, "insurance"):
        from ipdesk.gui.insurance.cover_section import CoverSection

        sections.append(CoverSection(workstation, lang))
    if has_service(workstation, "risk"):
        from ipdesk.gui.risk.risk_section import RiskSection

        sections.append(RiskSection(workstation, lang))
    if has_service(workstation, "disposal"):
        from ipdesk.gui.disposal.case_section import CaseSection

        sections.append(CaseSection(workstation, lang))
    return sections


def build_disposal(host: AreaHost) -> QWidget | None:
    if not has_service(host.workstation, "disposal"):  # a test double without the service
        return None
    from ipdesk.gui.disposal.disposal_page import DisposalPage

    return DisposalPage(host.workstation, host.lang)


def build_custody(host: AreaHost) -> QWidget | None:
    if not has_service(host.workstation, "custody"):  # a test double without the service
        return None
    from ipdesk.gui.custody.custody_page import CustodyPage

    return CustodyPage(host.workstation, host.lang)


def build_market(host: AreaHost) -> QWidget | None:
    if not has_service(host.workstation, "market"):  # a test double without the service
        return None
    from ipdesk.gui.marketplace.market_page import MarketPage

    return MarketPage(host.workstation, host.lang)


def build_pools(host: AreaHost) -> QWidget | None:
    if not has_service(host.workstation, "pools"):  # a test double without the service
        return None
    from ipdesk.gui.marketplace.pools_page import PoolsPage

    return PoolsPage(host.workstation, host.lang)


def build_matchmaking(host: AreaHost) -> QWidget | None:
    if not has_service(host.workstation, "matchmaking"):  # a test double without the service
        return None
    from ipdesk.gui.matchmaking.matchmaking_page import MatchmakingPage

    # 转为质押申请 files the line's application; the pledge register then shows it, selected.
    return MatchmakingPage(host.workstation, host.lang, open_application=lambda pledge_id, application_no:
                           open_pledges(host, {"search": application_no, "select": str(pledge_id)}))


def build_insurance(host: AreaHost) -> QWidget | None:
    if not has_service(host.workstation, "insurance"):  # a test double without the service
        return None
    from ipdesk.gui.insurance.insurance_page import InsurancePage

    return InsurancePage(host.workstation, host.lang)


def build_risk(host: AreaHost) -> QWidget | None:
    if not has_service(host.workstation, "risk"):
        return None
    from ipdesk.gui.risk.risk_page import RiskPage

    opens = has_service(host.workstation, "disposal")
    return RiskPage(host.workstation, host.lang, open_case=(lambda s: open_case_on_signal(host, s)) if opens else None)


def build_statistics(host: AreaHost) -> QWidget | None:
    if not has_service(host.workstation, "statistics"):  # a test double without the service
        return None
    from ipdesk.gui.statistics.statistics_page import StatisticsPage

    return StatisticsPage(host.workstation, host.lang)


def build_parties(host: AreaHost) -> QWidget | None:
    if not is_page_source(host.workstation.parties):
        return None
    from ipdesk.gui.registry.parties_page import PartiesPage

    return PartiesPage(host.workstation, host.lang, show_rights=lambda pid, name: show_rights_of(host, pid, name))


def pledges_page(workstation: Workstation, lang: str) -> QWidget:
    """The pledge register with the notice actions (打印通知书…, 批量打印…, 通知书记录…) after its own."""
    from ipdesk.gui.notices.notice_list import add_notice_actions
    from ipdesk.gui.pledges.pledges_page import PledgesPage

    return PledgesPage(workstation, lang, more_actions=[lambda page: add_notice_actions(page, workstation)],
                       detail_sections=pledge_sections(workstation, lang))


def build_pledges(host: AreaHost) -> QWidget | None:
    if not is_page_source(host.workstation.pledge_list):
        return None
    return pledges_page(host.workstation, host.lang)


def build_register_search(host: AreaHost) -> QWidget | None:
    if not is_page_source(host.workstation.register_search):
        return None
    from ipdesk.gui.notices.search_page import SearchPage

    return SearchPage(host.workstation, host.lang)


def build_audit(host: AreaHost) -> QWidget | None:
    if not is_page_source(host.workstation.audit):
        return None
    from ipdesk.gui.audit.audit_page import AuditPage

    return AuditPage(host.workstation, host.lang)


def build_settings(host: AreaHost) -> QWidget | None:
    from ipdesk.gui.office.settings_page import SettingsPage

    return SettingsPage(host.workstation, extra_tabs=settings_tabs(host.workstation, host.lang))


def settings_tabs(workstation: Workstation, lang: str) -> list[QWidget]:
    """What later contexts add to the settings area: the valuation settings (validity, LTV caps, buffer)."""
    tabs: list[QWidget] = []
    if has_service(workstation, "valuation"):
        from ipdesk.gui.valuation.valuation_settings import ValuationSettingsForm

        tabs.append(ValuationSettingsForm(workstation, lang))
    return tabs


# ---- how areas reach each other ---------------------------------------------------------------------


def open_pledges(host: AreaHost, filters: Mapping[str, str]) -> None:
    """Switch to the pledges page showing exactly ``filters`` (a workbench tile, a pending application)."""
    host.show_area("pledges")
    page = host.page("pledges")
    if hasattr(page, "apply_filters"):
        page.apply_filters(filters)


def open_case_on_signal(host: AreaHost, signal: Any) -> None:
    """启动处置 from a risk signal: the case form on its pledge; once opened, the disposal desk shows the case."""
    from ipdesk.gui.disposal.case_forms import OpenCaseForm
    from ipdesk.gui.tasks import runner

    ws, parent = host.workstation, host.page("risk")

    def opened(changed: Any) -> None:
        host.show_area("disposal")
        page = host.page("disposal")
        if hasattr(page, "focus_case"):
            page.focus_case(changed.value.id)

    def present_form(funds: list[Any]) -> None:
        form = OpenCaseForm(ws, signal.pledge_no, parent=parent, lang=host.lang, funds=funds)
        form.saved.connect(opened)
        form.open()

    runner().run(ws.funds.list, on_result=present_form, name="funds for a case")  # read off the GUI thread


def show_rights_of(host: AreaHost, party_id: Any, name: str) -> None:
    """Switch to the rights page filtered to one owner (a removable chip above the table)."""
    host.show_area("rights")
    page = host.page("rights")
    if hasattr(page, "set_chip_filter"):
        text = QCoreApplication.translate("RightsPage", "权利人：{name}").format(name=name)
        page.set_chip_filter("owner", str(party_id), text)


# ---- the areas, in navigation order ---------------------------------------------------------------

_NAMES = frozenset({"rights", "parties", "pledges"})  # the names of parties and rights show in other lists

AREAS: tuple[AreaSpec, ...] = (
    AreaSpec(
        "workbench", "workbench", ("工作台", "Workbench"),
        ("今天要处理的事项：按时限排列的申请、待补正材料、本周到期年费、风险信号、处置案件和今日截止的拍卖。",
         "What needs doing today: applications by time left, corrections awaiting documents, annual fees "
         "due this week, risk signals, disposal cases and auctions closing today."),
        build=build_workbench, permission=View.WORKBENCH,
        watches=frozenset({"pledges", "settings", "decisions", "lots", "signals", "policies"}),
    ),
    AreaSpec("rights", "rights", ("知识产权", "IP rights"), build=build_rights, permission=View.RIGHTS,
             watches=frozenset({"rights", "parties", "pledges"})),
    AreaSpec("parties", "parties", ("当事人", "Parties"), build=build_parties, permission=View.PARTIES,
             watches=frozenset({"parties", "rights"})),
    AreaSpec(
        "pledges", "pledge", ("质押登记", "Pledges"),
        ("专利、商标、著作权质押登记的受理、审查、变更与注销。",
         "Receiving, examining, changing and cancelling pledge registrations of patents, trademarks and "
         "copyrights."),
        build=build_pledges, permission=View.PLEDGES, watches=_NAMES | {"notices", "settings"},
    ),
    AreaSpec("register_search", "search", ("登记查询", "Register search"), build=build_register_search,
             watches=_NAMES),
    AreaSpec("custody", "custody", ("托管", "Custody"),
             ("维权托管与维持托管：年费缴纳清单、监测与维权案件。",
              "Rights-protection and maintenance custody: annual fees due, monitoring and enforcement cases."),
             build=build_custody, permission=View.CUSTODY, watches=frozenset({"rights", "parties"})),
    AreaSpec("insurance", "insurance", ("保险", "Insurance"),
             ("知识产权保险保单与理赔、保费补贴。", "IP insurance policies, claims and premium subsidies."),
             build=build_insurance, permission=View.INSURANCE, watches=frozenset({"policies", "parties", "rights"})),
    AreaSpec("risk", "risk", ("风险预警", "Risk"),
             ("质押知识产权的风险预警规则、信号与处置措施。",
              "Early-warning rules, signals and measures for pledged IP."), build=build_risk, permission=View.RISK,
             watches=frozenset({"signals", "pledges", "rights", "loans", "policies", "settings"})),
    AreaSpec("disposal", "disposal", ("处置", "Disposal"),
             ("违约后质押物的处置流程：从违约到注销的案件办理。",
              "Disposal of pledged IP after default: cases from default to cancellation."),
             build=build_disposal, permission=View.DISPOSAL,
             watches=frozenset({"cases", "funds", "loans", "pledges", "rights"})),
    AreaSpec("market", "market", ("流转市场", "Marketplace"),
             ("专利流转市场：挂牌、拍卖、招标、协议转让与许可。",
              "Patent marketplace: listings, auctions, tenders, negotiated sales and licences."),
             build=build_market, permission=View.MARKET, watches=frozenset({"lots", "rights", "parties"})),
    AreaSpec("pools", "pool", ("专利池", "Patent pools"),
             ("专利池信托融资：成员、信托计划、许可收入分配与打包出质。",
              "Patent-pool trust financing: members, trust plan, licence income distribution, package pledge."),
             build=build_pools, permission=View.POOLS, watches=frozenset({"parties", "rights", "pledges"})),
    AreaSpec("matchmaking", "match", ("银企对接", "Matchmaking"),  # the navigation is narrow
             ("银企对接会：银行向企业集中授信，按企业和银行登记授信额度，一键转为质押登记申请。",
              "Bank–enterprise matchmaking events: credit lines per firm and bank, each turned into a pledge "
              "application in one step."),
             build=build_matchmaking, permission=View.MATCHMAKING, watches=frozenset({"pledges", "parties",
                                                                                      "rights"})),
    AreaSpec("statistics", "stats", ("统计", "Statistics"),
             ("按年度、类型、银行、地区统计质押金额和件数，并可导出。",
              "Pledge amounts and counts by year, kind, bank and region, with export."),
             build=build_statistics, permission=View.STATISTICS,
             watches=frozenset({"pledges", "parties", "rights"})),
    AreaSpec("audit", "audit", ("审计", "Audit"), ("审计日志浏览与校验。", "Browse and verify the audit log."),
             build=build_audit, permission=View.AUDIT, watches=frozenset({"audit"})),
    AreaSpec("settings", "settings", ("设置", "Settings"), build=build_settings,
             watches=frozenset({"settings", "keys"})),
)
