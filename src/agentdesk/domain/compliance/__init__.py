"""Contact compliance: the policy as data, and the engine that judges a contact.

Typical use (client, before dialling)::

    policy = shipped_policy("cn")
    decision = check_contact(case, Channel.CALL, point, now, history, policy)
    if not decision.allowed:
        show(decision.reasons(Language.ZH_CN), decision.next_allowed_at)
"""

from agentdesk.domain.compliance.checker import (
    ContactDecision,
    Verdict,
    check_contact,
    violations_of,
)
from agentdesk.domain.compliance.errors import (
    ComplianceError,
    ContactInputError,
    OverrideError,
    PolicyFileError,
)
from agentdesk.domain.compliance.facts import (
    CaseFacts,
    ConsentKind,
    ConsentRecord,
    ContactAttempt,
    ContactHistory,
    ContactPoint,
    InconvenientTime,
)
from agentdesk.domain.compliance.findings import Finding
from agentdesk.domain.compliance.overrides import Override, can_override, override_block
from agentdesk.domain.compliance.policy import (
    DEFAULT_PROFILE,
    SHIPPED_PROFILES,
    Binding,
    Policy,
    Severity,
    load_policy,
    shipped_policy,
)

__all__ = [
    "DEFAULT_PROFILE",
    "SHIPPED_PROFILES",
    "Binding",
    "CaseFacts",
    "ComplianceError",
    "ConsentKind",
    "ConsentRecord",
    "ContactAttempt",
    "ContactDecision",
    "ContactHistory",
    "ContactInputError",
    "ContactPoint",
    "Finding",
    "InconvenientTime",
    "Override",
    "OverrideError",
    "Policy",
    "PolicyFileError",
    "Severity",
    "Verdict",
    "can_override",
    "check_contact",
    "load_policy",
    "override_block",
    "shipped_policy",
    "violations_of",
]
