"""`agentdesk --self-check`: load everything the desktop ships and say what is missing or broken.

IT runs it after installing (and the packaging check runs it inside the built bundle): it
finds the shipped data the way the app does (`agentdesk.paths`), so a file the bundle forgot
or a Qt plugin it left out shows up here instead of in front of an agent.

    report = run_self_check()            # or run_self_check(resources=..., forms=...)
    print(report.text()); sys.exit(0 if report.ok else 1)
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PySide6 import QtWidgets
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon, QImage, QImageReader
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QWidget

from agentdesk import __version__
from agentdesk.domain.vocabulary import Language
from agentdesk.paths import forms_dir, resources_dir

APP_ICON = "agentdesk.svg"
# The packages whose modules the desktop may import late (windows opened on demand):
# importing each one here catches a module a bundle left out.
APP_PACKAGES = ("agentdesk.ui", "agentdesk.client", "agentdesk.domain", "agentdesk.protocol")


@dataclass(frozen=True)
class Problem:
    """One thing that is missing or broken."""

    area: str
    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.area}: {self.item}: {self.reason}"


@dataclass
class SelfCheckReport:
    """What was checked, per area, and every problem found."""

    checked: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Nothing is missing or broken."""
        return not self.problems

    def passed(self, area: str, item: str) -> None:
        """Record an item that loaded."""
        self.checked.setdefault(area, []).append(item)

    def failed(self, area: str, item: str, reason: str) -> None:
        """Record an item that is missing or broken."""
        self.checked.setdefault(area, [])
        self.problems.append(Problem(area, item, reason))

    def text(self) -> str:
        """The report as printed by `agentdesk --self-check`."""
        lines = [f"AgentDesk {__version__} self-check"]
        lines += [f"  {note}" for note in self.notes]
        for area, items in self.checked.items():
            broken = sum(1 for p in self.problems if p.area == area)
            lines.append(f"  {area}: {len(items)} ok" + (f", {broken} broken" if broken else ""))
        lines += [f"PROBLEM {problem}" for problem in self.problems]
        lines.append("self-check passed" if self.ok
                     else f"self-check FAILED: {len(self.problems)} problem(s)")
        return "\n".join(lines)


@contextmanager
def _checking(report: SelfCheckReport, area: str, item: str) -> Iterator[None]:
    # Any failure of one item is reported and the check goes on with the next.
    try:
        yield
    except Exception as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
        report.failed(area, item, f"{type(error).__name__}: {reason}".rstrip(": "))
    else:
        report.passed(area, item)


def run_self_check(resources: Path | None = None, forms: Path | None = None,
                   *, server: str | None = None) -> SelfCheckReport:
    """Check the shipped data under `resources`/`forms` (default: where the app finds it).

    `server` is the address given on the command line, used to report which server the
    desktop would talk to. Needs (and creates if there is none) a QApplication.
    """
    resources = resources if resources is not None else resources_dir()
    forms = forms if forms is not None else forms_dir()
    if QApplication.instance() is None:
        # Nothing is shown: over SSH, with no display, check with the offscreen platform
        # instead of failing to connect to one.
        if sys.platform.startswith("linux") and not (
                os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QApplication([])
    report = SelfCheckReport()
    report.notes.append(f"resources: {resources}")
    report.notes.append(f"forms: {forms}")
    for check in _CHECKS:
        check(report, resources, forms)
    _check_server_address(report, server)
    return report


# ------------------------------------------------------------------ the checks


def _check_modules(report: SelfCheckReport, resources: Path, forms: Path) -> None:
    for package_name in APP_PACKAGES:
        with _checking(report, "modules", package_name):
            package = importlib.import_module(package_name)
            for info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
                with _checking(report, "modules", info.name):
                    importlib.import_module(info.name)
    for name in ("PySide6.QtCharts", "PySide6.QtSvg"):
        with _checking(report, "modules", name):
            importlib.import_module(name)


def _check_forms(report: SelfCheckReport, resources: Path, forms: Path) -> None:
    import agentdesk.ui.generated as generated

    compiled = {info.name for info in pkgutil.iter_modules(generated.__path__)}
    sources = sorted(forms.glob("*.ui"))
    if not sources:
        report.failed("forms", str(forms), "no Designer forms (*.ui) found")
    for ui in sources:
        with _checking(report, "forms", ui.name):
            module_name = f"ui_{ui.stem}"
            if module_name not in compiled:
                raise LookupError(f"no compiled form class {module_name} "
                                  "(run tools/build_ui.py)")
            compiled.discard(module_name)
            top = ET.parse(ui).getroot().find("widget")
            if top is None:
                raise ValueError("the form has no top-level widget")
            widget_class = getattr(QtWidgets, top.get("class", ""), None)
            if not (isinstance(widget_class, type) and issubclass(widget_class, QWidget)):
                raise TypeError(f"unknown top-level widget class {top.get('class')!r}")
            module = importlib.import_module(f"agentdesk.ui.generated.{module_name}")
            form_class = getattr(module, f"Ui_{top.get('name')}")
            widget = widget_class()
            try:
                form_class().setupUi(widget)
            finally:
                widget.deleteLater()
    for orphan in sorted(compiled):
        report.failed("forms", orphan, "compiled form class without its .ui source")


def _check_translations(report: SelfCheckReport, resources: Path, forms: Path) -> None:
    folder = resources / "translations"
    for language in Language:
        path = folder / f"agentdesk_{language}.qm"
        with _checking(report, "translations", path.name):
            translator = QTranslator()
            if not path.is_file():
                raise FileNotFoundError("missing")
            if not translator.load(str(path)) or translator.isEmpty():
                raise ValueError("not a Qt translation file (or empty)")
    # Qt's own strings (standard buttons, context menus) in Chinese.
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    with _checking(report, "translations", "qtbase_zh_CN.qm"):
        translator = QTranslator()
        locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        if not translator.load(locale, "qtbase", "_", qt_folder):
            raise FileNotFoundError(f"missing in {qt_folder}")


def _check_icons(report: SelfCheckReport, resources: Path, forms: Path) -> None:
    folder = resources / "icons"
    if not (folder / APP_ICON).is_file():
        report.failed("icons", APP_ICON, "missing (the window and launcher icon)")
    for path in sorted(p for p in folder.glob("*") if p.is_file() and p.name != ".gitkeep"):
        with _checking(report, "icons", path.name):
            if path.suffix == ".svg":
                if not QSvgRenderer(str(path)).isValid():
                    raise ValueError("not a valid SVG")
                # The window icon is drawn by Qt's SVG icon engine: a plugin bundles must carry.
                if QIcon(str(path)).pixmap(32, 32).isNull():
                    raise RuntimeError("Qt cannot draw SVG icons (the svg icon engine is missing)")
            elif QImage(str(path)).isNull():
                raise ValueError(f"not a readable image ({QImageReader(str(path)).errorString()})")


def _check_policies(report: SelfCheckReport, resources: Path, forms: Path) -> None:
    from agentdesk.domain.authority import parse_authority_policy
    from agentdesk.domain.compliance import SHIPPED_PROFILES, load_policy
    from agentdesk.domain.conduct import LEXICON_FILE, parse_lexicon

    folder = resources / "policies"
    with _checking(report, "policies", "authority.yaml"):
        parse_authority_policy(_read(folder / "authority.yaml"))
    for profile in SHIPPED_PROFILES:
        name = f"{profile}.yaml"
        with _checking(report, "policies", name):
            load_policy(_read(folder / name), name)
    with _checking(report, "policies", LEXICON_FILE):
        parse_lexicon(_read(folder / LEXICON_FILE), LEXICON_FILE)


def _check_scripts(report: SelfCheckReport, resources: Path, forms: Path) -> None:
    from agentdesk.domain.conduct import LEXICON_FILE, ConductLexicon, parse_lexicon
    from agentdesk.domain.scripts import load_script_text, parse_branch_set
    from agentdesk.domain.scripts.loader import is_branch_set
    from agentdesk.domain.scripts.model import BranchSet

    folder = resources / "scripts"
    # Lint against the word lists shipped alongside (a broken list is reported as a policy).
    lexicon: ConductLexicon | None = None
    try:
        lexicon = parse_lexicon(_read(resources / "policies" / LEXICON_FILE), LEXICON_FILE)
    except Exception:
        lexicon = None
    texts: dict[str, str] = {}
    for path in sorted(folder.rglob("*.yaml")):
        name = path.relative_to(folder).as_posix()
        try:
            texts[name] = _read(path)
        except (OSError, UnicodeDecodeError) as error:
            report.failed("scripts", name, f"unreadable: {error}")
    branch_sets: dict[Language, BranchSet] = {}
    for name, text in texts.items():
        if is_branch_set(text):
            with _checking(report, "scripts", name):
                branch = parse_branch_set(text, name)
                branch_sets[branch.language] = branch
    languages: set[Language] = set()
    for name, text in texts.items():
        if not is_branch_set(text):
            with _checking(report, "scripts", name):
                languages.add(load_script_text(text, name, branch_sets, lexicon=lexicon).language)
    for language in Language:
        if language not in languages:
            report.failed("scripts", str(language), f"no usable script in {folder}")


def _check_runtime(report: SelfCheckReport, resources: Path, forms: Path) -> None:
    # Data files third-party libraries read lazily: pinyin tables, CLDR locales, time zones.
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    from babel.numbers import format_currency

    from agentdesk.client.search_keys import name_keys

    with _checking(report, "runtime", "pinyin search keys"):
        if name_keys("张三").initials != "zs":
            raise ValueError("pinyin of 张三 is not zhangsan")
    with _checking(report, "runtime", "locale data (babel)"):
        format_currency(Decimal("1234.5"), "CNY", locale="zh_CN")
    with _checking(report, "runtime", "time zones"):
        ZoneInfo("Asia/Shanghai")


def _check_server_address(report: SelfCheckReport, server: str | None) -> None:
    from agentdesk.client.server_address import (
        machine_config_path,
        read_machine_config,
        resolve_server_address,
    )
    from agentdesk.ui.settings import UserSettings

    machine = None
    with _checking(report, "configuration", str(machine_config_path())):
        machine = read_machine_config()
    with _checking(report, "configuration", "server address"):
        address = resolve_server_address(server, UserSettings().server_url, machine)
        report.notes.append(
            f"server: {address.url} (from the {address.source})" if address
            else "server: none configured (asked at sign-in)")


def _read(path: Path) -> str:
    if not path.is_file():
        raise FileNotFoundError("missing")
    return path.read_text(encoding="utf-8")


_CHECKS: tuple[Callable[[SelfCheckReport, Path, Path], None], ...] = (
    _check_modules, _check_forms, _check_translations, _check_icons, _check_policies,
    _check_scripts, _check_runtime,
)


def main(server: str | None = None) -> int:
    """Run the check, print the report; the exit code is 1 when anything is broken."""
    report = run_self_check(server=server)
    print(report.text(), flush=True)
    return 0 if report.ok else 1
