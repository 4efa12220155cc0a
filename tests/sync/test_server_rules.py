"""The sync endpoints' rules, in-process (SQLite): idempotency, per-op answers, who sees
what, cursors and the handshake."""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from agentdesk.domain.vocabulary import CallResult, Channel
from agentdesk.protocol.ops import ContactAttemptRecord, NoteAdd, make_op
from agentdesk.protocol.sync import (
    ChangeKind,
    EntityType,
    PullResponse,
    PushResponse,
    parse_entity,
)
from agentdesk.server.app import create_app
from agentdesk.server.db import make_engine
from agentdesk.server.models import Case, Note, User
from agentdesk.server.settings import Settings
from agentdesk.server.sync.models import SyncOp
from tests.support.server_db import Backend, token_for

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

API = "/api/v1"


class Sync:
    def __init__(self, client: TestClient, engine: Engine) -> None:
        self.client = client
        self.engine = engine

    def headers(self, user: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token_for(user)}", "Accept-Language": "en"}

    def push(self, user: str, ops: list[dict[str, Any]]) -> PushResponse:
        r = self.client.post(
            f"{API}/sync/push",
            headers=self.headers(user),
            json={"device_id": str(uuid.uuid4()), "ops": ops},
        )
        assert r.status_code == 200, r.text
        return PushResponse.model_validate_json(r.content)

    def pull_all(self, user: str, cursor: str = "", limit: int = 500) -> tuple[list[Any], str]:
        changes: list[Any] = []
        while True:
            r = self.client.get(
                f"{API}/sync/pull",
                headers=self.headers(user),
                params={"cursor": cursor, "limit": limit},
            )
            assert r.status_code == 200, r.text
            page = PullResponse.model_validate_json(r.content)
            changes.extend(page.changes)
            cursor = page.next_cursor
            if not page.has_more:
                return changes, cursor

    def case_of(self, user: str) -> uuid.UUID:
        with Session(self.engine) as db:
            uid = db.scalars(select(User.id).where(User.username == user)).one()
            return db.scalars(
                select(Case.id).where(Case.assignee_id == uid).order_by(Case.id)
            ).first()  # type: ignore[return-value]


@pytest.fixture
def sync(sync_template: Backend) -> Iterator[Sync]:
    url = sync_template.make_copy()
    engine = make_engine(url, pool_size=2)
    with TestClient(create_app(Settings(db_url=url), engine=engine)) as client:
        yield Sync(client, engine)
    engine.dispose()


def _note(case_id: uuid.UUID, text: str = "备注", op_id: uuid.UUID | None = None) -> dict[str, Any]:
    op = make_op(
        NoteAdd(case_id=case_id, text=text),
        entity_id=uuid.uuid4(),
        created_at=datetime.now(UTC),
        op_id=op_id,
    )
    return op.model_dump(mode="json")


def test_repeated_op_changes_nothing_and_reused_id_is_rejected(sync: Sync) -> None:
    case_id = sync.case_of("agent.east1")
    op = _note(case_id, "一次")
    assert sync.push("agent.east1", [op]).results[0].status == "applied"
    again = sync.push("agent.east1", [op, op]).results
    assert [r.status for r in again] == ["duplicate", "duplicate"]
    other = {**op, "payload": {**op["payload"], "text": "另一条"}}
    reused = sync.push("agent.east1", [other]).results[0]
    assert reused.status == "rejected" and reused.reason_code == "op_id_reused"
    with Session(sync.engine) as db:
        assert list(
            db.scalars(
                select(Note.body).where(Note.case_id == case_id, Note.body.in_(["一次", "另一条"]))
            )
        ) == ["一次"]


def test_one_bad_op_never_sinks_the_batch(sync: Sync) -> None:
    case_id = sync.case_of("agent.east1")
    foreign = sync.case_of("agent.south1")
    good1, good2 = _note(case_id, "前"), _note(case_id, "后")
    malformed = {**_note(case_id), "payload": {"case_id": str(case_id), "text": ""}}
    not_mine = _note(foreign, "别人的案件")
    now = datetime.now(UTC)
    backwards = make_op(
        ContactAttemptRecord(
            case_id=case_id,
            channel=Channel.CALL,
            result=CallResult.BUSY,
            started_at=now - timedelta(minutes=1),
            ended_at=now,
        ),
        entity_id=uuid.uuid4(),
        created_at=now,
    ).model_dump(mode="json")
    backwards["payload"]["contact_point_id"] = str(uuid.uuid4())  # no such contact point
    results = sync.push("agent.east1", [good1, malformed, not_mine, backwards, good2]).results
    assert [r.status for r in results] == ["applied", "rejected", "rejected", "rejected", "applied"]
    assert [r.reason_code for r in results[1:4]] == [
        "invalid_op",
        "not_found",
        "invalid_contact_point",
    ]
    assert all(r.reason for r in results[1:4])
    # A refusal is an answer too: asking again gives the same answer, still nothing applied.
    assert sync.push("agent.east1", [not_mine]).results[0].reason_code == "not_found"
    with Session(sync.engine) as db:
        assert db.scalars(select(SyncOp).where(SyncOp.status == "rejected")).all()
        assert (
            db.scalars(
                select(Note.id).where(Note.case_id == foreign, Note.body == "别人的案件")
            ).first()
            is None
        )


def test_first_sync_brings_exactly_what_the_user_may_see(sync: Sync) -> None:
    changes, cursor = sync.pull_all("agent.east1", limit=120)
    assert cursor.startswith("l:")
    with Session(sync.engine) as db:
        uid = db.scalars(select(User.id).where(User.username == "agent.east1")).one()
        mine = {str(c) for c in db.scalars(select(Case.id).where(Case.assignee_id == uid))}
    cases = {c.entity_id for c in changes if c.entity_type is EntityType.CASE}
    assert cases == mine
    for change in changes:
        assert change.op is ChangeKind.UPSERT
        assert change.data is not None
        parse_entity(change.entity_type, dict(change.data))  # every entity fits its model
        case_id = change.data.get("case_id")
        if case_id is not None:
            assert case_id in mine
    # Nothing changed since: an incremental pull is empty.
    again, same = sync.pull_all("agent.east1", cursor)
    assert again == [] and same == cursor


def test_reassignment_is_a_removal_for_one_and_the_whole_case_for_the_other(sync: Sync) -> None:
    _, old_cursor = sync.pull_all("agent.east1")
    _, new_cursor = sync.pull_all("agent.east2")
    _, south_cursor = sync.pull_all("agent.south1")
    case_id = sync.case_of("agent.east1")
    r = sync.client.post(
        f"{API}/cases/{case_id}/assign",
        headers=sync.headers("lead.east"),
        json={"agent": "agent.east2"},
    )
    assert r.status_code == 200, r.text
    old, _ = sync.pull_all("agent.east1", old_cursor)
    assert [(c.entity_type, c.entity_id, c.op) for c in old] == [
        (EntityType.CASE, str(case_id), ChangeKind.REMOVE)
    ]
    new, _ = sync.pull_all("agent.east2", new_cursor)
    kinds = {c.entity_type for c in new}
    assert {EntityType.CASE, EntityType.BORROWER, EntityType.LOAN, EntityType.INSTALMENT} <= kinds
    assert all(c.op is ChangeKind.UPSERT for c in new)
    south, _ = sync.pull_all("agent.south1", south_cursor)
    assert south == [], "others do not even learn the case exists"


def test_bad_cursor_and_protocol_versions(sync: Sync) -> None:
    h = sync.headers("agent.east1")
    for bad in ("x:1", "l:abc", "l:999999999", "s:1:nothex"):
        r = sync.client.get(f"{API}/sync/pull", headers=h, params={"cursor": bad})
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_cursor", bad
    status = sync.client.get(f"{API}/sync/status", headers={"X-AgentDesk-Protocol": "1"}).json()
    assert status["protocol_version"] == 2 and not status["upgrade_required"]
    assert datetime.fromisoformat(status["server_time"]).tzinfo is not None
    old = sync.client.get(f"{API}/sync/status", headers={"X-AgentDesk-Protocol": "0"}).json()
    assert old["upgrade_required"] and old["message"]
    for version in ("0", "99"):
        r = sync.client.get(f"{API}/sync/pull", headers={**h, "X-AgentDesk-Protocol": version})
        assert r.status_code == 426 and r.json()["error"]["code"] == "upgrade_required"
    assert sync.client.get(f"{API}/sync/pull").status_code == 401
    assert (
        sync.client.post(
            f"{API}/sync/push", json={"device_id": str(uuid.uuid4()), "ops": []}
        ).status_code
        == 401
    )


def test_many_cases_gained_at_once_come_in_bounded_pages(sync: Sync) -> None:
    _, cursor = sync.pull_all("agent.east2")
    with Session(sync.engine) as db:
        uid = db.scalars(select(User.id).where(User.username == "agent.east1")).one()
        moving = [str(c) for c in db.scalars(select(Case.id).where(Case.assignee_id == uid))]
    assert len(moving) >= 3
    for case_id in moving:
        r = sync.client.post(
            f"{API}/cases/{case_id}/assign",
            headers=sync.headers("lead.east"),
            json={"agent": "agent.east2"},
        )
        assert r.status_code == 200, r.text
    pages = []
    while True:
        r = sync.client.get(
            f"{API}/sync/pull",
            headers=sync.headers("agent.east2"),
            params={"cursor": cursor, "limit": 60},
        )
        page = PullResponse.model_validate_json(r.content)
        pages.append({c.entity_id for c in page.changes if c.entity_type is EntityType.CASE})
        cursor = page.next_cursor
        if not page.has_more:
            break
    assert all(len(p) <= 1 for p in pages), "one whole case per page at this limit"
    assert set(moving) <= set().union(*pages)


def _snapshot(sync: Sync, user: str, protocol: str) -> tuple[list[tuple[str, str, int]], int]:
    """Every entity of a first sync as (type, id, version), and how many pages had blocks."""
    seen: list[tuple[str, str, int]] = []
    cursor, with_blocks = "", 0
    while True:
        r = sync.client.get(
            f"{API}/sync/pull",
            headers={**sync.headers(user), "X-AgentDesk-Protocol": protocol},
            params={"cursor": cursor, "limit": 300},
        )
        assert r.status_code == 200, r.text
        page = PullResponse.model_validate_json(r.content)
        with_blocks += bool(page.blocks)
        for block in page.blocks:
            for version, data in zip(block.versions, block.data, strict=True):
                parse_entity(block.entity_type, data)
                seen.append((block.entity_type.value, str(data["id"]), version))
        seen += [(c.entity_type.value, c.entity_id, c.version) for c in page.changes]
        cursor = page.next_cursor
        if not page.has_more:
            return seen, with_blocks


def test_protocol_2_snapshots_carry_the_same_entities_in_blocks(sync: Sync) -> None:
    old, old_blocks = _snapshot(sync, "agent.east1", "1")
    new, new_blocks = _snapshot(sync, "agent.east1", "2")
    assert old_blocks == 0, "a protocol-1 desktop never gets blocks"
    assert new_blocks > 1
    assert sorted(old) == sorted(new) and len(new) == len(set(new))
