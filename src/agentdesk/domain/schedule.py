"""A loan's contractual repayment schedule: 等额本息, 等额本金 and 先息后本.

Conventions (the ones lenders print on Chinese consumer-loan schedules):
- periods are months; every period's interest is the balance × annual rate ÷ 12, whatever
  the number of days in the month;
- instalment k falls on the first due date's day of month, k − 1 months later, clamped to
  the month's last day (31 Jan → 28/29 Feb → 31 Mar: the anchor is always the first day);
- every amount is rounded half-up to the currency's minor unit; the rounding left over is
  absorbed so that the principal repaid equals the principal lent exactly.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cached_property

from agentdesk.domain.errors import AllowedRange, InvalidPlanInput, Unit
from agentdesk.domain.money import (
    DEFAULT_CURRENCY,
    MINOR_UNIT_DIGITS,
    ZERO,
    quantum,
    require_amount,
    round_money,
)
from agentdesk.domain.vocabulary import Language

# Above 36 % a year interest is not protected by Chinese courts; no lender we serve goes there.
MAX_ANNUAL_RATE = Decimal("0.36")
# The longest contract the engine schedules (a 30-year mortgage-style loan).
MAX_TERM_MONTHS = 360

_TWELVE = Decimal(12)


class RepaymentMethod(StrEnum):
    """How principal and interest are spread over the instalments."""

    ANNUITY = "annuity"  # 等额本息: equal instalments
    EQUAL_PRINCIPAL = "equal_principal"  # 等额本金: equal principal, falling interest
    INTEREST_ONLY = "interest_only"  # 先息后本: interest monthly, principal at the end

    def label(self, language: Language) -> str:
        """The method's name for people."""
        return _METHOD_LABELS[self][language]


_METHOD_LABELS = {
    RepaymentMethod.ANNUITY: {Language.ZH_CN: "等额本息", Language.EN: "Equal instalments"},
    RepaymentMethod.EQUAL_PRINCIPAL: {
        Language.ZH_CN: "等额本金",
        Language.EN: "Equal principal",
    },
    RepaymentMethod.INTEREST_ONLY: {
        Language.ZH_CN: "先息后本",
        Language.EN: "Interest only, then principal",
    },
}


@dataclass(frozen=True)
class LoanTerms:
    """What the contract says. Validated on construction (`InvalidPlanInput`).

    `annual_rate` is a fraction (Decimal("0.049") is 4.9 % a year); `monthly_fee` is a
    flat service fee added to every instalment (0 for most loans).
    """

    principal: Decimal
    annual_rate: Decimal
    term_months: int
    first_due_date: date
    method: RepaymentMethod = RepaymentMethod.ANNUITY
    currency: str = DEFAULT_CURRENCY
    monthly_fee: Decimal = ZERO

    def __post_init__(self) -> None:
        if self.currency not in MINOR_UNIT_DIGITS:
            raise InvalidPlanInput(
                "unknown", "currency", self.currency, ", ".join(sorted(MINOR_UNIT_DIGITS))
            )
        require_amount(self.principal, "principal", self.currency, error=InvalidPlanInput)
        require_rate(self.annual_rate, "annual_rate")
        require_term(self.term_months, "term_months", MAX_TERM_MONTHS)
        require_amount(
            self.monthly_fee, "monthly_fee", self.currency, allow_zero=True, error=InvalidPlanInput
        )
        if not isinstance(self.method, RepaymentMethod):
            raise InvalidPlanInput(
                "unknown", "method", self.method, ", ".join(m.value for m in RepaymentMethod)
            )

    @property
    def monthly_rate(self) -> Decimal:
        """The rate of one period: annual rate ÷ 12."""
        return self.annual_rate / _TWELVE


@dataclass(frozen=True)
class Instalment:
    """One line of a schedule.

    `fees` holds charges other than principal and interest: a contract's monthly fee, and
    in a restructured plan the arrears carried without interest. `remaining_principal` is
    the interest-bearing balance after this instalment; `remaining_balance` adds what is
    left of the carried arrears (equal to `remaining_principal` on a contract).
    """

    number: int
    due_date: date
    principal: Decimal
    interest: Decimal
    fees: Decimal
    total: Decimal
    remaining_principal: Decimal
    remaining_balance: Decimal


@dataclass(frozen=True)
class Schedule:
    """A list of instalments with their totals (each total summed once, when first asked)."""

    instalments: tuple[Instalment, ...]
    currency: str = DEFAULT_CURRENCY

    @cached_property
    def total_principal(self) -> Decimal:
        """Principal repaid over the schedule."""
        return sum((i.principal for i in self.instalments), ZERO)

    @cached_property
    def total_interest(self) -> Decimal:
        """Interest paid over the schedule."""
        return sum((i.interest for i in self.instalments), ZERO)

    @cached_property
    def total_fees(self) -> Decimal:
        """Fees (and carried arrears) paid over the schedule."""
        return sum((i.fees for i in self.instalments), ZERO)

    @cached_property
    def total_payable(self) -> Decimal:
        """Everything paid over the schedule."""
        return sum((i.total for i in self.instalments), ZERO)

    @property
    def first_due_date(self) -> date:
        """The due date of the first instalment."""
        return self.instalments[0].due_date

    @property
    def end_date(self) -> date:
        """The due date of the last instalment."""
        return self.instalments[-1].due_date

    @property
    def largest_instalment(self) -> Decimal:
        """The largest single instalment (what affordability is judged on)."""
        return max(i.total for i in self.instalments)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(anchor: date, months: int) -> date:
    """`anchor` moved by `months` months, its day clamped to the target month's last day."""
    year, month = divmod(anchor.year * 12 + anchor.month - 1 + months, 12)
    day = anchor.day
    # The plan dialog builds schedules on every slider move: a table beats calendar here.
    if day > 28:
        last = 29 if month == 1 and calendar.isleap(year) else _MONTH_DAYS[month]
        day = min(day, last)
    return date(year, month + 1, day)


def due_dates(first_due_date: date, count: int) -> list[date]:
    """The due dates of `count` monthly instalments, each the first's day clamped."""
    day = first_due_date.day
    if day > 28:
        return [add_months(first_due_date, k) for k in range(count)]
    # A day every month has: no clamping, just the next month each time.
    year, month = first_due_date.year, first_due_date.month
    dates = []
    for _ in range(count):
        dates.append(date(year, month, day))
        if month == 12:
            year, month = year + 1, 1
        else:
            month += 1
    return dates


def months_between(start: date, end: date) -> int:
    """Whole calendar months from `start` to `end` counted by month (negative if earlier)."""
    return (end.year - start.year) * 12 + end.month - start.month


def annuity_payment(
    principal: Decimal, monthly_rate: Decimal, periods: int, currency: str = DEFAULT_CURRENCY
) -> Decimal:
    """The level monthly payment that repays `principal` in `periods` months (rounded half-up)."""
    if periods <= 0:
        raise InvalidPlanInput(
            "out_of_range", "term_months", periods, AllowedRange(low=1, unit=Unit.MONTHS)
        )
    if monthly_rate == 0:
        return round_money(principal / periods, currency)
    growth = (1 + monthly_rate) ** periods
    return round_money(principal * monthly_rate * growth / (growth - 1), currency)


def level_payment(
    principal: Decimal, monthly_rate: Decimal, periods: int, currency: str = DEFAULT_CURRENCY
) -> Decimal:
    """The payment of every annuity instalment but the last, as `amortisation_rows` uses it.

    Usually `annuity_payment`; see `_level_rows` for when it is a few fen less.
    """
    return _level_rows(principal, monthly_rate, periods, currency)[0]


def _level_rows(
    principal: Decimal, monthly_rate: Decimal, periods: int, currency: str
) -> tuple[Decimal, list[tuple[Decimal, Decimal]]]:
    # The payment rounded half-up overpays by up to half a fen a month; at a high rate over
    # many months that overpayment compounds and could repay the loan before its last
    # month, leaving empty instalments. Then the payment goes down a fen at a time until
    # the last instalment is what is left over (a little more than the others).
    payment = annuity_payment(principal, monthly_rate, periods, currency)
    step = quantum(currency)
    while True:
        rows: list[tuple[Decimal, Decimal]] = []
        balance = principal
        for _ in range(periods - 1):
            # round_money, inlined: this loop is most of a schedule's arithmetic.
            interest = (balance * monthly_rate).quantize(step, ROUND_HALF_UP)
            part = payment - interest
            if part >= balance and balance > 0:
                break
            rows.append((part, interest))
            balance -= part
        else:
            rows.append((balance, (balance * monthly_rate).quantize(step, ROUND_HALF_UP)))
            return payment, rows
        payment -= step


def amortisation_rows(
    principal: Decimal,
    monthly_rate: Decimal,
    periods: int,
    method: RepaymentMethod,
    currency: str = DEFAULT_CURRENCY,
) -> list[tuple[Decimal, Decimal]]:
    """(principal, interest) for each of `periods` months repaying `principal`.

    Annuity: a level payment, the last instalment taking the rounding. Equal principal:
    principal ÷ periods in whole minor units, the few units left over added one each to
    the earliest instalments, so no instalment is ever larger than the one before.
    Interest only: interest every month, all principal with the last.
    """
    rows: list[tuple[Decimal, Decimal]] = []
    balance = principal
    if method is RepaymentMethod.ANNUITY:
        return _level_rows(principal, monthly_rate, periods, currency)[1]
    if method is RepaymentMethod.EQUAL_PRINCIPAL:
        step = quantum(currency)
        units = int(principal / step)
        base, extra = divmod(units, periods)
        for k in range(periods):
            interest = (balance * monthly_rate).quantize(step, ROUND_HALF_UP)
            part = (base + (1 if k < extra else 0)) * step
            if k == periods - 1:
                part = balance
            rows.append((part, interest))
            balance -= part
    else:
        interest = round_money(principal * monthly_rate, currency)
        rows = [(ZERO, interest)] * (periods - 1) + [(principal, interest)]
    return rows


def build_schedule(terms: LoanTerms) -> Schedule:
    """The contractual schedule of a loan."""
    rows = amortisation_rows(
        terms.principal, terms.monthly_rate, terms.term_months, terms.method, terms.currency
    )
    return schedule_from_rows(
        rows,
        terms.first_due_date,
        terms.principal,
        terms.currency,
        fees=[terms.monthly_fee] * len(rows),
    )


def schedule_from_rows(
    rows: Sequence[tuple[Decimal, Decimal]],
    first_due_date: date,
    principal: Decimal,
    currency: str = DEFAULT_CURRENCY,
    *,
    fees: Sequence[Decimal] | None = None,
    fees_owed: bool = False,
    first_number: int = 1,
) -> Schedule:
    """Turn (principal, interest) rows into dated instalments with running balances.

    `fees` (one per row) are added to each total. A contract's monthly fee is earned month
    by month, so it is no part of the balance; arrears carried into a restructured plan
    are owed today, so with `fees_owed` what is left of them counts in `remaining_balance`.
    """
    fee_list = list(fees) if fees is not None else [ZERO] * len(rows)
    dates = due_dates(first_due_date, len(rows))
    balance = principal
    carried = sum(fee_list, ZERO) if fees_owed else ZERO
    instalments = []
    step = quantum(currency) if rows else ZERO  # (no rows: nothing to round)
    for k, ((raw_part, raw_interest), raw_fee, due) in enumerate(
        zip(rows, fee_list, dates, strict=True)
    ):
        # Quantize so every figure reads in minor units ("0.00", not "0") on the wire
        # (round_money, inlined).
        part = raw_part.quantize(step, ROUND_HALF_UP)
        interest = raw_interest.quantize(step, ROUND_HALF_UP)
        fee = raw_fee.quantize(step, ROUND_HALF_UP)
        balance -= part
        if carried:
            carried -= fee
        instalments.append(
            _instalment(
                first_number + k,
                due,
                part,
                interest,
                fee,
                part + interest + fee,
                balance,
                balance + carried,
            )
        )
    return Schedule(tuple(instalments), currency)


_new = object.__new__


def _instalment(
    number: int,
    due_date: date,
    principal: Decimal,
    interest: Decimal,
    fees: Decimal,
    total: Decimal,
    remaining_principal: Decimal,
    remaining_balance: Decimal,
) -> Instalment:
    """An `Instalment` of already checked values, made without the frozen `__init__`.

    A frozen dataclass sets each field through `object.__setattr__`, about four times
    the cost of filling the instance's dict at once; schedules make thousands of these.
    The result is the same object (fields, equality, hash, repr); a test pins that.
    """
    instalment: Instalment = _new(Instalment)
    instalment.__dict__.update(
        number=number,
        due_date=due_date,
        principal=principal,
        interest=interest,
        fees=fees,
        total=total,
        remaining_principal=remaining_principal,
        remaining_balance=remaining_balance,
    )
    return instalment


def require_rate(rate: Decimal, field: str, ceiling: Decimal = MAX_ANNUAL_RATE) -> None:
    """Refuse an annual rate (a fraction) outside 0 … `ceiling`."""
    if not isinstance(rate, Decimal) or not rate.is_finite() or not 0 <= rate <= ceiling:
        raise InvalidPlanInput(
            "out_of_range", field, rate, AllowedRange(low=ZERO, high=ceiling, unit=Unit.RATE)
        )


def require_term(months: int, field: str, cap: int) -> None:
    """Refuse a number of months outside 1 … `cap`."""
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= cap:
        raise InvalidPlanInput(
            "out_of_range", field, months, AllowedRange(low=1, high=cap, unit=Unit.MONTHS)
        )
