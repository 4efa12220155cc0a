"""The sync handshake: protocol versions and clocks, checked before any work travels.

A desktop sends its sync protocol version in the `X-AgentDesk-Protocol` header of every
sync request. A server that no longer speaks that version answers 426 (Upgrade
Required) with the error code `upgrade_required`, so an old desktop stops and tells its
user to update instead of sending ops the server would misread. `GET /sync/status`
tells the same up front, with the server's clock: a desktop whose clock is far off
would stamp its offline work with wrong times, so it warns its user.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

SYNC_PROTOCOL_VERSION = 2
"""The sync protocol this code speaks (ops, results, changes, cursors).

2: first-sync pages may carry entities in `EntityBlock`s (sent only to a desktop that
says it speaks 2; a desktop speaking 1 still gets one `Change` per entity)."""

PROTOCOL_HEADER = "X-AgentDesk-Protocol"
REMAINING_HEADER = "X-Sync-Remaining"
"""On pull answers: about how many changes still wait after this page (for progress)."""

MAX_CLOCK_SKEW_SECONDS = 300
"""Beyond this difference from the server's clock a desktop warns its user."""


class SyncStatus(BaseModel):
    """`GET /sync/status`: what the server speaks, its clock, and the verdict on the client."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    protocol_version: int = Field(ge=1, description="The newest sync protocol the server speaks.")
    min_protocol_version: int = Field(ge=1, description="The oldest it still accepts.")
    client_protocol_version: int | None = Field(
        default=None, description="The version the client said it speaks, if it said."
    )
    upgrade_required: bool = False
    message: str = ""
    server_time: AwareDatetime
    api_version: int = Field(ge=1)
    server_version: str


def clock_skew_seconds(server_time: datetime, sent_at: datetime, received_at: datetime) -> float:
    """How far the server's clock is ahead of ours (negative: behind), taking the request's
    midpoint as the moment the server read its clock."""
    midpoint = sent_at + (received_at - sent_at) / 2
    return (server_time - midpoint).total_seconds()
