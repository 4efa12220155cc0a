"""Where a loan stands: overdue amounts, penalty interest, allocation, DPD and buckets."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentdesk.domain.errors import InvalidPlanInput
from agentdesk.domain.position import (
    Fee,
    Payment,
    PenaltyBasis,
    PenaltyRate,
    position_on,
)
from agentdesk.domain.schedule import LoanTerms, RepaymentMethod, Schedule, build_schedule
from agentdesk.domain.vocabulary import Bucket, Language

from .plan_strategies import loan_terms

D = Decimal
FIRST_DUE = date(2026, 1, 10)
TENTH_OF_A_PERCENT = PenaltyRate(D("0.001"))


def interest_free() -> Schedule:
    """1,200 over 12 months at 0 %: 100 a month, easy to follow by hand."""
    return build_schedule(LoanTerms(D("1200"), D("0"), 12, FIRST_DUE))


def with_interest() -> Schedule:
    return build_schedule(LoanTerms(D("12000"), D("0.12"), 12, FIRST_DUE))


def test_before_the_first_due_date_nothing_is_due() -> None:
    pos = position_on(interest_free(), date(2026, 1, 5), penalty=TENTH_OF_A_PERCENT)
    assert pos.total_due == 0
    assert pos.days_past_due == 0
    assert pos.bucket is Bucket.CURRENT
    assert pos.outstanding_principal == D("1200")
    assert len(pos.upcoming) == 12
    assert not pos.is_delinquent


def test_an_instalment_due_today_is_not_overdue() -> None:
    pos = position_on(interest_free(), FIRST_DUE, penalty=TENTH_OF_A_PERCENT)
    assert pos.overdue_principal == 0
    assert pos.days_past_due == 0
    assert pos.upcoming[0].due_date == FIRST_DUE


def test_one_missed_instalment_accrues_daily_penalty_on_principal() -> None:
    pos = position_on(interest_free(), date(2026, 1, 20), penalty=TENTH_OF_A_PERCENT)
    assert pos.overdue_principal == D("100.00")
    assert pos.penalty_interest == D("1.00")  # 100 × 0.1 % × 10 days
    assert pos.days_past_due == 10
    assert pos.bucket is Bucket.M1
    assert pos.oldest_unpaid_due_date == FIRST_DUE
    assert pos.outstanding_principal == D("1100.00")
    assert pos.total_due == D("101.00")
    assert pos.total_outstanding == D("1201.00")


def test_annual_penalty_rate_is_the_daily_rate_times_365() -> None:
    daily = position_on(interest_free(), date(2026, 3, 1), penalty=PenaltyRate(D("0.001")))
    annual = position_on(
        interest_free(),
        date(2026, 3, 1),
        penalty=PenaltyRate(D("0.365"), PenaltyBasis.ANNUAL),
    )
    assert daily.penalty_interest == annual.penalty_interest > 0


def test_payment_goes_to_fees_then_penalty_then_principal() -> None:
    pos = position_on(
        interest_free(),
        date(2026, 1, 20),
        payments=[Payment(date(2026, 1, 15), D("50.00"))],
        penalty=TENTH_OF_A_PERCENT,
        fees=[Fee(date(2026, 1, 12), D("20.00"))],
    )
    # On the 15th: 20 fee + 0.50 penalty (5 days) paid, 29.50 of principal.
    assert pos.fees == 0
    assert pos.overdue_principal == D("70.50")
    # Then 5 more days on 70.50.
    assert pos.penalty_interest == D("0.35")
    assert pos.days_past_due == 10


def test_interest_is_paid_before_principal_of_the_same_instalment() -> None:
    schedule = with_interest()
    first = schedule.instalments[0]
    pos = position_on(schedule, date(2026, 1, 11), payments=[Payment(FIRST_DUE, D("130.00"))])
    assert first.interest == D("120.00")
    assert pos.overdue_interest == 0
    assert pos.overdue_principal == first.principal - D("10.00")


def test_oldest_instalment_is_paid_first_and_dpd_follows_the_oldest_unpaid() -> None:
    schedule = interest_free()
    pos = position_on(
        schedule,
        date(2026, 3, 15),
        payments=[Payment(date(2026, 3, 1), D("100.00"))],
    )
    # January settled late; February (due 10 Feb) is now the oldest unpaid.
    assert pos.oldest_unpaid_due_date == date(2026, 2, 10)
    assert pos.days_past_due == 33
    assert pos.bucket is Bucket.M2
    assert pos.overdue_principal == D("200.00")


def test_paying_every_instalment_on_time_keeps_the_loan_current() -> None:
    schedule = with_interest()
    payments = [Payment(i.due_date, i.total) for i in schedule.instalments[:5]]
    pos = position_on(schedule, date(2026, 6, 1), payments=payments, penalty=TENTH_OF_A_PERCENT)
    assert pos.total_due == 0
    assert pos.days_past_due == 0
    assert pos.penalty_interest == 0
    assert pos.outstanding_principal == schedule.instalments[4].remaining_principal


def test_paying_a_day_late_costs_one_day_of_penalty() -> None:
    exact = position_on(
        interest_free(),
        date(2026, 1, 25),
        payments=[Payment(date(2026, 1, 11), D("100.10"))],
        penalty=TENTH_OF_A_PERCENT,
    )
    assert exact.total_due == 0
    assert exact.days_past_due == 0
    # Paying only the instalment leaves the day's penalty taken first, so 0.10 of
    # principal stays overdue and keeps the loan past due.
    short = position_on(
        interest_free(),
        date(2026, 1, 25),
        payments=[Payment(date(2026, 1, 11), D("100.00"))],
        penalty=TENTH_OF_A_PERCENT,
    )
    assert short.overdue_principal == D("0.10")
    assert short.days_past_due == 15


@pytest.mark.parametrize(
    ("days", "bucket"),
    [(1, Bucket.M1), (30, Bucket.M1), (31, Bucket.M2), (60, Bucket.M2), (61, Bucket.M3),
     (90, Bucket.M3), (91, Bucket.M3_PLUS), (200, Bucket.M3_PLUS)],
)
def test_buckets_follow_days_past_due(days: int, bucket: Bucket) -> None:
    pos = position_on(interest_free(), FIRST_DUE + timedelta(days=days))
    assert pos.days_past_due == days
    assert pos.bucket is bucket


def test_prepayment_reduces_principal_not_yet_due() -> None:
    pos = position_on(
        interest_free(), date(2026, 1, 5), payments=[Payment(date(2026, 1, 2), D("250.00"))]
    )
    assert pos.outstanding_principal == D("950.00")
    assert pos.total_due == 0


def test_money_beyond_the_whole_loan_is_a_credit() -> None:
    pos = position_on(
        interest_free(), date(2026, 1, 5), payments=[Payment(date(2026, 1, 2), D("1300.00"))]
    )
    assert pos.outstanding_principal == 0
    assert pos.credit == D("100.00")
    assert pos.paid_total == D("1300.00")


def test_contractual_monthly_fees_fall_due_with_their_instalment() -> None:
    schedule = build_schedule(LoanTerms(D("1200"), D("0"), 12, FIRST_DUE, monthly_fee=D("5.00")))
    pos = position_on(schedule, date(2026, 2, 15))
    assert pos.fees == D("10.00")
    assert pos.overdue_principal == D("200.00")


def test_no_penalty_rate_means_no_penalty() -> None:
    pos = position_on(interest_free(), date(2026, 6, 1))
    assert pos.penalty_interest == 0
    assert pos.overdue_principal == D("500.00")


# ------------------------------------------------------------------ properties


@st.composite
def loans_with_payments(draw: st.DrawFn) -> tuple[Schedule, date, list[Payment]]:
    terms = draw(loan_terms(max_term=36))
    schedule = build_schedule(terms)
    as_of = draw(
        st.dates(
            min_value=terms.first_due_date - timedelta(days=20),
            max_value=schedule.end_date + timedelta(days=120),
        )
    )
    count = draw(st.integers(0, 6))
    payments = [
        Payment(
            draw(st.dates(min_value=terms.first_due_date - timedelta(days=20), max_value=as_of)),
            Decimal(draw(st.integers(1, 5_000_000))).scaleb(-2),
        )
        for _ in range(count)
    ]
    return schedule, as_of, payments


@settings(max_examples=120, deadline=None)
@given(case=loans_with_payments(), daily=st.integers(0, 10).map(lambda n: Decimal(n).scaleb(-4)))
def test_position_amounts_are_never_negative_and_principal_is_conserved(
    case: tuple[Schedule, date, list[Payment]], daily: Decimal
) -> None:
    schedule, as_of, payments = case
    pos = position_on(schedule, as_of, payments=payments, penalty=PenaltyRate(daily))
    for amount in (pos.overdue_principal, pos.overdue_interest, pos.penalty_interest, pos.fees,
                   pos.outstanding_principal, pos.credit):
        assert amount >= 0
    assert pos.overdue_principal + pos.outstanding_principal <= schedule.total_principal
    if not payments:
        assert pos.overdue_principal + pos.outstanding_principal == schedule.total_principal
    assert pos.bucket is Bucket.for_dpd(pos.days_past_due)
    assert (pos.days_past_due > 0) == (pos.oldest_unpaid_due_date is not None)
    if pos.credit:
        assert pos.overdue_principal == pos.outstanding_principal == pos.overdue_interest == 0


@settings(max_examples=60, deadline=None)
@given(terms=loan_terms(max_term=24, method=RepaymentMethod.ANNUITY), late=st.integers(1, 400))
def test_dpd_counts_from_the_first_missed_due_date(terms: LoanTerms, late: int) -> None:
    schedule = build_schedule(terms)
    pos = position_on(schedule, terms.first_due_date + timedelta(days=late))
    assert pos.days_past_due == late


# ------------------------------------------------------------------ bad input


def test_payment_after_the_position_date_is_refused() -> None:
    with pytest.raises(InvalidPlanInput) as caught:
        position_on(interest_free(), date(2026, 1, 20), payments=[
            Payment(date(2026, 1, 10), D("1")), Payment(date(2026, 1, 21), D("1"))
        ])
    assert caught.value.field == "payments[1].paid_on"
    assert caught.value.code == "too_late"
    assert "on or before 2026-01-20" in caught.value.message(Language.EN)
    assert "还款日期" in caught.value.message(Language.ZH_CN)


@pytest.mark.parametrize("amount", [D("0"), D("-10"), D("1.005")])
def test_bad_payment_amounts_are_refused(amount: Decimal) -> None:
    with pytest.raises(InvalidPlanInput) as caught:
        position_on(interest_free(), date(2026, 1, 20), payments=[Payment(FIRST_DUE, amount)])
    assert caught.value.field == "payments[0].amount"


def test_fee_after_the_position_date_is_refused() -> None:
    with pytest.raises(InvalidPlanInput) as caught:
        position_on(interest_free(), date(2026, 1, 20), fees=[Fee(date(2026, 2, 1), D("10"))])
    assert caught.value.field == "fees[0].charged_on"


@pytest.mark.parametrize(
    ("rate", "basis"),
    [(D("-0.0001"), PenaltyBasis.DAILY), (D("0.002"), PenaltyBasis.DAILY),
     (D("0.5"), PenaltyBasis.ANNUAL)],
)
def test_penalty_rates_out_of_range_are_refused(rate: Decimal, basis: PenaltyBasis) -> None:
    with pytest.raises(InvalidPlanInput) as caught:
        PenaltyRate(rate, basis)
    assert caught.value.field == "penalty_rate"
    assert "%" in caught.value.message(Language.EN)


@pytest.mark.parametrize("amount", [D("0"), D("-3"), D("0.001")])
def test_bad_fee_amounts_are_refused(amount: Decimal) -> None:
    with pytest.raises(InvalidPlanInput) as caught:
        position_on(interest_free(), date(2026, 1, 20), fees=[Fee(date(2026, 1, 12), amount)])
    assert caught.value.field == "fees[0].amount"
