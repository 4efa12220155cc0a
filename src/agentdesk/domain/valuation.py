"""Present value of money due on future dates, at a loan's monthly rate.

Concessions are measured by what a plan is worth to the lender today compared with the
contract it replaces, both discounted at the contract's rate (so a rate cut or an
interest-free grace shows as a loss even when the nominal totals grow). Whole months
compound at the monthly rate; the stub of days before the first whole month is simple
interest over 30-day months, the same convention the schedules use.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, getcontext
from functools import lru_cache

from agentdesk.domain.money import ZERO
from agentdesk.domain.position import LoanPosition
from agentdesk.domain.schedule import Schedule, add_months, months_between

_DAYS_PER_MONTH = Decimal(30)


def discount_factor(due: date, today: date, monthly_rate: Decimal) -> Decimal:
    """What one unit due on `due` is worth on `today` at `monthly_rate` (1 for today or earlier)."""
    if due <= today:
        return Decimal(1)
    months, stub = _months_and_days(today, due)
    return 1 / ((1 + monthly_rate) ** months * (1 + monthly_rate * stub / _DAYS_PER_MONTH))


def present_value(
    flows: Iterable[tuple[date, Decimal]], today: date, monthly_rate: Decimal
) -> Decimal:
    """The sum of (due date, amount) flows discounted to `today` (unrounded)."""
    growth = 1 + monthly_rate
    # Flows are monthly and many loans share a rate: each divisor (whole-month power
    # times the stub's simple interest) is worked out once per process. The key holds the
    # rate's exact digits and the arithmetic context, so the same expression is what
    # gave the remembered value (equal Decimals written differently keep their own).
    context = getcontext()
    scope = (monthly_rate.as_tuple(), context.prec, context.rounding)
    total = ZERO
    for due, amount in flows:
        if due <= today:
            total += amount
            continue
        months, stub = _months_and_days(today, due)
        key = (scope, months, stub)
        divisor = _DIVISORS.get(key)
        if divisor is None:
            if len(_DIVISORS) >= _DIVISORS_SIZE:
                _DIVISORS.clear()  # plain dict operations: safe across threads
            divisor = _DIVISORS[key] = growth**months * (1 + monthly_rate * stub / _DAYS_PER_MONTH)
        total += amount / divisor
    return total


_DIVISORS: dict[tuple[object, int, int], Decimal] = {}
_DIVISORS_SIZE = 65536


# A pure function of two dates, asked for the same monthly due dates again and again
# (every plan of every loan due on the same days): remembered.
@lru_cache(maxsize=16384)
def _months_and_days(today: date, due: date) -> tuple[int, int]:
    # Whole months from today (the day clamped like due dates), then the days left over.
    months = months_between(today, due)
    whole = add_months(today, months)
    if whole > due:
        months -= 1
        whole = add_months(today, months)
    return months, (due - whole).days


def position_value(position: LoanPosition, monthly_rate: Decimal) -> Decimal:
    """What the loan as it stands is worth: all due now plus its coming instalments."""
    upcoming = position.upcoming
    # Money prepaid against coming instalments is already in; it does not count again.
    prepaid = sum((u.principal for u in upcoming), ZERO) - position.outstanding_principal
    coming = present_value(((u.due_date, u.total) for u in upcoming), position.as_of, monthly_rate)
    return position.total_due + coming - prepaid


def schedule_value(
    schedule: Schedule, today: date, monthly_rate: Decimal, paid_now: Decimal = ZERO
) -> Decimal:
    """What a schedule (plus anything paid today) is worth on `today`."""
    flows = ((i.due_date, i.total) for i in schedule.instalments)
    return paid_now + present_value(flows, today, monthly_rate)
