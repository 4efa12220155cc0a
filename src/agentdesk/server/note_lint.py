"""The server's own banned-conduct lint of note text (CN-6 and its US equivalent).

Desktops lint notes as the agent types, but the server never takes their word for it:
every note text that arrives — a `note.add`, the notes of a logged contact attempt — is
linted here with the same domain lint (`agentdesk.domain.conduct`). The text is always
stored as written (a record is never altered or lost); a note that breaks the rule is
flagged with the policy's banned-conduct rule id, audited, and listed for the team lead
at `GET /compliance/violations`, beside the contact attempts that broke a contact rule.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from agentdesk.domain.compliance import Policy
from agentdesk.domain.compliance.rulebook import rulebook
from agentdesk.domain.conduct import ConductFinding, find_banned_conduct
from agentdesk.server import audit
from agentdesk.server.deps import Principal
from agentdesk.server.models import ContactAttempt, Note

VIOLATION_ACTION = "compliance.violation"


def conduct_rule_id(policy: Policy) -> str | None:
    """The id of the policy's banned-conduct rule (CN-6, US-CONDUCT); None: not linted."""
    # Worked out once per policy: every pushed note and attempt asks.
    return rulebook(policy).conduct_rule_id


def findings(text: str) -> list[ConductFinding]:
    """Banned phrases in `text`, Chinese and English lists both (notes mix them)."""
    return find_banned_conduct(text) if text.strip() else []


def warm_up() -> None:
    """Read the word lists and build the lint's patterns now (the server does at start),
    so that the first note pushed after a restart does not wait for them."""
    findings("-")


def _detail(found: list[ConductFinding]) -> list[dict[str, str]]:
    return [{"category": str(f.category), "phrase": f.phrase} for f in found]


def _merge(flag_reason: str | None, rule_id: str) -> str:
    ids = [part.strip() for part in (flag_reason or "").split(",") if part.strip()]
    if rule_id not in ids:
        ids.append(rule_id)
    return ",".join(ids)


def flag_note(
    session: Session, note: Note, policy: Policy, *, actor: Principal | None = None
) -> tuple[str, ...]:
    """Lint a note; when it breaks the rule flag it and audit that (caller commits)."""
    return _flag(session, note, note.body, "note", policy, actor)


def flag_attempt_notes(
    session: Session, attempt: ContactAttempt, policy: Policy, *, actor: Principal | None = None
) -> tuple[str, ...]:
    """Lint a contact attempt's notes; a breach joins the attempt's flag (caller commits)."""
    return _flag(session, attempt, attempt.notes or "", "contact_attempt", policy, actor)


def _flag(
    session: Session, record: Note | ContactAttempt, text: str, entity: str, policy: Policy,
    actor: Principal | None,
) -> tuple[str, ...]:
    rule_id = conduct_rule_id(policy)
    found = findings(text) if rule_id else []
    if rule_id is None or not found:
        return ()
    record.flagged = True
    record.flag_reason = _merge(record.flag_reason, rule_id)
    audit.record(
        session,
        VIOLATION_ACTION,
        actor=actor,
        entity=entity,
        entity_id=record.id,
        case_id=record.case_id,
        rules=[rule_id],
        conduct=_detail(found),
        profile=policy.profile,
        policy_version=policy.version,
    )
    return (rule_id,)
