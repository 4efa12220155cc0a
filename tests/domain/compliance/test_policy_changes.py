"""Figures are data: an edited policy changes what the engine says, without a release."""

from __future__ import annotations

from datetime import UTC

from agentdesk.domain.compliance import load_policy
from agentdesk.domain.vocabulary import CallResult, Channel, Role
from agentdesk.paths import resources_dir

from .helpers import CN, SHANGHAI, call, decide, local


def _cn_text() -> str:
    return (resources_dir() / "policies" / "cn.yaml").read_text(encoding="utf-8")


def test_switching_cn9_on_adds_seven_quiet_days_after_a_conversation() -> None:
    text = _cn_text()
    assert "    enabled: false\n" in text
    policy = load_policy(text.replace("    enabled: false\n", "    enabled: true\n"), "cn.yaml")
    talk = call(local(SHANGHAI, 2026, 3, 2, 10), CallResult.PROMISE)
    sms = decide(policy, local(SHANGHAI, 2026, 3, 5, 10), [talk], channel=Channel.SMS)
    assert sms.blocking_rule_ids == ("CN-9",)
    assert sms.next_allowed_at == local(SHANGHAI, 2026, 3, 9, 8).astimezone(UTC)
    # The shipped file leaves it off.
    assert decide(CN, local(SHANGHAI, 2026, 3, 5, 10), [talk], channel=Channel.SMS).allowed


def test_an_earlier_closing_time_and_a_lower_cap() -> None:
    text = _cn_text().replace('end: "22:00"', 'end: "21:00"').replace("limit: 3", "limit: 2")
    policy = load_policy(text, "cn.yaml")
    assert not decide(policy, local(SHANGHAI, 2026, 3, 2, 21, 30)).allowed
    two = [call(local(SHANGHAI, 2026, 3, 2, 9 + i), CallResult.PROMISE) for i in range(2)]
    assert decide(policy, local(SHANGHAI, 2026, 3, 2, 15), two).blocking_rule_ids == ("CN-2",)


def test_overrides_are_data_too() -> None:
    text = _cn_text().replace("  CN-2: [lead, admin]", "  CN-2: [admin]")
    policy = load_policy(text, "cn.yaml")
    assert policy.override_roles("CN-2") == (Role.ADMIN,)
