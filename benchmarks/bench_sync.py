"""Sync speed on loopback: first sync, incremental sync, pushing a full outbox.

Builds a SQLite server database with one agent holding 2,000 cases (demo data, topped up
to about 20 history items per case), runs `agentdesk-server serve` on 127.0.0.1, and
measures with a real desktop store and sync engine:

- the first sync of the agent (snapshot pages until the cursor is current): time and
  bytes received (target < 5 s);
- an incremental sync after 50 changes on the server (target < 150 ms);
- pushing 1,000 queued ops (contact attempts and notes made offline) (target < 2 s).

Run: `python benchmarks/bench_sync.py [--cases 2000] [--items 20] [--keep DIR]`.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import func, insert, select, update

from agentdesk.client.api import ApiClient
from agentdesk.client.operations import Operations
from agentdesk.client.store import LocalStore
from agentdesk.client.sync_engine import SyncEngine, SyncState
from agentdesk.domain.authority import read_authority_policy
from agentdesk.domain.vocabulary import CallResult, Channel
from agentdesk.protocol.ops import ContactAttemptRecord, NoteAdd
from agentdesk.server.db import make_engine, session_factory, transaction
from agentdesk.server.migrate import upgrade
from agentdesk.server.models import Case, ContactAttempt, DeviceSession, Note, User
from agentdesk.server.security import token_digest
from agentdesk.server.seed.demo import seed_demo

AGENT = "agent.east1"
TOKEN = "bench-sync-token"


def build(db_url: str, cases: int, items: int) -> None:
    """Seed demo data, give every case to one agent, top the timelines up to `items`."""
    engine = make_engine(db_url)
    upgrade(engine)
    factory = session_factory(engine)
    now = datetime.now(UTC)
    rng = random.Random(5)
    with transaction(factory) as db:
        seed_demo(db, seed=11, cases=cases, policy=read_authority_policy(), plans=10)
    with transaction(factory) as db:
        agent = db.scalars(select(User).where(User.username == AGENT)).one()
        # Straight SQL, before any desktop synced: the first sync reads current state.
        db.execute(update(Case).values(assignee_id=agent.id, team_id=agent.team_id))
        db.add(
            DeviceSession(
                user_id=agent.id,
                device_name="bench",
                token_hash=token_digest(TOKEN),
                created_at=now,
                expires_at=now + timedelta(days=1),
            )
        )
        have = dict(db.execute(select(Note.case_id, func.count()).group_by(Note.case_id)).all())
        for case_id, n in db.execute(
            select(ContactAttempt.case_id, func.count()).group_by(ContactAttempt.case_id)
        ):
            have[case_id] = have.get(case_id, 0) + n
        attempts = []
        for case_id in db.scalars(select(Case.id)):
            for k in range(max(0, items - have.get(case_id, 0))):
                at = now - timedelta(days=k, minutes=rng.randint(0, 600))
                attempts.append(
                    {
                        "id": uuid.uuid4(),
                        "case_id": case_id,
                        "user_id": agent.id,
                        "channel": "call",
                        "result": rng.choice(["no_answer", "busy", "promise"]),
                        "started_at": at,
                        "ended_at": at + timedelta(minutes=3),
                        "notes": "借款人表示月底还款",
                        "transcript": [],
                        "version": 1,
                        "created_at": at,
                        "updated_at": at,
                        "flagged": False,
                    }
                )
        for i in range(0, len(attempts), 5000):
            db.execute(insert(ContactAttempt), attempts[i : i + 5000])
    engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(db_url: str, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "agentdesk.server.cli",
            "serve",
            "--db",
            db_url,
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
            "--no-upgrade",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).ok:
                return proc
        except requests.RequestException:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used; 0 where /proc is not available."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Clock:
    """Wall time, this process's CPU time and the server's CPU time of one step.

    On a machine shared with other work the wall time stretches; the CPU times say what
    the step costs, which on an idle machine with two cores bounds the wall time."""

    def __init__(self, server_pid: int) -> None:
        self.pid = server_pid

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        self.server = cpu_seconds(self.pid)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
        self.server = cpu_seconds(self.pid) - self.server

    def __str__(self) -> str:
        return (
            f"{self.wall:.2f} s wall (client CPU {self.cpu:.2f} s, server CPU {self.server:.2f} s)"
        )


def server_changes(db_url: str, n: int) -> None:
    """`n` changes made on the server by someone else (notes by the lead)."""
    engine = make_engine(db_url)
    factory = session_factory(engine)
    with factory() as db:
        lead = db.scalars(select(User).where(User.username == "lead.east")).one()
        case_ids = list(db.scalars(select(Case.id).limit(n)))
    for case_id in case_ids:
        with transaction(factory) as db:
            db.add(
                Note(
                    id=uuid.uuid4(),
                    case_id=case_id,
                    author_id=lead.id,
                    body="组长备注：请今天跟进",
                    version=1,
                )
            )
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--ops", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="keep the files in this folder")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="agentdesk-bench-sync-"))
    root.mkdir(parents=True, exist_ok=True)
    db_url = f"sqlite:///{root / 'server.sqlite3'}"
    if not (root / "server.sqlite3").exists():
        t = time.perf_counter()
        build(db_url, args.cases, args.items)
        print(f"built {args.cases} cases in {time.perf_counter() - t:.1f} s")
    else:  # a kept database from an older version: bring its schema up to date
        kept = make_engine(db_url)
        upgrade(kept)
        kept.dispose()
    port = free_port()
    proc = serve(db_url, port)
    try:
        store_path = root / f"desk-{uuid.uuid4().hex[:6]}.sqlite3"
        store = LocalStore(store_path)
        api = ApiClient(f"http://127.0.0.1:{port}", token=TOKEN)
        engine = SyncEngine(store, api, pull_limit=5000, push_batch=200)

        with Clock(proc.pid) as clock:
            first = engine.sync()
        assert first.state is SyncState.SYNCED, first.message
        with store.read() as db:
            cases = db.execute("SELECT count(*) FROM cases").fetchone()[0]
            history = db.execute("SELECT count(*) FROM history").fetchone()[0]
        print(
            f"first sync: {clock}, {first.pulled} changes in {first.pages} pages, "
            f"{api.bytes_received / 1e6:.1f} MB received; {cases} cases, {history} history "
            f"items  (target < 5 s)"
        )

        server_changes(db_url, args.changes)
        received = api.bytes_received
        with Clock(proc.pid) as clock:
            inc = engine.sync()
        print(
            f"incremental sync of {args.changes} changes: {clock}, "
            f"{inc.pulled} changes, {(api.bytes_received - received) / 1e3:.1f} kB received "
            f"(target < 150 ms)"
        )

        with make_engine(db_url).connect() as conn:
            agent_id = str(conn.execute(select(User.id).where(User.username == AGENT)).scalar())
            case_ids = [str(c) for c in conn.execute(select(Case.id).limit(200)).scalars()]
        ops = Operations(store, user_id=agent_id)
        now = datetime.now(UTC)
        for i in range(args.ops):
            case = uuid.UUID(case_ids[i % len(case_ids)])
            if i % 2:
                ops.add_note(NoteAdd(case_id=case, text=f"离线备注 {i}"))
            else:
                ops.record_contact_attempt(
                    ContactAttemptRecord(
                        case_id=case,
                        channel=Channel.CALL,
                        result=CallResult.NO_ANSWER,
                        started_at=now - timedelta(minutes=2),
                        ended_at=now,
                    )
                )
        sent = api.bytes_sent
        with Clock(proc.pid) as clock:
            pushed = engine.push()
        print(
            f"push of {args.ops} queued ops: {clock}, {pushed.applied} applied, "
            f"{pushed.duplicates} duplicates (retried batches), {engine.outbox.count()} left, "
            f"{(api.bytes_sent - sent) / 1e3:.0f} kB sent (target < 2 s)"
        )
        api.close()
        store.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
