"""Whole cases read set-based (`case_blocks`) carry exactly what the entity builders make.

The bulky tables are turned into wire data by the database (ids, times, dates and
amounts as text, by dialect); this compares every entity of every case with what
`entities.load` (the builders, reading typed rows by id) makes of the same row, on
SQLite and on PostgreSQL, with amounts in a zero-digit currency and below zero, a call
with no contact point and one with a transcript.
"""

from __future__ import annotations

import uuid
from typing import Any

import orjson
import pytest
from sqlalchemy import Engine, func, select, true, update

from agentdesk.protocol.sync import ENTITY_MODELS, EntityType
from agentdesk.server.db import make_engine, session_factory, transaction
from agentdesk.server.models import (
    Case,
    ContactAttempt,
    ContactPoint,
    Instalment,
    Loan,
    Note,
    Payment,
    Promise,
)
from agentdesk.server.sync import case_blocks, entities
from tests.support.server_db import Backend


def _vary(engine: Engine) -> None:
    # Shapes the demo data may not have: a yen loan, a refund, a call without a number,
    # a call with a transcript.
    factory = session_factory(engine)
    with transaction(factory) as db:
        loan_id = db.scalars(select(Loan.id).order_by(Loan.id).limit(1)).one()
        db.execute(update(Loan).where(Loan.id == loan_id).values(currency="JPY"))
        payment_id = db.scalars(select(Payment.id).order_by(Payment.id).limit(1)).one()
        db.execute(update(Payment).where(Payment.id == payment_id).values(amount_minor=-12345))
        attempts = list(db.scalars(select(ContactAttempt.id).order_by(ContactAttempt.id).limit(2)))
        db.execute(
            update(ContactAttempt)
            .where(ContactAttempt.id == attempts[0])
            .values(contact_point_id=None)
        )
        db.execute(
            update(ContactAttempt)
            .where(ContactAttempt.id == attempts[1])
            .values(
                transcript=[{"step_id": "greet", "action": "answer", "value": '是"张先生"，您好'}]
            )
        )


def _sent(etype: EntityType, data: dict[str, Any]) -> Any:
    # As the desktop reads it: the JSON sent (stored JSON text goes as it is), checked by
    # the entity's model (a time is the same instant however many decimals it is sent with).
    plain = orjson.loads(orjson.dumps(data))
    return plain, ENTITY_MODELS[etype].model_validate(plain).model_dump()


def _check(engine: Engine) -> None:
    _vary(engine)
    factory = session_factory(engine)
    with factory() as db:
        blocks = case_blocks.read(db, true())
        wanted: dict[EntityType, set[str]] = {}
        case_of: dict[str, uuid.UUID] = {}
        got: dict[tuple[EntityType, str], tuple[int, Any]] = {}
        order = []
        for etype, versions, datas in blocks:
            order.append(etype)
            for version, data in zip(versions, datas, strict=True):
                got[(etype, data["id"])] = (version, _sent(etype, data))
                if etype is not EntityType.INSTALMENT:
                    wanted.setdefault(etype, set()).add(data["id"])
                if "case_id" in data:
                    case_of[data["id"]] = uuid.UUID(data["case_id"])
        expected: dict[tuple[EntityType, str], tuple[int, Any]] = {}
        for found in entities.load(db, wanted, case_of).values():
            for etype, entity_id, version, data in found:
                expected[(etype, entity_id)] = (version, _sent(etype, data))
        assert {k: (v, d[1]) for k, (v, d) in got.items()} == {
            k: (v, d[1]) for k, (v, d) in expected.items()
        }
        # Every row of every case is there, and parents come first.
        for model, etype in [
            (Case, EntityType.CASE),
            (ContactPoint, EntityType.CONTACT_POINT),
            (Instalment, EntityType.INSTALMENT),
            (Payment, EntityType.PAYMENT),
            (ContactAttempt, EntityType.CONTACT_ATTEMPT),
            (Note, EntityType.NOTE),
            (Promise, EntityType.PROMISE),
        ]:
            count = db.scalar(select(func.count()).select_from(model))
            assert count and sum(1 for key in got if key[0] is etype) == count, etype
        assert order.index(EntityType.LOAN) < order.index(EntityType.INSTALMENT)
        assert order.index(EntityType.CASE) < order.index(EntityType.CONTACT_ATTEMPT)
        # Amounts as text: the yen loan's have no decimals, the refund keeps its sign.
        sent = {key: data[0] for key, (_version, data) in got.items()}
        yen = [d for (t, _i), d in sent.items() if t is EntityType.LOAN and d["currency"] == "JPY"]
        assert yen and "." not in yen[0]["principal"]
        payments = [d for (t, _i), d in sent.items() if t is EntityType.PAYMENT]
        assert any(d["amount"].startswith("-") for d in payments)
        calls = [d for (t, _i), d in sent.items() if t is EntityType.CONTACT_ATTEMPT]
        assert any(d["transcript"] for d in calls)
        assert any(d["contact_point_id"] is None for d in calls)


def test_case_blocks_match_the_builders_on_sqlite(sync_template: Backend) -> None:
    engine = make_engine(sync_template.make_copy())
    try:
        _check(engine)
    finally:
        engine.dispose()


@pytest.mark.slow
def test_case_blocks_match_the_builders_on_postgres(sync_pg_template: Backend) -> None:
    engine = make_engine(sync_pg_template.make_copy())
    try:
        _check(engine)
    finally:
        engine.dispose()
