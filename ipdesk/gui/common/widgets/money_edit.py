"""MoneyEdit: yuan with two decimals, thousands separators while not editing, right aligned."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QFocusEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from ipdesk.gui.formatting import format_money, parse_money


class MoneyEdit(QLineEdit):
    """Type ``1234567.5`` (commas and full-width digits are fine); shows ``1,234,567.50`` after editing.

    ``value()`` returns a Decimal with two places, or None when empty; ``raw_text()`` is the plain
    form services parse (``"1234567.50"``).
    """

    valueChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0.00")
        self.setValidator(
            QRegularExpressionValidator(
                QRegularExpression(r"^[¥￥]?[0-9０-９,，]*([.．][0-9０-９]{0,2})?$"), self
            )
        )
        self.editingFinished.connect(self._reformat)
        self.textChanged.connect(lambda _t: self.valueChanged.emit(self._value_or_none()))

    def value(self) -> Decimal | None:
        """The amount; raises ValueError if the text is not an amount."""
        return parse_money(self.text())

    def setValue(self, value: Decimal | int | str | None) -> None:
        self.setText("" if value in (None, "") else format_money(Decimal(str(value))))

    def raw_text(self) -> str:
        try:
            value = self.value()
        except ValueError:
            return self.text().strip()
        return "" if value is None else f"{value:.2f}"

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        try:  # edit the plain number; separators come back on leaving the field
            value = self.value()
        except ValueError:
            return
        if value is not None:
            self.blockSignals(True)
            self.setText(f"{value:.2f}")
            self.blockSignals(False)

    def _reformat(self) -> None:
        value = self._value_or_none()
        if value is not None:
            self.blockSignals(True)
            self.setText(format_money(value))
            self.blockSignals(False)

    def _value_or_none(self) -> Decimal | None:
        try:
            return self.value()
        except ValueError:
            return None
