"""Repayment-plan preview, proposals and decisions on the wire.

Amounts are decimal strings; the option names are those of the domain's
`RestructureOptions`, and every range is checked by the domain engine (a refusal names
the field and the allowed range).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from agentdesk.domain.vocabulary import Bucket, PlanStatus, Role
from agentdesk.protocol.common import WireModel


class WaiverIn(WireModel):
    """Forgive an amount, or a percent (0–100) of what is owed."""

    kind: Literal["amount", "percent"]
    value: Decimal


class StepUpIn(WireModel):
    """Reduced instalments for the first `months`: give `amount` or `percent`."""

    months: int
    amount: Decimal | None = None
    percent: Decimal | None = None


class PlanOptions(WireModel):
    """What the agent chooses for a restructured plan (all optional)."""

    capitalise_arrears: bool = False
    extra_months: int = 0
    grace_months: int = 0
    grace_kind: Literal["principal", "principal_and_interest"] = "principal"
    new_annual_rate: Decimal | None = None
    penalty_waiver: WaiverIn | None = None
    fee_waiver: WaiverIn | None = None
    down_payment: Decimal = Decimal(0)
    step_up: StepUpIn | None = None
    first_due_date: date | None = None
    method: Literal["annuity", "equal_principal", "interest_only"] | None = None


class PaymentIn(WireModel):
    """A payment already made on an inline loan."""

    paid_on: date
    amount: Decimal


class LoanIn(WireModel):
    """A loan given inline (for previews not tied to a stored case)."""

    principal: Decimal
    annual_rate: Decimal
    term_months: int
    first_due_date: date
    method: Literal["annuity", "equal_principal", "interest_only"] = "annuity"
    currency: str = "CNY"
    payments: list[PaymentIn] = Field(default_factory=list)
    monthly_income: Decimal | None = None
    essential_expenses: Decimal | None = None


class PreviewRequest(WireModel):
    """`POST /plans/preview`: a stored case (`case_id`) or an inline `loan`, and options.

    `as_of` is the position date (default: today, UTC). `role` asks whose authority to
    judge against (default: the requester's).
    """

    case_id: uuid.UUID | None = None
    loan: LoanIn | None = None
    as_of: date | None = None
    role: Role | None = None
    options: PlanOptions = Field(default_factory=PlanOptions)

    @model_validator(mode="after")
    def _one_source(self) -> PreviewRequest:
        if (self.case_id is None) == (self.loan is None):
            raise ValueError("give exactly one of case_id or loan")
        return self


class PositionOut(WireModel):
    """Where the loan stands on the position date."""

    as_of: date
    overdue_principal: Decimal
    overdue_interest: Decimal
    penalty_interest: Decimal
    fees: Decimal
    outstanding_principal: Decimal
    days_past_due: int
    bucket: Bucket


class PlanInstalmentOut(WireModel):
    """One instalment of the new schedule."""

    number: int
    due_date: date
    principal: Decimal
    interest: Decimal
    fees: Decimal
    total: Decimal
    remaining_balance: Decimal


class PlanTotals(WireModel):
    """The plan's totals."""

    annual_rate: Decimal
    method: str
    financed_principal: Decimal
    carried_arrears: Decimal
    down_payment: Decimal
    waived_penalty: Decimal
    waived_fees: Decimal
    total_interest: Decimal
    total_payable: Decimal
    regular_instalment: Decimal
    term_months: int


class ComparisonOut(WireModel):
    """The plan against the current schedule."""

    instalment_before: Decimal
    instalment_after: Decimal
    total_payable_before: Decimal
    total_payable_after: Decimal
    end_date_before: date
    end_date_after: date


class ConcessionsOut(WireModel):
    """What the plan gives away (drives approval)."""

    extension_months: int
    total_term_months: int
    waived_amount: Decimal
    waived_percent: Decimal
    rate_cut: Decimal
    present_value_loss: Decimal
    down_payment: Decimal
    down_payment_percent: Decimal
    grace_months: int


class AuthorityOut(WireModel):
    """Who may agree to the plan, and why (in both languages)."""

    outcome: Literal["within_authority", "needs_lead", "needs_admin", "not_allowed"]
    role: Role
    required_role: Role | None
    reasons_zh: list[str]
    reasons_en: list[str]
    summary_zh: str
    summary_en: str


class AffordabilityOut(WireModel):
    """The largest instalment against the borrower's disposable income."""

    monthly_income: Decimal
    essential_expenses: Decimal
    disposable_income: Decimal
    instalment: Decimal
    share_percent: Decimal | None
    max_share_percent: Decimal
    warning: bool
    message_zh: str
    message_en: str


class PreviewResponse(WireModel):
    """The server's own figures for a proposal."""

    currency: str
    position: PositionOut
    schedule: list[PlanInstalmentOut]
    totals: PlanTotals
    comparison: ComparisonOut
    concessions: ConcessionsOut
    authority: AuthorityOut
    affordability: AffordabilityOut | None


class ProposeRequest(WireModel):
    """`POST /cases/{id}/plans`: a proposal (the id may be made by the client, offline)."""

    id: uuid.UUID | None = None
    options: PlanOptions = Field(default_factory=PlanOptions)
    justification: str = Field(default="", max_length=4000)


class DecisionOut(WireModel):
    """One decision on a plan."""

    id: uuid.UUID
    decided_by: uuid.UUID
    decision: Literal["approve", "reject", "return"]
    comment: str
    at: datetime


class PlanOut(WireModel):
    """A plan with the server's figures and its decisions."""

    id: uuid.UUID
    version: int
    case_id: uuid.UUID
    team_id: uuid.UUID | None
    proposed_by: uuid.UUID
    status: PlanStatus
    required_role: Role | None
    options: PlanOptions
    justification: str
    figures: PreviewResponse
    created_at: datetime
    decided_at: datetime | None
    decisions: list[DecisionOut]


class PlanList(WireModel):
    """`GET /plans`."""

    items: list[PlanOut]


class DecisionRequest(WireModel):
    """`POST /plans/{id}/decision`."""

    decision: Literal["approve", "reject", "return"]
    comment: str = Field(default="", max_length=4000)
    id: uuid.UUID | None = None
