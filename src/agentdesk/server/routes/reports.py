"""`/reports/team`: per-agent and team figures over a date range (leads and admins).

Attribution: attempts, promises and plans count for the user who made them; payments
count for the agent the case is assigned to now.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import func, select

from agentdesk.domain.money import from_minor
from agentdesk.domain.vocabulary import CallResult, PromiseStatus, Role
from agentdesk.protocol.reports import AgentFigures, Figures, TeamFigures, TeamReport
from agentdesk.server.deps import Db, LeadOrAdmin, read_only
from agentdesk.server.errors import ApiError
from agentdesk.server.models import Case, ContactAttempt, Payment, Plan, Promise, Team, User
from agentdesk.server.report_trends import broken_plans, bucket_spread, daily_trend

router = APIRouter(tags=["reports"])

_RPC = [r.value for r in CallResult if r.is_conversation]
_KEYS = (
    "attempts",
    "right_party_contacts",
    "promises_made",
    "promises_kept",
    "promises_broken",
    "plans_proposed",
    "plans_approved",
    "amount_collected",
    "plans_broken",
)


def _figures(c: dict[str, int]) -> Figures:
    settled = c["promises_kept"] + c["promises_broken"]
    rate = (
        None
        if settled == 0
        else (Decimal(c["promises_kept"]) / settled).quantize(Decimal("0.0001"))
    )
    return Figures(
        attempts=c["attempts"],
        right_party_contacts=c["right_party_contacts"],
        promises_made=c["promises_made"],
        promises_kept=c["promises_kept"],
        promises_broken=c["promises_broken"],
        promises_kept_rate=rate,
        plans_proposed=c["plans_proposed"],
        plans_approved=c["plans_approved"],
        amount_collected=from_minor(c["amount_collected"]),
        plans_broken=c["plans_broken"],
    )


def _add(counts: dict[uuid.UUID, dict[str, int]], key: str, rows: Any) -> None:
    for user_id, n in rows:
        if user_id is not None:
            counts[user_id][key] += int(n or 0)


@router.get("/reports/team", response_model=TeamReport)
@read_only
def team_report(
    principal: LeadOrAdmin,
    db: Db,
    date_from: Annotated[date | None, Query(description="first day (default: 30 days ago)")] = None,
    date_to: Annotated[
        date | None, Query(description="last day, inclusive (default: today)")
    ] = None,
    team_id: uuid.UUID | None = None,
) -> TeamReport:
    """Attempts, right-party contacts, promises (made, kept rate), plans, money collected;
    per team also each day's activity and the open cases by bucket."""
    today = datetime.now(UTC).date()
    date_to = date_to or today
    date_from = date_from or date_to - timedelta(days=29)
    if date_from > date_to or (date_to - date_from).days > 366:
        raise ApiError(
            422,
            "invalid_period",
            "日期范围无效：起始日须不晚于结束日，且跨度不超过 366 天。",
            "Invalid period: date_from must not be after date_to, and at most 366 days apart.",
        )
    if principal.role is Role.LEAD:
        if team_id is not None and team_id != principal.team_id:
            raise ApiError(404, "not_found", "找不到该团队。", "No such team.")
        team_id = principal.team_id
    teams_q = select(Team).order_by(Team.name)
    if team_id is not None:
        teams_q = teams_q.where(Team.id == team_id)
    teams = list(db.scalars(teams_q))
    if team_id is not None and not teams:
        raise ApiError(404, "not_found", "找不到该团队。", "No such team.")
    start = datetime.combine(date_from, time.min, tzinfo=UTC)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=UTC)
    counts: dict[uuid.UUID, dict[str, int]] = defaultdict(lambda: dict.fromkeys(_KEYS, 0))
    in_period = (ContactAttempt.started_at >= start) & (ContactAttempt.started_at < end)
    _add(
        counts,
        "attempts",
        db.execute(
            select(ContactAttempt.user_id, func.count())
            .where(in_period)
            .group_by(ContactAttempt.user_id)
        ),
    )
    _add(
        counts,
        "right_party_contacts",
        db.execute(
            select(ContactAttempt.user_id, func.count())
            .where(in_period, ContactAttempt.result.in_(_RPC))
            .group_by(ContactAttempt.user_id)
        ),
    )
    _add(
        counts,
        "promises_made",
        db.execute(
            select(Promise.user_id, func.count())
            .where(Promise.created_at >= start, Promise.created_at < end)
            .group_by(Promise.user_id)
        ),
    )
    for status, key in (
        (PromiseStatus.KEPT, "promises_kept"),
        (PromiseStatus.BROKEN, "promises_broken"),
    ):
        _add(
            counts,
            key,
            db.execute(
                select(Promise.user_id, func.count())
                .where(Promise.due_date.between(date_from, date_to), Promise.status == status.value)
                .group_by(Promise.user_id)
            ),
        )
    proposed = (Plan.created_at >= start, Plan.created_at < end)
    _add(
        counts,
        "plans_proposed",
        db.execute(
            select(Plan.proposed_by, func.count()).where(*proposed).group_by(Plan.proposed_by)
        ),
    )
    _add(
        counts,
        "plans_approved",
        db.execute(
            select(Plan.proposed_by, func.count())
            .where(*proposed, Plan.status == "approved")
            .group_by(Plan.proposed_by)
        ),
    )
    _add(
        counts,
        "amount_collected",
        db.execute(
            select(Case.assignee_id, func.sum(Payment.amount_minor))
            .join(Case, Case.loan_id == Payment.loan_id)
            .where(Payment.paid_on.between(date_from, date_to))
            .group_by(Case.assignee_id)
        ),
    )
    team_agents = set(
        db.scalars(
            select(User.id).where(
                User.team_id.in_([t.id for t in teams]), User.role == Role.AGENT.value
            )
        )
    )
    _add(counts, "plans_broken", broken_plans(db, team_agents, date_from, date_to).items())
    out = []
    for team in teams:
        members = db.scalars(
            select(User)
            .where(User.team_id == team.id, User.role == Role.AGENT.value)
            .order_by(User.username)
        )
        agents = []
        total = dict.fromkeys(_KEYS, 0)
        for user in members:
            c = counts[user.id]
            for k in _KEYS:
                total[k] += c[k]
            agents.append(
                AgentFigures(
                    user_id=user.id,
                    username=user.username,
                    display_name=user.display_name,
                    figures=_figures(c),
                )
            )
        out.append(
            TeamFigures(
                team_id=team.id,
                team_name=team.name,
                agents=agents,
                total=_figures(total),
                trend=daily_trend(db, [a.user_id for a in agents], date_from, date_to),
                buckets=bucket_spread(db, team.id),
            )
        )
    return TeamReport(date_from=date_from, date_to=date_to, currency="CNY", teams=out)
