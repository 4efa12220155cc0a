"""Contact preferences that come with the portfolio's contacts file.

Two optional columns of `contacts.csv` carry what the lender's own records say about a
contact point: `opted_out_channels` (channels separated by `;`, e.g. `sms;call`) and
`workplace_prohibits_contact` (`yes` / `no`). Each becomes a statement with source
`import`, like one an agent records, and reaches every desktop holding a case of that
borrower.

An import only ever adds: a statement already in force for the point (from an earlier
import or recorded by an agent) is left as it is, so importing the same file again
changes nothing, and an empty cell clears nothing — clearing is a person's decision,
made with a `contact_preference.clear` op and audited as theirs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.compliance.preferences import PreferenceKind, PreferenceSource
from agentdesk.domain.vocabulary import Channel
from agentdesk.server import audit
from agentdesk.server.imports.fields import Bad
from agentdesk.server.models import ContactPoint, ContactPreference

IMPORT_ACTION = "contact_preference.import"
_YES = {"yes", "y", "true", "1", "是"}
_NO = {"no", "n", "false", "0", "否"}


def channel_list(value: str) -> tuple[str, ...]:
    """Channels separated by `;` (or `,`), each one the app knows."""
    out: list[str] = []
    for part in value.replace(",", ";").split(";"):
        word = part.strip().lower()
        if not word:
            continue
        if word not in {c.value for c in Channel}:
            listing = ", ".join(c.value for c in Channel)
            raise Bad(
                f"未知的渠道“{part.strip()}”，应为：{listing}",
                f"unknown channel {part.strip()!r}; use: {listing}",
            )
        if word not in out:
            out.append(word)
    return tuple(out)


def yes_no(value: str) -> bool:
    """yes / no (also true/false, 1/0, 是/否)."""
    word = value.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise Bad("应为 yes 或 no", "must be yes or no")


def add_imported(
    db: Session,
    rows: Iterable[tuple[ContactPoint, tuple[str, ...] | None, bool | None]],
    at: datetime,
) -> int:
    """Add the statements the file names that are not already in force; returns how many."""
    wanted = [(p, opted or (), bool(work)) for p, opted, work in rows if opted or work]
    if not wanted:
        return 0
    point_ids = [p.id for p, _, _ in wanted]
    held = {
        (r.contact_point_id, r.kind, r.channel)
        for r in db.scalars(
            select(ContactPreference).where(
                ContactPreference.contact_point_id.in_(point_ids),
                ContactPreference.cleared_at.is_(None),
            )
        )
    }
    added = 0
    for point, opted, work in wanted:
        statements: list[tuple[str, str | None]] = [
            (PreferenceKind.CHANNEL_OPT_OUT.value, c) for c in opted
        ]
        if work:
            statements.append((PreferenceKind.WORKPLACE_PROHIBITS.value, None))
        for kind, channel in statements:
            if (point.id, kind, channel) in held:
                continue
            row = ContactPreference(
                borrower_id=point.borrower_id,
                kind=kind,
                contact_point_id=point.id,
                channel=channel,
                weekdays=[],
                channels=[],
                source=PreferenceSource.IMPORT.value,
                note="",
                since=at,
                version=1,
            )
            db.add(row)
            db.flush()
            held.add((point.id, kind, channel))
            audit.record(
                db,
                IMPORT_ACTION,
                entity="contact_preference",
                entity_id=row.id,
                borrower_id=point.borrower_id,
                contact_point_id=point.id,
                kind=kind,
                channel=channel,
            )
            added += 1
    return added
