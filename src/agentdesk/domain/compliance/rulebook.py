"""A policy's rules arranged for judging: per channel, the checks that can apply.

Judging a contact used to walk every rule of the policy, asking each whether it is on,
which check carries it and whether it covers the channel; the server judges every pushed
attempt, so that walk cost more than most checks. The answer depends only on the
policy's rules, which never change (the policy is frozen), so it is worked out once per
rules tuple and kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from agentdesk.domain.compliance import rules_frequency, rules_status, rules_time
from agentdesk.domain.compliance.findings import Finding, Situation
from agentdesk.domain.compliance.policy import (
    AnyRule,
    ContactWindowRule,
    ConversationCooldownRule,
    DailyAttemptsPerNumberRule,
    DailyConnectedCallsRule,
    InconvenientTimesRule,
    Policy,
    RollingCallsRule,
)
from agentdesk.domain.vocabulary import Channel

Check = Callable[[Any, Situation, datetime], list[Finding]]

CHECKS: dict[str, Check] = {
    "contact_window": rules_time.contact_window,
    "inconvenient_times": rules_time.inconvenient_times,
    "daily_connected_calls": rules_frequency.daily_connected_calls,
    "daily_attempts_per_number": rules_frequency.daily_attempts_per_number,
    "rolling_calls": rules_frequency.rolling_calls,
    "conversation_cooldown": rules_frequency.conversation_cooldown,
    "third_party": rules_status.third_party,
    "holds": rules_status.holds,
    "opt_out": rules_status.opt_out,
    "workplace": rules_status.workplace,
    "reminder": rules_status.reminder,
}

# The rules that need the borrower's local time.
TIMED = (
    ContactWindowRule,
    InconvenientTimesRule,
    DailyConnectedCallsRule,
    DailyAttemptsPerNumberRule,
    RollingCallsRule,
    ConversationCooldownRule,
)


@dataclass(frozen=True)
class ChannelRules:
    """The enabled rules that can apply to a contact on one channel, in policy order."""

    # Each with the check that carries it. A rule with `channels` covers only those
    # (every such check answers nothing on another channel), so the others are left out.
    checks: tuple[tuple[Check, AnyRule], ...]
    # The enabled timed rules covering the channel (an unknown zone blocks these).
    timed: tuple[AnyRule, ...]


@dataclass(frozen=True)
class Rulebook:
    """A policy's enabled rules, arranged once."""

    by_channel: dict[Channel, ChannelRules]
    # The id of the first enabled banned-conduct rule (None: texts are not linted).
    conduct_rule_id: str | None


def _covers(rule: AnyRule, channel: Channel) -> bool:
    channels = getattr(rule, "channels", None)
    return channels is None or channel in channels


def _arrange(rules: tuple[AnyRule, ...]) -> Rulebook:
    enabled = [rule for rule in rules if rule.enabled]
    by_channel = {
        channel: ChannelRules(
            checks=tuple(
                (CHECKS[rule.check], rule)
                for rule in enabled
                if rule.check in CHECKS and _covers(rule, channel)
            ),
            timed=tuple(r for r in enabled if isinstance(r, TIMED) and channel in r.channels),
        )
        for channel in Channel
    }
    conduct = next((r.id for r in enabled if r.check == "banned_conduct"), None)
    return Rulebook(by_channel, conduct)


# Kept by the identity of a policy's rules tuple, holding the tuple itself so its id
# cannot be reused while kept. A few policies are in use at a time (one per profile and
# version); the rare overflow just starts again.
_KEPT: dict[int, tuple[tuple[AnyRule, ...], Rulebook]] = {}
_KEEP = 64


def rulebook(policy: Policy) -> Rulebook:
    """The enabled rules of `policy`, arranged for judging (worked out once per policy)."""
    rules = policy.rules
    kept = _KEPT.get(id(rules))
    if kept is None or kept[0] is not rules:
        if len(_KEPT) >= _KEEP:
            _KEPT.clear()
        kept = (rules, _arrange(rules))
        _KEPT[id(rules)] = kept
    return kept[1]


def rules_for(policy: Policy, channel: Channel) -> ChannelRules:
    """The rules of `policy` that can apply to a contact on `channel`."""
    return rulebook(policy).by_channel[channel]
