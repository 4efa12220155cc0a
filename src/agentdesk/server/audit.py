"""The append-only audit trail: who did what to which record, when, from which device."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, event
from sqlalchemy.orm import Mapper, Session

from agentdesk.server import plain_insert
from agentdesk.server.base import utcnow
from agentdesk.server.models import AuditEntry

if TYPE_CHECKING:
    from agentdesk.server.deps import Principal


def record(
    session: Session,
    action: str,
    *,
    actor: Principal | None = None,
    username: str | None = None,
    device: str | None = None,
    entity: str | None = None,
    entity_id: uuid.UUID | str | None = None,
    **detail: Any,
) -> None:
    """Add one audit entry to the session's transaction (it commits with the change).

    Written straight away with a plain INSERT, not as a mapped object for the next flush:
    entries are append-only and nothing reads them back in the writing transaction, and
    the unit of work's bookkeeping for them cost a large share of applying a pushed op.
    A rolled-back transaction or savepoint drops the entry with the change it records.
    """
    plain_insert.run(
        session.connection(),
        _TABLE,
        {
            "at": utcnow(),
            "user_id": actor.user_id if actor else None,
            "username": actor.username if actor else username,
            "device": actor.device if actor else device,
            "action": action,
            "entity": entity,
            "entity_id": None if entity_id is None else str(entity_id),
            "detail": {k: _plain(v) for k, v in detail.items()},
        },
    )


# One statement, its values passed as parameters: compiled once, not per entry.
_TABLE = cast(Table, AuditEntry.__table__)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


class AuditIsAppendOnly(RuntimeError):
    """Raised when code tries to change or delete an audit entry."""


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _refuse_rewrite(_mapper: Mapper[AuditEntry], _connection: Any, entry: AuditEntry) -> None:
    raise AuditIsAppendOnly(f"audit entry {entry.id} cannot be changed or deleted")
