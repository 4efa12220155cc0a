"""`/compliance/policy` (the active contact policy) and `/compliance/violations`.

Every signed-in desktop reads the active policy to enforce it offline. Team leads see
the flagged attempts and notes on their team's cases, administrators all of them; publishing a
policy is for administrators.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Body, Query, Request
from sqlalchemy import func, select

from agentdesk.domain.vocabulary import Channel
from agentdesk.protocol.compliance import (
    ContactPolicyOut,
    PolicyPublished,
    RuleRef,
    ViolationOut,
    ViolationPage,
)
from agentdesk.server import note_lint
from agentdesk.server.access import visible_cases
from agentdesk.server.compliance_flags import rule_ids
from agentdesk.server.contact_policy import active_policy, publish
from agentdesk.server.db import begin_write
from agentdesk.server.deps import Admin, CurrentUser, Db, LeadOrAdmin
from agentdesk.server.errors import ApiError, request_language
from agentdesk.server.models import Case, ContactAttempt, Note, User

router = APIRouter(tags=["compliance"])


@router.get("/compliance/policy", response_model=ContactPolicyOut)
def get_policy(principal: CurrentUser, db: Db) -> ContactPolicyOut:
    """The contact policy in force, with its text for desktops to enforce offline."""
    current = active_policy(db)
    return ContactPolicyOut(
        profile=current.policy.profile,
        version=current.policy.version,
        sha256=current.sha256,
        published_at=current.published_at,
        published_by=current.published_by,
        text=current.text,
    )


@router.post("/compliance/policy", response_model=PolicyPublished, status_code=201)
def publish_policy(
    principal: Admin,
    db: Db,
    text: Annotated[str, Body(media_type="text/plain", description="the policy YAML")],
) -> PolicyPublished:
    """Publish a new contact policy (administrators); refused with line and reason."""
    begin_write(db)
    published = publish(db, text, "policy.yaml", actor=principal)
    db.commit()
    assert published.published_at is not None
    return PolicyPublished(
        profile=published.policy.profile,
        version=published.policy.version,
        sha256=published.sha256,
        published_at=published.published_at,
    )


@router.get("/compliance/violations", response_model=ViolationPage)
def list_violations(
    principal: LeadOrAdmin,
    db: Db,
    request: Request,
    since: Annotated[datetime | None, Query(description="attempts at or after (UTC)")] = None,
    until: Annotated[datetime | None, Query(description="attempts before (UTC)")] = None,
    agent_id: uuid.UUID | None = None,
    case_id: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ViolationPage:
    """Flagged contact attempts and notes on the cases the requester may see, newest first."""
    for name, value in (("since", since), ("until", until)):
        if value is not None and value.tzinfo is None:
            raise ApiError(
                422,
                "naive_time",
                f"{name} 必须带时区（例如 2026-03-02T00:00:00Z）。",
                f"{name} must carry a time zone (e.g. 2026-03-02T00:00:00Z).",
            )
    # Flagged attempts and flagged notes, merged newest first. Each source is read only
    # as deep as the requested page reaches, so paging stays cheap for a team's list.
    depth = offset + limit
    where = [ContactAttempt.flagged.is_(True), visible_cases(principal)]
    note_where = [Note.flagged.is_(True), visible_cases(principal)]
    if since is not None:
        where.append(ContactAttempt.started_at >= since)
        note_where.append(Note.created_at >= since)
    if until is not None:
        where.append(ContactAttempt.started_at < until)
        note_where.append(Note.created_at < until)
    if agent_id is not None:
        where.append(ContactAttempt.user_id == agent_id)
        note_where.append(Note.author_id == agent_id)
    if case_id is not None:
        where.append(ContactAttempt.case_id == case_id)
        note_where.append(Note.case_id == case_id)
    joined = (
        select(ContactAttempt, Case, User)
        .join(Case, Case.id == ContactAttempt.case_id)
        .join(User, User.id == ContactAttempt.user_id)
        .where(*where)
    )
    notes = (
        select(Note, Case, User)
        .join(Case, Case.id == Note.case_id)
        .join(User, User.id == Note.author_id)
        .where(*note_where)
    )
    total = (db.scalar(select(func.count()).select_from(joined.subquery())) or 0) + (
        db.scalar(select(func.count()).select_from(notes.subquery())) or 0
    )
    attempt_rows = db.execute(
        joined.order_by(ContactAttempt.started_at.desc(), ContactAttempt.id).limit(depth)
    ).all()
    note_rows = db.execute(notes.order_by(Note.created_at.desc(), Note.id).limit(depth)).all()
    policy = active_policy(db).policy
    language = request_language(request)

    def title(rule_id: str) -> str:
        rules = policy.rules_with_id(rule_id)
        return rules[0].title.in_(language) if rules else rule_id

    def phrases(text: str) -> list[str]:
        return list(dict.fromkeys(f.phrase for f in note_lint.findings(text)))

    merged = [
        ViolationOut(
            kind="contact_attempt",
            attempt_id=attempt.id,
            case_id=case.id,
            loan_ref=case.loan_ref,
            borrower_name=case.borrower_name,
            agent_id=user.id,
            agent_username=user.username,
            agent_name=user.display_name,
            channel=Channel(attempt.channel),
            result=attempt.result,
            started_at=attempt.started_at,
            rules=[RuleRef(id=r, title=title(r)) for r in rule_ids(attempt.flag_reason)],
            phrases=phrases(attempt.notes or ""),
        )
        for attempt, case, user in attempt_rows
    ] + [
        ViolationOut(
            kind="note",
            note_id=note.id,
            case_id=case.id,
            loan_ref=case.loan_ref,
            borrower_name=case.borrower_name,
            agent_id=user.id,
            agent_username=user.username,
            agent_name=user.display_name,
            started_at=note.created_at,
            rules=[RuleRef(id=r, title=title(r)) for r in rule_ids(note.flag_reason)],
            phrases=phrases(note.body),
        )
        for note, case, user in note_rows
    ]
    merged.sort(key=lambda v: (v.started_at, str(v.attempt_id or v.note_id)), reverse=True)
    items = merged[offset:depth]
    more = offset + len(items) < total
    return ViolationPage(
        items=items, total=total, next_offset=offset + len(items) if more else None
    )
