"""Giving cases to agents: whom they may go to, and the hand-over itself.

The same for a lead's `POST /cases/{id}/assign`, a reassignment pushed from a lead's
desktop, and the `agentdesk-server assign` command. The change log follows the case row
(a new holder gets the case, the old one its removal).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.vocabulary import Role
from agentdesk.server import audit
from agentdesk.server.base import touch
from agentdesk.server.deps import Principal
from agentdesk.server.errors import ApiError
from agentdesk.server.models import Case, User


def find_agent(db: Session, ref: str) -> User | None:
    """An active agent by id or user name."""
    try:
        user = db.get(User, uuid.UUID(ref))
    except ValueError:
        user = db.scalars(select(User).where(User.username == ref)).first()
    if user is None or not user.active or user.role != Role.AGENT.value:
        return None
    return user


def agent_for(db: Session, principal: Principal, ref: str) -> User:
    """The active agent `ref` (id or user name) that `principal` may give cases to: a
    lead's own team's, anyone's for an admin."""
    agent = find_agent(db, ref)
    if agent is None or (principal.role is Role.LEAD and agent.team_id != principal.team_id):
        raise ApiError(
            422,
            "no_such_agent",
            f"找不到可分配的坐席：{ref}。",
            f"No agent {ref} you can assign cases to.",
        )
    return agent


def hand_over(
    db: Session,
    case: Case,
    agent: User,
    *,
    actor: Principal | None = None,
    username: str | None = None,
    **detail: Any,
) -> bool:
    """Give `case` to `agent` and their team, audited with `detail`; False (and nothing
    written) when it is theirs already."""
    if case.assignee_id == agent.id and case.team_id == agent.team_id:
        return False
    previous = case.assignee_id
    case.assignee_id = agent.id
    case.team_id = agent.team_id
    touch(case)
    audit.record(
        db,
        "case.assign",
        actor=actor,
        username=username,
        entity="case",
        entity_id=case.id,
        previous=previous,
        assignee=agent.id,
        **detail,
    )
    return True
