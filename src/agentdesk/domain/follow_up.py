"""A case's next action: when someone should work it again, and why.

The case keeps one follow-up time (and a short optional reason). It is set two ways:
an agent schedules it ("Schedule follow-up…", or a call the contact rules blocked is
moved to the next allowed moment), or a recorded contact attempt names its next
follow-up. What replaces or clears it, the same on the server and on the desktop:

- a new follow-up (scheduled, or named by an attempt) replaces the current one — the
  latest decision stands, judged by when it was *made* (an offline op that reaches
  the server late never overwrites a decision made after it);
- a contact attempt that names no follow-up clears it only when it was made at or
  after the due time: the follow-up has been carried out. Calling earlier than
  planned (and getting no answer, say) leaves the scheduled follow-up in place.

A follow-up must lie in the future when it is made and at most `MAX_AHEAD_DAYS`
ahead (further than that is not a follow-up but a hold). Refusals name the field and
the allowed range in Chinese and English, with times shown in the zone of the person
who typed them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from agentdesk.domain.errors import DomainError
from agentdesk.domain.vocabulary import Language

MAX_AHEAD_DAYS = 365
"""How far ahead a follow-up may be scheduled."""

MAX_REASON_LENGTH = 200
"""A reason is a short line on the case ("call back after payday"), not a note."""

_LABELS = {
    "due_at": {Language.ZH_CN: "跟进时间", Language.EN: "Follow-up time"},
    "reason": {Language.ZH_CN: "跟进原因", Language.EN: "Follow-up reason"},
}


class InvalidFollowUp(DomainError):
    """A follow-up time or reason that cannot be scheduled."""


@dataclass(frozen=True)
class NextAction:
    """The case's follow-up: due time (UTC), reason ('' none), and when it was decided."""

    due_at: datetime
    reason: str
    decided_at: datetime


def _shown(moment: datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def check_follow_up(
    due_at: datetime,
    reason: str = "",
    *,
    now: datetime,
    zone: str = "UTC",
) -> NextAction:
    """Accept a follow-up at `due_at` decided at `now`, or raise `InvalidFollowUp`.

    Both times must be timezone-aware. `zone` is the zone the person works in: the
    sentences show the times as they typed and see them.
    """
    if due_at.tzinfo is None or now.tzinfo is None:
        raise InvalidFollowUp(
            "wrong_type",
            "due_at",
            due_at,
            {Language.ZH_CN: "带时区的时间", Language.EN: "a time with its time zone"},
            labels=_LABELS["due_at"],
        )
    latest = now + timedelta(days=MAX_AHEAD_DAYS)
    allowed = {
        Language.ZH_CN: f"晚于 {_shown(now, zone)}，且不晚于 {_shown(latest, zone)}"
        f"（{zone} 时间）",
        Language.EN: f"after {_shown(now, zone)} and no later than {_shown(latest, zone)}"
        f" ({zone} time)",
    }
    value = f"{_shown(due_at, zone)}"
    if due_at <= now:
        raise InvalidFollowUp(
            "too_early",
            "due_at",
            value,
            allowed,
            labels=_LABELS["due_at"],
            texts={
                Language.ZH_CN: "{field} {value} 已经过去：应{allowed}。",
                Language.EN: "{field} {value} is not in the future: it must be {allowed}.",
            },
        )
    if due_at > latest:
        raise InvalidFollowUp("too_late", "due_at", value, allowed, labels=_LABELS["due_at"])
    text = reason.strip()
    if len(text) > MAX_REASON_LENGTH:
        raise InvalidFollowUp(
            "out_of_range",
            "reason",
            f"{len(text)}",
            {
                Language.ZH_CN: f"不超过 {MAX_REASON_LENGTH} 个字符",
                Language.EN: f"at most {MAX_REASON_LENGTH} characters",
            },
            labels=_LABELS["reason"],
        )
    return NextAction(due_at=due_at, reason=text, decided_at=now)


def after_scheduling(current: NextAction | None, new: NextAction) -> NextAction | None:
    """The case's follow-up once `new` is scheduled: it replaces `current` unless
    `current` was decided later (an older decision arriving late changes nothing)."""
    if current is not None and current.decided_at > new.decided_at:
        return current
    return new


def after_attempt(
    current: NextAction | None,
    *,
    ended_at: datetime,
    follow_up_at: datetime | None,
    made_at: datetime,
) -> NextAction | None:
    """The case's follow-up once a contact attempt (ended `ended_at`, recorded at
    `made_at`, naming `follow_up_at` or not) is known (see the module doc)."""
    if follow_up_at is not None:
        return after_scheduling(current, NextAction(follow_up_at, "", made_at))
    if current is None or current.decided_at > made_at:
        return current
    return None if ended_at >= current.due_at else current
