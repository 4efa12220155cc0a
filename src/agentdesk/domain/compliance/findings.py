"""What a rule says about one proposed contact, and the situation it judges."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from agentdesk.domain.compliance.facts import (
    CaseFacts,
    ContactAttempt,
    ContactHistory,
    ContactPoint,
)
from agentdesk.domain.compliance.policy import Severity
from agentdesk.domain.vocabulary import Channel, Language

_PREFIX = {
    Severity.BLOCK: ("禁止", "Blocked"),
    Severity.WARN: ("注意", "Warning"),
}


@dataclass(frozen=True)
class Finding:
    """One rule applying to a contact: why, how strongly, and until when.

    `clear_at` is the earliest UTC instant after which this finding would no longer
    apply if nothing else happened; None when waiting does not help (a hold, an opt-out).
    """

    rule_id: str
    check: str
    severity: Severity
    reason_zh: str
    reason_en: str
    clear_at: datetime | None
    overridable: bool = True

    def sentence(self, language: Language) -> str:
        """One sentence for the agent: "Blocked: … (CN-1)" / "禁止：…（CN-1）"."""
        zh, en = _PREFIX[self.severity]
        if language is Language.ZH_CN:
            return f"{zh}：{self.reason_zh}（{self.rule_id}）"
        return f"{en}: {self.reason_en} ({self.rule_id})"


class _Rule(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def check(self) -> str: ...
    @property
    def severity(self) -> Severity: ...


def unexplained(rule: _Rule) -> Finding:
    """That `rule` applies, and how strongly, without the sentences or `clear_at`.

    Judging an attempt after the fact needs only which rules it broke; the server does
    that for every pushed attempt, and working out the words and the instant a block
    clears cost more than deciding that it applies."""
    return Finding(rule.id, rule.check, rule.severity, "", "", None)


@dataclass(frozen=True)
class Situation:
    """A contact being judged: proposed now, or (with `attempt`) one that happened."""

    case: CaseFacts
    channel: Channel
    target: ContactPoint
    history: ContactHistory
    borrower_zones: tuple[ZoneInfo, ...]
    target_zones: tuple[ZoneInfo, ...]
    attempt: ContactAttempt | None = None
    # False: findings need not say why nor until when (`unexplained`), only which rule.
    explain: bool = True

    @property
    def to_borrower(self) -> bool:
        """The target is the borrower (not a third party)."""
        return not self.target.relation.is_third_party
