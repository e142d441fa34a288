"""纳入托管: the rights register's action that opens a new custody agreement over the rights selected there
(several at once), added to the page by the shell (the registry context knows nothing of custody)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.pages.base import may


def _tr(text: str) -> str:
    return QCoreApplication.translate("CustodyRightsAction", text)


def selected_numbers(page: Any) -> list[str]:
    """The numbers of the selected rows already read (the model holds them: no query on the GUI thread)."""
    rows = (page.model.row_data(r) for r in page.selected_rows())
    return [row["display_number"] for row in rows if row]


def add_custody_action(page: Any, workstation: Any, lang: str) -> None:
    """Give ``page`` (the rights register) 纳入托管…, for whoever may manage custody."""
    if not may(workstation.actor, Action.MANAGE_CUSTODY):
        return

    def open_form() -> None:
        from ipdesk.gui.custody.agreement_form import AgreementForm

        numbers = selected_numbers(page)
        if not numbers:
            return
        form = AgreementForm(workstation, numbers, parent=page, lang=lang)
        form.saved.connect(lambda a: page.status_message.emit(
            _tr("已纳入托管：{n} 项权利").format(n=len(a.right_numbers))))
        form.open()
        page.custody_form = form

    page.add_action("custody", _tr("纳入托管…"), "add", open_form, enabled_when=lambda rows: bool(rows),
                    tip=_tr("把所选权利（可多选）纳入一份新的托管协议"))
