"""Plans: the server recomputes every proposal with the domain engine and keeps its figures.

Nothing a client says about money is trusted: a proposal carries only the options, and
the schedule, comparison, concessions and the approver the authority policy requires
are worked out here, from the loan and payments the server holds.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from agentdesk.domain.affordability import Affordability, assess_schedule
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
from agentdesk.domain.schedule import LoanTerms, RepaymentMethod, Schedule, build_schedule
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
from agentdesk.server.deps import SIGN_IN, SIGN_IN_COLUMNS
from agentdesk.server.models import Borrower, Case, Loan, Payment
from agentdesk.server.portfolio import loan_terms, stored_terms


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


# A loan's contractual schedule depends on its terms only, and a preview is asked for the
# same loan again and again while an agent tries options: keep the recent ones (frozen
# values, safe to share).
_SCHEDULES: dict[tuple[object, ...], Schedule] = {}
# Where a stored loan stands depends on its terms, its payments and the day only: the same
# again for every option an agent tries on the case.
_POSITIONS: dict[tuple[object, ...], LoanPosition] = {}
# Sizes bound the memory per worker (a 36-month schedule is ~35 KB of Decimals and
# instalments; a position ~2 KB plus the coming instalments it shares with its schedule):
# about 100 MB at worst, for an agent team's working set of cases.
_SCHEDULES_SIZE = 1024
_POSITIONS_SIZE = 4096


def terms_key(terms: LoanTerms) -> tuple[object, ...]:
    """The terms with each amount's exact text: equal Decimals written differently ("0.12",
    "0.120") could give schedules that read differently, so they are kept apart."""
    return (
        str(terms.principal),
        str(terms.annual_rate),
        terms.term_months,
        terms.first_due_date,
        terms.method,
        terms.currency,
        str(terms.monthly_fee),
    )


def _remember(
    cache: dict[tuple[object, ...], Any], key: tuple[object, ...], value: Any, size: int
) -> None:
    # Plain dict operations (atomic under the GIL: the threaded paths share these); when
    # full it starts again rather than tracking recency.
    if len(cache) >= size:
        cache.clear()
    cache[key] = value


def contract_schedule(terms: LoanTerms) -> Schedule:
    """The loan's contractual schedule (`build_schedule`), remembered per process."""
    key = terms_key(terms)
    schedule = _SCHEDULES.get(key)
    if schedule is None:
        schedule = build_schedule(terms)
        _remember(_SCHEDULES, key, schedule, _SCHEDULES_SIZE)
    return schedule


def loan_position(db: Session, loan: Loan, as_of: date) -> tuple[LoanTerms, LoanPosition]:
    """A stored loan's contract and where it stands on `as_of`, from its payments."""
    terms = loan_terms(loan)
    payments = db.execute(PAYMENTS, {"loan_id": loan.id, "as_of": as_of}).all()
    return terms, terms_position(terms, payments, as_of)


def terms_position(
    terms: LoanTerms, payments: Sequence[Sequence[Any]], as_of: date
) -> LoanPosition:
    """Where a loan with `terms` stands on `as_of`, given its (paid_on, minor) payments.

    Remembered per process: minor units are whole numbers, so the key is exact.
    """
    paid_minor = tuple((d, a) for d, a in payments)
    key = (terms_key(terms), as_of, paid_minor)
    position = _POSITIONS.get(key)
    if position is None:
        currency = terms.currency
        paid = [DomainPayment(paid_on=d, amount=from_minor(a, currency)) for d, a in paid_minor]
        position = position_on(contract_schedule(terms), as_of, paid)
        _remember(_POSITIONS, key, position, _POSITIONS_SIZE)
    return position


# What a preview of a stored case reads: who may see the case, the loan's contract and the
# borrower's income (one row), then the loan's payments up to the day. Written once; run
# through a session (SQLite) or, as SQL text, through the asyncio read pool (PostgreSQL).
PREVIEW_INPUTS = (
    select(
        Case.team_id,
        Case.assignee_id,
        Loan.id,
        Loan.principal_minor,
        Loan.annual_rate,
        Loan.term_months,
        Loan.first_due_date,
        Loan.method,
        Loan.currency,
        Borrower.monthly_income_minor,
        Borrower.monthly_expenses_minor,
    )
    .join(Loan, Loan.id == Case.loan_id)
    .outerjoin(Borrower, Borrower.id == Case.borrower_id)
    .where(Case.id == bindparam("case_id"))
)
PAYMENTS = select(Payment.paid_on, Payment.amount_minor).where(
    Payment.loan_id == bindparam("loan_id"), Payment.paid_on <= bindparam("as_of")
)


@dataclass(frozen=True)
class CaseInputs:
    """A stored case as a preview needs it."""

    team_id: uuid.UUID | None
    assignee_id: uuid.UUID | None
    loan_id: uuid.UUID
    terms: LoanTerms
    income: tuple[Decimal, Decimal] | None


def case_inputs(row: Sequence[Any]) -> CaseInputs:
    """A `PREVIEW_INPUTS` row as the preview's inputs."""
    team_id, assignee_id, loan_id, principal, rate, term, first_due, method, currency = row[:9]
    # The contract as the domain sees it, validated once per distinct row (the rate by its
    # exact digits, the rest are whole numbers, dates and names).
    key = (principal, str(rate), term, first_due, method, currency)
    terms = _TERMS.get(key)
    if terms is None:
        terms = stored_terms(principal, rate, term, first_due, method, currency)
        _remember(_TERMS, key, terms, _POSITIONS_SIZE)
    return CaseInputs(
        team_id=team_id,
        assignee_id=assignee_id,
        loan_id=loan_id,
        terms=terms,
        income=income_pair(row[9], row[10]),
    )


_TERMS: dict[tuple[object, ...], LoanTerms] = {}


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
    return terms, position_on(contract_schedule(terms), as_of, payments)


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
        afford = affordability_out(assess_schedule(income[0], income[1], plan.schedule))
    return Computed(plan, verdict, _figures(terms, position, plan, verdict, afford))


def affordability_out(a: Affordability) -> AffordabilityOut:
    """The affordability verdict on the wire, with its sentence in both languages."""
    return AffordabilityOut(
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
        # The schedule is most of the answer and comes straight from the engine (typed
        # dates, whole-cent Decimals): its rows are built without a validation pass.
        schedule=[
            PlanInstalmentOut.model_construct(
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


def signed_preview_inputs() -> Select:  # type: ignore[type-arg]
    """The token check, the case's inputs and its payments in one statement (PostgreSQL).

    The sign-in columns come first; the case's columns (`PREVIEW_INPUTS`) follow, then
    the payments up to the day as two arrays in the same order. Nothing of the case is
    read for a sign-in that is revoked, expired or of a disabled user.
    """
    me = SIGN_IN.cte("me")
    up_to_day = (Payment.loan_id == Loan.id, Payment.paid_on <= bindparam("as_of"))
    dates = select(
        func.array_agg(aggregate_order_by(Payment.paid_on, Payment.paid_on, Payment.id))
    ).where(*up_to_day)
    amounts = select(
        func.array_agg(aggregate_order_by(Payment.amount_minor, Payment.paid_on, Payment.id))
    ).where(*up_to_day)
    case = (
        PREVIEW_INPUTS.add_columns(
            dates.scalar_subquery().label("paid_on"),
            amounts.scalar_subquery().label("paid_minor"),
        )
        .subquery("case_inputs")
        .lateral()
    )
    usable = and_(me.c.revoked_at.is_(None), me.c.expires_at > bindparam("now"), me.c.active)
    return select(me, case).select_from(me.outerjoin(case, usable))


def signed_inputs_of(row: Sequence[Any]) -> tuple[CaseInputs, list[tuple[date, int]]] | None:
    """The case part of a `signed_preview_inputs` row (None: no such case)."""
    case = row[SIGN_IN_COLUMNS:]
    if case[2] is None:  # the loan id: the case does not exist
        return None
    dates, amounts = case[-2] or [], case[-1] or []
    return case_inputs(case[:-2]), list(zip(dates, amounts, strict=True))
