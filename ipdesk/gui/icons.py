"""The shipped monochrome SVG icon set (``resources/icons/*.svg``), loaded once per name."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from ipdesk.resources import resource_path as resource


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``; an empty QIcon if the file is missing (never raises)."""
    path = resource("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


def icon_names() -> list[str]:
    return sorted(p.stem for p in resource("icons").glob("*.svg"))
