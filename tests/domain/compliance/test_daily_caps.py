"""CN-2 (connected calls per borrower per day) and CN-3 (dial attempts per number per day)."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from agentdesk.domain.compliance import ContactPoint, Verdict
from agentdesk.domain.vocabulary import CallResult, Channel, Language

from .helpers import CN, HOME, MOBILE, SHANGHAI, call, case_in, decide, local

R = CallResult


def _connected(n: int, *, spread_points: bool = False) -> list:  # type: ignore[type-arg]
    points = [MOBILE, HOME]
    return [
        call(
            local(SHANGHAI, 2026, 3, 2, 9 + i),
            R.RIGHT_PARTY_CONTACT,
            points[i % 2] if spread_points else MOBILE,
            agent=f"agent-{i}",
            device=f"device-{i}",
        )
        for i in range(n)
    ]


@pytest.mark.parametrize(("already", "allowed"), [(2, True), (3, False)])
def test_third_and_fourth_connected_call(already: int, allowed: bool) -> None:
    decision = decide(CN, local(SHANGHAI, 2026, 3, 2, 15, 0), _connected(already))
    assert decision.allowed is allowed
    if not allowed:
        assert decision.blocking_rule_ids == ("CN-2",)
        assert "3" in decision.reasons(Language.EN)[0]
        assert "每日上限 3 次" in decision.reasons(Language.ZH_CN)[0]


def test_connected_calls_count_across_numbers_agents_and_devices() -> None:
    past = _connected(3, spread_points=True)
    assert {a.contact_point_id for a in past} == {"mobile-1", "home-1"}
    assert not decide(CN, local(SHANGHAI, 2026, 3, 2, 15, 0), past, target=HOME).allowed
    assert not decide(CN, local(SHANGHAI, 2026, 3, 2, 15, 0), past, target=MOBILE).allowed


def test_unanswered_and_busy_calls_are_not_connected() -> None:
    past = _connected(2) + [
        call(local(SHANGHAI, 2026, 3, 2, 12, m), r)
        for m, r in enumerate([R.NO_ANSWER, R.BUSY, R.NOT_IN_SERVICE])
    ]
    assert decide(CN, local(SHANGHAI, 2026, 3, 2, 15, 0), past).allowed


def test_connected_cap_clears_on_the_next_local_day_at_opening() -> None:
    decision = decide(CN, local(SHANGHAI, 2026, 3, 2, 15, 0), _connected(3))
    # Midnight ends the cap, but midnight is outside CN-1: the answer is 08:00.
    assert decision.next_allowed_at == local(SHANGHAI, 2026, 3, 3, 8, 0).astimezone(UTC)
    assert decide(CN, local(SHANGHAI, 2026, 3, 3, 8, 0), _connected(3)).allowed


def test_calendar_day_is_the_borrowers_local_day() -> None:
    # 23:30 UTC on 1 March is 07:30 on 2 March in Shanghai: the same local day as the
    # other two calls, so the cap is reached.
    early = call(local(SHANGHAI, 2026, 3, 2, 7, 30), R.PROMISE)
    assert early.at.astimezone(UTC).day == 1
    past = [*_connected(2), early]
    assert not decide(CN, local(SHANGHAI, 2026, 3, 2, 15, 0), past).allowed


def test_sms_is_not_a_call() -> None:
    assert decide(
        CN, local(SHANGHAI, 2026, 3, 2, 15, 0), _connected(3), channel=Channel.SMS
    ).allowed


def _dials(n: int, point: ContactPoint = MOBILE) -> list:  # type: ignore[type-arg]
    return [
        call(local(SHANGHAI, 2026, 3, 2, 9, 5 * i), R.NO_ANSWER, point, agent=f"a{i % 3}")
        for i in range(n)
    ]


@pytest.mark.parametrize(("already", "allowed"), [(5, True), (6, False)])
def test_sixth_and_seventh_attempt_to_one_number(already: int, allowed: bool) -> None:
    decision = decide(CN, local(SHANGHAI, 2026, 3, 2, 15, 0), _dials(already))
    assert decision.allowed is allowed
    if not allowed:
        assert decision.blocking_rule_ids == ("CN-3",)
        assert decision.next_allowed_at == local(SHANGHAI, 2026, 3, 3, 8, 0).astimezone(UTC)


def test_per_number_cap_leaves_other_numbers_alone() -> None:
    past = _dials(6)
    decision = decide(CN, local(SHANGHAI, 2026, 3, 2, 15, 0), past, target=HOME)
    assert decision.verdict is Verdict.ALLOWED


def test_yesterdays_attempts_do_not_count() -> None:
    past = [call(a.at - timedelta(days=1), a.result, MOBILE) for a in _dials(6)]
    assert decide(CN, local(SHANGHAI, 2026, 3, 2, 9, 0), past).allowed


def test_several_zones_count_by_the_strictest_day() -> None:
    # Calls made in the Shanghai morning of 3 March fall on 2 March in New York; with
    # both candidate zones, a call later on 2 March New York time sees them.
    case = case_in("Asia/Shanghai", "America/New_York")
    past = [call(local(SHANGHAI, 2026, 3, 3, 8, 10 * i), R.RIGHT_PARTY_CONTACT) for i in range(3)]
    when = local(SHANGHAI, 2026, 3, 3, 9, 0)
    decision = decide(CN, when, past, case=case)
    assert "CN-2" in decision.blocking_rule_ids
