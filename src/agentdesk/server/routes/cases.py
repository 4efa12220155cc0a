"""`/cases`: the list, one case, reveals of masked data, assignment."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select

from agentdesk.domain.vocabulary import Bucket, Stage
from agentdesk.protocol.cases import (
    AssignRequest,
    CaseDetail,
    CasePage,
    CaseSummary,
    RevealRequest,
    RevealResponse,
)
from agentdesk.protocol.sync import ContactPreferenceData
from agentdesk.server import audit, case_list, case_list_pg
from agentdesk.server.access import get_visible_case
from agentdesk.server.assignment import agent_for, hand_over
from agentdesk.server.case_list import ListQuery
from agentdesk.server.contact_preferences import of_borrower, preference_data
from agentdesk.server.db import begin_write
from agentdesk.server.deps import BearerToken, CurrentUser, Db, LeadOrAdmin, read_only
from agentdesk.server.errors import ApiError, not_found
from agentdesk.server.history import case_history
from agentdesk.server.models import (
    Borrower,
    ContactPoint,
    Instalment,
    Loan,
    Payment,
    User,
)
from agentdesk.server.pg_reads import read_pool
from agentdesk.server.users import user_out
from agentdesk.server.views import (
    borrower_out,
    case_summary,
    contact_out,
    instalment_out,
    loan_out,
    payment_out,
)

router = APIRouter(tags=["cases"])


@router.get("/cases", response_model=CasePage)
async def list_cases(
    request: Request,
    token: BearerToken,
    stage: Stage | None = None,
    bucket: Bucket | None = None,
    assignee: uuid.UUID | None = None,
    q: Annotated[str | None, Query(max_length=100, description="name or loan reference")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    include_total: bool = False,
) -> Response:
    """The cases the requester may see, most days past due first, a page at a time."""
    # The token is checked by the list itself: on PostgreSQL in the same statement that
    # reads the page (one round trip, on the event loop), elsewhere just before it, in
    # one worker thread with its own session. On PostgreSQL most questions never get
    # here: `case_list_fast` answers the plain ones the same way before routing.
    query = ListQuery(stage, bucket, assignee, q, limit, cursor, include_total)
    pool = read_pool(request.app)
    if pool is not None:
        body = await case_list_pg.read_page_async(pool, token, query)
    else:
        body = await run_in_threadpool(
            case_list.read_page_in_session, request.app.state.sessions, token, query
        )
    return Response(body, media_type="application/json")


@router.get("/cases/{case_id}", response_model=CaseDetail)
@read_only
def get_case(case_id: uuid.UUID, principal: CurrentUser, db: Db) -> CaseDetail:
    """One case in full; personal data masked."""
    case = get_visible_case(db, principal, case_id)
    loan = db.get(Loan, case.loan_id)
    borrower = db.get(Borrower, case.borrower_id)
    assert loan is not None and borrower is not None
    assignee = db.get(User, case.assignee_id) if case.assignee_id else None
    schedule = db.scalars(
        select(Instalment).where(Instalment.loan_id == loan.id).order_by(Instalment.seq)
    )
    payments = db.scalars(
        select(Payment).where(Payment.loan_id == loan.id).order_by(Payment.paid_on, Payment.id)
    )
    contacts = db.scalars(
        select(ContactPoint)
        .where(ContactPoint.borrower_id == borrower.id)
        .order_by(ContactPoint.external_id)
    )
    return CaseDetail(
        case=case_summary(case, loan.currency),
        assignee=user_out(assignee) if assignee else None,
        borrower=borrower_out(borrower),
        loan=loan_out(loan),
        schedule=[instalment_out(i, loan.currency) for i in schedule],
        payments=[payment_out(p, loan.currency) for p in payments],
        contacts=[contact_out(c) for c in contacts],
        history=case_history(db, case.id),
        contact_preferences=[
            ContactPreferenceData.model_validate(preference_data(p))
            for p in of_borrower(db, borrower.id)
        ],
    )


@router.post("/cases/{case_id}/reveal", response_model=RevealResponse)
def reveal(
    case_id: uuid.UUID, body: RevealRequest, principal: CurrentUser, db: Db
) -> RevealResponse:
    """Show one masked value in full; every reveal is in the audit log."""
    begin_write(db)
    case = get_visible_case(db, principal, case_id)
    if body.field == "national_id":
        borrower = db.get(Borrower, case.borrower_id)
        assert borrower is not None
        value, entity, entity_id = borrower.national_id, "borrower", borrower.id
    else:
        if body.contact_id is None:
            raise ApiError(
                422,
                "contact_id_required",
                "揭示联系方式时须提供 contact_id。",
                "contact_id is required to reveal a contact point.",
            )
        contact = db.get(ContactPoint, body.contact_id)
        if contact is None or contact.borrower_id != case.borrower_id:
            raise not_found("联系方式", "contact point")
        value, entity, entity_id = contact.value, "contact_point", contact.id
    audit.record(
        db,
        "reveal",
        actor=principal,
        entity=entity,
        entity_id=entity_id,
        case_id=case.id,
        field=body.field,
        reason=body.reason,
    )
    db.commit()
    return RevealResponse(field=body.field, value=value)


@router.post("/cases/{case_id}/assign", response_model=CaseSummary)
def assign(case_id: uuid.UUID, body: AssignRequest, principal: LeadOrAdmin, db: Db) -> CaseSummary:
    """Give a case to an agent: a lead within the own team, an admin anywhere."""
    begin_write(db)
    case = get_visible_case(db, principal, case_id, for_update=True)
    hand_over(db, case, agent_for(db, principal, body.agent), actor=principal)
    db.commit()
    loan = db.get(Loan, case.loan_id)
    return case_summary(case, loan.currency if loan else "CNY")


