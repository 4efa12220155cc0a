"""Rows as the entity data a pull carries (the shapes of `protocol.sync`'s `*Data` models).

Built as plain JSON-ready dicts, loaded in batches: a first sync carries tens of
thousands of entities, and validating each through pydantic on the way out would cost
more than reading it. `tests/sync` validates what comes out against the models.

Contact points travel in full: the desktop dials and searches numbers offline and masks
them on screen; the national ID travels masked (revealing it is an audited server call).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from agentdesk.domain.money import MINOR_UNIT_DIGITS, from_minor
from agentdesk.protocol.sync import EntityType
from agentdesk.server.contact_preferences import preference_data
from agentdesk.server.masking import mask_national_id
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

Entity = tuple[EntityType, str, int, dict[str, Any]]
"""(type, id, version, data) of one entity to upsert."""

CHUNK = 500


def _money(minor: int | None, currency: str = "CNY") -> str | None:
    # Digit arithmetic on the integer: what format(from_minor(...), "f") gives, without
    # building a Decimal for each of the ~150,000 amounts of a first sync.
    if minor is None:
        return None
    digits = MINOR_UNIT_DIGITS.get(currency)
    if digits == 2 and minor >= 0:  # nearly every amount: one divmod, no padding
        whole, cents = divmod(minor, 100)
        return f"{whole}.{cents:02d}"
    if digits is None:
        return format(from_minor(minor, currency), "f")  # refuses an unknown currency
    if digits == 0:
        return str(minor)
    text = str(abs(minor)).rjust(digits + 1, "0")
    return f"{'-' if minor < 0 else ''}{text[:-digits]}.{text[-digits:]}"


def _t(moment: datetime | str | None) -> str | None:
    # A str is already wire text (`wire_rows`).
    if moment is None or isinstance(moment, str):
        return moment
    return moment.isoformat()


def _d(day: date | str | None) -> str | None:
    if day is None or isinstance(day, str):
        return day
    return day.isoformat()


def _json_list(value: list[Any] | str | None) -> Any:
    # Stored JSON text (`wire_rows(raw_json=...)`) goes out as it is, unparsed.
    if isinstance(value, str):
        return orjson.Fragment(value)
    return list(value or [])


def _chunks(ids: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _rows(db: Session, model: Any, column: Any, ids: Iterable[Any]) -> list[Any]:
    """Rows of `model`'s table whose `column` is in `ids`, as plain rows (attribute access
    like the mapped objects, without the cost of building ORM instances)."""
    id_list = sorted(set(ids), key=str)
    out: list[Any] = []
    for chunk in _chunks(id_list):
        out.extend(db.execute(select(model.__table__).where(column.in_(chunk))))
    return out


def instalment_id(loan_id: uuid.UUID, seq: int) -> str:
    """A schedule row's stable id: rewriting a schedule keeps the ids of its rows."""
    return f"{loan_id}:{seq}"


# ---------------------------------------------------------------- one row each

# The columns each builder reads, for `wire_rows(keys=...)`: a snapshot reads only these
# (converting unused times and ids to text cost a third of reading the timeline).
BORROWER_KEYS = (
    "id", "version", "name", "national_id", "birth_date", "time_zone", "language",
    "monthly_income_minor", "monthly_expenses_minor",
)  # fmt: skip
CONTACT_KEYS = ("id", "version", "borrower_id", "kind", "value", "relation", "contact_name")
LOAN_KEYS = (
    "id", "version", "borrower_id", "external_id", "product", "currency", "principal_minor",
    "annual_rate", "term_months", "method", "start_date", "first_due_date",
)  # fmt: skip
INSTALMENT_KEYS = (
    "loan_id", "seq", "due_date", "principal_minor", "interest_minor", "total_minor",
)  # fmt: skip
PAYMENT_KEYS = ("id", "version", "loan_id", "paid_on", "amount_minor", "channel")
ATTEMPT_KEYS = (
    "id", "version", "case_id", "user_id", "contact_point_id", "channel", "result",
    "started_at", "ended_at", "mood", "delinquency_reason", "notes", "transcript",
)  # fmt: skip
NOTE_KEYS = ("id", "version", "case_id", "author_id", "body", "created_at")
PROMISE_KEYS = (
    "id", "version", "case_id", "amount_minor", "currency", "due_date", "status", "created_at",
)  # fmt: skip


def borrower_data(b: Borrower) -> dict[str, Any]:
    """The borrower, with the national ID masked."""
    return {
        "id": str(b.id),
        "name": b.name,
        "national_id_masked": mask_national_id(b.national_id),
        "birth_date": _d(b.birth_date),
        "time_zone": b.time_zone,
        "language": b.language,
        "monthly_income": _money(b.monthly_income_minor),
        "monthly_expenses": _money(b.monthly_expenses_minor),
    }


def contact_data(c: ContactPoint) -> dict[str, Any]:
    """A contact point, value in full (see the module docstring)."""
    return {
        "id": str(c.id),
        "borrower_id": str(c.borrower_id),
        "kind": c.kind,
        "value": c.value,
        "relation": c.relation,
        "contact_name": c.contact_name,
    }


def loan_data(loan: Loan) -> dict[str, Any]:
    """The loan contract."""
    return {
        "id": str(loan.id),
        "borrower_id": str(loan.borrower_id),
        "loan_number": loan.external_id,
        "product": loan.product,
        "currency": loan.currency,
        "principal": _money(loan.principal_minor, loan.currency),
        "annual_rate": format(Decimal(loan.annual_rate), "f"),
        "term_months": loan.term_months,
        "method": loan.method,
        "start_date": _d(loan.start_date),
        "first_due_date": _d(loan.first_due_date),
    }


def instalment_data(i: Instalment, currency: str, row_id: str | None = None) -> dict[str, Any]:
    """One schedule row (`row_id`: its `instalment_id`, when the caller has it)."""
    return {
        "id": row_id or instalment_id(i.loan_id, i.seq),
        "loan_id": str(i.loan_id),
        "seq": i.seq,
        "due_date": _d(i.due_date),
        "principal": _money(i.principal_minor, currency),
        "interest": _money(i.interest_minor, currency),
        "total": _money(i.total_minor, currency),
    }


def payment_data(p: Payment, currency: str) -> dict[str, Any]:
    """One payment."""
    return {
        "id": str(p.id),
        "loan_id": str(p.loan_id),
        "paid_on": _d(p.paid_on),
        "amount": _money(p.amount_minor, currency),
        "channel": p.channel,
    }


def attempt_data(a: ContactAttempt) -> dict[str, Any]:
    """A contact attempt."""
    return {
        "id": str(a.id),
        "case_id": str(a.case_id),
        "user_id": str(a.user_id),
        "contact_point_id": None if a.contact_point_id is None else str(a.contact_point_id),
        "channel": a.channel,
        "result": a.result,
        "started_at": _t(a.started_at),
        "ended_at": _t(a.ended_at),
        "mood": a.mood,
        "delinquency_reason": a.delinquency_reason,
        "notes": a.notes,
        "transcript": _json_list(a.transcript),
    }


def note_data(n: Note) -> dict[str, Any]:
    """A note."""
    return {
        "id": str(n.id),
        "case_id": str(n.case_id),
        "author_id": str(n.author_id),
        "text": n.body,
        "created_at": _t(n.created_at),
    }


def promise_data(p: Promise) -> dict[str, Any]:
    """A promise to pay."""
    return {
        "id": str(p.id),
        "case_id": str(p.case_id),
        "amount": _money(p.amount_minor, p.currency),
        "currency": p.currency,
        "due_date": _d(p.due_date),
        "status": p.status,
        "created_at": _t(p.created_at),
    }


def plan_data(p: Plan) -> dict[str, Any]:
    """A plan with the server's own figures."""
    return {
        "id": str(p.id),
        "case_id": str(p.case_id),
        "proposed_by": str(p.proposed_by),
        "status": p.status,
        "options": p.terms,
        "figures": p.figures,
        "required_role": p.required_role,
        "proposed_at": _t(p.created_at),
        "decided_at": _t(p.decided_at),
    }


def decision_data(d: PlanDecision, case_id: uuid.UUID | str) -> dict[str, Any]:
    """A lead's decision."""
    return {
        "id": str(d.id),
        "case_id": str(case_id),
        "plan_id": str(d.plan_id),
        "decided_by": str(d.decided_by),
        "decision": d.decision,
        "comment": d.comment,
        "decided_at": _t(d.created_at),
    }


# ---------------------------------------------------------------- cases, in batches


def case_rows(db: Session, cases: Sequence[Case]) -> dict[uuid.UUID, dict[str, Any]]:
    """Case data with the figures derived from their items, for many cases at once."""
    ids = [c.id for c in cases]
    currency = {
        loan_id: cur
        for chunk in _chunks(sorted({c.loan_id for c in cases}, key=str))
        for loan_id, cur in db.execute(select(Loan.id, Loan.currency).where(Loan.id.in_(chunk)))
    }
    figures = CaseFigures()
    for chunk in _chunks(ids):
        figures.read(db, lambda column: column.in_(chunk))  # noqa: B023 - used at once
    return {c.id: case_data(c, currency.get(c.loan_id, "CNY"), figures) for c in cases}


@dataclass
class CaseFigures:
    """What a case's row shows of its items: the last contact, latest promise and plan."""

    last_contact: dict[uuid.UUID, datetime] = field(default_factory=dict)
    promise: dict[uuid.UUID, tuple[datetime, str, date]] = field(default_factory=dict)
    plan: dict[uuid.UUID, tuple[datetime, str]] = field(default_factory=dict)

    def read(self, db: Session, of_cases: Callable[[Any], ColumnElement[bool]]) -> None:
        """Read the figures of the cases `of_cases(<a case id column>)` selects."""
        # The latest per case, found by the database (a case has dozens of attempts).
        for case_id, ended in db.execute(
            select(ContactAttempt.case_id, func.max(ContactAttempt.ended_at))
            .where(of_cases(ContactAttempt.case_id))
            .group_by(ContactAttempt.case_id)
        ):
            self.last_contact[case_id] = ended
        promise = self.promise
        for case_id, made, status, due in db.execute(
            select(Promise.case_id, Promise.created_at, Promise.status, Promise.due_date).where(
                of_cases(Promise.case_id)
            )
        ):
            if case_id not in promise or made >= promise[case_id][0]:
                promise[case_id] = (made, status, due)
        plan = self.plan
        for case_id, made, status in db.execute(
            select(Plan.case_id, Plan.created_at, Plan.status).where(of_cases(Plan.case_id))
        ):
            if case_id not in plan or made >= plan[case_id][0]:
                plan[case_id] = (made, status)


def case_data(c: Any, cur: str, figures: CaseFigures) -> dict[str, Any]:
    """One case's data (`c`: the case or its row, `cur`: its loan's currency)."""
    p = figures.promise.get(c.id)
    pl = figures.plan.get(c.id)
    return {
        "id": str(c.id),
        "borrower_id": str(c.borrower_id),
        "loan_id": str(c.loan_id),
        "assignee_id": None if c.assignee_id is None else str(c.assignee_id),
        "stage": c.stage,
        "dpd": c.dpd,
        "bucket": c.bucket,
        "amount_overdue": _money(c.overdue_minor, cur),
        "outstanding": _money(c.outstanding_minor, cur),
        "currency": cur,
        "holds": list(c.holds or []),
        "priority": c.dpd,
        "borrower_name": c.borrower_name,
        "loan_number": c.loan_ref,
        # The case's own follow-up (`server.follow_up`), set by the follow-up op and
        # by attempts that name one.
        "next_action_due": _t(c.next_action_at),
        "next_action_reason": c.next_action_reason or "",
        "promise_status": None if p is None else p[1],
        "promise_due": None if p is None else _d(p[2]),
        "last_contact_at": _t(figures.last_contact.get(c.id)),
        "plan_status": None if pl is None else pl[1],
        "queue_reason": "",
    }


# ---------------------------------------------------------------- by id, for the log

_MODELS: dict[EntityType, Any] = {
    EntityType.BORROWER: Borrower,
    EntityType.CONTACT_POINT: ContactPoint,
    EntityType.CONTACT_PREFERENCE: ContactPreference,
    EntityType.LOAN: Loan,
    EntityType.PAYMENT: Payment,
    EntityType.CONTACT_ATTEMPT: ContactAttempt,
    EntityType.NOTE: Note,
    EntityType.PROMISE: Promise,
    EntityType.PLAN: Plan,
    EntityType.PLAN_DECISION: PlanDecision,
}


def load(
    db: Session, wanted: dict[EntityType, set[str]], case_of: dict[str, uuid.UUID]
) -> dict[tuple[EntityType, str], list[Entity]]:
    """Current data of the entities named in the log, by (type, id); absent = gone.

    A loan brings its schedule along (schedules are rewritten wholesale, not row by row).
    `case_of` maps each logged entity id to its case (decisions need it)."""
    found: dict[tuple[EntityType, str], list[Entity]] = {}
    case_ids = [uuid.UUID(i) for i in wanted.get(EntityType.CASE, set())]
    cases = _rows(db, Case, Case.id, case_ids)
    versions = {c.id: c.version for c in cases}
    for case_id, data in case_rows(db, cases).items():
        version = versions[case_id]
        found[(EntityType.CASE, str(case_id))] = [(EntityType.CASE, str(case_id), version, data)]
    currency: dict[uuid.UUID, str] = {}
    for etype, model in _MODELS.items():
        ids = [uuid.UUID(i) for i in wanted.get(etype, set())]
        if not ids:
            continue
        for row in _rows(db, model, model.id, ids):
            found[(etype, str(row.id))] = [
                (etype, str(row.id), row.version, _data(db, etype, row, case_of, currency))
            ]
    loans = [uuid.UUID(i) for i in wanted.get(EntityType.LOAN, set())]
    for i in _rows(db, Instalment, Instalment.loan_id, loans):
        key = (EntityType.LOAN, str(i.loan_id))
        if key in found:
            found[key].append(
                (
                    EntityType.INSTALMENT,
                    instalment_id(i.loan_id, i.seq),
                    1,
                    instalment_data(i, currency.get(i.loan_id, "CNY")),
                )
            )
    return found


def _currency_of(db: Session, loan_id: uuid.UUID, cache: dict[uuid.UUID, str]) -> str:
    if loan_id not in cache:
        cache[loan_id] = db.scalar(select(Loan.currency).where(Loan.id == loan_id)) or "CNY"
    return cache[loan_id]


def _data(
    db: Session,
    etype: EntityType,
    row: Any,
    case_of: dict[str, uuid.UUID],
    currency: dict[uuid.UUID, str],
) -> dict[str, Any]:
    if etype is EntityType.BORROWER:
        return borrower_data(row)
    if etype is EntityType.CONTACT_POINT:
        return contact_data(row)
    if etype is EntityType.CONTACT_PREFERENCE:
        return preference_data(row)
    if etype is EntityType.LOAN:
        currency[row.id] = row.currency
        return loan_data(row)
    if etype is EntityType.PAYMENT:
        return payment_data(row, _currency_of(db, row.loan_id, currency))
    if etype is EntityType.CONTACT_ATTEMPT:
        return attempt_data(row)
    if etype is EntityType.NOTE:
        return note_data(row)
    if etype is EntityType.PROMISE:
        return promise_data(row)
    if etype is EntityType.PLAN:
        return plan_data(row)
    return decision_data(row, case_of[str(row.id)])
