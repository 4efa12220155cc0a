"""The QApplication, its translators and the live language switch.

`create_application(language)` makes (or reuses) the one QApplication, sets the app's
names and icon (`set_app_icon`; the desktop's start sets it once its window has
painted), and installs two translators: Qt's own (buttons of
standard dialogs, context menus) and ours (`resources/translations/agentdesk_*.qm`).
`install_translators(language)` swaps them and emits `language_switch().switched`, on
which each window calls its `retranslateUi()`.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from agentdesk.domain.vocabulary import Language
from agentdesk.paths import resources_dir

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

_installed: list[QTranslator] = []
_current: Language | None = None


class LanguageSwitch(QObject):
    """The one announcement that the desktop's language changed.

    Windows retranslate on this signal rather than on Qt's `LanguageChange` event: a
    Python `changeEvent` receives every change of its widget as a plain `QEvent`, and the
    first one has PySide make a Python class for each kind of event (~50), ~5 million
    instructions of the start, as the window's fonts and palettes are set."""

    switched = Signal()
    """The translators of another language are installed: retranslate now."""


@cache
def language_switch() -> LanguageSwitch:
    """The announcer of language switches (made on first use)."""
    return LanguageSwitch()


LOCALES = {Language.ZH_CN: QLocale(QLocale.Language.Chinese, QLocale.Country.China),
           Language.EN: QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)}


def locale_for(language: Language) -> QLocale:
    """The QLocale money, numbers and dates are shown in for `language`."""
    return LOCALES[language]


def create_application(language: Language = Language.ZH_CN,
                       argv: list[str] | None = None, *, icon: bool = True) -> QApplication:
    """The application object, with translators for `language` installed.

    `icon=False` leaves the window icon to a later `set_app_icon()` (the desktop's start
    sets it after the main window's first paint: making PySide's QIcon class alone
    costs ~4 ms, and the icon is no part of the window's content)."""
    app = QApplication.instance()
    if app is None:
        # Qt splits large image fills (a tall scroll bar's gradient) across a pool of
        # threads; for a window of small widgets starting those threads and switching
        # to them costs more than the fill (some hundred switches in the first paint).
        os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
        if language is Language.ZH_CN:
            prefer_chinese_fonts()
        app = QApplication(argv if argv is not None else sys.argv[:1])
        if language is Language.ZH_CN:
            skip_needless_shaping(app)
    assert isinstance(app, QApplication)
    app.setApplicationName("AgentDesk")
    app.setOrganizationName("AgentDesk")
    # No setApplicationVersion() here: reading the installed version costs ~50 ms of
    # imports that the first window should not wait for (the About box reads it).
    app.setDesktopFileName("agentdesk")
    if icon:
        set_app_icon()
    install_translators(language)
    return app


def prefer_chinese_fonts() -> None:
    """Have fontconfig (Linux) choose fonts for Simplified Chinese, unless the user chose
    a language for it (`FC_LANG`); call before the QApplication exists.

    Fontconfig otherwise matches fonts for the system's locale. On a machine whose locale
    is not Chinese the Chinese desktop's default font is then a Latin one, with every
    Chinese character taken from a fallback font: a line mixes two typefaces (and two
    baselines), Han characters may take another region's glyph forms, and each text is
    laid out in runs of both fonts (~5 million instructions more in the first frame).
    Fontconfig reads it once: switching to English later keeps these fonts."""
    os.environ.setdefault("FC_LANG", "zh-cn")


def skip_needless_shaping(app: QApplication) -> None:
    """Lay text out without OpenType shaping where its script does not need it.

    Han characters, digits and the punctuation the desktop shows map one to one onto
    glyphs: in a Chinese font, HarfBuzz's pass over them changes no pixel but the
    kerning of Latin letter pairs, and costs ~11 million instructions in the first frame.
    Scripts that need shaping (Arabic, the Indic scripts…) are shaped as before: Qt
    decides per script. Only for the Chinese desktop: English text keeps its kerning
    (set as the application is made, like the fonts: a switch to English keeps it)."""
    from PySide6.QtGui import QFont

    font = QFont(app.font())
    font.setStyleStrategy(font.styleStrategy() | QFont.StyleStrategy.PreferNoShaping)
    app.setFont(font)


def set_app_icon() -> None:
    """Give every window the app's icon (windows already shown take it up too)."""
    app = QCoreApplication.instance()
    if isinstance(app, QApplication):
        app.setWindowIcon(_app_icon())


def _app_icon() -> QIcon:
    """The app's icon from its PNG sizes (read when drawn), else from the SVG.

    The PNGs keep Qt's SVG icon engine (a plugin and its library, ~5 ms) out of the
    start; the SVG is the fallback for a tree without them."""
    from PySide6.QtGui import QIcon

    folder = resources_dir() / "icons"
    icon = QIcon()
    for png in sorted(folder.glob("agentdesk-*.png")):
        icon.addFile(str(png))
    if icon.isNull() and (folder / "agentdesk.svg").exists():
        icon = QIcon(str(folder / "agentdesk.svg"))
    return icon


def current_language() -> Language:
    """The language whose translators are installed (Chinese before any install)."""
    return _current or Language.ZH_CN


def install_translators(language: Language) -> None:
    """Replace the installed translators by those of `language` (idempotent)."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication first")
    if _current is language and _installed:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = locale_for(language)
    QLocale.setDefault(locale)
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator(app)
    if qt_base.load(locale, "qtbase", "_", qt_translations):
        _installed.append(qt_base)
    ours = QTranslator(app)
    if ours.load(str(resources_dir() / "translations" / f"agentdesk_{language}.qm")):
        _installed.append(ours)
    # Installing also sends Qt's widgets LanguageChange (its dialogs' buttons follow).
    for translator in _installed:
        app.installTranslator(translator)
    _current = language
    language_switch().switched.emit()
