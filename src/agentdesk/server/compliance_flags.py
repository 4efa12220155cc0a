"""Judging logged contact attempts against the contact policy, and flagging violations.

An attempt that arrives is a fact and is always stored; this module decides whether it
broke a rule. The history it is judged against is every attempt on every case of the
same borrower, by every agent and device (the server sees everything), so the per-day
caps count across the whole lender. Reading those facts is `borrower_facts`.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from agentdesk.domain.compliance import (
    CaseFacts,
    ContactAttempt,
    ContactPoint,
    Policy,
    can_override,
    violations_of,
)
from agentdesk.domain.compliance.preferences import with_preferences
from agentdesk.domain.vocabulary import CallResult, Channel, ContactRelation
from agentdesk.server import audit, contact_preferences
from agentdesk.server.borrower_facts import (
    BorrowerFacts,
    attempt_fact,
    borrower_facts,
    given_attempt,
    read_attempts,
    read_borrower_facts,
    read_facts_of,
    read_points,
    with_holds,
)
from agentdesk.server.deps import Principal
from agentdesk.server.models import Case
from agentdesk.server.models import ContactAttempt as AttemptRow

# Reading the facts lived here first; callers still import it from here.
__all__ = [
    "OVERRIDE_ACTION",
    "VIOLATION_ACTION",
    "BorrowerFacts",
    "attempt_fact",
    "borrower_facts",
    "flag_attempt",
    "given_attempt",
    "judge_attempt",
    "override_claim",
    "read_attempts",
    "read_borrower_facts",
    "read_facts_of",
    "read_points",
    "rule_ids",
    "with_holds",
]

VIOLATION_ACTION = "compliance.violation"
OVERRIDE_ACTION = "compliance.override"
# The borrower counts as unreachable (CN-4, US-8) when every own number's latest call
# ended like this: the number is dead or is not theirs.
_DEAD_ENDS = frozenset({CallResult.NOT_IN_SERVICE, CallResult.WRONG_NUMBER})


def _unreachable(facts: BorrowerFacts, before: ContactAttempt) -> bool:
    own = {p.id for p in facts.points.values() if p.relation is ContactRelation.BORROWER}
    if not own:
        return True
    latest: dict[str, CallResult | None] = {}
    for attempt in facts.history.attempts:
        own_call = attempt.contact_point_id in own and attempt.channel is Channel.CALL
        if own_call and attempt.at < before.at:
            latest[attempt.contact_point_id] = attempt.result
    return all(latest.get(number) in _DEAD_ENDS for number in own)


def judge_attempt(
    session: Session, row: AttemptRow, policy: Policy, facts: BorrowerFacts | None = None
) -> tuple[str, ...]:
    """The rule ids the stored attempt `row` broke (empty when none).

    `facts` are the borrower's as they stand in this transaction, if the caller has
    them (a pushed batch keeps them per borrower); otherwise they are read here."""
    if facts is None:
        case = session.get(Case, row.case_id)
        if case is None:
            return ()
        facts = borrower_facts(session, case)
    wanted = str(row.id)  # once, not per attempt of the history
    attempt = next((a for a in facts.history.attempts if a.attempt_id == wanted), None)
    if attempt is None:  # not flushed yet: judge it as given
        attempt = given_attempt(facts, row)
    case_facts = CaseFacts(
        case_id=str(row.case_id),
        time_zones=(facts.time_zone,),
        holds=facts.holds,
        borrower_unreachable=_unreachable(facts, attempt),
    )
    key, target = _target(facts, row.contact_point_id)
    # The borrower's statements that held when the attempt was made (opt-outs, a
    # workplace that forbids contact, inconvenient times). Only the attempt's own point
    # is judged, so only it takes them on (none held: the facts stand as they are).
    held = contact_preferences.in_force_at(facts.preferences, attempt.at)
    if held:
        case_facts, points = with_preferences(
            case_facts, {} if target is None else {key: target},
            contact_preferences.as_stated(held),
        )
        target = points.get(key)
    return violations_of(attempt, facts.history, case_facts, policy, target=target)


# A contact with no contact point (a visit, a letter) is made to the borrower: "" is
# them, so their opt-outs of that channel apply to it too.
_THE_BORROWER = ContactPoint("", ContactRelation.BORROWER)


def _target(facts: BorrowerFacts, point_id: uuid.UUID | None) -> tuple[str, ContactPoint | None]:
    """The attempt's contact point by its text id ("": none), None when not the borrower's."""
    if not point_id:
        return "", _THE_BORROWER
    key = str(point_id)
    point = facts.points.get(point_id)
    if point is None:  # keys are ids; an id given as text is found by its text
        point = next((p for k, p in facts.points.items() if str(k) == key), None)
    return key, point


def override_claim(transcript: list[Any]) -> tuple[frozenset[str], str] | None:
    """The override a desktop recorded in an attempt's transcript, if any.

    The call workspace writes it as `{"step_id": "compliance", "action": "override",
    "value": "CN-1, CN-2: the written reason"}`.
    """
    for entry in transcript:
        if not isinstance(entry, dict):
            continue
        if entry.get("step_id") != "compliance" or entry.get("action") != "override":
            continue
        ids, _, reason = str(entry.get("value") or "").partition(":")
        rules = frozenset(r.strip() for r in ids.split(",") if r.strip())
        if rules and reason.strip():
            return rules, reason.strip()
    return None


def flag_attempt(
    session: Session,
    row: AttemptRow,
    policy: Policy,
    *,
    actor: Principal | None = None,
    facts: BorrowerFacts | None = None,
) -> tuple[str, ...]:
    """Judge `row`; when it broke rules, flag it and audit the violation (caller commits).

    An override recorded with the attempt counts only when it names every broken rule,
    carries a reason, and the policy lets the pushing user's role override each of them
    (the server does not take the desktop's word for it); it is audited instead of
    flagged. A flag once set is not removed by a later judgement. Returns the rule ids
    flagged.
    """
    rules = judge_attempt(session, row, policy, facts)
    if not rules:
        return ()
    claim = override_claim(list(row.transcript or []))
    if claim is not None and actor is not None:
        named, reason = claim
        if set(rules) <= named and all(can_override(r, actor.role, policy) for r in rules):
            audit.record(
                session,
                OVERRIDE_ACTION,
                actor=actor,
                entity="contact_attempt",
                entity_id=row.id,
                case_id=row.case_id,
                rules=list(rules),
                reason=reason,
                profile=policy.profile,
                policy_version=policy.version,
            )
            return ()
    row.flagged = True
    row.flag_reason = ",".join(rules)
    audit.record(
        session,
        VIOLATION_ACTION,
        actor=actor,
        entity="contact_attempt",
        entity_id=row.id,
        case_id=row.case_id,
        rules=list(rules),
        profile=policy.profile,
        policy_version=policy.version,
    )
    return rules


def rule_ids(flag_reason: str | None) -> list[str]:
    """The rule ids stored on a flagged attempt."""
    return [part.strip() for part in (flag_reason or "").split(",") if part.strip()]
