"""Where the GUI finds shipped files (icons, fonts, translations), in a checkout and in a frozen bundle."""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder; prefers :func:`ipdesk.resources.resource_path` when it exists."""
    try:
        from ipdesk.resources import resource_path  # written by the packaging side; frozen-aware

        path = Path(resource_path("icons")).parent
        if path.is_dir():
            return path
    except Exception:  # noqa: BLE001 - missing module or an older signature: fall back to the checkout
        pass
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    """A file under ``resources/`` (not checked for existence)."""
    return resources_dir().joinpath(*parts)
