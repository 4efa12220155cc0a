"""The contact policy the server and every desktop enforce, and publishing a new one.

Publishing is an audited act, and the audit trail is append-only and shared by every
server process through the database, so each publication is kept there whole (profile,
version, text, digest): the latest one is the active policy, the earlier ones are its
history. Until anything is published the shipped default profile is active.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from agentdesk.domain.compliance import DEFAULT_PROFILE, Policy, load_policy
from agentdesk.paths import resources_dir
from agentdesk.protocol.sync import DocumentData, EntityType
from agentdesk.server import audit
from agentdesk.server.base import utcnow
from agentdesk.server.deps import Principal
from agentdesk.server.errors import ApiError
from agentdesk.server.models import AuditEntry
from agentdesk.server.sync.changelog import UPSERT, take_position_lock
from agentdesk.server.sync.models import SyncChange

PUBLISH_ACTION = "contact_policy.publish"
ENTITY = "contact_policy"
# Desktops keep one contact-policy document; each publication is its next version.
DOCUMENT_ID = "contact_policy"

Entity = tuple[EntityType, str, int, dict[str, Any]]


@dataclass(frozen=True)
class PublishedPolicy:
    """A policy as the server holds it: parsed, with its text and who published it."""

    policy: Policy
    text: str
    sha256: str
    published_at: datetime | None
    published_by: str | None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=16)
def _parse(text: str, source: str) -> Policy:
    # Parsed once per distinct text: every request reads the active policy.
    return load_policy(text, source)


def shipped_default() -> PublishedPolicy:
    """The default profile shipped with this version (active until one is published)."""
    name = f"{DEFAULT_PROFILE}.yaml"
    text = (resources_dir() / "policies" / name).read_text(encoding="utf-8")
    return PublishedPolicy(_parse(text, name), text, _digest(text), None, None)


def active_policy(session: Session) -> PublishedPolicy:
    """The most recently published policy, or the shipped default."""
    # By entity first: the audit log's (entity, entity_id) index finds the few
    # publications, where the action alone would walk the whole log backwards.
    entry = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == ENTITY, AuditEntry.action == PUBLISH_ACTION)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    if entry is None:
        return shipped_default()
    text = str(entry.detail["text"])
    return PublishedPolicy(
        _parse(text, f"{entry.detail.get('profile')}.yaml"),
        text,
        str(entry.detail.get("sha256") or _digest(text)),
        entry.at,
        entry.username,
    )


def publish(
    session: Session,
    text: str,
    source: str = "policy.yaml",
    *,
    actor: Principal | None = None,
    username: str | None = None,
) -> PublishedPolicy:
    """Validate `text` and make it the active policy; the caller commits.

    A malformed file raises `PolicyFileError` (line and reason). A version that was
    published before is refused (409): a changed policy needs a new version.
    """
    policy = load_policy(text, source)
    key = f"{policy.profile}:{policy.version}"
    earlier = session.scalars(
        select(AuditEntry.id).where(
            AuditEntry.action == PUBLISH_ACTION, AuditEntry.entity_id == key
        )
    ).first()
    if earlier is not None:
        raise ApiError(
            409,
            "policy_version_exists",
            f"策略 {policy.profile} 的版本 {policy.version} 已发布过；修改后的策略需要新的版本号。",
            f"Version {policy.version} of policy {policy.profile} was published before; "
            "a changed policy needs a new version.",
        )
    digest = _digest(text)
    audit.record(
        session,
        PUBLISH_ACTION,
        actor=actor,
        username=username,
        entity=ENTITY,
        entity_id=key,
        profile=policy.profile,
        version=policy.version,
        sha256=digest,
        text=text,
    )
    session.flush()
    _announce(session)
    who = actor.username if actor else username
    return PublishedPolicy(policy, text, digest, utcnow(), who)


def _publications(session: Session) -> int:
    count = session.scalar(
        select(func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.entity == ENTITY, AuditEntry.action == PUBLISH_ACTION)
    )
    return int(count or 0)


def _announce(session: Session) -> None:
    # Appended last, right before the caller commits, under the change log's position
    # lock: every desktop's next pull brings the new policy, in commit order.
    take_position_lock(session)
    session.connection().execute(
        insert(SyncChange),
        [
            {
                "entity_type": EntityType.CONTACT_POLICY.value,
                "entity_id": DOCUMENT_ID,
                "case_id": None,
                "kind": UPSERT,
                "at": utcnow(),
            }
        ],
    )


def policy_entities(session: Session) -> list[Entity]:
    """The published policy as a sync document (none while the shipped one is in force).

    Its document version counts the publications (1, 2, …), so a desktop always keeps
    the newest; the policy's own version string is inside the text.
    """
    published = _publications(session)
    if published == 0:
        return []
    current = active_policy(session)
    data = DocumentData(
        id=DOCUMENT_ID, version=published, format="yaml", body=current.text
    ).model_dump(mode="json")
    return [(EntityType.CONTACT_POLICY, DOCUMENT_ID, published, data)]
