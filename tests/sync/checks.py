"""What "nothing lost, nothing duplicated" means, as assertions on server and desktops."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from agentdesk.client.operations import LocalChange
from agentdesk.domain.vocabulary import Role
from agentdesk.server.access import visible_cases
from agentdesk.server.deps import Principal
from agentdesk.server.models import (
    Case,
    ContactAttempt,
    DeviceSession,
    Note,
    Plan,
    PlanDecision,
    Promise,
    User,
)
from agentdesk.server.sync.models import SyncOp
from tests.sync.harness import Desk


def ops_on_server(engine: Engine, op_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The stored status of each op id the server knows (an op id is its primary key)."""
    ids = list(op_ids)
    with Session(engine) as db:
        rows = db.execute(select(SyncOp.op_id, SyncOp.status).where(SyncOp.op_id.in_(ids)))
        return {op_id: status for op_id, status in rows}


def assert_applied_once(engine: Engine, changes: Iterable[LocalChange]) -> None:
    """Every op reached the server and was applied once, creating its entity once."""
    changes = list(changes)
    stored = ops_on_server(engine, [c.op_id for c in changes])
    lost = [c.op_id for c in changes if c.op_id not in stored]
    assert not lost, f"ops lost: {lost}"
    assert set(stored.values()) == {"applied"}, stored
    with Session(engine) as db:
        for change in changes:
            found = sum(
                db.scalar(select(func.count()).select_from(m).where(m.id == change.entity_id)) or 0
                for m in (ContactAttempt, Note, Promise, Plan)
            )
            # Edits (withdraw, decide) change an existing plan: it is there once too.
            assert found == 1, (change, found)


def principal_of(engine: Engine, username: str) -> Principal:
    with Session(engine) as db:
        user = db.scalars(select(User).where(User.username == username)).one()
        return Principal(user.id, user.username, Role(user.role), user.team_id, uuid.uuid4(), "t")


def server_view(engine: Engine, username: str) -> dict[str, set[str]]:
    """What `username` may see on the server: case ids and the ids of their timelines."""
    principal = principal_of(engine, username)
    with Session(engine) as db:
        cases = {c for c in db.scalars(select(Case.id).where(visible_cases(principal)))}
        items: set[str] = set()
        for model in (ContactAttempt, Note, Promise, Plan):
            items |= {str(i) for i in db.scalars(select(model.id).where(model.case_id.in_(cases)))}
        items |= {
            str(i)
            for i in db.scalars(
                select(PlanDecision.id)
                .join(Plan, Plan.id == PlanDecision.plan_id)
                .where(Plan.case_id.in_(cases))
            )
        }
        plans = {
            str(pid): status
            for pid, status in db.execute(
                select(Plan.id, Plan.status).where(Plan.case_id.in_(cases))
            )
        }
    return {
        "cases": {str(c) for c in cases},
        "items": items,
        "plans": {f"{k}={v}" for k, v in plans.items()},
    }


def desk_view(desk: Desk) -> dict[str, set[str]]:
    """The same, as the desktop's local store holds it (confirmed by the server)."""
    with desk.store.read() as db:
        cases = {str(r[0]) for r in db.execute("SELECT case_id FROM cases")}
        # Work the server refused stays on the timeline marked rejected/conflict, for
        # the user to see; what the server holds is what was confirmed.
        items = {
            str(r[0])
            for r in db.execute("SELECT item_id FROM history WHERE local_state = 'synced'")
        }
        plans = {
            f"{r[0]}={r[1]}"
            for r in db.execute("SELECT plan_id, status FROM plans WHERE local_state = 'synced'")
        }
    return {"cases": cases, "items": items, "plans": plans}


def assert_agree(engine: Engine, desk: Desk) -> None:
    """The desktop holds exactly what its user may see on the server."""
    server, local = server_view(engine, desk.username), desk_view(desk)
    for key in ("cases", "items", "plans"):
        assert local[key] == server[key], (
            f"{desk.username} {key}: missing {sorted(server[key] - local[key])[:5]}, "
            f"extra {sorted(local[key] - server[key])[:5]}"
        )


def revoke(engine: Engine, username: str) -> None:
    """Revoke every session of `username` (what `agentdesk-server revoke` does)."""
    from agentdesk.server.base import utcnow
    from agentdesk.server.db import begin_write

    with Session(engine) as db:
        # The write lock first, as the server's own writers take it: a read turned write
        # would fail outright if a pushed op committed in between (SQLite).
        begin_write(db)
        user_id = db.scalars(select(User.id).where(User.username == username)).one()
        for row in db.scalars(select(DeviceSession).where(DeviceSession.user_id == user_id)):
            row.revoked_at = utcnow()
        db.commit()
