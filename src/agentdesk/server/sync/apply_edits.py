"""Pushed ops that edit what the server holds: plans (through `plan_flow`, recomputed by
the domain engine and decided within authority), the case's follow-up and its holder
(through the same agent lookup as `POST /cases/{id}/assign`)."""

from __future__ import annotations

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.authority import AuthorityPolicy
from agentdesk.domain.errors import DomainError
from agentdesk.domain.vocabulary import PlanStatus, Role
from agentdesk.protocol.ops import (
    CaseReassignOp,
    CaseScheduleFollowUpOp,
    PlanDecideOp,
    PlanProposeOp,
    PlanWithdrawOp,
)
from agentdesk.protocol.plans import PlanOptions
from agentdesk.server import follow_up
from agentdesk.server.assignment import agent_for, hand_over
from agentdesk.server.deps import Principal
from agentdesk.server.errors import ApiError, domain_error
from agentdesk.server.models import (
    Plan,
    PlanDecision,
)
from agentdesk.server.plan_flow import decide_plan, propose, withdraw_plan
from agentdesk.server.sync import entities
from agentdesk.server.sync.changelog import ACCESS
from agentdesk.server.sync.models import SyncChange
from agentdesk.server.sync.op_access import Conflict, case_for, check_new_id


def propose_plan(
    db: Session, principal: Principal, op: PlanProposeOp, policy: AuthorityPolicy
) -> int:
    """A plan proposal, recomputed by the domain engine (`plan_flow.propose`)."""
    case_for(db, principal, op.payload.case_id)
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
    case_for(db, principal, plan.case_id)
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
    check_new_id(db, PlanDecision, op.payload.decision_id)
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
    case = case_for(db, principal, op.payload.case_id)
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
    case = case_for(db, principal, op.payload.case_id)
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
    agent = agent_for(db, principal, str(op.payload.to_user_id))
    hand_over(db, case, agent, actor=principal, reason=op.payload.reason)
    return case.version
