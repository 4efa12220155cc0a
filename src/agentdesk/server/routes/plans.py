"""`/plans/preview`, `/cases/{id}/plans`, `/plans`, `/plans/{id}/decision`, withdrawal."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from agentdesk.domain.authority import AuthorityPolicy
from agentdesk.domain.position import LoanPosition
from agentdesk.domain.vocabulary import PlanStatus, Role
from agentdesk.protocol.common import WireModel
from agentdesk.protocol.plans import (
    DecisionRequest,
    PlanList,
    PlanOut,
    PreviewRequest,
    PreviewResponse,
    ProposeRequest,
)
from agentdesk.server.access import visible_cases
from agentdesk.server.base import utcnow
from agentdesk.server.db import begin_write
from agentdesk.server.deps import (
    BearerToken,
    CurrentUser,
    Db,
    Principal,
    authenticate,
    authenticate_async,
    principal_of,
    read_only,
    sign_in_of,
)
from agentdesk.server.errors import not_found
from agentdesk.server.models import Case, Plan
from agentdesk.server.pg_reads import fetch_all, pg_sql, read_pool
from agentdesk.server.plan_flow import decide_plan, plan_out, propose, visible_plan, withdraw_plan
from agentdesk.server.plans import (
    PAYMENTS,
    PREVIEW_INPUTS,
    CaseInputs,
    case_inputs,
    inline_position,
    signed_inputs_of,
    signed_preview_inputs,
    terms_position,
)
from agentdesk.server.preview_answer import preview_json
from agentdesk.server.security import token_digest

router = APIRouter(tags=["plans"])

Stored = tuple[CaseInputs, LoanPosition]
_SIGNED_INPUTS_SQL = pg_sql(signed_preview_inputs())


def _policy(request: Request) -> AuthorityPolicy:
    policy: AuthorityPolicy = request.app.state.policy
    return policy


def _visible(principal: Principal, inputs: CaseInputs) -> bool:
    # access.can_see, on the case's team and assignee as read for the preview.
    if principal.role is Role.ADMIN:
        return True
    if principal.role is Role.LEAD:
        return principal.team_id is not None and inputs.team_id == principal.team_id
    return inputs.assignee_id == principal.user_id


def _stored_case(db: Session, principal: Principal, case_id: uuid.UUID, as_of: date) -> Stored:
    row = db.execute(PREVIEW_INPUTS, {"case_id": case_id}).first()
    inputs = None if row is None else case_inputs(row)
    if inputs is None or not _visible(principal, inputs):
        raise not_found("案件", "case")
    payments = db.execute(PAYMENTS, {"loan_id": inputs.loan_id, "as_of": as_of}).all()
    return inputs, terms_position(inputs.terms, payments, as_of)


def _stored_case_signed(
    sessions: sessionmaker[Session], token: str, case_id: uuid.UUID, as_of: date
) -> tuple[Principal, Stored]:
    with sessions() as db:
        principal = authenticate(db, token)
        return principal, _stored_case(db, principal, case_id, as_of)


def _authenticate_in_session(sessions: sessionmaker[Session], token: str) -> Principal:
    with sessions() as db:
        return authenticate(db, token)


async def _stored_case_async(
    pool: Any, token: str, case_id: uuid.UUID, as_of: date
) -> tuple[Principal, Stored]:
    # One round trip: the token check, the case's inputs and its payments.
    now = utcnow()
    params = {"digest": token_digest(token), "now": now, "case_id": case_id, "as_of": as_of}
    rows = await fetch_all(pool, _SIGNED_INPUTS_SQL, params)
    principal = principal_of(sign_in_of(rows[0] if rows else None), now)
    found = signed_inputs_of(rows[0])
    if found is None or not _visible(principal, found[0]):
        raise not_found("案件", "case")
    inputs, payments = found
    return principal, (inputs, terms_position(inputs.terms, payments, as_of))


async def _principal(app: FastAPI, token: str) -> Principal:
    pool = read_pool(app)
    if pool is not None:
        return await authenticate_async(pool, token)
    return await run_in_threadpool(_authenticate_in_session, app.state.sessions, token)


@router.post("/plans/preview", response_model=PreviewResponse)
async def preview(body: PreviewRequest, request: Request, token: BearerToken) -> Response:
    """Compute a plan without storing it: schedule, comparison, concessions, approver."""
    answer = await preview_answer(request.app, token, body)
    return Response(answer, media_type="application/json")


async def preview_answer(app: FastAPI, token: str, body: PreviewRequest) -> bytes:
    """The preview's JSON for `body` asked with `token` (raises the route's refusals).

    Shared by the route and by `preview_fast`, which answers plain previews before routing.
    """
    # The token is checked here: on PostgreSQL in the statement that reads the case.
    as_of = body.as_of or datetime.now(UTC).date()
    if body.case_id is not None:
        pool = read_pool(app)
        if pool is not None:
            principal, (inputs, position) = await _stored_case_async(
                pool, token, body.case_id, as_of
            )
        else:
            principal, (inputs, position) = await run_in_threadpool(
                _stored_case_signed, app.state.sessions, token, body.case_id, as_of
            )
        terms, income = inputs.terms, inputs.income
    else:
        assert body.loan is not None
        principal = await _principal(app, token)
        terms, position = inline_position(body.loan, as_of)
        loan = body.loan
        income = (
            (loan.monthly_income, loan.essential_expenses)
            if loan.monthly_income is not None and loan.essential_expenses is not None
            else None
        )
    role = body.role or principal.role
    # The engine's work (a few tenths of a millisecond) runs right here: a hop to a thread
    # and back would cost about as much as it saves. The answer is written as JSON
    # straight from the engine's figures (the same bytes as `PreviewResponse`).
    policy: AuthorityPolicy = app.state.policy
    return preview_json(terms, position, body.options, role, policy, income)


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
