"""Who may apply a pushed op to a case, judged now by the server.

An op on a case the user no longer holds is refused with that reason — except contact
attempts, notes and borrower statements made while the user still held it: those are
facts, accepted, and the case's new holder is told on the timeline. `Conflict` is the
one refusal that carries the server's current version of the edited entity.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from agentdesk.domain.vocabulary import Role
from agentdesk.protocol.ops import (
    Op,
)
from agentdesk.server import audit, plain_select
from agentdesk.server.access import can_see
from agentdesk.server.deps import Principal
from agentdesk.server.errors import ApiError
from agentdesk.server.models import (
    Case,
    Note,
)
from agentdesk.server.sync.changelog import ACCESS
from agentdesk.server.sync.models import SyncChange


class Conflict(ApiError):
    """The edited entity moved on since the client saw it: here is its current version."""

    def __init__(self, zh: str, en: str, code: str, version: int, current: dict[str, Any]):
        super().__init__(409, code, zh, en)
        self.version = version
        self.current = current


class CaseRow(NamedTuple):
    """What applying an attempt or a note reads of its case: plain columns, no object."""

    id: uuid.UUID
    borrower_id: uuid.UUID
    assignee_id: uuid.UUID | None
    team_id: uuid.UUID | None
    holds: list[str]
    next_action_at: datetime | None
    next_action_reason: str | None
    next_action_decided_at: datetime | None


# Compiled once: every pushed attempt and note reads its case's row.
_CASE_ROW = select(
    Case.id,
    Case.borrower_id,
    Case.assignee_id,
    Case.team_id,
    Case.holds,
    Case.next_action_at,
    Case.next_action_reason,
    Case.next_action_decided_at,
).where(Case.id == bindparam("case"))
_FIRST_MOVE_AFTER = (
    select(SyncChange.old_assignee_id, SyncChange.old_team_id)
    .where(
        SyncChange.case_id == bindparam("case"),
        SyncChange.kind == ACCESS,
        SyncChange.at > bindparam("moment"),
    )
    .order_by(SyncChange.seq)
    .limit(1)
)


def _case_row(db: Session, case_id: uuid.UUID) -> CaseRow | None:
    # On the driver's cursor (`plain_select`): the same values, less per-statement work.
    row = plain_select.first(db.connection(), _CASE_ROW, {"case": case_id})
    return None if row is None else CaseRow(*row)


def _held_at(db: Session, principal: Principal, case_id: uuid.UUID, moment: datetime) -> bool:
    """Whether `principal` held the case at `moment`: the first change of hands after
    that moment took it from them."""
    first_move = (
        db.connection().execute(_FIRST_MOVE_AFTER, {"case": case_id, "moment": moment}).first()
    )
    if first_move is None:
        return False
    old_assignee, old_team = first_move
    if principal.role is Role.LEAD:
        return principal.team_id is not None and old_team == principal.team_id
    return old_assignee == principal.user_id


def _reassigned() -> ApiError:
    return ApiError(
        403,
        "case_reassigned",
        "该案件已转派给其他人，此操作未生效。",
        "This case has been reassigned to someone else; the change was not made.",
    )


def _no_case() -> ApiError:
    return ApiError(404, "not_found", "找不到该案件。", "No such case.")


def case_for(db: Session, principal: Principal, case_id: uuid.UUID) -> Case:
    case = db.get(Case, case_id)
    if case is None:
        raise _no_case()
    if not can_see(principal, case):
        raise _reassigned() if _ever_held(db, principal, case.id) else _no_case()
    return case


def _ever_held(db: Session, principal: Principal, case_id: uuid.UUID) -> bool:
    column = SyncChange.old_team_id if principal.role is Role.LEAD else SyncChange.old_assignee_id
    me = principal.team_id if principal.role is Role.LEAD else principal.user_id
    return (
        db.scalars(
            select(SyncChange.seq)
            .where(SyncChange.case_id == case_id, SyncChange.kind == ACCESS, column == me)
            .limit(1)
        ).first()
        is not None
    )


def fact_access(db: Session, principal: Principal, op: Op) -> tuple[CaseRow, bool]:
    """The case row of an attempt, note or statement, and whether it is accepted as an
    earlier fact (made while the user held the case)."""
    case = _case_row(db, op.payload.case_id)
    if case is None:
        raise _no_case()
    if can_see(principal, case):
        return case, False
    if _held_at(db, principal, case.id, op.created_at):
        return case, True
    raise _reassigned() if _ever_held(db, principal, case.id) else _no_case()


def tell_new_holder(
    db: Session, principal: Principal, case_id: uuid.UUID, what_zh: str, what_en: str, op: Op
) -> None:
    db.add(
        Note(
            id=uuid.uuid5(op.op_id, "reassignment-notice"),
            case_id=case_id,
            author_id=principal.user_id,
            body=(
                f"【离线记录】{principal.username} 在案件转派前记录了一条{what_zh}"
                f"（{op.created_at:%Y-%m-%d %H:%M} UTC），同步时已加入本案件。 / "
                f"[Offline record] {principal.username} recorded a {what_en} on this case "
                f"before it was reassigned ({op.created_at:%Y-%m-%d %H:%M} UTC); it was added "
                "when their desktop synced."
            ),
            version=1,
        )
    )
    audit.record(
        db,
        "sync.late_fact",
        actor=principal,
        entity="case",
        entity_id=case_id,
        op_id=op.op_id,
        op_type=str(op.type),
    )


def id_taken() -> ApiError:
    return ApiError(
        409, "entity_exists", "该记录编号已存在。", "A record with this id already exists."
    )


def check_new_id(db: Session, model: Any, entity_id: uuid.UUID) -> None:
    # A plain id lookup: loading a mapped object only to see that there is none cost more.
    taken = db.connection().execute(select(model.id).where(model.id == entity_id)).first()
    if taken is not None:
        raise id_taken()
