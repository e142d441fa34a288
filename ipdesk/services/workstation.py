"""The composition root of the core: engine → migrations → services, shared by the GUI and the CLI."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from ipdesk.config import AppConfig
from ipdesk.domain.pledges.maker_checker import DecisionKind
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.services.audit import AuditService
from ipdesk.services.audit import binding as audit_binding
from ipdesk.services.audit import keys as audit_keys
from ipdesk.services.custody.maintenance import CustodyService
from ipdesk.services.custody.monitoring import MonitoringService
from ipdesk.services.disposal.service import DisposalService
from ipdesk.services.fees.service import FeeService
from ipdesk.services.fees.status import FeeStatus
from ipdesk.services.funds.ledger import FundService
from ipdesk.services.insurance.claims import ClaimService
from ipdesk.services.insurance.service import InsuranceService
from ipdesk.services.loans.service import LoanService
from ipdesk.services.marketplace.pools import PoolService
from ipdesk.services.marketplace.service import MarketService
from ipdesk.services.matchmaking.service import MatchmakingService
from ipdesk.services.notices.register_search import RegisterSearch
from ipdesk.services.notices.service import NoticeService
from ipdesk.services.office.settings import OfficeService
from ipdesk.services.pledges.queries import PledgeListSource
from ipdesk.services.pledges.service import PledgeService
from ipdesk.services.registry.parties import PartyService
from ipdesk.services.registry.rights import RightService
from ipdesk.services.risk.service import RiskService
from ipdesk.services.statistics.digest import DigestService
from ipdesk.services.statistics.pledges import PledgeStatistics
from ipdesk.services.users.service import UserService
from ipdesk.services.valuation.analysis import ValueAnalysisService
from ipdesk.services.valuation.service import ValuationService
from ipdesk.storage import migrate
from ipdesk.storage.engine import check_connection, describe, make_engine
from ipdesk.storage.private import private_dir


def default_actor() -> Actor:
    """Who acts before the database has its first user: the OS user, role from IPDESK_ROLE (default admin, with
    every duty: nobody else is there yet). The front ends let it do only the bootstrap (the first
    administrator) and the demo data; after that everyone signs in."""
    try:
        name = getpass.getuser()
    except Exception:
        name = "clerk"
    role = os.environ.get("IPDESK_ROLE", Role.ADMIN.value)
    return Actor(name, Role(role) if role in Role.__members__.values() else Role.CLERK, decides=True)


@dataclass
class Workstation:
    """Everything a front end needs: configuration, the acting user, the office clock and the services.

    ``clock`` is the one clock every service, report and widget asks for "now" and "today": the instant of
    the given clock (the system's by default; a :class:`~ipdesk.domain.shared.clock.FixedClock` in tests
    and ``ipdesk --now``), dates in the office's timezone (an office setting, read here and followed
    when it is saved).
    """

    config: AppConfig
    engine: Engine
    actor: Actor
    migration_backup: Path | None = None
    clock: Clock = field(default_factory=OfficeClock)
    rights: RightService = field(init=False)
    parties: PartyService = field(init=False)
    audit: AuditService = field(init=False)
    pledges: PledgeService = field(init=False)
    office: OfficeService = field(init=False)
    pledge_list: PledgeListSource = field(init=False)
    notices: NoticeService = field(init=False)
    register_search: RegisterSearch = field(init=False)
    users: UserService = field(init=False)
    valuation: ValuationService = field(init=False)
    value_analysis: ValueAnalysisService = field(init=False)
    monitoring: MonitoringService = field(init=False)
    loans: LoanService = field(init=False)
    insurance: InsuranceService = field(init=False)
    claims: ClaimService = field(init=False)
    risk: RiskService = field(init=False)
    fees: FeeService = field(init=False)
    custody: CustodyService = field(init=False)
    statistics: PledgeStatistics = field(init=False)
    digest: DigestService = field(init=False)
    market: MarketService = field(init=False)
    pools: PoolService = field(init=False)
    matchmaking: MatchmakingService = field(init=False)
    funds: FundService = field(init=False)
    disposal: DisposalService = field(init=False)

    def __post_init__(self) -> None:
        # A bare system or fixed clock is read in the office's zone, which the office settings name.
        clock = self.clock if isinstance(self.clock, OfficeClock) else OfficeClock(self.clock)
        self.clock = clock
        self.office = OfficeService(self.engine, clock)
        clock.set_zone(self.office.settings().timezone)
        self.rights = RightService(self.engine, clock=clock)
        self.parties = PartyService(self.engine, clock=clock)
        self.audit = AuditService(self.engine)
        self.pledges = PledgeService(self.engine, clock=clock)
        self.pledge_list = PledgeListSource(self.engine, clock=clock)
        self.notices = NoticeService(self.engine, self.config.keys_dir, clock=clock)
        # A confirmed notice revocation runs in the notices context (the pledges context cannot import it).
        self.pledges.confirmers[DecisionKind.REVOKE_NOTICE] = self.notices.revoke_confirmed_in
        self.register_search = RegisterSearch(self.engine, self.notices, clock=clock)
        self.users = UserService(self.engine, clock, self.office)
        self.valuation = ValuationService(self.engine, clock=clock)
        self.value_analysis = ValueAnalysisService(self.engine, clock=clock)
        self.monitoring = MonitoringService(self.engine, clock=clock)
        self.rights.edit_guards.append(self.monitoring.keep_invalidation_flag)
        self.loans = LoanService(self.engine, clock)
        self.statistics = PledgeStatistics(self.engine, clock)
        # The audit log is keyed with the data folder's secret; its head is checkpointed there, signed
        # with the office key (loaded when the first checkpoint is written).
        audit_keys.attach(self.engine, self.config.keys_dir, self.config.data_dir,
                          signer=lambda: self.notices.keys.signer())
        audit_binding.baseline(self.engine, clock)  # a register from before state binding: bind it once
        audit_binding.extend(self.engine, clock)  # and the kinds of record bound since it was, once
        # The annual-fee engine is the one source of a tracked patent's legal status, wherever it is shown
        # or examined: the register and the pledge services read it through this source.
        status = FeeStatus(self.office)
        self.rights.status = status
        self.pledges.status = status
        self.fees = FeeService(self.engine, clock=clock, office=self.office, status=status)
        self.custody = CustodyService(self.engine, self.fees, clock=clock)
        self.digest = DigestService(self.engine, self.fees, self.loans, clock)
        self.market = MarketService(self.engine, clock, status=status, pledges=self.pledges,
                                    notices=self.notices)
        self.pools = PoolService(self.engine, clock, pledges=self.pledges)
        self.matchmaking = MatchmakingService(self.engine, clock, pledges=self.pledges)
        self.funds = FundService(self.engine, clock=clock)
        self.disposal = DisposalService(self.engine, clock=clock, loans=self.loans, pledges=self.pledges,
                                        office=self.office, funds=self.funds, notices=self.notices,
                                        market=self.market)
        self.insurance = InsuranceService(self.engine, clock, status)
        self.claims = ClaimService(self.engine, clock)
        self.risk = RiskService(self.engine, self.loans, clock, status)

    @property
    def database_description(self) -> str:
        return describe(self.engine)

    def close(self) -> None:
        self.engine.dispose()


def open_workstation(config: AppConfig, actor: Actor | None = None, *, migrate_now: bool = True,
                     clock: Clock | None = None, create: bool = False) -> Workstation:
    """Build the engine, bring the schema up to date (backing the SQLite file up first) and wire services
    around one office clock (``clock``'s instant, default the system's; dates in the office timezone).

    ``create``: make a new SQLite database when there is none (the GUI's first start); otherwise a missing
    file is ``db.missing`` (a mistyped path must not become a new, empty register).
    """
    engine = make_engine(config.database_url)
    try:
        check_connection(engine, create=create)
    except Exception:
        engine.dispose()
        raise
    private_dir(config.data_dir)
    private_dir(config.keys_dir)  # before the office key is made in it
    copy = migrate.upgrade_to_head(engine, config.backup_dir) if migrate_now else None
    return Workstation(config=config, engine=engine, actor=actor or default_actor(),
                       migration_backup=copy, clock=OfficeClock(clock))
