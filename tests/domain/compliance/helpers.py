"""Builders shared by the compliance tests: local times, cases, attempts, decisions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from agentdesk.domain.compliance import (
    CaseFacts,
    ConsentRecord,
    ContactAttempt,
    ContactDecision,
    ContactHistory,
    ContactPoint,
    Policy,
    check_contact,
    shipped_policy,
)
from agentdesk.domain.vocabulary import CallResult, Channel, ContactRelation

CN = shipped_policy("cn")
US = shipped_policy("us-regf")

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
CHICAGO = ZoneInfo("America/Chicago")

MOBILE = ContactPoint("mobile-1")
HOME = ContactPoint("home-1")
SISTER = ContactPoint("sister-1", ContactRelation.EMERGENCY_CONTACT)


def local(
    zone: ZoneInfo, y: int, mo: int, d: int, h: int = 12, mi: int = 0, fold: int = 0
) -> datetime:
    """A wall-clock time in `zone` as an aware datetime."""
    return datetime(y, mo, d, h, mi, tzinfo=zone, fold=fold)


def case_in(*zones: str, **facts: object) -> CaseFacts:
    """A case whose borrower may be in any of `zones`."""
    return CaseFacts("case-1", tuple(zones), **facts)  # type: ignore[arg-type]


def call(
    when: datetime,
    result: CallResult | None = CallResult.NO_ANSWER,
    point: ContactPoint = MOBILE,
    *,
    channel: Channel = Channel.CALL,
    agent: str = "agent-1",
    device: str = "device-1",
    inbound: bool = False,
    attempt_id: str = "",
) -> ContactAttempt:
    """An attempt that happened."""
    return ContactAttempt(
        at=when,
        channel=channel,
        contact_point_id=point.id,
        relation=point.relation,
        result=result,
        agent_id=agent,
        device_id=device,
        inbound=inbound,
        attempt_id=attempt_id,
    )


def history(
    attempts: Iterable[ContactAttempt] = (), consents: Iterable[ConsentRecord] = ()
) -> ContactHistory:
    """A history of attempts and consents."""
    return ContactHistory(tuple(attempts), tuple(consents))


def decide(
    policy: Policy,
    when: datetime,
    past: ContactHistory | Iterable[ContactAttempt] = (),
    *,
    case: CaseFacts | None = None,
    channel: Channel = Channel.CALL,
    target: ContactPoint = MOBILE,
) -> ContactDecision:
    """Check a contact at `when` (zone defaults to the policy's)."""
    facts = case or case_in(policy.default_time_zone)
    hist = past if isinstance(past, ContactHistory) else history(past)
    return check_contact(facts, channel, target, when, hist, policy)
