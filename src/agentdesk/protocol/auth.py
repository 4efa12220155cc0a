"""Sign-in and the signed-in user."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from agentdesk.domain.vocabulary import Language, Role
from agentdesk.protocol.common import WireModel


class LoginRequest(WireModel):
    """`POST /auth/login`: one token per device name; a new sign-in replaces the old one."""

    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)
    device_name: str = Field(min_length=1, max_length=100)


class TeamRef(WireModel):
    """A team by id and name."""

    id: uuid.UUID
    name: str


class UserOut(WireModel):
    """A user as others see them."""

    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    team: TeamRef | None
    language: Language


class LoginResponse(WireModel):
    """The bearer token (shown once, never stored by the server), its expiry and the user."""

    token: str
    token_type: str = "bearer"
    expires_at: datetime
    user: UserOut
