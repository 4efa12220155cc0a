"""`/plans/preview`, `/cases/{id}/plans`, `/plans`, `/plans/{id}/decision`, withdrawal."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from pydantic import Field
from sqlalchemy import select

from agentdesk.domain.authority import AuthorityPolicy
from agentdesk.domain.position import LoanPosition
from agentdesk.domain.schedule import LoanTerms
from agentdesk.domain.vocabulary import PlanStatus
from agentdesk.protocol.common import WireModel
from agentdesk.protocol.plans import (
    DecisionRequest,
    PlanList,
    PlanOut,
    PreviewRequest,
    PreviewResponse,
    ProposeRequest,
)
from agentdesk.server.access import can_see, visible_cases
from agentdesk.server.db import begin_write
from agentdesk.server.deps import CurrentUser, Db, read_only
from agentdesk.server.errors import not_found
from agentdesk.server.models import Borrower, Case, Loan, Plan
from agentdesk.server.plan_flow import decide_plan, plan_out, propose, visible_plan, withdraw_plan
from agentdesk.server.plans import compute, income_pair, inline_position, loan_position

router = APIRouter(tags=["plans"])


def _policy(request: Request) -> AuthorityPolicy:
    policy: AuthorityPolicy = request.app.state.policy
    return policy


def _case_inputs(
    db: Db, principal: CurrentUser, case_id: uuid.UUID, as_of: date
) -> tuple[LoanTerms, LoanPosition, tuple[Decimal, Decimal] | None]:
    # The case, its loan and the borrower's income in one round trip (a preview is read
    # often while an agent tries options), then the loan's payments.
    row = db.execute(
        select(Case, Loan, Borrower.monthly_income_minor, Borrower.monthly_expenses_minor)
        .join(Loan, Loan.id == Case.loan_id)
        .outerjoin(Borrower, Borrower.id == Case.borrower_id)
        .where(Case.id == case_id)
    ).first()
    if row is None or not can_see(principal, row[0]):
        raise not_found("案件", "case")
    _case, loan, income_minor, expenses_minor = row
    terms, position = loan_position(db, loan, as_of)
    return terms, position, income_pair(income_minor, expenses_minor)


@router.post("/plans/preview", response_model=PreviewResponse)
@read_only
def preview(body: PreviewRequest, request: Request, principal: CurrentUser, db: Db) -> Response:
    """Compute a plan without storing it: schedule, comparison, concessions, approver."""
    as_of = body.as_of or datetime.now(UTC).date()
    role = body.role or principal.role
    if body.case_id is not None:
        terms, position, income = _case_inputs(db, principal, body.case_id, as_of)
    else:
        assert body.loan is not None
        terms, position = inline_position(body.loan, as_of)
        loan = body.loan
        income = (
            (loan.monthly_income, loan.essential_expenses)
            if loan.monthly_income is not None and loan.essential_expenses is not None
            else None
        )
    figures = compute(terms, position, body.options, role, _policy(request), income).figures
    # Built and validated once by `compute`; serialised here without a second pass.
    return Response(figures.model_dump_json(), media_type="application/json")


@router.post("/cases/{case_id}/plans", response_model=PlanOut, status_code=201)
def propose_plan(
    case_id: uuid.UUID, body: ProposeRequest, request: Request, principal: CurrentUser, db: Db
) -> PlanOut:
    """Propose a plan on a case; the server computes and stores its own figures."""
    begin_write(db)
    plan = propose(
        db, principal, case_id, body.options, body.justification, _policy(request), plan_id=body.id
    )
    out = plan_out(db, plan)
    db.commit()
    return out


@router.get("/plans", response_model=PlanList)
@read_only
def list_plans(
    principal: CurrentUser,
    db: Db,
    status: PlanStatus | None = None,
    case_id: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> PlanList:
    """Plans on the cases the requester may see, newest first."""
    stmt = select(Plan).join(Case, Case.id == Plan.case_id).where(visible_cases(principal))
    if status is not None:
        stmt = stmt.where(Plan.status == status.value)
    if case_id is not None:
        stmt = stmt.where(Plan.case_id == case_id)
    plans = db.scalars(stmt.order_by(Plan.created_at.desc(), Plan.id).limit(limit))
    return PlanList(items=[plan_out(db, p) for p in plans])


@router.get("/plans/{plan_id}", response_model=PlanOut)
@read_only
def get_plan(plan_id: uuid.UUID, principal: CurrentUser, db: Db) -> PlanOut:
    """One plan (404 if its case is not the requester's to see)."""
    plan, _ = visible_plan(db, principal, plan_id)
    return plan_out(db, plan)


@router.post("/plans/{plan_id}/decision", response_model=PlanOut)
def decision(
    plan_id: uuid.UUID, body: DecisionRequest, request: Request, principal: CurrentUser, db: Db
) -> PlanOut:
    """Approve, reject or return a pending plan (team lead of the team, or admin)."""
    begin_write(db)
    plan = decide_plan(
        db,
        principal,
        plan_id,
        body.decision,
        body.comment,
        _policy(request),
        decision_id=body.id,
    )
    out = plan_out(db, plan)
    db.commit()
    return out


class WithdrawRequest(WireModel):
    """`POST /plans/{id}/withdraw`."""

    reason: str = Field(default="", max_length=4000)


@router.post("/plans/{plan_id}/withdraw", response_model=PlanOut)
def withdraw(plan_id: uuid.UUID, body: WithdrawRequest, principal: CurrentUser, db: Db) -> PlanOut:
    """The proposer takes back a pending plan."""
    begin_write(db)
    plan = withdraw_plan(db, principal, plan_id, body.reason)
    out = plan_out(db, plan)
    db.commit()
    return out
