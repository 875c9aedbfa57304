"""Render resources/icons/pantry-desk.svg to pantry-desk.png (256 px: desktops, PyInstaller's .ico/.icns) and
pantry-desk.ico (the Windows installer's icon), with Qt's SVG renderer, offscreen.

QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (256,)


def render(svg: Path, size: int, target: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target)):
        raise SystemExit(f"could not write {target}")


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    for size in SIZES:
        target = ICONS / ("pantry-desk.png" if size == 256 else f"pantry-desk-{size}.png")
        render(ICONS / "pantry-desk.svg", size, target)
        print(f"wrote {target} ({size}x{size})")
    render(ICONS / "pantry-desk.svg", 256, ICONS / "pantry-desk.ico")
    print(f"wrote {ICONS / 'pantry-desk.ico'}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
