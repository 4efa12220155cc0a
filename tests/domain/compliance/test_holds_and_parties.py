"""Holds, opt-outs, workplaces, inconvenient times and third parties (CN-4, US-8)."""

from __future__ import annotations

from datetime import UTC, time

import pytest

from agentdesk.domain.compliance import ContactPoint, InconvenientTime, Verdict
from agentdesk.domain.vocabulary import CallResult, Channel, ContactRelation, Hold, Language

from .helpers import CN, MOBILE, NEW_YORK, SHANGHAI, SISTER, US, call, case_in, decide, local

NOON_CN = local(SHANGHAI, 2026, 3, 2, 12)
NOON_US = local(NEW_YORK, 2026, 3, 2, 12)


@pytest.mark.parametrize(
    ("policy", "hold", "rule"),
    [
        (CN, Hold.COMPLAINT, "CN-HOLD"),
        (CN, Hold.DISPUTE, "CN-HOLD"),
        (CN, Hold.CEASE_REQUEST, "CN-HOLD"),
        (CN, Hold.ATTORNEY, "CN-HOLD"),
        (CN, Hold.DECEASED, "CN-HOLD"),
        (CN, Hold.VULNERABLE, "CN-HOLD"),
        (US, Hold.CEASE_REQUEST, "US-6"),
        (US, Hold.ATTORNEY, "US-6"),
        (US, Hold.DISPUTE, "US-6"),
        (US, Hold.COMPLAINT, "US-HOLD"),
        (US, Hold.DECEASED, "US-HOLD"),
        (US, Hold.VULNERABLE, "US-HOLD"),
    ],
)
def test_every_hold_blocks_every_channel_for_good(policy, hold, rule) -> None:  # type: ignore[no-untyped-def]
    when = NOON_CN if policy is CN else NOON_US
    case = case_in(policy.default_time_zone, holds=frozenset({hold}))
    for channel in Channel:
        decision = decide(policy, when, case=case, channel=channel)
        assert decision.blocking_rule_ids == (rule,), channel
        assert decision.next_allowed_at is None


def test_hold_reason_names_the_hold() -> None:
    case = case_in("Asia/Shanghai", holds=frozenset({Hold.COMPLAINT}))
    decision = decide(CN, NOON_CN, case=case)
    assert decision.reasons(Language.EN) == [
        "Blocked: the case is on hold for an open complaint (CN-HOLD)"
    ]
    assert "投诉" in decision.reasons(Language.ZH_CN)[0]


def test_hold_and_window_together_never_clear() -> None:
    case = case_in("Asia/Shanghai", holds=frozenset({Hold.DISPUTE}))
    decision = decide(CN, local(SHANGHAI, 2026, 3, 2, 23), case=case)
    assert set(decision.blocking_rule_ids) == {"CN-1", "CN-HOLD"}
    assert decision.next_allowed_at is None


@pytest.mark.parametrize(("policy", "rule"), [(CN, "CN-OPTOUT"), (US, "US-7")])
def test_opt_out_blocks_that_channel_only(policy, rule) -> None:  # type: ignore[no-untyped-def]
    when = NOON_CN if policy is CN else NOON_US
    case = case_in(policy.default_time_zone)
    point = ContactPoint("mobile-1", opted_out=frozenset({Channel.SMS}))
    sms = decide(policy, when, case=case, target=point, channel=Channel.SMS)
    assert sms.blocking_rule_ids == (rule,)
    assert sms.next_allowed_at is None
    assert decide(policy, when, case=case, target=point, channel=Channel.CALL).allowed


def test_workplace_that_prohibits_contact_us() -> None:
    office = ContactPoint("office-1", workplace_prohibits_contact=True)
    decision = decide(US, NOON_US, case=case_in("America/New_York"), target=office)
    assert decision.blocking_rule_ids == ("US-6",)


def _dislikes_lunch(zone: str) -> object:
    return case_in(zone, inconvenient_times=(InconvenientTime(time(12, 0), time(14, 0)),))


def test_inconvenient_times_block_in_us_and_clear_when_the_period_ends() -> None:
    decision = decide(US, NOON_US, case=_dislikes_lunch("America/New_York"))  # type: ignore[arg-type]
    assert decision.blocking_rule_ids == ("US-1",)
    assert "inconvenient" in decision.reasons(Language.EN)[0]
    assert decision.next_allowed_at == local(NEW_YORK, 2026, 3, 2, 14).astimezone(UTC)


def test_inconvenient_times_warn_in_cn() -> None:
    decision = decide(CN, NOON_CN, case=_dislikes_lunch("Asia/Shanghai"))  # type: ignore[arg-type]
    assert decision.verdict is Verdict.WARNING
    assert decision.allowed
    assert decision.reasons(Language.ZH_CN)[0].startswith("注意：")
    assert decision.next_allowed_at == NOON_CN.astimezone(UTC)


def test_overnight_and_weekday_inconvenient_periods() -> None:
    night_shift = InconvenientTime(time(20, 0), time(10, 0), weekdays=frozenset({0}))  # Mondays
    case = case_in("America/New_York", inconvenient_times=(night_shift,))
    monday_evening = local(NEW_YORK, 2026, 3, 2, 20, 30)
    tuesday_morning = local(NEW_YORK, 2026, 3, 3, 9, 0)
    wednesday_morning = local(NEW_YORK, 2026, 3, 4, 9, 0)
    assert not decide(US, monday_evening, case=case).allowed
    assert not decide(US, tuesday_morning, case=case).allowed  # the Monday night runs on
    assert decide(US, wednesday_morning, case=case).allowed
    blocked = decide(US, monday_evening, case=case)
    assert blocked.next_allowed_at == local(NEW_YORK, 2026, 3, 3, 10).astimezone(UTC)


def test_inconvenient_times_do_not_apply_to_third_parties() -> None:
    case = case_in(
        "America/New_York",
        borrower_unreachable=True,
        inconvenient_times=(InconvenientTime(time(12, 0), time(14, 0)),),
    )
    assert decide(US, NOON_US, case=case, target=SISTER).allowed


# ------------------------------------------------------------------ third parties


def test_cn_third_party_only_when_borrower_unavailable() -> None:
    reachable = decide(CN, NOON_CN, target=SISTER)
    assert reachable.blocking_rule_ids == ("CN-4",)
    assert reachable.next_allowed_at is None
    for facts in (
        {"borrower_unreachable": True},
        {"borrower_incapacitated": True},
        {"holds": frozenset({Hold.DECEASED})},
    ):
        decision = decide(CN, NOON_CN, case=case_in("Asia/Shanghai", **facts), target=SISTER)
        assert decision.verdict is Verdict.WARNING, facts
        assert "never disclose the amount" in decision.reasons(Language.EN)[0]
        assert "不得透露欠款金额" in decision.reasons(Language.ZH_CN)[0]


def test_deceased_hold_still_blocks_the_borrowers_own_numbers() -> None:
    case = case_in("Asia/Shanghai", holds=frozenset({Hold.DECEASED}))
    assert decide(CN, NOON_CN, case=case, target=MOBILE).blocking_rule_ids == ("CN-HOLD",)


def test_other_holds_block_third_parties_too() -> None:
    case = case_in(
        "Asia/Shanghai", borrower_unreachable=True, holds=frozenset({Hold.CEASE_REQUEST})
    )
    assert decide(CN, NOON_CN, case=case, target=SISTER).blocking_rule_ids == ("CN-HOLD",)


def test_third_party_who_refused_is_not_called_again() -> None:
    case = case_in("Asia/Shanghai", borrower_unreachable=True)
    refused = call(local(SHANGHAI, 2026, 3, 1, 10), CallResult.REFUSED, SISTER)
    assert decide(CN, NOON_CN, [refused], case=case, target=SISTER).blocking_rule_ids == ("CN-4",)
    asked = ContactPoint(
        "sister-1", ContactRelation.EMERGENCY_CONTACT, asked_not_to_be_contacted=True
    )
    assert decide(CN, NOON_CN, case=case, target=asked).blocking_rule_ids == ("CN-4",)
    # In CN, a third party who did not refuse may be called again.
    answered = call(local(SHANGHAI, 2026, 3, 1, 10), CallResult.THIRD_PARTY, SISTER)
    assert decide(CN, NOON_CN, [answered], case=case, target=SISTER).allowed


def test_us_third_party_once() -> None:
    case = case_in("America/New_York", borrower_unreachable=True)
    first = decide(US, NOON_US, case=case, target=SISTER)
    assert first.verdict is Verdict.WARNING
    assert "never mention the debt" in first.reasons(Language.EN)[0]
    # An unanswered dial is not a contact; an answered one is.
    unanswered = call(local(NEW_YORK, 2026, 3, 1, 10), CallResult.NO_ANSWER, SISTER)
    assert decide(US, NOON_US, [unanswered], case=case, target=SISTER).allowed
    answered = call(local(NEW_YORK, 2026, 3, 1, 10), CallResult.THIRD_PARTY, SISTER)
    second = decide(US, NOON_US, [answered], case=case, target=SISTER)
    assert second.blocking_rule_ids == ("US-8",)
    # Another third party is a different person.
    neighbour = ContactPoint("neighbour-1", ContactRelation.EMERGENCY_CONTACT)
    assert decide(US, NOON_US, [answered], case=case, target=neighbour).allowed


def test_cn_visit_carries_the_cn7_duties_as_a_warning() -> None:
    decision = decide(CN, NOON_CN, channel=Channel.VISIT)
    assert decision.verdict is Verdict.WARNING
    assert decision.rule_ids == ("CN-7",)
    assert "two collectors" in decision.reasons(Language.EN)[0]
    assert decision.reasons(Language.ZH_CN)[0].startswith("注意：上门须至少两名催收人员")
    assert decide(CN, NOON_CN, channel=Channel.CALL).verdict is Verdict.ALLOWED
