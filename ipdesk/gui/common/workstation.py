"""The Workstation protocol: what the GUI needs of the core (configuration, the acting user, the office
clock, the services).

The GUI codes against this protocol, never against ``Any``: the composition root
(:class:`ipdesk.services.workstation.Workstation`) satisfies it, and so do the test doubles in
``tests/gui/helpers``. Members are read-only properties so that a frozen or narrower implementation (a test
double's config, a subclass of a service) still satisfies it. A test double may leave a service ``None``:
its area's page builder (``ipdesk.gui.areas``) then finds no service and the window shows the "coming" page.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:  # the services load when first used (start-up imports only the first page's)
    from sqlalchemy import Engine

    from ipdesk.domain.shared.clock import Clock
    from ipdesk.domain.shared.permissions import Actor
    from ipdesk.services.audit import AuditService
    from ipdesk.services.custody.maintenance import CustodyService
    from ipdesk.services.custody.monitoring import MonitoringService
    from ipdesk.services.fees.service import FeeService
    from ipdesk.services.marketplace.service import MarketService
    from ipdesk.services.notices.register_search import RegisterSearch
    from ipdesk.services.notices.service import NoticeService
    from ipdesk.services.office.settings import OfficeService
    from ipdesk.services.pledges.queries import PledgeListSource
    from ipdesk.services.pledges.service import PledgeService
    from ipdesk.services.registry.parties import PartyService
    from ipdesk.services.registry.rights import RightService
    from ipdesk.services.statistics.digest import DigestService
    from ipdesk.services.statistics.pledges import PledgeStatistics
    from ipdesk.services.valuation.analysis import ValueAnalysisService
    from ipdesk.services.valuation.service import ValuationService


class DeskConfig(Protocol):
    """The part of :class:`ipdesk.config.AppConfig` the GUI reads."""

    @property
    def database_url(self) -> str: ...

    @property
    def data_dir(self) -> Path: ...


@runtime_checkable
class Workstation(Protocol):
    """One open desk: who acts, over which database, through which services."""

    @property
    def config(self) -> DeskConfig: ...

    @property
    def actor(self) -> Actor: ...

    @property
    def engine(self) -> Engine: ...

    @property
    def clock(self) -> Clock:
        """The office clock: "today" in forms, the workbench and SLA colours; timestamps in office time."""
        ...

    @property
    def rights(self) -> RightService: ...

    @property
    def parties(self) -> PartyService: ...

    @property
    def audit(self) -> AuditService: ...

    @property
    def pledges(self) -> PledgeService: ...

    @property
    def office(self) -> OfficeService: ...

    @property
    def pledge_list(self) -> PledgeListSource: ...

    @property
    def notices(self) -> NoticeService: ...

    @property
    def register_search(self) -> RegisterSearch: ...

    @property
    def valuation(self) -> ValuationService: ...

    @property
    def value_analysis(self) -> ValueAnalysisService: ...

    @property
    def monitoring(self) -> MonitoringService: ...

    @property
    def fees(self) -> FeeService: ...

    @property
    def custody(self) -> CustodyService: ...

    @property
    def market(self) -> MarketService: ...

    @property
    def statistics(self) -> PledgeStatistics: ...

    @property
    def digest(self) -> DigestService: ...

    @property
    def database_description(self) -> str: ...

    def close(self) -> None: ...



def has_service(workstation: object, name: str) -> bool:
    """Whether the desk offers the service ``name``, without building it: the real desk builds each service
    on first use (``ipdesk.services.workstation.built``), a test double's missing service is None."""
    return inspect.getattr_static(workstation, name, None) is not None
