"""The life of a plan: proposal, decision, withdrawal — with the rules on who may do what.

Shared by the REST endpoints and (later) the sync ops, so both enforce the same rules.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.authority import AuthorityOutcome, AuthorityPolicy, decide
from agentdesk.domain.money import to_minor
from agentdesk.domain.restructure import Concessions
from agentdesk.domain.vocabulary import Language, PlanStatus, Role
from agentdesk.protocol.plans import DecisionOut, PlanOptions, PlanOut, PreviewResponse
from agentdesk.server import audit
from agentdesk.server.access import can_see, get_visible_case
from agentdesk.server.base import touch, utcnow
from agentdesk.server.deps import Principal
from agentdesk.server.errors import ApiError, not_found
from agentdesk.server.models import Case, Plan, PlanDecision
from agentdesk.server.plans import borrower_income, case_position, compute, stored_figures

_STATUS_AFTER = {
    "approve": PlanStatus.APPROVED,
    "reject": PlanStatus.REJECTED,
    "return": PlanStatus.RETURNED,
}


def plan_out(db: Session, plan: Plan) -> PlanOut:
    """A stored plan with its decisions."""
    decisions = db.scalars(
        select(PlanDecision)
        .where(PlanDecision.plan_id == plan.id)
        .order_by(PlanDecision.created_at)
    )
    return PlanOut(
        id=plan.id,
        version=plan.version,
        case_id=plan.case_id,
        team_id=plan.team_id,
        proposed_by=plan.proposed_by,
        status=PlanStatus(plan.status),
        required_role=Role(plan.required_role) if plan.required_role else None,
        options=PlanOptions.model_validate(plan.terms),
        justification=plan.justification,
        figures=PreviewResponse.model_validate(plan.figures),
        created_at=plan.created_at,
        decided_at=plan.decided_at,
        decisions=[
            DecisionOut(
                id=d.id,
                decided_by=d.decided_by,
                decision=d.decision,  # type: ignore[arg-type]
                comment=d.comment,
                at=d.created_at,
            )
            for d in decisions
        ],
    )


def propose(
    db: Session,
    principal: Principal,
    case_id: uuid.UUID,
    options: PlanOptions,
    justification: str,
    policy: AuthorityPolicy,
    *,
    plan_id: uuid.UUID | None = None,
    as_of: date | None = None,
) -> Plan:
    """Store a proposal with the server's own figures; refuse what no one may approve."""
    # Leads and admins may propose too (covering for an agent); never on unseen cases.
    case = get_visible_case(db, principal, case_id)
    as_of = as_of or datetime.now(UTC).date()
    terms, position, _loan = case_position(db, case, as_of)
    computed = compute(terms, position, options, principal.role, policy, borrower_income(db, case))
    if computed.verdict.outcome is AuthorityOutcome.NOT_ALLOWED:
        raise ApiError(
            422,
            "plan_not_allowed",
            "该方案超出所有审批权限，不允许：" + computed.figures.authority.summary_zh,
            "No one may approve this plan: " + computed.figures.authority.summary_en,
            details=computed.figures.authority.model_dump(mode="json"),
        )
    if plan_id is not None and db.get(Plan, plan_id) is not None:
        raise ApiError(409, "plan_exists", "该方案编号已存在。", "A plan with this id exists.")
    required = computed.verdict.required_role or Role.ADMIN
    plan = Plan(
        id=plan_id or uuid.uuid4(),
        case_id=case.id,
        proposed_by=principal.user_id,
        team_id=case.team_id,
        status=PlanStatus.PENDING.value,
        terms=options.model_dump(mode="json"),
        justification=justification,
        figures=stored_figures(computed.figures),
        required_role=required.value,
        monthly_instalment_minor=to_minor(computed.plan.regular_instalment, terms.currency),
        version=1,
    )
    db.add(plan)
    db.flush()
    audit.record(
        db,
        "plan.propose",
        actor=principal,
        entity="plan",
        entity_id=plan.id,
        case_id=case.id,
        required_role=required.value,
    )
    return plan


def _concessions(plan: Plan) -> Concessions:
    k = PreviewResponse.model_validate(plan.figures).concessions
    return Concessions(
        extension_months=k.extension_months,
        total_term_months=k.total_term_months,
        waived_amount=k.waived_amount,
        waived_percent=k.waived_percent,
        rate_cut=k.rate_cut,
        present_value_loss=k.present_value_loss,
        down_payment=k.down_payment,
        down_payment_percent=k.down_payment_percent,
        grace_months=k.grace_months,
    )


def visible_plan(
    db: Session, principal: Principal, plan_id: uuid.UUID, *, for_update: bool = False
) -> tuple[Plan, Case]:
    """The plan if its case is the requester's to see; 404 otherwise."""
    plan = db.get(Plan, plan_id, with_for_update=for_update)
    case = db.get(Case, plan.case_id) if plan is not None else None
    if plan is None or case is None or not can_see(principal, case):
        raise not_found("方案", "plan")
    return plan, case


def decide_plan(
    db: Session,
    principal: Principal,
    plan_id: uuid.UUID,
    decision: str,
    comment: str,
    policy: AuthorityPolicy,
    *,
    decision_id: uuid.UUID | None = None,
) -> Plan:
    """Approve, reject or return a pending plan, within the decider's authority.

    Leads decide plans of their own team only, never their own proposals, and approve
    only within their limits (beyond them the plan needs an administrator). Rejecting or
    returning grants nothing, so a lead may do that to any plan of the team.
    A plan no longer pending answers 409 with its current state.
    """
    if principal.role is Role.AGENT:
        raise ApiError(403, "forbidden", "坐席不能审批方案。", "Agents cannot decide plans.")
    plan, _case = visible_plan(db, principal, plan_id, for_update=True)
    if plan.status != PlanStatus.PENDING.value:
        raise ApiError(
            409,
            "plan_not_pending",
            f"该方案已不是待审批状态（当前：{plan.status}）。",
            f"This plan is no longer pending (it is {plan.status}).",
            details=plan_out(db, plan).model_dump(mode="json"),
        )
    if plan.proposed_by == principal.user_id:
        raise ApiError(
            403,
            "own_plan",
            "不能审批自己提交的方案。",
            "You cannot decide a plan you proposed yourself.",
        )
    if decision == "approve":
        verdict = decide(_concessions(plan), principal.role, policy)
        if verdict.outcome is not AuthorityOutcome.WITHIN_AUTHORITY:
            raise ApiError(
                403,
                "beyond_authority",
                "超出您的审批权限：" + verdict.summary(Language.ZH_CN),
                "Beyond your authority: " + verdict.summary(Language.EN),
            )
    now = utcnow()
    plan.status = _STATUS_AFTER[decision].value
    plan.decided_at = now
    touch(plan)
    row = PlanDecision(
        id=decision_id or uuid.uuid4(),
        plan_id=plan.id,
        decided_by=principal.user_id,
        decision=decision,
        comment=comment,
        version=1,
    )
    db.add(row)
    db.flush()
    audit.record(
        db, f"plan.{decision}", actor=principal, entity="plan", entity_id=plan.id, comment=comment
    )
    return plan


def withdraw_plan(db: Session, principal: Principal, plan_id: uuid.UUID, reason: str) -> Plan:
    """The proposer takes back a pending plan; 409 if it was decided meanwhile."""
    plan, _case = visible_plan(db, principal, plan_id, for_update=True)
    if plan.proposed_by != principal.user_id and not principal.is_admin:
        raise ApiError(
            403,
            "not_proposer",
            "只有提交人可以撤回方案。",
            "Only the proposer can withdraw a plan.",
        )
    if plan.status != PlanStatus.PENDING.value:
        raise ApiError(
            409,
            "plan_not_pending",
            f"该方案已不是待审批状态（当前：{plan.status}）。",
            f"This plan is no longer pending (it is {plan.status}).",
            details=plan_out(db, plan).model_dump(mode="json"),
        )
    plan.status = PlanStatus.WITHDRAWN.value
    plan.decided_at = utcnow()
    touch(plan)
    audit.record(
        db, "plan.withdraw", actor=principal, entity="plan", entity_id=plan.id, reason=reason
    )
    return plan
