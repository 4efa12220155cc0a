"""The engine: may this contact be made now, and if not, when?

`check_contact` judges a proposed contact before it is made (client, offline);
`violations_of` judges an attempt that already happened (server, to flag it).
Both evaluate the same rules of the same policy. The clock is never read: `now` is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from agentdesk.domain.compliance.facts import (
    CaseFacts,
    ContactAttempt,
    ContactHistory,
    ContactPoint,
    require_aware,
)
from agentdesk.domain.compliance.findings import Finding, Situation
from agentdesk.domain.compliance.localtime import resolve_zones, to_utc
from agentdesk.domain.compliance.policy import (
    ContactWindowRule,
    InconvenientTimesRule,
    Policy,
    Severity,
)
from agentdesk.domain.compliance.rulebook import rules_for
from agentdesk.domain.vocabulary import Channel, Language

# How far ahead `next_allowed_at` is searched; beyond it the contact counts as never.
SEARCH_HORIZON = timedelta(days=400)
_MAX_STEPS = 200


class Verdict(StrEnum):
    """The answer to "may I contact them now?"."""

    ALLOWED = "allowed"
    WARNING = "warning"
    BLOCKED = "blocked"


@dataclass(frozen=True)
class ContactDecision:
    """The engine's answer, with every reason and the next moment it would be allowed.

    `next_allowed_at` is `checked_at` when allowed now, a later UTC instant when waiting
    clears every block, and None when waiting never will (a hold, an opt-out).
    """

    verdict: Verdict
    findings: tuple[Finding, ...]
    next_allowed_at: datetime | None
    checked_at: datetime
    profile: str
    policy_version: str

    @property
    def allowed(self) -> bool:
        """The contact may be made now (perhaps with a warning)."""
        return self.verdict is not Verdict.BLOCKED

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Every rule that applied, once each, blocks first."""
        ordered = sorted(self.findings, key=lambda f: f.severity is not Severity.BLOCK)
        return tuple(dict.fromkeys(f.rule_id for f in ordered))

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """The findings that block the contact."""
        return tuple(f for f in self.findings if f.severity is Severity.BLOCK)

    @property
    def blocking_rule_ids(self) -> tuple[str, ...]:
        """The rules that block the contact, once each."""
        return tuple(dict.fromkeys(f.rule_id for f in self.blocking))

    def reasons(self, language: Language) -> list[str]:
        """One sentence per reason, blocks first, in `language`."""
        ordered = sorted(self.findings, key=lambda f: f.severity is not Severity.BLOCK)
        return [f.sentence(language) for f in ordered]


def _zone_findings(policy: Policy, situation: Situation, names: tuple[str, ...]) -> list[Finding]:
    """Fail closed when the zones needed to judge the time are unknown."""
    timed = [
        r
        for r in rules_for(policy, situation.channel).timed
        # Stated inconvenient times matter only when the borrower stated some.
        if not (isinstance(r, InconvenientTimesRule) and not situation.case.inconvenient_times)
    ]
    if not timed:
        return []
    _, unknown = resolve_zones(names)
    if situation.borrower_zones and situation.target_zones and not unknown:
        return []
    rule = next((r for r in timed if isinstance(r, ContactWindowRule)), timed[0])
    shown = ", ".join(repr(n) for n in unknown) if unknown else "none"
    shown_zh = "、".join(f"“{n}”" for n in unknown) if unknown else "无"
    return [
        Finding(
            rule.id,
            "time_zone",
            Severity.BLOCK,
            f"借款人所在时区未知或无效（{shown_zh}），无法判断联系时间",
            f"the borrower's time zone is unknown or invalid ({shown}); "
            "contact times cannot be judged",
            None,
            overridable=False,
        )
    ]


def _situation(
    case: CaseFacts,
    channel: Channel,
    target: ContactPoint,
    history: ContactHistory,
    attempt: ContactAttempt | None = None,
    explain: bool = True,
) -> tuple[Situation, tuple[str, ...]]:
    borrower_zones, _ = resolve_zones(case.time_zones)
    target_names = target.time_zones or case.time_zones
    target_zones, _ = resolve_zones(target_names)
    situation = Situation(
        case, channel, target, history, borrower_zones, target_zones, attempt, explain
    )
    return situation, (*case.time_zones, *target.time_zones)


def _evaluate(policy: Policy, situation: Situation, at: datetime) -> list[Finding]:
    findings: list[Finding] = []
    for check, rule in rules_for(policy, situation.channel).checks:
        findings.extend(check(rule, situation, at))
    return findings


def _next_allowed(
    policy: Policy, situation: Situation, now: datetime, blocking: list[Finding]
) -> datetime | None:
    # Wait for the latest block to clear, look again (a later moment may fall foul of
    # another rule, e.g. clearing a daily cap at midnight lands outside the hours), and
    # repeat. The history is fixed, so every step moves forward and this settles.
    moment = now
    for _ in range(_MAX_STEPS):
        if not blocking:
            return to_utc(moment)
        clears = [f.clear_at for f in blocking]
        if any(c is None for c in clears):
            return None
        later = max(c for c in clears if c is not None)
        moment = later if later > moment else moment + timedelta(minutes=1)
        if moment - now > SEARCH_HORIZON:
            return None
        blocking = [f for f in _evaluate(policy, situation, moment) if f.severity is Severity.BLOCK]
    return None


def check_contact(
    case: CaseFacts,
    channel: Channel,
    target: ContactPoint,
    now: datetime,
    history: ContactHistory,
    policy: Policy,
) -> ContactDecision:
    """Judge a proposed contact: allowed, allowed with a warning, or blocked, and why.

    `now` must be timezone-aware. `history` is every attempt and consent known for the
    case, across agents and devices.
    """
    require_aware(now, "now")
    now = to_utc(now)
    situation, names = _situation(case, channel, target, history)
    zone_problems = _zone_findings(policy, situation, names)
    findings = zone_problems + _evaluate(policy, situation, now)
    blocking = [f for f in findings if f.severity is Severity.BLOCK]
    if blocking:
        verdict = Verdict.BLOCKED
        next_at = None if zone_problems else _next_allowed(policy, situation, now, blocking)
    else:
        verdict = Verdict.WARNING if findings else Verdict.ALLOWED
        next_at = to_utc(now)
    return ContactDecision(
        verdict=verdict,
        findings=tuple(findings),
        next_allowed_at=next_at,
        checked_at=to_utc(now),
        profile=policy.profile,
        policy_version=policy.version,
    )


def violations_of(
    attempt: ContactAttempt,
    history: ContactHistory,
    case: CaseFacts,
    policy: Policy,
    target: ContactPoint | None = None,
) -> tuple[str, ...]:
    """The rule ids an attempt that already happened broke (empty when none).

    `history` may include the attempt itself and later ones; only what came before it
    is used. A call the borrower made (inbound) breaks no contact rule. Counting rules
    are broken only when the attempt itself counts (a busy signal adds no call).
    """
    if attempt.inbound:
        return ()
    point = target or ContactPoint(attempt.contact_point_id, attempt.relation)
    before = history.before(attempt.at, exclude_id=attempt.attempt_id)
    # Only the rule ids are answered, so the findings need not be worded.
    situation, names = _situation(case, attempt.channel, point, before, attempt, explain=False)
    findings = _zone_findings(policy, situation, names) + _evaluate(policy, situation, attempt.at)
    return tuple(dict.fromkeys(f.rule_id for f in findings if f.severity is Severity.BLOCK))


__all__ = [
    "ContactDecision",
    "Verdict",
    "check_contact",
    "violations_of",
]
