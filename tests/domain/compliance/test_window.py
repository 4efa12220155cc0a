"""CN-1 / US-1: contact only inside the window, in the borrower's local time (all zones)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from agentdesk.domain.compliance import (
    ConsentKind,
    ConsentRecord,
    ContactInputError,
    ContactPoint,
    Verdict,
)
from agentdesk.domain.vocabulary import Channel, Language

from .helpers import (
    CHICAGO,
    CN,
    LOS_ANGELES,
    MOBILE,
    NEW_YORK,
    SHANGHAI,
    US,
    case_in,
    decide,
    history,
    local,
)


@pytest.mark.parametrize(
    ("policy", "zone", "hour", "minute", "allowed"),
    [
        (CN, SHANGHAI, 7, 59, False),
        (CN, SHANGHAI, 8, 0, True),
        (CN, SHANGHAI, 21, 59, True),
        (CN, SHANGHAI, 22, 0, False),
        (CN, SHANGHAI, 0, 0, False),
        (US, NEW_YORK, 7, 59, False),
        (US, NEW_YORK, 8, 0, True),
        (US, NEW_YORK, 20, 59, True),
        (US, NEW_YORK, 21, 0, False),
        (US, LOS_ANGELES, 20, 59, True),
        (US, LOS_ANGELES, 21, 0, False),
    ],
)
def test_window_edges(policy, zone, hour, minute, allowed) -> None:  # type: ignore[no-untyped-def]
    when = local(zone, 2026, 3, 2, hour, minute)
    decision = decide(policy, when, case=case_in(zone.key))
    assert decision.allowed is allowed
    window_id = "CN-1" if policy is CN else "US-1"
    if allowed:
        assert decision.verdict is Verdict.ALLOWED
        assert decision.next_allowed_at == when.astimezone(UTC)
    else:
        assert decision.blocking_rule_ids == (window_id,)


def test_reason_sentences_match_the_issue() -> None:
    decision = decide(CN, local(SHANGHAI, 2026, 3, 2, 22, 41))
    assert decision.reasons(Language.EN) == [
        "Blocked: 22:41 in Asia/Shanghai is outside 08:00–22:00 (CN-1)"
    ]
    assert decision.reasons(Language.ZH_CN) == [
        "禁止：上海时间 22:41 不在允许时段 08:00–22:00 内（CN-1）"
    ]


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        # Late evening: the next local morning.
        (local(SHANGHAI, 2026, 3, 2, 22, 41), local(SHANGHAI, 2026, 3, 3, 8, 0)),
        # Small hours: this morning.
        (local(SHANGHAI, 2026, 3, 3, 6, 15), local(SHANGHAI, 2026, 3, 3, 8, 0)),
        # New Year's Eve rolls the date, month and year.
        (local(SHANGHAI, 2026, 12, 31, 23, 0), local(SHANGHAI, 2027, 1, 1, 8, 0)),
    ],
)
def test_next_allowed_is_the_next_local_opening(when: datetime, expected: datetime) -> None:
    decision = decide(CN, when)
    assert decision.next_allowed_at == expected.astimezone(UTC)
    assert decision.next_allowed_at is not None
    assert decision.next_allowed_at.tzinfo is UTC


def test_every_candidate_zone_must_allow() -> None:
    # 08:30 in New York is 05:30 in Los Angeles: blocked because of Los Angeles.
    case = case_in("America/New_York", "America/Los_Angeles")
    when = local(NEW_YORK, 2026, 3, 2, 8, 30)
    decision = decide(US, when, case=case)
    assert not decision.allowed
    assert any("America/Los_Angeles" in r for r in decision.reasons(Language.EN))
    assert not any("America/New_York" in r for r in decision.reasons(Language.EN))
    # Allowed once it is 08:00 in Los Angeles (11:00 in New York) ...
    assert decision.next_allowed_at == local(LOS_ANGELES, 2026, 3, 2, 8, 0).astimezone(UTC)
    # ... and blocked again once it is 21:00 in New York (18:00 in Los Angeles).
    assert decide(US, local(NEW_YORK, 2026, 3, 2, 20, 59), case=case).allowed
    assert not decide(US, local(NEW_YORK, 2026, 3, 2, 21, 0), case=case).allowed


def test_zones_far_apart_find_the_common_hours() -> None:
    # Shanghai 08–22 and New York 08–22 overlap only 08:00–09:00 New York time in March
    # (after the US change to daylight time: New York is 12 hours behind Shanghai).
    cn_like = case_in("Asia/Shanghai", "America/New_York")
    blocked_at = local(NEW_YORK, 2026, 3, 10, 12, 0)
    decision = decide(CN, blocked_at, case=cn_like)
    assert not decision.allowed
    nxt = decision.next_allowed_at
    assert nxt is not None
    assert nxt.astimezone(SHANGHAI).hour >= 8 and nxt.astimezone(NEW_YORK).hour >= 8
    assert decide(CN, nxt, case=cn_like).allowed
    assert not decide(CN, nxt - timedelta(minutes=1), case=cn_like).allowed


@pytest.mark.parametrize(
    "zones", [(), ("Mars/Olympus_Mons",), ("Asia/Shanghai", "Nowhere/Place"), ("",)]
)
def test_unknown_or_invalid_zone_blocks_and_never_clears(zones: tuple[str, ...]) -> None:
    decision = decide(CN, local(SHANGHAI, 2026, 3, 2, 12, 0), case=case_in(*zones))
    assert decision.verdict is Verdict.BLOCKED
    assert decision.blocking_rule_ids == ("CN-1",)
    assert decision.next_allowed_at is None
    assert "unknown" in decision.reasons(Language.EN)[0]
    assert "时区" in decision.reasons(Language.ZH_CN)[0]


def test_channels_outside_the_rule_are_not_judged_by_time() -> None:
    night = local(SHANGHAI, 2026, 3, 2, 23, 30)
    assert not decide(CN, night, channel=Channel.SMS).allowed
    assert not decide(CN, night, channel=Channel.VISIT).allowed
    # A letter is not governed by the hours, nor blocked for an unknown zone.
    assert decide(CN, night, channel=Channel.LETTER).allowed
    assert decide(CN, night, channel=Channel.LETTER, case=case_in()).allowed
    # Email falls under US-1 but not under CN-1.
    assert decide(CN, night, channel=Channel.EMAIL).allowed
    assert not decide(US, local(NEW_YORK, 2026, 3, 2, 22, 0), channel=Channel.EMAIL).allowed


def test_borrower_consent_to_a_late_call() -> None:
    agreed = ConsentRecord(
        ConsentKind.CONTACT_TIME,
        given_at=local(SHANGHAI, 2026, 3, 2, 15, 0),
        valid_from=local(SHANGHAI, 2026, 3, 2, 22, 0),
        valid_until=local(SHANGHAI, 2026, 3, 2, 22, 30),
        channels=frozenset({Channel.CALL}),
    )
    past = history(consents=[agreed])
    assert decide(CN, local(SHANGHAI, 2026, 3, 2, 22, 10), past).allowed
    assert not decide(CN, local(SHANGHAI, 2026, 3, 2, 22, 30), past).allowed
    # Not for another channel.
    assert not decide(CN, local(SHANGHAI, 2026, 3, 2, 22, 10), past, channel=Channel.SMS).allowed
    # Before it starts, the next allowed moment is the agreed time, not 08:00 tomorrow.
    early = decide(CN, local(SHANGHAI, 2026, 3, 2, 21, 59) + timedelta(minutes=1), past)
    assert early.next_allowed_at == local(SHANGHAI, 2026, 3, 2, 22, 0).astimezone(UTC)


def test_contact_point_in_another_zone_is_judged_there() -> None:
    relative_abroad = ContactPoint("home-la", time_zones=("America/Los_Angeles",))
    case = case_in("America/New_York")
    when = local(NEW_YORK, 2026, 3, 2, 9, 0)  # 06:00 in Los Angeles
    assert decide(US, when, case=case).allowed
    assert not decide(US, when, case=case, target=relative_abroad).allowed


def test_naive_now_is_refused() -> None:
    with pytest.raises(ContactInputError) as caught:
        decide(CN, datetime(2026, 3, 2, 12, 0))
    assert caught.value.field == "now"
    assert "时区" in caught.value.message(Language.ZH_CN)


def test_chicago_profile_edges() -> None:
    case = case_in("America/Chicago")
    assert decide(US, local(CHICAGO, 2026, 7, 4, 8, 0), case=case).allowed
    assert not decide(US, local(CHICAGO, 2026, 7, 4, 21, 0), case=case).allowed
    assert MOBILE.id == "mobile-1"
