"""The follow-up rules: what a follow-up may be, and what sets, replaces and clears it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentdesk.domain.authority import parse_authority_policy, read_authority_policy
from agentdesk.domain.errors import InvalidPolicy
from agentdesk.domain.follow_up import (
    MAX_AHEAD_DAYS,
    InvalidFollowUp,
    NextAction,
    after_attempt,
    after_scheduling,
    check_follow_up,
)
from agentdesk.domain.vocabulary import Language

NOW = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)


def test_a_follow_up_must_lie_ahead_and_within_the_horizon() -> None:
    ok = check_follow_up(NOW + timedelta(hours=1), "  after payday ", now=NOW)
    assert ok == NextAction(NOW + timedelta(hours=1), "after payday", NOW)
    with pytest.raises(InvalidFollowUp) as past:
        check_follow_up(NOW, now=NOW, zone="Asia/Shanghai")
    # Named in the agent's zone: 02:00 UTC is 10:00 in Shanghai.
    assert past.value.field == "due_at"
    assert "2026-11-28 10:00" in past.value.message(Language.EN)
    assert "跟进时间" in past.value.message(Language.ZH_CN)
    with pytest.raises(InvalidFollowUp) as far:
        check_follow_up(NOW + timedelta(days=MAX_AHEAD_DAYS, minutes=1), now=NOW)
    assert far.value.code == "too_late"
    with pytest.raises(InvalidFollowUp) as long_reason:
        check_follow_up(NOW + timedelta(hours=1), "x" * 201, now=NOW)
    assert long_reason.value.field == "reason"
    with pytest.raises(InvalidFollowUp):
        check_follow_up(datetime(2026, 12, 1, 9, 0), now=NOW)  # naive: refused, not guessed


def test_the_latest_decision_stands() -> None:
    early = NextAction(NOW + timedelta(days=1), "a", NOW)
    later = NextAction(NOW + timedelta(days=3), "b", NOW + timedelta(hours=1))
    assert after_scheduling(early, later) == later
    assert after_scheduling(later, early) == later  # an older decision arriving late
    assert after_scheduling(None, early) == early


moments = st.integers(min_value=-72, max_value=72).map(lambda h: NOW + timedelta(hours=h))


@settings(max_examples=200)
@given(due=moments, ended=moments, follow=st.none() | moments, made_offset=st.integers(0, 5))
def test_an_attempt_sets_keeps_or_completes_the_follow_up(
    due: datetime, ended: datetime, follow: datetime | None, made_offset: int
) -> None:
    current = NextAction(due, "why", NOW)
    made = NOW + timedelta(minutes=made_offset)
    after = after_attempt(current, ended_at=ended, follow_up_at=follow, made_at=made)
    if follow is not None:
        assert after == NextAction(follow, "", made)
    elif ended >= due:
        assert after is None  # carried out
    else:
        assert after == current  # called earlier than planned: still to do
    # With nothing scheduled, an attempt without a follow-up leaves nothing.
    assert after_attempt(None, ended_at=ended, follow_up_at=None, made_at=made) is None


def test_an_attempt_recorded_before_the_decision_never_undoes_it() -> None:
    current = NextAction(NOW + timedelta(hours=1), "", NOW)
    stale = after_attempt(current, ended_at=NOW + timedelta(hours=2), follow_up_at=None,
                          made_at=NOW - timedelta(minutes=1))
    assert stale == current


def test_the_promise_horizon_is_a_policy_figure() -> None:
    assert read_authority_policy().promise_horizon_days == 30
    shipped = (
        "roles:\n"
        + "".join(
            f"  {role}:\n    max_extra_months: 6\n    max_total_term_months: 24\n"
            "    max_waiver_percent: 10\n    max_rate_cut_percent: 0\n"
            "    min_down_payment_percent: 0\n"
            for role in ("agent", "lead", "admin")
        )
    )
    assert parse_authority_policy(shipped).promise_horizon_days == 30  # left out: default
    assert parse_authority_policy("promise_horizon_days: 14\n" + shipped) \
        .promise_horizon_days == 14
    for bad in ("0", "400", "2.5", "'ten'"):
        with pytest.raises(InvalidPolicy) as raised:
            parse_authority_policy(f"promise_horizon_days: {bad}\n" + shipped)
        assert raised.value.field == "promise_horizon_days"
        assert "1 days" in raised.value.message(Language.EN) or "1 天" in raised.value.message(
            Language.ZH_CN)
