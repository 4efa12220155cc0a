"""US-2: 7 calls in 7 days, the 7-day cool-down after a conversation, and the exclusions."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from agentdesk.domain.compliance import ConsentKind, ConsentRecord
from agentdesk.domain.vocabulary import CallResult, Channel, Language

from .helpers import HOME, MOBILE, NEW_YORK, SISTER, US, call, case_in, decide, history, local

R = CallResult
CASE = case_in("America/New_York")


def _calls(days: list[int], result: CallResult = R.NO_ANSWER) -> list:  # type: ignore[type-arg]
    # One call on each listed day of March 2026, alternating numbers and agents.
    return [
        call(local(NEW_YORK, 2026, 3, d, 10), result, (MOBILE, HOME)[i % 2], agent=f"a{i}")
        for i, d in enumerate(days)
    ]


@pytest.mark.parametrize(("already", "allowed"), [(6, True), (7, False)])
def test_seventh_and_eighth_call_in_seven_days(already: int, allowed: bool) -> None:
    past = _calls([2, 3, 4, 5, 6, 7, 8][:already])
    decision = decide(US, local(NEW_YORK, 2026, 3, 8, 15), past, case=CASE)
    assert decision.allowed is allowed
    if not allowed:
        assert decision.blocking_rule_ids == ("US-2",)
        assert "7" in decision.reasons(Language.EN)[0]


def test_window_is_seven_consecutive_local_days() -> None:
    # Seven calls on 2–8 March: on 9 March the call of 2 March has left the window.
    past = _calls([2, 3, 4, 5, 6, 7, 8])
    assert not decide(US, local(NEW_YORK, 2026, 3, 8, 20), past, case=CASE).allowed
    assert decide(US, local(NEW_YORK, 2026, 3, 9, 8), past, case=CASE).allowed


def test_next_allowed_is_when_the_oldest_call_leaves_the_window() -> None:
    # Two calls on 2 March, five on 4 March: the window is full until the 2 March calls
    # leave it, i.e. on 9 March at 08:00 (midnight is outside US-1).
    past = _calls([2, 2, 4, 4, 4, 4, 4])
    decision = decide(US, local(NEW_YORK, 2026, 3, 5, 12), past, case=CASE)
    assert decision.blocking_rule_ids == ("US-2",)
    assert decision.next_allowed_at == local(NEW_YORK, 2026, 3, 9, 8).astimezone(UTC)


def test_busy_and_not_in_service_do_not_count_but_voicemail_does() -> None:
    six = _calls([2, 3, 4, 5, 6, 7])
    busy = call(local(NEW_YORK, 2026, 3, 8, 9), R.BUSY)
    dead = call(local(NEW_YORK, 2026, 3, 8, 9, 5), R.NOT_IN_SERVICE)
    voicemail = call(local(NEW_YORK, 2026, 3, 8, 9, 10), R.VOICEMAIL)
    when = local(NEW_YORK, 2026, 3, 8, 15)
    assert decide(US, when, [*six, busy, dead], case=CASE).allowed
    assert not decide(US, when, [*six, voicemail], case=CASE).allowed


def test_texts_emails_and_third_party_calls_do_not_count() -> None:
    six = _calls([2, 3, 4, 5, 6, 7])
    text = call(local(NEW_YORK, 2026, 3, 8, 9), None, channel=Channel.SMS)
    mail = call(local(NEW_YORK, 2026, 3, 8, 9), None, channel=Channel.EMAIL)
    sister = call(local(NEW_YORK, 2026, 3, 8, 9), R.NO_ANSWER, SISTER)
    when = local(NEW_YORK, 2026, 3, 8, 15)
    assert decide(US, when, [*six, text, mail, sister], case=CASE).allowed
    # A text is never blocked by 7-in-7 itself.
    seven = _calls([2, 3, 4, 5, 6, 7, 8])
    assert decide(US, when, seven, case=CASE, channel=Channel.SMS).allowed


def test_call_on_day_seven_and_day_eight_after_a_conversation() -> None:
    # The conversation day is day 1 (2 March): days 1–7 are 2–8 March.
    talk = call(local(NEW_YORK, 2026, 3, 2, 10), R.RIGHT_PARTY_CONTACT)
    day7 = decide(US, local(NEW_YORK, 2026, 3, 8, 12), [talk], case=CASE)
    assert not day7.allowed
    assert day7.blocking_rule_ids == ("US-2",)
    assert "day 7" in day7.reasons(Language.EN)[0]
    assert day7.next_allowed_at == local(NEW_YORK, 2026, 3, 9, 8).astimezone(UTC)
    assert decide(US, local(NEW_YORK, 2026, 3, 9, 8), [talk], case=CASE).allowed
    # Same day as the conversation: still day 1.
    assert not decide(US, local(NEW_YORK, 2026, 3, 2, 18), [talk], case=CASE).allowed


def test_a_call_the_consumer_made_starts_the_cooldown_but_is_not_a_call_placed() -> None:
    inbound = call(local(NEW_YORK, 2026, 3, 2, 10), R.PROMISE, inbound=True)
    assert not decide(US, local(NEW_YORK, 2026, 3, 4, 12), [inbound], case=CASE).allowed
    # Seven inbound calls do not fill the 7-in-7 count on their own.
    inbound_unanswered = [
        call(local(NEW_YORK, 2026, 3, d, 10), R.NO_ANSWER, inbound=True) for d in range(2, 9)
    ]
    assert decide(US, local(NEW_YORK, 2026, 3, 8, 15), inbound_unanswered, case=CASE).allowed


def test_third_party_answering_is_not_a_conversation_with_the_borrower() -> None:
    other = call(local(NEW_YORK, 2026, 3, 2, 10), R.THIRD_PARTY)
    assert decide(US, local(NEW_YORK, 2026, 3, 3, 12), [other], case=CASE).allowed


def _consent(day: int, hour: int = 11) -> ConsentRecord:
    return ConsentRecord(ConsentKind.CALL_FREQUENCY, given_at=local(NEW_YORK, 2026, 3, day, hour))


def test_direct_consent_lifts_the_cooldown_for_seven_days() -> None:
    talk = call(local(NEW_YORK, 2026, 3, 2, 10), R.CALLBACK_REQUESTED)
    past = history([talk], [_consent(2)])
    assert decide(US, local(NEW_YORK, 2026, 3, 3, 12), past, case=CASE).allowed


def test_calls_within_consent_do_not_count_toward_seven() -> None:
    consented = history(_calls([3, 3, 4, 4, 5, 5, 6]), [_consent(2, 9)])
    # The consent of 2 March 09:00 lasts until 9 March 09:00; all seven calls fell in it.
    assert decide(US, local(NEW_YORK, 2026, 3, 6, 15), consented, case=CASE).allowed
    # After the consent lapses, those calls still do not count.
    assert decide(US, local(NEW_YORK, 2026, 3, 9, 12), consented, case=CASE).allowed
    # Without it, the same calls block.
    assert not decide(
        US, local(NEW_YORK, 2026, 3, 9, 8), _calls([3, 3, 4, 4, 5, 5, 6]), case=CASE
    ).allowed


def test_a_later_conversation_ends_the_consent() -> None:
    talk_after = call(local(NEW_YORK, 2026, 3, 3, 10), R.PROMISE)
    past = history([talk_after], [_consent(2)])
    # The conversation of 3 March ended the consent and starts its own cool-down.
    decision = decide(US, local(NEW_YORK, 2026, 3, 4, 12), past, case=CASE)
    assert not decision.allowed
    assert decision.next_allowed_at == local(NEW_YORK, 2026, 3, 10, 8).astimezone(UTC)


def test_consent_lasts_seven_days_of_real_time_across_dst() -> None:
    # Given 2 March 09:00 EST (14:00 UTC): it ends 9 March 14:00 UTC, which is 10:00
    # EDT because the clocks went forward on 8 March.
    consent = _consent(2, 9)
    inside = [call(local(NEW_YORK, 2026, 3, 9, 9, 30 + m)) for m in range(6)]
    after = [call(local(NEW_YORK, 2026, 3, 9, 10, m)) for m in range(7)]
    when = local(NEW_YORK, 2026, 3, 9, 15)
    assert decide(US, when, history([*inside, after[0]], [consent]), case=CASE).allowed
    blocked = decide(US, when, history(after, [consent]), case=CASE)
    assert blocked.blocking_rule_ids == ("US-2",)


def test_cn_profile_has_no_seven_in_seven() -> None:
    from .helpers import CN, SHANGHAI

    talk = call(local(SHANGHAI, 2026, 3, 2, 10), R.PROMISE)
    assert decide(CN, local(SHANGHAI, 2026, 3, 3, 10), [talk]).allowed
    assert timedelta(days=1)  # keep the import honest


def test_calls_dated_ahead_of_now_move_the_next_allowed_call_past_them() -> None:
    # Another desktop's clock ran ahead: its calls are dated in the coming days. Seven
    # calls today and seven on each of the next seven days fill every window that starts
    # within a week; the call is blocked until the first window they no longer fill.
    days = [8] * 7 + [d for d in range(9, 16) for _ in range(7)]
    decision = decide(US, local(NEW_YORK, 2026, 3, 8, 12), _calls(days), case=CASE)
    assert decision.blocking_rule_ids == ("US-2",)
    assert decision.next_allowed_at == local(NEW_YORK, 2026, 3, 22, 8).astimezone(UTC)


def test_a_limit_of_no_calls_never_clears() -> None:
    policy = US.model_copy(
        update={
            "rules": tuple(
                r.model_copy(update={"limit": 0}) if r.id == "US-2" else r for r in US.rules
            )
        }
    )
    decision = decide(policy, local(NEW_YORK, 2026, 3, 8, 12), [], case=CASE)
    assert decision.blocking_rule_ids == ("US-2",)
    assert decision.next_allowed_at is None
