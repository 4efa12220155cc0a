"""What a pushed batch reads once instead of once per op.

A desktop pushes up to hundreds of ops at a time; each is applied in its own
transaction, but every contact attempt and note is judged against the active contact
policy, and reading it (the latest publication, parsed) per op cost more than applying
the op. Inside `batch()`, `contact_policy()` reads it once for the whole batch; outside
(REST endpoints, imports) it reads it every time, as before. A policy published while a
batch is being applied takes effect from the next batch.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy.orm import Session

from agentdesk.domain.compliance import Policy
from agentdesk.server.contact_policy import active_policy

_current: ContextVar[dict[str, Any] | None] = ContextVar("agentdesk_sync_batch", default=None)


@contextmanager
def batch() -> Iterator[None]:
    """Remember what is read once per batch until the block ends."""
    token = _current.set({})
    try:
        yield
    finally:
        _current.reset(token)


def contact_policy(db: Session) -> Policy:
    """The active contact policy: once per batch inside `batch()`, else read now."""
    memo = _current.get()
    if memo is None:
        return active_policy(db).policy
    if "policy" not in memo:
        memo["policy"] = active_policy(db).policy
    policy: Policy = memo["policy"]
    return policy
