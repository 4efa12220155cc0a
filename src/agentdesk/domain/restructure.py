"""Restructuring: a new repayment plan for a loan that has fallen behind (展期 / 个性化分期).

`restructure(position, terms, options)` takes where the loan stands, the contract and the
agent's chosen options, and returns the new schedule, how it compares with the current
one, and what the lender concedes (which drives approval, see `authority`).

How the options combine, in this order:
1. **Waivers** of penalty interest and fees, each an amount or a percent of what is owed.
2. **Down payment** paid on signing: it settles fees, penalty, overdue interest, overdue
   principal, then principal not yet due, in that order.
3. **Capitalising arrears**: if chosen, everything still owed becomes the new principal
   and bears interest. If not, the new principal is the loan's unpaid principal (overdue
   and not yet due) and the rest of the arrears (overdue interest, penalty, fees) is
   carried *without interest*, spread evenly over the regular instalments (the `fees`
   column of the new schedule).
4. **Term**: the instalments the contract still has (due on or after the position date)
   plus `extra_months`, at most `PLAN_TERM_CAP_MONTHS` (60, the legal maximum of a
   personalised instalment plan).
5. **Grace period**: the first `grace_months` instalments are interest only (grace on
   principal) or nothing at all (grace on principal and interest — no interest is charged
   for those months; the present-value loss shows what that costs).
6. **Step-up**: the next `step_up.months` instalments pay a reduced amount (given as an
   amount or a percent of the normal instalment), which must at least cover their
   interest; the rest of the term re-amortises what is left with the chosen method.
7. **New rate** (never above the contract's) and **method** (default: the contract's).
8. The first due date is chosen (default: the contract's next due date) and must lie
   between the position date and `MAX_FIRST_DUE_DELAY_MONTHS` months after it.
A restructured plan carries no monthly service fee.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from agentdesk.domain.errors import AllowedRange, InvalidPlanInput, Unit
from agentdesk.domain.money import ZERO, quantum, require_amount, round_money
from agentdesk.domain.plan_options import (
    MAX_FIRST_DUE_DELAY_MONTHS,
    PLAN_TERM_CAP_MONTHS,
    GraceKind,
    RestructureOptions,
    StepUp,
    Waiver,
    WaiverKind,
    first_due_date_for,
    plan_term,
    step_months,
    step_payment,
)
from agentdesk.domain.position import LoanPosition
from agentdesk.domain.schedule import (
    LoanTerms,
    RepaymentMethod,
    Schedule,
    add_months,
    amortisation_rows,
    level_payment,
    months_between,
    require_rate,
    schedule_from_rows,
)
from agentdesk.domain.valuation import position_value, schedule_value
from agentdesk.domain.vocabulary import Language

__all__ = [
    "MAX_FIRST_DUE_DELAY_MONTHS",
    "PLAN_TERM_CAP_MONTHS",
    "Comparison",
    "Concessions",
    "GraceKind",
    "RestructureOptions",
    "RestructuredPlan",
    "StepUp",
    "Waiver",
    "WaiverKind",
    "restructure",
]

_HUNDRED = Decimal(100)
_PERCENT = Decimal("0.01")
_TWELVE = Decimal(12)


@dataclass(frozen=True)
class Comparison:
    """The current schedule against the proposed one.

    `instalment_before` is the contract's next instalment (or, when none is left, the
    whole amount due now); `instalment_after` is the new plan's first regular instalment
    (after grace and step-up). Totals include what is due now / the down payment.
    """

    instalment_before: Decimal
    instalment_after: Decimal
    total_payable_before: Decimal
    total_payable_after: Decimal
    end_date_before: date
    end_date_after: date


@dataclass(frozen=True)
class Concessions:
    """What the plan gives away, the figures approval is decided on.

    `rate_cut` is a fraction like the rates (Decimal("0.01") is one percentage point);
    `waived_percent` and `down_payment_percent` are percents (0–100) of the penalty and
    fees owed, and of the amount due now after waivers; `present_value_loss` is the
    current position's value minus the plan's (down payment included), both discounted at
    the contract rate — negative when the plan is worth more to the lender.
    """

    extension_months: int
    total_term_months: int
    waived_amount: Decimal
    waived_percent: Decimal
    rate_cut: Decimal
    present_value_loss: Decimal
    down_payment: Decimal
    down_payment_percent: Decimal
    grace_months: int = 0


@dataclass(frozen=True)
class RestructuredPlan:
    """A proposed plan: the new schedule, its inputs as resolved, and how it compares."""

    schedule: Schedule
    as_of: date
    annual_rate: Decimal
    method: RepaymentMethod
    financed_principal: Decimal
    carried_arrears: Decimal
    down_payment: Decimal
    waived_penalty: Decimal
    waived_fees: Decimal
    comparison: Comparison
    concessions: Concessions
    options: RestructureOptions = field(default_factory=RestructureOptions)

    @property
    def total_payable(self) -> Decimal:
        """Down payment plus every instalment of the new schedule."""
        return self.down_payment + self.schedule.total_payable

    @property
    def regular_instalment(self) -> Decimal:
        """The first instalment after grace and step-up."""
        return self.comparison.instalment_after


def restructure(
    position: LoanPosition,
    terms: LoanTerms,
    options: RestructureOptions,
    as_of: date | None = None,
    *,
    term_cap: int = PLAN_TERM_CAP_MONTHS,
) -> RestructuredPlan:
    """Build the restructured plan (see the module's rules). Raises `InvalidPlanInput`."""
    if as_of is not None and as_of != position.as_of:
        raise InvalidPlanInput(
            "inconsistent", "as_of", as_of, AllowedRange(low=position.as_of, high=position.as_of)
        )
    today = position.as_of
    currency = terms.currency
    if position.total_outstanding <= 0:
        raise InvalidPlanInput(
            "nothing_owed",
            "position",
            position.total_outstanding,
            AllowedRange(ZERO, low_inclusive=False, unit=Unit.MONEY),
            texts={
                Language.ZH_CN: "该贷款已无欠款（{value}），无需制定还款方案。",
                Language.EN: "The loan owes nothing ({value}): there is nothing to restructure.",
            },
        )
    rate = terms.annual_rate if options.new_annual_rate is None else options.new_annual_rate
    require_rate(rate, "new_annual_rate", ceiling=terms.annual_rate)
    method = options.method if options.method is not None else terms.method
    if not isinstance(method, RepaymentMethod):
        raise InvalidPlanInput(
            "unknown", "method", method, ", ".join(m.value for m in RepaymentMethod)
        )
    monthly = rate / _TWELVE

    # 1. waivers
    waived_penalty = _waived(options.penalty_waiver, position.penalty_interest, "penalty_waiver",
                             currency)
    waived_fees = _waived(options.fee_waiver, position.fees, "fee_waiver", currency)
    owed = [  # in the order a down payment settles them
        position.fees - waived_fees,
        position.penalty_interest - waived_penalty,
        position.overdue_interest,
        position.overdue_principal,
        position.outstanding_principal,
    ]
    total_debt = sum(owed, ZERO)

    # 2. down payment
    down = options.down_payment
    require_amount(down, "down_payment", currency, allow_zero=True, error=InvalidPlanInput)
    if down >= total_debt:
        raise InvalidPlanInput(
            "out_of_range",
            "down_payment",
            down,
            AllowedRange(ZERO, total_debt, high_inclusive=False, unit=Unit.MONEY),
        )
    left = down
    for k, part in enumerate(owed):
        paid = min(left, part)
        owed[k] -= paid
        left -= paid
    fees_left, penalty_left, interest_left, overdue_left, outstanding_left = owed

    # 3. capitalise or carry
    if options.capitalise_arrears:
        financed, carried = total_debt - down, ZERO
    else:
        financed = overdue_left + outstanding_left
        carried = fees_left + penalty_left + interest_left

    # 4-6. term, grace, step-up
    remaining = len(position.upcoming)
    term = plan_term(options.extra_months, remaining, term_cap)
    grace = options.grace_months
    if isinstance(grace, bool) or not isinstance(grace, int) or not 0 <= grace <= term - 1:
        raise InvalidPlanInput(
            "out_of_range",
            "grace_months",
            grace,
            AllowedRange(low=0, high=term - 1, unit=Unit.MONTHS),
        )
    if not isinstance(options.grace_kind, GraceKind):
        raise InvalidPlanInput(
            "unknown", "grace_kind", options.grace_kind, ", ".join(g.value for g in GraceKind)
        )
    amortising = term - grace
    first_due = first_due_date_for(options.first_due_date, position, terms)

    rows: list[tuple[Decimal, Decimal]] = []
    grace_interest = (
        round_money(financed * monthly, currency)
        if options.grace_kind is GraceKind.PRINCIPAL
        else ZERO
    )
    rows.extend([(ZERO, grace_interest)] * grace)
    stepped = 0
    balance = financed
    if options.step_up is not None:
        step = options.step_up
        stepped = step_months(step.months, amortising, method)
        normal = _normal_instalment(financed, monthly, amortising, method, currency)
        payment = step_payment(step, normal, financed * monthly, currency)
        # An equal-principal instalment falls as interest falls, so a fixed reduced payment
        # would later repay *more* principal than a regular month and could overpay the
        # loan: a step-up month never repays more than the regular principal share.
        share = normal - round_money(financed * monthly, currency)
        unit = quantum(currency)
        for _ in range(stepped):
            interest = (balance * monthly).quantize(unit, ROUND_HALF_UP)  # round_money
            part = payment - interest
            if method is RepaymentMethod.EQUAL_PRINCIPAL:
                part = min(part, share)
            rows.append((part, interest))
            balance -= part
    regular = amortising - stepped
    rows.extend(amortisation_rows(balance, monthly, regular, method, currency))
    fees = [ZERO] * (grace + stepped) + _spread(carried, regular, currency)
    schedule = schedule_from_rows(rows, first_due, financed, currency, fees=fees, fees_owed=True)

    # comparison and concessions
    upcoming = position.upcoming
    end_before = add_months(terms.first_due_date, terms.term_months - 1)
    upcoming_interest_fees = sum((u.interest + u.fees for u in upcoming), ZERO)
    comparison = Comparison(
        instalment_before=upcoming[0].total if upcoming else position.total_due,
        instalment_after=schedule.instalments[grace + stepped].total,
        total_payable_before=position.total_outstanding + upcoming_interest_fees,
        total_payable_after=down + schedule.total_payable,
        end_date_before=end_before,
        end_date_after=schedule.end_date,
    )
    waivable = position.penalty_interest + position.fees
    waived = waived_penalty + waived_fees
    due_after_waivers = position.total_due - waived
    concessions = Concessions(
        extension_months=months_between(end_before, schedule.end_date),
        total_term_months=term,
        waived_amount=waived,
        waived_percent=_percent_of(waived, waivable) if waivable else ZERO,
        rate_cut=terms.annual_rate - rate,
        present_value_loss=round_money(
            position_value(position, terms.monthly_rate)
            - schedule_value(schedule, today, terms.monthly_rate, paid_now=down),
            currency,
        ),
        down_payment=down,
        down_payment_percent=(
            _percent_of(min(down, due_after_waivers), due_after_waivers)
            if due_after_waivers
            else _HUNDRED
        ),
        grace_months=grace,
    )
    return RestructuredPlan(
        schedule=schedule,
        as_of=today,
        annual_rate=rate,
        method=method,
        financed_principal=financed,
        carried_arrears=carried,
        down_payment=down,
        waived_penalty=waived_penalty,
        waived_fees=waived_fees,
        comparison=comparison,
        concessions=concessions,
        options=options,
    )


def _waived(waiver: Waiver | None, owed: Decimal, name: str, currency: str) -> Decimal:
    return ZERO if waiver is None else waiver.applied_to(owed, name, currency)


def _percent_of(part: Decimal, whole: Decimal) -> Decimal:
    return (part * _HUNDRED / whole).quantize(_PERCENT)


def _normal_instalment(
    principal: Decimal, monthly: Decimal, periods: int, method: RepaymentMethod, currency: str
) -> Decimal:
    """Principal + interest of the first instalment amortising `principal` with no step-up."""
    interest = round_money(principal * monthly, currency)
    if method is RepaymentMethod.ANNUITY:
        return level_payment(principal, monthly, periods, currency) if periods > 1 else (
            principal + interest
        )
    if method is RepaymentMethod.EQUAL_PRINCIPAL:
        # The first instalment carries the rounded-up share (see amortisation_rows).
        unit = quantum(currency)
        return unit * -(-int(principal / unit) // periods) + interest
    return interest if periods > 1 else principal + interest


def _spread(amount: Decimal, months: int, currency: str) -> list[Decimal]:
    """`amount` in `months` near-equal parts, earlier parts one minor unit larger if needed."""
    unit = quantum(currency)
    base, extra = divmod(int(amount / unit), months)
    return [(base + (1 if k < extra else 0)) * unit for k in range(months)]
