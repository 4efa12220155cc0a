"""Contractual schedules: published figures, the numpy-financial oracle, dates, properties."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentdesk.domain.errors import InvalidPlanInput
from agentdesk.domain.money import round_money
from agentdesk.domain.schedule import (
    LoanTerms,
    RepaymentMethod,
    add_months,
    annuity_payment,
    build_schedule,
    due_dates,
    level_payment,
    months_between,
)
from agentdesk.domain.vocabulary import Language

from .plan_strategies import annual_rates, loan_terms, principals

D = Decimal


def mortgage(method: RepaymentMethod) -> LoanTerms:
    return LoanTerms(D("1000000"), D("0.049"), 360, date(2026, 1, 20), method)


# ------------------------------------------------------------------ published figures


def test_annuity_published_figure() -> None:
    schedule = build_schedule(mortgage(RepaymentMethod.ANNUITY))
    totals = [i.total for i in schedule.instalments]
    assert totals[0] == D("5307.27")
    assert set(totals[:-1]) == {D("5307.27")}
    assert schedule.total_principal == D("1000000.00")
    assert schedule.instalments[0].interest == D("4083.33")


def test_equal_principal_published_figure() -> None:
    schedule = build_schedule(mortgage(RepaymentMethod.EQUAL_PRINCIPAL))
    totals = [i.total for i in schedule.instalments]
    assert totals[0] == D("6861.11")
    drops = {a - b for a, b in itertools.pairwise(totals)}
    # 2,777.78 of principal a month × 4.9 % ÷ 12 = 11.34 less interest each month (± a fen
    # where the fen left over from 1,000,000 ÷ 360 change instalment).
    assert drops <= {D("11.33"), D("11.34"), D("11.35"), D("11.36")}
    steps = sorted(a - b for a, b in itertools.pairwise(totals))
    assert steps[len(steps) // 2] == D("11.34")
    assert schedule.total_principal == D("1000000.00")


def test_interest_only_pays_principal_last() -> None:
    terms = LoanTerms(D("12000"), D("0.12"), 12, date(2026, 3, 10), RepaymentMethod.INTEREST_ONLY)
    schedule = build_schedule(terms)
    assert [i.total for i in schedule.instalments[:-1]] == [D("120.00")] * 11
    last = schedule.instalments[-1]
    assert (last.principal, last.interest, last.total) == (D("12000"), D("120.00"), D("12120.00"))
    assert last.remaining_principal == 0


def test_annuity_never_ends_with_an_empty_instalment() -> None:
    # 100.00 at 35.73 % over 104 months: the half-up payment (3.13) would repay the loan a
    # month early; the payment drops a fen and the last instalment takes the remainder.
    terms = LoanTerms(D("100.00"), D("0.3573"), 104, date(2020, 1, 1))
    schedule = build_schedule(terms)
    totals = [i.total for i in schedule.instalments]
    assert annuity_payment(terms.principal, terms.monthly_rate, 104) == D("3.13")
    assert set(totals[:-1]) == {D("3.12")}
    assert totals[-1] > D("3.12")
    assert schedule.total_principal == D("100.00")
    assert level_payment(terms.principal, terms.monthly_rate, 104) == D("3.12")


def test_level_payment_is_the_formula_for_ordinary_loans() -> None:
    assert level_payment(D("1000000"), D("0.049") / 12, 360) == D("5307.27")


def test_zero_rate_annuity_splits_principal() -> None:
    schedule = build_schedule(LoanTerms(D("1000.00"), D("0"), 3, date(2026, 1, 1)))
    assert [i.total for i in schedule.instalments] == [D("333.33"), D("333.33"), D("333.34")]
    assert schedule.total_interest == 0


def test_monthly_fee_is_added_to_each_instalment_but_not_to_the_balance() -> None:
    terms = LoanTerms(D("6000"), D("0.06"), 6, date(2026, 1, 5), monthly_fee=D("15.00"))
    schedule = build_schedule(terms)
    assert all(i.fees == D("15.00") for i in schedule.instalments)
    assert all(i.total == i.principal + i.interest + i.fees for i in schedule.instalments)
    assert schedule.total_fees == D("90.00")
    assert schedule.instalments[0].remaining_balance == schedule.instalments[0].remaining_principal


# ------------------------------------------------------------------ oracle


@settings(max_examples=150, deadline=None)
@given(principal=principals, rate=annual_rates, periods=st.integers(1, 360))
def test_annuity_payment_matches_numpy_financial(
    principal: Decimal, rate: Decimal, periods: int
) -> None:
    oracle = npf.pmt(float(rate) / 12, periods, -float(principal))
    ours = annuity_payment(principal, rate / 12, periods)
    # The oracle works in binary floating point; ours rounds the exact value half-up.
    assert abs(ours - round_money(Decimal(str(float(oracle))))) <= D("0.01")


@pytest.mark.parametrize(
    ("principal", "rate", "months", "payment"),
    [
        ("100000", "0.06", 12, "8606.64"),
        ("300000", "0.0435", 60, "5572.47"),
        ("50000", "0.24", 36, "1961.64"),
    ],
)
def test_annuity_payments_against_the_oracle_at_known_points(
    principal: str, rate: str, months: int, payment: str
) -> None:
    oracle = npf.pmt(float(rate) / 12, months, -float(principal))
    assert str(round(oracle, 2)) == payment
    assert annuity_payment(D(principal), D(rate) / 12, months) == D(payment)


# numpy-financial divides by a zero rate before choosing its zero-rate branch.
@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
@settings(max_examples=60, deadline=None)
@given(principal=principals, rate=annual_rates, periods=st.integers(2, 120))
def test_annuity_interest_and_principal_split_matches_numpy_financial(
    principal: Decimal, rate: Decimal, periods: int
) -> None:
    schedule = build_schedule(
        LoanTerms(principal, rate, periods, date(2026, 1, 15), RepaymentMethod.ANNUITY)
    )
    monthly = float(rate) / 12
    # Our balance carries each month's rounding; the oracle's does not. Over a few months
    # the two stay within a fen or two per line.
    for k, inst in enumerate(schedule.instalments[:6], start=1):
        if k == periods:
            break
        interest = -float(npf.ipmt(monthly, k, periods, float(principal)))
        paid = -float(npf.ppmt(monthly, k, periods, float(principal)))
        assert abs(float(inst.interest) - interest) <= 0.02 * k
        assert abs(float(inst.principal) - paid) <= 0.02 * k


# ------------------------------------------------------------------ due dates


def test_due_day_clamps_to_month_end_and_returns_to_the_anchor() -> None:
    dates = due_dates(date(2026, 1, 31), 5)
    assert dates == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
    ]


def test_leap_february() -> None:
    assert due_dates(date(2027, 12, 30), 3) == [
        date(2027, 12, 30),
        date(2028, 1, 30),
        date(2028, 2, 29),
    ]


def test_schedule_dates_follow_the_first_due_day() -> None:
    schedule = build_schedule(LoanTerms(D("5000"), D("0.1"), 14, date(2026, 8, 31)))
    assert [i.due_date.day for i in schedule.instalments] == [
        31, 30, 31, 30, 31, 31, 28, 31, 30, 31, 30, 31, 31, 30,
    ]
    assert schedule.end_date == date(2027, 9, 30)


def test_add_months_crosses_years_both_ways() -> None:
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert months_between(date(2026, 11, 30), date(2027, 2, 28)) == 3


# ------------------------------------------------------------------ properties


@settings(max_examples=200, deadline=None)
@given(terms=loan_terms())
def test_principal_repaid_equals_principal_lent_and_balances_end_at_zero(
    terms: LoanTerms,
) -> None:
    schedule = build_schedule(terms)
    assert len(schedule.instalments) == terms.term_months
    assert schedule.total_principal == terms.principal
    balances = [i.remaining_principal for i in schedule.instalments]
    assert all(b >= 0 for b in balances)
    assert balances == sorted(balances, reverse=True)
    assert balances[-1] == 0
    for inst in schedule.instalments:
        assert inst.principal >= 0 and inst.interest >= 0
        assert inst.total == inst.principal + inst.interest + inst.fees
        assert inst.total == round_money(inst.total)


@settings(max_examples=150, deadline=None)
@given(terms=loan_terms(method=RepaymentMethod.ANNUITY))
def test_annuity_instalments_are_equal_except_the_last(terms: LoanTerms) -> None:
    totals = [i.total for i in build_schedule(terms).instalments]
    assert len(set(totals[:-1])) <= 1
    # The last one absorbs the rounding: at most a fen a month (half from the payment,
    # half from the interest), compounded at the loan's rate until the end.
    monthly = terms.annual_rate / 12
    periods = terms.term_months
    growth = (periods if monthly == 0 else ((1 + monthly) ** periods - 1) / monthly)
    assert abs(totals[-1] - totals[0]) <= D("0.01") * (growth + 1)


@settings(max_examples=150, deadline=None)
@given(terms=loan_terms(method=RepaymentMethod.EQUAL_PRINCIPAL))
def test_equal_principal_instalments_never_increase(terms: LoanTerms) -> None:
    schedule = build_schedule(terms)
    totals = [i.total for i in schedule.instalments]
    assert all(a >= b for a, b in itertools.pairwise(totals))
    principals_paid = [i.principal for i in schedule.instalments]
    assert max(principals_paid) - min(principals_paid) <= D("0.01")


@settings(max_examples=100, deadline=None)
@given(terms=loan_terms(method=RepaymentMethod.INTEREST_ONLY))
def test_interest_only_repays_principal_in_the_last_instalment(terms: LoanTerms) -> None:
    schedule = build_schedule(terms)
    assert all(i.principal == 0 for i in schedule.instalments[:-1])
    assert schedule.instalments[-1].principal == terms.principal


@settings(max_examples=150, deadline=None)
@given(
    principal=principals,
    rate=annual_rates,
    periods=st.integers(1, 300),
    extra=st.integers(1, 60),
)
def test_extension_never_raises_an_annuity_payment(
    principal: Decimal, rate: Decimal, periods: int, extra: int
) -> None:
    assert annuity_payment(principal, rate / 12, periods + extra) <= annuity_payment(
        principal, rate / 12, periods
    )


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"principal": D("0")}, "principal"),
        ({"principal": D("-5")}, "principal"),
        ({"principal": D("10.001")}, "principal"),
        ({"annual_rate": D("-0.01")}, "annual_rate"),
        ({"annual_rate": D("0.37")}, "annual_rate"),
        ({"annual_rate": D("NaN")}, "annual_rate"),
        ({"term_months": 0}, "term_months"),
        ({"term_months": 361}, "term_months"),
        ({"currency": "XXX"}, "currency"),
        ({"monthly_fee": D("-1")}, "monthly_fee"),
    ],
)
def test_bad_terms_name_the_field(change: dict[str, object], field: str) -> None:
    values: dict[str, object] = {
        "principal": D("1000"),
        "annual_rate": D("0.1"),
        "term_months": 12,
        "first_due_date": date(2026, 1, 1),
    }
    values.update(change)
    with pytest.raises(InvalidPlanInput) as caught:
        LoanTerms(**values)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert caught.value.message(Language.ZH_CN)
    assert caught.value.message(Language.EN)


def test_rate_error_states_the_range_in_percent_in_both_languages() -> None:
    with pytest.raises(InvalidPlanInput) as caught:
        LoanTerms(D("1000"), D("0.5"), 12, date(2026, 1, 1))
    assert caught.value.message(Language.EN) == (
        "Annual rate is 50 %, which is out of range: it must be from 0 % to 36 %."
    )
    assert caught.value.message(Language.ZH_CN) == (
        "年利率的值 50 % 超出允许范围：应为0 % 至 36 %。"
    )


def test_term_error_states_months() -> None:
    with pytest.raises(InvalidPlanInput) as caught:
        LoanTerms(D("1000"), D("0.1"), 0, date(2026, 1, 1))
    assert "from 1 months to 360 months" in caught.value.message(Language.EN)
    assert "1 个月 至 360 个月" in caught.value.message(Language.ZH_CN)


def test_unknown_method_is_refused() -> None:
    with pytest.raises(InvalidPlanInput) as caught:
        LoanTerms(D("1000"), D("0.1"), 12, date(2026, 1, 1), "balloon")  # type: ignore[arg-type]
    assert caught.value.field == "method"
    assert "annuity, equal_principal, interest_only" in caught.value.message(Language.EN)


def test_annuity_payment_needs_at_least_one_month() -> None:
    with pytest.raises(InvalidPlanInput) as caught:
        annuity_payment(D("1000"), D("0.01"), 0)
    assert caught.value.field == "term_months"


def test_method_names_for_people() -> None:
    assert RepaymentMethod.ANNUITY.label(Language.ZH_CN) == "等额本息"
    assert RepaymentMethod.INTEREST_ONLY.label(Language.EN) == "Interest only, then principal"
