"""Small reusable widgets: fields with inline errors, money and date editors, search bar, form dialog."""

from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.common.widgets.field_edit import ErrorField, FieldEdit
from ipdesk.gui.common.widgets.form_dialog import FormDialog
from ipdesk.gui.common.widgets.money_edit import MoneyEdit
from ipdesk.gui.common.widgets.search_bar import SearchBar

__all__ = ["DateEdit", "ErrorField", "FieldEdit", "FormDialog", "MoneyEdit", "SearchBar"]
