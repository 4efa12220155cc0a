"""Typed domain errors that name the field, the offending value and what is allowed.

Every rule in `agentdesk.domain` refuses bad input with a `DomainError` (or a subclass)
instead of clamping it: the caller (a dialog, the server) shows the person who typed the
value a sentence in their language saying which field is wrong and what would be right.
The server also sends the machine parts (`as_dict`) over the wire.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from agentdesk.domain.vocabulary import Language

Bound = Decimal | int | date


class Unit:
    """How a bound or value is shown: plain, money, months, days, a percent, or a rate.

    A *rate* is a fraction (Decimal("0.049")) shown as a percent ("4.9 %"); a *percent*
    is already in percent (Decimal("25") is shown as "25 %").
    """

    PLAIN = "plain"
    MONEY = "money"
    MONTHS = "months"
    DAYS = "days"
    PERCENT = "percent"
    RATE = "rate"


def format_value(value: object, unit: str, language: Language) -> str:
    """Show `value` in `unit` for a person reading `language` (no currency; money in
    groups of thousands, as both languages write it: "12,715.61")."""
    if isinstance(value, Decimal) and unit == Unit.RATE:
        return f"{_plain(value * 100)} %"
    if isinstance(value, Decimal) and unit == Unit.MONEY:
        return format(value, ",f")  # keep the minor units: "50.00", not "50"
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        number = _plain(Decimal(value))
        if unit == Unit.PERCENT:
            return f"{number} %"
        if unit == Unit.MONTHS:
            return f"{number} 个月" if language is Language.ZH_CN else f"{number} months"
        if unit == Unit.DAYS:
            return f"{number} 天" if language is Language.ZH_CN else f"{number} days"
        return number
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _plain(number: Decimal) -> str:
    if not number.is_finite():
        return str(number)
    # Drop trailing zeros but never use exponent notation ("1E+2" would confuse anyone).
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


@dataclass(frozen=True)
class AllowedRange:
    """What a field accepts: a lower and/or upper bound, each inclusive or not."""

    low: Bound | None = None
    high: Bound | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    unit: str = Unit.PLAIN

    def contains(self, value: Bound) -> bool:
        """Whether `value` lies inside the range."""
        if self.low is not None:
            if self.low_inclusive and value < self.low:  # type: ignore[operator]
                return False
            if not self.low_inclusive and value <= self.low:  # type: ignore[operator]
                return False
        if self.high is not None:
            if self.high_inclusive and value > self.high:  # type: ignore[operator]
                return False
            if not self.high_inclusive and value >= self.high:  # type: ignore[operator]
                return False
        return True

    def describe(self, language: Language) -> str:
        """The range in words, e.g. "from 1 to 60 months" / "1 个月 至 60 个月"."""
        zh = language is Language.ZH_CN
        low = None if self.low is None else format_value(self.low, self.unit, language)
        high = None if self.high is None else format_value(self.high, self.unit, language)
        if low is not None and high is not None:
            if self.low_inclusive and self.high_inclusive:
                return f"{low} 至 {high}" if zh else f"from {low} to {high}"
            low_word = ("不少于" if self.low_inclusive else "大于") if zh else (
                "at least" if self.low_inclusive else "more than"
            )
            high_word = ("不超过" if self.high_inclusive else "小于") if zh else (
                "at most" if self.high_inclusive else "less than"
            )
            return f"{low_word} {low}，{high_word} {high}" if zh else (
                f"{low_word} {low} and {high_word} {high}"
            )
        if low is not None:
            if isinstance(self.low, date):
                if zh:
                    return f"不早于 {low}" if self.low_inclusive else f"晚于 {low}"
                return f"on or after {low}" if self.low_inclusive else f"after {low}"
            if zh:
                return f"不少于 {low}" if self.low_inclusive else f"大于 {low}"
            return f"at least {low}" if self.low_inclusive else f"more than {low}"
        if high is not None:
            if isinstance(self.high, date):
                if zh:
                    return f"不晚于 {high}" if self.high_inclusive else f"早于 {high}"
                return f"on or before {high}" if self.high_inclusive else f"before {high}"
            if zh:
                return f"不超过 {high}" if self.high_inclusive else f"小于 {high}"
            return f"at most {high}" if self.high_inclusive else f"less than {high}"
        return "任意值" if zh else "any value"


# What a field accepts: a range, or words (one text, or one per language).
Allowed = AllowedRange | str | Mapping[Language, str] | None


# Generic sentences per machine code; a raiser may pass its own texts instead.
# Placeholders: {field}, {value}, {allowed}.
_TEXTS: dict[str, dict[Language, str]] = {
    "out_of_range": {
        Language.ZH_CN: "{field}的值 {value} 超出允许范围：应为{allowed}。",
        Language.EN: "{field} is {value}, which is out of range: it must be {allowed}.",
    },
    "too_early": {
        Language.ZH_CN: "{field} {value} 太早：应{allowed}。",
        Language.EN: "{field} {value} is too early: it must be {allowed}.",
    },
    "too_late": {
        Language.ZH_CN: "{field} {value} 太晚：应{allowed}。",
        Language.EN: "{field} {value} is too late: it must be {allowed}.",
    },
    "too_precise": {
        Language.ZH_CN: "{field} {value} 的小数位过多：应{allowed}。",
        Language.EN: "{field} {value} has too many decimal places: it must be {allowed}.",
    },
    "unknown": {
        Language.ZH_CN: "{field}的值 {value} 无法识别：应为{allowed}。",
        Language.EN: "{field} {value} is not recognised: it must be {allowed}.",
    },
    "missing": {
        Language.ZH_CN: "缺少{field}：应为{allowed}。",
        Language.EN: "{field} is missing: it must be {allowed}.",
    },
    "wrong_type": {
        Language.ZH_CN: "{field}的值 {value} 类型不对：应为{allowed}。",
        Language.EN: "{field} {value} has the wrong type: it must be {allowed}.",
    },
    "malformed": {
        Language.ZH_CN: "{field}无法解析（{value}）：应为{allowed}。",
        Language.EN: "{field} cannot be read ({value}): it must be {allowed}.",
    },
    "inconsistent": {
        Language.ZH_CN: "{field}的值 {value} 与其他输入矛盾：应为{allowed}。",
        Language.EN: "{field} {value} contradicts the other inputs: it must be {allowed}.",
    },
}


class DomainError(ValueError):
    """A rule refused an input. Carries what a person and a program need to fix it.

    - `code`: a stable machine code ("out_of_range", "too_early", …, or one of the
      raiser's own),
    - `field`: the input's name as the API spells it ("annual_rate", "payments[2].amount"),
    - `value`: the offending value, `allowed`: what would be accepted,
    - `labels`: how the field is called for people, per language (defaults to `field`),
    - `texts`: optional sentence templates per language overriding the generic ones
      (placeholders {field}, {value}, {allowed}).
    """

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
        self.code = code
        self.field = field
        self.value = value
        self.allowed = allowed
        self.labels = dict(labels or {})
        self.texts = dict(texts or {})
        self.unit = unit or (allowed.unit if isinstance(allowed, AllowedRange) else Unit.PLAIN)
        super().__init__(self.message(Language.EN))

    def label(self, language: Language) -> str:
        """The field's name for a person reading `language`."""
        return self.labels.get(language, self.field)

    def allowed_text(self, language: Language) -> str:
        """What is allowed, in words."""
        if isinstance(self.allowed, AllowedRange):
            return self.allowed.describe(language)
        if self.allowed is None:
            return "有效值" if language is Language.ZH_CN else "a valid value"
        if isinstance(self.allowed, str):
            return self.allowed
        return self.allowed.get(language) or next(iter(self.allowed.values()))

    def message(self, language: Language) -> str:
        """The whole sentence for a person reading `language`."""
        template = self.texts.get(language) or _TEXTS.get(self.code, _TEXTS["out_of_range"])[
            language
        ]
        return template.format(
            field=self.label(language),
            value=format_value(self.value, self.unit, language),
            allowed=self.allowed_text(language),
        )

    def as_dict(self) -> dict[str, str | None]:
        """The machine parts plus both sentences, as strings (for the wire and logs)."""
        return {
            "code": self.code,
            "field": self.field,
            "value": None if self.value is None else str(self.value),
            "allowed": self.allowed_text(Language.EN),
            "message_zh": self.message(Language.ZH_CN),
            "message_en": self.message(Language.EN),
        }


class InvalidMoney(DomainError):
    """An amount or currency the money rules cannot take (unknown currency, sub-fen)."""


class InvalidPolicy(DomainError):
    """An authority policy document that is malformed or contradicts itself."""


# How plan fields are called for people; the API name is the key. Indexed fields such as
# "payments[2].amount" are looked up without their index ("payments.amount").
PLAN_FIELD_LABELS: dict[str, dict[Language, str]] = {
    "principal": {Language.ZH_CN: "本金", Language.EN: "Principal"},
    "annual_rate": {Language.ZH_CN: "年利率", Language.EN: "Annual rate"},
    "term_months": {Language.ZH_CN: "期数", Language.EN: "Term"},
    "first_due_date": {Language.ZH_CN: "首期还款日", Language.EN: "First due date"},
    "currency": {Language.ZH_CN: "币种", Language.EN: "Currency"},
    "monthly_fee": {Language.ZH_CN: "每期服务费", Language.EN: "Monthly fee"},
    "as_of": {Language.ZH_CN: "计算日期", Language.EN: "Position date"},
    "payments.amount": {Language.ZH_CN: "还款金额", Language.EN: "Payment amount"},
    "payments.paid_on": {Language.ZH_CN: "还款日期", Language.EN: "Payment date"},
    "fees.amount": {Language.ZH_CN: "费用金额", Language.EN: "Fee amount"},
    "fees.charged_on": {Language.ZH_CN: "费用日期", Language.EN: "Fee date"},
    "penalty_rate": {Language.ZH_CN: "罚息利率", Language.EN: "Penalty rate"},
    "extra_months": {Language.ZH_CN: "延长期数", Language.EN: "Extra months"},
    "grace_months": {Language.ZH_CN: "宽限期", Language.EN: "Grace period"},
    "new_annual_rate": {Language.ZH_CN: "新年利率", Language.EN: "New annual rate"},
    "grace_kind": {Language.ZH_CN: "宽限方式", Language.EN: "Grace kind"},
    "method": {Language.ZH_CN: "还款方式", Language.EN: "Repayment method"},
    "penalty_waiver.amount": {Language.ZH_CN: "罚息减免金额", Language.EN: "Penalty waiver"},
    "penalty_waiver.percent": {Language.ZH_CN: "罚息减免比例", Language.EN: "Penalty waiver"},
    "fee_waiver.amount": {Language.ZH_CN: "费用减免金额", Language.EN: "Fee waiver"},
    "fee_waiver.percent": {Language.ZH_CN: "费用减免比例", Language.EN: "Fee waiver"},
    "down_payment": {Language.ZH_CN: "首付金额", Language.EN: "Down payment"},
    "step_up.months": {Language.ZH_CN: "低额还款期数", Language.EN: "Step-up months"},
    "step_up.amount": {Language.ZH_CN: "低额期每期金额", Language.EN: "Step-up instalment"},
    "step_up.percent": {Language.ZH_CN: "低额期比例", Language.EN: "Step-up percent"},
    "monthly_income": {Language.ZH_CN: "月收入", Language.EN: "Monthly income"},
    "essential_expenses": {Language.ZH_CN: "必要支出", Language.EN: "Essential expenses"},
    "instalment": {Language.ZH_CN: "每期还款额", Language.EN: "Instalment"},
    "max_share_percent": {Language.ZH_CN: "还款收入比上限", Language.EN: "Maximum share"},
    "plan_term": {Language.ZH_CN: "方案期数", Language.EN: "Plan term"},
}


def _label_key(field: str) -> str:
    key = []
    depth = 0
    for char in field:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif depth == 0:
            key.append(char)
    return "".join(key)


class InvalidPlanInput(DomainError):
    """A loan, position, restructuring or affordability input out of its allowed range.

    Field labels for people come from `PLAN_FIELD_LABELS` unless given.
    """

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
            code,
            field,
            value,
            allowed,
            labels=labels or PLAN_FIELD_LABELS.get(_label_key(field)),
            texts=texts,
            unit=unit,
        )
