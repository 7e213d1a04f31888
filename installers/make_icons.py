"""Render the app icon (resources/icons/pace-casework.svg) to the PNG, ICO and ICNS files the
installers use. Run after editing the SVG, and commit the output:

    QT_QPA_PLATFORM=offscreen .venv/bin/python installers/make_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "pace-casework.svg"
# hicolor sizes a Linux desktop looks for; 256 also goes into the .ico, 512 into the .icns.
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def save(image: QImage, path: Path, image_format: str) -> None:
    if not image.save(str(path), image_format):
        raise SystemExit(f"could not write {path} (no Qt '{image_format}' image plugin?)")
    print(path.relative_to(ICONS.parents[1]))


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    for size in PNG_SIZES:
        save(render(renderer, size), ICONS / f"pace-casework-{size}.png", "PNG")
    # Qt's ico writer stores one image; 256 px is what Windows scales down from.
    save(render(renderer, 256), ICONS / "pace-casework.ico", "ICO")
    save(render(renderer, 512), ICONS / "pace-casework.icns", "ICNS")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
