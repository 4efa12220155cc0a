"""Affordability: can the borrower carry the plan's largest instalment?

From the borrower's stated monthly income and essential expenses (rent, food, transport,
other debts) comes the disposable income; a plan whose largest instalment takes more than
a set share of it (half by default) is flagged, because a plan the borrower cannot keep
becomes a broken promise and a worse case.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from agentdesk.domain.errors import AllowedRange, InvalidPlanInput, Unit, format_value
from agentdesk.domain.money import DEFAULT_CURRENCY, ZERO, require_amount
from agentdesk.domain.schedule import Schedule
from agentdesk.domain.vocabulary import Language

DEFAULT_MAX_SHARE_PERCENT = Decimal(50)

_HUNDRED = Decimal(100)
_PERCENT = Decimal("0.01")


@dataclass(frozen=True)
class Affordability:
    """The verdict: disposable income, the instalment's share of it and whether to warn.

    `share_percent` is None when there is no disposable income at all (then `warning`
    is always set).
    """

    monthly_income: Decimal
    essential_expenses: Decimal
    disposable_income: Decimal
    instalment: Decimal
    share_percent: Decimal | None
    max_share_percent: Decimal
    warning: bool

    def message(self, language: Language) -> str:
        """One sentence for the agent."""
        zh = language is Language.ZH_CN
        income, expenses, instalment, disposable = (
            format_value(amount, Unit.MONEY, language)
            for amount in (self.monthly_income, self.essential_expenses, self.instalment,
                           self.disposable_income)
        )
        if self.share_percent is None:
            if zh:
                return (
                    f"借款人没有可支配收入（收入 {income}，"
                    f"必要支出 {expenses}），此方案难以履约。"
                )
            return (
                f"The borrower has no disposable income (income {income}, "
                f"essential expenses {expenses}): this plan is unlikely to be kept."
            )
        share = f"{self.share_percent} %"
        limit = f"{self.max_share_percent.normalize():f} %"
        if self.warning:
            if zh:
                return (
                    f"最高每期还款 {instalment} 占可支配收入 {disposable} 的 "
                    f"{share}，超过 {limit}，借款人可能难以负担。"
                )
            return (
                f"The largest instalment {instalment} takes {share} of the disposable "
                f"income {disposable}, over {limit}: the borrower may not manage it."
            )
        if zh:
            return (
                f"最高每期还款 {instalment} 占可支配收入 {disposable} 的 "
                f"{share}，在 {limit} 以内。"
            )
        return (
            f"The largest instalment {instalment} takes {share} of the disposable "
            f"income {disposable}, within {limit}."
        )


def assess_affordability(
    monthly_income: Decimal,
    essential_expenses: Decimal,
    instalment: Decimal,
    *,
    max_share_percent: Decimal = DEFAULT_MAX_SHARE_PERCENT,
    currency: str = DEFAULT_CURRENCY,
) -> Affordability:
    """Judge one monthly instalment against income less essential expenses.

    Income and expenses may be zero (a borrower who lost their job), never negative; the
    instalment must be positive; `max_share_percent` is in (0, 100].
    """
    require_amount(
        monthly_income, "monthly_income", currency, allow_zero=True, error=InvalidPlanInput
    )
    require_amount(
        essential_expenses, "essential_expenses", currency, allow_zero=True, error=InvalidPlanInput
    )
    require_amount(instalment, "instalment", currency, error=InvalidPlanInput)
    if (
        not isinstance(max_share_percent, Decimal)
        or not max_share_percent.is_finite()
        or not 0 < max_share_percent <= _HUNDRED
    ):
        raise InvalidPlanInput(
            "out_of_range",
            "max_share_percent",
            max_share_percent,
            AllowedRange(ZERO, _HUNDRED, False, True, Unit.PERCENT),
        )
    disposable = monthly_income - essential_expenses
    if disposable <= 0:
        share = None
        warning = True
    else:
        share = (instalment * _HUNDRED / disposable).quantize(_PERCENT)
        warning = instalment * _HUNDRED > disposable * max_share_percent
    return Affordability(
        monthly_income=monthly_income,
        essential_expenses=essential_expenses,
        disposable_income=disposable,
        instalment=instalment,
        share_percent=share,
        max_share_percent=max_share_percent,
        warning=warning,
    )


def assess_schedule(
    monthly_income: Decimal,
    essential_expenses: Decimal,
    schedule: Schedule,
    *,
    max_share_percent: Decimal = DEFAULT_MAX_SHARE_PERCENT,
) -> Affordability:
    """Judge a schedule by its largest instalment."""
    largest = schedule.largest_instalment
    return assess_affordability(
        monthly_income,
        essential_expenses,
        largest,
        max_share_percent=max_share_percent,
        currency=schedule.currency,
    )
