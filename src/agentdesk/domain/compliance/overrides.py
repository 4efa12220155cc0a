"""Overriding a block: only roles the policy names, always with a written reason.

The engine does not store anything; it returns an `Override` record that the caller
writes to the audit log together with the decision it overrode.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from agentdesk.domain.compliance.checker import ContactDecision
from agentdesk.domain.compliance.errors import OverrideError
from agentdesk.domain.compliance.facts import require_aware
from agentdesk.domain.compliance.localtime import to_utc
from agentdesk.domain.compliance.policy import Policy
from agentdesk.domain.vocabulary import Role

MIN_REASON_CHARS = 5


@dataclass(frozen=True)
class Override:
    """An audited decision to contact despite a block."""

    rule_ids: tuple[str, ...]
    role: Role
    reason: str
    at: datetime
    user_id: str
    profile: str
    policy_version: str


def can_override(rule_id: str, role: Role, policy: Policy) -> bool:
    """Whether `policy` lets `role` override a block by `rule_id`."""
    return role in policy.override_roles(rule_id)


def override_block(
    decision: ContactDecision,
    role: Role,
    reason: str,
    at: datetime,
    policy: Policy,
    user_id: str = "",
) -> Override:
    """Record an override of every block in `decision`, or refuse it.

    Refused (`OverrideError`) when the decision is not a block, the reason is blank or
    too short, a block cannot be overridden at all (an unknown time zone), or the policy
    does not name `role` for one of the blocking rules.
    """
    require_aware(at, "at")
    if not decision.blocking:
        raise OverrideError(
            "此次联系未被禁止，无需越权", "the contact is not blocked; nothing to override"
        )
    written = reason.strip()
    if len(written) < MIN_REASON_CHARS:
        raise OverrideError(
            f"越权必须写明理由（至少 {MIN_REASON_CHARS} 个字）",
            f"an override needs a written reason (at least {MIN_REASON_CHARS} characters)",
        )
    fixed = sorted({f.rule_id for f in decision.blocking if not f.overridable})
    if fixed:
        raise OverrideError(
            f"{'、'.join(fixed)} 的禁止不能越权",
            f"the block by {', '.join(fixed)} cannot be overridden",
        )
    refused = [r for r in decision.blocking_rule_ids if not can_override(r, role, policy)]
    if refused:
        raise OverrideError(
            f"策略不允许角色 {role.value} 越权 {'、'.join(refused)}",
            f"the policy does not let the role {role.value} override {', '.join(refused)}",
        )
    return Override(
        rule_ids=decision.blocking_rule_ids,
        role=role,
        reason=written,
        at=to_utc(at),
        user_id=user_id,
        profile=policy.profile,
        policy_version=policy.version,
    )
