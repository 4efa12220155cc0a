"""Render the app icon (resources/icons/agentdesk.svg) to every size the desktops ask for.

    python packaging/render_icons.py

Writes resources/icons/agentdesk-<N>.png (16 … 512, the freedesktop hicolor sizes),
packaging/windows/agentdesk.ico and packaging/macos/agentdesk.icns. The outputs are
committed; run this again after changing the SVG. Qt draws the SVG at each size (crisper than
scaling one bitmap); Pillow packs the sizes into the .ico and .icns containers.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "agentdesk.svg"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The icon drawn at `size`×`size` pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    """`image` as PNG data, written the same way each time."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def write_multi(path: Path, fmt: str, pngs: list[bytes]) -> None:
    """Several sizes in one .ico/.icns file, each drawn at its own size."""
    images = [Image.open(io.BytesIO(data)) for data in pngs]
    largest = images[-1]
    largest.save(path, fmt, sizes=[im.size for im in images], append_images=images[:-1])


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG")
    images = {size: render(renderer, size) for size in SIZES}
    pngs = {size: png_bytes(image) for size, image in images.items()}
    for size, data in pngs.items():
        (SOURCE.parent / f"agentdesk-{size}.png").write_bytes(data)
    write_multi(ROOT / "packaging" / "windows" / "agentdesk.ico", "ICO",
                [pngs[s] for s in ICO_SIZES])
    write_multi(ROOT / "packaging" / "macos" / "agentdesk.icns", "ICNS",
                [pngs[s] for s in (16, 32, 64, 128, 256, 512)])
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
