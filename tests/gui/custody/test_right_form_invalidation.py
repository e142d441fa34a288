"""The right form on a real SQLite database: unticking 已提起无效宣告 while an invalidation request is open is
refused by the service, the reason shown under the flags (in the UI language), and nothing is written."""

from __future__ import annotations

import pytest

from ipdesk.gui import i18n
from ipdesk.gui.registry.right_form import RightForm
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, pledge_world


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch):
    from ipdesk.gui.common.widgets.form_dialog import FormDialog

    monkeypatch.setattr(FormDialog, "confirm_discard", lambda self: True)


def test_the_flag_stays_while_an_invalidation_request_is_open(qtbot, sqlite_workstation: Workstation):
    ws = sqlite_workstation
    right = pledge_world(ws)["right"]
    entry = ws.monitoring.add(ADMIN, {"right": right.display_number, "kind": "invalidation"})
    version = ws.rights.get(right.id).version
    form = RightForm(ws, right.id)
    qtbot.addWidget(form)
    form.show()
    assert form.flags["invalidation_requested"].isChecked()
    form.flags["invalidation_requested"].setChecked(False)
    form.submit()
    field = form.fields["invalidation_requested"]
    qtbot.waitUntil(lambda: field.has_error, timeout=10_000)
    assert "未结案的无效宣告请求" in field.error_label.text() and form.isVisible()
    assert ws.rights.get(right.id).invalidation_requested and ws.rights.get(right.id).version == version
    i18n.install_translators("en")
    try:
        form.show_refusal(form._last_problems)
        assert "open invalidation request" in field.error_label.text()
    finally:
        i18n.install_translators("zh_CN")
    ws.monitoring.close(ADMIN, entry.id, {"outcome": "withdrawn"})  # closing the request clears the flag
    assert not ws.rights.get(right.id).invalidation_requested
