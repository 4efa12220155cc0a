"""`agentdesk demo`: the whole product on one machine, with one command.

Makes a fresh SQLite database in a temporary folder, seeds it with `agentdesk-server
seed-demo` (deterministic demo portfolio and accounts), starts the server on a free
loopback port in a child process, signs in as a demo agent (or lead), runs a first sync,
and opens the desktop. Closing the window stops the server and removes the folder.

This is the one module that runs both programs; it drives the server through its own
command line, so the desktop never imports server code.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

XVFB_HINT = """\
AgentDesk demo needs a display, and this session has none (no DISPLAY or WAYLAND_DISPLAY).
Run it inside a virtual X server:

    xvfb-run -a -s "-screen 0 1600x1000x24" make demo

or look at it without a screen at all (nothing is shown; useful only for a smoke test):

    QT_QPA_PLATFORM=offscreen agentdesk demo
"""


def has_display(environ: dict[str, str] | os._Environ[str] | None = None) -> bool:
    """Whether Qt can show windows here (or was told to draw off screen)."""
    env = os.environ if environ is None else environ
    if env.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    if not sys.platform.startswith("linux"):
        return True  # Windows and macOS always have their own display server
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def free_port() -> int:
    """A TCP port nobody listens on right now, on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "agentdesk.server.cli", *args]


def seed_database(folder: Path, *, cases: int,
                  seed_value: int) -> tuple[Path, list[dict[str, Any]]]:
    """A fresh demo database in `folder` and its demo accounts."""
    db = folder / "server.sqlite3"
    accounts = folder / "accounts.json"
    subprocess.run(
        _server_command("seed-demo", "--db", str(db), "--cases", str(cases),
                        "--seed", str(seed_value), "--accounts-out", str(accounts)),
        check=True, stdout=subprocess.DEVNULL,
    )
    return db, json.loads(accounts.read_text(encoding="utf-8"))


@contextmanager
def running_server(db: Path, log: Path, *, port: int | None = None,
                   timeout: float = 60.0) -> Iterator[str]:
    """The server on 127.0.0.1 in a child process while the block runs; yields its URL."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        process = subprocess.Popen(
            _server_command("serve", "--db", str(db), "--host", "127.0.0.1",
                            "--port", str(port), "--log-level", "warning", "--no-access-log"),
            stdout=out, stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_up(url, process, timeout, log)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float,
                   log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the demo server stopped:\n{log.read_text(errors='replace')}")
        try:
            if requests.get(f"{url}/api/v1/health", timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the demo server did not answer within {timeout:.0f} s")


def pick_account(accounts: list[dict[str, Any]], role: str) -> dict[str, Any]:
    """The first demo account with `role`."""
    for account in accounts:
        if account["role"] == role:
            return account
    raise LookupError(f"the demo data has no {role} account")


def run_demo(*, role: str = "agent", language: str = "zh_CN", cases: int = 2000,
             seed: int = 7) -> int:
    """Run the demo until its window closes; returns the exit code."""
    if not has_display():
        print(XVFB_HINT, file=sys.stderr)
        return 2
    from agentdesk.client.credentials import CredentialStore
    from agentdesk.client.sync_engine import SyncEngine
    from agentdesk.domain.vocabulary import Language
    from agentdesk.ui.app import create_application
    from agentdesk.ui.launch import LaunchOptions, run_session
    from agentdesk.ui.session import sign_in
    from agentdesk.ui.settings import UserSettings

    lang = Language(language)
    with tempfile.TemporaryDirectory(prefix="agentdesk-demo-") as tmp:
        folder = Path(tmp)
        print(f"Seeding {cases} demo cases …", file=sys.stderr)
        db, accounts = seed_database(folder, cases=cases, seed_value=seed)
        account = pick_account(accounts, role)
        with running_server(db, folder / "server.log") as url:
            print(f"Demo server on {url}; signing in as {account['username']} ({role})",
                  file=sys.stderr)
            app = create_application(lang)
            # Demo sign-ins stay in memory: nothing is written to the user's keyring.
            credentials = CredentialStore()
            session = sign_in(url, account["username"], account["password"],
                              stay_signed_in=False, credentials=credentials, language=lang,
                              data_dir=folder / "client")
            assert session.api is not None
            report = SyncEngine(session.store, session.api).sync()
            print(f"First sync: {report.pulled} changes ({report.state})", file=sys.stderr)
            options = LaunchOptions(server_url=url, language=lang,
                                    data_dir=folder / "client",
                                    settings_path=folder / "settings.ini")
            settings = UserSettings(options.settings_path)
            return run_session(app, session, credentials=credentials, settings=settings,
                               language=lang, options=options)
