"""Draws status cells as a rounded badge: tinted pill plus the status text (never colour alone)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ipdesk.gui.common.models.badges import tone_colors
from ipdesk.gui.common.models.lazy_table import BadgeToneRole

PAD_X, PAD_Y = 8, 3


class BadgeDelegate(QStyledItemDelegate):
    """Install on a whole view: cells without a badge tone are painted normally."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        tone = index.data(BadgeToneRole)
        colors = tone_colors(tone) if tone else None
        if colors is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        opt.backgroundBrush = QBrush()
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        bg, fg = colors
        fm = opt.fontMetrics
        width = min(fm.horizontalAdvance(text) + 2 * PAD_X, opt.rect.width() - 4)
        height = min(fm.height() + 2 * PAD_Y, opt.rect.height() - 2)
        rect = QRectF(opt.rect.x() + 4, opt.rect.y() + (opt.rect.height() - height) / 2, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(fg.lighter(160))
        painter.setBrush(bg)
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(fg)
        painter.drawText(
            rect,
            Qt.AlignmentFlag.AlignCenter,
            fm.elidedText(text, Qt.TextElideMode.ElideRight, int(width - 2 * PAD_X + 2)),
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(BadgeToneRole):
            size.setWidth(size.width() + 2 * PAD_X + 8)
        return size
