"""The team report's trends by day, spread of cases by bucket, and broken plans.

Attributed as the rest of the report: attempts and promises to the user who made them,
payments to the agent the case is assigned to now; days are UTC days. Grouping by day
happens here rather than in SQL so SQLite and PostgreSQL give the same days (a date of a
timestamp depends on the session's time zone on PostgreSQL).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from agentdesk.domain.money import from_minor
from agentdesk.domain.vocabulary import Bucket, CallResult, PlanStatus, PromiseStatus
from agentdesk.protocol.reports import BucketFigures, DayFigures
from agentdesk.server.models import Case, ContactAttempt, Payment, Plan, Promise

_RPC = frozenset(r.value for r in CallResult if r.is_conversation)


def _bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    start = datetime.combine(date_from, time.min, tzinfo=UTC)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=UTC)
    return start, end


def _utc_day(moment: datetime) -> date:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).date()


def daily_trend(
    db: Session, agents: Collection[uuid.UUID], date_from: date, date_to: date
) -> list[DayFigures]:
    """Each day of the period for these agents together (zeros on quiet days)."""
    days = (date_to - date_from).days + 1
    counts = {date_from + timedelta(days=n): [0, 0, 0, 0] for n in range(days)}
    if agents:
        start, end = _bounds(date_from, date_to)
        ids = list(agents)
        for started_at, result in db.execute(
            select(ContactAttempt.started_at, ContactAttempt.result).where(
                ContactAttempt.user_id.in_(ids),
                ContactAttempt.started_at >= start,
                ContactAttempt.started_at < end,
            )
        ):
            line = counts[_utc_day(started_at)]
            line[0] += 1
            line[1] += result in _RPC
        for (created_at,) in db.execute(
            select(Promise.created_at).where(
                Promise.user_id.in_(ids), Promise.created_at >= start, Promise.created_at < end
            )
        ):
            counts[_utc_day(created_at)][2] += 1
        for paid_on, amount in db.execute(
            select(Payment.paid_on, func.sum(Payment.amount_minor))
            .join(Case, Case.loan_id == Payment.loan_id)
            .where(Case.assignee_id.in_(ids), Payment.paid_on.between(date_from, date_to))
            .group_by(Payment.paid_on)
        ):
            counts[paid_on][3] += int(amount or 0)
    return [
        DayFigures(
            day=day,
            attempts=a,
            right_party_contacts=r,
            promises_made=p,
            amount_collected=from_minor(m),
        )
        for day, (a, r, p, m) in sorted(counts.items())
    ]


def bucket_spread(db: Session, team_id: uuid.UUID) -> list[BucketFigures]:
    """The team's open cases by bucket now, every bucket listed in order."""
    found = {
        bucket: (int(n), int(amount or 0))
        for bucket, n, amount in db.execute(
            select(Case.bucket, func.count(), func.sum(Case.overdue_minor))
            .where(Case.team_id == team_id, Case.closed_at.is_(None))
            .group_by(Case.bucket)
        )
    }
    return [
        BucketFigures(
            bucket=b.value,
            cases=found.get(b.value, (0, 0))[0],
            amount_overdue=from_minor(found.get(b.value, (0, 0))[1]),
        )
        for b in Bucket
    ]


def broken_plans(
    db: Session, agents: Collection[uuid.UUID], date_from: date, date_to: date
) -> dict[uuid.UUID, int]:
    """Per proposer: approved plans with a broken promise due in the period after approval."""
    if not agents:
        return {}
    approved = list(
        db.execute(
            select(Plan.id, Plan.proposed_by, Plan.case_id, Plan.decided_at).where(
                Plan.proposed_by.in_(list(agents)),
                Plan.status == PlanStatus.APPROVED.value,
                Plan.decided_at.is_not(None),
            )
        )
    )
    if not approved:
        return {}
    broken_due: dict[uuid.UUID, list[date]] = defaultdict(list)
    for case_id, due in db.execute(
        select(Promise.case_id, Promise.due_date).where(
            Promise.case_id.in_({row.case_id for row in approved}),
            Promise.status == PromiseStatus.BROKEN.value,
            Promise.due_date.between(date_from, date_to),
        )
    ):
        broken_due[case_id].append(due)
    out: dict[uuid.UUID, int] = defaultdict(int)
    for row in approved:
        approved_on = _utc_day(row.decided_at)
        if any(due >= approved_on for due in broken_due.get(row.case_id, ())):
            out[row.proposed_by] += 1
    return dict(out)
