"""The borrower's stated preferences, folded into the facts the rules read, and judged."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentdesk.domain.compliance import (
    ContactDecision,
    ContactHistory,
    ContactInputError,
    ContactPoint,
    Policy,
    Verdict,
    check_contact,
)
from agentdesk.domain.compliance.preferences import (
    PreferenceKind,
    StatedPreference,
    parse_clock,
    stated_preference,
    with_preferences,
)
from agentdesk.domain.vocabulary import Channel, ContactRelation, Language
from tests.domain.compliance.helpers import (
    CN,
    MOBILE,
    NEW_YORK,
    SHANGHAI,
    SISTER,
    US,
    case_in,
    local,
)

WORK = ContactPoint("work-1", ContactRelation.EMPLOYER)
POINTS = {p.id: p for p in (MOBILE, SISTER, WORK)}


def _judge(
    policy: Policy,
    zone: str,
    when: datetime,
    target_id: str,
    prefs: list[StatedPreference],
    channel: Channel = Channel.CALL,
) -> ContactDecision:
    case, points = with_preferences(case_in(zone), POINTS, prefs)
    return check_contact(case, channel, points[target_id], when, ContactHistory(), policy)


def test_a_borrower_opt_out_covers_their_own_points_not_third_parties() -> None:
    prefs = [StatedPreference(PreferenceKind.CHANNEL_OPT_OUT, channel=Channel.SMS)]
    _, points = with_preferences(case_in("Asia/Shanghai"), POINTS, prefs)
    assert points["mobile-1"].opted_out == {Channel.SMS}
    assert points["sister-1"].opted_out == frozenset()
    assert points["work-1"].opted_out == frozenset()


def test_an_opt_out_naming_a_point_covers_only_that_point() -> None:
    prefs = [StatedPreference(PreferenceKind.CHANNEL_OPT_OUT, "sister-1", Channel.CALL)]
    _, points = with_preferences(case_in("Asia/Shanghai"), POINTS, prefs)
    assert points["sister-1"].opted_out == {Channel.CALL}
    assert points["mobile-1"].opted_out == frozenset()


@pytest.mark.parametrize(("policy", "rule"), [(CN, "CN-OPTOUT"), (US, "US-7")])
def test_an_opted_out_channel_is_blocked_and_others_are_not(policy: Policy, rule: str) -> None:
    prefs = [StatedPreference(PreferenceKind.CHANNEL_OPT_OUT, channel=Channel.CALL)]
    zone = "Asia/Shanghai" if policy is CN else "America/New_York"
    when = local(SHANGHAI if policy is CN else NEW_YORK, 2026, 3, 2, 11)
    blocked = _judge(policy, zone, when, "mobile-1", prefs)
    assert blocked.verdict is Verdict.BLOCKED and blocked.blocking_rule_ids == (rule,)
    assert blocked.next_allowed_at is None  # waiting never clears an opt-out
    assert _judge(policy, zone, when, "mobile-1", prefs, Channel.SMS).allowed


@pytest.mark.parametrize(("policy", "rule"), [(CN, "CN-WORK"), (US, "US-6")])
def test_a_workplace_that_forbids_contact_blocks_a_call_to_that_number(
    policy: Policy, rule: str
) -> None:
    prefs = [StatedPreference(PreferenceKind.WORKPLACE_PROHIBITS, "work-1")]
    zone = "Asia/Shanghai" if policy is CN else "America/New_York"
    when = local(SHANGHAI if policy is CN else NEW_YORK, 2026, 3, 2, 11)
    decision = _judge(policy, zone, when, "work-1", prefs)
    assert not decision.allowed and rule in decision.blocking_rule_ids
    # The borrower's own mobile is not that workplace.
    assert rule not in _judge(policy, zone, when, "mobile-1", prefs).rule_ids


def _weekday_mornings() -> StatedPreference:
    # "Not before 10:00 on weekdays" (Monday to Friday, 08:00-10:00 local).
    return stated_preference("inconvenient_time", weekdays=range(5), start="08:00", end="10:00")


def test_inconvenient_times_warn_under_cn() -> None:
    monday_9 = local(SHANGHAI, 2026, 3, 2, 9, 30)
    decision = _judge(CN, "Asia/Shanghai", monday_9, "mobile-1", [_weekday_mornings()])
    assert decision.verdict is Verdict.WARNING
    assert "CN-1" in decision.rule_ids
    assert any("08:00–10:00" in r for r in decision.reasons(Language.EN))
    # At 10:00 and on a Saturday the statement does not apply.
    assert _judge(CN, "Asia/Shanghai", local(SHANGHAI, 2026, 3, 2, 10), "mobile-1",
                  [_weekday_mornings()]).verdict is Verdict.ALLOWED
    assert _judge(CN, "Asia/Shanghai", local(SHANGHAI, 2026, 3, 7, 9), "mobile-1",
                  [_weekday_mornings()]).verdict is Verdict.ALLOWED


def test_inconvenient_times_block_under_regulation_f_until_they_end() -> None:
    monday_9 = local(NEW_YORK, 2026, 3, 2, 9, 30)
    decision = _judge(US, "America/New_York", monday_9, "mobile-1", [_weekday_mornings()])
    assert decision.verdict is Verdict.BLOCKED and decision.blocking_rule_ids == ("US-1",)
    assert decision.next_allowed_at == local(NEW_YORK, 2026, 3, 2, 10)


def test_inconvenient_times_do_not_govern_third_parties() -> None:
    monday_9 = local(NEW_YORK, 2026, 3, 2, 9, 30)
    decision = _judge(US, "America/New_York", monday_9, "sister-1", [_weekday_mornings()])
    assert "US-1" not in decision.rule_ids


def test_stored_fields_are_validated_naming_the_field() -> None:
    with pytest.raises(ContactInputError) as caught:
        stated_preference("inconvenient_time", start="25:00", end="09:00")
    assert caught.value.field == "start"
    with pytest.raises(ContactInputError):
        stated_preference("channel_opt_out", channel="pigeon")
    with pytest.raises(ContactInputError):
        stated_preference("workplace_prohibits")
    with pytest.raises(ContactInputError):
        stated_preference("inconvenient_time", weekdays=[7], start="08:00", end="09:00")
    assert parse_clock("07:05", "start").minute == 5
    with pytest.raises(ContactInputError):
        parse_clock("7:05", "start")


_CHANNELS = [Channel.CALL, Channel.SMS, Channel.EMAIL, Channel.VISIT]
_statement = st.one_of(
    st.builds(lambda c, p: StatedPreference(PreferenceKind.CHANNEL_OPT_OUT, p, c),
              st.sampled_from(_CHANNELS), st.sampled_from([None, "mobile-1", "sister-1"])),
    st.builds(lambda p: StatedPreference(PreferenceKind.WORKPLACE_PROHIBITS, p),
              st.sampled_from(["mobile-1", "work-1"])),
    st.builds(lambda days, s, length: stated_preference(
        "inconvenient_time", weekdays=days, start=f"{s:02d}:00",
        end=f"{(s + length) % 24:02d}:00"),
        st.sets(st.integers(0, 6)), st.integers(0, 23), st.integers(1, 23)),
)


@settings(max_examples=60, deadline=None)
@given(
    prefs=st.lists(_statement, max_size=5),
    channel=st.sampled_from(_CHANNELS),
    target=st.sampled_from(["mobile-1", "sister-1", "work-1"]),
    hour=st.integers(0, 23),
    policy=st.sampled_from([CN, US]),
)
def test_statements_only_ever_make_a_contact_stricter(
    prefs: list[StatedPreference], channel: Channel, target: str, hour: int, policy: Policy
) -> None:
    zone, tz = ("Asia/Shanghai", SHANGHAI) if policy is CN else ("America/New_York", NEW_YORK)
    when = local(tz, 2026, 3, 4, hour)
    rank = {Verdict.ALLOWED: 0, Verdict.WARNING: 1, Verdict.BLOCKED: 2}
    without = _judge(policy, zone, when, target, [], channel)
    with_them = _judge(policy, zone, when, target, prefs, channel)
    assert rank[with_them.verdict] >= rank[without.verdict]
    assert set(without.blocking_rule_ids) <= set(with_them.blocking_rule_ids)
    opted = {p.channel for p in prefs if p.kind is PreferenceKind.CHANNEL_OPT_OUT
             and p.contact_point_id in (None, "mobile-1")}
    if target == "mobile-1" and channel in opted:
        assert with_them.verdict is Verdict.BLOCKED
