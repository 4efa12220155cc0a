"""Overrides: only the roles the policy names, with a written reason, returned for audit."""

from __future__ import annotations

from datetime import UTC

import pytest

from agentdesk.domain.compliance import OverrideError, can_override, override_block
from agentdesk.domain.vocabulary import CallResult, Hold, Language, Role

from .helpers import CN, SHANGHAI, US, call, case_in, decide, local

LATE = local(SHANGHAI, 2026, 3, 2, 22, 30)


@pytest.mark.parametrize(
    ("rule", "role", "expected"),
    [
        ("CN-1", Role.AGENT, False),
        ("CN-1", Role.LEAD, True),
        ("CN-1", Role.ADMIN, True),
        ("CN-2", Role.LEAD, True),
        ("CN-3", Role.LEAD, True),
        ("CN-4", Role.ADMIN, False),
        ("CN-HOLD", Role.ADMIN, False),
        ("CN-UNKNOWN", Role.ADMIN, False),
    ],
)
def test_can_override_follows_the_policy(rule: str, role: Role, expected: bool) -> None:
    assert can_override(rule, role, CN) is expected


def test_us_profile_lets_leads_override_hours_and_frequency_only() -> None:
    assert can_override("US-2", Role.LEAD, US)
    assert not can_override("US-6", Role.ADMIN, US)
    assert not can_override("US-8", Role.LEAD, US)


def test_lead_overrides_a_late_call_with_a_reason() -> None:
    decision = decide(CN, LATE)
    record = override_block(
        decision, Role.LEAD, "  借款人来电要求今晚回电  ", LATE, CN, user_id="lead-7"
    )
    assert record.rule_ids == ("CN-1",)
    assert record.role is Role.LEAD
    assert record.reason == "借款人来电要求今晚回电"
    assert record.at == LATE.astimezone(UTC)
    assert record.user_id == "lead-7"
    assert (record.profile, record.policy_version) == ("cn", CN.version)


@pytest.mark.parametrize("reason", ["", "   ", "ok"])
def test_override_needs_a_written_reason(reason: str) -> None:
    with pytest.raises(OverrideError) as caught:
        override_block(decide(CN, LATE), Role.LEAD, reason, LATE, CN)
    assert "reason" in caught.value.message(Language.EN)
    assert "理由" in caught.value.message(Language.ZH_CN)


def test_agent_cannot_override() -> None:
    with pytest.raises(OverrideError) as caught:
        override_block(decide(CN, LATE), Role.AGENT, "borrower asked for it", LATE, CN)
    assert "CN-1" in caught.value.message(Language.EN)


def test_every_block_must_be_overridable_by_the_role() -> None:
    case = case_in("Asia/Shanghai", holds=frozenset({Hold.COMPLAINT}))
    decision = decide(CN, LATE, case=case)
    with pytest.raises(OverrideError) as caught:
        override_block(decision, Role.ADMIN, "escalated by compliance", LATE, CN)
    assert "CN-HOLD" in caught.value.message(Language.EN)


def test_unknown_time_zone_can_never_be_overridden() -> None:
    decision = decide(CN, LATE, case=case_in("Not/AZone"))
    with pytest.raises(OverrideError) as caught:
        override_block(decision, Role.ADMIN, "I know where they are", LATE, CN)
    assert "cannot be overridden" in caught.value.message(Language.EN)


def test_nothing_to_override_when_allowed() -> None:
    noon = local(SHANGHAI, 2026, 3, 2, 12)
    with pytest.raises(OverrideError):
        override_block(decide(CN, noon), Role.LEAD, "just because", noon, CN)


def test_override_of_two_rules_at_once() -> None:
    past = [
        call(local(SHANGHAI, 2026, 3, 2, 9, i), CallResult.RIGHT_PARTY_CONTACT) for i in range(3)
    ]
    decision = decide(CN, LATE, past)
    assert set(decision.blocking_rule_ids) == {"CN-1", "CN-2"}
    record = override_block(decision, Role.ADMIN, "court-ordered callback window", LATE, CN)
    assert set(record.rule_ids) == {"CN-1", "CN-2"}
