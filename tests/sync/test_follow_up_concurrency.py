"""Two devices' follow-up decisions for one case applied at the same moment on PostgreSQL:
whichever commits first, the later decision stands (the case row is read under its lock).

Both pushes are made to wait on a row lock this test holds, then let go together, so the
two transactions really overlap; the order they are queued in is varied.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from agentdesk.protocol.ops import CaseScheduleFollowUp, make_op
from agentdesk.server.db import make_engine
from agentdesk.server.models import Case, User
from tests.support.server_db import Backend, token_for
from tests.sync.harness import LiveServer

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

AGENT = "agent.east1"


@pytest.fixture
def pg_engine(sync_pg_template: Backend) -> Iterator[Engine]:
    engine = make_engine(sync_pg_template.make_copy(), pool_size=4)
    yield engine
    engine.dispose()


def _decision(case_id: uuid.UUID, due_at: datetime, reason: str, made: datetime) -> dict[str, Any]:
    op = make_op(
        CaseScheduleFollowUp(case_id=case_id, due_at=due_at, reason=reason),
        entity_id=case_id,
        created_at=made,
    )
    return op.model_dump(mode="json")


def _waiting_on_locks(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(
            conn.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
            )
            or 0
        )


def _wait_for_waiters(engine: Engine, count: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while _waiting_on_locks(engine) < count:
        assert time.monotonic() < deadline, f"{count} pushes never queued on the case lock"
        time.sleep(0.05)


@pytest.mark.parametrize("first", ["newer", "older"])
def test_the_later_decision_stands_when_two_devices_decide_at_once(
    pg_engine: Engine, first: str, tmp_path: Path
) -> None:
    with Session(pg_engine) as db:
        agent = db.scalars(select(User.id).where(User.username == AGENT)).one()
        case_id = db.scalars(
            select(Case.id).where(Case.assignee_id == agent).order_by(Case.id)
        ).first()
    assert case_id is not None
    now = datetime.now(UTC).replace(microsecond=0)
    decisions = {
        "newer": _decision(case_id, now + timedelta(days=3), "台式机: 周四再打", now),
        "older": _decision(
            case_id, now + timedelta(days=1), "笔记本: 明天再打", now - timedelta(minutes=10)
        ),
    }
    order = [first, "older" if first == "newer" else "newer"]
    server = LiveServer(
        str(pg_engine.url.render_as_string(hide_password=False)), log=tmp_path / "server.log"
    ).start()
    answers: dict[str, int] = {}

    def push(name: str) -> None:
        response = requests.post(
            f"{server.url}/api/v1/sync/push",
            json={"device_id": str(uuid.uuid4()), "ops": [decisions[name]]},
            headers={"Authorization": f"Bearer {token_for(AGENT)}"},
            timeout=60,
        )
        assert response.json()["results"][0]["status"] == "applied", response.text
        answers[name] = response.status_code

    try:
        with pg_engine.connect() as holder:
            holder.execute(text("SELECT id FROM cases WHERE id = :id FOR UPDATE"), {"id": case_id})
            threads = []
            for waiting, name in enumerate(order, start=1):
                thread = threading.Thread(target=push, args=(name,))
                thread.start()
                threads.append(thread)
                _wait_for_waiters(pg_engine, waiting)
            holder.rollback()  # let both go: the first queued takes the row first
        for thread in threads:
            thread.join(timeout=60)
    finally:
        server.stop()
    assert answers == {"newer": 200, "older": 200}
    with Session(pg_engine) as db:
        case = db.get(Case, case_id)
        assert case is not None
        assert (case.next_action_at, case.next_action_reason) == (
            now + timedelta(days=3),
            "台式机: 周四再打",
        )
