"""Draws the app icon (our own art) into resources/icons/: `python scripts/make_icon.py` (offscreen Qt is fine)."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPainterPath

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from fieldapp.paths import resource_path  # noqa: E402
from ui.shell.branding import ICON_FILE  # noqa: E402

ICO_FILE = "fieldapp.ico"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw_icon(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    s = size / 256
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    tile = QPainterPath()
    tile.addRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 52 * s, 52 * s)
    gradient = QLinearGradient(0, 0, 0, size)
    gradient.setColorAt(0, QColor("#23916b"))
    gradient.setColorAt(1, QColor("#12573f"))
    painter.fillPath(tile, gradient)
    white, gold = QColor("#ffffff"), QColor("#f4b73a")
    painter.setBrush(white)
    painter.drawRoundedRect(QRectF(64 * s, 112 * s, 128 * s, 96 * s), 8 * s, 8 * s)  # the box
    painter.drawRoundedRect(QRectF(52 * s, 84 * s, 152 * s, 36 * s), 8 * s, 8 * s)  # its lid
    painter.setBrush(gold)
    painter.drawRect(QRectF(116 * s, 84 * s, 24 * s, 124 * s))  # the ribbon
    for flip in (-1, 1):  # the bow: two loops above the lid
        loop = QPainterPath()
        loop.moveTo(128 * s, 84 * s)
        loop.cubicTo((128 + flip * 20) * s, 40 * s, (128 + flip * 64) * s, 52 * s, (128 + flip * 12) * s, 84 * s)
        painter.drawPath(loop)
    painter.end()
    return image


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def write_ico(path: Path, sizes: tuple[int, ...] = ICO_SIZES) -> None:
    """A Windows .ico with one PNG-compressed image per size (read by Windows Vista and later, and by PyInstaller)."""
    images = [_png_bytes(draw_icon(size)) for size in sizes]
    offset = 6 + 16 * len(images)
    header = struct.pack("<HHH", 0, 1, len(images))
    entries = b""
    for size, png in zip(sizes, images, strict=True):
        side = size if size < 256 else 0  # 0 means 256 in an .ico directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    path.write_bytes(header + entries + b"".join(images))


def write_icon_files(directory: Path) -> None:
    """Regenerate resources/icons/ (needs a QGuiApplication, offscreen is fine)."""
    directory.mkdir(parents=True, exist_ok=True)
    draw_icon(256).save(str(directory / ICON_FILE), "PNG")
    write_ico(directory / ICO_FILE)


if __name__ == "__main__":
    _app = QGuiApplication(sys.argv)
    write_icon_files(resource_path("icons"))
