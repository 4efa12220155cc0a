"""What a borrower said, recorded on one desktop, governs another desktop after sync.

Real server process (uvicorn on 127.0.0.1, SQLite), two desktops with their own local
stores, the desktop's own compliance check (`ui.call_workspace_facts.check_call`).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from agentdesk.client.casefile import open_case
from agentdesk.client.contact_preferences import ContactPreferences
from agentdesk.client.preference_rows import stated_for_borrower
from agentdesk.client.sync_engine import SyncState
from agentdesk.domain.compliance import Verdict, shipped_policy
from agentdesk.domain.vocabulary import CallResult, Channel
from agentdesk.protocol.ops import ContactAttemptRecord, ContactPreferenceRecord
from agentdesk.server.models import ContactAttempt
from agentdesk.ui.call_workspace_facts import check_call
from tests.sync.conftest import DeskFactory
from tests.sync.harness import Desk

CN = shipped_policy("cn")
US = shipped_policy("us-regf")


def _a_case_with_two_phones(d: Desk) -> tuple[str, str, str, str]:
    """(case id, borrower id, the borrower's phone, another phone) of a case held."""
    for case_id in sorted(d.case_ids()):
        file = open_case(d.store, case_id)
        phones = [cp.data for cp in file.contact_points if cp.data.kind == "phone"]
        own = [p for p in phones if p.relation == "borrower"]
        others = [p for p in phones if p.relation != "borrower"]
        if own and others:
            return case_id, file.case.borrower_id, own[0].id, others[0].id
    raise AssertionError("no case with two phones")


def _monday(zone: str, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 2, hour, minute, tzinfo=ZoneInfo(zone))


def test_what_the_borrower_said_on_one_desktop_governs_the_other(
    desk: DeskFactory, server_engine: Engine
) -> None:
    first, second = desk("agent.east1"), desk("agent.east1")
    assert first.sync().state is SyncState.SYNCED
    assert second.sync().state is SyncState.SYNCED
    case_id, borrower_id, mobile, work = _a_case_with_two_phones(first)
    zone = open_case(first.store, case_id).borrower.time_zone  # type: ignore[union-attr]
    said = ContactPreferences(first.store, user_id=first.ops.user_id)
    case = uuid.UUID(case_id)
    said.record(ContactPreferenceRecord(case_id=case, kind="channel_opt_out",
                                        channel=Channel.CALL, note="不要再打我手机"))
    said.record(ContactPreferenceRecord(case_id=case, kind="workplace_prohibits",
                                        contact_point_id=uuid.UUID(work)))
    said.record(ContactPreferenceRecord(case_id=case, kind="inconvenient_time",
                                        weekdays=(0, 1, 2, 3, 4), start="08:00", end="10:00",
                                        channels=(Channel.SMS,)))
    assert first.sync().state is SyncState.SYNCED
    assert first.outbox.count() == 0

    # Before the second desktop syncs it knows nothing of it.
    file = open_case(second.store, case_id)
    assert stated_for_borrower(second.store, borrower_id) == []
    assert check_call(file, mobile, _monday(zone, 11), CN).allowed

    assert second.sync().state is SyncState.SYNCED
    file = open_case(second.store, case_id)
    prefs = stated_for_borrower(second.store, borrower_id)
    assert len(prefs) == 3
    opted = check_call(file, mobile, _monday(zone, 11), CN, preferences=prefs)
    assert opted.verdict is Verdict.BLOCKED and "CN-OPTOUT" in opted.blocking_rule_ids
    # SMS to the mobile is not opted out, but 09:30 on a weekday is inconvenient for it:
    # a warning under cn, a block under Regulation F until 10:00.
    sms = check_call(file, mobile, _monday(zone, 9, 30), CN, Channel.SMS, preferences=prefs)
    assert sms.verdict is Verdict.WARNING and "CN-1" in sms.rule_ids
    us = check_call(file, mobile, _monday(zone, 9, 30), US, Channel.SMS, preferences=prefs)
    assert us.verdict is Verdict.BLOCKED and us.blocking_rule_ids == ("US-1",)
    assert us.next_allowed_at == _monday(zone, 10).astimezone(UTC)
    workplace = check_call(file, work, _monday(zone, 11), CN, preferences=prefs)
    assert "CN-WORK" in workplace.blocking_rule_ids
    # A desktop signing in afresh gets them with its first (snapshot) sync too.
    third = desk("agent.east1")
    assert third.sync().state is SyncState.SYNCED
    assert stated_for_borrower(third.store, borrower_id) == prefs

    # Someone calls the mobile anyway (after the borrower said it): stored, and flagged
    # by the server.
    now = datetime.now(UTC)
    called = second.ops.record_contact_attempt(
        ContactAttemptRecord(case_id=case, contact_point_id=uuid.UUID(mobile),
                             channel=Channel.CALL, result=CallResult.NO_ANSWER,
                             started_at=now, ended_at=now + timedelta(seconds=30))
    )
    assert second.sync().state is SyncState.SYNCED
    with Session(server_engine) as db:
        row = db.get(ContactAttempt, called.entity_id)
        assert row is not None
        assert row.flagged and "CN-OPTOUT" in (row.flag_reason or "").split(",")
