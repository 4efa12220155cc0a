"""Team report: per-agent and team figures over a date range."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from pydantic import Field

from agentdesk.protocol.common import WireModel


class Figures(WireModel):
    """What one agent (or a whole team) did in the period."""

    attempts: int
    right_party_contacts: int
    promises_made: int
    promises_kept: int
    promises_broken: int
    promises_kept_rate: Decimal | None
    plans_proposed: int
    plans_approved: int
    amount_collected: Decimal
    plans_broken: int = 0
    """Approved plans with a promise on their case, due after the approval and in the
    period, that was broken."""


class DayFigures(WireModel):
    """One UTC day of a team's activity (attributed as the figures are)."""

    day: date
    attempts: int
    right_party_contacts: int
    promises_made: int
    amount_collected: Decimal


class BucketFigures(WireModel):
    """The team's open cases in one delinquency bucket, now (not over the period)."""

    bucket: str
    cases: int
    amount_overdue: Decimal


class AgentFigures(WireModel):
    """One agent's line."""

    user_id: uuid.UUID
    username: str
    display_name: str
    figures: Figures


class TeamFigures(WireModel):
    """One team: its agents and its total."""

    team_id: uuid.UUID
    team_name: str
    agents: list[AgentFigures]
    total: Figures
    trend: list[DayFigures] = Field(default_factory=list)
    """Every day of the period, oldest first (days with nothing show zeros)."""
    buckets: list[BucketFigures] = Field(default_factory=list)
    """Open cases by bucket, in bucket order."""


class TeamReport(WireModel):
    """`GET /reports/team?date_from=&date_to=`: dates inclusive, UTC days."""

    date_from: date
    date_to: date
    currency: str
    teams: list[TeamFigures]
