"""Whole cases for a pull, read set-based, as blocks of wire data.

A first sync sends every case the user holds with everything that belongs to it: the
borrower and contacts, the loan with its schedule and payments, the whole timeline,
plans and decisions — over a hundred thousand rows for 2,000 cases. Two costs used to
dominate reading them, besides the rows themselves:

- choosing the rows by lists of ids bound one by one (`IN (?, ?, …)` with a UUID
  conversion each, rebuilt per statement): here each table is read with one statement
  whose rows are chosen by a subquery on the cases (`which` selects them), so the
  database does the matching;
- building each entity's dict in Python, field by field: for the four bulky tables
  (schedule rows, payments, contact points, contact attempts, nine rows in ten) the
  database returns every column already in wire form (`wire_rows`: ids, times, dates,
  and amounts as decimal text) and named as the wire names it, so a row becomes its dict
  in one `dict(zip(...))`. The smaller tables keep the builders of `entities`.

`tests/sync/test_case_blocks.py` checks on SQLite and PostgreSQL that every entity read
here equals what the `entities` builders make of the same row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import String, cast, literal_column, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from agentdesk.protocol.sync import EntityType
from agentdesk.server.contact_preferences import preference_data
from agentdesk.server.models import (
    Borrower,
    Case,
    ContactAttempt,
    ContactPoint,
    ContactPreference,
    Instalment,
    Loan,
    Note,
    Payment,
    Plan,
    PlanDecision,
    Promise,
)
from agentdesk.server.sync import entities
from agentdesk.server.sync.wire_rows import (
    date_text,
    money_text,
    time_text,
    uuid_text,
    wire_columns,
)

Block = tuple[EntityType, list[int], list[dict[str, Any]]]
"""Entities of one type: their server versions and their data, in the same order."""


def _wire_table(
    db: Session, named: dict[str, Any], version: Any, source: Any, where: Any
) -> tuple[list[int], list[dict[str, Any]]]:
    # The version is the last column: zip() stops at the shorter names, so each row's
    # dict is built in C without slicing the row.
    names = tuple(named)
    columns = [expr.label(name) for name, expr in named.items()]
    rows = db.connection().execute(select(*columns, version).select_from(source).where(where))
    versions: list[int] = []
    data: list[dict[str, Any]] = []
    for row in rows:
        versions.append(row[-1])
        data.append(dict(zip(names, row)))  # noqa: B905 - one column more, on purpose
    return versions, data


def _built(
    db: Session, model: Any, keys: tuple[str, ...], where: Any, build: Any, **raw: Any
) -> tuple[list[int], list[dict[str, Any]]]:
    columns = wire_columns(model, raw.get("raw_json", ()), keys)
    rows = db.connection().execute(select(*columns).where(where)).all()
    return [r.version for r in rows], [build(r) for r in rows]


def read(db: Session, which: ColumnElement[bool]) -> list[Block]:
    """Every entity of the cases `which` selects (a WHERE clause on `Case`), parents
    before what refers to them."""
    case_ids = select(Case.id).where(which).scalar_subquery()
    borrower_ids = select(Case.borrower_id).where(which).scalar_subquery()
    loan_ids = select(Case.loan_id).where(which).scalar_subquery()
    out: list[Block] = []

    def add(etype: EntityType, found: tuple[list[int], list[dict[str, Any]]]) -> None:
        if found[0]:
            out.append((etype, *found))

    add(
        EntityType.BORROWER,
        _built(db, Borrower, entities.BORROWER_KEYS, Borrower.id.in_(borrower_ids),
               entities.borrower_data),
    )  # fmt: skip
    cp = ContactPoint
    add(
        EntityType.CONTACT_POINT,
        _wire_table(
            db,
            {
                "id": uuid_text(cp.id),
                "borrower_id": uuid_text(cp.borrower_id),
                "kind": cp.kind,
                "value": cp.value,
                "relation": cp.relation,
                "contact_name": cp.contact_name,
            },
            cp.version,
            cp.__table__,
            cp.borrower_id.in_(borrower_ids),
        ),
    )
    preferences = db.execute(
        select(ContactPreference.__table__).where(ContactPreference.borrower_id.in_(borrower_ids))
    ).all()
    add(
        EntityType.CONTACT_PREFERENCE,
        ([p.version for p in preferences], [preference_data(p) for p in preferences]),
    )
    # Loans in Python: their rates are NUMERIC and an unknown currency must be refused
    # (`entities._money`) before any of their amounts is formatted by the database.
    add(
        EntityType.LOAN,
        _built(db, Loan, entities.LOAN_KEYS, Loan.id.in_(loan_ids), entities.loan_data),
    )
    i = Instalment
    with_currency = i.__table__.join(Loan.__table__, Loan.id == i.loan_id)
    add(
        EntityType.INSTALMENT,
        _wire_table(
            db,
            {
                # `entities.instalment_id`: the loan id, a colon, the row's number.
                "id": uuid_text(i.loan_id).concat(":").concat(cast(i.seq, String)),
                "loan_id": uuid_text(i.loan_id),
                "seq": i.seq,
                "due_date": date_text(i.due_date),
                "principal": money_text(i.principal_minor, Loan.currency),
                "interest": money_text(i.interest_minor, Loan.currency),
                "total": money_text(i.total_minor, Loan.currency),
            },
            # Schedule rows are rewritten whole with their loan: no version of their own.
            literal_column("1"),
            with_currency,
            i.loan_id.in_(loan_ids),
        ),
    )
    p = Payment
    add(
        EntityType.PAYMENT,
        _wire_table(
            db,
            {
                "id": uuid_text(p.id),
                "loan_id": uuid_text(p.loan_id),
                "paid_on": date_text(p.paid_on),
                "amount": money_text(p.amount_minor, Loan.currency),
                "channel": p.channel,
            },
            p.version,
            p.__table__.join(Loan.__table__, Loan.id == p.loan_id),
            p.loan_id.in_(loan_ids),
        ),
    )
    add(EntityType.CASE, _cases(db, which, case_ids))
    a = ContactAttempt
    versions, attempts = _wire_table(
        db,
        {
            "id": uuid_text(a.id),
            "case_id": uuid_text(a.case_id),
            "user_id": uuid_text(a.user_id),
            "contact_point_id": uuid_text(a.contact_point_id),
            "channel": a.channel,
            "result": a.result,
            "started_at": time_text(a.started_at),
            "ended_at": time_text(a.ended_at),
            "mood": a.mood,
            "delinquency_reason": a.delinquency_reason,
            "notes": a.notes,
            "transcript": cast(a.transcript, String),
        },
        a.version,
        a.__table__,
        a.case_id.in_(case_ids),
    )
    for attempt in attempts:  # stored JSON text, sent as it is (not parsed)
        attempt["transcript"] = orjson.Fragment(attempt["transcript"] or "[]")
    add(EntityType.CONTACT_ATTEMPT, (versions, attempts))
    add(
        EntityType.NOTE,
        _built(db, Note, entities.NOTE_KEYS, Note.case_id.in_(case_ids), entities.note_data),
    )
    add(
        EntityType.PROMISE,
        _built(db, Promise, entities.PROMISE_KEYS, Promise.case_id.in_(case_ids),
               entities.promise_data),
    )  # fmt: skip
    plans: Sequence[Any] = db.execute(
        select(*wire_columns(Plan)).where(Plan.case_id.in_(case_ids))
    ).all()
    add(EntityType.PLAN, ([pl.version for pl in plans], [entities.plan_data(pl) for pl in plans]))
    plan_case = {pl.id: pl.case_id for pl in plans}  # ids as text
    if plan_case:
        plan_ids = select(Plan.id).where(Plan.case_id.in_(case_ids)).scalar_subquery()
        decisions: Sequence[Any] = db.execute(
            select(*wire_columns(PlanDecision)).where(PlanDecision.plan_id.in_(plan_ids))
        ).all()
        add(
            EntityType.PLAN_DECISION,
            (
                [d.version for d in decisions],
                [entities.decision_data(d, plan_case[d.plan_id]) for d in decisions],
            ),
        )
    return out


CASE_COLUMNS = tuple(
    Case.__table__.c[key]
    for key in (
        "id", "version", "borrower_id", "loan_id", "assignee_id", "stage", "dpd", "bucket",
        "overdue_minor", "outstanding_minor", "holds", "borrower_name", "loan_ref",
        "next_action_at", "next_action_reason",
    )
)  # fmt: skip
"""What `entities.case_data` reads of a case (not, say, its stored case-list text)."""


def _cases(
    db: Session, which: ColumnElement[bool], case_ids: Any
) -> tuple[list[int], list[dict[str, Any]]]:
    rows = db.execute(
        select(*CASE_COLUMNS, Loan.currency.label("loan_currency"))
        .join(Loan.__table__, Loan.id == Case.loan_id)
        .where(which)
    ).all()
    figures = entities.CaseFigures()
    figures.read(db, lambda column: column.in_(case_ids))
    data = [entities.case_data(c, c.loan_currency, figures) for c in rows]
    return [c.version for c in rows], data


def as_entities(blocks: list[Block]) -> list[entities.Entity]:
    """The blocks as (type, id, version, data) entities, in the same order."""
    return [
        (etype, data["id"], version, data)
        for etype, versions, datas in blocks
        for version, data in zip(versions, datas, strict=True)
    ]
