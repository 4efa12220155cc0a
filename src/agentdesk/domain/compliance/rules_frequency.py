"""Rules about *how often*: daily caps (CN-2, CN-3), 7-in-7 and its cool-down (US-2).

Days are the borrower's local calendar days, judged separately in every candidate zone
(the strictest zone decides). Counting runs over the whole history given — every agent,
every device, every number of the borrower — so the server, which sees everything,
counts across everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from agentdesk.domain.compliance.facts import ConsentKind, ContactAttempt, ContactHistory
from agentdesk.domain.compliance.findings import Finding, Situation, unexplained
from agentdesk.domain.compliance.localtime import local_day, start_of_day, to_utc, zone_name_zh
from agentdesk.domain.compliance.policy import (
    ConversationCooldownRule,
    DailyAttemptsPerNumberRule,
    DailyConnectedCallsRule,
    RollingCallsRule,
)
from agentdesk.domain.vocabulary import CallResult, ContactRelation


def _placed(history: ContactHistory) -> Iterable[ContactAttempt]:
    return (a for a in history.attempts if not a.inbound)


# No zone is more than a day from UTC, so an attempt further than this from the moment
# judged cannot share a local calendar day with it; skipping those keeps a check cheap
# on a long history.
_MARGIN = timedelta(days=2)


def _near(
    attempts: Iterable[ContactAttempt], at: datetime, days_before: int, days_after: int = 0
) -> list[ContactAttempt]:
    low = at - timedelta(days=days_before) - _MARGIN
    high = at + timedelta(days=days_after) + _MARGIN
    return [a for a in attempts if low < a.at < high]


# ------------------------------------------------------------------ daily caps


def _count_on(
    attempts: list[ContactAttempt], zone: ZoneInfo, day: date, enough: int | None
) -> int:
    """How many of `attempts` fall on local `day` in `zone`, counting no further than
    `enough` (None: count them all)."""
    used = 0
    for attempt in attempts:
        if attempt.at.astimezone(zone).date() == day:  # local_day, inline: run per attempt
            used += 1
            if used == enough:
                break
    return used


# The attempts that count toward a daily cap, each as one comprehension: they run over
# every attempt near the moment judged, for every pushed attempt.


def _connected(
    rule: DailyConnectedCallsRule, attempts: Iterable[ContactAttempt]
) -> list[ContactAttempt]:
    channels, relations, results = rule.channels, rule.relations, rule.counts_results
    return [
        a
        for a in attempts
        if not a.inbound and a.channel in channels and a.relation in relations
        and a.result in results
    ]


def daily_connected_calls(
    rule: DailyConnectedCallsRule, situation: Situation, at: datetime
) -> list[Finding]:
    """Block another call once the day's connected calls reach the limit."""
    if situation.channel not in rule.channels or situation.target.relation not in rule.relations:
        return []
    if situation.attempt is not None and not _connected(rule, (situation.attempt,)):
        return []  # an attempt that did not connect did not add a connected call
    counted = _connected(rule, _near(situation.history.attempts, at, 0))
    findings = []
    # Unworded, only "the limit is reached" matters: counting may stop there.
    enough = None if situation.explain else rule.limit
    for zone in situation.borrower_zones:
        today = local_day(at, zone)
        used = _count_on(counted, zone, today, enough)
        if used < rule.limit:
            continue
        if not situation.explain:
            return [unexplained(rule)]
        findings.append(
            Finding(
                rule.id,
                rule.check,
                rule.severity,
                f"借款人今天（{zone_name_zh(zone)} {today}）已接通 {used} 次，"
                f"每日上限 {rule.limit} 次",
                f"the borrower has had {used} connected calls today ({today} in {zone.key}); "
                f"the limit is {rule.limit} a day",
                to_utc(start_of_day(today + timedelta(days=1), zone)),
            )
        )
    return findings


def _dials(
    rule: DailyAttemptsPerNumberRule, attempts: Iterable[ContactAttempt], number: str
) -> list[ContactAttempt]:
    channels, results = rule.channels, rule.counts_results
    return [
        a
        for a in attempts
        if not a.inbound and a.channel in channels and a.contact_point_id == number
        and (results is None or a.result in results)
    ]


def daily_attempts_per_number(
    rule: DailyAttemptsPerNumberRule, situation: Situation, at: datetime
) -> list[Finding]:
    """Block another dial to a number once the day's attempts to it reach the limit."""
    number = situation.target.id
    if situation.channel not in rule.channels:
        return []
    if situation.attempt is not None and not _dials(rule, (situation.attempt,), number):
        return []
    counted = _dials(rule, _near(situation.history.attempts, at, 0), number)
    findings = []
    enough = None if situation.explain else rule.limit
    for zone in situation.borrower_zones:
        today = local_day(at, zone)
        used = _count_on(counted, zone, today, enough)
        if used < rule.limit:
            continue
        if not situation.explain:
            return [unexplained(rule)]
        findings.append(
            Finding(
                rule.id,
                rule.check,
                rule.severity,
                f"该号码今天（{zone_name_zh(zone)} {today}）已拨打 {used} 次，"
                f"每日上限 {rule.limit} 次",
                f"this number has been dialled {used} times today ({today} in {zone.key}); "
                f"the limit is {rule.limit} a day",
                to_utc(start_of_day(today + timedelta(days=1), zone)),
            )
        )
    return findings


# ------------------------------------------------------------------ 7-in-7 (US-2)


def _conversations(history: ContactHistory, channels: Iterable[object]) -> list[ContactAttempt]:
    wanted = set(channels)
    return [a for a in history.attempts if a.is_conversation_with_borrower and a.channel in wanted]


def consent_active(history: ContactHistory, days: int, moment: datetime) -> bool:
    """Whether the borrower's direct consent to calls covers `moment`.

    Consent lasts `days` days from when it was given, and a later conversation about the
    debt ends it.
    """
    if days <= 0 or not history.consents:
        return False
    for consent in history.consents:
        if consent.kind is not ConsentKind.CALL_FREQUENCY:
            continue
        if not consent.given_at <= moment < consent.given_at + timedelta(days=days):
            continue
        if any(
            consent.given_at < a.at < moment
            for a in history.attempts
            if a.is_conversation_with_borrower
        ):
            continue
        return True
    return False


def _counts_call(rule: RollingCallsRule, attempt: ContactAttempt, history: ContactHistory) -> bool:
    return (
        not attempt.inbound
        and attempt.channel in rule.channels
        and attempt.relation is ContactRelation.BORROWER
        and attempt.result not in rule.excluded_results
        and not consent_active(history, rule.consent_days, attempt.at)
    )


def rolling_calls(rule: RollingCallsRule, situation: Situation, at: datetime) -> list[Finding]:
    """Block the call that would be one too many within `days` consecutive local days."""
    if situation.channel not in rule.channels or not situation.to_borrower:
        return []
    history = situation.history
    if consent_active(history, rule.consent_days, at):
        return []
    if situation.attempt is not None and not _counts_call(rule, situation.attempt, history):
        return []
    nearby = _near(_placed(history), at, rule.days, rule.days)
    calls = [a for a in nearby if _counts_call(rule, a, history)]
    findings = []
    for zone in situation.borrower_zones:
        days = [local_day(a.at, zone) for a in calls]
        today = local_day(at, zone)

        def in_window(last: date, days: list[date] = days) -> int:
            first = last - timedelta(days=rule.days - 1)
            return sum(1 for d in days if first <= d <= last)

        used = in_window(today)
        if used < rule.limit:
            continue
        # Calls dated ahead of `at` (a desktop whose clock ran ahead) fill later windows
        # too, so the search runs past the last of them (`nearby` reaches that far). A
        # limit of 0 never clears.
        clear_day = next(
            (
                today + timedelta(days=step)
                for step in range(1, 2 * rule.days + _MARGIN.days + 2)
                if in_window(today + timedelta(days=step)) < rule.limit
            ),
            None,
        )
        if not situation.explain:
            return [unexplained(rule)]
        findings.append(
            Finding(
                rule.id,
                rule.check,
                rule.severity,
                f"过去 {rule.days} 天内（{zone_name_zh(zone)}）已拨打 {used} 次，"
                f"上限 {rule.limit} 次",
                f"{used} calls were placed in the last {rule.days} days ({zone.key}); "
                f"the limit is {rule.limit}",
                None if clear_day is None else to_utc(start_of_day(clear_day, zone)),
            )
        )
    return findings


def _cooldown_counts(rule: ConversationCooldownRule, attempt: ContactAttempt) -> bool:
    # Mirrors 7-in-7: busy signals and dead numbers are not calls placed to the person.
    return not attempt.inbound and attempt.result not in (
        CallResult.BUSY,
        CallResult.NOT_IN_SERVICE,
    )


def conversation_cooldown(
    rule: ConversationCooldownRule, situation: Situation, at: datetime
) -> list[Finding]:
    """Block calls within `days` local days of a conversation (its day is day 1)."""
    if situation.channel not in rule.channels or not situation.to_borrower:
        return []
    history = situation.history
    if consent_active(history, rule.consent_days, at):
        return []
    if situation.attempt is not None and not _cooldown_counts(rule, situation.attempt):
        return []
    talks = [a for a in _conversations(history, rule.conversation_channels) if a.at <= at]
    if not talks:
        return []
    # Only the latest conversation matters; its neighbours stay in case a zone's clocks
    # went back across midnight between them.
    latest = max(a.at for a in talks)
    talks = [a for a in talks if a.at > latest - _MARGIN]
    findings = []
    for zone in situation.borrower_zones:
        talked = max(local_day(a.at, zone) for a in talks)
        today = local_day(at, zone)
        clear_day = talked + timedelta(days=rule.days)
        if today >= clear_day:
            continue
        if not situation.explain:
            return [unexplained(rule)]
        day_number = (today - talked).days + 1
        findings.append(
            Finding(
                rule.id,
                rule.check,
                rule.severity,
                f"{talked} 与借款人通过话，今天是第 {day_number} 天；"
                f"通话后 {rule.days} 天内不再致电（{zone_name_zh(zone)}）",
                f"a conversation took place on {talked}; today is day {day_number} of "
                f"{rule.days} without calls ({zone.key})",
                to_utc(start_of_day(clear_day, zone)),
            )
        )
    return findings
