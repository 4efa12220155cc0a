"""`/admin/import/{kind}`."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["admin"])
