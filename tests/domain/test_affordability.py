"""Affordability: disposable income, the instalment's share of it, and the warning."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentdesk.domain.affordability import assess_affordability, assess_schedule
from agentdesk.domain.errors import InvalidPlanInput
from agentdesk.domain.schedule import LoanTerms, RepaymentMethod, build_schedule
from agentdesk.domain.vocabulary import Language

D = Decimal


def test_within_the_default_half() -> None:
    result = assess_affordability(D("9000.00"), D("5000.00"), D("1500.00"))
    assert result.disposable_income == D("4000.00")
    assert result.share_percent == D("37.50")
    assert not result.warning
    assert result.message(Language.EN) == (
        "The largest instalment 1,500.00 takes 37.50 % of the disposable income 4,000.00, "
        "within 50 %."
    )
    assert "在 50 % 以内" in result.message(Language.ZH_CN)


def test_over_the_share_warns() -> None:
    result = assess_affordability(D("9000.00"), D("5000.00"), D("2500.00"))
    assert result.share_percent == D("62.50")
    assert result.warning
    assert "over 50 %" in result.message(Language.EN)
    assert "超过 50 %" in result.message(Language.ZH_CN)


def test_exactly_at_the_share_does_not_warn() -> None:
    assert not assess_affordability(D("4000"), D("0"), D("2000")).warning


def test_configurable_share() -> None:
    result = assess_affordability(
        D("9000.00"), D("5000.00"), D("1500.00"), max_share_percent=D("30")
    )
    assert result.warning
    assert "over 30 %" in result.message(Language.EN)


def test_no_disposable_income_always_warns() -> None:
    result = assess_affordability(D("0"), D("3000.00"), D("100.00"))
    assert result.disposable_income == D("-3000.00")
    assert result.share_percent is None
    assert result.warning
    assert "no disposable income" in result.message(Language.EN)
    assert "没有可支配收入" in result.message(Language.ZH_CN)


def test_schedule_is_judged_by_its_largest_instalment() -> None:
    schedule = build_schedule(
        LoanTerms(D("12000"), D("0.12"), 12, date(2026, 1, 1), RepaymentMethod.EQUAL_PRINCIPAL)
    )
    result = assess_schedule(D("5000"), D("2000"), schedule)
    assert result.instalment == schedule.instalments[0].total == D("1120.00")


@settings(max_examples=100)
@given(
    income=st.integers(0, 10_000_000).map(lambda f: Decimal(f).scaleb(-2)),
    expenses=st.integers(0, 10_000_000).map(lambda f: Decimal(f).scaleb(-2)),
    instalment=st.integers(1, 1_000_000).map(lambda f: Decimal(f).scaleb(-2)),
    share=st.integers(1, 100).map(Decimal),
)
def test_warning_exactly_when_over_the_share(
    income: Decimal, expenses: Decimal, instalment: Decimal, share: Decimal
) -> None:
    result = assess_affordability(income, expenses, instalment, max_share_percent=share)
    disposable = income - expenses
    assert result.disposable_income == disposable
    if disposable <= 0:
        assert result.warning and result.share_percent is None
    else:
        assert result.warning == (instalment / disposable * 100 > share)


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((D("-1"), D("0"), D("100")), "monthly_income"),
        ((D("1000"), D("-5"), D("100")), "essential_expenses"),
        ((D("1000"), D("0"), D("0")), "instalment"),
        ((D("1000.001"), D("0"), D("100")), "monthly_income"),
    ],
)
def test_bad_amounts_are_refused(args: tuple[Decimal, Decimal, Decimal], field: str) -> None:
    with pytest.raises(InvalidPlanInput) as caught:
        assess_affordability(*args)
    assert caught.value.field == field
    assert caught.value.message(Language.ZH_CN) != caught.value.message(Language.EN)


@pytest.mark.parametrize("share", [D("0"), D("-10"), D("100.01"), D("NaN")])
def test_bad_share_is_refused(share: Decimal) -> None:
    with pytest.raises(InvalidPlanInput) as caught:
        assess_affordability(D("1000"), D("0"), D("100"), max_share_percent=share)
    assert caught.value.field == "max_share_percent"
    assert "more than 0 % and at most 100 %" in caught.value.message(Language.EN)
