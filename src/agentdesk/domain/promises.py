"""A promise to pay, checked before it is recorded.

A promise is worth recording only when it can be kept and judged: an amount above zero
and no more than the borrower owes, falling due no earlier than today and within the
horizon the lender allows (a promise months away is a plan, not a promise). Every refusal
names the field and the allowed range, in Chinese and English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from agentdesk.domain.errors import Allowed, AllowedRange, DomainError, Unit
from agentdesk.domain.money import DEFAULT_CURRENCY, ZERO, require_amount
from agentdesk.domain.vocabulary import Language

# How far ahead a promise may fall due when the lender's policy does not say (30 days).
# The figure in force is the authority policy's `promise_horizon_days`
# (resources/policies/authority.yaml), which the desktop and the server both read.
DEFAULT_HORIZON_DAYS = 30

_LABELS = {
    "amount": {Language.ZH_CN: "承诺还款金额", Language.EN: "Promised amount"},
    "due_date": {Language.ZH_CN: "承诺还款日期", Language.EN: "Promised date"},
}


class InvalidPromise(DomainError):
    """A promise to pay that cannot be recorded as it stands."""

    def __init__(
        self,
        code: str,
        field: str,
        value: object,
        allowed: Allowed = None,
        *,
        labels: Mapping[Language, str] | None = None,
        texts: Mapping[Language, str] | None = None,
        unit: str | None = None,
    ) -> None:
        super().__init__(
            code, field, value, allowed, labels=labels or _LABELS.get(field), texts=texts,
            unit=unit,
        )


@dataclass(frozen=True)
class PromiseTerms:
    """A checked promise: how much, by when."""

    amount: Decimal
    due_date: date


def check_promise(
    amount: Decimal,
    due_date: date,
    *,
    owed: Decimal,
    today: date,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    currency: str = DEFAULT_CURRENCY,
) -> PromiseTerms:
    """Accept a promise of `amount` by `due_date`, or raise `InvalidPromise`.

    `owed` is everything the borrower owes now; `today` is the borrower's date.
    """
    require_amount(amount, "amount", currency, error=InvalidPromise)
    if amount <= ZERO or amount > owed:
        raise InvalidPromise(
            "out_of_range",
            "amount",
            amount,
            AllowedRange(ZERO, owed, low_inclusive=False, unit=Unit.MONEY),
        )
    check_promise_date(due_date, today=today, horizon_days=horizon_days)
    return PromiseTerms(amount=amount, due_date=due_date)


def check_promise_date(due_date: date, *, today: date, horizon_days: int) -> date:
    """Accept a promise's due date from `today` to `horizon_days` after it, or raise
    `InvalidPromise` naming that range (the server's check of a pushed promise)."""
    latest = today + timedelta(days=horizon_days)
    if due_date < today:
        raise InvalidPromise("too_early", "due_date", due_date, AllowedRange(today, latest))
    if due_date > latest:
        raise InvalidPromise("too_late", "due_date", due_date, AllowedRange(today, latest))
    return due_date
