"""`/cases`: the list, one case, reveals of masked data, assignment."""

from __future__ import annotations

import base64
import uuid
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Response
from sqlalchemy import ColumnElement, func, or_, select, tuple_

from agentdesk.domain.money import from_minor
from agentdesk.domain.vocabulary import Bucket, Role, Stage
from agentdesk.protocol.cases import (
    AssignRequest,
    CaseDetail,
    CasePage,
    CaseSummary,
    RevealRequest,
    RevealResponse,
)
from agentdesk.protocol.sync import ContactPreferenceData
from agentdesk.server import audit
from agentdesk.server.access import get_visible_case, visible_cases
from agentdesk.server.base import touch
from agentdesk.server.contact_preferences import of_borrower, preference_data
from agentdesk.server.db import begin_write
from agentdesk.server.deps import CurrentUser, Db, LeadOrAdmin, read_only
from agentdesk.server.errors import ApiError, not_found
from agentdesk.server.history import case_history
from agentdesk.server.models import (
    Borrower,
    Case,
    ContactPoint,
    Instalment,
    Loan,
    Payment,
    User,
)
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

BAD_CURSOR = ApiError(
    422,
    "invalid_cursor",
    "分页游标无效，请从第一页重新开始。",
    "The page cursor is not valid; start again from the first page.",
)


def _encode_cursor(dpd: int, case_id: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(f"{dpd}:{case_id.hex}".encode()).decode()


def _decode_cursor(cursor: str) -> tuple[int, uuid.UUID]:
    try:
        dpd, _, hex_id = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        return int(dpd), uuid.UUID(hex=hex_id)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BAD_CURSOR from exc


def _filtered(
    principal: CurrentUser,
    stage: Stage | None,
    bucket: Bucket | None,
    assignee: uuid.UUID | None,
    q: str | None,
) -> list[ColumnElement[bool]]:
    where = [visible_cases(principal), Case.closed_at.is_(None)]
    if stage is not None:
        where.append(Case.stage == stage.value)
    if bucket is not None:
        where.append(Case.bucket == bucket.value)
    if assignee is not None:
        where.append(Case.assignee_id == assignee)
    if q:
        text = q.strip()
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(
            or_(
                Case.borrower_name.like(like, escape="\\"),
                Case.loan_ref.like(like, escape="\\"),
            )
        )
    return where


# The case list is the busiest answer: it reads plain columns (no ORM objects) and
# writes the JSON itself, in the documented `CasePage` shape (orjson writes UUIDs in
# their canonical text form).
_LIST_COLUMNS = (
    Case.id,
    Case.version,
    Case.loan_ref,
    Case.borrower_name,
    Case.stage,
    Case.dpd,
    Case.bucket,
    Case.overdue_minor,
    Case.outstanding_minor,
    Loan.currency,
    Case.holds,
    Case.team_id,
    Case.assignee_id,
    Case.updated_at,
    Case.next_action_at,
    Case.next_action_reason,
)


def _row_json(row: Any) -> dict[str, Any]:
    (
        case_id,
        version,
        ref,
        name,
        stage,
        dpd,
        bucket,
        overdue,
        outstanding,
        currency,
        holds,
        team_id,
        assignee_id,
        updated_at,
        next_action_at,
        next_action_reason,
    ) = row
    return {
        "id": case_id,
        "version": version,
        "loan_ref": ref,
        "borrower_name": name,
        "stage": stage,
        "dpd": dpd,
        "bucket": bucket,
        "overdue_amount": str(from_minor(overdue, currency)),
        "outstanding_principal": str(from_minor(outstanding, currency)),
        "currency": currency,
        "holds": holds or [],
        "team_id": team_id,
        "assignee_id": assignee_id,
        "updated_at": updated_at.isoformat().replace("+00:00", "Z"),
        "next_action_due": None
        if next_action_at is None
        else next_action_at.isoformat().replace("+00:00", "Z"),
        "next_action_reason": next_action_reason or "",
    }


@router.get("/cases", response_model=CasePage)
@read_only
def list_cases(
    principal: CurrentUser,
    db: Db,
    stage: Stage | None = None,
    bucket: Bucket | None = None,
    assignee: uuid.UUID | None = None,
    q: Annotated[str | None, Query(max_length=100, description="name or loan reference")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    include_total: bool = False,
) -> Response:
    """The cases the requester may see, most days past due first, a page at a time."""
    where = _filtered(principal, stage, bucket, assignee, q)
    total = None
    if include_total:
        total = db.scalar(select(func.count()).select_from(Case).where(*where))
    if cursor:
        dpd, last_id = _decode_cursor(cursor)
        where.append(tuple_(Case.dpd, Case.id) < tuple_(dpd, last_id))
    page = (
        select(*_LIST_COLUMNS)
        .join(Loan, Loan.id == Case.loan_id)
        .where(*where)
        .order_by(Case.dpd.desc(), Case.id.desc())
        .limit(limit + 1)
    )
    rows = list(db.execute(page))
    more = len(rows) > limit
    rows = rows[:limit]
    body = {
        "items": [_row_json(r) for r in rows],
        "next_cursor": _encode_cursor(rows[-1][5], rows[-1][0]) if more else None,
        "total": total,
    }
    return Response(orjson.dumps(body), media_type="application/json")


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
    agent = find_agent(db, body.agent)
    if agent is None or (principal.role is Role.LEAD and agent.team_id != principal.team_id):
        raise ApiError(
            422,
            "no_such_agent",
            f"找不到可分配的坐席：{body.agent}。",
            f"No agent {body.agent} you can assign cases to.",
        )
    previous = case.assignee_id
    if previous != agent.id or case.team_id != agent.team_id:
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
        )
    db.commit()
    loan = db.get(Loan, case.loan_id)
    return case_summary(case, loan.currency if loan else "CNY")


def find_agent(db: Db, ref: str) -> User | None:
    """An active agent by id or user name."""
    try:
        user = db.get(User, uuid.UUID(ref))
    except ValueError:
        user = db.scalars(select(User).where(User.username == ref)).first()
    if user is None or not user.active or user.role != Role.AGENT.value:
        return None
    return user
