"""A row of controls that wraps onto a second line when the window is narrow (200% scaling on a 1920 x 1080 screen
leaves 960 x 540 window pixels): `FlowLayout`, and `group` to keep a label with its field on the same line.

    row = FlowLayout()
    row.addWidget(group(QLabel(_("&Period")), period))
    row.addStretch()  # on a line wide enough, pushes what follows to the right
    row.addWidget(show_button)

Every control gets its size hint (nothing is cut short); the layout is as narrow as its widest control, and as tall
as the lines it needs at the width it is given (height for width).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QSizePolicy, QSpacerItem, QStyle, QWidget

__all__ = ["FlowLayout", "group"]

DEFAULT_SPACING = 6


class FlowLayout(QLayout):
    """Widgets left to right, a new line when the next one does not fit; a stretch shares out a line's spare width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout's items --------------------------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def addStretch(self) -> None:
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # -- sizes --------------------------------------------------------------------------------------------------------

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        shown = [item.sizeHint() for item in self._shown() if item.spacerItem() is None]
        left, top, right, bottom = self.getContentsMargins()
        width = sum(size.width() for size in shown) + self._gap() * max(len(shown) - 1, 0)
        height = max((size.height() for size in shown), default=0)
        return QSize(width + left + right, height + top + bottom)

    def minimumSize(self) -> QSize:
        """As narrow as the widest control (one control a line), as tall as the tallest."""
        shown = [item.sizeHint() for item in self._shown() if item.spacerItem() is None]
        left, top, right, bottom = self.getContentsMargins()
        width = max((size.width() for size in shown), default=0)
        height = max((size.height() for size in shown), default=0)
        return QSize(width + left + right, height + top + bottom)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    # -- placing ------------------------------------------------------------------------------------------------------

    def _gap(self) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        if parent is not None:
            gap = parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)
            if gap >= 0:
                return gap
        return DEFAULT_SPACING

    def _shown(self) -> list[QLayoutItem]:
        """Stretches, and the controls that are showing (a hidden one, or an empty group, takes no place)."""
        return [
            item
            for item in self._items
            if item.spacerItem() is not None or (not item.isEmpty() and item.sizeHint().width() > 0)
        ]

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        """Place the items in `rect` (when `apply`); the height they take at its width either way."""
        left, top, right, bottom = self.getContentsMargins()
        area = rect.adjusted(left, top, -right, -bottom)
        gap = self._gap()
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            line = lines[-1]
            if item.spacerItem() is not None:
                line.append(item)
                continue
            width = item.sizeHint().width()
            controls = sum(1 for other in line if other.spacerItem() is None)
            if controls and used + gap + width > area.width():
                lines.append([item])
                used = width
            else:
                used += (gap if controls else 0) + width
                line.append(item)
        y = area.y()
        height = 0
        for number, line in enumerate(lines):
            controls = [item for item in line if item.spacerItem() is None]
            if not controls:
                continue
            line_height = max(item.sizeHint().height() for item in controls)
            if apply:
                spare = area.width() - sum(item.sizeHint().width() for item in controls) - gap * (len(controls) - 1)
                stretches = [item for item in line if item.spacerItem() is not None and item is not line[-1]]
                share = max(spare, 0) // len(stretches) if stretches else 0
                x = area.x()
                for item in line:
                    if item.spacerItem() is not None:
                        x += share if item is not line[-1] else 0
                        continue
                    size = item.sizeHint()
                    item.setGeometry(QRect(QPoint(x, y + (line_height - size.height()) // 2), size))
                    x += size.width() + gap
            gap_below = gap if number < len(lines) - 1 else 0
            y += line_height + gap_below
            height += line_height + gap_below
        return height + top + bottom


def group(*widgets: QWidget) -> QWidget:
    """Widgets kept side by side on one line of a `FlowLayout` (a label and its field)."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    return box
