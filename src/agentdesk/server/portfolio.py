"""Keeping loans, cases and promises in step: schedules, positions, DPD, settlement.

The figures come from the domain engine (`build_schedule`, `position_on`); this module
only loads rows, calls it and stores what it says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import delete, insert, inspect, select
from sqlalchemy.orm import Session

from agentdesk.domain.money import from_minor, to_minor
from agentdesk.domain.position import LoanPosition, position_on
from agentdesk.domain.position import Payment as DomainPayment
from agentdesk.domain.schedule import LoanTerms, RepaymentMethod, Schedule, build_schedule
from agentdesk.domain.vocabulary import PromiseStatus, Stage
from agentdesk.server.base import touch, utcnow
from agentdesk.server.models import Case, Instalment, Loan, Payment, Promise

_STAGE_ORDER = [Stage.REMINDER, Stage.NEGOTIATION, Stage.PRE_LEGAL, Stage.LEGAL]


def stage_for_dpd(dpd: int) -> Stage:
    """Where a case with `dpd` days past due belongs on the collection path (DOMAIN.md)."""
    if dpd <= 30:
        return Stage.REMINDER
    if dpd <= 90:
        return Stage.NEGOTIATION
    if dpd <= 180:
        return Stage.PRE_LEGAL
    return Stage.LEGAL


def loan_terms(loan: Loan) -> LoanTerms:
    """The domain's view of a stored loan contract."""
    return stored_terms(
        loan.principal_minor,
        loan.annual_rate,
        loan.term_months,
        loan.first_due_date,
        loan.method,
        loan.currency,
    )


def stored_terms(
    principal_minor: int,
    annual_rate: Decimal,
    term_months: int,
    first_due_date: date,
    method: str,
    currency: str,
) -> LoanTerms:
    """The domain's view of a loan contract from the columns of its row."""
    return LoanTerms(
        principal=from_minor(principal_minor, currency),
        annual_rate=Decimal(annual_rate),
        term_months=term_months,
        first_due_date=first_due_date,
        method=RepaymentMethod(method),
        currency=currency,
    )


def instalment_rows(loan: Loan, schedule: Schedule) -> list[dict[str, object]]:
    """The schedule as rows for the `instalments` table."""
    return [
        {
            "loan_id": loan.id,
            "seq": i.number,
            "due_date": i.due_date,
            "principal_minor": to_minor(i.principal, loan.currency),
            "interest_minor": to_minor(i.interest, loan.currency),
            "total_minor": to_minor(i.total, loan.currency),
        }
        for i in schedule.instalments
    ]


def store_schedule(db: Session, loan: Loan) -> Schedule:
    """(Re)write the loan's contractual schedule and return it."""
    schedule = build_schedule(loan_terms(loan))
    db.execute(delete(Instalment).where(Instalment.loan_id == loan.id))
    db.execute(insert(Instalment), instalment_rows(loan, schedule))
    return schedule


def position_of(
    loan: Loan, payments: Iterable[tuple[date, int]], as_of: date, schedule: Schedule | None = None
) -> LoanPosition:
    """Where the loan stands at the end of `as_of`, counting payments made by then."""
    schedule = schedule or build_schedule(loan_terms(loan))
    paid = [
        DomainPayment(paid_on=d, amount=from_minor(a, loan.currency))
        for d, a in payments
        if d <= as_of
    ]
    return position_on(schedule, as_of, paid)


def apply_position(case: Case, position: LoanPosition, currency: str) -> bool:
    """Copy a position onto the case (DPD, bucket, amounts, stage, open while delinquent).

    The stage only moves forward by itself; a lead moves it back. Returns whether
    anything changed (and then the case's version is bumped).
    """
    overdue = (
        position.overdue_principal
        + position.overdue_interest
        + position.penalty_interest
        + position.fees
    )
    values = {
        "dpd": position.days_past_due,
        "bucket": position.bucket.value,
        "overdue_minor": to_minor(overdue, currency),
        "outstanding_minor": to_minor(
            position.outstanding_principal + position.overdue_principal, currency
        ),
    }
    stage = Stage(case.stage) if case.stage else Stage.REMINDER
    wanted = stage_for_dpd(position.days_past_due)
    if _STAGE_ORDER.index(wanted) > _STAGE_ORDER.index(stage):
        values["stage"] = wanted.value
    # A case is worked while the loan is delinquent; back to current (or paid off), it
    # closes, and it reopens if the loan falls behind again.
    delinquent = position.days_past_due > 0
    changed = any(getattr(case, k) != v for k, v in values.items())
    for k, v in values.items():
        setattr(case, k, v)
    if not delinquent and case.closed_at is None:
        case.closed_at = utcnow()
        changed = True
    elif delinquent and case.closed_at is not None:
        case.closed_at = None
        changed = True
    if changed and inspect(case).persistent:  # a brand-new case starts at version 1
        touch(case)
    return changed


def settle_promises(
    promises: Sequence[Promise], payments: Sequence[tuple[date, int]], as_of: date, now: datetime
) -> list[Promise]:
    """Mark open promises kept (paid in full by their date) or broken (date passed unpaid).

    A promise counts the payments made from the day it was made up to its due date; a
    promise whose date has not passed and is not yet paid in full stays open.
    """
    settled = []
    for promise in promises:
        if promise.status != PromiseStatus.OPEN.value:
            continue
        made_on = promise.created_at.date()
        paid = sum(a for d, a in payments if made_on <= d <= promise.due_date)
        if paid >= promise.amount_minor:
            promise.status = PromiseStatus.KEPT.value
        elif promise.due_date < as_of:
            promise.status = PromiseStatus.BROKEN.value
        else:
            continue
        promise.settled_at = now
        touch(promise)
        settled.append(promise)
    return settled


def refresh_loans(db: Session, loans: Sequence[Loan], as_of: date) -> int:
    """Recompute the cases and promises of `loans` from their payments; returns cases changed.

    Creates the case of a loan that has none yet (closed if the loan is not overdue).
    """
    if not loans:
        return 0
    ids = [loan.id for loan in loans]
    payments: dict[object, list[tuple[date, int]]] = {i: [] for i in ids}
    for loan_id, paid_on, amount in db.execute(
        select(Payment.loan_id, Payment.paid_on, Payment.amount_minor).where(
            Payment.loan_id.in_(ids)
        )
    ):
        payments[loan_id].append((paid_on, amount))
    cases = {c.loan_id: c for c in db.scalars(select(Case).where(Case.loan_id.in_(ids)))}
    promises: dict[object, list[Promise]] = {}
    if cases:
        case_ids = [c.id for c in cases.values()]
        for p in db.scalars(
            select(Promise).where(Promise.case_id.in_(case_ids), Promise.status == "open")
        ):
            promises.setdefault(p.case_id, []).append(p)
    now = utcnow()
    changed = 0
    for loan in loans:
        case = cases.get(loan.id)
        if case is None:
            case = Case(
                loan_id=loan.id,
                borrower_id=loan.borrower_id,
                stage=Stage.REMINDER.value,
                holds=[],
                borrower_name=loan.borrower.name,
                loan_ref=loan.external_id,
                version=1,
            )
            db.add(case)
        position = position_of(loan, payments[loan.id], as_of)
        if apply_position(case, position, loan.currency):
            changed += 1
        settle_promises(promises.get(case.id, []), payments[loan.id], as_of, now)
    db.flush()
    return changed
