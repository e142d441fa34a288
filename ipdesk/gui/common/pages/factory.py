"""Which page each navigation area shows: the real register when its service exists, else "coming"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ipdesk.gui.common.workstation import Workstation


def is_page_source(obj: Any) -> bool:
    return obj is not None and all(hasattr(obj, name) for name in ("count", "page", "columns"))


def make_page(window: Any, key: str) -> QWidget | None:
    """The page for ``key`` or None (the window then shows a :class:`ComingPage`)."""
    ws: Workstation = window.workstation
    lang = window.lang
    if key == "rights" and is_page_source(ws.rights):
        from ipdesk.gui.registry.rights_page import RightsPage

        return RightsPage(ws, lang)
    if key == "parties" and is_page_source(ws.parties):
        from ipdesk.gui.registry.parties_page import PartiesPage

        return PartiesPage(ws, lang, show_rights=lambda pid, name: show_rights_of(window, pid, name))
    if key == "register_search" and is_page_source(ws.register_search):
        from ipdesk.gui.notices.search_page import SearchPage

        return SearchPage(ws, lang)
    if key == "audit" and is_page_source(ws.audit):
        from ipdesk.gui.audit.audit_page import AuditPage

        return AuditPage(ws, lang)
    if key == "settings":
        from ipdesk.gui.office.settings_page import SettingsPage

        return SettingsPage(ws)
    return None


def show_rights_of(window: Any, party_id: Any, name: str) -> None:
    """Switch to the rights page filtered to one owner (a removable chip above the table)."""
    window.show_area("rights")
    page = window.page("rights")
    if hasattr(page, "set_chip_filter"):
        text = QCoreApplication.translate("RightsPage", "权利人：{name}").format(name=name)
        page.set_chip_filter("owner", str(party_id), text)
