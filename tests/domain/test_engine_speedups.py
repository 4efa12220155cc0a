"""The engine's shortcuts give exactly what the plain definitions give.

Each speed-up of the plan engine (remembered divisors in present values, due dates
stepped month by month, instalments made without the frozen `__init__`, schedule totals
summed once) is checked against the plain form it replaced, value and exponent alike
(`repr` shows a Decimal's exponent).
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from agentdesk.domain.money import ZERO
from agentdesk.domain.schedule import (
    Instalment,
    LoanTerms,
    _instalment,
    add_months,
    build_schedule,
    due_dates,
)
from agentdesk.domain.valuation import _months_and_days, present_value
from tests.domain.plan_strategies import loan_terms

D = Decimal
_DAYS_PER_MONTH = D(30)


def plain_present_value(
    flows: list[tuple[date, Decimal]], today: date, monthly_rate: Decimal
) -> Decimal:
    """The definition: every flow divided by its own compounding, nothing remembered."""
    total = ZERO
    for due, amount in flows:
        if due <= today:
            total += amount
            continue
        months, stub = _months_and_days(today, due)
        total += amount / (
            (1 + monthly_rate) ** months * (1 + monthly_rate * stub / _DAYS_PER_MONTH)
        )
    return total


amounts = st.integers(min_value=0, max_value=10**9).map(lambda fen: D(fen).scaleb(-2))
# The same rate written with more or fewer digits ("0.01", "0.0100"): each keeps its own
# arithmetic.
rates = st.tuples(st.integers(0, 300), st.integers(4, 7)).map(
    lambda t: D(t[0]).scaleb(-4).quantize(D(1).scaleb(-t[1]))
)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))


@settings(max_examples=200, deadline=None)
@given(
    today=days,
    first=days,
    count=st.integers(0, 60),
    flow_amounts=st.lists(amounts, min_size=60, max_size=60),
    rate=rates,
)
def test_present_value_equals_the_plain_sum(
    today: date, first: date, count: int, flow_amounts: list[Decimal], rate: Decimal
) -> None:
    flows = list(zip(due_dates(first, count), flow_amounts, strict=False))
    expected = plain_present_value(flows, today, rate)
    # Twice: the second time every divisor is a remembered one.
    assert repr(present_value(flows, today, rate)) == repr(expected)
    assert repr(present_value(iter(flows), today, rate)) == repr(expected)


def test_equal_rates_written_differently_keep_their_own_divisors() -> None:
    today, due = date(2026, 1, 15), date(2026, 8, 31)
    flows = [(due, D("1000.00"))]
    for rate in (D("0.01"), D("0.010"), D("0.0100000"), D("0.01")):
        assert repr(present_value(flows, today, rate)) == repr(
            plain_present_value(flows, today, rate)
        )


@settings(max_examples=300, deadline=None)
@given(first=days, count=st.integers(0, 400))
def test_due_dates_are_the_first_moved_by_whole_months(first: date, count: int) -> None:
    assert due_dates(first, count) == [add_months(first, k) for k in range(count)]


def test_due_dates_across_year_ends_and_month_ends() -> None:
    assert due_dates(date(2025, 11, 28), 4) == [
        date(2025, 11, 28),
        date(2025, 12, 28),
        date(2026, 1, 28),
        date(2026, 2, 28),
    ]
    assert due_dates(date(2024, 1, 31), 3) == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
    ]


def test_an_instalment_made_without_init_is_the_same_object() -> None:
    values = (
        3,
        date(2026, 2, 28),
        D("10.00"),
        D("1.50"),
        D("0.00"),
        D("11.50"),
        D("90.00"),
        D("95.00"),
    )
    fast, plain = _instalment(*values), Instalment(*values)
    assert type(fast) is Instalment
    assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
    assert vars(fast) == vars(plain)
    assert dataclasses.astuple(fast) == values
    assert dataclasses.replace(fast, number=4) == dataclasses.replace(plain, number=4)
    try:
        fast.number = 5  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("an instalment must stay frozen")


@settings(max_examples=100, deadline=None)
@given(terms=loan_terms(max_term=72))
def test_schedule_totals_are_the_sums_of_their_instalments(terms: LoanTerms) -> None:
    schedule = build_schedule(terms)
    rows = schedule.instalments
    for _ in range(2):  # asked twice: the second answer is the remembered one
        assert repr(schedule.total_principal) == repr(sum((i.principal for i in rows), ZERO))
        assert repr(schedule.total_interest) == repr(sum((i.interest for i in rows), ZERO))
        assert repr(schedule.total_fees) == repr(sum((i.fees for i in rows), ZERO))
        assert repr(schedule.total_payable) == repr(sum((i.total for i in rows), ZERO))
    assert schedule.first_due_date == rows[0].due_date
    assert schedule.end_date - rows[-1].due_date == timedelta(0)
