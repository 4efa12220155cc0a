"""Administration done from the command line: moving cases, revoking sessions."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from agentdesk.domain.vocabulary import Role
from agentdesk.server import audit
from agentdesk.server.assignment import hand_over
from agentdesk.server.base import utcnow
from agentdesk.server.errors import ApiError
from agentdesk.server.models import Case, DeviceSession, Loan, User
from agentdesk.server.portfolio import refresh_loans


def _user(db: Session, username: str) -> User:
    user = db.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise ApiError(404, "no_such_user", f"没有用户 {username}。", f"No user {username}.")
    return user


def assign_cases(
    db: Session,
    agent_name: str,
    *,
    loans: list[str] | None = None,
    cases: list[str] | None = None,
    from_agent: str | None = None,
) -> int:
    """Give cases (by loan reference, case id, or all of another agent's) to an agent."""
    agent = _user(db, agent_name)
    if agent.role != Role.AGENT.value or not agent.active:
        raise ApiError(
            422,
            "not_an_agent",
            f"{agent_name} 不是在岗坐席。",
            f"{agent_name} is not an active agent.",
        )
    stmt = select(Case)
    if loans:
        stmt = stmt.join(Loan, Loan.id == Case.loan_id).where(Loan.external_id.in_(loans))
    elif cases:
        try:
            ids = [uuid.UUID(c) for c in cases]
        except ValueError as exc:
            raise ApiError(422, "bad_case_id", "案件编号无效。", "A case id is not valid.") from exc
        stmt = stmt.where(Case.id.in_(ids))
    elif from_agent:
        stmt = stmt.where(Case.assignee_id == _user(db, from_agent).id, Case.closed_at.is_(None))
    else:
        raise ApiError(
            422,
            "nothing_to_assign",
            "请指定 --loan、--case 或 --from-agent。",
            "Say which cases: --loan, --case or --from-agent.",
        )
    found = list(db.scalars(stmt))
    wanted = len(loans or cases or [])
    if wanted and len(found) != wanted:
        raise ApiError(
            404,
            "cases_not_found",
            f"找到 {len(found)} 个案件，应为 {wanted} 个；未做任何更改。",
            f"Found {len(found)} of {wanted} cases; nothing was changed.",
        )
    return sum(hand_over(db, case, agent, username="cli") for case in found)


def revoke_sessions(db: Session, username: str, device: str | None = None) -> int:
    """Revoke the user's live device sessions (one device, or all); returns how many."""
    user = _user(db, username)
    stmt = (
        update(DeviceSession)
        .where(DeviceSession.user_id == user.id, DeviceSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    if device:
        stmt = stmt.where(DeviceSession.device_name == device)
    count = getattr(db.execute(stmt), "rowcount", 0) or 0
    audit.record(
        db,
        "session.revoke",
        username="cli",
        entity="user",
        entity_id=user.id,
        device=device,
        count=count,
    )
    return int(count)


def refresh_positions(db: Session, as_of: date, *, batch: int = 500) -> int:
    """Recompute every loan's case (DPD, bucket, stage, amounts) and promises as of a day.

    Days past due grow by themselves; run this daily (cron, a scheduled task) so the
    case list and buckets stay current. Returns how many cases changed.
    """
    changed = 0
    ids = list(db.scalars(select(Loan.id).order_by(Loan.id)))
    for i in range(0, len(ids), batch):
        loans = list(db.scalars(select(Loan).where(Loan.id.in_(ids[i : i + batch]))))
        changed += refresh_loans(db, loans, as_of)
    audit.record(db, "positions.refresh", username="cli", as_of=as_of, changed=changed)
    return changed
