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


TYPOGRAPHY = textwrap.dedent("""
    import os, sys
    from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
    from agentdesk.domain.vocabulary import Language
    from agentdesk.ui.app import create_application

    app = create_application(Language(sys.argv[1]))
    font = app.font()
    family = QFontInfo(font).family()
    chinese = QFontDatabase.WritingSystem.SimplifiedChinese
    print("fc_lang:", os.environ.get("FC_LANG"))
    print("unshaped:", bool(font.styleStrategy() & QFont.StyleStrategy.PreferNoShaping))
    print("chinese fonts installed:", bool(QFontDatabase.families(chinese)))
    print("default font writes Chinese:", chinese in QFontDatabase.writingSystems(family))
    os._exit(0)
""")


def _typography(language: str, **environment: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name != "FC_LANG"}
    env.update(environment, QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    result = subprocess.run([sys.executable, "-c", TYPOGRAPHY, language], capture_output=True,
                            text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    return dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)


def test_the_chinese_desktop_takes_chinese_fonts_and_lays_han_out_unshaped() -> None:
    # A machine whose locale is not Chinese: fontconfig would pick a Latin default font.
    found = _typography("zh_CN")
    assert found["fc_lang"] == "zh-cn"
    assert found["unshaped"] == "True"
    if found["chinese fonts installed"] == "True":
        assert found["default font writes Chinese"] == "True"


def test_the_english_desktop_keeps_the_systems_fonts_and_shaping() -> None:
    found = _typography("en")
    assert found["fc_lang"] == "None"
    assert found["unshaped"] == "False"


def test_a_language_the_user_gave_fontconfig_is_kept() -> None:
    assert _typography("zh_CN", FC_LANG="zh-tw")["fc_lang"] == "zh-tw"
