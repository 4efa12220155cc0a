"""After the fact: which rules an attempt that happened broke (the server flags these)."""

from __future__ import annotations

from agentdesk.domain.compliance import ContactPoint, violations_of
from agentdesk.domain.vocabulary import CallResult, Channel, Hold

from .helpers import CN, NEW_YORK, SHANGHAI, SISTER, US, call, case_in, history, local

R = CallResult
CN_CASE = case_in("Asia/Shanghai")
US_CASE = case_in("America/New_York")


def test_a_lawful_call_breaks_nothing() -> None:
    attempt = call(local(SHANGHAI, 2026, 3, 2, 10), R.PROMISE)
    assert violations_of(attempt, history([attempt]), CN_CASE, CN) == ()


def test_a_late_call_breaks_the_window() -> None:
    attempt = call(local(SHANGHAI, 2026, 3, 2, 22, 41), R.NO_ANSWER)
    assert violations_of(attempt, history([attempt]), CN_CASE, CN) == ("CN-1",)


def test_the_fourth_connected_call_breaks_cn2_only_if_it_connected() -> None:
    earlier = [call(local(SHANGHAI, 2026, 3, 2, 9 + i), R.RIGHT_PARTY_CONTACT) for i in range(3)]
    connected = call(local(SHANGHAI, 2026, 3, 2, 15), R.REFUSED, attempt_id="x")
    unanswered = call(local(SHANGHAI, 2026, 3, 2, 15), R.NO_ANSWER, attempt_id="y")
    assert violations_of(connected, history([*earlier, connected]), CN_CASE, CN) == ("CN-2",)
    assert violations_of(unanswered, history([*earlier, unanswered]), CN_CASE, CN) == ()


def test_later_attempts_in_the_history_are_ignored() -> None:
    first = call(local(SHANGHAI, 2026, 3, 2, 9), R.PROMISE, attempt_id="a")
    later = [call(local(SHANGHAI, 2026, 3, 2, 10 + i), R.PROMISE) for i in range(3)]
    assert violations_of(first, history([first, *later]), CN_CASE, CN) == ()


def test_the_eighth_call_breaks_seven_in_seven_unless_busy() -> None:
    seven = [call(local(NEW_YORK, 2026, 3, d, 10)) for d in range(2, 9)]
    eighth = call(local(NEW_YORK, 2026, 3, 8, 15), R.NO_ANSWER)
    busy = call(local(NEW_YORK, 2026, 3, 8, 15), R.BUSY)
    assert violations_of(eighth, history([*seven, eighth]), US_CASE, US) == ("US-2",)
    assert violations_of(busy, history([*seven, busy]), US_CASE, US) == ()


def test_an_inbound_call_breaks_nothing() -> None:
    inbound = call(local(NEW_YORK, 2026, 3, 2, 23), R.PROMISE, inbound=True)
    assert violations_of(inbound, history([inbound]), US_CASE, US) == ()


def test_contact_on_hold_and_to_an_opted_out_channel() -> None:
    held = case_in("Asia/Shanghai", holds=frozenset({Hold.CEASE_REQUEST}))
    sms = call(local(SHANGHAI, 2026, 3, 2, 10), None, channel=Channel.SMS)
    assert violations_of(sms, history([sms]), held, CN) == ("CN-HOLD",)
    opted = ContactPoint("mobile-1", opted_out=frozenset({Channel.SMS}))
    assert violations_of(sms, history([sms]), CN_CASE, CN, target=opted) == ("CN-OPTOUT",)


def test_second_third_party_contact_in_us() -> None:
    case = case_in("America/New_York", borrower_unreachable=True)
    first = call(local(NEW_YORK, 2026, 3, 2, 10), R.THIRD_PARTY, SISTER)
    second = call(local(NEW_YORK, 2026, 3, 3, 10), R.THIRD_PARTY, SISTER)
    assert violations_of(first, history([first, second]), case, US) == ()
    assert violations_of(second, history([first, second]), case, US) == ("US-8",)
    # A warning (never mention the debt) is guidance, not a violation.
    unreachable_not_set = case_in("America/New_York")
    assert violations_of(first, history([first]), unreachable_not_set, US) == ("US-8",)
