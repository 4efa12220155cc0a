"""Sending a case whole again to the desktops that hold it.

Most changes travel as the changed rows alone. A case that moves to another borrower
(a portfolio import re-files its loan) also changes what belongs to it: the other
borrower's record, contact points and contact preferences, which its holders have never
been sent. Such a case is logged as an `access` row whose holders before and after are
its current ones: a pull sends an `access` row's case whole to whoever may see it now
(`pull._log_page`), exactly as when a desktop gains a case.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from agentdesk.protocol.sync import EntityType
from agentdesk.server.models import Case
from agentdesk.server.sync.changelog import ACCESS, PENDING, Noted


def send_whole_again(session: Session, case: Case) -> None:
    """Log `case` so that its holders get it whole when this transaction commits."""
    pending: list[Noted] = session.info.setdefault(PENDING, [])
    pending.append(
        Noted(
            EntityType.CASE,
            case.id,
            ACCESS,
            case_id=case.id,
            old_assignee=case.assignee_id,
            old_team=case.team_id,
            new_assignee=case.assignee_id,
            new_team=case.team_id,
        )
    )
