"""API errors: a status, a stable code and a sentence in Chinese and in English.

Every refusal the server makes goes through `ApiError` (or a domain error it wraps), so a
client always gets `{"error": {code, message, message_zh, message_en, details}}` — with
`message` in the language the request asked for (Accept-Language) — and never a 500 for
bad input.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from agentdesk.domain.errors import DomainError
from agentdesk.domain.vocabulary import Language

log = logging.getLogger("agentdesk.server")


def request_language(request: Request) -> Language:
    """The language the requester reads: Accept-Language zh… → Chinese, else English."""
    header = request.headers.get("accept-language", "")
    for part in header.split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("zh"):
            return Language.ZH_CN
        if tag.startswith("en"):
            return Language.EN
    return Language.EN


class ApiError(Exception):
    """A refusal with an HTTP status, a machine code and both sentences."""

    def __init__(
        self,
        status: int,
        code: str,
        zh: str,
        en: str,
        *,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(en)
        self.status = status
        self.code = code
        self.zh = zh
        self.en = en
        self.details = details
        self.headers = headers

    def body(self, language: Language) -> dict[str, Any]:
        message = self.zh if language is Language.ZH_CN else self.en
        error: dict[str, Any] = {
            "code": self.code,
            "message": message,
            "message_zh": self.zh,
            "message_en": self.en,
        }
        if self.details is not None:
            error["details"] = self.details
        return {"error": error}


def not_found(what_zh: str = "记录", what_en: str = "record") -> ApiError:
    """404 — also the answer for what exists but is not the requester's to see."""
    return ApiError(404, "not_found", f"找不到该{what_zh}。", f"No such {what_en}.")


def forbidden() -> ApiError:
    """403 — the requester's role may not do this at all."""
    return ApiError(403, "forbidden", "您的角色无权执行此操作。", "Your role may not do this.")


def unauthorised(zh: str = "请先登录。", en: str = "Please sign in.") -> ApiError:
    """401 with the bearer challenge."""
    return ApiError(401, "unauthorised", zh, en, headers={"WWW-Authenticate": "Bearer"})


def domain_error(exc: DomainError, status: int = 422) -> ApiError:
    """Wrap a domain rule's refusal, keeping its field, value and allowed range."""
    return ApiError(
        status,
        exc.code,
        exc.message(Language.ZH_CN),
        exc.message(Language.EN),
        details=[exc.as_dict()],
    )


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path")]
        field = ".".join(loc) or "body"
        value = err.get("input")
        out.append(
            {
                "field": field,
                "value": None if isinstance(value, dict | list) else _short(value),
                "reason": err.get("msg", ""),
                "message_zh": f"字段 {field} 无效：{err.get('msg', '')}",
                "message_en": f"Field {field} is invalid: {err.get('msg', '')}",
            }
        )
    return out


def _short(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= 200 else text[:200] + "…"


def install_handlers(app: FastAPI) -> None:
    """Make every failure answer in the error shape above."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(
            exc.body(request_language(request)), status_code=exc.status, headers=exc.headers
        )

    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> JSONResponse:
        err = domain_error(exc)
        return JSONResponse(err.body(request_language(request)), status_code=err.status)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = _validation_details(exc)
        fields = ", ".join(d["field"] for d in details)
        err = ApiError(
            422,
            "invalid_request",
            f"请求内容有误：{fields}",
            f"The request is not valid: {fields}",
            details=details,
        )
        return JSONResponse(err.body(request_language(request)), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            err = ApiError(404, "not_found", "找不到该地址。", "No such endpoint.")
        elif exc.status_code == 405:
            err = ApiError(405, "method_not_allowed", "不支持该请求方法。", "Method not allowed.")
        else:
            err = ApiError(exc.status_code, "http_error", str(exc.detail), str(exc.detail))
        return JSONResponse(
            err.body(request_language(request)), status_code=err.status, headers=exc.headers
        )

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        log.info("integrity conflict: %s", exc.orig)
        err = ApiError(
            409,
            "conflict",
            "与现有数据冲突，未做任何更改。",
            "This conflicts with existing data; nothing was changed.",
        )
        return JSONResponse(err.body(request_language(request)), status_code=409)

    @app.exception_handler(DataError)
    async def _data(request: Request, exc: DataError) -> JSONResponse:
        # A value the database cannot store (a NUL character, a number out of its range):
        # the input's fault, and the transaction was rolled back whole.
        log.info("unstorable value: %s", exc.orig)
        err = ApiError(
            422,
            "unstorable_value",
            "请求中有无法保存的值（例如控制字符或超出范围的数字），未做任何更改。",
            "The request holds a value that cannot be stored (a control character or a "
            "number out of range); nothing was changed.",
        )
        return JSONResponse(err.body(request_language(request)), status_code=422)

    @app.exception_handler(OperationalError)
    async def _busy(request: Request, exc: OperationalError) -> JSONResponse:
        log.warning("database unavailable: %s", exc.orig)
        err = ApiError(
            503,
            "database_busy",
            "数据库暂时不可用，请稍后重试。",
            "The database is busy or unavailable; please retry.",
            headers={"Retry-After": "1"},
        )
        return JSONResponse(
            err.body(request_language(request)), status_code=503, headers=err.headers
        )
