"""Rows read as wire text (`wire_rows`) say exactly what the typed columns say.

The snapshot asks the database for ids, times and dates as text; this compares every
column of every table a snapshot reads, on SQLite and on PostgreSQL, with the same rows
read the ordinary way (UUID, aware datetime, date objects).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import orjson
import pytest
from sqlalchemy import Engine, select

from agentdesk.server.db import make_engine, session_factory
from agentdesk.server.models import (
    Borrower,
    Case,
    ContactAttempt,
    ContactPoint,
    Instalment,
    Loan,
    Note,
    Payment,
    Plan,
    PlanDecision,
    Promise,
)
from agentdesk.server.sync.entities import _money, attempt_data
from agentdesk.server.sync.wire_rows import wire_rows
from tests.support.server_db import Backend

MODELS = [
    Borrower,
    ContactPoint,
    Loan,
    Instalment,
    Payment,
    ContactAttempt,
    Note,
    Promise,
    Plan,
    PlanDecision,
]


def _same(typed: object, wire: object) -> bool:
    if isinstance(typed, uuid.UUID):
        return wire == str(typed)
    if isinstance(typed, datetime):
        assert isinstance(wire, str) and wire.endswith("+00:00"), wire
        return datetime.fromisoformat(wire) == typed.astimezone(UTC)
    if isinstance(typed, date):
        return wire == typed.isoformat()
    return wire == typed


def _check(engine: Engine) -> None:
    factory = session_factory(engine)
    with factory() as db:
        case_ids = list(db.scalars(select(Case.id)))
        assert case_ids
        for model in MODELS:
            by_loan = model is Instalment  # schedule rows: read by loan, keyed by seq
            typed = {
                (row.loan_id, row.seq) if by_loan else row.id: row
                for row in db.execute(select(model.__table__))
            }
            assert typed, model
            if by_loan:
                rows = wire_rows(db, model, Instalment.loan_id, {k[0] for k in typed})
                keys: list[object] = [(uuid.UUID(r.loan_id), r.seq) for r in rows]
            else:
                rows = wire_rows(db, model, model.__table__.c.id, typed)
                keys = [uuid.UUID(r.id) for r in rows]
            assert len(rows) == len(typed), model
            for key, wire in zip(keys, rows, strict=True):
                row = typed[key]
                for column in model.__table__.columns:
                    assert _same(getattr(row, column.key), getattr(wire, column.key)), (
                        model.__tablename__,
                        column.key,
                        getattr(row, column.key),
                        getattr(wire, column.key),
                    )


def _check_transcripts(engine: Engine) -> None:
    # Transcripts are read as stored JSON text and sent unparsed: the same JSON arrives.
    factory = session_factory(engine)
    with factory() as db:
        typed = {row.id: row for row in db.execute(select(ContactAttempt.__table__))}
        rows = wire_rows(
            db, ContactAttempt, ContactAttempt.id, typed, raw_json=("transcript",)
        )
        assert rows
        for row in rows:
            sent = orjson.loads(orjson.dumps(attempt_data(row)))
            assert sent["transcript"] == list(typed[uuid.UUID(row.id)].transcript or [])


def test_wire_rows_match_typed_rows_on_sqlite(sync_template: Backend) -> None:
    engine = make_engine(sync_template.make_copy())
    try:
        _check(engine)
        _check_transcripts(engine)
    finally:
        engine.dispose()


@pytest.mark.slow
def test_wire_rows_match_typed_rows_on_postgres(sync_pg_template: Backend) -> None:
    engine = make_engine(sync_pg_template.make_copy())
    try:
        _check(engine)
        _check_transcripts(engine)
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("minor", "currency", "text"),
    [
        (12345, "CNY", "123.45"),
        (5, "CNY", "0.05"),
        (0, "CNY", "0.00"),
        (-5, "USD", "-0.05"),
        (-123456, "EUR", "-1234.56"),
        (700, "JPY", "700"),
        (-7, "JPY", "-7"),
        (None, "CNY", None),
    ],
)
def test_money_text_matches_decimal_formatting(
    minor: int | None, currency: str, text: str | None
) -> None:
    assert _money(minor, currency) == text
