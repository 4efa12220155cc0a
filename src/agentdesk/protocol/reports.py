"""Team report: per-agent and team figures over a date range."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

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


class TeamReport(WireModel):
    """`GET /reports/team?date_from=&date_to=`: dates inclusive, UTC days."""

    date_from: date
    date_to: date
    currency: str
    teams: list[TeamFigures]
