"""Where a delinquent loan stands on a given date.

From the contractual schedule, the payments received, late fees charged and the penalty
rate, `position_on` works out what is overdue, what is not yet due, the days past due and
the bucket.

Rules (what a lender's ledger does; stated here because every figure depends on them):
- an instalment is *overdue* from the day after its due date: one due today is not
  overdue yet (it counts as not yet due);
- penalty interest (罚息) accrues every day on overdue principal only, at the daily rate
  (an annual penalty rate is divided by 365); day d is charged on the principal that was
  overdue at the end of day d − 1, so paying on the first day late still costs one day;
- each payment is allocated in this order: fees (late fees and contractual monthly fees
  already charged), then penalty interest, then instalment by instalment, oldest first,
  its interest and then its principal. Money left after everything due is paid prepays
  the following instalments in the same order (their scheduled interest is not
  recalculated); anything beyond the whole loan is kept as a credit;
- days past due count from the oldest instalment not fully paid (interest and principal).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from agentdesk.domain.errors import AllowedRange, InvalidPlanInput, Unit
from agentdesk.domain.money import ZERO, require_amount, round_money
from agentdesk.domain.schedule import Instalment, Schedule
from agentdesk.domain.vocabulary import Bucket

DAYS_PER_YEAR = Decimal(365)
# 0.1 % a day (36.5 % a year) is the highest penalty rate we accept; above it is a typo.
MAX_DAILY_PENALTY_RATE = Decimal("0.001")
MAX_ANNUAL_PENALTY_RATE = MAX_DAILY_PENALTY_RATE * DAYS_PER_YEAR


class PenaltyBasis(StrEnum):
    """Whether a penalty rate is quoted per day (日罚息率) or per year."""

    DAILY = "daily"
    ANNUAL = "annual"


@dataclass(frozen=True)
class PenaltyRate:
    """The penalty-interest rate on overdue principal, as a fraction per day or per year."""

    rate: Decimal
    basis: PenaltyBasis = PenaltyBasis.DAILY

    def __post_init__(self) -> None:
        ceiling = (
            MAX_DAILY_PENALTY_RATE if self.basis is PenaltyBasis.DAILY else MAX_ANNUAL_PENALTY_RATE
        )
        if not isinstance(self.rate, Decimal) or not self.rate.is_finite() or not (
            0 <= self.rate <= ceiling
        ):
            raise InvalidPlanInput(
                "out_of_range",
                "penalty_rate",
                self.rate,
                AllowedRange(low=ZERO, high=ceiling, unit=Unit.RATE),
                unit=Unit.RATE,
            )

    @property
    def daily(self) -> Decimal:
        """The rate for one day."""
        if self.basis is PenaltyBasis.DAILY:
            return self.rate
        return self.rate / DAYS_PER_YEAR


@dataclass(frozen=True)
class Payment:
    """Money received from the borrower on a date."""

    paid_on: date
    amount: Decimal


@dataclass(frozen=True)
class Fee:
    """A charge (a late fee, a collection fee) booked on a date."""

    charged_on: date
    amount: Decimal
    kind: str = "late_fee"


@dataclass(frozen=True)
class LoanPosition:
    """What a loan owes on `as_of`.

    `outstanding_principal` is the principal not yet due (instalments due on or after
    `as_of`, less any prepayment); `upcoming` are those contractual instalments as the
    schedule states them; `credit` is money received beyond the whole loan.
    """

    as_of: date
    currency: str
    overdue_principal: Decimal
    overdue_interest: Decimal
    penalty_interest: Decimal
    fees: Decimal
    outstanding_principal: Decimal
    days_past_due: int
    bucket: Bucket
    oldest_unpaid_due_date: date | None
    upcoming: tuple[Instalment, ...]
    paid_total: Decimal = ZERO
    credit: Decimal = ZERO

    @property
    def total_due(self) -> Decimal:
        """Everything due now: overdue principal and interest, penalty interest and fees."""
        return self.overdue_principal + self.overdue_interest + self.penalty_interest + self.fees

    @property
    def arrears(self) -> Decimal:
        """Same as `total_due` (the amount the borrower is behind by)."""
        return self.total_due

    @property
    def total_outstanding(self) -> Decimal:
        """What it takes to close the loan today: all due now plus principal not yet due."""
        return self.total_due + self.outstanding_principal

    @property
    def is_delinquent(self) -> bool:
        """Whether anything is past due."""
        return self.days_past_due > 0


class _Line:
    """The unpaid parts of one contractual instalment while payments are applied."""

    __slots__ = ("due", "instalment", "interest", "principal")

    def __init__(self, instalment: Instalment) -> None:
        self.instalment = instalment
        self.due = instalment.due_date
        self.interest = instalment.interest
        self.principal = instalment.principal

    @property
    def settled(self) -> bool:
        return self.interest == 0 and self.principal == 0


def position_on(
    schedule: Schedule,
    as_of: date,
    payments: Iterable[Payment] = (),
    penalty: PenaltyRate | None = None,
    fees: Iterable[Fee] = (),
) -> LoanPosition:
    """The loan's position at the end of `as_of` (see the module's rules)."""
    currency = schedule.currency
    payment_list = _checked_payments(payments, as_of, currency)
    fee_list = _checked_fees(fees, as_of, currency)
    daily = penalty.daily if penalty is not None else ZERO

    lines = [_Line(i) for i in schedule.instalments]
    # Events per day: contractual fees fall due with their instalment.
    charges: dict[date, Decimal] = {}
    for fee in fee_list:
        charges[fee.charged_on] = charges.get(fee.charged_on, ZERO) + fee.amount
    for inst in schedule.instalments:
        if inst.fees and inst.due_date <= as_of:
            charges[inst.due_date] = charges.get(inst.due_date, ZERO) + inst.fees
    paid_by_day: dict[date, Decimal] = {}
    for payment in payment_list:
        paid_by_day[payment.paid_on] = paid_by_day.get(payment.paid_on, ZERO) + payment.amount
    days = sorted({*charges, *paid_by_day, *(i.due_date for i in schedule.instalments)})

    fees_owed = ZERO
    penalty_accrued = ZERO  # unrounded; rounded whenever it is paid or reported
    credit = ZERO
    last: date | None = None
    for day in [d for d in days if d <= as_of]:
        if last is not None and daily:
            penalty_accrued += _overdue_principal(lines, last) * daily * (day - last).days
        fees_owed += charges.get(day, ZERO)
        money = paid_by_day.get(day, ZERO)
        if money:
            money, fees_owed, penalty_accrued = _allocate(
                money, lines, fees_owed, penalty_accrued, currency
            )
            credit += money
        last = day
    if last is not None and daily and last < as_of:
        penalty_accrued += _overdue_principal(lines, last) * daily * (as_of - last).days

    overdue = [line for line in lines if line.due < as_of]
    not_due = [line for line in lines if line.due >= as_of]
    oldest = next((line.due for line in overdue if not line.settled), None)
    dpd = (as_of - oldest).days if oldest is not None else 0
    return LoanPosition(
        as_of=as_of,
        currency=currency,
        overdue_principal=round_money(sum((line.principal for line in overdue), ZERO), currency),
        overdue_interest=round_money(sum((line.interest for line in overdue), ZERO), currency),
        penalty_interest=round_money(penalty_accrued, currency),
        fees=round_money(fees_owed, currency),
        outstanding_principal=round_money(
            sum((line.principal for line in not_due), ZERO), currency
        ),
        days_past_due=dpd,
        bucket=Bucket.for_dpd(dpd),
        oldest_unpaid_due_date=oldest,
        upcoming=tuple(line.instalment for line in not_due),
        paid_total=sum((p.amount for p in payment_list), ZERO),
        credit=round_money(credit, currency),
    )


def _overdue_principal(lines: list[_Line], end_of_day: date) -> Decimal:
    # Principal still unpaid at the end of `end_of_day` of instalments due on or before it.
    return sum((line.principal for line in lines if line.due <= end_of_day), ZERO)


def _allocate(
    money: Decimal,
    lines: list[_Line],
    fees_owed: Decimal,
    penalty_accrued: Decimal,
    currency: str,
) -> tuple[Decimal, Decimal, Decimal]:
    """Apply `money`; return what is left, the fees and the (unrounded) penalty still owed."""
    paid = min(money, fees_owed)
    money -= paid
    fees_owed -= paid
    penalty_due = round_money(penalty_accrued, currency)
    paid = min(money, penalty_due)
    money -= paid
    # Paying the rounded penalty in full clears it, sub-fen remainder included.
    penalty_accrued = ZERO if paid == penalty_due else penalty_accrued - paid
    for line in lines:
        if not money:
            break
        paid = min(money, line.interest)
        line.interest -= paid
        money -= paid
        paid = min(money, line.principal)
        line.principal -= paid
        money -= paid
    return money, fees_owed, penalty_accrued


def _checked_payments(payments: Iterable[Payment], as_of: date, currency: str) -> list[Payment]:
    checked = []
    for n, payment in enumerate(payments):
        require_amount(payment.amount, f"payments[{n}].amount", currency, error=InvalidPlanInput)
        if payment.paid_on > as_of:
            raise InvalidPlanInput(
                "too_late",
                f"payments[{n}].paid_on",
                payment.paid_on,
                AllowedRange(high=as_of),
            )
        checked.append(payment)
    return checked


def _checked_fees(fees: Iterable[Fee], as_of: date, currency: str) -> list[Fee]:
    checked = []
    for n, fee in enumerate(fees):
        require_amount(fee.amount, f"fees[{n}].amount", currency, error=InvalidPlanInput)
        if fee.charged_on > as_of:
            raise InvalidPlanInput(
                "too_late", f"fees[{n}].charged_on", fee.charged_on, AllowedRange(high=as_of)
            )
        checked.append(fee)
    return checked
