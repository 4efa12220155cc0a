"""`plain_select` reads exactly what `Connection.execute(select(...))` reads.

The statements pushed ops run (their case's row, the change log since a position) are
read both ways in one transaction, on rows with UUIDs, UTC datetimes, JSON and NULLs,
and the rows compared value for value, types included.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, select, update

from agentdesk.server import plain_insert, plain_select
from agentdesk.server.models import Case
from agentdesk.server.plain_select import AnySelect
from agentdesk.server.sync.borrower_memo import _SINCE
from agentdesk.server.sync.models import SyncChange
from agentdesk.server.sync.op_access import _CASE_ROW
from tests.server.conftest import Api


def _both(conn: Connection, stmt: AnySelect, params: dict[str, Any]) -> list[Any]:
    plain = plain_select.all_rows(conn, stmt, params)
    usual = [tuple(r) for r in conn.execute(stmt, params)]
    assert plain == usual
    assert [[type(v) for v in r] for r in plain] == [[type(v) for v in r] for r in usual]
    first = plain_select.first(conn, stmt, params)
    assert first == (usual[0] if usual else None)
    return plain


def test_case_rows_read_alike(api: Api) -> None:
    case_id = api.case_of("agent.east1")
    at = datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
    with api.engine.begin() as conn:
        conn.execute(
            update(Case)
            .where(Case.id == case_id)
            .values(holds=["dispute", "二"], next_action_at=at, next_action_reason="回电")
        )
        rows = _both(conn, _CASE_ROW, {"case": case_id})
        assert len(rows) == 1
        assert rows[0][0] == case_id and rows[0][4] == ["dispute", "二"]
        assert rows[0][5] == at and rows[0][5].tzinfo is not None
        assert _both(conn, _CASE_ROW, {"case": uuid.uuid4()}) == []


def test_change_log_rows_read_alike(api: Api) -> None:
    case_id = api.case_of("agent.east1")
    with api.engine.begin() as conn:
        borrower = conn.execute(select(Case.borrower_id).where(Case.id == case_id)).scalar_one()
        high = conn.execute(select(SyncChange.seq).order_by(SyncChange.seq.desc())).scalar()
        table = cast(Table, SyncChange.__table__)
        base = {"case_id": case_id, "old_assignee_id": None, "old_team_id": None,
                "new_assignee_id": None, "new_team_id": None, "at": datetime.now(UTC)}
        plain_insert.run(conn, table, [
            {**base, "entity_type": kind, "entity_id": str(uuid.uuid4()), "kind": "upsert"}
            for kind in ("contact_attempt", "note", "contact_point", "case")
        ])
        rows = _both(conn, _SINCE, {"high": high or 0, "borrower": borrower})
        # Notes and case rows are not among the types the facts follow.
        assert sorted(r[1] for r in rows) == ["contact_attempt", "contact_point"]


def test_expanding_parameters_go_the_usual_way(api: Api) -> None:
    ids = [api.case_of("agent.east1"), uuid.uuid4()]
    stmt = select(Case.id).where(Case.id.in_(bindparam("ids", expanding=True)))
    with api.engine.begin() as conn:
        assert _both(conn, stmt, {"ids": ids}) == [(ids[0],)]
