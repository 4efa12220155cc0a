"""`/sync/status`, `/sync/push`, `/sync/pull`: thin HTTP over `push` and `pull`."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import Field
from sqlalchemy.orm import Session, sessionmaker

from agentdesk import __version__
from agentdesk.domain.authority import AuthorityPolicy
from agentdesk.protocol import API_VERSION
from agentdesk.protocol.common import WireModel
from agentdesk.protocol.handshake import (
    PROTOCOL_HEADER,
    REMAINING_HEADER,
    SYNC_PROTOCOL_VERSION,
    SyncStatus,
)
from agentdesk.protocol.sync import (
    MAX_PULL_LIMIT,
    MAX_PUSH_OPS,
    PullResponse,
    PushResponse,
)
from agentdesk.server.base import utcnow
from agentdesk.server.deps import CurrentUser, Db
from agentdesk.server.errors import ApiError, request_language
from agentdesk.server.sync.pull import pull
from agentdesk.server.sync.push import push_batch

MIN_PROTOCOL_VERSION = 1
"""The oldest desktop sync protocol still accepted (raise it to retire old desktops)."""


def _min_version(request: Request) -> int:
    return int(getattr(request.app.state, "min_sync_protocol", MIN_PROTOCOL_VERSION))


def _client_version(request: Request) -> int | None:
    raw = request.headers.get(PROTOCOL_HEADER)
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        return 0


def _upgrade_message(minimum: int) -> tuple[str, str]:
    return (
        f"此客户端版本过旧（同步协议低于 {minimum}），请更新 AgentDesk 后再同步。"
        "未同步的工作仍保留在本机。",
        f"This desktop is too old (sync protocol below {minimum}); update AgentDesk, then "
        "sync again. Unsynced work stays on this computer.",
    )


def check_protocol(request: Request) -> None:
    """426 for a desktop whose sync protocol this server no longer accepts (or is newer)."""
    version = _client_version(request)
    minimum = _min_version(request)
    if version is None:
        return  # tools and scripts that do not say; the op schemas still guard the shapes
    if version < minimum or version > SYNC_PROTOCOL_VERSION:
        zh, en = _upgrade_message(minimum)
        if version > SYNC_PROTOCOL_VERSION:
            zh = "服务器版本较旧，不支持此客户端的同步协议，请联系管理员升级服务器。"
            en = "The server is older than this desktop's sync protocol; ask to upgrade it."
        raise ApiError(
            426,
            "upgrade_required",
            zh,
            en,
            details={"min_protocol_version": minimum, "protocol_version": SYNC_PROTOCOL_VERSION},
            headers={"Upgrade": f"agentdesk-sync/{minimum}"},
        )


router = APIRouter(prefix="/sync", tags=["sync"], dependencies=[Depends(check_protocol)])
status_router = APIRouter(prefix="/sync", tags=["sync"])


@status_router.get("/status", response_model=SyncStatus)
def status(request: Request) -> SyncStatus:
    """Protocol versions, the server's clock, and whether this client must upgrade.

    Needs no sign-in: a desktop asks before it signs in."""
    version = _client_version(request)
    minimum = _min_version(request)
    upgrade = version is not None and version < minimum
    message = ""
    if upgrade:
        zh, en = _upgrade_message(minimum)
        message = zh if request_language(request).value.startswith("zh") else en
    return SyncStatus(
        protocol_version=SYNC_PROTOCOL_VERSION,
        min_protocol_version=minimum,
        client_protocol_version=version,
        upgrade_required=upgrade,
        message=message,
        server_time=utcnow(),
        api_version=API_VERSION,
        server_version=__version__,
    )


class PushBatch(WireModel):
    """`POST /sync/push`: a device's outbox ops in order; each op is an `Op` envelope.

    Ops are checked one by one, so one malformed op is rejected on its own."""

    device_id: uuid.UUID
    # Each op stays a plain object here (parsed one by one, see above). Its values came
    # from the JSON body, so they are JSON values already: checking that again, value by
    # value, cost more than parsing the body.
    ops: list[dict[str, Any]] = Field(max_length=MAX_PUSH_OPS)


@router.post("/push", response_model=PushResponse)
def push(body: PushBatch, request: Request, principal: CurrentUser, db: Db) -> PushResponse:
    """Apply each op exactly once; one result per op, in order."""
    db.close()  # each op gets its own session and transaction
    factory: sessionmaker[Session] = request.app.state.sessions
    policy: AuthorityPolicy = request.app.state.policy
    language = request_language(request)
    results = push_batch(factory, principal, body.device_id, body.ops, policy, language)
    return PushResponse(results=tuple(results), server_time=utcnow())


@router.get(
    "/pull",
    response_class=Response,
    responses={200: {"model": PullResponse, "description": "A page of changes."}},
)
def pull_changes(
    request: Request,
    principal: CurrentUser,
    db: Db,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = 1000,
) -> Response:
    """Changes visible to the requester after `cursor`, oldest first (empty: from scratch)."""
    # Protocol 2 desktops read first-sync entities in blocks (protocol.sync.EntityBlock).
    version = _client_version(request)
    page = pull(db, principal, cursor, limit, blocks=version is not None and version >= 2)
    headers: dict[str, Any] = {REMAINING_HEADER: str(page.remaining)}
    return Response(content=page.json(), media_type="application/json", headers=headers)
