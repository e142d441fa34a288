"""A fake workstation satisfying the GUI's Workstation protocol (a fixed office clock); services it lacks are None."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipdesk.domain.shared.clock import OfficeClock
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.gui.common.database import describe_database
from tests.helpers.clock import fixed_clock


@dataclass
class FakeConfig:
    database_url: str = "sqlite:////tmp/ipdesk-test/ipdesk.sqlite3"
    data_dir: Path = Path("/tmp/ipdesk-test")


@dataclass
class FakeWorkstation:
    config: FakeConfig = field(default_factory=FakeConfig)
    # a real actor: the GUI's permission check fails closed, so a double must answer ``may`` truthfully
    actor: Actor = field(default_factory=lambda: Actor("clerk1", Role.CLERK))
    engine: Any = None
    clock: OfficeClock = field(default_factory=lambda: OfficeClock(fixed_clock()))
    rights: Any = None
    parties: Any = None
    audit: Any = None
    pledges: Any = None
    office: Any = None
    pledge_list: Any = None
    notices: Any = None
    register_search: Any = None
    imports: Any = None
    valuation: Any = None
    value_analysis: Any = None
    monitoring: Any = None
    fees: Any = None
    custody: Any = None
    market: Any = None
    statistics: Any = None
    digest: Any = None

    @property
    def database_description(self) -> str:
        return describe_database(self.config.database_url)

    def close(self) -> None:
        """Nothing to release."""
