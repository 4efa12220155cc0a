"""Retention of the op log and the change log, and desktops whose cursor fell behind it."""

from __future__ import annotations

import argparse
from datetime import timedelta

import pytest
import requests
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from agentdesk.client.sync_engine import SyncState
from agentdesk.server.base import utcnow
from agentdesk.server.db import session_factory, transaction
from agentdesk.server.models import Case, Note, User
from agentdesk.server.sync.changelog import ACCESS
from agentdesk.server.sync.models import SyncChange, SyncOp
from agentdesk.server.sync.retention import horizon, prune
from agentdesk.server.sync.retention_cli import cmd_prune
from tests.support.server_db import token_for
from tests.sync.conftest import DeskFactory
from tests.sync.harness import LiveServer
from tests.sync.work import note

pytestmark = pytest.mark.slow  # a real server process


def _age_logs(engine: Engine, days: int) -> None:
    then = utcnow() - timedelta(days=days)
    with transaction(session_factory(engine)) as db:
        db.execute(update(SyncChange).values(at=then))
        db.execute(update(SyncOp).values(received_at=then))


def _prune(engine: Engine, **days: int) -> None:
    with transaction(session_factory(engine)) as db:
        prune(db, utcnow(), **days)


def test_prune_keeps_recent_rows_access_rows_and_the_newest_row(server_engine: Engine) -> None:
    with transaction(session_factory(server_engine)) as db:  # a change of hands, a note
        case = db.scalars(select(Case).order_by(Case.id).limit(1)).one()
        colleague = db.scalars(
            select(User).where(User.team_id == case.team_id, User.id != case.assignee_id,
                               User.role == "agent")
        ).first()
        assert colleague is not None
        case.assignee_id = colleague.id
        db.add(Note(case_id=case.id, author_id=colleague.id, body="交接", version=1))
    with Session(server_engine) as db:
        newest = db.scalar(select(func.max(SyncChange.seq)))
        access = db.scalar(select(func.count()).where(SyncChange.kind == ACCESS))
    assert newest and access
    _prune(server_engine)  # nothing is old yet
    with Session(server_engine) as db:
        assert horizon(db) == 0
        assert db.scalar(select(func.max(SyncChange.seq))) == newest
    _age_logs(server_engine, 31)
    _prune(server_engine, change_log_days=30)
    with Session(server_engine) as db:
        kinds = {kind for (kind,) in db.execute(select(SyncChange.kind).distinct())}
        rows = db.scalar(select(func.count()).select_from(SyncChange)) or 0
        assert horizon(db) == newest - 1
        assert db.scalar(select(func.max(SyncChange.seq))) == newest
        assert db.scalar(select(func.count()).where(SyncChange.kind == ACCESS)) == access
    assert kinds <= {ACCESS, "upsert"} and rows <= access + 1
    with Session(server_engine) as db, pytest.raises(ValueError, match="at least 1 day"):
        prune(db, utcnow(), change_log_days=0)


def test_a_desktop_behind_the_horizon_syncs_everything_again(
    desk: DeskFactory, server: LiveServer, server_engine: Engine
) -> None:
    agent = desk("agent.east1")
    assert agent.sync().state is SyncState.SYNCED
    held = sorted(agent.case_ids())
    lost, kept = held[0], held[1]

    # While the desktop is away: a case goes to a colleague, a note lands on another one,
    # and a month later the logs are pruned (the removal with them).
    r = requests.post(
        f"{server.url}/api/v1/cases/{lost}/assign",
        json={"agent": "agent.east2"},
        headers={"Authorization": f"Bearer {token_for('lead.east')}"},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    lead = desk("lead.east")
    lead.sync()
    lead_note = note(lead, kept, "组长：月初再联系")
    assert lead.sync().state is SyncState.SYNCED
    _age_logs(server_engine, 40)
    _prune(server_engine, change_log_days=30)

    # An unsent note of the agent's waits in the outbox meanwhile.
    mine = note(agent, kept, "离线备注")
    report = agent.sync()
    assert report.state is SyncState.SYNCED, report.message
    assert report.applied == 1
    assert lost not in agent.case_ids(), "the pruned removal still reaches the desktop"
    assert agent.case_ids() == set(held) - {lost}
    notes = agent.local_ids("history", "item_id")
    assert {str(lead_note.entity_id), str(mine.entity_id)} <= notes
    again = agent.sync()
    assert again.state is SyncState.SYNCED and again.pulled == 0


def test_a_retry_after_the_op_log_was_pruned_applies_nothing_twice(
    desk: DeskFactory, server: LiveServer, server_engine: Engine
) -> None:
    agent = desk("agent.east1")
    agent.sync()
    case_id = sorted(agent.case_ids())[0]
    made = note(agent, case_id, "只记一次")
    op = agent.outbox.batches(10).__next__()[0].op
    assert agent.sync().applied == 1
    _age_logs(server_engine, 91)
    _prune(server_engine, op_log_days=90)
    with Session(server_engine) as db:
        assert db.get(SyncOp, op.op_id) is None
    # The same op again, long after: the note exists, so nothing is added.
    answer = agent.api.push(agent.store.device_id, [op]).results[0]
    assert answer.status.needs_attention and answer.reason_code == "entity_exists"
    with Session(server_engine) as db:
        assert db.scalar(select(func.count()).where(Note.id == made.entity_id)) == 1


def test_prune_command(
    server_engine: Engine, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _age_logs(server_engine, 100)
    args = argparse.Namespace(db=db_url, op_log_days=90, change_log_days=30)
    assert cmd_prune(args) == 0
    assert "change-log horizon" in capsys.readouterr().out
    bad = argparse.Namespace(db=db_url, op_log_days=0, change_log_days=30)
    assert cmd_prune(bad) == 2
