"""Contact preferences in the local store: reading them, showing ours, keeping pulled ones.

`stated_for_borrower` is what the desktop's compliance check reads
(`ui.call_workspace_facts`), so a preference recorded on one desktop blocks the channel
on every other desktop once they have synced. Recording new ones is
`contact_preferences.py`; pulled server copies come through `changes.py` to
`store_pulled`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from agentdesk.client.convert import utc_text
from agentdesk.client.store import LocalStore, WriteTx
from agentdesk.domain.compliance.preferences import StatedPreference, stated_preference
from agentdesk.protocol.ops import (
    ContactPreferenceClearOp,
    ContactPreferenceRecordOp,
    Op,
    OpType,
    parse_op,
)
from agentdesk.protocol.sync import ContactPreferenceData

# Rows the server turned down never held: they are not enforced.
_REFUSED = ("rejected", "conflict")


@dataclass(frozen=True)
class PreferenceRow:
    """One statement as the desktop shows it: the data and whether it is confirmed."""

    data: ContactPreferenceData
    local_state: str
    cleared: bool

    @property
    def in_force(self) -> bool:
        """Not cleared and not turned down by the server."""
        return not self.cleared and self.local_state not in _REFUSED


def cases_of_borrower(db: sqlite3.Connection, borrower_id: str) -> list[str]:
    """The local cases of a borrower (a statement about them changes each of these)."""
    rows = db.execute("SELECT case_id FROM cases WHERE borrower_id = ?", (borrower_id,))
    return [str(r[0]) for r in rows]


def apply_effect(
    db: sqlite3.Connection, op: Op, *, borrower_id: str | None = None, user_id: str | None = None
) -> None:
    """Show a preference op locally: a new pending statement, or the statement cleared."""
    if isinstance(op, ContactPreferenceRecordOp):
        if borrower_id is None:
            found = db.execute(
                "SELECT borrower_id FROM cases WHERE case_id = ?", (str(op.payload.case_id),)
            ).fetchone()
            if found is None:
                return
            borrower_id = str(found[0])
        if db.execute(
            "SELECT 1 FROM contact_preferences WHERE preference_id = ?", (str(op.entity_id),)
        ).fetchone():
            return  # already there (made here earlier, or the server's copy arrived)
        p = op.payload
        data = ContactPreferenceData(
            id=str(op.entity_id),
            borrower_id=borrower_id,
            kind=p.kind,
            contact_point_id=None if p.contact_point_id is None else str(p.contact_point_id),
            channel=p.channel,
            weekdays=tuple(sorted(p.weekdays)),
            start=p.start,
            end=p.end,
            channels=tuple(sorted(p.channels)),
            source=p.source,
            note=p.note,
            since=op.created_at,
            recorded_by=user_id,
        )
        db.execute(
            "INSERT INTO contact_preferences VALUES (?, ?, ?, ?, NULL, NULL, 'pending', ?)",
            (data.id, borrower_id, data.contact_point_id, str(data.kind),
             data.model_dump_json()),
        )
    elif isinstance(op, ContactPreferenceClearOp):
        db.execute(
            "UPDATE contact_preferences SET cleared_at = coalesce(cleared_at, ?)"
            " WHERE preference_id = ?",
            (utc_text(op.created_at), str(op.entity_id)),
        )


def store_pulled(tx: WriteTx, version: int, entity: ContactPreferenceData, data: str) -> None:
    """Write the server's copy; a clear of ours still waiting keeps showing over it."""
    tx.db.execute(
        "INSERT OR REPLACE INTO contact_preferences VALUES (?, ?, ?, ?, ?, ?, 'synced', ?)",
        (entity.id, entity.borrower_id, entity.contact_point_id, str(entity.kind),
         utc_text(entity.cleared_at), version, data),
    )
    for (body,) in tx.db.execute(
        "SELECT body FROM outbox WHERE op_type = ? AND entity_id = ? ORDER BY seq",
        (str(OpType.CONTACT_PREFERENCE_CLEAR), entity.id),
    ).fetchall():
        apply_effect(tx.db, parse_op(body))
    tx.case_changed(*cases_of_borrower(tx.db, entity.borrower_id))


def borrower_rows(db: sqlite3.Connection, borrower_id: str) -> list[PreferenceRow]:
    """Every statement of the borrower held locally, oldest first."""
    rows = db.execute(
        "SELECT data, local_state, cleared_at FROM contact_preferences WHERE borrower_id = ?",
        (borrower_id,),
    ).fetchall()
    out = [
        PreferenceRow(ContactPreferenceData.model_validate_json(data), state, cleared is not None)
        for data, state, cleared in rows
    ]
    out.sort(key=lambda r: (r.data.since, r.data.id))
    return out


def as_stated(rows: Iterable[PreferenceRow]) -> list[StatedPreference]:
    """The statements in force, as the compliance engine reads them."""
    return [
        stated_preference(
            str(r.data.kind),
            contact_point_id=r.data.contact_point_id,
            channel=None if r.data.channel is None else str(r.data.channel),
            weekdays=r.data.weekdays,
            start=r.data.start,
            end=r.data.end,
            channels=[str(c) for c in r.data.channels],
        )
        for r in rows
        if r.in_force
    ]


def stated_for_borrower(store: LocalStore, borrower_id: str) -> list[StatedPreference]:
    """What the compliance check must honour for this borrower now."""
    with store.read() as db:
        return as_stated(borrower_rows(db, borrower_id))
