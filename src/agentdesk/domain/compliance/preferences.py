"""What the borrower said about being contacted, turned into the facts the rules read.

An agent records statements as they are made ("no SMS", "don't call me at work", "not
before 10:00 on weekdays"); the client store and the server database keep each one as a
row. `with_preferences` folds the rows still in force into the `CaseFacts` and
`ContactPoint`s the engine judges, so client (before a call) and server (flagging a
logged attempt) read the same statements the same way.

- A channel opt-out naming a contact point applies to that point only; naming none, it
  applies to every contact point of the borrower's own (a borrower's "no SMS" does not
  speak for their emergency contact, who is asked separately).
- "The workplace prohibits contact" belongs to one contact point (a workplace number
  or address).
- Inconvenient times are the borrower's, judged in the borrower's local time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import time
from enum import StrEnum

from agentdesk.domain.compliance.errors import ContactInputError
from agentdesk.domain.compliance.facts import CaseFacts, ContactPoint, InconvenientTime
from agentdesk.domain.vocabulary import Channel, ContactRelation


class PreferenceKind(StrEnum):
    """What kind of statement about contact it is."""

    CHANNEL_OPT_OUT = "channel_opt_out"
    WORKPLACE_PROHIBITS = "workplace_prohibits"
    INCONVENIENT_TIME = "inconvenient_time"


class PreferenceSource(StrEnum):
    """How the statement reached the lender."""

    CALL = "call"  # said on a call
    MESSAGE = "message"  # an SMS, e-mail or IM reply (e.g. "STOP")
    WRITTEN = "written"  # a letter or form
    VISIT = "visit"  # said in person
    IMPORT = "import"  # came with the portfolio from the lender's systems


@dataclass(frozen=True)
class StatedPreference:
    """One statement in force.

    `channel` is set for an opt-out; `contact_point_id` for a workplace (and for an
    opt-out limited to one point); `inconvenient` for an inconvenient time.
    """

    kind: PreferenceKind
    contact_point_id: str | None = None
    channel: Channel | None = None
    inconvenient: InconvenientTime | None = None

    def __post_init__(self) -> None:
        if self.kind is PreferenceKind.CHANNEL_OPT_OUT and self.channel is None:
            raise ContactInputError(
                "channel", "退订必须指明渠道", "an opt-out must name its channel"
            )
        if self.kind is PreferenceKind.WORKPLACE_PROHIBITS and not self.contact_point_id:
            raise ContactInputError(
                "contact_point_id",
                "“单位禁止联系”必须指明联系方式",
                "a workplace that prohibits contact must name the contact point",
            )
        if self.kind is PreferenceKind.INCONVENIENT_TIME and self.inconvenient is None:
            raise ContactInputError(
                "start/end",
                "不便时段必须写明开始和结束时间",
                "an inconvenient time needs its start and end",
            )


def parse_clock(value: str, name: str) -> time:
    """'HH:MM' (24-hour) as a time; anything else is refused naming the field."""
    try:
        hours, minutes = value.split(":")
        if len(hours) != 2 or len(minutes) != 2:
            raise ValueError(value)
        return time(int(hours), int(minutes))
    except ValueError as error:
        raise ContactInputError(
            name,
            f"时间必须是 00:00 到 23:59 之间的 HH:MM，收到 {value!r}",
            f"must be HH:MM between 00:00 and 23:59, got {value!r}",
        ) from error


def clock_text(value: time) -> str:
    """A time as 'HH:MM', the form it is stored and sent in."""
    return f"{value:%H:%M}"


def with_preferences(
    case: CaseFacts,
    points: Mapping[str, ContactPoint],
    preferences: Iterable[StatedPreference],
) -> tuple[CaseFacts, dict[str, ContactPoint]]:
    """`case` and `points` with the statements in force applied to them.

    Earlier facts are kept (an opt-out already on a point stays); nothing is removed.
    """
    opted: dict[str, set[Channel]] = {key: set(p.opted_out) for key, p in points.items()}
    workplace: set[str] = {key for key, p in points.items() if p.workplace_prohibits_contact}
    times = list(case.inconvenient_times)
    own = [key for key, p in points.items() if p.relation is ContactRelation.BORROWER]
    for pref in preferences:
        if pref.kind is PreferenceKind.CHANNEL_OPT_OUT and pref.channel is not None:
            targets = [pref.contact_point_id] if pref.contact_point_id else own
            for key in targets:
                if key in opted:
                    opted[key].add(pref.channel)
        elif pref.kind is PreferenceKind.WORKPLACE_PROHIBITS and pref.contact_point_id:
            workplace.add(pref.contact_point_id)
        elif (
            pref.kind is PreferenceKind.INCONVENIENT_TIME
            and pref.inconvenient is not None
            and pref.inconvenient not in times
        ):
            times.append(pref.inconvenient)
    updated = {
        key: replace(
            point,
            opted_out=frozenset(opted[key]),
            workplace_prohibits_contact=key in workplace,
        )
        for key, point in points.items()
    }
    return replace(case, inconvenient_times=tuple(times)), updated


def stated_preference(
    kind: str,
    *,
    contact_point_id: str | None = None,
    channel: str | None = None,
    weekdays: Iterable[int] = (),
    start: str | None = None,
    end: str | None = None,
    channels: Iterable[str] = (),
) -> StatedPreference:
    """A statement as stored (plain strings) as the engine's `StatedPreference`.

    Unknown kinds or channels, bad clock times and bad weekdays raise
    `ContactInputError` naming the field.
    """
    try:
        pref_kind = PreferenceKind(kind)
        pref_channel = Channel(channel) if channel else None
        pref_channels = frozenset(Channel(c) for c in channels)
    except ValueError as error:
        raise ContactInputError(
            "kind/channel",
            f"未知的偏好类型或渠道：{error}",
            f"unknown preference kind or channel: {error}",
        ) from error
    period = None
    if pref_kind is PreferenceKind.INCONVENIENT_TIME and start and end:
        period = InconvenientTime(
            start=parse_clock(start, "start"),
            end=parse_clock(end, "end"),
            weekdays=frozenset(weekdays),
            channels=pref_channels,
        )
    return StatedPreference(
        kind=pref_kind,
        contact_point_id=contact_point_id or None,
        channel=pref_channel,
        inconvenient=period,
    )
