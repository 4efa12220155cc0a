"""Rules about *when*: the contact window (CN-1, US-1) and inconvenient times."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from agentdesk.domain.compliance.facts import ConsentKind, InconvenientTime
from agentdesk.domain.compliance.findings import Finding, Situation, unexplained
from agentdesk.domain.compliance.localtime import (
    clock_text,
    instant_at,
    local,
    to_utc,
    zone_name_zh,
)
from agentdesk.domain.compliance.policy import ContactWindowRule, InconvenientTimesRule


def _hhmm(value: object) -> str:
    return f"{value:%H:%M}"


def _consented(rule: ContactWindowRule, situation: Situation, at: datetime) -> bool:
    if not rule.consent_exempts:
        return False
    return any(c.covers(at, situation.channel) for c in situation.history.consents)


def _next_consent_start(rule: ContactWindowRule, situation: Situation, at: datetime) -> datetime:
    # A consent starting later may open contact before the window does.
    starts = [
        c.valid_from
        for c in situation.history.consents
        if rule.consent_exempts
        and c.kind is ConsentKind.CONTACT_TIME
        and c.valid_from is not None
        and c.valid_from > at
        and (not c.channels or situation.channel in c.channels)
    ]
    return min(starts) if starts else datetime.max.replace(tzinfo=at.tzinfo)


def contact_window(rule: ContactWindowRule, situation: Situation, at: datetime) -> list[Finding]:
    """Outside `start`–`end` in any candidate zone → the rule applies."""
    if situation.channel not in rule.channels or _consented(rule, situation, at):
        return []
    findings = []
    for zone in situation.target_zones:
        wall = local(at, zone)
        if rule.start <= wall.time() < rule.end:
            continue
        if not situation.explain:
            return [unexplained(rule)]  # one zone is enough to say the rule applies
        day = wall.date() if wall.time() < rule.start else wall.date() + timedelta(days=1)
        opens = min(instant_at(day, rule.start, zone), _next_consent_start(rule, situation, at))
        window = f"{_hhmm(rule.start)}–{_hhmm(rule.end)}"
        findings.append(
            Finding(
                rule.id,
                rule.check,
                rule.severity,
                f"{zone_name_zh(zone)} {clock_text(at, zone)} 不在允许时段 {window} 内",
                f"{clock_text(at, zone)} in {zone.key} is outside {window}",
                to_utc(opens),
            )
        )
    return findings


def _period_containing(period: InconvenientTime, at: datetime, zone: ZoneInfo) -> datetime | None:
    """The end of the stated period that `at` falls in, or None."""
    today = local(at, zone).date()
    overnight = period.start >= period.end
    for start_day in (today, today - timedelta(days=1)):
        if period.weekdays and start_day.weekday() not in period.weekdays:
            continue
        end_day = start_day + timedelta(days=1) if overnight else start_day
        begins = instant_at(start_day, period.start, zone)
        ends = instant_at(end_day, period.end, zone)
        if begins <= at < ends:
            return ends
    return None


def inconvenient_times(
    rule: InconvenientTimesRule, situation: Situation, at: datetime
) -> list[Finding]:
    """A time the borrower said is inconvenient, in any of their candidate zones."""
    if situation.channel not in rule.channels or not situation.to_borrower:
        return []
    findings = []
    for period in situation.case.inconvenient_times:
        if period.channels and situation.channel not in period.channels:
            continue
        for zone in situation.borrower_zones:
            ends = _period_containing(period, at, zone)
            if ends is None:
                continue
            if not situation.explain:
                return [unexplained(rule)]
            stated = f"{_hhmm(period.start)}–{_hhmm(period.end)}"
            findings.append(
                Finding(
                    rule.id,
                    rule.check,
                    rule.severity,
                    f"借款人说明 {stated}（{zone_name_zh(zone)}）不方便接听",
                    f"the borrower said {stated} in {zone.key} is inconvenient",
                    to_utc(ends),
                )
            )
    return findings
