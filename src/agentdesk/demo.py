"""`agentdesk demo`: the whole product on one machine, with one command.

Makes a fresh SQLite database in a temporary folder, seeded by `agentdesk-server
seed-demo` (deterministic demo portfolio and accounts), starts the server on a free
loopback port in a child process, signs in as a demo agent (or lead), runs a first sync,
and opens the desktop. Closing the window stops the server and removes the folder.

Seeding takes most of the start (~10 s for 2,000 cases); the seeded database is kept
as a template in the user's cache folder and copied on the next start, for as long as
nothing that shapes it changed: the schema, migrations, seed and domain code, the
policies, the size, the seed and the day (`template_key`). `--fresh` seeds anew.

This is the one module that runs both programs; it drives the server through its own
command line, so the desktop never imports server code.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
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


def seed_database(folder: Path, *, cases: int, seed_value: int,
                  templates: Path | None = None) -> tuple[Path, list[dict[str, Any]]]:
    """A fresh demo database in `folder` and its demo accounts.

    With `templates`, a database seeded earlier the same way is copied from there
    (and a new one is left there for next time).
    """
    db = folder / "server.sqlite3"
    accounts = folder / "accounts.json"
    today = datetime.now(UTC).date()
    template = None
    if templates is not None:
        template = templates / f"demo-{template_key(cases, seed_value, today)}"
        if template.with_suffix(".sqlite3").exists() and template.with_suffix(".json").exists():
            shutil.copyfile(template.with_suffix(".sqlite3"), db)
            shutil.copyfile(template.with_suffix(".json"), accounts)
            return db, json.loads(accounts.read_text(encoding="utf-8"))
    subprocess.run(
        _server_command("seed-demo", "--db", str(db), "--cases", str(cases),
                        "--seed", str(seed_value), "--today", today.isoformat(),
                        "--accounts-out", str(accounts)),
        check=True, stdout=subprocess.DEVNULL,
    )
    if template is not None:
        _keep_template(db, accounts, template)
    return db, json.loads(accounts.read_text(encoding="utf-8"))


def template_key(cases: int, seed_value: int, today: date) -> str:
    """Names a seeded database by everything that shaped it (see the module docstring)."""
    package = Path(__file__).resolve().parent
    server = package / "server"
    from agentdesk.paths import resources_dir

    sources = sorted([
        *(server / name for name in ("models.py", "base.py", "plans.py", "portfolio.py",
                                     "security.py", "audit.py")),
        *(server / "migrations").rglob("*.py"), *(server / "seed").rglob("*.py"),
        *(package / "domain").rglob("*.py"), *(resources_dir() / "policies").rglob("*")])
    digest = hashlib.sha256(f"{cases}|{seed_value}|{today.isoformat()}".encode())
    for path in sources:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _keep_template(db: Path, accounts: Path, template: Path) -> None:
    if db.with_name(db.name + "-wal").exists():
        return  # not checkpointed: the file alone is not the whole database
    try:
        template.parent.mkdir(parents=True, exist_ok=True)
        for old in template.parent.glob("demo-*"):  # only the newest template is kept
            old.unlink(missing_ok=True)
        for source, suffix in ((db, ".sqlite3"), (accounts, ".json")):
            partial = template.with_suffix(suffix + ".part")
            shutil.copyfile(source, partial)
            partial.replace(template.with_suffix(suffix))  # atomic: never half a template
    except OSError:
        pass  # no cache folder: the next demo seeds again


def demo_templates() -> Path:
    """Where seeded demo databases are kept between demos (the user's cache folder)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("agentdesk", appauthor=False)) / "demo"


@contextmanager
def running_server(db: Path, log: Path, *, port: int | None = None, timeout: float = 60.0,
                   while_starting: Callable[[], object] | None = None) -> Iterator[str]:
    """The server on 127.0.0.1 in a child process while the block runs; yields its URL.

    `while_starting` runs once the server process is started, before waiting for it to
    answer (the server takes seconds to import: the desktop can load meanwhile).
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        # The server holds a pipe from this process: if the demo is killed before its
        # `finally` runs, the pipe closes and the server stops itself.
        process = subprocess.Popen(
            _server_command("serve", "--db", str(db), "--host", "127.0.0.1",
                            "--port", str(port), "--log-level", "warning", "--no-access-log",
                            "--stop-with-parent"),
            stdin=subprocess.PIPE, stdout=out, stderr=subprocess.STDOUT,
        )
        try:
            if while_starting is not None:
                while_starting()
            _wait_until_up(url, process, timeout, log)
            yield url
        finally:
            process.terminate()
            assert process.stdin is not None
            process.stdin.close()
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
             seed: int = 7, fresh: bool = False) -> int:
    """Run the demo until its window closes; returns the exit code."""
    if not has_display():
        print(XVFB_HINT, file=sys.stderr)
        return 2
    lang_code = language

    def load_desktop() -> None:
        # While the server imports: the desktop's own modules and its QApplication.
        from agentdesk.client.sync_engine import SyncEngine  # noqa: F401  (used below)
        from agentdesk.domain.vocabulary import Language
        from agentdesk.ui.app import create_application
        from agentdesk.ui.launch import run_session  # noqa: F401
        from agentdesk.ui.session import sign_in  # noqa: F401

        create_application(Language(lang_code))

    with tempfile.TemporaryDirectory(prefix="agentdesk-demo-") as tmp:
        folder = Path(tmp)
        print(f"Preparing {cases} demo cases …", file=sys.stderr)
        db, accounts = seed_database(folder, cases=cases, seed_value=seed,
                                     templates=None if fresh else demo_templates())
        account = pick_account(accounts, role)
        with running_server(db, folder / "server.log", while_starting=load_desktop) as url:
            from agentdesk.client.credentials import CredentialStore
            from agentdesk.client.sync_engine import SyncEngine
            from agentdesk.domain.vocabulary import Language
            from agentdesk.ui.app import create_application
            from agentdesk.ui.launch import LaunchOptions, run_session
            from agentdesk.ui.session import sign_in
            from agentdesk.ui.settings import UserSettings

            lang = Language(language)
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
