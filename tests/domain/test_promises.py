"""Promise-to-pay checks: amount within what is owed, date from today to the horizon."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agentdesk.domain.promises import DEFAULT_HORIZON_DAYS, InvalidPromise, check_promise
from agentdesk.domain.vocabulary import Language

TODAY = date(2026, 11, 28)
OWED = Decimal("2259.52")


def test_a_promise_within_the_debt_and_the_horizon_is_accepted() -> None:
    terms = check_promise(Decimal("500.00"), date(2026, 12, 5), owed=OWED, today=TODAY)
    assert terms.amount == Decimal("500.00")
    assert terms.due_date == date(2026, 12, 5)


@pytest.mark.parametrize("amount", ["0", "-1.00", "2259.53", "10000"])
def test_amounts_outside_zero_to_owed_are_refused(amount: str) -> None:
    with pytest.raises(InvalidPromise) as caught:
        check_promise(Decimal(amount), TODAY, owed=OWED, today=TODAY)
    assert caught.value.field == "amount"


def test_the_whole_debt_today_is_the_edge_that_is_accepted() -> None:
    assert check_promise(OWED, TODAY, owed=OWED, today=TODAY).amount == OWED


def test_sub_fen_amounts_are_refused() -> None:
    with pytest.raises(InvalidPromise) as caught:
        check_promise(Decimal("10.005"), TODAY, owed=OWED, today=TODAY)
    assert caught.value.code == "too_precise"


def test_a_date_in_the_past_is_refused_in_both_languages() -> None:
    with pytest.raises(InvalidPromise) as caught:
        check_promise(Decimal("100"), TODAY - timedelta(days=1), owed=OWED, today=TODAY)
    error = caught.value
    assert error.code == "too_early"
    assert "Promised date" in error.message(Language.EN)
    assert "承诺还款日期" in error.message(Language.ZH_CN)


def test_a_date_past_the_horizon_is_refused() -> None:
    last = TODAY + timedelta(days=DEFAULT_HORIZON_DAYS)
    assert check_promise(Decimal("100"), last, owed=OWED, today=TODAY).due_date == last
    with pytest.raises(InvalidPromise) as caught:
        check_promise(Decimal("100"), last + timedelta(days=1), owed=OWED, today=TODAY)
    assert caught.value.code == "too_late"
    with pytest.raises(InvalidPromise):
        check_promise(Decimal("100"), TODAY + timedelta(days=8), owed=OWED, today=TODAY,
                      horizon_days=7)


@given(
    cents=st.integers(min_value=-10_000, max_value=500_000),
    offset=st.integers(min_value=-40, max_value=40),
)
def test_accepted_promises_always_lie_inside_both_ranges(cents: int, offset: int) -> None:
    amount = Decimal(cents).scaleb(-2)
    due = TODAY + timedelta(days=offset)
    try:
        terms = check_promise(amount, due, owed=OWED, today=TODAY)
    except InvalidPromise:
        assert not (0 < amount <= OWED and 0 <= offset <= DEFAULT_HORIZON_DAYS)
    else:
        assert 0 < terms.amount <= OWED
        assert TODAY <= terms.due_date <= TODAY + timedelta(days=DEFAULT_HORIZON_DAYS)
