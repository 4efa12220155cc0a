"""Portfolio imports from CSV: all-or-nothing, idempotent, every bad row reported."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from agentdesk.domain.vocabulary import Language
from agentdesk.protocol.imports import ImportResult, ImportRowError
from agentdesk.server.errors import ApiError
from agentdesk.server.imports.kinds import LAYOUTS
from agentdesk.server.imports.reader import Problem, decode, read_rows

KINDS = tuple(LAYOUTS)
MAX_REPORTED = 1000


def bad_file(problems: list[Problem], language: Language) -> ApiError:
    """422 listing every problem (line, column, value, reason in `language`)."""
    problems = sorted(problems, key=lambda p: (p.line, p.column))
    shown = problems[:MAX_REPORTED]
    zh = language is Language.ZH_CN
    details = [
        ImportRowError(
            line=p.line, column=p.column, value=p.value, reason=p.zh if zh else p.en
        ).model_dump()
        for p in shown
    ]
    n = len(problems)
    return ApiError(
        422,
        "invalid_file",
        f"文件有 {n} 处错误，未导入任何数据。",
        f"The file has {n} problem{'s' if n != 1 else ''}; nothing was imported.",
        details=details,
    )


def import_csv(
    db: Session, kind: str, data: bytes, as_of: date, language: Language
) -> ImportResult:
    """Validate the whole file, then write it in the caller's transaction (not committed).

    Raises `ApiError` (422) with every problem when any row is bad; nothing is written then.
    """
    if kind not in LAYOUTS:
        raise ApiError(
            404,
            "unknown_import_kind",
            f"未知的导入类型：{kind}（可选：{'、'.join(KINDS)}）",
            f"Unknown import kind {kind} (one of: {', '.join(KINDS)})",
        )
    columns, apply = LAYOUTS[kind]
    text = decode(data)
    if isinstance(text, Problem):
        raise bad_file([text], language)
    parsed = read_rows(text, columns)
    # The rows that read cleanly are still checked against the database, so one answer
    # lists every problem; `apply` writes nothing while any problem is known.
    counts = apply(db, parsed, as_of)
    if parsed.problems:
        raise bad_file(parsed.problems, language)
    db.flush()
    return ImportResult(
        kind=kind,  # type: ignore[arg-type]
        rows=len(parsed.rows),
        created=counts.created,
        updated=counts.updated,
        unchanged=counts.unchanged,
    )
