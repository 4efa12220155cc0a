"""Contact compliance on the wire: the active contact policy and flagged attempts."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field

from agentdesk.domain.vocabulary import Channel
from agentdesk.protocol.common import WireModel


class ContactPolicyOut(WireModel):
    """`GET /compliance/policy`: the policy every desktop enforces, as published."""

    profile: str
    version: str
    sha256: str
    published_at: datetime | None  # None: the shipped default, never published
    published_by: str | None
    text: str


class PolicyPublished(WireModel):
    """The answer to publishing a policy."""

    profile: str
    version: str
    sha256: str
    published_at: datetime


class RuleRef(WireModel):
    """A rule id with its title in the requester's language."""

    id: str
    title: str


class ViolationOut(WireModel):
    """A logged contact attempt or a note that broke a rule.

    `kind` says which: a contact attempt (`attempt_id`, `channel`, `result`; its notes
    may add the banned-conduct rule) or a note (`note_id`; `started_at` is when it was
    written). `phrases` are the banned phrases the server's lint found in the text.
    """

    kind: Literal["contact_attempt", "note"] = "contact_attempt"
    attempt_id: uuid.UUID | None = None
    note_id: uuid.UUID | None = None
    case_id: uuid.UUID
    loan_ref: str
    borrower_name: str
    agent_id: uuid.UUID
    agent_username: str
    agent_name: str = ""
    """The agent's display name (empty from servers older than this field)."""
    channel: Channel | None = None
    result: str | None = None
    started_at: datetime
    rules: list[RuleRef]
    phrases: list[str] = Field(default_factory=list)


class ViolationPage(WireModel):
    """Flagged attempts and notes, newest first; pass `next_offset` back as `offset`."""

    items: list[ViolationOut]
    total: int
    next_offset: int | None
