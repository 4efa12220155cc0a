"""Negotiation scripts on the server: the active set, publishing a new version, and
the documents desktops receive through sync.

Like the contact policy, each publication is kept whole in the append-only audit trail
(who, when, the file as written and the assembled script), so every server process sees
the same history without a table of its own. The active scripts are the shipped ones,
each replaced by its latest publication.

What is published is the *assembled* script — the file merged with the shared branch
set of its language, then linted — as self-contained JSON: a desktop uses exactly what
was checked here, and a call in progress keeps the version (and branch-set version) it
started with, because a new publication is a new document version, never an edit.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from agentdesk.domain.scripts import (
    BranchSet,
    Script,
    assemble,
    check_script,
    default_scripts_folder,
    parse_branch_set,
    parse_script,
    script_document,
)
from agentdesk.domain.scripts.loader import is_branch_set
from agentdesk.domain.vocabulary import Language
from agentdesk.protocol.sync import DocumentData, EntityType
from agentdesk.server import audit
from agentdesk.server.base import utcnow
from agentdesk.server.deps import Principal
from agentdesk.server.errors import ApiError
from agentdesk.server.models import AuditEntry
from agentdesk.server.sync.changelog import UPSERT, take_position_lock
from agentdesk.server.sync.models import SyncChange

SCRIPT_ACTION = "script.publish"
BRANCH_SET_ACTION = "script.branch_set.publish"
ENTITY = "script"

Entity = tuple[EntityType, str, int, dict[str, Any]]


@dataclass(frozen=True)
class PublishedScript:
    """One publication of a script, as desktops receive it."""

    script_id: str
    version: int
    language: Language
    key: str
    doc_version: int  # the document's version on the wire: 1, 2, 3 … per script id
    body: str
    published_at: datetime | None
    published_by: str | None

    def entity(self) -> Entity:
        """The sync entity carrying this publication."""
        data = DocumentData(
            id=self.script_id,
            version=self.doc_version,
            language=self.language.value,
            format="json",
            body=self.body,
        ).model_dump(mode="json")
        return (EntityType.SCRIPT, self.script_id, self.doc_version, data)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _entries(session: Session, action: str) -> list[AuditEntry]:
    return list(
        session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        )
    )


@lru_cache(maxsize=1)
def _shipped() -> tuple[tuple[tuple[str, str, str], ...], tuple[tuple[Language, str, str], ...]]:
    scripts, sets = _read_shipped()
    return (
        tuple((sid, name, text) for sid, (name, text) in scripts.items()),
        tuple((lang, name, text) for lang, (name, text) in sets.items()),
    )


def _shipped_texts() -> tuple[dict[str, tuple[str, str]], dict[Language, tuple[str, str]]]:
    """Shipped script and branch-set files: id → (file name, text), language → (…).

    Read once per process: they are part of the installed program."""
    scripts, sets = _shipped()
    return (
        {sid: (name, text) for sid, name, text in scripts},
        {lang: (name, text) for lang, name, text in sets},
    )


def _read_shipped() -> tuple[dict[str, tuple[str, str]], dict[Language, tuple[str, str]]]:
    folder = default_scripts_folder()
    scripts: dict[str, tuple[str, str]] = {}
    sets: dict[Language, tuple[str, str]] = {}
    for path in sorted(folder.rglob("*.yaml")):
        name = path.relative_to(folder).as_posix()
        text = path.read_text(encoding="utf-8")
        if is_branch_set(text):
            sets[parse_branch_set(text, name).language] = (name, text)
        else:
            scripts[parse_script(text, name).id] = (name, text)
    return scripts, sets


def published_scripts(session: Session) -> dict[str, PublishedScript]:
    """The latest publication of every script that was ever published, by script id."""
    latest: dict[str, PublishedScript] = {}
    for entry in _entries(session, SCRIPT_ACTION):
        d = entry.detail
        latest[str(d["script_id"])] = PublishedScript(
            script_id=str(d["script_id"]),
            version=int(d["version"]),
            language=Language(str(d["language"])),
            key=str(d["key"]),
            doc_version=int(d["doc_version"]),
            body=str(d["body"]),
            published_at=entry.at,
            published_by=entry.username,
        )
    return latest


def _source_scripts(session: Session) -> dict[str, Script]:
    """Every active script as its author wrote it (before assembly), by id."""
    shipped, _sets = _shipped_texts()
    found = {sid: parse_script(text, name) for sid, (name, text) in shipped.items()}
    for entry in _entries(session, SCRIPT_ACTION):
        d = entry.detail
        found[str(d["script_id"])] = parse_script(str(d["text"]), str(d.get("source", "")))
    return found


def active_branch_set(session: Session, language: Language) -> BranchSet | None:
    """The latest published branch set of `language`, else the shipped one."""
    for entry in reversed(_entries(session, BRANCH_SET_ACTION)):
        if entry.detail.get("language") == language.value:
            return parse_branch_set(str(entry.detail["text"]), str(entry.detail.get("source", "")))
    _scripts, sets = _shipped_texts()
    if language in sets:
        name, text = sets[language]
        return parse_branch_set(text, name)
    return None


def _refuse_old_version(kinds: tuple[str, str], name: str, version: int, current: int) -> None:
    # A desktop resumes an interrupted call only with the exact version it started with,
    # so one version number must never stand for two different texts.
    if version <= current:
        kind_zh, kind_en = kinds
        raise ApiError(
            409,
            "script_version_not_newer",
            f"{kind_zh}“{name}”的版本 {version} 不高于当前版本 {current}；修改后需要更高的版本号。",
            f"Version {version} of {kind_en} '{name}' is not newer than the current version "
            f"{current}; a changed file needs a higher version.",
        )


def _record(
    session: Session,
    script: Script,
    assembled: Script,
    text: str,
    source: str,
    who: dict[str, Any],
) -> PublishedScript:
    earlier = published_scripts(session).get(script.id)
    doc_version = earlier.doc_version + 1 if earlier else 1
    body = script_document(assembled)
    audit.record(
        session,
        SCRIPT_ACTION,
        entity=ENTITY,
        entity_id=f"{script.id}:{doc_version}",
        script_id=script.id,
        version=script.version,
        language=script.language.value,
        key=assembled.key,
        doc_version=doc_version,
        source=source,
        sha256=_digest(text),
        text=text,
        body=body,
        **who,
    )
    session.flush()
    return PublishedScript(
        script.id,
        script.version,
        script.language,
        assembled.key,
        doc_version,
        body,
        utcnow(),
        who.get("username") or (who["actor"].username if who.get("actor") else None),
    )


def _announce(session: Session, published: list[PublishedScript]) -> None:
    # Appended last, right before the caller commits, under the change log's position
    # lock: a desktop's next pull picks the new documents up in commit order.
    if not published:
        return
    session.flush()
    take_position_lock(session)
    now = utcnow()
    session.connection().execute(
        insert(SyncChange),
        [
            {
                "entity_type": EntityType.SCRIPT.value,
                "entity_id": p.script_id,
                "case_id": None,
                "kind": UPSERT,
                "at": now,
            }
            for p in published
        ],
    )


def publish(
    session: Session,
    text: str,
    source: str,
    *,
    actor: Principal | None = None,
    username: str | None = None,
) -> list[PublishedScript]:
    """Validate and publish a script or a branch set file; the caller commits at once.

    A script is assembled with the active branch set of its language and linted (banned
    wording included); its version must be higher than the active one. A branch set
    must be newer than the active one, and every active script of its language must
    still pass lint with it; they are all published again, assembled with it. Raises
    ScriptFormatError / ScriptLintError (file, line, reason) or ApiError 409.
    """
    who: dict[str, Any] = {"actor": actor, "username": username}
    if is_branch_set(text):
        published = _publish_branch_set(session, text, source, who)
    else:
        script = parse_script(text, source)
        current = _source_scripts(session).get(script.id)
        if current is not None:
            _refuse_old_version(("脚本", "script"), script.id, script.version, current.version)
        assembled = check_script(assemble(script, active_branch_set(session, script.language)))
        published = [_record(session, script, assembled, text, source, who)]
    _announce(session, published)
    return published


def _publish_branch_set(
    session: Session, text: str, source: str, who: dict[str, Any]
) -> list[PublishedScript]:
    branch_set = parse_branch_set(text, source)
    current = active_branch_set(session, branch_set.language)
    if current is not None:
        _refuse_old_version(
            ("共用分支", "branch set"), branch_set.id, branch_set.version, current.version
        )
    scripts = [s for s in _source_scripts(session).values() if s.language is branch_set.language]
    # Check every script first: one that fails leaves everything as it was.
    assembled = [(s, check_script(assemble(s, branch_set))) for s in scripts]
    audit.record(
        session,
        BRANCH_SET_ACTION,
        entity=ENTITY,
        entity_id=f"{branch_set.id}:{branch_set.version}",
        branch_set_id=branch_set.id,
        version=branch_set.version,
        language=branch_set.language.value,
        source=source,
        sha256=_digest(text),
        text=text,
        **who,
    )
    session.flush()
    shipped, _sets = _shipped_texts()
    published: list[PublishedScript] = []
    for script, whole in assembled:
        if whole.includes == {}:
            continue  # a third-party script takes no branches: nothing changed for it
        original = _original_text(session, script.id, shipped)
        published.append(_record(session, script, whole, original[1], original[0], who))
    return published


def _original_text(
    session: Session, script_id: str, shipped: dict[str, tuple[str, str]]
) -> tuple[str, str]:
    latest = None
    for entry in _entries(session, SCRIPT_ACTION):
        if entry.detail.get("script_id") == script_id:
            latest = (str(entry.detail.get("source", "")), str(entry.detail["text"]))
    return latest or shipped[script_id]


def script_entities(session: Session, ids: set[str] | None = None) -> list[Entity]:
    """The published scripts as sync entities (all of them, or those in `ids`)."""
    return [
        p.entity()
        for sid, p in sorted(published_scripts(session).items())
        if ids is None or sid in ids
    ]
