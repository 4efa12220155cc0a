"""The plan dialog's link to the plan engine: the case's loan in, a preview out.

The dialog collects option values; this module turns them into the wire `PlanOptions`
(what `plan.propose` carries, and the server recomputes from) and into the domain's
`RestructureOptions`, runs `restructure`, `decide` and `assess_schedule`, and returns
everything the dialog shows — or the domain error naming the field that is wrong. The
loan's position is worked out as the server does (contract schedule and payments), so
the agent sees the figures the server will compute.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from agentdesk.client.casefile import CaseFile
from agentdesk.domain.affordability import Affordability, assess_schedule
from agentdesk.domain.authority import (
    AuthorityPolicy,
    AuthorityVerdict,
    decide,
    read_authority_policy,
)
from agentdesk.domain.errors import DomainError
from agentdesk.domain.position import LoanPosition, Payment, position_on
from agentdesk.domain.restructure import (
    GraceKind,
    RestructuredPlan,
    RestructureOptions,
    StepUp,
    Waiver,
    WaiverKind,
    restructure,
)
from agentdesk.domain.schedule import LoanTerms, RepaymentMethod, build_schedule
from agentdesk.domain.vocabulary import Role
from agentdesk.protocol.plans import PlanOptions, StepUpIn, WaiverIn


@lru_cache(maxsize=1)
def shipped_authority_policy() -> AuthorityPolicy:
    """The authority policy shipped with the app (read once)."""
    return read_authority_policy()


@dataclass(frozen=True)
class LoanSituation:
    """A case's loan contract, where it stands today, and the borrower's budget."""

    terms: LoanTerms
    position: LoanPosition
    monthly_income: Decimal | None
    monthly_expenses: Decimal | None


def loan_situation(case_file: CaseFile, as_of: date) -> LoanSituation:
    """The loan of `case_file` as the engine sees it on `as_of`. Raises DomainError."""
    loan = case_file.loan
    if loan is None:
        raise LookupError("no loan")
    terms = LoanTerms(
        principal=loan.principal,
        annual_rate=loan.annual_rate,
        term_months=loan.term_months,
        first_due_date=loan.first_due_date,
        method=RepaymentMethod(loan.method),
        currency=loan.currency,
    )
    payments = [
        Payment(paid_on=p.paid_on, amount=p.amount)
        for p in case_file.payments
        if p.paid_on <= as_of
    ]
    position = position_on(build_schedule(terms), as_of, payments)
    borrower = case_file.borrower
    return LoanSituation(
        terms=terms,
        position=position,
        monthly_income=None if borrower is None else borrower.monthly_income,
        monthly_expenses=None if borrower is None else borrower.monthly_expenses,
    )


@dataclass(frozen=True)
class OptionValues:
    """What the dialog's fields hold (percents in percent, rate in percent a year)."""

    extra_months: int = 0
    grace_months: int = 0
    grace_kind: GraceKind = GraceKind.PRINCIPAL
    new_rate_percent: Decimal | None = None
    waiver_kind: WaiverKind = WaiverKind.PERCENT
    penalty_waiver: Decimal = Decimal(0)
    fee_waiver: Decimal = Decimal(0)
    down_payment: Decimal = Decimal(0)
    step_up_months: int = 0
    step_up_percent: Decimal = Decimal(0)
    first_due_date: date | None = None
    method: RepaymentMethod | None = None
    capitalise_arrears: bool = False

    def wire(self) -> PlanOptions:
        """The options as `plan.propose` carries them."""

        def waiver(value: Decimal) -> WaiverIn | None:
            return None if value == 0 else WaiverIn(kind=self.waiver_kind.value, value=value)

        return PlanOptions(
            capitalise_arrears=self.capitalise_arrears,
            extra_months=self.extra_months,
            grace_months=self.grace_months,
            grace_kind=self.grace_kind.value,
            new_annual_rate=None
            if self.new_rate_percent is None
            else (self.new_rate_percent / 100).normalize(),
            penalty_waiver=waiver(self.penalty_waiver),
            fee_waiver=waiver(self.fee_waiver),
            down_payment=self.down_payment,
            step_up=None
            if self.step_up_months == 0
            else StepUpIn(months=self.step_up_months, percent=self.step_up_percent),
            first_due_date=self.first_due_date,
            method=None if self.method is None else self.method.value,
        )


def domain_options(o: PlanOptions) -> RestructureOptions:
    """Wire options as the engine's `RestructureOptions` (the server maps them the same)."""

    def waiver(w: WaiverIn | None) -> Waiver | None:
        return None if w is None else Waiver(WaiverKind(w.kind), w.value)

    return RestructureOptions(
        capitalise_arrears=o.capitalise_arrears,
        extra_months=o.extra_months,
        grace_months=o.grace_months,
        grace_kind=GraceKind(o.grace_kind),
        new_annual_rate=o.new_annual_rate,
        penalty_waiver=waiver(o.penalty_waiver),
        fee_waiver=waiver(o.fee_waiver),
        down_payment=o.down_payment,
        step_up=None
        if o.step_up is None
        else StepUp(months=o.step_up.months, amount=o.step_up.amount, percent=o.step_up.percent),
        first_due_date=o.first_due_date,
        method=None if o.method is None else RepaymentMethod(o.method),
    )


@dataclass(frozen=True)
class PlanPreview:
    """One recomputation: the plan and its judgements, or the error that stopped it."""

    options: PlanOptions
    plan: RestructuredPlan | None = None
    verdict: AuthorityVerdict | None = None
    affordability: Affordability | None = None
    error: DomainError | None = None
    affordability_error: DomainError | None = None

    def payload_preview(self) -> dict[str, Any]:
        """What the agent saw, for the record (the server recomputes anyway)."""
        if self.plan is None:
            return {}
        c = self.plan.comparison
        return {
            "instalment_before": str(c.instalment_before),
            "instalment_after": str(c.instalment_after),
            "total_payable_after": str(c.total_payable_after),
            "term_months": len(self.plan.schedule.instalments),
            "end_date": c.end_date_after.isoformat(),
            "authority": None if self.verdict is None else self.verdict.outcome.value,
        }


def preview(
    situation: LoanSituation,
    values: OptionValues,
    role: Role,
    policy: AuthorityPolicy,
    income: Decimal | None,
    expenses: Decimal | None,
) -> PlanPreview:
    """Recompute the plan for `values` (fast: the engine takes about a millisecond)."""
    options = values.wire()
    try:
        plan = restructure(situation.position, situation.terms, domain_options(options))
    except DomainError as error:
        return PlanPreview(options=options, error=error)
    verdict = decide(plan.concessions, role, policy)
    afford: Affordability | None = None
    afford_error: DomainError | None = None
    if income is not None and expenses is not None:
        try:
            afford = assess_schedule(income, expenses, plan.schedule)
        except DomainError as error:
            afford_error = error
    return PlanPreview(
        options=options,
        plan=plan,
        verdict=verdict,
        affordability=afford,
        affordability_error=afford_error,
    )
