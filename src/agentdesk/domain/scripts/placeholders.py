"""Placeholders in script text: what case data each needs, and how it reads in each language.

The data fields and whether each is a *debt detail* are fixed here, in code, not in the
script: a script author can add a placeholder with its own wording, but cannot make the
amount overdue look like harmless data. A walk with a third party on the line refuses to
render any placeholder that reads a debt field (CN-4, US-8).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from agentdesk.domain.vocabulary import Language


class ValueKind(StrEnum):
    """How a data field is formatted."""

    TEXT = "text"
    MONEY = "money"
    DATE = "date"
    COUNT = "count"


@dataclass(frozen=True)
class DataField:
    """A piece of case data a placeholder can read."""

    name: str
    kind: ValueKind
    debt_detail: bool


# The case data a script may speak of. Debt details are everything that reveals that a
# debt exists or how large or late it is.
DATA_FIELDS: Mapping[str, DataField] = {
    f.name: f
    for f in (
        DataField("borrower_name", ValueKind.TEXT, debt_detail=False),
        DataField("agent_name", ValueKind.TEXT, debt_detail=False),
        DataField("company", ValueKind.TEXT, debt_detail=False),
        DataField("callback_number", ValueKind.TEXT, debt_detail=False),
        DataField("amount_overdue", ValueKind.MONEY, debt_detail=True),
        DataField("outstanding_balance", ValueKind.MONEY, debt_detail=True),
        DataField("instalment", ValueKind.MONEY, debt_detail=True),
        DataField("due_date", ValueKind.DATE, debt_detail=True),
        DataField("dpd", ValueKind.COUNT, debt_detail=True),
        DataField("loan_reference", ValueKind.TEXT, debt_detail=True),
        DataField("product_name", ValueKind.TEXT, debt_detail=True),
        DataField("broken_promises", ValueKind.COUNT, debt_detail=True),
        DataField("promise_amount", ValueKind.MONEY, debt_detail=True),
        DataField("promise_date", ValueKind.DATE, debt_detail=True),
    )
}


@dataclass(frozen=True)
class Placeholder:
    """A `{name}` usable in script text: the field it reads and its wording per language.

    `formats` maps a language to a template around the formatted value: `{value}` is the
    value formatted for the language (¥1,234.50, 28 Nov 2026, 45); for money `{number}` is
    the amount without a currency sign (1,234.50).
    """

    name: str
    field: str
    formats: Mapping[Language, str]

    @property
    def data_field(self) -> DataField:
        """The case data this placeholder reads."""
        return DATA_FIELDS[self.field]

    @property
    def debt_detail(self) -> bool:
        """Whether rendering this reveals the debt (never to a third party)."""
        return self.data_field.debt_detail


_BOTH = {Language.ZH_CN: "{value}", Language.EN: "{value}"}

# Placeholders every script may use; a script can add its own (see `Script.placeholders`).
BUILTIN_PLACEHOLDERS: Mapping[str, Placeholder] = {
    **{name: Placeholder(name, name, _BOTH) for name in DATA_FIELDS},
    "days_overdue": Placeholder(
        "days_overdue", "dpd", {Language.ZH_CN: "{value}天", Language.EN: "{value} days"}
    ),
}


@dataclass(frozen=True)
class CallData:
    """The case data a walk renders into the script text. Missing data is `None`."""

    borrower_name: str | None = None
    agent_name: str | None = None
    company: str | None = None
    callback_number: str | None = None
    amount_overdue: Decimal | None = None
    outstanding_balance: Decimal | None = None
    instalment: Decimal | None = None
    due_date: date | None = None
    dpd: int | None = None
    loan_reference: str | None = None
    product_name: str | None = None
    broken_promises: int | None = None
    promise_amount: Decimal | None = None
    promise_date: date | None = None
    currency: str = field(default="CNY")

    def get(self, name: str) -> str | Decimal | date | int | None:
        """The value of data field `name`."""
        value: str | Decimal | date | int | None = getattr(self, name)
        return value


_LOCALES = {Language.ZH_CN: "zh_CN", Language.EN: "en"}


def format_value(kind: ValueKind, value: object, language: Language, currency: str) -> str:
    """`value` as a person reads it in `language`: money ¥1,234.50 / CNY 1,234.50, dates
    2026年11月28日 / 28 Nov 2026."""
    locale = _LOCALES[language]
    if kind is ValueKind.MONEY:
        assert isinstance(value, Decimal)
        if language is Language.EN:
            # The ISO code, not "CN¥": English speakers read "CNY 1,234.50" unambiguously.
            return format_currency(
                value, currency, format="¤¤\u00a0#,##0.00", locale=locale, currency_digits=False
            )
        return format_currency(value, currency, locale=locale)
    if kind is ValueKind.DATE:
        assert isinstance(value, date)
        if language is Language.EN:
            return format_date(value, "d MMM y", locale=locale)
        return format_date(value, "long", locale=locale)
    if kind is ValueKind.COUNT:
        assert isinstance(value, int)
        return format_decimal(value, locale=locale)
    return str(value)


def money_number(value: Decimal, language: Language) -> str:
    """A money amount with grouping and two decimals but no currency sign: 1,234.50."""
    return format_decimal(value, format="#,##0.00", locale=_LOCALES[language])


def placeholder_names(text: str) -> list[str]:
    """The `{name}` placeholders in `text`, in order (`{{` and `}}` are literal braces).

    Raises ValueError for malformed braces or a placeholder with a format spec.
    """
    names: list[str] = []
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if spec or conversion or not name.isidentifier():
            raise ValueError(f"placeholder {{{name}}} must be a plain name like {{borrower_name}}")
        names.append(name)
    return names
