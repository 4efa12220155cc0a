"""Cases: the list, one case in full, reveals and assignment."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import Field

from agentdesk.domain.vocabulary import Bucket, ContactRelation, Hold, Stage
from agentdesk.protocol.auth import UserOut
from agentdesk.protocol.common import WireModel
from agentdesk.protocol.sync import ContactPreferenceData


class CaseSummary(WireModel):
    """One row of the case list."""

    id: uuid.UUID
    version: int
    loan_ref: str
    borrower_name: str
    stage: Stage
    dpd: int
    bucket: Bucket
    overdue_amount: Decimal
    outstanding_principal: Decimal
    currency: str
    holds: list[Hold]
    team_id: uuid.UUID | None
    assignee_id: uuid.UUID | None
    updated_at: datetime
    next_action_due: datetime | None = None
    """When the case should be worked next (its follow-up), if set."""
    next_action_reason: str = ""


class CasePage(WireModel):
    """A page of cases; pass `next_cursor` back as `cursor` for the next page."""

    items: list[CaseSummary]
    next_cursor: str | None
    total: int | None = None


class BorrowerOut(WireModel):
    """The borrower, with the national ID masked."""

    id: uuid.UUID
    external_id: str
    name: str
    national_id_masked: str
    birth_date: date | None
    time_zone: str
    language: str
    monthly_income: Decimal | None
    monthly_expenses: Decimal | None


class ContactOut(WireModel):
    """A phone, address or e-mail, masked; reveal it with `POST /cases/{id}/reveal`."""

    id: uuid.UUID
    kind: Literal["phone", "address", "email"]
    value_masked: str
    relation: ContactRelation
    contact_name: str | None


class InstalmentOut(WireModel):
    """One row of the loan's contractual schedule."""

    seq: int
    due_date: date
    principal: Decimal
    interest: Decimal
    total: Decimal


class LoanOut(WireModel):
    """The loan behind the case."""

    id: uuid.UUID
    external_id: str
    product: str
    principal: Decimal
    annual_rate: Decimal
    term_months: int
    method: str
    start_date: date
    first_due_date: date
    currency: str


class PaymentOut(WireModel):
    """A payment received."""

    id: uuid.UUID
    paid_on: date
    amount: Decimal
    channel: str


class HistoryItem(WireModel):
    """One event on the case's timeline (attempt, note, promise, plan, decision)."""

    id: uuid.UUID
    kind: Literal["attempt", "note", "promise", "plan", "decision"]
    at: datetime
    user_id: uuid.UUID | None
    summary: dict[str, str | int | bool | None]


class CaseDetail(WireModel):
    """One case in full (`GET /cases/{id}`)."""

    case: CaseSummary
    assignee: UserOut | None
    borrower: BorrowerOut
    loan: LoanOut
    schedule: list[InstalmentOut]
    payments: list[PaymentOut]
    contacts: list[ContactOut]
    history: list[HistoryItem]
    contact_preferences: list[ContactPreferenceData] = Field(default_factory=list)
    """What the borrower said about contact (opt-outs, workplaces, inconvenient times),
    oldest first; cleared ones carry `cleared_at`."""


class RevealRequest(WireModel):
    """Which masked value to show: the national ID, or one contact point's value."""

    field: Literal["national_id", "contact"]
    contact_id: uuid.UUID | None = None
    reason: str = Field(default="", max_length=500)


class RevealResponse(WireModel):
    """The unmasked value (the reveal is in the audit log)."""

    field: str
    value: str


class AssignRequest(WireModel):
    """`POST /cases/{id}/assign`: the agent by id or user name."""

    agent: str = Field(min_length=1, max_length=64)
