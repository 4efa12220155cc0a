"""The borrower's statements about contact: storing them, sending them, reading them.

A statement (channel opt-out, workplace that forbids contact, inconvenient time) is a
row of `contact_preferences` belonging to the borrower, so it holds on every case of
theirs and travels with each of those cases to their holders' desktops. Clearing one
sets `cleared_at` and keeps the row: judging an attempt after the fact uses what held
at the attempt's own time (`in_force_at`).

The ops that create and clear them are applied in `sync.apply` (authorised per case
like the other case ops); this module holds what they do.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.compliance.preferences import StatedPreference, stated_preference
from agentdesk.protocol.ops import ContactPreferenceClearOp, ContactPreferenceRecordOp
from agentdesk.server import audit
from agentdesk.server.base import touch
from agentdesk.server.deps import Principal
from agentdesk.server.errors import ApiError
from agentdesk.server.models import Case, ContactPoint, ContactPreference

RECORD_ACTION = "contact_preference.record"
CLEAR_ACTION = "contact_preference.clear"


def preference_data(p: Any) -> dict[str, Any]:
    """A statement as `protocol.sync.ContactPreferenceData` (a row or a mapped object)."""
    return {
        "id": str(p.id),
        "borrower_id": str(p.borrower_id),
        "kind": p.kind,
        "contact_point_id": None if p.contact_point_id is None else str(p.contact_point_id),
        "channel": p.channel,
        "weekdays": list(p.weekdays or []),
        "start": p.start_time,
        "end": p.end_time,
        "channels": list(p.channels or []),
        "source": p.source,
        "note": p.note,
        "since": p.since.isoformat(),
        "recorded_by": None if p.recorded_by is None else str(p.recorded_by),
        "cleared_at": None if p.cleared_at is None else p.cleared_at.isoformat(),
        "cleared_by": None if p.cleared_by is None else str(p.cleared_by),
    }


def of_borrower(db: Session, borrower_id: uuid.UUID) -> list[ContactPreference]:
    """Every statement of the borrower, cleared ones too, oldest first."""
    return list(
        db.scalars(
            select(ContactPreference)
            .where(ContactPreference.borrower_id == borrower_id)
            .order_by(ContactPreference.since, ContactPreference.id)
        )
    )


def as_stated(rows: Iterable[ContactPreference]) -> list[StatedPreference]:
    """Rows as the engine's statements (stored rows were validated by their op)."""
    out = []
    for row in rows:
        point = row.contact_point_id
        out.append(
            stated_preference(
                row.kind,
                contact_point_id=None if point is None else str(point),
                channel=row.channel,
                weekdays=row.weekdays or (),
                start=row.start_time,
                end=row.end_time,
                channels=row.channels or (),
            )
        )
    return out


def in_force_at(rows: Sequence[ContactPreference], moment: datetime) -> list[ContactPreference]:
    """The statements that held at `moment`: made by then and not cleared by then."""
    return [
        r for r in rows if r.since <= moment and (r.cleared_at is None or r.cleared_at > moment)
    ]


def in_force(db: Session, borrower_id: uuid.UUID) -> list[ContactPreference]:
    """The statements that hold now (not cleared)."""
    return list(
        db.scalars(
            select(ContactPreference)
            .where(
                ContactPreference.borrower_id == borrower_id,
                ContactPreference.cleared_at.is_(None),
            )
            .order_by(ContactPreference.since, ContactPreference.id)
        )
    )


def check_contact_point(db: Session, case: Case, contact_point_id: uuid.UUID | None) -> None:
    """A contact point an op names must be one of the case's borrower's (422 otherwise)."""
    if contact_point_id is None:
        return
    point = db.get(ContactPoint, contact_point_id)
    if point is None or point.borrower_id != case.borrower_id:
        raise ApiError(
            422,
            "invalid_contact_point",
            "contact_point_id 不是本案件借款人的联系方式。",
            "contact_point_id is not a contact point of this case's borrower.",
        )


def record(db: Session, principal: Principal, case: Case, op: ContactPreferenceRecordOp) -> int:
    """Store the statement for the case's borrower; the caller has authorised the case."""
    if db.get(ContactPreference, op.entity_id) is not None:
        raise ApiError(
            409, "entity_exists", "该记录编号已存在。", "A record with this id already exists."
        )
    p = op.payload
    check_contact_point(db, case, p.contact_point_id)
    row = ContactPreference(
        id=op.entity_id,
        borrower_id=case.borrower_id,
        kind=str(p.kind),
        contact_point_id=p.contact_point_id,
        channel=None if p.channel is None else str(p.channel),
        weekdays=sorted(p.weekdays),
        start_time=p.start,
        end_time=p.end,
        channels=sorted(str(c) for c in p.channels),
        source=str(p.source),
        note=p.note,
        since=op.created_at,
        case_id=case.id,
        recorded_by=principal.user_id,
        version=1,
    )
    db.add(row)
    audit.record(
        db,
        RECORD_ACTION,
        actor=principal,
        entity="contact_preference",
        entity_id=op.entity_id,
        case_id=case.id,
        borrower_id=case.borrower_id,
        **{k: v for k, v in preference_data(row).items() if k not in ("id", "borrower_id")},
    )
    return 1


def clear(db: Session, principal: Principal, case: Case, op: ContactPreferenceClearOp) -> int:
    """Clear the statement; clearing one already cleared changes nothing."""
    row = db.get(ContactPreference, op.entity_id, with_for_update=True)
    if row is None or row.borrower_id != case.borrower_id:
        raise ApiError(
            404,
            "not_found",
            "找不到该联系偏好记录。",
            "No such contact preference on this case's borrower.",
        )
    if row.cleared_at is not None:
        return row.version
    row.cleared_at = op.created_at
    row.cleared_by = principal.user_id
    touch(row)
    audit.record(
        db,
        CLEAR_ACTION,
        actor=principal,
        entity="contact_preference",
        entity_id=row.id,
        case_id=case.id,
        borrower_id=case.borrower_id,
        kind=row.kind,
        reason=op.payload.reason,
    )
    return row.version
