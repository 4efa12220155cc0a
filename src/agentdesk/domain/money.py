"""Money: Decimal amounts rounded to a currency's minor unit, and integer minor units.

Code works in `Decimal`; databases store integer minor units (fen, cents); the wire
carries decimal strings. Rounding is half-up ("四舍五入"), the rule lenders print on
repayment schedules, not the banker's rounding `Decimal` uses by default.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from agentdesk.domain.errors import AllowedRange, DomainError, InvalidMoney, Unit
from agentdesk.domain.vocabulary import Language

DEFAULT_CURRENCY = "CNY"

# Minor-unit exponents of the currencies a lender here deals in (ISO 4217).
MINOR_UNIT_DIGITS: dict[str, int] = {
    "CNY": 2,
    "USD": 2,
    "HKD": 2,
    "EUR": 2,
    "JPY": 0,
}

ZERO = Decimal(0)

_QUANTA = {code: Decimal(1).scaleb(-digits) for code, digits in MINOR_UNIT_DIGITS.items()}


_FINITE = {Language.ZH_CN: "有限的十进制金额", Language.EN: "a finite decimal amount"}


def _whole_minor(currency: str) -> dict[Language, str]:
    step = quantum(currency)
    return {
        Language.ZH_CN: f"{step} {currency} 的整数倍",
        Language.EN: f"a whole multiple of {step} {currency}",
    }


def _check_currency(currency: str) -> None:
    if currency not in MINOR_UNIT_DIGITS:
        raise InvalidMoney(
            "unknown",
            "currency",
            currency,
            {
                Language.ZH_CN: "以下之一：" + "、".join(sorted(MINOR_UNIT_DIGITS)),
                Language.EN: "one of " + ", ".join(sorted(MINOR_UNIT_DIGITS)),
            },
        )


def minor_digits(currency: str = DEFAULT_CURRENCY) -> int:
    """How many decimal places the currency's minor unit has (CNY: 2)."""
    _check_currency(currency)
    return MINOR_UNIT_DIGITS[currency]


def quantum(currency: str = DEFAULT_CURRENCY) -> Decimal:
    """The smallest amount of the currency (CNY: Decimal("0.01"))."""
    _check_currency(currency)
    return _QUANTA[currency]


def round_money(amount: Decimal, currency: str = DEFAULT_CURRENCY) -> Decimal:
    """`amount` rounded half-up to the currency's minor unit."""
    try:
        step = _QUANTA[currency]
    except KeyError:
        _check_currency(currency)  # raises the typed error
        raise
    return amount.quantize(step, ROUND_HALF_UP)  # positional: no keyword parsing per call


def is_whole_minor(amount: Decimal, currency: str = DEFAULT_CURRENCY) -> bool:
    """Whether `amount` is an exact number of minor units (no fraction of a fen)."""
    return round_money(amount, currency) == amount


def to_minor(amount: Decimal, currency: str = DEFAULT_CURRENCY, *, field: str = "amount") -> int:
    """`amount` as an integer number of minor units, for storage.

    Raises `InvalidMoney` if the amount holds a fraction of a minor unit: storing it would
    silently round it, and the rounding belongs to the rule that produced the amount.
    """
    if not amount.is_finite():
        raise InvalidMoney("wrong_type", field, amount, _FINITE)
    if not is_whole_minor(amount, currency):
        raise InvalidMoney(
            "too_precise",
            field,
            amount,
            _whole_minor(currency),
        )
    return int(amount.scaleb(MINOR_UNIT_DIGITS[currency]))


def from_minor(units: int, currency: str = DEFAULT_CURRENCY) -> Decimal:
    """An integer number of minor units as a Decimal amount (12345 fen → Decimal("123.45"))."""
    _check_currency(currency)
    return Decimal(units).scaleb(-MINOR_UNIT_DIGITS[currency])


def require_amount(
    amount: Decimal,
    field: str,
    currency: str = DEFAULT_CURRENCY,
    *,
    allow_zero: bool = False,
    error: type[DomainError] = InvalidMoney,
) -> None:
    """Refuse an amount that is not positive (or non-negative) or finer than the minor unit.

    Used by every rule that takes money from a person, so all of them say the same thing.
    """
    raise_as = error
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise raise_as("wrong_type", field, amount, _FINITE)
    if amount < 0 or (amount == 0 and not allow_zero):
        raise raise_as(
            "out_of_range",
            field,
            amount,
            AllowedRange(low=ZERO, low_inclusive=allow_zero, unit=Unit.MONEY),
        )
    if not is_whole_minor(amount, currency):
        raise raise_as(
            "too_precise",
            field,
            amount,
            _whole_minor(currency),
        )
