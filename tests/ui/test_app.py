"""The application object: what `create_application` sets up before any window."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

FILL = textwrap.dedent("""
    import os
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QImage, QLinearGradient, QPainter
    from agentdesk.domain.vocabulary import Language
    from agentdesk.ui.app import create_application

    app = create_application(Language.EN)
    # A tall gradient, as Fusion fills a long scroll bar's groove with.
    image = QImage(16, 2000, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.fillRect(image.rect(), QLinearGradient(QPointF(0, 0), QPointF(16, 0)))
    painter.end()
    names = [open(f"/proc/self/task/{task}/comm").read().strip()
             for task in os.listdir("/proc/self/task")]
    print("pool threads:", names.count("Thread (pooled)"), flush=True)
    os._exit(0)
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_large_fills_stay_on_the_gui_thread() -> None:
    # A user's environment, without the setting: the app makes it.
    environment = {name: value for name, value in os.environ.items()
                   if name != "QT_NO_GUI_THREADPOOL"}
    environment["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run([sys.executable, "-c", FILL], capture_output=True, text=True,
                            timeout=60, env=environment)
    assert "pool threads: 0" in result.stdout, result.stdout + result.stderr
