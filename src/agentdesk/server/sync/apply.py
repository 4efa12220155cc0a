"""One pushed op, applied through the same rules as the REST endpoints.

Plans go through `plan_flow` (recomputed by the domain engine, decided within
authority); a reassignment through the same agent lookup as `POST /cases/{id}/assign`.
Contact attempts, notes and promises have no REST endpoint of their own: desktops create
them only offline, so their rules live here.

Authorisation is per case and judged now, by the server: an op on a case the user no
longer holds is rejected with that reason — except contact attempts and notes made
while the user still held it. Those are facts (the call happened); they are accepted,
and the case's new holder finds them on the timeline with a note saying so.

Every refusal is an `ApiError`; `push` turns it into a per-op result. `Conflict` is the
one refusal that carries the server's current version of the edited entity.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, NamedTuple, cast
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import Table, bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from agentdesk.domain import follow_up as follow_up_rules
from agentdesk.domain.authority import AuthorityPolicy
from agentdesk.domain.errors import DomainError
from agentdesk.domain.follow_up import NextAction
from agentdesk.domain.money import to_minor
from agentdesk.domain.promises import check_promise_date
from agentdesk.domain.vocabulary import PlanStatus, Role
from agentdesk.protocol.ops import (
    CaseReassignOp,
    CaseScheduleFollowUpOp,
    ContactAttemptRecordOp,
    ContactPreferenceClearOp,
    ContactPreferenceRecordOp,
    NoteAddOp,
    Op,
    PlanDecideOp,
    PlanProposeOp,
    PlanWithdrawOp,
    PromiseCreateOp,
)
from agentdesk.protocol.plans import PlanOptions
from agentdesk.protocol.sync import EntityType
from agentdesk.server import audit, contact_preferences, follow_up, plain_insert, plain_select
from agentdesk.server.access import can_see
from agentdesk.server.base import touch, utcnow
from agentdesk.server.compliance_flags import flag_attempt, given_attempt
from agentdesk.server.deps import Principal
from agentdesk.server.errors import ApiError, domain_error
from agentdesk.server.models import (
    Borrower,
    Case,
    ContactAttempt,
    Loan,
    Note,
    Plan,
    PlanDecision,
    Promise,
)
from agentdesk.server.note_lint import flag_attempt_notes, flag_note
from agentdesk.server.plan_flow import decide_plan, propose, withdraw_plan
from agentdesk.server.routes.cases import find_agent
from agentdesk.server.sync import batch, borrower_memo, entities
from agentdesk.server.sync.changelog import ACCESS, note_inserted
from agentdesk.server.sync.models import SyncChange


class Conflict(ApiError):
    """The edited entity moved on since the client saw it: here is its current version."""

    def __init__(self, zh: str, en: str, code: str, version: int, current: dict[str, Any]):
        super().__init__(409, code, zh, en)
        self.version = version
        self.current = current


class CaseRow(NamedTuple):
    """What applying an attempt or a note reads of its case: plain columns, no object."""

    id: uuid.UUID
    borrower_id: uuid.UUID
    assignee_id: uuid.UUID | None
    team_id: uuid.UUID | None
    holds: list[str]
    next_action_at: datetime | None
    next_action_reason: str | None
    next_action_decided_at: datetime | None


# Compiled once: every pushed attempt and note reads its case's row.
_CASE_ROW = select(
    Case.id,
    Case.borrower_id,
    Case.assignee_id,
    Case.team_id,
    Case.holds,
    Case.next_action_at,
    Case.next_action_reason,
    Case.next_action_decided_at,
).where(Case.id == bindparam("case"))
_FIRST_MOVE_AFTER = (
    select(SyncChange.old_assignee_id, SyncChange.old_team_id)
    .where(
        SyncChange.case_id == bindparam("case"),
        SyncChange.kind == ACCESS,
        SyncChange.at > bindparam("moment"),
    )
    .order_by(SyncChange.seq)
    .limit(1)
)


def _case_row(db: Session, case_id: uuid.UUID) -> CaseRow | None:
    # On the driver's cursor (`plain_select`): the same values, less per-statement work.
    row = plain_select.first(db.connection(), _CASE_ROW, {"case": case_id})
    return None if row is None else CaseRow(*row)


def _held_at(db: Session, principal: Principal, case_id: uuid.UUID, moment: datetime) -> bool:
    """Whether `principal` held the case at `moment`: the first change of hands after
    that moment took it from them."""
    first_move = (
        db.connection().execute(_FIRST_MOVE_AFTER, {"case": case_id, "moment": moment}).first()
    )
    if first_move is None:
        return False
    old_assignee, old_team = first_move
    if principal.role is Role.LEAD:
        return principal.team_id is not None and old_team == principal.team_id
    return old_assignee == principal.user_id


def _reassigned() -> ApiError:
    return ApiError(
        403,
        "case_reassigned",
        "该案件已转派给其他人，此操作未生效。",
        "This case has been reassigned to someone else; the change was not made.",
    )


def _no_case() -> ApiError:
    return ApiError(404, "not_found", "找不到该案件。", "No such case.")


def _case_for(db: Session, principal: Principal, case_id: uuid.UUID) -> Case:
    case = db.get(Case, case_id)
    if case is None:
        raise _no_case()
    if not can_see(principal, case):
        raise _reassigned() if _ever_held(db, principal, case.id) else _no_case()
    return case


def _ever_held(db: Session, principal: Principal, case_id: uuid.UUID) -> bool:
    column = SyncChange.old_team_id if principal.role is Role.LEAD else SyncChange.old_assignee_id
    me = principal.team_id if principal.role is Role.LEAD else principal.user_id
    return (
        db.scalars(
            select(SyncChange.seq)
            .where(SyncChange.case_id == case_id, SyncChange.kind == ACCESS, column == me)
            .limit(1)
        ).first()
        is not None
    )


def _fact_access(db: Session, principal: Principal, op: Op) -> tuple[CaseRow, bool]:
    """The case row of an attempt, note or statement, and whether it is accepted as an
    earlier fact (made while the user held the case)."""
    case = _case_row(db, op.payload.case_id)
    if case is None:
        raise _no_case()
    if can_see(principal, case):
        return case, False
    if _held_at(db, principal, case.id, op.created_at):
        return case, True
    raise _reassigned() if _ever_held(db, principal, case.id) else _no_case()


def _tell_new_holder(
    db: Session, principal: Principal, case_id: uuid.UUID, what_zh: str, what_en: str, op: Op
) -> None:
    db.add(
        Note(
            id=uuid.uuid5(op.op_id, "reassignment-notice"),
            case_id=case_id,
            author_id=principal.user_id,
            body=(
                f"【离线记录】{principal.username} 在案件转派前记录了一条{what_zh}"
                f"（{op.created_at:%Y-%m-%d %H:%M} UTC），同步时已加入本案件。 / "
                f"[Offline record] {principal.username} recorded a {what_en} on this case "
                f"before it was reassigned ({op.created_at:%Y-%m-%d %H:%M} UTC); it was added "
                "when their desktop synced."
            ),
            version=1,
        )
    )
    audit.record(
        db,
        "sync.late_fact",
        actor=principal,
        entity="case",
        entity_id=case_id,
        op_id=op.op_id,
        op_type=str(op.type),
    )


def _id_taken() -> ApiError:
    return ApiError(
        409, "entity_exists", "该记录编号已存在。", "A record with this id already exists."
    )


def _new_id(db: Session, model: Any, entity_id: uuid.UUID) -> None:
    # A plain id lookup: loading a mapped object only to see that there is none cost more.
    taken = db.connection().execute(select(model.id).where(model.id == entity_id)).first()
    if taken is not None:
        raise _id_taken()


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
        raise _id_taken() from exc
    note_inserted(db, entity_type, row.id, row.case_id)


def record_attempt(db: Session, principal: Principal, op: ContactAttemptRecordOp) -> int:
    """A contact attempt; accepted after a reassignment if it happened before it."""
    case, late = _fact_access(db, principal, op)
    p = op.payload
    # The borrower's facts as this transaction sees them (kept per borrower over a
    # pushed batch and caught up from the change log: `borrower_memo`).
    facts = borrower_memo.facts_for(db, case.borrower_id, case.holds)
    if p.contact_point_id is not None and p.contact_point_id not in facts.points:
        # Not one of the borrower's points: the one check says so (and refuses the op).
        contact_preferences.check_contact_point(
            db, db.get_one(Case, case.id), p.contact_point_id
        )
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
            db, principal, db.get_one(Case, case.id), ended_at=p.ended_at,
            follow_up_at=p.next_follow_up_at, made_at=op.created_at,
        )
    _insert(db, attempt, EntityType.CONTACT_ATTEMPT)
    borrower_memo.judged(db, case.borrower_id, given_attempt(facts, attempt))
    if late:
        _tell_new_holder(db, principal, case.id, "联系记录", "contact attempt", op)
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
    case, late = _fact_access(db, principal, op)
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
        _tell_new_holder(db, principal, case.id, "备注", "note", op)
    audit.record(
        db, "note.add", actor=principal, entity="note", entity_id=op.entity_id, case_id=case.id
    )
    return 1


def create_promise(
    db: Session, principal: Principal, op: PromiseCreateOp, policy: AuthorityPolicy
) -> int:
    """A promise to pay, on a case the user holds now, due within the policy's horizon
    (counted from the borrower's date when the promise was made)."""
    case = _case_for(db, principal, op.payload.case_id)
    _new_id(db, Promise, op.entity_id)
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


def propose_plan(
    db: Session, principal: Principal, op: PlanProposeOp, policy: AuthorityPolicy
) -> int:
    """A plan proposal, recomputed by the domain engine (`plan_flow.propose`)."""
    _case_for(db, principal, op.payload.case_id)
    try:
        options = PlanOptions.model_validate(op.payload.options)
    except ValidationError as exc:
        fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors())
        raise ApiError(
            422, "invalid_options", f"方案选项无效：{fields}", f"Invalid plan options: {fields}"
        ) from exc
    try:
        plan = propose(
            db,
            principal,
            op.payload.case_id,
            options,
            op.payload.justification,
            policy,
            plan_id=op.entity_id,
        )
    except DomainError as exc:
        raise domain_error(exc) from exc
    return plan.version


def _plan_in_step(db: Session, principal: Principal, op: PlanWithdrawOp | PlanDecideOp) -> Plan:
    plan = db.get(Plan, op.entity_id, with_for_update=True)
    if plan is None or plan.case_id != op.payload.case_id:
        raise ApiError(404, "not_found", "找不到该方案。", "No such plan.")
    _case_for(db, principal, plan.case_id)
    if plan.version != op.base_version or plan.status != PlanStatus.PENDING.value:
        withdrawn = plan.status == PlanStatus.WITHDRAWN.value
        raise Conflict(
            f"方案在您操作后已变化（当前：{plan.status}），您的操作未生效。",
            f"The plan changed after you acted (it is now {plan.status}); "
            "your change was not made.",
            "plan_withdrawn" if withdrawn else "plan_changed",
            plan.version,
            entities.plan_data(plan),
        )
    return plan


def withdraw(db: Session, principal: Principal, op: PlanWithdrawOp) -> int:
    """The proposer takes a pending plan back (`plan_flow.withdraw_plan`)."""
    _plan_in_step(db, principal, op)
    return withdraw_plan(db, principal, op.entity_id, op.payload.reason).version


def decide(db: Session, principal: Principal, op: PlanDecideOp, policy: AuthorityPolicy) -> int:
    """A lead's decision (`plan_flow.decide_plan`); a plan that moved on is a conflict."""
    _plan_in_step(db, principal, op)
    _new_id(db, PlanDecision, op.payload.decision_id)
    plan = decide_plan(
        db,
        principal,
        op.entity_id,
        str(op.payload.decision),
        op.payload.comment,
        policy,
        decision_id=op.payload.decision_id,
    )
    return plan.version


def schedule_follow_up(db: Session, principal: Principal, op: CaseScheduleFollowUpOp) -> int:
    """The case's next action, on a case the user holds now (`server.follow_up`)."""
    case = _case_for(db, principal, op.payload.case_id)
    follow_up.schedule(
        db, principal, case, op.payload.due_at, op.payload.reason, made_at=op.created_at
    )
    return case.version


def reassign(db: Session, principal: Principal, op: CaseReassignOp) -> int:
    """A lead (own team) or an admin gives the case to another agent.

    The version moves for many reasons (a payment updates DPD); only a change of hands
    after the lead decided is a conflict, so two leads never silently undo each other.
    """
    if principal.role.rank < Role.LEAD.rank:
        raise ApiError(
            403, "forbidden", "您的角色无权转派案件。", "Your role may not reassign cases."
        )
    case = _case_for(db, principal, op.payload.case_id)
    db.refresh(case, with_for_update=True)
    moved = db.scalars(
        select(SyncChange.seq)
        .where(
            SyncChange.case_id == case.id, SyncChange.kind == ACCESS, SyncChange.at > op.created_at
        )
        .limit(1)
    ).first()
    if case.version != op.base_version and moved is not None:
        raise Conflict(
            "案件在您转派前已被他人转派，您的转派未生效。",
            "Someone else reassigned this case after you did; your reassignment was not made.",
            "case_moved",
            case.version,
            entities.case_rows(db, [case])[case.id],
        )
    agent = find_agent(db, str(op.payload.to_user_id))
    if agent is None or (principal.role is Role.LEAD and agent.team_id != principal.team_id):
        raise ApiError(
            422,
            "no_such_agent",
            f"找不到可分配的坐席：{op.payload.to_user_id}。",
            f"No agent {op.payload.to_user_id} you can assign cases to.",
        )
    if case.assignee_id != agent.id or case.team_id != agent.team_id:
        previous = case.assignee_id
        case.assignee_id = agent.id
        case.team_id = agent.team_id
        touch(case)
        audit.record(
            db,
            "case.assign",
            actor=principal,
            entity="case",
            entity_id=case.id,
            previous=previous,
            assignee=agent.id,
            reason=op.payload.reason,
        )
    return case.version


def record_preference(db: Session, principal: Principal, op: ContactPreferenceRecordOp) -> int:
    """What the borrower said about contact; accepted after a reassignment if said before.

    Like a note it is a fact about the borrower: dropping it because the case moved
    would let the next holder call a number the borrower had ruled out.
    """
    row, late = _fact_access(db, principal, op)
    version = contact_preferences.record(db, principal, db.get_one(Case, row.id), op)
    if late:
        _tell_new_holder(db, principal, row.id, "联系偏好", "contact preference", op)
    return version


def clear_preference(db: Session, principal: Principal, op: ContactPreferenceClearOp) -> int:
    """A statement no longer holds; only on a case the user holds now."""
    case = _case_for(db, principal, op.payload.case_id)
    return contact_preferences.clear(db, principal, case, op)


def apply_op(db: Session, principal: Principal, op: Op, policy: AuthorityPolicy) -> int:
    """Apply `op` in the session's transaction; returns the entity's server version."""
    if isinstance(op, ContactAttemptRecordOp):
        return record_attempt(db, principal, op)
    if isinstance(op, NoteAddOp):
        return add_note(db, principal, op)
    if isinstance(op, PromiseCreateOp):
        return create_promise(db, principal, op, policy)
    if isinstance(op, PlanProposeOp):
        return propose_plan(db, principal, op, policy)
    if isinstance(op, PlanWithdrawOp):
        return withdraw(db, principal, op)
    if isinstance(op, PlanDecideOp):
        return decide(db, principal, op, policy)
    if isinstance(op, ContactPreferenceRecordOp):
        return record_preference(db, principal, op)
    if isinstance(op, ContactPreferenceClearOp):
        return clear_preference(db, principal, op)
    if isinstance(op, CaseScheduleFollowUpOp):
        return schedule_follow_up(db, principal, op)
    if isinstance(op, CaseReassignOp):
        return reassign(db, principal, op)
    raise ApiError(
        422,
        "unknown_op",
        f"服务器不处理此操作：{op.type}",
        f"The server does not handle {op.type}.",
    )

