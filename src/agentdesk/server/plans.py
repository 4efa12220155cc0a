"""Plans: the server recomputes every proposal with the domain engine and keeps its figures.

Nothing a client says about money is trusted: a proposal carries only the options, and
the schedule, comparison, concessions and the approver the authority policy requires
are worked out here, from the loan and payments the server holds.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.affordability import assess_schedule
from agentdesk.domain.authority import AuthorityPolicy, AuthorityVerdict, decide
from agentdesk.domain.money import from_minor
from agentdesk.domain.position import LoanPosition, position_on
from agentdesk.domain.position import Payment as DomainPayment
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
from agentdesk.domain.vocabulary import Language, Role
from agentdesk.protocol.plans import (
    AffordabilityOut,
    AuthorityOut,
    ComparisonOut,
    ConcessionsOut,
    LoanIn,
    PlanInstalmentOut,
    PlanOptions,
    PlanTotals,
    PositionOut,
    PreviewResponse,
    WaiverIn,
)
from agentdesk.server.models import Borrower, Case, Loan, Payment
from agentdesk.server.portfolio import loan_terms


@dataclass(frozen=True)
class Computed:
    """A plan as the engine computed it, with its verdict and wire figures."""

    plan: RestructuredPlan
    verdict: AuthorityVerdict
    figures: PreviewResponse


def _waiver(w: WaiverIn | None) -> Waiver | None:
    return None if w is None else Waiver(WaiverKind(w.kind), w.value)


def domain_options(o: PlanOptions) -> RestructureOptions:
    """The wire options as the domain's `RestructureOptions`."""
    return RestructureOptions(
        capitalise_arrears=o.capitalise_arrears,
        extra_months=o.extra_months,
        grace_months=o.grace_months,
        grace_kind=GraceKind(o.grace_kind),
        new_annual_rate=o.new_annual_rate,
        penalty_waiver=_waiver(o.penalty_waiver),
        fee_waiver=_waiver(o.fee_waiver),
        down_payment=o.down_payment,
        step_up=None
        if o.step_up is None
        else StepUp(months=o.step_up.months, amount=o.step_up.amount, percent=o.step_up.percent),
        first_due_date=o.first_due_date,
        method=None if o.method is None else RepaymentMethod(o.method),
    )


def case_position(db: Session, case: Case, as_of: date) -> tuple[LoanTerms, LoanPosition, Loan]:
    """The stored loan's contract and where it stands on `as_of`."""
    loan = db.get(Loan, case.loan_id)
    assert loan is not None
    terms, position = loan_position(db, loan, as_of)
    return terms, position, loan


def loan_position(db: Session, loan: Loan, as_of: date) -> tuple[LoanTerms, LoanPosition]:
    """A stored loan's contract and where it stands on `as_of`, from its payments."""
    terms = loan_terms(loan)
    payments = [
        DomainPayment(paid_on=d, amount=from_minor(a, loan.currency))
        for d, a in db.execute(
            select(Payment.paid_on, Payment.amount_minor).where(
                Payment.loan_id == loan.id, Payment.paid_on <= as_of
            )
        )
    ]
    return terms, position_on(build_schedule(terms), as_of, payments)


def inline_position(loan: LoanIn, as_of: date) -> tuple[LoanTerms, LoanPosition]:
    """An inline loan's contract and position (the domain validates every figure)."""
    terms = LoanTerms(
        principal=loan.principal,
        annual_rate=loan.annual_rate,
        term_months=loan.term_months,
        first_due_date=loan.first_due_date,
        method=RepaymentMethod(loan.method),
        currency=loan.currency,
    )
    payments = [DomainPayment(paid_on=p.paid_on, amount=p.amount) for p in loan.payments]
    return terms, position_on(build_schedule(terms), as_of, payments)


def compute(
    terms: LoanTerms,
    position: LoanPosition,
    options: PlanOptions,
    role: Role,
    policy: AuthorityPolicy,
    income: tuple[Decimal, Decimal] | None,
) -> Computed:
    """Run the engine: the plan, who may approve it, and affordability."""
    plan = restructure(position, terms, domain_options(options))
    verdict = decide(plan.concessions, role, policy)
    afford = None
    if income is not None:
        a = assess_schedule(income[0], income[1], plan.schedule)
        afford = AffordabilityOut(
            monthly_income=a.monthly_income,
            essential_expenses=a.essential_expenses,
            disposable_income=a.disposable_income,
            instalment=a.instalment,
            share_percent=a.share_percent,
            max_share_percent=a.max_share_percent,
            warning=a.warning,
            message_zh=a.message(Language.ZH_CN),
            message_en=a.message(Language.EN),
        )
    return Computed(plan, verdict, _figures(terms, position, plan, verdict, afford))


def borrower_income(db: Session, case: Case) -> tuple[Decimal, Decimal] | None:
    """The borrower's stated monthly income and essential expenses, if both are known."""
    b = db.get(Borrower, case.borrower_id)
    if b is None:
        return None
    return income_pair(b.monthly_income_minor, b.monthly_expenses_minor)


def income_pair(
    income_minor: int | None, expenses_minor: int | None
) -> tuple[Decimal, Decimal] | None:
    """Monthly income and essential expenses from stored minor units, if both are known."""
    if income_minor is None or expenses_minor is None:
        return None
    return from_minor(income_minor), from_minor(expenses_minor)


def _figures(
    terms: LoanTerms,
    position: LoanPosition,
    plan: RestructuredPlan,
    verdict: AuthorityVerdict,
    afford: AffordabilityOut | None,
) -> PreviewResponse:
    c, k = plan.comparison, plan.concessions
    return PreviewResponse(
        currency=terms.currency,
        position=PositionOut(
            as_of=position.as_of,
            overdue_principal=position.overdue_principal,
            overdue_interest=position.overdue_interest,
            penalty_interest=position.penalty_interest,
            fees=position.fees,
            outstanding_principal=position.outstanding_principal,
            days_past_due=position.days_past_due,
            bucket=position.bucket,
        ),
        schedule=[
            PlanInstalmentOut(
                number=i.number,
                due_date=i.due_date,
                principal=i.principal,
                interest=i.interest,
                fees=i.fees,
                total=i.total,
                remaining_balance=i.remaining_balance,
            )
            for i in plan.schedule.instalments
        ],
        totals=PlanTotals(
            annual_rate=plan.annual_rate,
            method=plan.method.value,
            financed_principal=plan.financed_principal,
            carried_arrears=plan.carried_arrears,
            down_payment=plan.down_payment,
            waived_penalty=plan.waived_penalty,
            waived_fees=plan.waived_fees,
            total_interest=plan.schedule.total_interest,
            total_payable=plan.total_payable,
            regular_instalment=plan.regular_instalment,
            term_months=len(plan.schedule.instalments),
        ),
        comparison=ComparisonOut(
            instalment_before=c.instalment_before,
            instalment_after=c.instalment_after,
            total_payable_before=c.total_payable_before,
            total_payable_after=c.total_payable_after,
            end_date_before=c.end_date_before,
            end_date_after=c.end_date_after,
        ),
        concessions=ConcessionsOut(
            extension_months=k.extension_months,
            total_term_months=k.total_term_months,
            waived_amount=k.waived_amount,
            waived_percent=k.waived_percent,
            rate_cut=k.rate_cut,
            present_value_loss=k.present_value_loss,
            down_payment=k.down_payment,
            down_payment_percent=k.down_payment_percent,
            grace_months=k.grace_months,
        ),
        authority=authority_out(verdict),
        affordability=afford,
    )


def authority_out(verdict: AuthorityVerdict) -> AuthorityOut:
    """The verdict with its reasons in both languages."""
    return AuthorityOut(
        outcome=verdict.outcome.value,
        role=verdict.role,
        required_role=verdict.required_role,
        reasons_zh=verdict.reasons(Language.ZH_CN),
        reasons_en=verdict.reasons(Language.EN),
        summary_zh=verdict.summary(Language.ZH_CN),
        summary_en=verdict.summary(Language.EN),
    )


def stored_figures(figures: PreviewResponse) -> dict[str, Any]:
    """Figures as JSON for the plans table (decimal strings, ISO dates)."""
    return figures.model_dump(mode="json")


def new_plan_id(given: uuid.UUID | None) -> uuid.UUID:
    """The client's id for an offline-made proposal, or a fresh one."""
    return given or uuid.uuid4()
