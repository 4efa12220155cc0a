"""Money, dates, times and days past due as a person reading the current language expects.

Money stays `Decimal` all the way: digits are grouped here with the locale's separators
(QLocale would want a float). Times are stored in UTC and shown in the agent's zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QObject, QTime, QTimeZone

from agentdesk.domain.vocabulary import Language
from agentdesk.ui.app import current_language, locale_for

CURRENCY_SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "HKD": "HK$", "GBP": "£"}
_DATE = {Language.ZH_CN: "yyyy-MM-dd", Language.EN: "d MMM yyyy"}
_SHORT_DATE = {Language.ZH_CN: "M月d日", Language.EN: "d MMM"}
_CENT = Decimal("0.01")


def _locale(language: Language | None) -> QLocale:
    return locale_for(language or current_language())


@lru_cache(maxsize=8)
def _separators(language: Language) -> tuple[str, str]:
    loc = locale_for(language)
    return loc.groupSeparator(), loc.decimalPoint()


def money(amount: Decimal | None, currency: str = "CNY", *, language: Language | None = None,
          symbol: bool = True) -> str:
    """`¥12,345.60`: two decimals, grouped, with the currency's symbol (or its code)."""
    if amount is None:
        return ""
    group, point = _separators(language or current_language())
    rounded = amount.quantize(_CENT, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, cents = f"{abs(rounded):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    number = group.join(groups) + point + (cents or "00")
    if not symbol:
        return sign + number
    mark = CURRENCY_SYMBOLS.get(currency)
    if mark is None:
        return f"{sign}{number} {currency}"
    return f"{sign}{mark}{number}"


def percent(value: Decimal, *, language: Language | None = None, places: int = 1) -> str:
    """A percentage already in percent (`Decimal("25")` → `25.0 %`)."""
    loc = _locale(language)
    text = f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"
    return text.replace(".", loc.decimalPoint()) + " %"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day(value: date | None, *, language: Language | None = None, short: bool = False) -> str:
    """A due date: `2026-11-28` in Chinese, `28 Nov 2026` in English."""
    if value is None:
        return ""
    return _day(value, language or current_language(), short)


@lru_cache(maxsize=4096)
def _day(value: date, language: Language, short: bool) -> str:
    # Cached: a queue shows the same few hundred dates over and over.
    fmt = (_SHORT_DATE if short else _DATE)[language]
    return locale_for(language).toString(_qdate(value), fmt)


def local_time(value: datetime | None, time_zone: str = "Asia/Shanghai") -> datetime | None:
    """A UTC time seen in `time_zone`."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(ZoneInfo(time_zone))


def moment(value: datetime | None, time_zone: str = "Asia/Shanghai", *,
           language: Language | None = None) -> str:
    """A time of day with its date, in the agent's zone: `2026-11-28 10:05`."""
    local = local_time(value, time_zone)
    if local is None:
        return ""
    lang = language or current_language()
    return f"{day(local.date(), language=lang)} {local:%H:%M}"


def to_qdatetime(value: datetime) -> QDateTime:
    """A Python aware datetime as a QDateTime in UTC (for widgets that want one)."""
    utc = value.astimezone(UTC)
    return QDateTime(_qdate(utc.date()), QTime(utc.hour, utc.minute, utc.second),
                     QTimeZone.utc())


class Formatting(QObject):
    """Texts that count: lupdate reads plural forms only from `tr()` calls, not from
    `QCoreApplication.translate`, so they live on a QObject named like their context."""

    def days_past_due(self, dpd: int) -> str:
        return self.tr("%n day(s) past due", "", dpd)


@lru_cache(maxsize=1)
def _counting() -> Formatting:
    return Formatting()


def days_past_due(dpd: int) -> str:
    """`15 days past due` / `逾期 15 天`."""
    return _counting().days_past_due(dpd)


def relative_day(value: date, today: date) -> str:
    """`today`, `tomorrow`, `yesterday`, or the date itself."""
    delta = (value - today).days
    if delta == 0:
        return QCoreApplication.translate("Formatting", "today")
    if delta == 1:
        return QCoreApplication.translate("Formatting", "tomorrow")
    if delta == -1:
        return QCoreApplication.translate("Formatting", "yesterday")
    return day(value)
