"""Screenshots of the team lead's workspace, in Chinese and English.

    python tools/screenshots_lead.py [--out docs/screenshots] [--cases 300]

Seeds a demo database, runs the server on loopback, has a demo agent log a call made in
the quiet hours (so the compliance list has a line), signs in as a demo team lead, syncs
and grabs the approval queue (plan and history), the team dashboard, the compliance list
and the reassignment page. Without a display it runs itself again under `xvfb-run`; a
CJK font (e.g. fonts-wqy-microhei) must be installed for the Chinese screens; Pillow
(a dev dependency) writes them as palette PNGs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from shots import run_on_a_display, shrink  # tools/ is on sys.path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1440, 900)


def _save(widget: Any, path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(10):
        QApplication.processEvents()
    widget.window().grab().save(str(path), "PNG", 0)
    shrink(path, ROOT)


def _night_call(url: str, account: dict[str, str], work: Path) -> None:
    """A demo agent logs a call at 02:00 Beijing time: the server flags it."""
    from uuid import UUID

    from agentdesk.client.credentials import CredentialStore
    from agentdesk.client.operations import Operations
    from agentdesk.client.sync_engine import SyncEngine
    from agentdesk.domain.vocabulary import CallResult, Channel, Language
    from agentdesk.protocol.ops import ContactAttemptRecord
    from agentdesk.ui.session import sign_in

    session = sign_in(url, account["username"], account["password"], stay_signed_in=False,
                      credentials=CredentialStore(), language=Language.ZH_CN,
                      data_dir=work / "agent")
    assert session.api is not None
    SyncEngine(session.store, session.api).sync()
    with session.store.read() as db:
        case_id = db.execute("SELECT case_id FROM cases ORDER BY priority DESC").fetchone()[0]
    night = datetime.now(UTC).replace(hour=18, minute=5, second=0, microsecond=0) \
        - timedelta(days=1)
    Operations(session.store, user_id=session.user.user_id).record_contact_attempt(
        ContactAttemptRecord(case_id=UUID(case_id), channel=Channel.CALL,
                             result=CallResult.NO_ANSWER, started_at=night,
                             ended_at=night + timedelta(minutes=1)))
    SyncEngine(session.store, session.api).sync()
    session.store.close()
    session.api.close()


def _wait(condition: Any, timeout_s: float = 30) -> None:
    import time

    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout_s
    while not condition() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def shoot(language: str, url: str, account: dict[str, str], out: Path, work: Path) -> None:
    """The lead's screens in `language`."""
    from agentdesk.client.credentials import CredentialStore
    from agentdesk.client.sync_engine import SyncEngine
    from agentdesk.domain.vocabulary import Language
    from agentdesk.ui.app import install_translators
    from agentdesk.ui.launch import Desktop, LaunchOptions
    from agentdesk.ui.lead.pending import Refusal
    from agentdesk.ui.session import sign_in
    from agentdesk.ui.settings import UserSettings

    lang = Language(language)
    install_translators(lang)
    tag = "zh" if lang is Language.ZH_CN else "en"
    credentials = CredentialStore()
    session = sign_in(url, account["username"], account["password"], stay_signed_in=False,
                      credentials=credentials, language=lang, data_dir=work / tag)
    assert session.api is not None
    SyncEngine(session.store, session.api).sync()
    options = LaunchOptions(server_url=url, language=lang, data_dir=work / tag,
                            settings_path=work / f"{tag}.ini")
    desktop = Desktop(session, credentials=credentials,
                      settings=UserSettings(options.settings_path), language=lang,
                      options=options)
    desktop.context.set_language(lang)
    window = desktop.window
    window.resize(*SIZE)
    desktop.show(sync=False)
    desktop.sync.last_synced_at = session.store.last_sync_at()
    window.status.refresh()
    _wait(lambda: window.lead_workspace is not None)  # built after the first paint
    ws = window.lead_workspace
    assert ws is not None
    _wait(lambda: ws.dashboard.snapshot is not None and bool(ws.compliance.items))

    approvals = ws.approvals
    window.tabs.setCurrentWidget(approvals)
    checks = approvals.model.checks
    row = next((r for r, c in enumerate(checks) if c.refusal is None),
               next((r for r, c in enumerate(checks) if c.refusal is Refusal.BEYOND_AUTHORITY),
                    0))
    if approvals.model.items:
        approvals.table.selectRow(row)
    _save(window, out / f"lead_approvals-{tag}.png")
    approvals.review.tabs.setCurrentIndex(1)
    _save(window, out / f"lead_approval_history-{tag}.png")
    approvals.review.tabs.setCurrentIndex(0)

    window.tabs.setCurrentWidget(ws.dashboard)
    _save(window, out / f"lead_dashboard-{tag}.png")
    window.tabs.setCurrentWidget(ws.compliance)
    _save(window, out / f"lead_compliance-{tag}.png")
    window.tabs.setCurrentWidget(ws.reassign)
    reassign = ws.reassign
    reassign.select_cases([reassign.cases[i][0] for i in (1, 2) if i < len(reassign.cases)])
    _save(window, out / f"lead_reassign-{tag}.png")
    desktop.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--cases", type=int, default=300)
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
    with tempfile.TemporaryDirectory(prefix="agentdesk-lead-shots-") as tmp:
        work = Path(tmp)
        print(f"seeding {args.cases} demo cases …")
        db, accounts = seed_database(work, cases=args.cases, seed_value=7)
        with running_server(db, work / "server.log") as url:
            _night_call(url, pick_account(accounts, "agent"), work)
            for language in args.lang or ["zh_CN", "en"]:
                print(f"{language}:")
                shoot(language, url, pick_account(accounts, "lead"), args.out, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
