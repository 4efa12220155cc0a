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
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum

from agentdesk.domain.errors import AllowedRange, InvalidPlanInput, Unit
from agentdesk.domain.money import ZERO, quantum, require_amount, round_money
from agentdesk.domain.position import LoanPosition
from agentdesk.domain.schedule import (
    LoanTerms,
    RepaymentMethod,
    Schedule,
    add_months,
    amortisation_rows,
    annuity_payment,
    months_between,
    require_rate,
    schedule_from_rows,
)
from agentdesk.domain.vocabulary import Language

# The legal maximum length of a personalised instalment plan (个性化分期): five years.
PLAN_TERM_CAP_MONTHS = 60
# A first due date further out would be an unpriced grace period; use grace_months instead.
MAX_FIRST_DUE_DELAY_MONTHS = 3

_HUNDRED = Decimal(100)
_PERCENT = Decimal("0.01")
_TWELVE = Decimal(12)
# The stub before the first whole month is discounted by simple interest over 30-day months.
_DAYS_PER_MONTH = Decimal(30)


class WaiverKind(StrEnum):
    """Whether a waiver is a sum of money or a percent of what is owed."""

    AMOUNT = "amount"
    PERCENT = "percent"


@dataclass(frozen=True)
class Waiver:
    """Part of the penalty interest or fees forgiven (减免)."""

    kind: WaiverKind
    value: Decimal

    @classmethod
    def amount(cls, value: Decimal) -> Waiver:
        """Forgive this sum."""
        return cls(WaiverKind.AMOUNT, value)

    @classmethod
    def percent(cls, value: Decimal) -> Waiver:
        """Forgive this percent (0–100) of what is owed."""
        return cls(WaiverKind.PERCENT, value)

    def applied_to(self, owed: Decimal, field_name: str, currency: str) -> Decimal:
        """The sum forgiven out of `owed`; refuses more than owed or more than 100 %."""
        if self.kind is WaiverKind.PERCENT:
            name = f"{field_name}.percent"
            if not _is_number(self.value) or not 0 <= self.value <= _HUNDRED:
                raise InvalidPlanInput(
                    "out_of_range",
                    name,
                    self.value,
                    AllowedRange(low=ZERO, high=_HUNDRED, unit=Unit.PERCENT),
                )
            return round_money(owed * self.value / _HUNDRED, currency)
        name = f"{field_name}.amount"
        require_amount(self.value, name, currency, allow_zero=True, error=InvalidPlanInput)
        if self.value > owed:
            raise InvalidPlanInput(
                "out_of_range", name, self.value, AllowedRange(ZERO, owed, unit=Unit.MONEY)
            )
        return self.value


class GraceKind(StrEnum):
    """What a grace period suspends."""

    PRINCIPAL = "principal"  # interest only during the grace months
    PRINCIPAL_AND_INTEREST = "principal_and_interest"  # nothing due, no interest charged


@dataclass(frozen=True)
class StepUp:
    """Reduced instalments for the first `months` regular months (after any grace).

    Give exactly one of `amount` (principal + interest per month) or `percent` of the
    normal instalment (strictly between 0 and 100).
    """

    months: int
    amount: Decimal | None = None
    percent: Decimal | None = None


@dataclass(frozen=True)
class RestructureOptions:
    """Everything an agent can choose for a restructured plan (all optional)."""

    capitalise_arrears: bool = False
    extra_months: int = 0
    grace_months: int = 0
    grace_kind: GraceKind = GraceKind.PRINCIPAL
    new_annual_rate: Decimal | None = None
    penalty_waiver: Waiver | None = None
    fee_waiver: Waiver | None = None
    down_payment: Decimal = ZERO
    step_up: StepUp | None = None
    first_due_date: date | None = None
    method: RepaymentMethod | None = None


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
    term = _plan_term(options.extra_months, remaining, term_cap)
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
    first_due = _first_due_date(options.first_due_date, position, terms)

    rows: list[tuple[Decimal, Decimal]] = []
    grace_interest = (
        round_money(financed * monthly, currency)
        if options.grace_kind is GraceKind.PRINCIPAL
        else ZERO
    )
    rows.extend([(ZERO, grace_interest)] * grace)
    normal = _normal_instalment(financed, monthly, amortising, method, currency)
    stepped = 0
    balance = financed
    if options.step_up is not None:
        step = options.step_up
        stepped = _step_months(step.months, amortising, method)
        payment = _step_payment(step, normal, financed * monthly, currency)
        for _ in range(stepped):
            interest = round_money(balance * monthly, currency)
            part = payment - interest
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
            _value_now(position, terms, today) - _plan_value(down, schedule, terms, today),
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


def _is_number(value: object) -> bool:
    return isinstance(value, Decimal) and value.is_finite()


def _waived(waiver: Waiver | None, owed: Decimal, name: str, currency: str) -> Decimal:
    return ZERO if waiver is None else waiver.applied_to(owed, name, currency)


def _percent_of(part: Decimal, whole: Decimal) -> Decimal:
    return (part * _HUNDRED / whole).quantize(_PERCENT)


def _plan_term(extra_months: int, remaining: int, cap: int) -> int:
    if isinstance(extra_months, bool) or not isinstance(extra_months, int):
        raise InvalidPlanInput("wrong_type", "extra_months", extra_months, "a whole number")
    low = 1 if remaining == 0 else 0
    high = cap - remaining
    if high < low:
        # The contract alone already runs past the cap: no plan fits.
        raise InvalidPlanInput(
            "out_of_range",
            "plan_term",
            remaining + max(extra_months, low),
            AllowedRange(low=1, high=cap, unit=Unit.MONTHS),
        )
    if not low <= extra_months <= high:
        raise InvalidPlanInput(
            "out_of_range",
            "extra_months",
            extra_months,
            AllowedRange(low=low, high=high, unit=Unit.MONTHS),
        )
    return remaining + extra_months


def _first_due_date(chosen: date | None, position: LoanPosition, terms: LoanTerms) -> date:
    today = position.as_of
    latest = add_months(today, MAX_FIRST_DUE_DELAY_MONTHS)
    if chosen is None:
        if position.upcoming:
            return position.upcoming[0].due_date
        # A matured loan: the next date on the contract's day of month after today.
        k = max(0, months_between(terms.first_due_date, today))
        while add_months(terms.first_due_date, k) <= today:
            k += 1
        return add_months(terms.first_due_date, k)
    if not isinstance(chosen, date):
        raise InvalidPlanInput("wrong_type", "first_due_date", chosen, "a date")
    if chosen < today:
        raise InvalidPlanInput("too_early", "first_due_date", chosen, AllowedRange(today, latest))
    if chosen > latest:
        raise InvalidPlanInput("too_late", "first_due_date", chosen, AllowedRange(today, latest))
    return chosen


def _step_months(months: int, amortising: int, method: RepaymentMethod) -> int:
    if method is RepaymentMethod.INTEREST_ONLY:
        raise InvalidPlanInput(
            "inconsistent",
            "step_up.months",
            months,
            {
                Language.ZH_CN: "不设低额期（先息后本方式的每期只含利息，无法再降低）",
                Language.EN: "no step-up (interest-only instalments cannot be reduced further)",
            },
        )
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months < amortising:
        raise InvalidPlanInput(
            "out_of_range",
            "step_up.months",
            months,
            AllowedRange(low=1, high=amortising - 1, unit=Unit.MONTHS),
        )
    return months


def _step_payment(step: StepUp, normal: Decimal, first_interest: Decimal, currency: str) -> Decimal:
    """The reduced principal + interest per step-up month, checked against the interest."""
    floor = round_money(first_interest, currency)
    if (step.amount is None) == (step.percent is None):
        raise InvalidPlanInput(
            "missing",
            "step_up.amount",
            None,
            {
                Language.ZH_CN: "金额或比例二选一",
                Language.EN: "either an amount or a percent, not both",
            },
        )
    if step.percent is not None:
        if not _is_number(step.percent) or not 0 < step.percent < _HUNDRED:
            raise InvalidPlanInput(
                "out_of_range",
                "step_up.percent",
                step.percent,
                AllowedRange(ZERO, _HUNDRED, False, False, Unit.PERCENT),
            )
        payment = round_money(normal * step.percent / _HUNDRED, currency)
        if payment < floor:
            lowest = (floor * _HUNDRED / normal).quantize(_PERCENT, rounding=ROUND_CEILING)
            raise InvalidPlanInput(
                "out_of_range",
                "step_up.percent",
                step.percent,
                AllowedRange(lowest, _HUNDRED, True, False, Unit.PERCENT),
            )
        return payment
    assert step.amount is not None
    require_amount(step.amount, "step_up.amount", currency, allow_zero=True, error=InvalidPlanInput)
    if not floor <= step.amount < normal:
        raise InvalidPlanInput(
            "out_of_range",
            "step_up.amount",
            step.amount,
            AllowedRange(floor, normal, True, False, Unit.MONEY),
        )
    return step.amount


def _normal_instalment(
    principal: Decimal, monthly: Decimal, periods: int, method: RepaymentMethod, currency: str
) -> Decimal:
    """Principal + interest of the first instalment amortising `principal` with no step-up."""
    interest = round_money(principal * monthly, currency)
    if method is RepaymentMethod.ANNUITY:
        return annuity_payment(principal, monthly, periods, currency)
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


def _discount_factors(dates: list[date], today: date, monthly: Decimal) -> list[Decimal]:
    """Discount factors at the contract's monthly rate: whole months compound, a stub is simple."""
    factors = []
    growth = 1 + monthly
    for due in dates:
        months = months_between(today, due)
        whole = add_months(today, months)
        if whole > due:
            months -= 1
            whole = add_months(today, months)
        stub = (due - whole).days
        factor = 1 / (growth**months * (1 + monthly * stub / _DAYS_PER_MONTH))
        factors.append(factor)
    return factors


def _value_now(position: LoanPosition, terms: LoanTerms, today: date) -> Decimal:
    """The current position's value: what is due now plus the contract's coming instalments."""
    upcoming = position.upcoming
    prepaid = sum((u.principal for u in upcoming), ZERO) - position.outstanding_principal
    factors = _discount_factors([u.due_date for u in upcoming], today, terms.monthly_rate)
    coming = sum((f * u.total for f, u in zip(factors, upcoming, strict=True)), ZERO)
    return position.total_due + coming - prepaid


def _plan_value(down: Decimal, schedule: Schedule, terms: LoanTerms, today: date) -> Decimal:
    rows = schedule.instalments
    factors = _discount_factors([r.due_date for r in rows], today, terms.monthly_rate)
    return down + sum((f * r.total for f, r in zip(factors, rows, strict=True)), ZERO)
