"""The QApplication, its translators and the live language switch.

`create_application(language)` makes (or reuses) the one QApplication, sets the app's
names and icon (`set_app_icon`; the desktop's start sets it once its window has
painted), and installs two translators: Qt's own (buttons of
standard dialogs, context menus) and ours (`resources/translations/agentdesk_*.qm`).
`install_translators(language)` swaps them; Qt then sends every widget a
`LanguageChange` event, on which each window calls its `retranslateUi()`.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from agentdesk.domain.vocabulary import Language
from agentdesk.paths import resources_dir

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

_installed: list[QTranslator] = []
_current: Language | None = None

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
        app = QApplication(argv if argv is not None else sys.argv[:1])
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
    # Installing sends LanguageChange to every widget; windows retranslate then.
    for translator in _installed:
        app.installTranslator(translator)
    _current = language
