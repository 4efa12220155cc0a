"""A seeded demo server on loopback for UI tests, and desktops signed in to it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agentdesk.client.credentials import CredentialStore
from agentdesk.demo import pick_account, running_server, seed_database
from agentdesk.domain.vocabulary import Language
from agentdesk.ui.launch import Desktop, LaunchOptions
from agentdesk.ui.session import sign_in
from agentdesk.ui.settings import UserSettings

CASES = 60


@dataclass
class DemoServer:
    """The running demo server: its URL, database file and accounts."""

    url: str
    db: Path
    accounts: list[dict[str, Any]]

    def account(self, role: str = "agent") -> dict[str, Any]:
        return pick_account(self.accounts, role)

    def assign(self, case_id: str, agent: str) -> None:
        """Move a case to another agent, as a team lead would on the server."""
        subprocess.run([sys.executable, "-m", "agentdesk.server.cli", "assign", "--db",
                        str(self.db), "--agent", agent, "--case", case_id],
                       check=True, capture_output=True)

    def revoke(self, username: str) -> None:
        """Sign the user out everywhere, as an administrator would."""
        subprocess.run([sys.executable, "-m", "agentdesk.server.cli", "revoke", "--db",
                        str(self.db), "--user", username], check=True, capture_output=True)


def demo_server(folder: Path) -> Iterator[DemoServer]:
    """Seed and run the demo server for as long as the generator is held."""
    db, accounts = seed_database(folder, cases=CASES, seed_value=11)
    with running_server(db, folder / "server.log") as url:
        yield DemoServer(url, db, accounts)


def open_desktop(server: DemoServer, folder: Path, *, username: str | None = None,
                 language: Language = Language.EN, url: str | None = None) -> Desktop:
    """A desktop signed in as `username` (first demo agent by default), not yet shown.

    `url` reaches the server another way (through a proxy)."""
    account = server.account() if username is None else next(
        a for a in server.accounts if a["username"] == username)
    credentials = CredentialStore()
    session = sign_in(url or server.url, account["username"], account["password"],
                      stay_signed_in=False, credentials=credentials, language=language,
                      data_dir=folder / "client")
    options = LaunchOptions(server_url=url or server.url, language=language,
                            data_dir=folder / "client", settings_path=folder / "settings.ini")
    return Desktop(session, credentials=credentials,
                   settings=UserSettings(options.settings_path), language=language,
                   options=options)
