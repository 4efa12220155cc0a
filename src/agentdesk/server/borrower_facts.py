"""A borrower's contact facts as the rules see them, read from the database.

Every pushed contact attempt is judged against its borrower's zone, contact points,
statements about contact and whole contact history (all cases, agents and devices);
this module reads them — one borrower at a time, or many at once for a pushed batch —
and turns stored columns into the engine's records.
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

from agentdesk.domain.compliance import ContactAttempt, ContactHistory, ContactPoint
from agentdesk.domain.vocabulary import CallResult, Channel, ContactRelation, Hold
from agentdesk.server import contact_preferences
from agentdesk.server.models import Borrower, Case, ContactPreference
from agentdesk.server.models import ContactAttempt as AttemptRow
from agentdesk.server.models import ContactPoint as PointRow

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
    attempts: dict[uuid.UUID, list[ContactAttempt]] = {b: [] for b in ids}
    statements: dict[uuid.UUID, list[ContactPreference]] = {b: [] for b in ids}
    stored = _StoredIds()
    for start in range(0, len(ids), 500):
        chunk = {"ids": ids[start : start + 500]}
        zones.update((b, zone) for b, zone in conn.execute(_ZONES, chunk))
        for point_id, relation, borrower in conn.execute(_POINTS_OF, chunk):
            points[borrower][point_id] = ContactPoint(str(point_id), _relation(relation))
        for at, channel, on, result, by, own_id, of in conn.execute(_ATTEMPTS_OF, chunk):
            borrower = stored.id(of)  # its points were read just above
            attempts[borrower].append(
                _attempt(
                    points[borrower], at, channel, None if on is None else stored.id(on),
                    stored.text(on), result, stored.text(by), stored.unique_text(own_id),
                )
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
            ContactHistory(tuple(attempts[b])),
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
    held = _holds(holds)
    # Most cases hold what the facts hold already (none): no copy for every pushed op.
    return facts if held == facts.holds else replace(facts, holds=held)


def given_attempt(facts: BorrowerFacts, row: AttemptRow) -> ContactAttempt:
    """An attempt not stored yet, as the rules see it."""
    return attempt_fact(
        facts.points, row.started_at, row.channel, row.contact_point_id, row.result,
        row.user_id, row.id,
    )
