"""Users and teams: creating them and showing them on the wire."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.vocabulary import Language, Role
from agentdesk.protocol.auth import TeamRef, UserOut
from agentdesk.server.errors import ApiError
from agentdesk.server.models import Team, User
from agentdesk.server.security import hash_password

USERNAME = re.compile(r"^[A-Za-z0-9_.-]{2,64}$")
MIN_PASSWORD = 8


def user_out(user: User) -> UserOut:
    """A user as the wire shows them."""
    team = TeamRef(id=user.team.id, name=user.team.name) if user.team else None
    return UserOut(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        team=team,
        language=Language(user.language),
    )


def team_named(session: Session, name: str, *, create: bool = False) -> Team:
    """The team called `name` (created when asked to)."""
    team = session.scalars(select(Team).where(Team.name == name)).first()
    if team is None:
        if not create:
            raise ApiError(
                404, "no_such_team", f"没有名为 {name} 的团队。", f"No team named {name}."
            )
        team = Team(name=name)
        session.add(team)
        session.flush()
    return team


def create_user(
    session: Session,
    username: str,
    password: str,
    role: Role,
    *,
    team: str | None = None,
    display_name: str | None = None,
    language: Language = Language.ZH_CN,
    password_hash: str | None = None,
) -> User:
    """Add a user. Agents and leads belong to a team (created if new); admins need none."""
    if not USERNAME.match(username):
        raise ApiError(
            422,
            "invalid_username",
            "用户名须为 2–64 个字母、数字或 _ . -。",
            "A user name is 2–64 letters, digits or _ . -.",
        )
    if password_hash is None and len(password) < MIN_PASSWORD:
        raise ApiError(
            422,
            "weak_password",
            f"密码至少 {MIN_PASSWORD} 个字符。",
            f"A password has at least {MIN_PASSWORD} characters.",
        )
    if role is not Role.ADMIN and not team:
        raise ApiError(
            422, "team_required", "坐席和组长必须属于一个团队。", "Agents and leads need a team."
        )
    if session.scalars(select(User).where(User.username == username)).first() is not None:
        raise ApiError(409, "user_exists", f"用户 {username} 已存在。", f"User {username} exists.")
    team_row = team_named(session, team, create=True) if team else None
    user = User(
        username=username,
        display_name=display_name or username,
        role=role.value,
        team=team_row,
        team_id=team_row.id if team_row else None,
        password_hash=password_hash or hash_password(password),
        language=language.value,
        active=True,
    )
    session.add(user)
    session.flush()
    return user
