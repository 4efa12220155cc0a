"""Daylight-saving changes (US profile): skipped and repeated hours, days of 23 and 25 hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from agentdesk.domain.compliance import ConsentKind, ConsentRecord, InconvenientTime
from agentdesk.domain.compliance.localtime import instant_at, start_of_day
from agentdesk.domain.vocabulary import CallResult

from .helpers import LOS_ANGELES, NEW_YORK, US, call, case_in, decide, history, local

NY_CASE = case_in("America/New_York")
LA_CASE = case_in("America/Los_Angeles")


def utc(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=UTC)


def test_skipped_wall_time_maps_to_the_jump() -> None:
    # 8 March 2026, New York: 02:00 EST jumps to 03:00 EDT (07:00 UTC).
    assert instant_at(date(2026, 3, 8), time(2, 30), NEW_YORK) == utc(2026, 3, 8, 7)
    assert instant_at(date(2026, 3, 8), time(3, 0), NEW_YORK) == utc(2026, 3, 8, 7)
    assert instant_at(date(2026, 3, 8), time(1, 59), NEW_YORK) == utc(2026, 3, 8, 6, 59)


def test_repeated_wall_time_maps_to_its_first_occurrence() -> None:
    # 1 November 2026, Los Angeles: 01:00–02:00 happens twice (PDT, then PST).
    assert instant_at(date(2026, 11, 1), time(1, 30), LOS_ANGELES) == utc(2026, 11, 1, 8, 30)


def test_midnight_that_does_not_exist() -> None:
    # Havana moves its clocks at midnight: on 8 March 2026 the day starts at 01:00.
    havana = ZoneInfo("America/Havana")
    first = start_of_day(date(2026, 3, 8), havana)
    assert first.astimezone(havana).hour == 1
    assert (first - timedelta(seconds=1)).astimezone(havana).date() == date(2026, 3, 7)


@pytest.mark.parametrize(
    ("when", "allowed"),
    [
        # Spring forward, New York: 07:59 EDT is 11:59 UTC, 08:00 EDT is 12:00 UTC.
        (utc(2026, 3, 8, 11, 59), False),
        (utc(2026, 3, 8, 12, 0), True),
        # 21:00 EDT that evening is 01:00 UTC next day.
        (utc(2026, 3, 9, 0, 59), True),
        (utc(2026, 3, 9, 1, 0), False),
        # Fall back, New York: 08:00 EST is 13:00 UTC on 1 November.
        (utc(2026, 11, 1, 12, 59), False),
        (utc(2026, 11, 1, 13, 0), True),
        (utc(2026, 11, 2, 1, 59), True),
        (utc(2026, 11, 2, 2, 0), False),
    ],
)
def test_window_on_dst_days_new_york(when: datetime, allowed: bool) -> None:
    assert decide(US, when, case=NY_CASE).allowed is allowed


def test_next_opening_after_a_night_with_a_skipped_hour() -> None:
    decision = decide(US, local(LOS_ANGELES, 2026, 3, 7, 23, 0), case=LA_CASE)
    # 08:00 PDT on 8 March is 15:00 UTC (not 16:00 as it would be in PST).
    assert decision.next_allowed_at == utc(2026, 3, 8, 15)


def test_next_opening_after_a_night_with_a_repeated_hour() -> None:
    decision = decide(US, local(LOS_ANGELES, 2026, 10, 31, 22, 0), case=LA_CASE)
    assert decision.next_allowed_at == utc(2026, 11, 1, 16)  # 08:00 PST


def test_calls_in_the_repeated_hour_are_each_counted_once_on_the_right_day() -> None:
    # Two calls at 01:30 Los Angeles time on 1 November: one PDT, one PST, an hour apart.
    first = call(local(LOS_ANGELES, 2026, 11, 1, 1, 30, fold=0))
    second = call(local(LOS_ANGELES, 2026, 11, 1, 1, 30, fold=1))
    assert second.at - first.at == timedelta(hours=1)
    others = [call(local(LOS_ANGELES, 2026, 11, d, 10)) for d in (2, 3, 4, 5, 6)]
    past = [first, second, *others]
    # 7 counted calls in 1–7 November → the 8th (on the 7th) is blocked ...
    assert not decide(US, local(LOS_ANGELES, 2026, 11, 7, 12), past, case=LA_CASE).allowed
    # ... and on 8 November the two calls of 1 November leave the window.
    assert decide(US, local(LOS_ANGELES, 2026, 11, 8, 8), past, case=LA_CASE).allowed


def test_conversation_cooldown_counts_local_days_across_spring_forward() -> None:
    talk = call(local(NEW_YORK, 2026, 3, 5, 20, 30), CallResult.PROMISE)
    # Day 1 is 5 March; day 8 (allowed) is 12 March, whatever the clocks did meanwhile.
    blocked = decide(US, local(NEW_YORK, 2026, 3, 11, 20, 0), [talk], case=NY_CASE)
    assert blocked.next_allowed_at == local(NEW_YORK, 2026, 3, 12, 8).astimezone(UTC)


def test_inconvenient_period_over_the_repeated_hour() -> None:
    # "Not between 01:00 and 03:00" on the fall-back night lasts three real hours.
    facts = case_in(
        "America/New_York",
        inconvenient_times=(InconvenientTime(time(1, 0), time(3, 0)),),
    )
    night_consent = ConsentRecord(
        ConsentKind.CONTACT_TIME,
        given_at=utc(2026, 10, 30, 12),
        valid_from=utc(2026, 10, 30, 12),
        valid_until=utc(2026, 11, 2, 12),
    )
    past = history(consents=[night_consent])  # lifts US-1 so only the period matters
    start = utc(2026, 11, 1, 5)  # 01:00 EDT
    assert decide(US, start - timedelta(minutes=1), past, case=facts).allowed
    blocked = decide(US, start + timedelta(hours=2, minutes=30), past, case=facts)
    assert blocked.blocking_rule_ids == ("US-1",)
    assert blocked.next_allowed_at == utc(2026, 11, 1, 8)  # 03:00 EST
