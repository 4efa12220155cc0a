"""Who may see which cases: agents their own, leads their team's, admins all.

Every query that touches cases goes through `visible_cases`, so a case that is not the
requester's is simply not found (404), never "forbidden": its existence is not revealed.
"""

from __future__ import annotations

import uuid
from typing import Protocol

from sqlalchemy import ColumnElement, true
from sqlalchemy.orm import Session

from agentdesk.domain.vocabulary import Role
from agentdesk.server.deps import Principal
from agentdesk.server.errors import not_found
from agentdesk.server.models import Case


def visible_cases(principal: Principal) -> ColumnElement[bool]:
    """The WHERE clause selecting the cases `principal` may see."""
    if principal.role is Role.ADMIN:
        return true()
    if principal.role is Role.LEAD:
        if principal.team_id is None:
            return Case.id.is_(None)
        return Case.team_id == principal.team_id
    return Case.assignee_id == principal.user_id


class Holders(Protocol):
    """Who holds a case: the mapped case, or its two columns read alone."""

    @property
    def team_id(self) -> uuid.UUID | None: ...

    @property
    def assignee_id(self) -> uuid.UUID | None: ...


def can_see(principal: Principal, case: Holders) -> bool:
    """Whether `principal` may see `case` (same rule as `visible_cases`)."""
    if principal.role is Role.ADMIN:
        return True
    if principal.role is Role.LEAD:
        return principal.team_id is not None and case.team_id == principal.team_id
    return case.assignee_id == principal.user_id


def get_visible_case(
    session: Session, principal: Principal, case_id: uuid.UUID, *, for_update: bool = False
) -> Case:
    """The case, if `principal` may see it; otherwise 404 as if it did not exist."""
    case = session.get(Case, case_id, with_for_update=for_update)
    if case is None or not can_see(principal, case):
        raise not_found("案件", "case")
    return case
