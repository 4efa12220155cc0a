"""Judging logged contact attempts against the contact policy, and flagging violations.

An attempt that arrives is a fact and is always stored; this module decides whether it
broke a rule. The history it is judged against is every attempt on every case of the
same borrower, by every agent and device (the server sees everything), so the per-day
caps count across the whole lender.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import BindParameter, Connection, bindparam, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from agentdesk.domain.compliance import (
    CaseFacts,
    ContactAttempt,
    ContactHistory,
    ContactPoint,
    Policy,
    can_override,
    violations_of,
)
from agentdesk.domain.compliance.preferences import with_preferences
from agentdesk.domain.vocabulary import CallResult, Channel, ContactRelation, Hold
from agentdesk.server import audit, contact_preferences
from agentdesk.server.deps import Principal
from agentdesk.server.models import Borrower, Case, ContactPreference
from agentdesk.server.models import ContactAttempt as AttemptRow
from agentdesk.server.models import ContactPoint as PointRow

VIOLATION_ACTION = "compliance.violation"
OVERRIDE_ACTION = "compliance.override"
# The borrower counts as unreachable (CN-4, US-8) when every own number's latest call
# ended like this: the number is dead or is not theirs.
_DEAD_ENDS = frozenset({CallResult.NOT_IN_SERVICE, CallResult.WRONG_NUMBER})


# By value, looked up without the enum's own call: every attempt read or judged asks.
_RESULTS = {r.value: r for r in CallResult}
_CHANNELS = {c.value: c for c in Channel}
_HOLDS = {h.value: h for h in Hold}


def _result(value: str) -> CallResult | None:
    try:
        return _RESULTS.get(value)
    except TypeError:  # not a text at all: no result this version knows
        return None


def _channel(value: str) -> Channel:
    try:
        # A channel this version does not know is judged as a call, the most governed.
        return _CHANNELS.get(value, Channel.CALL)
    except TypeError:
        return Channel.CALL


def _relation(value: str | None) -> ContactRelation:
    try:
        return ContactRelation(value) if value else ContactRelation.BORROWER
    except ValueError:
        # An unknown relation is someone else: third-party rules are the stricter ones.
        return ContactRelation.EMERGENCY_CONTACT


def _holds(values: list[str]) -> frozenset[Hold]:
    return frozenset(_HOLDS[v] for v in values if v in _HOLDS)


@dataclass(frozen=True)
class BorrowerFacts:
    """Everything the rules need about one borrower, read from the database."""

    holds: frozenset[Hold]
    time_zone: str
    points: dict[uuid.UUID, ContactPoint]
    history: ContactHistory
    # What the borrower said about contact, cleared statements too (judged at a time).
    preferences: tuple[ContactPreference, ...] = ()


def _point_id(row_id: uuid.UUID | None) -> str:
    return str(row_id) if row_id is not None else ""


def attempt_fact(
    points: dict[uuid.UUID, ContactPoint],
    started_at: datetime,
    channel: str,
    point_id: uuid.UUID | None,
    result: str,
    user_id: uuid.UUID,
    attempt_id: uuid.UUID,
) -> ContactAttempt:
    """A stored attempt's columns as the rules see it (`points`: the borrower's)."""
    return _attempt(
        points, started_at, channel, point_id, _point_id(point_id), result, str(user_id),
        str(attempt_id),
    )


def _attempt(
    points: dict[uuid.UUID, ContactPoint],
    started_at: datetime,
    channel: str,
    point_id: uuid.UUID | None,
    point_text: str,
    result: str,
    agent_text: str,
    attempt_text: str,
) -> ContactAttempt:
    point = points.get(point_id) if point_id else None
    return ContactAttempt(
        at=started_at,
        channel=_channel(channel),
        contact_point_id=point_text,
        relation=point.relation if point else ContactRelation.BORROWER,
        result=_result(result),
        agent_id=agent_text,
        attempt_id=attempt_text,
    )


class _StoredIds:
    """Ids as read without conversion — text on SQLite, uuid objects where the database
    has a uuid type — made into `uuid.UUID`s and their text as SQLAlchemy would, once per
    distinct value: a batch reads thousands of attempts that share a few agents, contact
    points and borrowers, and converting each id of each row cost more than the rest."""

    _HEX = "0123456789abcdef"

    def __init__(self) -> None:
        self._ids: dict[Any, uuid.UUID] = {}
        self._texts: dict[Any, str] = {}

    def id(self, raw: Any) -> uuid.UUID:
        """The id (`raw` not None)."""
        found = self._ids.get(raw)
        if found is None:
            found = self._ids[raw] = raw if isinstance(raw, uuid.UUID) else uuid.UUID(raw)
        return found

    def text(self, raw: Any) -> str:
        """`str()` of the id ("" for None)."""
        found = self._texts.get(raw)
        if found is None:
            found = self._texts[raw] = "" if raw is None else str(self.id(raw))
        return found

    @classmethod
    def unique_text(cls, raw: Any) -> str:
        """`str()` of an id met once (an attempt's own), without keeping it."""
        if isinstance(raw, str) and len(raw) == 32 and not raw.strip(cls._HEX):
            # How SQLAlchemy stores a uuid as text (32 lower-case hex digits): its text
            # is those digits with the dashes put in.
            return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"
        return str(raw if isinstance(raw, uuid.UUID) else uuid.UUID(raw))


def read_points(conn: Connection, borrower_id: uuid.UUID) -> dict[uuid.UUID, ContactPoint]:
    """The borrower's contact points as the rules see them, by id."""
    return {
        point_id: ContactPoint(str(point_id), _relation(relation))
        for point_id, relation in conn.execute(_POINTS, {"borrower": borrower_id})
    }


def read_attempts(
    conn: Connection,
    borrower_id: uuid.UUID,
    points: dict[uuid.UUID, ContactPoint],
    ids: Collection[uuid.UUID] | None = None,
) -> list[ContactAttempt]:
    """Every attempt on every case of the borrower, in time order (only `ids`, if given)."""
    if ids is None:
        rows = conn.execute(_ATTEMPTS, {"borrower": borrower_id})
    else:
        rows = conn.execute(_SOME_ATTEMPTS, {"borrower": borrower_id, "ids": list(ids)})
    return [attempt_fact(points, *row) for row in rows]


# Compiled once, values as parameters: every pushed attempt may read these.
_POINTS = select(PointRow.id, PointRow.relation).where(
    PointRow.borrower_id == bindparam("borrower")
)
_ATTEMPT_COLUMNS = (
    AttemptRow.started_at,
    AttemptRow.channel,
    AttemptRow.contact_point_id,
    AttemptRow.result,
    AttemptRow.user_id,
    AttemptRow.id,
)
_OF_BORROWER = AttemptRow.case_id.in_(
    select(Case.id).where(Case.borrower_id == bindparam("borrower")).scalar_subquery()
)
_ATTEMPTS = (
    select(*_ATTEMPT_COLUMNS)
    .where(_OF_BORROWER)
    .order_by(AttemptRow.started_at, AttemptRow.id)
)
_SOME_ATTEMPTS = (
    select(*_ATTEMPT_COLUMNS)
    .where(_OF_BORROWER, AttemptRow.id.in_(bindparam("ids", expanding=True)))
    .order_by(AttemptRow.started_at, AttemptRow.id)
)
_ZONE = select(Borrower.time_zone).where(Borrower.id == bindparam("borrower"))


def borrower_facts(session: Session, case: Case) -> BorrowerFacts:
    """Holds of the case, the borrower's zone, contact points and full contact history."""
    return read_borrower_facts(session, case.borrower_id, case.holds)


def read_borrower_facts(
    session: Session, borrower_id: uuid.UUID, holds: list[str]
) -> BorrowerFacts:
    """The borrower's facts, with `holds` (those of the case an attempt is on)."""
    # Plain columns through the connection throughout, not ORM objects: every pushed
    # attempt reads all of this, and building mapped objects cost most of applying it.
    # Pending changes of the caller's transaction are flushed first, as a query would.
    session.flush()
    conn = session.connection()
    zone = conn.execute(_ZONE, {"borrower": borrower_id}).scalar_one_or_none() or ""
    points = read_points(conn, borrower_id)
    return BorrowerFacts(
        _holds(holds),
        zone,
        points,
        ContactHistory(tuple(read_attempts(conn, borrower_id, points))),
        tuple(contact_preferences.of_borrower(session, borrower_id)),
    )


def read_facts_of(
    session: Session, borrower_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, BorrowerFacts]:
    """The facts of several borrowers at once (without holds: those are per case), in
    four statements per 500 borrowers instead of four per borrower."""
    session.flush()
    conn = session.connection()
    ids = sorted(set(borrower_ids))
    zones: dict[uuid.UUID, str] = {}
    points: dict[uuid.UUID, dict[uuid.UUID, ContactPoint]] = {b: {} for b in ids}
    columns: dict[uuid.UUID, list[Any]] = {b: [] for b in ids}
    statements: dict[uuid.UUID, list[ContactPreference]] = {b: [] for b in ids}
    stored = _StoredIds()
    for start in range(0, len(ids), 500):
        chunk = {"ids": ids[start : start + 500]}
        zones.update((b, zone) for b, zone in conn.execute(_ZONES, chunk))
        for point_id, relation, borrower in conn.execute(_POINTS_OF, chunk):
            points[borrower][point_id] = ContactPoint(str(point_id), _relation(relation))
        for at, channel, on, result, by, own_id, of in conn.execute(_ATTEMPTS_OF, chunk):
            columns[stored.id(of)].append(
                (at, channel, None if on is None else stored.id(on), stored.text(on), result,
                 stored.text(by), stored.unique_text(own_id))
            )
        for statement in session.scalars(
            select(ContactPreference)
            .where(ContactPreference.borrower_id.in_(chunk["ids"]))
            .order_by(ContactPreference.since, ContactPreference.id)
        ):
            statements[statement.borrower_id].append(statement)
    return {
        b: BorrowerFacts(
            frozenset(),
            zones.get(b) or "",
            points[b],
            ContactHistory(tuple(_attempt(points[b], *row) for row in columns[b])),
            tuple(statements[b]),
        )
        for b in ids
    }


_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
_ZONES = select(Borrower.id, Borrower.time_zone).where(Borrower.id.in_(_IDS))
_POINTS_OF = select(PointRow.id, PointRow.relation, PointRow.borrower_id).where(
    PointRow.borrower_id.in_(_IDS)
)
_ATTEMPTS_OF = (
    select(
        AttemptRow.started_at,
        AttemptRow.channel,
        # The ids as stored (`_StoredIds` converts them).
        type_coerce(AttemptRow.contact_point_id, NullType()),
        AttemptRow.result,
        type_coerce(AttemptRow.user_id, NullType()),
        type_coerce(AttemptRow.id, NullType()),
        type_coerce(Case.borrower_id, NullType()),
    )
    .join(Case, Case.id == AttemptRow.case_id)
    .where(Case.borrower_id.in_(_IDS))
    .order_by(AttemptRow.started_at, AttemptRow.id)
)


def with_holds(facts: BorrowerFacts, holds: list[str]) -> BorrowerFacts:
    """`facts` with the holds of one of the borrower's cases (holds are per case)."""
    return replace(facts, holds=_holds(holds))


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


def given_attempt(facts: BorrowerFacts, row: AttemptRow) -> ContactAttempt:
    """An attempt not stored yet, as the rules see it."""
    return attempt_fact(
        facts.points, row.started_at, row.channel, row.contact_point_id, row.result,
        row.user_id, row.id,
    )


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
