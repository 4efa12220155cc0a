"""Local time in the borrower's zone: days, wall-clock instants and DST edges.

Rules speak in local wall-clock time ("08:00", "the same calendar day"); the engine works
in UTC instants. Going from UTC to local is always unambiguous. Going back is not at DST
changes: a wall time may happen twice (autumn) or not at all (spring). The engine always
wants the *earliest instant at which the local clock shows at least that time*, which is
the first occurrence of a repeated time and the end of the gap for a skipped one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Chinese names for the zones agents meet most; others are shown by their IANA name.
_ZONE_NAMES_ZH = {
    "Asia/Shanghai": "上海",
    "Asia/Urumqi": "乌鲁木齐",
    "Asia/Hong_Kong": "香港",
    "Asia/Macau": "澳门",
    "Asia/Taipei": "台北",
    "America/New_York": "纽约",
    "America/Chicago": "芝加哥",
    "America/Denver": "丹佛",
    "America/Phoenix": "凤凰城",
    "America/Los_Angeles": "洛杉矶",
    "America/Anchorage": "安克雷奇",
    "Pacific/Honolulu": "檀香山",
    "UTC": "协调世界时",
}


def zone_name_zh(zone: ZoneInfo) -> str:
    """How a zone is named in a Chinese sentence ("上海时间")."""
    return f"{_ZONE_NAMES_ZH.get(zone.key, zone.key)}时间"


def resolve_zones(names: tuple[str, ...]) -> tuple[tuple[ZoneInfo, ...], tuple[str, ...]]:
    """The zones that exist, and the names that do not (empty names count as unknown)."""
    try:
        return _resolved(names)
    except TypeError:  # a name that cannot be a cache key (not a string) is judged afresh
        return _resolve(names)


# Every judged contact resolves its zones twice, and a name that is not a zone is looked
# for on disk again each time (ZoneInfo keeps only the ones it finds); the zone database
# does not change while the process runs, so each answer is kept.
@lru_cache(maxsize=512)
def _resolved(names: tuple[str, ...]) -> tuple[tuple[ZoneInfo, ...], tuple[str, ...]]:
    return _resolve(names)


def _resolve(names: tuple[str, ...]) -> tuple[tuple[ZoneInfo, ...], tuple[str, ...]]:
    zones: list[ZoneInfo] = []
    unknown: list[str] = []
    for name in names:
        try:
            if not name or not name.strip():
                raise ValueError("empty zone name")
            zone = ZoneInfo(name.strip())
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            unknown.append(name)
            continue
        if zone not in zones:
            zones.append(zone)
    return tuple(zones), tuple(unknown)


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    """`moment` on the wall clock of `zone`."""
    return moment.astimezone(zone)


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    """The calendar day `moment` falls on in `zone`."""
    return moment.astimezone(zone).date()


def _wall(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def instant_at(day: date, wall: time, zone: ZoneInfo) -> datetime:
    """The earliest UTC instant at which the clock in `zone` shows `wall` or later on `day`.

    A repeated wall time (DST ends) gives its first occurrence; a skipped one (DST begins)
    gives the moment the clock jumps, when it first shows a later time that day.
    """
    naive = datetime.combine(day, wall)
    candidates = []
    for fold in (0, 1):
        utc = naive.replace(tzinfo=zone, fold=fold).astimezone(UTC)
        if _wall(utc, zone) == naive:
            candidates.append(utc)
    if candidates:
        return min(candidates)
    # In a gap the two folds bracket the jump: search the first second whose wall time
    # is not before the wanted one.
    bounds = sorted(naive.replace(tzinfo=zone, fold=f).astimezone(UTC) for f in (0, 1))
    low, high = bounds
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if _wall(middle, zone) >= naive:
            high = middle
        else:
            low = middle
    return high


def start_of_day(day: date, zone: ZoneInfo) -> datetime:
    """The first instant of `day` in `zone` (midnight, or later where DST skips it)."""
    return instant_at(day, time(0, 0), zone)


def clock_text(moment: datetime, zone: ZoneInfo) -> str:
    """HH:MM on the wall clock of `zone`."""
    return f"{moment.astimezone(zone):%H:%M}"


def to_utc(moment: datetime) -> datetime:
    """`moment` as a UTC datetime."""
    return moment.astimezone(UTC)
