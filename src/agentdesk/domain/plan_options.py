"""The options of a restructured plan (what the agent chooses in the plan dialog).

They are plain values; `restructure` checks them against the loan (ranges depend on the
loan's position and terms) and raises `InvalidPlanInput` naming the option.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum

from agentdesk.domain.errors import AllowedRange, InvalidPlanInput, Unit
from agentdesk.domain.money import ZERO, quantum, require_amount, round_money
from agentdesk.domain.position import LoanPosition
from agentdesk.domain.schedule import LoanTerms, RepaymentMethod, add_months, months_between
from agentdesk.domain.vocabulary import Language

# The legal maximum length of a personalised instalment plan (个性化分期): five years.
PLAN_TERM_CAP_MONTHS = 60
# A first due date further out would be an unpriced grace period; use grace_months instead.
MAX_FIRST_DUE_DELAY_MONTHS = 3

_HUNDRED = Decimal(100)
_PERCENT = Decimal("0.01")


def is_number(value: object) -> bool:
    """A finite Decimal (not NaN, not infinite, not a float)."""
    return isinstance(value, Decimal) and value.is_finite()


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
            if not is_number(self.value) or not 0 <= self.value <= _HUNDRED:
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


# ------------------------------------------------------------------ checks against the loan


def plan_term(extra_months: int, remaining: int, cap: int) -> int:
    """The plan's number of instalments: what the contract has left plus `extra_months`."""
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


def first_due_date_for(chosen: date | None, position: LoanPosition, terms: LoanTerms) -> date:
    """The chosen first due date, checked; by default the contract's next due date."""
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


def step_months(months: int, amortising: int, method: RepaymentMethod) -> int:
    """The step-up length, checked: at least one month, and a regular month must follow."""
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


def _highest_percent_below(normal: Decimal, currency: str) -> Decimal:
    """The highest percent (to 0.01) of `normal` that still rounds to less than it."""
    highest = ((normal - quantum(currency) / 2) * _HUNDRED / normal).quantize(
        _PERCENT, rounding=ROUND_FLOOR)
    while highest > ZERO and round_money(normal * highest / _HUNDRED, currency) >= normal:
        highest -= _PERCENT
    return highest


def step_payment(step: StepUp, normal: Decimal, first_interest: Decimal, currency: str) -> Decimal:
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
        if not is_number(step.percent) or not 0 < step.percent < _HUNDRED:
            raise InvalidPlanInput(
                "out_of_range",
                "step_up.percent",
                step.percent,
                AllowedRange(ZERO, _HUNDRED, False, False, Unit.PERCENT),
            )
        payment = round_money(normal * step.percent / _HUNDRED, currency)
        if not floor <= payment < normal:
            # As for an amount: a step-up month pays at least its interest and less than
            # the normal instalment, once the percent is rounded to money.
            lowest = (floor * _HUNDRED / normal).quantize(_PERCENT, rounding=ROUND_CEILING)
            raise InvalidPlanInput(
                "out_of_range",
                "step_up.percent",
                step.percent,
                AllowedRange(lowest, _highest_percent_below(normal, currency), True, True,
                             Unit.PERCENT),
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
