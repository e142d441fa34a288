"""The composition root of the core: engine → migrations → services, shared by the GUI and the CLI.

Each context's service is built (and its module imported) the first time a front end asks for it: the
window's first page needs the register's services, not the disposal desk's or the statistics'
(issue 14 item 5, start-up). The wiring between contexts stays here, done when the service is built.
"""

from __future__ import annotations

import getpass
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from sqlalchemy import Engine

from ipdesk.config import AppConfig
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.storage import migrate
from ipdesk.storage.engine import check_connection, describe, make_engine
from ipdesk.storage.private import private_dir

if TYPE_CHECKING:
    from ipdesk.services.audit import AuditService
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

S = TypeVar("S")
# One lock for every build: a service built from a worker thread and the GUI thread at once is built once,
# and building one may build those it is wired to (re-entrant).
_BUILDING = threading.RLock()


class built(Generic[S]):
    """A service built on first use and kept on the instance (a test may still assign its own)."""

    def __init__(self, build: Callable[[Workstation], S]):
        self._build = build
        self.__doc__ = build.__doc__
        self._name = build.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> built[S]: ...

    @overload
    def __get__(self, obj: Workstation, owner: type | None = None) -> S: ...

    def __get__(self, obj: Workstation | None, owner: type | None = None) -> S | built[S]:
        if obj is None:
            return self
        found = obj.__dict__.get(self._name, _MISSING)
        if found is _MISSING:
            with _BUILDING:
                found = obj.__dict__.get(self._name, _MISSING)
                if found is _MISSING:
                    found = obj.__dict__[self._name] = self._build(obj)
        return found


_MISSING: Any = object()


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
    when it is saved). Opening reads the office settings and keys the audit log; every service is built on
    first use (:class:`built`).
    """

    config: AppConfig
    engine: Engine
    actor: Actor
    migration_backup: Path | None = None
    clock: Clock = field(default_factory=OfficeClock)

    def __post_init__(self) -> None:
        from ipdesk.services.audit import binding as audit_binding
        from ipdesk.services.audit import keys as audit_keys

        # A bare system or fixed clock is read in the office's zone, which the office settings name.
        clock = self.clock if isinstance(self.clock, OfficeClock) else OfficeClock(self.clock)
        self.clock = clock
        clock.set_zone(self.office.settings().timezone)
        # The audit log is keyed with the data folder's secret; its head is checkpointed there, signed
        # with the office key (loaded when the first checkpoint is written).
        audit_keys.attach(self.engine, self.config.keys_dir, self.config.data_dir,
                          signer=lambda: self.notices.keys.signer())
        audit_binding.baseline(self.engine, clock)  # a register from before state binding: bind it once
        audit_binding.extend(self.engine, clock)  # and the kinds of record bound since it was, once

    @property
    def _clock(self) -> OfficeClock:
        assert isinstance(self.clock, OfficeClock)
        return self.clock

    # ---- the register, the office, the audit log -------------------------------------------------

    @built
    def office(self) -> OfficeService:
        from ipdesk.services.office.settings import OfficeService

        return OfficeService(self.engine, self._clock)

    @built
    def fee_status(self) -> FeeStatus:
        """The annual-fee engine as the one source of a tracked patent's legal status, wherever it is shown or
        examined: the register, the pledges, insurance and risk read it through this source."""
        from ipdesk.services.fees.status import FeeStatus

        return FeeStatus(self.office)

    @built
    def rights(self) -> RightService:
        from ipdesk.services.registry.rights import RightService

        service = RightService(self.engine, clock=self._clock)
        service.status = self.fee_status
        # Custody's check (the invalidation flag stays while a request is open) builds its service on an edit.
        service.edit_guards.append(lambda session, row, data: self.monitoring.keep_invalidation_flag(
            session, row, data))
        return service

    @built
    def parties(self) -> PartyService:
        from ipdesk.services.registry.parties import PartyService

        return PartyService(self.engine, clock=self._clock)

    @built
    def audit(self) -> AuditService:
        from ipdesk.services.audit import AuditService

        return AuditService(self.engine)

    @built
    def users(self) -> UserService:
        from ipdesk.services.users.service import UserService

        return UserService(self.engine, self._clock, self.office)

    # ---- pledges and notices ---------------------------------------------------------------------

    @built
    def pledges(self) -> PledgeService:
        from ipdesk.domain.pledges.maker_checker import DecisionKind
        from ipdesk.services.pledges.service import PledgeService

        service = PledgeService(self.engine, clock=self._clock)
        # A confirmed notice revocation runs in the notices context (the pledges context cannot import it).
        service.confirmers[DecisionKind.REVOKE_NOTICE] = (
            lambda session, actor, params: self.notices.revoke_confirmed_in(session, actor, params))
        service.status = self.fee_status
        return service

    @built
    def pledge_list(self) -> PledgeListSource:
        from ipdesk.services.pledges.queries import PledgeListSource

        return PledgeListSource(self.engine, clock=self._clock)

    @built
    def notices(self) -> NoticeService:
        from ipdesk.services.notices.service import NoticeService

        return NoticeService(self.engine, self.config.keys_dir, clock=self._clock)

    @built
    def register_search(self) -> RegisterSearch:
        from ipdesk.services.notices.register_search import RegisterSearch

        return RegisterSearch(self.engine, self.notices, clock=self._clock)

    # ---- the later contexts ----------------------------------------------------------------------

    @built
    def valuation(self) -> ValuationService:
        from ipdesk.services.valuation.service import ValuationService

        return ValuationService(self.engine, clock=self._clock)

    @built
    def value_analysis(self) -> ValueAnalysisService:
        from ipdesk.services.valuation.analysis import ValueAnalysisService

        return ValueAnalysisService(self.engine, clock=self._clock)

    @built
    def monitoring(self) -> MonitoringService:
        from ipdesk.services.custody.monitoring import MonitoringService

        return MonitoringService(self.engine, clock=self._clock)

    @built
    def loans(self) -> LoanService:
        from ipdesk.services.loans.service import LoanService

        return LoanService(self.engine, self._clock)

    @built
    def statistics(self) -> PledgeStatistics:
        from ipdesk.services.statistics.pledges import PledgeStatistics

        return PledgeStatistics(self.engine, self._clock)

    @built
    def fees(self) -> FeeService:
        from ipdesk.services.fees.service import FeeService

        return FeeService(self.engine, clock=self._clock, office=self.office, status=self.fee_status)

    @built
    def custody(self) -> CustodyService:
        from ipdesk.services.custody.maintenance import CustodyService

        return CustodyService(self.engine, self.fees, clock=self._clock)

    @built
    def digest(self) -> DigestService:
        from ipdesk.services.statistics.digest import DigestService

        return DigestService(self.engine, self.fees, self.loans, self._clock)

    @built
    def market(self) -> MarketService:
        from ipdesk.services.marketplace.service import MarketService

        return MarketService(self.engine, self._clock, status=self.fee_status, pledges=self.pledges,
                             notices=self.notices)

    @built
    def pools(self) -> PoolService:
        from ipdesk.services.marketplace.pools import PoolService

        return PoolService(self.engine, self._clock, pledges=self.pledges)

    @built
    def matchmaking(self) -> MatchmakingService:
        from ipdesk.services.matchmaking.service import MatchmakingService

        return MatchmakingService(self.engine, self._clock, pledges=self.pledges)

    @built
    def funds(self) -> FundService:
        from ipdesk.services.funds.ledger import FundService

        return FundService(self.engine, clock=self._clock)

    @built
    def disposal(self) -> DisposalService:
        from ipdesk.services.disposal.service import DisposalService

        return DisposalService(self.engine, clock=self._clock, loans=self.loans, pledges=self.pledges,
                               office=self.office, funds=self.funds, notices=self.notices, market=self.market)

    @built
    def insurance(self) -> InsuranceService:
        from ipdesk.services.insurance.service import InsuranceService

        return InsuranceService(self.engine, self._clock, self.fee_status)

    @built
    def claims(self) -> ClaimService:
        from ipdesk.services.insurance.claims import ClaimService

        return ClaimService(self.engine, self._clock)

    @built
    def risk(self) -> RiskService:
        from ipdesk.services.risk.service import RiskService

        return RiskService(self.engine, self.loans, self._clock, self.fee_status)

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
