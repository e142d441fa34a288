"""A fake workstation with the shape the GUI codes against (config, actor, services, lang)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class FakeConfig:
    database_url: str = "sqlite:////tmp/ipdesk-test/ipdesk.sqlite3"
    data_dir: Path = Path("/tmp/ipdesk-test")


@dataclass
class FakeActor:
    username: str = "clerk1"
    role: str = "clerk"


@dataclass
class FakeWorkstation:
    config: FakeConfig = field(default_factory=FakeConfig)
    actor: FakeActor = field(default_factory=FakeActor)
    rights: Any = None
    parties: Any = None
    audit: Any = None
    imports: Any = None
    lang: str = "zh"
