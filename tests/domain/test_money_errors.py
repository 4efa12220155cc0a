"""The shared DomainError: ranges in words, labels, custom texts, machine parts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from agentdesk.domain.errors import (
    AllowedRange,
    DomainError,
    InvalidPlanInput,
    Unit,
    format_value,
)
from agentdesk.domain.vocabulary import Language

D = Decimal


def test_ranges_in_words() -> None:
    months = AllowedRange(1, 60, unit=Unit.MONTHS)
    assert months.describe(Language.EN) == "from 1 months to 60 months"
    assert months.describe(Language.ZH_CN) == "1 个月 至 60 个月"
    half_open = AllowedRange(D(0), D(100), False, False, Unit.PERCENT)
    assert half_open.describe(Language.EN) == "more than 0 % and less than 100 %"
    assert half_open.describe(Language.ZH_CN) == "大于 0 %，小于 100 %"
    assert AllowedRange(high=date(2026, 1, 1)).describe(Language.EN) == "on or before 2026-01-01"
    assert AllowedRange(low=date(2026, 1, 1)).describe(Language.ZH_CN) == "不早于 2026-01-01"
    assert AllowedRange().describe(Language.EN) == "any value"


def test_range_membership() -> None:
    rng = AllowedRange(D(0), D(1), low_inclusive=False)
    assert not rng.contains(D(0))
    assert rng.contains(D("0.5"))
    assert rng.contains(D(1))
    assert not AllowedRange(high=5, high_inclusive=False).contains(5)


def test_values_are_shown_in_their_unit() -> None:
    assert format_value(D("0.049"), Unit.RATE, Language.EN) == "4.9 %"
    assert format_value(D("12.50"), Unit.MONEY, Language.EN) == "12.50"
    assert format_value(D("1E+2"), Unit.PLAIN, Language.EN) == "100"
    assert format_value(3, Unit.DAYS, Language.ZH_CN) == "3 天"


def test_a_general_domain_error_for_other_modules() -> None:
    error = DomainError(
        "out_of_range",
        "calls_per_day",
        4,
        AllowedRange(0, 3),
        labels={Language.ZH_CN: "每日呼叫次数", Language.EN: "Calls per day"},
    )
    assert error.message(Language.EN) == (
        "Calls per day is 4, which is out of range: it must be from 0 to 3."
    )
    assert error.message(Language.ZH_CN) == "每日呼叫次数的值 4 超出允许范围：应为0 至 3。"
    assert str(error) == error.message(Language.EN)
    assert isinstance(error, ValueError)


def test_custom_texts_and_field_without_label() -> None:
    error = DomainError(
        "quiet_hours",
        "call_at",
        "22:30",
        {Language.ZH_CN: "8:00 至 21:00", Language.EN: "between 8:00 and 21:00"},
        texts={Language.EN: "No calls at {value}; call {allowed}.",
               Language.ZH_CN: "{value} 不可呼叫，请在 {allowed} 之间呼叫。"},
    )
    assert error.message(Language.EN) == "No calls at 22:30; call between 8:00 and 21:00."
    assert error.label(Language.EN) == "call_at"


def test_plan_input_labels_ignore_indexes() -> None:
    error = InvalidPlanInput(
        "too_late",
        "payments[3].paid_on",
        date(2027, 1, 1),
        AllowedRange(high=date(2026, 6, 20)),
    )
    assert error.label(Language.ZH_CN) == "还款日期"
    assert error.as_dict() == {
        "code": "too_late",
        "field": "payments[3].paid_on",
        "value": "2027-01-01",
        "allowed": "on or before 2026-06-20",
        "message_zh": "还款日期 2027-01-01 太晚：应不晚于 2026-06-20。",
        "message_en": "Payment date 2027-01-01 is too late: it must be on or before 2026-06-20.",
    }
