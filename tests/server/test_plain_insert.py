"""`plain_insert` stores exactly what `Connection.execute(insert(...))` stores.

Each row is written twice in one transaction, once each way, and the stored values are
read back as the database holds them (plain SQL, no type processing) and compared.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest
from sqlalchemy import Connection, Table, insert, text
from sqlalchemy.exc import IntegrityError

from agentdesk.server import plain_insert
from agentdesk.server.models import AuditEntry, ContactAttempt, Note
from agentdesk.server.sync.models import SyncChange, SyncOp
from tests.server.conftest import Api


def _stored(
    conn: Connection, table: Table, column: str, value: Any, *, leave_out: tuple[str, ...]
) -> list[dict[str, Any]]:
    # Raw stored values (the text query applies no result processing), by column name.
    found = conn.execute(
        text(f"SELECT * FROM {table.name} WHERE {column} = :v"),
        {"v": value},
    ).all()
    return [{k: v for k, v in r._mapping.items() if k not in leave_out} for r in found]


def _uuid_raw(conn: Connection, value: uuid.UUID) -> Any:
    return value.hex if conn.dialect.name == "sqlite" else value


def test_rows_are_stored_alike(api: Api) -> None:
    user = api.users["agent.east1"]
    case_id = api.case_of("agent.east1")
    at = datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
    with api.engine.begin() as conn:
        # Audit entries: key is the action name made unique per row.
        audit = cast(Table, AuditEntry.__table__)
        n = iter(range(100))

        def entry() -> dict[str, Any]:
            return {
                "at": at, "user_id": user.id, "username": "agent.east1", "device": None,
                "action": f"test.{next(n)}", "entity": "note", "entity_id": str(uuid.uuid4()),
                "detail": {"result": "no_answer", "nested": [1, "二", None], "flag": True},
            }

        first, second = entry(), entry()
        second["entity_id"] = first["entity_id"]
        conn.execute(insert(audit), first)
        plain_insert.run(conn, audit, second)
        old = _stored(conn, audit, "action", first["action"], leave_out=("id", "action"))
        new = _stored(conn, audit, "action", second["action"], leave_out=("id", "action"))
        assert len(old) == 1
        assert old == new

        # Op-log rows (JSON answer, UUIDs, a missing case).
        ops = cast(Table, SyncOp.__table__)

        def op_row() -> dict[str, Any]:
            return {
                "op_id": uuid.uuid4(), "user_id": user.id, "device_id": uuid.uuid4(),
                "op_type": "note.add", "case_id": None, "payload_hash": "ab" * 32,
                "status": "applied", "result": {"op_id": "x", "server_version": 1},
                "received_at": at,
            }

        first, second = op_row(), op_row()
        second["device_id"] = first["device_id"]
        conn.execute(insert(ops), first)
        plain_insert.run(conn, ops, second)
        old = _stored(conn, ops, "op_id", _uuid_raw(conn, first["op_id"]), leave_out=("op_id",))
        new = _stored(conn, ops, "op_id", _uuid_raw(conn, second["op_id"]), leave_out=("op_id",))
        assert len(old) == 1
        assert old == new

        # A contact attempt with a transcript and empty optional columns.
        attempts = cast(Table, ContactAttempt.__table__)

        def attempt() -> dict[str, Any]:
            return {
                "id": uuid.uuid4(), "case_id": case_id, "user_id": user.id,
                "contact_point_id": None, "channel": "call", "result": "no_answer",
                "started_at": at - timedelta(minutes=2), "ended_at": at, "mood": None,
                "delinquency_reason": None, "notes": "说了", "script_id": None,
                "script_version": None, "transcript": [{"step": "greet", "said": "你好"}],
                "next_follow_up_at": None, "version": 1, "created_at": at,
            }

        first, second = attempt(), attempt()
        conn.execute(insert(attempts), first)
        plain_insert.run(conn, attempts, second)
        # Left out: flagged and updated_at (their defaults) and flag_reason (NULL).
        different = ("id", "updated_at")
        old = _stored(conn, attempts, "id", _uuid_raw(conn, first["id"]), leave_out=different)
        new = _stored(conn, attempts, "id", _uuid_raw(conn, second["id"]), leave_out=different)
        assert len(old) == 1
        assert old == new
        assert old[0]["flagged"] in (0, False)

        # Change-log rows, several at once.
        changes = cast(Table, SyncChange.__table__)
        marker = uuid.uuid4()

        def change(kind: str) -> dict[str, Any]:
            return {
                "entity_type": "note", "entity_id": str(marker), "case_id": case_id,
                "kind": kind, "old_assignee_id": None, "old_team_id": None,
                "new_assignee_id": user.id, "new_team_id": None, "at": at,
            }

        conn.execute(insert(changes), [change("upsert"), change("delete")])
        plain_insert.run(conn, changes, [change("upsert"), change("delete")])
        # Same stored values, apart from the position (seq) each got.
        rows = _stored(conn, changes, "entity_id", str(marker), leave_out=("seq",))
        assert len(rows) == 4
        assert rows[:2] == rows[2:]
        if conn.dialect.name == "sqlite":
            # Each of these went the direct way (none fell back to `execute`).
            taken = {k[0].name: v for k, v in plain_insert._compiled.items() if k[1] == "sqlite"}
            assert all(taken[t.name] is not None for t in (audit, ops, attempts, changes))
        conn.rollback()


def test_a_taken_key_is_sqlalchemys_integrity_error(api: Api) -> None:
    notes = cast(Table, Note.__table__)
    row = {
        "id": uuid.uuid4(), "case_id": api.case_of("agent.east1"),
        "author_id": api.users["agent.east1"].id, "body": "一条备注", "version": 1,
        "created_at": datetime.now(UTC),
    }
    with api.engine.begin() as conn:
        plain_insert.run(conn, notes, row)
        with pytest.raises(IntegrityError):
            plain_insert.run(conn, notes, row)
        conn.rollback()
