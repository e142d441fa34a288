"""The form rules in the dialogs that are no FormDialog (issue 15: "the same rules for every form"): the focus
starts in the first field, Enter in a field moves on and never starts the export, the print or the import; Enter
on the focused button still presses it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ipdesk.gui.notices.batch_dialog import BatchPrintDialog
from ipdesk.gui.notices.gazette_dialog import GazetteExportDialog
from ipdesk.gui.registry.import_dialog import ImportDialog


def shown(qtbot, dialog):  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    return dialog


def test_enter_in_the_file_name_does_not_start_the_import(qtbot) -> None:
    dialog = shown(qtbot, ImportDialog(kind="rights"))
    assert QApplication.focusWidget() is dialog.path
    qtbot.keyClicks(dialog.path, "/tmp/rights.xlsx")
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0 and QApplication.focusWidget() is not dialog.path
    dialog.ok.setFocus()
    qtbot.keyClick(dialog.ok, Qt.Key.Key_Return)  # on the button, Enter presses it
    assert not dialog.isVisible() and dialog.result() == 1


def test_enter_in_a_date_does_not_export_the_gazette(qtbot, sqlite_workstation, tmp_path) -> None:
    dialog = shown(qtbot, GazetteExportDialog(sqlite_workstation))
    dialog.path.setText(str(tmp_path / "gazette.csv"))
    assert dialog.start.isAncestorOf(QApplication.focusWidget())  # in the first date
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait(200)
    assert dialog.isVisible() and not (tmp_path / "gazette.csv").exists() and dialog.message == ""


def test_enter_in_the_folder_does_not_start_the_batch(qtbot, sqlite_workstation, tmp_path) -> None:
    dialog = shown(qtbot, BatchPrintDialog(sqlite_workstation, [1]))
    assert QApplication.focusWidget() is dialog.kind_combo
    dialog.path.line_edit.setFocus()
    qtbot.keyClick(dialog.path.line_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.task is None
