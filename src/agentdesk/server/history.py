"""A case's timeline: attempts, notes, promises, plans and decisions, newest first."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.money import from_minor
from agentdesk.protocol.cases import HistoryItem
from agentdesk.server.models import ContactAttempt, Note, Plan, PlanDecision, Promise


def case_history(db: Session, case_id: uuid.UUID) -> list[HistoryItem]:
    """Everything that happened on the case, newest first."""
    items: list[HistoryItem] = []
    for a in db.scalars(select(ContactAttempt).where(ContactAttempt.case_id == case_id)):
        items.append(
            HistoryItem(
                id=a.id,
                kind="attempt",
                at=a.started_at,
                user_id=a.user_id,
                summary={
                    "channel": a.channel,
                    "result": a.result,
                    "delinquency_reason": a.delinquency_reason,
                    "notes": a.notes,
                    "mood": a.mood,
                    "flagged": a.flagged,
                },
            )
        )
    for n in db.scalars(select(Note).where(Note.case_id == case_id)):
        items.append(
            HistoryItem(
                id=n.id, kind="note", at=n.created_at, user_id=n.author_id, summary={"body": n.body}
            )
        )
    for p in db.scalars(select(Promise).where(Promise.case_id == case_id)):
        items.append(
            HistoryItem(
                id=p.id,
                kind="promise",
                at=p.created_at,
                user_id=p.user_id,
                summary={
                    "amount": str(from_minor(p.amount_minor, p.currency)),
                    "due_date": p.due_date.isoformat(),
                    "status": p.status,
                },
            )
        )
    plans = list(db.scalars(select(Plan).where(Plan.case_id == case_id)))
    for plan in plans:
        items.append(
            HistoryItem(
                id=plan.id,
                kind="plan",
                at=plan.created_at,
                user_id=plan.proposed_by,
                summary={
                    "status": plan.status,
                    "required_role": plan.required_role,
                    "monthly_instalment": str(from_minor(plan.monthly_instalment_minor)),
                },
            )
        )
    if plans:
        decisions = db.scalars(
            select(PlanDecision).where(PlanDecision.plan_id.in_([p.id for p in plans]))
        )
        for d in decisions:
            items.append(
                HistoryItem(
                    id=d.id,
                    kind="decision",
                    at=d.created_at,
                    user_id=d.decided_by,
                    summary={
                        "plan_id": str(d.plan_id),
                        "decision": d.decision,
                        "comment": d.comment,
                    },
                )
            )
    items.sort(key=lambda i: (i.at, str(i.id)), reverse=True)
    return items
