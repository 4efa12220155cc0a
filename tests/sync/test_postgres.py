"""Sync on PostgreSQL: concurrent writers never make a cursor skip; two server processes
on one database behave as one."""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from agentdesk.client.sync_engine import SyncState
from agentdesk.server.db import make_engine, session_factory
from agentdesk.server.deps import Principal
from agentdesk.server.models import Case, Note, User
from agentdesk.server.sync import changelog
from agentdesk.server.sync.pull import max_seq, pull
from tests.support.proxy import FaultProxy
from tests.support.server_db import Backend, token_for
from tests.sync.checks import assert_agree, assert_applied_once, principal_of
from tests.sync.harness import LiveServer, make_desk
from tests.sync.work import note

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def pg_url(sync_pg_template: Backend) -> str:
    return sync_pg_template.make_copy()


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = make_engine(pg_url, pool_size=8)
    yield engine
    engine.dispose()


def _team_cases(engine: Engine, lead: str) -> tuple[uuid.UUID, list[uuid.UUID]]:
    with Session(engine) as db:
        user = db.scalars(select(User).where(User.username == lead)).one()
        cases = list(db.scalars(select(Case.id).where(Case.team_id == user.team_id)))
        return user.id, cases


def test_concurrent_writers_while_a_client_pulls_in_small_pages(
    pg_url: str, pg_engine: Engine, tmp_path: Path
) -> None:
    server = LiveServer(pg_url, log=tmp_path / "server.log").start()
    lead = make_desk(tmp_path, server.url, "lead.east", pg_engine, pull_limit=5)
    try:
        assert lead.sync().state is SyncState.SYNCED
        author, cases = _team_cases(pg_engine, "lead.east")
        factory = session_factory(pg_engine)
        written: list[str] = []
        lock = threading.Lock()

        def writer(seed: int) -> None:
            rng = random.Random(seed)
            for _ in range(25):
                with factory() as db:
                    note_id = uuid.uuid4()
                    db.add(
                        Note(
                            id=note_id,
                            case_id=rng.choice(cases),
                            author_id=author,
                            body=f"并发写入 {seed}",
                            version=1,
                        )
                    )
                    db.flush()
                    # Hold the transaction open a random while, so transactions that
                    # began later often commit first: the out-of-order commits that make
                    # a plain sequence skip.
                    time.sleep(rng.uniform(0, 0.03))
                    db.commit()
                with lock:
                    written.append(str(note_id))

        with ThreadPoolExecutor(6) as pool:
            futures = [pool.submit(writer, seed) for seed in range(6)]
            pages = 0
            while not all(f.done() for f in futures):
                during = lead.sync()
                assert during.state is SyncState.SYNCED
                pages += during.pages
            for f in futures:
                f.result()
        assert lead.sync().state is SyncState.SYNCED
        assert pages >= 5, "the client pulled page after page while the writers wrote"
        missing = set(written) - lead.local_ids("history", "item_id")
        assert not missing, f"{len(missing)} of {len(written)} changes skipped"
        assert len(written) == 150
        assert_agree(pg_engine, lead)
    finally:
        lead.close()
        server.stop()


def test_two_server_processes_share_one_database(
    pg_url: str, pg_engine: Engine, tmp_path: Path
) -> None:
    first = LiveServer(pg_url, log=tmp_path / "a.log").start()
    second = LiveServer(pg_url, log=tmp_path / "b.log").start()
    proxy = FaultProxy(first.port)
    agent = make_desk(tmp_path, proxy.url, "agent.east1", pg_engine)
    try:
        agent.sync()
        case_id = sorted(agent.case_ids())[0]
        made = [note(agent, case_id, f"两台服务器 {i}") for i in range(5)]
        # The first process applies the batch, but every answer is lost on the way back.
        proxy.arm("drop_response", "/api/v1/sync/push", times=10)
        assert agent.sync().state is SyncState.OFFLINE
        assert agent.outbox.count() == 5
        # The retry lands on the other process: still duplicates, nothing applied twice.
        agent.point_at(second.url)
        report = agent.sync()
        assert (report.applied, report.duplicates, agent.outbox.count()) == (0, 5, 0)
        assert_applied_once(pg_engine, made)

        # The same ops sent to both processes at the same moment: one applies each op,
        # the other answers duplicate.
        more = [note(agent, case_id, f"同时 {i}") for i in range(20)]
        body = {
            "device_id": str(agent.store.device_id),
            "ops": [e.op.model_dump(mode="json") for e in agent.outbox.pending(100)],
        }
        headers = {"Authorization": f"Bearer {token_for('agent.east1')}"}
        with ThreadPoolExecutor(2) as pool:
            answers = list(
                pool.map(
                    lambda url: requests.post(
                        f"{url}/api/v1/sync/push", json=body, headers=headers, timeout=60
                    ).json()["results"],
                    [first.url, second.url],
                )
            )
        for one, other in zip(*answers, strict=True):
            assert sorted([one["status"], other["status"]]) == ["applied", "duplicate"]
        assert agent.sync().duplicates == 20
        assert_applied_once(pg_engine, more)
        with Session(pg_engine) as db:
            bodies = list(db.scalars(select(Note.body).where(Note.body.like("同时 %"))))
        assert len(bodies) == 20
    finally:
        agent.close()
        proxy.close()
        first.stop()
        second.stop()


def _add_note(engine: Engine, author: uuid.UUID, case_id: uuid.UUID) -> tuple[Session, str]:
    db = session_factory(engine)()
    note_id = uuid.uuid4()
    db.add(Note(id=note_id, case_id=case_id, author_id=author, body="顺序", version=1))
    db.flush()
    return db, str(note_id)


def _note_ids(engine: Engine, principal: Principal, cursor: str) -> tuple[list[str], str]:
    with Session(engine) as db:
        page = pull(db, principal, cursor, 1000)
    return [c["entity_id"] for c in page.changes if c["entity_type"] == "note"], page.next_cursor


@pytest.mark.parametrize("serialised", [True, False], ids=["with-lock", "without-lock"])
def test_positions_follow_commit_order(
    serialised: bool, pg_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """T1 takes a log position and stalls before COMMIT; T2 writes after it.

    With the lock, T2 cannot take a position until T1 has committed, so a reader never
    sees T2's position without T1's. Without it (the control), T2 commits first, the
    reader's cursor moves past T1's position, and T1's change is skipped for good —
    the failure this design exists to prevent."""
    if not serialised:
        monkeypatch.setattr(changelog, "take_position_lock", lambda _session: None)
    author, cases = _team_cases(pg_engine, "lead.east")
    admin = principal_of(pg_engine, "admin")
    with Session(pg_engine) as db:
        start = f"l:{max_seq(db)}"
    t1, t1_note = _add_note(pg_engine, author, cases[0])
    stalled, release = threading.Event(), threading.Event()

    def stall(session: Session) -> None:
        if session is t1:
            stalled.set()
            release.wait(20)

    event.listen(Session, "before_commit", stall)  # runs after the log append
    try:
        first = threading.Thread(target=t1.commit)
        first.start()
        assert stalled.wait(10)
        t2, t2_note = _add_note(pg_engine, author, cases[1])
        second = threading.Thread(target=t2.commit)
        second.start()
        second.join(1.0 if serialised else 20.0)
        assert second.is_alive() is serialised, "T2 waits for T1 only under the lock"
        seen, cursor = _note_ids(pg_engine, admin, start)
        release.set()
        first.join(10)
        second.join(10)
        later, _ = _note_ids(pg_engine, admin, cursor)
    finally:
        release.set()
        event.remove(Session, "before_commit", stall)
        t1.close()
        t2.close()
    if serialised:
        assert seen == [] and later == [t1_note, t2_note]
    else:
        assert seen == [t2_note] and t1_note not in later, "the control shows the skip"
