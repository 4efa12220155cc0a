"""Real screenshots of the desktop's main screens, in Chinese and English.

    python tools/screenshots.py [--out docs/screenshots] [--cases 400]

Seeds a demo database, runs the server on loopback, signs in as a demo agent, syncs,
and grabs the real windows (sign-in, queue, search, case, offline case, settings) with the
xcb platform. Without a display it runs itself
again under `xvfb-run`; a CJK font (e.g. WenQuanYi Micro Hei) must be installed for
the Chinese screens. PNGs are written with maximum compression and, with Pillow,
reduced to a 256-colour palette (far smaller, no visible loss for flat UI).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from shots import run_on_a_display, shrink  # tools/ is on sys.path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1360, 820)


def _save(widget: object, path: Path) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(widget, QWidget)
    for _ in range(5):
        QApplication.processEvents()
    pixmap = widget.window().grab()
    pixmap.save(str(path), "PNG", 0)  # quality 0 = strongest zlib compression
    shrink(path, ROOT)


def shoot(language: str, url: str, account: dict[str, str], out: Path, work: Path) -> None:
    """Every screen in `language`."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from agentdesk.client.credentials import CredentialStore
    from agentdesk.client.sync_engine import SyncEngine
    from agentdesk.domain.vocabulary import Language
    from agentdesk.ui.app import install_translators
    from agentdesk.ui.launch import Desktop, LaunchOptions
    from agentdesk.ui.session import sign_in
    from agentdesk.ui.settings import UserSettings
    from agentdesk.ui.sign_in import SignInDialog

    lang = Language(language)
    install_translators(lang)
    credentials = CredentialStore()
    tag = "zh" if lang is Language.ZH_CN else "en"

    dialog = SignInDialog(credentials=credentials, language=lang, server_url=url,
                          username=account["username"])
    dialog.ui.passwordEdit.setText("••••••••••••••")
    dialog.show()
    _save(dialog, out / f"sign-in-{tag}.png")
    dialog.close()

    session = sign_in(url, account["username"], account["password"], stay_signed_in=False,
                      credentials=credentials, language=lang, data_dir=work / tag)
    assert session.api is not None
    SyncEngine(session.store, session.api).sync()
    options = LaunchOptions(server_url=url, language=lang, data_dir=work / tag,
                            settings_path=work / f"{tag}.ini")
    desktop = Desktop(session, credentials=credentials, settings=UserSettings(
        options.settings_path), language=lang, options=options)
    desktop.context.set_language(lang)
    window = desktop.window
    window.resize(*SIZE)
    desktop.show(sync=False)
    desktop.sync.last_synced_at = session.store.last_sync_at()
    window.status.refresh()
    QTest.qWaitForWindowExposed(window)
    _save(window, out / f"queue-{tag}.png")

    page = window.queue_page
    page.focus_search()
    QTest.keyClicks(page.ui.searchEdit, "zh")
    _save(window, out / f"search-{tag}.png")
    page.ui.searchEdit.clear()

    page.ui.promisesDueButton.setChecked(False)
    page.ui.table.setFocus()
    # A case with history, promises and a schedule: the busiest of the first rows.
    case_id = _busiest_case(desktop)
    view = window.open_case(case_id)
    _save(window, out / f"case-{tag}.png")
    desktop.context.set_online(False)
    view.ui.tabs.setCurrentWidget(view.ui.scheduleTab)
    _save(window, out / f"case-offline-{tag}.png")
    desktop.context.set_online(True)
    view.ui.tabs.setCurrentWidget(view.ui.historyTab)

    # The call workspace and the plan dialog have their own script
    # (tools/screenshots_call_plan.py), which fills them in first.
    steps: list[tuple[str, Callable[[], object]]] = [("settings", window.show_settings)]
    for name, opener in steps:
        try:
            shown = opener()
        except Exception as error:  # a screen not built yet must not stop the others
            print(f"  ({name}: {error})", file=sys.stderr)
            continue
        if shown is None:
            continue
        QTest.qWaitForWindowExposed(shown)
        _save(shown, out / f"{name}-{tag}.png")
        shown.close()
        QApplication.processEvents()
    desktop.close()
    QApplication.processEvents()


def _busiest_case(desktop: object) -> str:
    from agentdesk.ui.launch import Desktop

    assert isinstance(desktop, Desktop)
    with desktop.context.store.read() as db:
        row = db.execute(
            "SELECT c.case_id FROM cases c JOIN history h ON h.case_id = c.case_id"
            " WHERE c.holds = '' GROUP BY c.case_id"
            " ORDER BY count(DISTINCT h.kind) DESC, count(*) DESC, c.priority DESC LIMIT 1"
        ).fetchone()
        if row is None:
            row = db.execute("SELECT case_id FROM cases ORDER BY priority DESC LIMIT 1"
                             ).fetchone()
    return str(row[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--cases", type=int, default=400)
    parser.add_argument("--lang", choices=("zh_CN", "en"), action="append")
    args = parser.parse_args()
    if (code := run_on_a_display()) is not None:
        return code
    sys.path.insert(0, str(ROOT / "src"))
    from agentdesk.demo import pick_account, running_server, seed_database
    from agentdesk.domain.vocabulary import Language
    from agentdesk.ui.app import create_application

    args.out.mkdir(parents=True, exist_ok=True)
    app = create_application(Language.ZH_CN)
    app.setStyle("Fusion")
    with tempfile.TemporaryDirectory(prefix="agentdesk-shots-") as tmp:
        work = Path(tmp)
        print(f"seeding {args.cases} demo cases …")
        db, accounts = seed_database(work, cases=args.cases, seed_value=7)
        account = pick_account(accounts, "agent")
        with running_server(db, work / "server.log") as url:
            for language in args.lang or ["zh_CN", "en"]:
                print(f"{language}:")
                shoot(language, url, account, args.out, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
