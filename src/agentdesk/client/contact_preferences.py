"""The borrower's statements about contact in the local store, and recording new ones.

A statement (channel opt-out, workplace that forbids contact, inconvenient time) belongs
to the borrower, so it counts on every case of theirs. The agent's own statements are
written here with their outbox op in one transaction (like `operations.py`), shown at
once ('pending') and enforced at once by the compliance check; the server's copies
arrive by pull (`store_pulled`). A pending clear keeps showing over a pulled copy until
the server has answered it.

Reading them, and keeping pulled copies, is `preference_rows.py`.
"""

from __future__ import annotations

import sqlite3
from uuid import UUID, uuid4

from agentdesk.client import outbox
from agentdesk.client.operations import LocalChange, OperationError
from agentdesk.client.preference_rows import apply_effect, cases_of_borrower
from agentdesk.client.store import LocalStore, WriteTx
from agentdesk.protocol.ops import (
    ContactPreferenceClear,
    ContactPreferenceRecord,
    ContactPreferenceRecordOp,
    Op,
    make_op,
)


def _borrower_of_case(db: sqlite3.Connection, case_id: UUID) -> str:
    row = db.execute("SELECT borrower_id FROM cases WHERE case_id = ?", (str(case_id),)).fetchone()
    if row is None:
        raise OperationError(
            "case_id", f"本地没有案件 {case_id}", f"no case {case_id} in the local store"
        )
    return str(row[0])


class ContactPreferences:
    """Recording and clearing statements in one local store."""

    def __init__(self, store: LocalStore, *, user_id: str | None = None) -> None:
        self.store = store
        self.user_id = user_id

    def record(self, statement: ContactPreferenceRecord) -> LocalChange:
        """Record what the borrower said; enforced locally at once, sent on next sync."""
        preference_id = uuid4()
        with self.store.write() as tx:
            borrower_id = _borrower_of_case(tx.db, statement.case_id)
            if statement.contact_point_id is not None:
                row = tx.db.execute(
                    "SELECT borrower_id FROM contact_points WHERE contact_point_id = ?",
                    (str(statement.contact_point_id),),
                ).fetchone()
                if row is None or str(row[0]) != borrower_id:
                    raise OperationError(
                        "contact_point_id",
                        "该联系方式不属于本案件的借款人",
                        "the contact point is not one of this case's borrower",
                    )
            op = make_op(statement, entity_id=preference_id, created_at=tx.now)
            assert isinstance(op, ContactPreferenceRecordOp)
            apply_effect(tx.db, op, borrower_id=borrower_id, user_id=self.user_id)
            return self._queue(tx, op, borrower_id)

    def clear(self, preference_id: UUID, clearing: ContactPreferenceClear) -> LocalChange:
        """The statement no longer holds (the borrower changed their mind, or a mistake)."""
        with self.store.write() as tx:
            borrower_id = _borrower_of_case(tx.db, clearing.case_id)
            row = tx.db.execute(
                "SELECT borrower_id FROM contact_preferences WHERE preference_id = ?",
                (str(preference_id),),
            ).fetchone()
            if row is None or str(row[0]) != borrower_id:
                raise OperationError(
                    "preference_id",
                    f"本案件借款人没有联系偏好 {preference_id}",
                    f"this case's borrower has no contact preference {preference_id}",
                )
            op = make_op(clearing, entity_id=preference_id, created_at=tx.now)
            apply_effect(tx.db, op)
            return self._queue(tx, op, borrower_id)

    @staticmethod
    def _queue(tx: WriteTx, op: Op, borrower_id: str) -> LocalChange:
        outbox.append(tx, op)
        tx.case_changed(*cases_of_borrower(tx.db, borrower_id))
        return LocalChange(op_id=op.op_id, entity_id=op.entity_id, case_id=op.payload.case_id)


