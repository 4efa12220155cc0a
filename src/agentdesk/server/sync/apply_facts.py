"""Pushed ops that record what happened on a case: contact attempts, notes, promises
to pay and the borrower's statements about contact. Desktops create these only offline,
so their rules live here."""

from __future__ import annotations

from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from agentdesk.domain import follow_up as follow_up_rules
from agentdesk.domain.authority import AuthorityPolicy
from agentdesk.domain.errors import DomainError
from agentdesk.domain.follow_up import NextAction
from agentdesk.domain.money import to_minor
from agentdesk.domain.promises import check_promise_date
from agentdesk.protocol.ops import (
    ContactAttemptRecordOp,
    ContactPreferenceClearOp,
    ContactPreferenceRecordOp,
    NoteAddOp,
    PromiseCreateOp,
)
from agentdesk.protocol.sync import EntityType
from agentdesk.server import audit, contact_preferences, follow_up, plain_insert
from agentdesk.server.base import utcnow
from agentdesk.server.compliance_flags import flag_attempt, given_attempt
from agentdesk.server.deps import Principal
from agentdesk.server.errors import ApiError, domain_error
from agentdesk.server.models import (
    Borrower,
    Case,
    ContactAttempt,
    Loan,
    Note,
    Promise,
)
from agentdesk.server.note_lint import flag_attempt_notes, flag_note
from agentdesk.server.sync import batch, borrower_memo
from agentdesk.server.sync.changelog import note_inserted
from agentdesk.server.sync.op_access import (
    CaseRow,
    case_for,
    check_new_id,
    fact_access,
    id_taken,
    tell_new_holder,
)

# Per model: its table, its columns as (key, has a default), and their keys.
_PLAIN_INSERTS = {
    model: (
        cast(Table, model.__table__),
        tuple((c.key, c.default is not None) for c in cast(Table, model.__table__).columns),
        tuple(c.key for c in cast(Table, model.__table__).columns),
    )
    for model in (ContactAttempt, Note)
}


class _NewRow:
    """A new attempt's or note's column values as attributes, every column present
    (None when not given), as on a transient mapped object: what judging and linting
    read and set (`flagged`, `flag_reason`) before the row is written. Building a mapped
    object (instrumented attributes, instance state) cost more than writing the row, and
    nothing here needs the session to know it."""

    def __init__(self, model: type[ContactAttempt] | type[Note], **values: Any):
        self.__dict__.update(dict.fromkeys(_PLAIN_INSERTS[model][2]))
        self.__dict__.update(values)
        self.model = model


def _new_attempt(**values: Any) -> ContactAttempt:
    # Typed as the model it stands for: it has each of its column attributes.
    return cast(ContactAttempt, _NewRow(ContactAttempt, **values))


def _new_note(**values: Any) -> Note:
    return cast(Note, _NewRow(Note, **values))


def _insert(db: Session, row: ContactAttempt | Note, entity_type: EntityType) -> None:
    """Write a new attempt or note (a `_NewRow`) with one plain INSERT and log it for the
    case's holders, as a flush of a mapped object would have."""
    table, columns, _keys = _PLAIN_INSERTS[cast(_NewRow, row).model]
    # Unset columns are left out, so the INSERT fills in their defaults (version,
    # created_at, flagged …) as the flush would have.
    values = {
        key: value
        for key, has_default in columns
        if (value := getattr(row, key)) is not None or not has_default
    }
    try:
        # The primary key says whether the id is taken (no lookup first): the case,
        # the user and the contact point were checked, so only the id can clash here.
        plain_insert.run(db.connection(), table, values)
    except IntegrityError as exc:
        raise id_taken() from exc
    note_inserted(db, entity_type, row.id, row.case_id)


def record_attempt(db: Session, principal: Principal, op: ContactAttemptRecordOp) -> int:
    """A contact attempt; accepted after a reassignment if it happened before it."""
    case, late = fact_access(db, principal, op)
    p = op.payload
    # The borrower's facts as this transaction sees them (kept per borrower over a
    # pushed batch and caught up from the change log: `borrower_memo`).
    facts = borrower_memo.facts_for(db, case.borrower_id, case.holds)
    if p.contact_point_id is not None and p.contact_point_id not in facts.points:
        # Not one of the borrower's points: the one check says so (and refuses the op).
        contact_preferences.check_contact_point(db, db.get_one(Case, case.id), p.contact_point_id)
    attempt = _new_attempt(
        id=op.entity_id,
        case_id=case.id,
        user_id=principal.user_id,
        contact_point_id=p.contact_point_id,
        channel=str(p.channel),
        result=str(p.result),
        started_at=p.started_at,
        ended_at=p.ended_at,
        mood=None if p.mood is None else str(p.mood),
        delinquency_reason=None if p.delinquency_reason is None else str(p.delinquency_reason),
        notes=p.notes,
        script_id=p.script_id,
        script_version=p.script_version,
        transcript=[t.model_dump(mode="json") for t in p.transcript],
        next_follow_up_at=p.next_follow_up_at,
        version=1,
    )
    # Not a mapped object (`_NewRow`): judged, flagged and linted as given, then written
    # with one plain INSERT below (the unit of work's bookkeeping cost more than the insert).
    # Stored whatever it broke (it happened); flagged and audited for the lead if it did.
    policy = batch.contact_policy(db)
    flag_attempt(db, attempt, policy, actor=principal, facts=facts)
    # Its notes are linted for banned conduct here too, never trusting the desktop.
    flag_attempt_notes(db, attempt, policy, actor=principal)
    # The attempt's next follow-up becomes the case's next action (or, made at or after
    # the one in force and naming none, marks it done) in this same transaction. The
    # case is loaded (and locked) as an object only when that may change it.
    if _may_move_follow_up(case, op):
        follow_up.after_attempt(
            db,
            principal,
            db.get_one(Case, case.id),
            ended_at=p.ended_at,
            follow_up_at=p.next_follow_up_at,
            made_at=op.created_at,
        )
    _insert(db, attempt, EntityType.CONTACT_ATTEMPT)
    borrower_memo.judged(db, case.borrower_id, given_attempt(facts, attempt))
    if late:
        tell_new_holder(db, principal, case.id, "联系记录", "contact attempt", op)
    audit.record(
        db,
        "contact_attempt.record",
        actor=principal,
        entity="contact_attempt",
        entity_id=op.entity_id,
        case_id=case.id,
        result=str(p.result),
    )
    return 1


def _may_move_follow_up(case: CaseRow, op: ContactAttemptRecordOp) -> bool:
    """Whether the attempt may change the case's follow-up, judged by the domain rule on
    the case row as read. When it cannot, the attempt leaves the case row alone (as
    `follow_up.after_attempt` would, after locking it): most attempts name no follow-up
    and come before the one in force, or have none to complete."""
    p = op.payload
    if p.next_follow_up_at is not None:
        return True
    if case.next_action_at is None:
        return False
    current = NextAction(
        case.next_action_at,
        case.next_action_reason or "",
        case.next_action_decided_at or case.next_action_at,
    )
    after = follow_up_rules.after_attempt(
        current, ended_at=p.ended_at, follow_up_at=None, made_at=min(op.created_at, utcnow())
    )
    return after != current


def add_note(db: Session, principal: Principal, op: NoteAddOp) -> int:
    """A note; accepted after a reassignment if it was written before it."""
    case, late = fact_access(db, principal, op)
    note = _new_note(
        id=op.entity_id,
        case_id=case.id,
        author_id=principal.user_id,
        body=op.payload.text,
        version=1,
        created_at=op.created_at,
    )
    # Stored as written (nothing is lost); flagged for the lead if it breaks CN-6.
    flag_note(db, note, batch.contact_policy(db), actor=principal)
    _insert(db, note, EntityType.NOTE)
    if late:
        tell_new_holder(db, principal, case.id, "备注", "note", op)
    audit.record(
        db, "note.add", actor=principal, entity="note", entity_id=op.entity_id, case_id=case.id
    )
    return 1


def create_promise(
    db: Session, principal: Principal, op: PromiseCreateOp, policy: AuthorityPolicy
) -> int:
    """A promise to pay, on a case the user holds now, due within the policy's horizon
    (counted from the borrower's date when the promise was made)."""
    case = case_for(db, principal, op.payload.case_id)
    check_new_id(db, Promise, op.entity_id)
    p = op.payload
    zone = db.scalar(select(Borrower.time_zone).where(Borrower.id == case.borrower_id))
    made_on = op.created_at.astimezone(ZoneInfo(zone or "Asia/Shanghai")).date()
    try:
        check_promise_date(p.due_date, today=made_on, horizon_days=policy.promise_horizon_days)
    except DomainError as exc:
        raise domain_error(exc) from exc
    loan = db.get(Loan, case.loan_id)
    if loan is not None and loan.currency != p.currency:
        raise ApiError(
            422,
            "currency_mismatch",
            f"承诺币种 {p.currency} 与贷款币种 {loan.currency} 不一致。",
            f"The promise's currency {p.currency} is not the loan's ({loan.currency}).",
        )
    try:
        amount = to_minor(p.amount, p.currency)
    except DomainError as exc:
        raise domain_error(exc) from exc
    db.add(
        Promise(
            id=op.entity_id,
            case_id=case.id,
            user_id=principal.user_id,
            amount_minor=amount,
            currency=p.currency,
            due_date=p.due_date,
            contact_attempt_id=p.contact_attempt_id,
            status="open",
            version=1,
        )
    )
    audit.record(
        db,
        "promise.create",
        actor=principal,
        entity="promise",
        entity_id=op.entity_id,
        case_id=case.id,
        amount=str(p.amount),
    )
    return 1


def record_preference(db: Session, principal: Principal, op: ContactPreferenceRecordOp) -> int:
    """What the borrower said about contact; accepted after a reassignment if said before.

    Like a note it is a fact about the borrower: dropping it because the case moved
    would let the next holder call a number the borrower had ruled out.
    """
    row, late = fact_access(db, principal, op)
    version = contact_preferences.record(db, principal, db.get_one(Case, row.id), op)
    if late:
        tell_new_holder(db, principal, row.id, "联系偏好", "contact preference", op)
    return version


def clear_preference(db: Session, principal: Principal, op: ContactPreferenceClearOp) -> int:
    """A statement no longer holds; only on a case the user holds now."""
    case = case_for(db, principal, op.payload.case_id)
    return contact_preferences.clear(db, principal, case, op)
