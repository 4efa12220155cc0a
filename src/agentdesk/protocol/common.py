"""Shapes every endpoint shares: the error body and paging."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class WireModel(BaseModel):
    """Base of every wire schema: unknown fields are refused, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class ErrorDetail(BaseModel):
    """The error object every 4xx/5xx answer carries under `error`."""

    code: str
    message: str
    message_zh: str
    message_en: str
    details: Any = None


class ErrorBody(BaseModel):
    """`{"error": {...}}`."""

    error: ErrorDetail


class Health(WireModel):
    """`GET /health`."""

    status: str
    database: str
    schema_revision: str | None
    api_version: int
    version: str
