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
from decimal import Decimal

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
    # Flows are monthly: keep each whole-month power once instead of recomputing it.
    powers: dict[int, Decimal] = {}
    total = ZERO
    for due, amount in flows:
        if due <= today:
            total += amount
            continue
        months, stub = _months_and_days(today, due)
        power = powers.get(months)
        if power is None:
            power = powers[months] = growth**months
        total += amount / (power * (1 + monthly_rate * stub / _DAYS_PER_MONTH))
    return total


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
