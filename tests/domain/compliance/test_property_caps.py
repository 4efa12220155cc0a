"""Property: an agent who only contacts when the engine allows never exceeds any cap.

Hypothesis drives a simulated agent: time moves on by random steps, the agent picks a
number and the call gets a random result. When the engine blocks, the agent either
gives up or schedules the call at `next_allowed_at` — which must then be allowed.
Afterwards the history is checked against every figure directly, and every attempt is
judged after the fact: none may be a violation.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from agentdesk.domain.compliance import (
    CaseFacts,
    ContactAttempt,
    ContactHistory,
    Policy,
    check_contact,
    violations_of,
)
from agentdesk.domain.compliance.localtime import resolve_zones
from agentdesk.domain.compliance.policy import DailyConnectedCallsRule
from agentdesk.domain.vocabulary import CallResult

from .helpers import CN, HOME, MOBILE, NEW_YORK, SHANGHAI, SISTER, US, call, case_in, local

POINTS = (MOBILE, HOME, SISTER)
RESULTS = st.sampled_from(list(CallResult)).filter(lambda r: r is not CallResult.REFUSED)
STEPS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=24 * 60),  # minutes until the next try
        st.integers(min_value=0, max_value=2),  # which number (the third is the sister)
        RESULTS,
        st.booleans(),  # when blocked: schedule at next_allowed_at (True) or give up
    ),
    min_size=1,
    max_size=45,
)


def _simulate(policy: Policy, case: CaseFacts, start: datetime, steps: list) -> ContactHistory:  # type: ignore[type-arg]
    attempts: list[ContactAttempt] = []
    now = start
    for minutes, which, result, reschedule in steps:
        now = now + timedelta(minutes=minutes)
        target = POINTS[which]
        past = ContactHistory(tuple(attempts))
        decision = check_contact(case, call(now).channel, target, now, past, policy)
        if not decision.allowed:
            if not reschedule or decision.next_allowed_at is None:
                continue
            now = decision.next_allowed_at
            again = check_contact(case, call(now).channel, target, now, past, policy)
            assert again.allowed, (decision.reasons, again.reasons)
        attempts.append(call(now, result, target, attempt_id=f"t{len(attempts)}"))
    return ContactHistory(tuple(attempts))


def _no_violations(history: ContactHistory, case: CaseFacts, policy: Policy) -> None:
    for attempt in history.attempts:
        assert violations_of(attempt, history, case, policy) == (), attempt


@settings(max_examples=60, deadline=None)
@given(steps=STEPS)
def test_cn_allowed_sequences_respect_every_cap(steps: list) -> None:  # type: ignore[type-arg]
    case = case_in("Asia/Shanghai")
    history = _simulate(CN, case, local(SHANGHAI, 2026, 3, 2, 7, 0), steps)
    connected: Counter[date] = Counter()
    dialled: Counter[tuple[date, str]] = Counter()
    (cap,) = [r for r in CN.rules if isinstance(r, DailyConnectedCallsRule)]
    counted = set(cap.counts_results)
    for attempt in history.attempts:
        wall = attempt.at.astimezone(SHANGHAI)
        assert 8 <= wall.hour < 22
        if attempt.result in counted:
            connected[wall.date()] += 1
        dialled[(wall.date(), attempt.contact_point_id)] += 1
    assert max(connected.values(), default=0) <= 3
    assert max(dialled.values(), default=0) <= 6
    _no_violations(history, case, CN)


@settings(max_examples=60, deadline=None)
@given(steps=STEPS)
def test_us_allowed_sequences_respect_seven_in_seven(steps: list) -> None:  # type: ignore[type-arg]
    # The borrower cannot be reached, so the sister may be contacted — once (US-8).
    case = case_in("America/New_York", "America/Los_Angeles", borrower_unreachable=True)
    # Start just before the spring DST change so the walk crosses it.
    history = _simulate(US, case, local(NEW_YORK, 2026, 3, 5, 7, 0), steps)
    zones, _ = resolve_zones(case.time_zones)
    excluded = {CallResult.BUSY, CallResult.NOT_IN_SERVICE}
    unanswered = {CallResult.NO_ANSWER, *excluded}
    sister = [a for a in history.attempts if a.contact_point_id == SISTER.id]
    assert sum(1 for a in sister if a.result not in unanswered) <= 1
    borrower_calls = [a for a in history.attempts if a.contact_point_id != SISTER.id]
    for zone in zones:
        days = [a.at.astimezone(zone).date() for a in borrower_calls]
        for attempt, day in zip(borrower_calls, days, strict=True):
            assert 8 <= attempt.at.astimezone(zone).hour < 21
            in_window = sum(
                1
                for other, other_day in zip(borrower_calls, days, strict=True)
                if other.result not in excluded and day - timedelta(days=6) <= other_day <= day
            )
            assert in_window <= 7
        talks = [
            (a.at, d)
            for a, d in zip(borrower_calls, days, strict=True)
            if a.result is not None and a.result.is_conversation
        ]
        for attempt, day in zip(borrower_calls, days, strict=True):
            for talk_at, talk_day in talks:
                if attempt.at > talk_at:
                    # The conversation day is day 1: the next call comes on day 8 or later.
                    assert day >= talk_day + timedelta(days=7)
    _no_violations(history, case, US)


@settings(max_examples=40, deadline=None)
@given(
    steps=STEPS,
    probe=st.integers(min_value=0, max_value=14 * 24 * 60),
)
def test_next_allowed_at_is_allowed_and_the_minute_before_is_not(steps: list, probe: int) -> None:  # type: ignore[type-arg]
    case = case_in("America/New_York", "America/Los_Angeles")
    start = local(NEW_YORK, 2026, 10, 29, 7, 0)  # crosses the autumn change
    history = _simulate(US, case, start, steps)
    now = start + timedelta(minutes=probe)
    decision = check_contact(case, call(now).channel, MOBILE, now, history, US)
    if decision.allowed or decision.next_allowed_at is None:
        return
    nxt = decision.next_allowed_at
    assert nxt > now
    assert check_contact(case, call(now).channel, MOBILE, nxt, history, US).allowed
    before = nxt - timedelta(minutes=1)
    if before > now:
        assert not check_contact(case, call(now).channel, MOBILE, before, history, US).allowed
