"""Reading one CSV cell: each parser returns the value or raises `Bad` with both reasons."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Bad(ValueError):
    """A cell that cannot be taken, with the reason in Chinese and English."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


Parser = Callable[[str], Any]


def text(max_len: int) -> Parser:
    """Any non-empty text up to `max_len` characters."""

    def parse(value: str) -> str:
        if len(value) > max_len:
            raise Bad(f"长度超过 {max_len} 个字符", f"longer than {max_len} characters")
        return value

    return parse


def external_id(value: str) -> str:
    """An identifier from the lender's own systems: letters, digits, - _ . / :"""
    if len(value) > 64:
        raise Bad("长度超过 64 个字符", "longer than 64 characters")
    if not all(c.isalnum() or c in "-_./:" for c in value) or not value.isascii():
        raise Bad("只能包含字母、数字和 - _ . / :", "only letters, digits and - _ . / : allowed")
    return value


def iso_date(value: str) -> date:
    """A date as YYYY-MM-DD."""
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise Bad("日期格式应为 YYYY-MM-DD", "a date must be written YYYY-MM-DD") from exc


def money(value: str, *, allow_zero: bool = False) -> Decimal:
    """An amount in the currency's main unit with at most 2 decimals (e.g. 1234.56)."""
    try:
        amount = Decimal(value)
    except InvalidOperation as exc:
        raise Bad("不是有效金额（例如 1234.56）", "not an amount (e.g. 1234.56)") from exc
    if not amount.is_finite():
        raise Bad("不是有效金额（例如 1234.56）", "not an amount (e.g. 1234.56)")
    if amount < 0 or (amount == 0 and not allow_zero):
        raise Bad(
            "金额必须大于 0" if not allow_zero else "金额不能为负",
            "the amount must be more than 0" if not allow_zero else "the amount cannot be negative",
        )
    if amount != amount.quantize(Decimal("0.01")):
        raise Bad("金额最多两位小数", "at most 2 decimal places")
    if amount >= Decimal("1e13"):
        raise Bad("金额过大", "the amount is too large")
    return amount


def positive_money(value: str) -> Decimal:
    """An amount more than zero."""
    return money(value)


def non_negative_money(value: str) -> Decimal:
    """An amount of zero or more."""
    return money(value, allow_zero=True)


def rate(value: str) -> Decimal:
    """An annual rate as a fraction 0–0.36 (0.049) or a percent with % (4.9%)."""
    raw = value.strip()
    try:
        number = Decimal(raw[:-1]) / 100 if raw.endswith("%") else Decimal(raw)
    except InvalidOperation as exc:
        raise Bad("不是有效利率（例如 0.049 或 4.9%）", "not a rate (e.g. 0.049 or 4.9%)") from exc
    if not number.is_finite() or number < 0 or number > Decimal("0.36"):
        raise Bad("年利率应在 0 至 36% 之间", "the annual rate must be from 0 to 36%")
    return number


def int_range(low: int, high: int) -> Parser:
    """A whole number from `low` to `high`."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError as exc:
            raise Bad("不是整数", "not a whole number") from exc
        if not low <= number <= high:
            raise Bad(f"应在 {low} 至 {high} 之间", f"must be from {low} to {high}")
        return number

    return parse


def one_of(*allowed: str) -> Parser:
    """One of the listed words (case-insensitive)."""

    def parse(value: str) -> str:
        word = value.strip().lower()
        for a in allowed:
            if a.lower() == word:
                return a
        listing = ", ".join(allowed)
        raise Bad(f"应为以下之一：{listing}", f"must be one of: {listing}")

    return parse


def time_zone(value: str) -> str:
    """An IANA time zone name such as Asia/Shanghai."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise Bad(
            "不是 IANA 时区（例如 Asia/Shanghai）", "not an IANA time zone (e.g. Asia/Shanghai)"
        ) from exc
    return value


def currency(value: str) -> str:
    """A currency code the money rules know."""
    from agentdesk.domain.money import MINOR_UNIT_DIGITS

    code = value.strip().upper()
    if code not in MINOR_UNIT_DIGITS:
        listing = ", ".join(sorted(MINOR_UNIT_DIGITS))
        raise Bad(f"币种应为以下之一：{listing}", f"the currency must be one of: {listing}")
    return code
