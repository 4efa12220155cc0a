"""The server's tables: people, portfolio, collection work, plans and the audit trail.

Money is integer minor units (`*_minor`), rates are NUMERIC fractions (0.0490 = 4.9 %),
due dates are dates and timestamps tz-aware UTC. Enumerated columns store the values of
`agentdesk.domain.vocabulary` as plain strings.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from agentdesk.server.base import Base, Money, Syncable, UTCDateTime, utcnow


class Team(Syncable, Base):
    __tablename__ = "teams"
    name: Mapped[str] = mapped_column(String(100), unique=True, nullable=False)


class User(Syncable, Base):
    __tablename__ = "users"
    username: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    display_name: Mapped[str] = mapped_column(String(100), nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"), index=True)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    language: Mapped[str] = mapped_column(String(8), nullable=False, default="zh_CN")
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    team: Mapped[Team | None] = relationship(lazy="joined")


class DeviceSession(Base):
    """A signed-in device. Only the token's SHA-256 is kept; one live session per device."""

    __tablename__ = "device_sessions"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    device_name: Mapped[str] = mapped_column(String(100), nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined")


class LoginThrottle(Base):
    """Failed sign-ins per user name, shared by every server process through the database."""

    __tablename__ = "login_throttle"
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Borrower(Syncable, Base):
    __tablename__ = "borrowers"
    external_id: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    national_id: Mapped[str] = mapped_column(String(32), nullable=False)
    birth_date: Mapped[date | None] = mapped_column(Date)
    time_zone: Mapped[str] = mapped_column(String(64), nullable=False, default="Asia/Shanghai")
    language: Mapped[str] = mapped_column(String(8), nullable=False, default="zh_CN")
    monthly_income_minor: Mapped[int | None] = mapped_column(Money)
    monthly_expenses_minor: Mapped[int | None] = mapped_column(Money)


class ContactPoint(Syncable, Base):
    __tablename__ = "contact_points"
    external_id: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    borrower_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("borrowers.id"), nullable=False, index=True
    )
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # phone | address | email
    value: Mapped[str] = mapped_column(String(255), nullable=False)
    relation: Mapped[str] = mapped_column(String(32), nullable=False)
    contact_name: Mapped[str | None] = mapped_column(String(100))


class Loan(Syncable, Base):
    __tablename__ = "loans"
    external_id: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    borrower_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("borrowers.id"), nullable=False, index=True
    )
    product: Mapped[str] = mapped_column(String(64), nullable=False)
    principal_minor: Mapped[int] = mapped_column(Money, nullable=False)
    annual_rate: Mapped[Decimal] = mapped_column(Numeric(9, 6), nullable=False)
    term_months: Mapped[int] = mapped_column(Integer, nullable=False)
    method: Mapped[str] = mapped_column(String(32), nullable=False)
    start_date: Mapped[date] = mapped_column(Date, nullable=False)
    first_due_date: Mapped[date] = mapped_column(Date, nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False, default="CNY")

    borrower: Mapped[Borrower] = relationship(lazy="joined")


class Instalment(Base):
    """One row of a loan's contractual schedule, computed by the domain engine."""

    __tablename__ = "instalments"
    __table_args__ = (UniqueConstraint("loan_id", "seq", name="uq_instalments_loan_seq"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    loan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("loans.id"), nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    due_date: Mapped[date] = mapped_column(Date, nullable=False)
    principal_minor: Mapped[int] = mapped_column(Money, nullable=False)
    interest_minor: Mapped[int] = mapped_column(Money, nullable=False)
    total_minor: Mapped[int] = mapped_column(Money, nullable=False)


class Payment(Syncable, Base):
    __tablename__ = "payments"
    external_id: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    loan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("loans.id"), nullable=False, index=True)
    paid_on: Mapped[date] = mapped_column(Date, nullable=False)
    amount_minor: Mapped[int] = mapped_column(Money, nullable=False)
    channel: Mapped[str] = mapped_column(String(32), nullable=False, default="bank_transfer")


class Case(Syncable, Base):
    """One collection case per delinquent loan."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_assignee_dpd", "assignee_id", "dpd", "id"),
        Index("ix_cases_team_dpd", "team_id", "dpd", "id"),
        Index("ix_cases_dpd_id", "dpd", "id"),
    )
    loan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("loans.id"), unique=True, nullable=False)
    borrower_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("borrowers.id"), nullable=False, index=True
    )
    stage: Mapped[str] = mapped_column(String(16), nullable=False, default="reminder")
    dpd: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    bucket: Mapped[str] = mapped_column(String(8), nullable=False, default="current")
    overdue_minor: Mapped[int] = mapped_column(Money, nullable=False, default=0)
    outstanding_minor: Mapped[int] = mapped_column(Money, nullable=False, default=0)
    holds: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"))
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # Denormalised for the case list and its text search (kept in step on import).
    borrower_name: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    loan_ref: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The case's next action (follow-up): when, why, and when that was decided (the
    # latest decision stands; `server/follow_up.py`, migration 0004).
    next_action_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_action_reason: Mapped[str | None] = mapped_column(String(200))
    next_action_decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The case's row of the case list as JSON text, written by a PostgreSQL trigger on
    # every change (migration 0006; never set by the code). Deferred: only the list reads it.
    summary_json: Mapped[str | None] = mapped_column(Text, deferred=True)

    loan: Mapped[Loan] = relationship(lazy="raise")
    borrower: Mapped[Borrower] = relationship(lazy="raise")
    assignee: Mapped[User | None] = relationship(lazy="raise")


class ContactAttempt(Syncable, Base):
    __tablename__ = "contact_attempts"
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    contact_point_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contact_points.id"))
    channel: Mapped[str] = mapped_column(String(16), nullable=False)
    result: Mapped[str] = mapped_column(String(32), nullable=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    ended_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    mood: Mapped[str | None] = mapped_column(String(32))
    delinquency_reason: Mapped[str | None] = mapped_column(String(32))
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    script_id: Mapped[str | None] = mapped_column(String(100))
    script_version: Mapped[int | None] = mapped_column(Integer)
    transcript: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    next_follow_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set by the server when a logged attempt broke a contact rule (COMPLIANCE.md).
    flagged: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    flag_reason: Mapped[str | None] = mapped_column(Text)


class Note(Syncable, Base):
    __tablename__ = "notes"
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    # Set by the server when the text breaks the banned-conduct lint (CN-6); the note
    # is kept as written, the flag is for the team lead (migration 0003).
    flagged: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    flag_reason: Mapped[str | None] = mapped_column(Text)


class ContactPreference(Syncable, Base):
    """Something the borrower (or an employer) said about how they may be contacted.

    One row per statement: a channel opt-out (`channel`), a workplace that forbids
    contact (`contact_point_id`), or an inconvenient time (`weekdays`, `start_time`–
    `end_time` local to the borrower, optional `channels`). Clearing keeps the row and
    sets `cleared_at`, so what was in force when is never lost (migration 0003).
    """

    __tablename__ = "contact_preferences"
    borrower_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("borrowers.id"), nullable=False, index=True
    )
    kind: Mapped[str] = mapped_column(String(24), nullable=False)
    contact_point_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contact_points.id"))
    channel: Mapped[str | None] = mapped_column(String(16))
    weekdays: Mapped[list[int]] = mapped_column(JSON, nullable=False, default=list)
    start_time: Mapped[str | None] = mapped_column(String(5))  # "HH:MM", borrower-local
    end_time: Mapped[str | None] = mapped_column(String(5))
    channels: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    source: Mapped[str] = mapped_column(String(16), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    since: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the case it was recorded on
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # None: imported
    cleared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cleared_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class Promise(Syncable, Base):
    """A promise to pay: open until settled kept or broken by the payments."""

    __tablename__ = "promises"
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    amount_minor: Mapped[int] = mapped_column(Money, nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False, default="CNY")
    due_date: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    contact_attempt_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Plan(Syncable, Base):
    """A repayment-plan proposal with the server's own computed figures."""

    __tablename__ = "plans"
    __table_args__ = (Index("ix_plans_status_team", "status", "team_id"),)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)
    proposed_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), nullable=False)
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"))
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="pending")
    # The proposal as sent (restructuring options) and the agent's reasons.
    terms: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    justification: Mapped[str] = mapped_column(Text, nullable=False, default="")
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    required_role: Mapped[str] = mapped_column(String(16), nullable=False)
    monthly_instalment_minor: Mapped[int] = mapped_column(Money, nullable=False)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PlanDecision(Syncable, Base):
    __tablename__ = "plan_decisions"
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plans.id"), nullable=False, index=True)
    decided_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), nullable=False)
    decision: Mapped[str] = mapped_column(String(16), nullable=False)
    comment: Mapped[str] = mapped_column(Text, nullable=False, default="")


class AuditEntry(Base):
    """Append-only: who did what to which record, when, from which device."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow, index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    username: Mapped[str | None] = mapped_column(String(64))
    device: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(64), nullable=False)
    entity: Mapped[str | None] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
