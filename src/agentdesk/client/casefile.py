"""Everything the case view shows about one case, read in one go (one snapshot)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from agentdesk.client.queue_rows import ROW_COLUMNS, QueueRow, row_from_db
from agentdesk.client.store import LocalStore
from agentdesk.protocol.sync import (
    BorrowerData,
    CaseData,
    ContactPointData,
    DocumentData,
    InstalmentData,
    LoanData,
    PaymentData,
    PlanData,
    PlanDecisionData,
)


@dataclass(frozen=True)
class ContactPointView:
    """A contact point with its display form (a phone masked)."""

    data: ContactPointData
    masked: str


@dataclass(frozen=True)
class TimelineItem:
    """One entry of the case's history: a call, message, note, promise, plan or decision.

    `data` is the entity's data as in `agentdesk.protocol.sync` (`ContactAttemptData`,
    `NoteData`, …, chosen by `kind`); `local_state` is 'synced', or 'pending' until the
    server confirms it, or 'rejected' / 'conflict' when it did not.
    """

    item_id: str
    kind: str
    occurred_at: datetime
    local_state: str
    data: dict[str, Any]


@dataclass(frozen=True)
class PlanView:
    """A plan with its current (possibly locally changed) status."""

    data: PlanData
    status: str
    local_state: str
    decisions: tuple[PlanDecisionData, ...]


@dataclass(frozen=True)
class CaseFile:
    """A whole case: queue columns, server data, borrower, loan, schedule, timeline."""

    row: QueueRow
    case: CaseData
    borrower: BorrowerData | None
    contact_points: tuple[ContactPointView, ...]
    loan: LoanData | None
    instalments: tuple[InstalmentData, ...]
    payments: tuple[PaymentData, ...]
    timeline: tuple[TimelineItem, ...]
    """Newest first."""
    plans: tuple[PlanView, ...]


class UnknownCaseError(LookupError):
    """The case is not in the local store (never synced, or removed)."""


def open_case(store: LocalStore, case_id: str) -> CaseFile:
    """Read one case and everything hanging off it, in one read transaction."""
    with store.read() as db:
        raw = db.execute(
            f"SELECT {ROW_COLUMNS}, d.data, c.borrower_id, c.loan_id FROM cases c"
            " JOIN case_data d ON d.case_id = c.case_id WHERE c.case_id = ?",
            (case_id,),
        ).fetchone()
        if raw is None:
            raise UnknownCaseError(f"本地没有案件 {case_id} / no case {case_id} in the local store")
        row = row_from_db(raw)
        case = CaseData.model_validate_json(raw[-3])
        borrower_id, loan_id = raw[-2], raw[-1]
        borrower = _scalar(db, "SELECT data FROM borrowers WHERE borrower_id = ?", borrower_id)
        contacts = db.execute(
            "SELECT data, masked FROM contact_points WHERE borrower_id = ?"
            " ORDER BY relation = 'borrower' DESC, contact_point_id",
            (borrower_id,),
        ).fetchall()
        loan = _scalar(db, "SELECT data FROM loans WHERE loan_id = ?", loan_id)
        instalments = db.execute(
            "SELECT data FROM instalments WHERE loan_id = ? ORDER BY seq", (loan_id,)
        ).fetchall()
        payments = db.execute(
            "SELECT data FROM payments WHERE loan_id = ? ORDER BY paid_on", (loan_id,)
        ).fetchall()
        history = db.execute(
            "SELECT item_id, kind, occurred_at, local_state, data FROM history"
            " WHERE case_id = ? ORDER BY occurred_at DESC, item_id",
            (case_id,),
        ).fetchall()
        plans = db.execute(
            "SELECT data, status, local_state FROM plans WHERE case_id = ?", (case_id,)
        ).fetchall()
        decisions = db.execute(
            "SELECT plan_id, data FROM plan_decisions WHERE case_id = ?", (case_id,)
        ).fetchall()
    by_plan: dict[str, list[PlanDecisionData]] = {}
    for plan_id, data in decisions:
        by_plan.setdefault(plan_id, []).append(PlanDecisionData.model_validate_json(data))
    plan_views = sorted(
        (
            PlanView(
                data=(plan := PlanData.model_validate_json(data)),
                status=status,
                local_state=state,
                decisions=tuple(sorted(by_plan.get(plan.id, []), key=lambda d: d.decided_at)),
            )
            for data, status, state in plans
        ),
        key=lambda view: view.data.proposed_at,
        reverse=True,
    )
    return CaseFile(
        row=row,
        case=case,
        borrower=None if borrower is None else BorrowerData.model_validate_json(borrower),
        contact_points=tuple(
            ContactPointView(ContactPointData.model_validate_json(d), m) for d, m in contacts
        ),
        loan=None if loan is None else LoanData.model_validate_json(loan),
        instalments=tuple(InstalmentData.model_validate_json(d) for (d,) in instalments),
        payments=tuple(PaymentData.model_validate_json(d) for (d,) in payments),
        timeline=tuple(
            TimelineItem(item_id, kind, datetime.fromisoformat(at), state, json.loads(data))
            for item_id, kind, at, state, data in history
        ),
        plans=tuple(plan_views),
    )


def current_document(store: LocalStore, kind: str, doc_id: str) -> DocumentData | None:
    """The newest version of a script (`kind='script'`) or policy held locally."""
    with store.read() as db:
        row = db.execute(
            "SELECT doc_id, version, language, format, body FROM documents"
            " WHERE kind = ? AND doc_id = ? ORDER BY version DESC LIMIT 1",
            (kind, doc_id),
        ).fetchone()
    if row is None:
        return None
    return DocumentData(id=row[0], version=row[1], language=row[2], format=row[3], body=row[4])


def _scalar(db: sqlite3.Connection, sql: str, *params: Any) -> Any:
    row = db.execute(sql, params).fetchone()
    return None if row is None else row[0]
