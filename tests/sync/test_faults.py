"""Sync under faults: each test checks that nothing was lost and nothing duplicated."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from keyring.backends.fail import Keyring as FailKeyring
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from agentdesk.client.credentials import CredentialStore
from agentdesk.client.store import LocalStore
from agentdesk.client.sync_engine import Progress, SyncState
from agentdesk.server.models import Note
from agentdesk.server.seed.demo import DEMO_PASSWORD
from agentdesk.server.sync.models import SyncChange, SyncOp
from tests.support.proxy import FaultProxy
from tests.support.server_db import token_for
from tests.sync.checks import assert_agree, assert_applied_once, ops_on_server, revoke
from tests.sync.conftest import DeskFactory
from tests.sync.harness import ROOT, Desk, LiveServer, make_desk
from tests.sync.work import approve, attempt, lead_approvable, note, promise, propose, withdraw

PUSH = "/api/v1/sync/push"

# Each test runs a real server process (seconds to start).
pytestmark = pytest.mark.slow


@pytest.fixture
def proxy(server: LiveServer) -> Iterator[FaultProxy]:
    p = FaultProxy(server.port)
    yield p
    p.close()


def some_case(d: Desk) -> str:
    return sorted(d.case_ids())[0]


def test_server_down_during_push(
    desk: DeskFactory, server: LiveServer, server_engine: Engine
) -> None:
    agent = desk("agent.east1", push_batch=2)
    agent.sync()
    case_id = some_case(agent)
    made = [note(agent, case_id, f"第 {i} 条备注") for i in range(6)]

    def kill_after_first_batch(p: Progress) -> None:
        agent.progress.append(p)
        if p.phase == "push" and p.done == 2:
            server.stop(kill=True)

    agent.engine.progress = kill_after_first_batch
    down = agent.sync()
    assert down.state is SyncState.OFFLINE
    # The second batch was already on its way when the server died (pushes overlap the
    # store's work): it was answered, applied without its answer arriving, or not
    # applied. Whatever has no answer is still queued, and the third batch was never
    # applied.
    assert down.pushed in (2, 4) and agent.outbox.count() == 6 - down.pushed
    applied_unheard = len(ops_on_server(server_engine, [c.op_id for c in made])) - down.pushed
    assert applied_unheard in ((0, 2) if down.pushed == 2 else (0,))
    server.start()
    agent.engine.progress = agent.progress.append
    up = agent.sync()
    assert up.state is SyncState.SYNCED and agent.outbox.count() == 0
    assert (up.applied, up.duplicates) == (6 - down.pushed - applied_unheard, applied_unheard)
    assert_applied_once(server_engine, made)
    assert_agree(server_engine, agent)


def test_answer_lost_after_server_applied_then_retry(
    desk: DeskFactory, proxy: FaultProxy, server_engine: Engine
) -> None:
    agent = desk("agent.east1", base_url=proxy.url)
    agent.sync()
    case_id = some_case(agent)
    made = [attempt(agent, case_id), note(agent, case_id), promise(agent, case_id)]
    proxy.arm("drop_response", PUSH, times=1)
    report = agent.sync()
    assert proxy.counts["drop_response"] == 1, "the fault really happened"
    assert report.state is SyncState.SYNCED
    # The first request was applied, its answer lost; the automatic retry got duplicates.
    assert (report.applied, report.duplicates) == (0, 3), agent.outbox.needs_attention()
    assert agent.outbox.count() == 0 and not agent.outbox.needs_attention()
    assert_applied_once(server_engine, made)
    assert_agree(server_engine, agent)


def test_answer_lost_every_retry_keeps_ops_queued(
    desk: DeskFactory, proxy: FaultProxy, server_engine: Engine
) -> None:
    agent = desk("agent.east1", base_url=proxy.url)
    agent.sync()
    made = [note(agent, some_case(agent))]
    proxy.arm("drop_response", PUSH, times=10)
    assert agent.sync().state is SyncState.OFFLINE
    assert agent.outbox.count() == 1  # applied on the server, but no answer yet: still queued
    proxy.calm()
    again = agent.sync()
    assert (again.applied, again.duplicates, agent.outbox.count()) == (0, 1, 0)
    assert_applied_once(server_engine, made)


CHILD = textwrap.dedent(
    """
    import os, signal, sys, uuid
    from agentdesk.client.api import ApiClient
    from agentdesk.client.operations import Operations
    from agentdesk.client.store import LocalStore
    from agentdesk.client.sync_engine import SyncEngine
    from agentdesk.protocol.ops import NoteAdd
    path, base, token, user_id, case_id, when = sys.argv[1:7]
    store = LocalStore(path)
    ops = Operations(store, user_id=user_id)
    made = [ops.add_note(NoteAdd(case_id=uuid.UUID(case_id), text=f"离线 {i}")) for i in range(3)]
    print(" ".join(str(m.op_id) for m in made), flush=True)
    if when == "before_push":
        os.kill(os.getpid(), signal.SIGKILL)
    api = ApiClient(base, token=token)
    real_push = api.push
    def push_then_die(device_id, batch):
        real_push(device_id, batch)          # the server applied it ...
        os.kill(os.getpid(), signal.SIGKILL)  # ... and the app dies before recording it
    api.push = push_then_die
    SyncEngine(store, api).sync()
    """
)


@pytest.mark.parametrize("when", ["before_push", "after_server_applied"])
def test_client_killed(
    when: str, desk: DeskFactory, server: LiveServer, server_engine: Engine, tmp_path: Path
) -> None:
    agent = desk("agent.east1")
    agent.sync()
    case_id = some_case(agent)
    path = agent.store.path
    agent.close()
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(path),
            server.url,
            token_for("agent.east1"),
            agent.ops.user_id or "",
            case_id,
            when,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    op_ids = [uuid.UUID(x) for x in child.stdout.split()]
    assert len(op_ids) == 3
    on_server = ops_on_server(server_engine, op_ids)
    assert len(on_server) == (0 if when == "before_push" else 3)

    store = LocalStore(path)  # the app starts again
    try:
        from agentdesk.client.api import ApiClient
        from agentdesk.client.sync_engine import SyncEngine

        api = ApiClient(server.url, token=token_for("agent.east1"))
        assert SyncEngine(store, api).outbox.count() == 3, "the queued ops survived the kill"
        report = SyncEngine(store, api).sync()
        assert report.state is SyncState.SYNCED
        expected = (3, 0) if when == "before_push" else (0, 3)
        assert (report.applied, report.duplicates) == expected
        assert set(ops_on_server(server_engine, op_ids).values()) == {"applied"}
        with Session(server_engine) as db:
            texts = list(db.scalars(select(Note.body).where(Note.body.like("离线 %"))))
        assert sorted(texts) == ["离线 0", "离线 1", "离线 2"]
        api.close()
    finally:
        store.close()


def test_server_restarted_mid_pull(
    desk: DeskFactory, server: LiveServer, server_engine: Engine
) -> None:
    agent = desk("lead.east", pull_limit=100)  # two cases a page: many pages

    def kill_after_third_page(p: Progress) -> None:
        agent.progress.append(p)
        if p.phase == "pull" and len([x for x in agent.progress if x.phase == "pull"]) == 3:
            server.stop(kill=True)

    agent.engine.progress = kill_after_third_page
    cut = agent.sync()
    assert cut.state is SyncState.OFFLINE and cut.pages >= 3  # (one may be prefetched)
    cursor = agent.store.cursor()
    assert cursor and cursor.startswith("s:")
    server.start()
    agent.engine.progress = agent.progress.append
    rest = agent.sync()
    assert rest.state is SyncState.SYNCED
    assert_agree(server_engine, agent)


def test_token_revoked_mid_sync(
    desk: DeskFactory, server: LiveServer, server_engine: Engine
) -> None:
    creds = CredentialStore(backend=FailKeyring())  # type: ignore[no-untyped-call]  # no keyring here: memory only
    agent = desk("agent.east1", push_batch=2)
    agent.engine.credentials = creds
    agent.engine.sign_in("agent.east1", DEMO_PASSWORD, "laptop")
    assert creds.memory_only
    agent.sync()
    case_id = some_case(agent)
    made = [note(agent, case_id, f"备注 {i}") for i in range(6)]

    def revoke_after_first_batch(p: Progress) -> None:
        if p.phase == "push" and p.done == 2:
            revoke(server_engine, "agent.east1")

    agent.engine.progress = revoke_after_first_batch
    stopped = agent.sync()
    assert stopped.state is SyncState.SIGN_IN_REQUIRED
    assert "sign in" in stopped.message.lower() or "登录" in stopped.message
    # The second batch may already be on its way when the first one's answers are
    # written (pushes overlap the store's work): it is applied or refused whole. Either
    # way every op is on the server or still queued, never both, and the sync stopped
    # before the last batch.
    on_server = ops_on_server(server_engine, [c.op_id for c in made])
    assert len(on_server) in (2, 4), on_server
    queued = {entry.op.op_id for entry in agent.outbox.pending(10)}
    assert queued == {c.op_id for c in made} - set(on_server), "queued ops stay queued"
    assert creds.load(server.url, "agent.east1") is None, "the dead token is forgotten"
    assert agent.sync().state is SyncState.SIGN_IN_REQUIRED

    agent.engine.progress = agent.progress.append
    agent.engine.sign_in("agent.east1", DEMO_PASSWORD, "laptop")
    done = agent.sync()
    assert done.state is SyncState.SYNCED and done.applied == len(queued)
    assert_applied_once(server_engine, made)


def test_case_reassigned_while_agent_had_pending_ops(
    desk: DeskFactory, server: LiveServer, server_engine: Engine
) -> None:
    agent = desk("agent.east1")
    agent.sync()
    case_id, options = lead_approvable(server.url, "agent.east1", sorted(agent.case_ids()))
    facts = [attempt(agent, case_id), note(agent, case_id, "转派前的备注")]
    refused = [promise(agent, case_id), propose(agent, case_id, options)]

    # Meanwhile the lead gives the case to a colleague (REST, as the lead's desktop would).
    r = requests.post(
        f"{server.url}/api/v1/cases/{case_id}/assign",
        json={"agent": "agent.east2"},
        headers={"Authorization": f"Bearer {token_for('lead.east')}"},
        timeout=30,
    )
    assert r.status_code == 200, r.text

    report = agent.sync()
    assert report.state is SyncState.SYNCED
    assert report.applied == 2 and report.needs_attention == 2
    assert_applied_once(server_engine, facts)
    stored = ops_on_server(server_engine, [c.op_id for c in refused])
    assert set(stored.values()) == {"rejected"}
    attention = {item.op_id: item for item in agent.outbox.needs_attention()}
    assert set(attention) == {c.op_id for c in refused}
    assert {i.reason_code for i in attention.values()} == {"case_reassigned"}
    assert all(i.reason for i in attention.values())
    assert case_id not in agent.case_ids(), "the lost case left the old holder's store"
    assert_agree(server_engine, agent)

    colleague = desk("agent.east2")
    colleague.sync()
    from agentdesk.client.casefile import open_case

    timeline = open_case(colleague.store, case_id).timeline
    ids = {item.item_id for item in timeline}
    assert {str(c.entity_id) for c in facts} <= ids
    notices = [i for i in timeline if i.kind == "note" and "【离线记录】" in i.data["text"]]
    assert len(notices) == 2, "the new holder is told each record came in late"
    assert_agree(server_engine, colleague)


def test_plan_withdrawn_while_approval_queued(
    desk: DeskFactory, server: LiveServer, server_engine: Engine
) -> None:
    agent = desk("agent.east1")
    lead = desk("lead.east")
    agent.sync()
    case_id, options = lead_approvable(server.url, "agent.east1", sorted(agent.case_ids()))
    plan = propose(agent, case_id, options)
    agent.sync()
    lead.sync()
    approve(lead, case_id, str(plan.entity_id))  # queued on the lead's desktop
    withdraw(agent, case_id, str(plan.entity_id))
    assert agent.sync().applied == 1

    report = lead.sync()
    assert report.state is SyncState.SYNCED and report.needs_attention == 1
    [item] = lead.outbox.needs_attention()
    assert item.status == "conflict" and item.reason_code == "plan_withdrawn"
    assert item.current is not None and item.current["status"] == "withdrawn"
    assert item.server_version is not None
    with lead.store.read() as db:
        status = db.execute(
            "SELECT status FROM plans WHERE plan_id = ?", (str(plan.entity_id),)
        ).fetchone()[0]
    assert status == "withdrawn", "the lead sees the server's plan, not the lost approval"
    with Session(server_engine) as db:
        assert db.scalars(select(SyncOp).where(SyncOp.status == "conflict")).one()
    assert_agree(server_engine, lead)


def test_old_desktop_is_told_to_upgrade(
    server: LiveServer, tmp_path: Path, server_engine: Engine
) -> None:
    old = make_desk(tmp_path, server.url, "agent.east1", server_engine)
    old.api.session.headers["X-AgentDesk-Protocol"] = "0"
    try:
        report = old.sync()
        assert report.state is SyncState.UPGRADE_REQUIRED
        r = old.api.session.post(
            f"{server.url}/api/v1/sync/push",
            json={"device_id": str(uuid.uuid4()), "ops": []},
            headers={"Authorization": f"Bearer {token_for('agent.east1')}"},
        )
        assert r.status_code == 426 and r.json()["error"]["code"] == "upgrade_required"
    finally:
        old.close()


def test_overlapping_batches_are_applied_in_outbox_order(
    desk: DeskFactory, server_engine: Engine
) -> None:
    # A batch goes out while the answers of the one before are being written, never
    # before those answers arrived: the server applies every op in the order it was made.
    agent = desk("agent.east1", push_batch=2)
    agent.sync()
    case_id = some_case(agent)
    made = [note(agent, case_id, f"按顺序 {i}") for i in range(9)]
    report = agent.sync()
    assert report.state is SyncState.SYNCED and report.applied == 9
    assert [p.done for p in agent.progress if p.phase == "push"][-6:] == [0, 2, 4, 6, 8, 9]
    with Session(server_engine) as db:
        logged = db.execute(
            select(SyncChange.entity_id)
            .where(SyncChange.entity_id.in_([str(c.entity_id) for c in made]))
            .order_by(SyncChange.seq)
        )
        order = [uuid.UUID(entity_id) for (entity_id,) in logged]
    assert order == [c.entity_id for c in made]
    assert_applied_once(server_engine, made)
