"""`/plans`: preview, list, decisions (filled in with the domain engine)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["plans"])
