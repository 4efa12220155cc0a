"""The sync tables: the op log (exactly-once push) and the change log (ordered pull)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from agentdesk.server.base import Base, UTCDateTime, utcnow


class SyncOp(Base):
    """One pushed op, by its client-made id, with the answer the server gave the first time.

    The row is written in the same transaction as the op's effect, so an op is either
    applied and recorded, or neither. A retry finds the row and gets the same answer; a
    different op under the same id is told apart by `payload_hash`.
    """

    __tablename__ = "sync_ops"
    op_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    op_type: Mapped[str] = mapped_column(String(32), nullable=False)
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    payload_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class SyncChange(Base):
    """One change to an entity a desktop may hold, at a position (`seq`) in commit order.

    `kind` is `upsert` (read the entity's current data), `remove` (it is gone) or
    `access` (the case changed hands or came into being: who held it before and after,
    so the old holder gets a removal and the new one the whole case).
    """

    __tablename__ = "sync_changes"
    __table_args__ = (Index("ix_sync_changes_case_seq", "case_id", "seq"),)
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    entity_type: Mapped[str] = mapped_column(String(32), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(100), nullable=False)
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(8), nullable=False)
    old_assignee_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    old_team_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    new_assignee_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    new_team_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class SyncRetention(Base):
    """What pruning left behind: `change_log_horizon` is the highest pruned position.

    A cursor below it may have missed pruned changes, so its desktop starts again from a
    snapshot (`retention`)."""

    __tablename__ = "sync_retention"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
