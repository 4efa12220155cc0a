"""Money: half-up rounding per currency, minor units, and the amount checks every rule uses."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentdesk.domain.errors import InvalidMoney, InvalidPlanInput
from agentdesk.domain.money import (
    from_minor,
    is_whole_minor,
    minor_digits,
    quantum,
    require_amount,
    round_money,
    to_minor,
)
from agentdesk.domain.vocabulary import Language

D = Decimal


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [
        ("2.345", "2.35"),
        ("2.344", "2.34"),
        ("2.335", "2.34"),
        ("-2.345", "-2.35"),
        ("0.005", "0.01"),
    ],
)
def test_rounding_is_half_up_not_bankers(amount: str, rounded: str) -> None:
    assert round_money(D(amount)) == D(rounded)


def test_currencies_have_their_own_minor_units() -> None:
    assert minor_digits("CNY") == minor_digits("USD") == 2
    assert quantum("USD") == D("0.01")
    assert round_money(D("1234.5"), "JPY") == D("1235")
    assert to_minor(D("1235"), "JPY") == 1235


def test_minor_units_round_trip() -> None:
    assert to_minor(D("123.45")) == 12345
    assert from_minor(12345) == D("123.45")
    assert to_minor(D("-0.07")) == -7
    assert to_minor(D("5")) == 500


@settings(max_examples=200)
@given(units=st.integers(min_value=-(10**15), max_value=10**15))
def test_minor_units_round_trip_for_any_amount(units: int) -> None:
    assert to_minor(from_minor(units)) == units
    assert is_whole_minor(from_minor(units))


def test_sub_fen_amounts_are_not_stored_silently() -> None:
    with pytest.raises(InvalidMoney) as caught:
        to_minor(D("1.005"), field="payment")
    assert caught.value.code == "too_precise"
    assert caught.value.field == "payment"
    assert "0.01 CNY" in caught.value.message(Language.EN)
    assert "0.01 CNY 的整数倍" in caught.value.message(Language.ZH_CN)


def test_non_finite_amounts_are_refused() -> None:
    with pytest.raises(InvalidMoney) as caught:
        to_minor(D("Infinity"))
    assert caught.value.code == "wrong_type"


def test_unknown_currency_is_refused_in_both_languages() -> None:
    with pytest.raises(InvalidMoney) as caught:
        round_money(D("1"), "XBT")
    assert caught.value.field == "currency"
    assert "one of CNY, EUR, HKD, JPY, USD" in caught.value.message(Language.EN)
    assert "以下之一" in caught.value.message(Language.ZH_CN)


@pytest.mark.parametrize(
    ("amount", "allow_zero", "code", "words"),
    [
        (D("0"), False, "out_of_range", "more than 0"),
        (D("-1"), True, "out_of_range", "at least 0"),
        (D("0.001"), True, "too_precise", "whole multiple"),
        (D("NaN"), True, "wrong_type", "finite"),
    ],
)
def test_require_amount_names_field_and_range(
    amount: Decimal, allow_zero: bool, code: str, words: str
) -> None:
    with pytest.raises(InvalidPlanInput) as caught:
        require_amount(amount, "principal", allow_zero=allow_zero, error=InvalidPlanInput)
    assert caught.value.code == code
    assert caught.value.field == "principal"
    assert words in caught.value.message(Language.EN)
    assert caught.value.message(Language.ZH_CN).startswith("本金")


def test_require_amount_accepts_good_amounts() -> None:
    require_amount(D("0.01"), "principal")
    require_amount(D("0"), "fee", allow_zero=True)
