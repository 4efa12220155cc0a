"""`/admin/import/{kind}`: portfolio files, administrators only."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from agentdesk.domain.vocabulary import Language
from agentdesk.protocol.imports import ImportResult
from agentdesk.server import audit
from agentdesk.server.db import begin_write
from agentdesk.server.deps import Admin, Db, get_settings
from agentdesk.server.errors import ApiError, request_language
from agentdesk.server.imports import import_csv

router = APIRouter(tags=["admin"])

Kind = Literal["borrowers", "contacts", "loans", "payments", "assignments"]


@router.post(
    "/admin/import/{kind}",
    response_model=ImportResult,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/csv": {"schema": {"type": "string", "format": "binary"}}},
            "description": "The CSV file as the request body (UTF-8, BOM optional); "
            "see docs/import-format.md for the columns.",
        }
    },
)
async def import_file(kind: Kind, request: Request, principal: Admin, db: Db) -> ImportResult:
    """Import one portfolio file: all rows or none; repeated imports change nothing."""
    limit = get_settings(request).import_max_bytes
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            raise ApiError(
                413,
                "file_too_large",
                f"文件超过 {limit // (1024 * 1024)} MB，请分批导入。",
                f"The file is over {limit // (1024 * 1024)} MB; split it.",
            )
    # Parsing and writing a large file is blocking work: keep it off the event loop.
    return await run_in_threadpool(
        _run, db, principal, kind, bytes(data), request_language(request)
    )


def _run(db: Db, principal: Admin, kind: str, data: bytes, language: Language) -> ImportResult:
    begin_write(db)
    result = import_csv(db, kind, data, datetime.now(UTC).date(), language)
    audit.record(
        db,
        "import",
        actor=principal,
        entity="import",
        entity_id=kind,
        rows=result.rows,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
    )
    db.commit()
    return result
