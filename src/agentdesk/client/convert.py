"""How values are kept in the local store: money in minor units, times as UTC text.

Times are stored as fixed-width ISO 8601 text in UTC (`2026-11-28T09:30:00.000000+00:00`),
so text order is time order and an index on the column sorts correctly.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

# ISO 4217 minor-unit exponents that differ from the usual two decimals.
_MINOR_EXPONENT = {"JPY": 0, "KRW": 0, "VND": 0, "BHD": 3, "KWD": 3, "JOD": 3}


def minor_exponent(currency: str) -> int:
    """Decimal places of `currency`'s minor unit (2 for CNY and USD)."""
    return _MINOR_EXPONENT.get(currency, 2)


def to_minor(amount: Decimal, currency: str) -> int:
    """`Decimal("12.34")` CNY → 1234. Refuses amounts finer than the minor unit."""
    scaled = amount.scaleb(minor_exponent(currency))
    if scaled != scaled.to_integral_value():
        raise ValueError(
            f"金额 {amount} 超出 {currency} 的最小单位精度 / "
            f"amount {amount} is finer than the minor unit of {currency}"
        )
    return int(scaled)


def from_minor(minor: int, currency: str) -> Decimal:
    """1234 CNY → `Decimal("12.34")`."""
    exponent = minor_exponent(currency)
    return Decimal(minor).scaleb(-exponent).quantize(Decimal(1).scaleb(-exponent))


def utc_text(moment: datetime | None) -> str | None:
    """A timezone-aware datetime as sortable UTC text; naive datetimes are refused."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError(f"时间必须带时区 / time must be timezone-aware, got {moment!r}")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_utc(text: str | None) -> datetime | None:
    """Stored UTC text back to an aware datetime."""
    return None if text is None else datetime.fromisoformat(text)


def date_text(day: date | None) -> str | None:
    """A date as ISO text (sortable)."""
    return None if day is None else day.isoformat()


def parse_date(text: str | None) -> date | None:
    """Stored ISO date text back to a date."""
    return None if text is None else date.fromisoformat(text)


def utc_now() -> datetime:
    """The current time, aware, in UTC (the default clock of the store)."""
    return datetime.now(UTC)
