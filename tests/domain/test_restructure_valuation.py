"""Present values behind the concession figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from agentdesk.domain.schedule import LoanTerms, build_schedule
from agentdesk.domain.valuation import discount_factor, present_value, schedule_value

D = Decimal
MONTHLY = D("0.01")  # 1 % a month


def test_today_and_the_past_are_worth_face_value() -> None:
    assert discount_factor(date(2026, 5, 1), date(2026, 5, 1), MONTHLY) == 1
    assert discount_factor(date(2026, 4, 1), date(2026, 5, 1), MONTHLY) == 1


def test_whole_months_compound() -> None:
    assert discount_factor(date(2026, 6, 1), date(2026, 5, 1), MONTHLY) == 1 / D("1.01")
    assert discount_factor(date(2027, 5, 1), date(2026, 5, 1), MONTHLY) == 1 / D("1.01") ** 12


def test_a_stub_of_days_is_simple_interest_over_30_day_months() -> None:
    # 1 month and 15 days.
    factor = discount_factor(date(2026, 6, 16), date(2026, 5, 1), MONTHLY)
    assert factor == 1 / (D("1.01") * (1 + MONTHLY * 15 / 30))


def test_month_end_dates_count_whole_months() -> None:
    # 31 Jan to 28 Feb is one whole month (the due day is clamped), not 28 days.
    assert discount_factor(date(2026, 2, 28), date(2026, 1, 31), MONTHLY) == 1 / D("1.01")


def test_a_schedule_discounted_at_its_own_rate_is_worth_its_principal() -> None:
    terms = LoanTerms(D("10000.00"), D("0.12"), 24, date(2026, 2, 1))
    value = schedule_value(build_schedule(terms), date(2026, 1, 1), terms.monthly_rate)
    assert abs(value - terms.principal) < D("0.05")


def test_present_value_of_nothing_is_zero() -> None:
    assert present_value([], date(2026, 1, 1), MONTHLY) == 0
