"""Server settings: one frozen object built by the command line or a test."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """What a running server needs to know besides its code."""

    db_url: str | None = None
    token_ttl: timedelta = timedelta(days=14)
    # Throttling: after `max_failures` failed sign-ins for one user name within
    # `failure_window`, further attempts wait `lockout` (doubling, up to `max_lockout`).
    max_failures: int = 5
    failure_window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(seconds=30)
    max_lockout: timedelta = timedelta(minutes=15)
    page_size_max: int = 200
    import_max_bytes: int = 50 * 1024 * 1024
    # Connections per server process for the asyncio reads on PostgreSQL (token check,
    # case list, plan preview); the threaded SQLAlchemy pool serves everything else.
    read_pool_size: int = 10
    # The approval-authority policy file (None: the shipped one).
    authority_policy: Path | None = None
