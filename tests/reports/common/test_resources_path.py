"""resource_path finds the bundled resources in a checkout, an override and a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ipdesk import resources
from ipdesk.resources import resource_path

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _fresh_cache():
    resources.resources_dir.cache_clear()
    yield
    resources.resources_dir.cache_clear()


def test_source_checkout_finds_the_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IPDESK_RESOURCES", raising=False)
    font = resource_path("fonts", "wqy-microhei.ttc")
    assert font == ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
    assert font.is_file()


def test_pyinstaller_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("IPDESK_RESOURCES", raising=False)
    (tmp_path / "resources" / "fonts").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("fonts", "x.ttc") == tmp_path / "resources" / "fonts" / "x.ttc"


def test_environment_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("IPDESK_RESOURCES", str(tmp_path))
    assert resource_path("icons", "a.png") == tmp_path / "icons" / "a.png"
