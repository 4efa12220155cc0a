"""What the screenshot scripts share: a display to draw on, and small PNGs.

The scripts run as `python tools/screenshots*.py`, so this folder is on `sys.path`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

_UNDER_XVFB = "AGENTDESK_SHOTS_UNDER_XVFB"


def run_on_a_display() -> int | None:
    """None when there is a display to draw on; else run this script again under
    `xvfb-run` (X, so fonts and styles are those of a real desktop) and return its code."""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        return None
    if os.environ.get(_UNDER_XVFB):
        print("xvfb-run gave no display", file=sys.stderr)
        return 2
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        print("no display and no xvfb-run: install xvfb (apt install xvfb)", file=sys.stderr)
        return 2
    env = {**os.environ, _UNDER_XVFB: "1", "QT_QPA_PLATFORM": "xcb"}
    return subprocess.call(
        [xvfb, "-a", "-s", "-screen 0 1600x1000x24 -dpi 96", sys.executable, *sys.argv],
        env=env,
    )


def shrink(path: Path, root: Path) -> None:
    """Re-save a PNG with a 256-colour palette (far smaller; flat UI looks the same)."""
    try:
        from PIL import Image
    except ImportError:  # Pillow is a dev dependency; without it keep the full-colour PNG
        pass
    else:
        with Image.open(path) as image:
            small = image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
        small.save(path, optimize=True)
    print(f"  {path.relative_to(root) if path.is_relative_to(root) else path}")
