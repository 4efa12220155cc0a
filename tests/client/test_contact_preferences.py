"""Contact preferences in the local store: recorded with their op, pulled, cleared, and
an upgrade from the store version before them keeps every unsynced op."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from agentdesk.client import migrations, schema
from agentdesk.client.changes import apply_changes
from agentdesk.client.contact_preferences import ContactPreferences
from agentdesk.client.operations import OperationError
from agentdesk.client.outbox import Outbox
from agentdesk.client.preference_rows import borrower_rows, stated_for_borrower
from agentdesk.client.store import LocalStore, connect
from agentdesk.domain.compliance.preferences import PreferenceKind
from agentdesk.domain.vocabulary import Channel
from agentdesk.protocol.ops import (
    ContactPreferenceClear,
    ContactPreferenceRecord,
    NoteAdd,
    OpType,
    make_op,
)
from agentdesk.protocol.sync import EntityType, OpResult, OpStatus

from .conftest import NOW, CaseSeed, Clock, change, page, removal, seed


def _record(case: CaseSeed, **fields: object) -> ContactPreferenceRecord:
    return ContactPreferenceRecord(case_id=uuid.UUID(case.case_id), **fields)  # type: ignore[arg-type]


def test_a_recorded_preference_is_enforced_at_once_and_queued(store: LocalStore) -> None:
    (case,) = seed(store, CaseSeed())
    prefs = ContactPreferences(store, user_id="agent-1")
    seen: list[frozenset[str]] = []
    store.subscribe(seen.append)
    change_ = prefs.record(_record(case, kind="channel_opt_out", channel=Channel.SMS))
    stated = stated_for_borrower(store, case.borrower_id)
    assert [(s.kind, s.channel) for s in stated] == [(PreferenceKind.CHANNEL_OPT_OUT, Channel.SMS)]
    pending = Outbox(store).pending()
    assert [(e.op.type, e.op.entity_id) for e in pending] == [
        (OpType.CONTACT_PREFERENCE_RECORD, change_.entity_id)
    ]
    assert seen == [frozenset({case.case_id})]
    with store.read() as db:
        (row,) = borrower_rows(db, case.borrower_id)
    assert row.local_state == "pending" and row.data.since == NOW


def test_a_contact_point_of_another_borrower_is_refused(store: LocalStore) -> None:
    one, other = seed(store, CaseSeed(), CaseSeed(name="李四"))
    theirs = str(uuid.uuid4())
    apply_changes(store, page(change(EntityType.CONTACT_POINT, {
        "id": theirs, "borrower_id": other.borrower_id, "kind": "phone",
        "value": "13900001111", "relation": "employer"})))
    with pytest.raises(OperationError) as caught:
        ContactPreferences(store).record(
            _record(one, kind="workplace_prohibits", contact_point_id=uuid.UUID(theirs))
        )
    assert caught.value.field == "contact_point_id"
    assert Outbox(store).count() == 0
    # The same number on its own borrower's case is accepted.
    ContactPreferences(store).record(
        _record(other, kind="workplace_prohibits", contact_point_id=uuid.UUID(theirs))
    )
    (stated,) = stated_for_borrower(store, other.borrower_id)
    assert stated.contact_point_id == theirs


def _server_copy(case: CaseSeed, preference_id: str, *, cleared: bool = False) -> dict[str, object]:
    return {
        "id": preference_id, "borrower_id": case.borrower_id, "kind": "inconvenient_time",
        "weekdays": [0, 1, 2, 3, 4], "start": "08:00", "end": "10:00", "source": "call",
        "since": NOW.isoformat(), "cleared_at": NOW.isoformat() if cleared else None,
    }


def test_a_pending_clear_keeps_showing_over_a_pulled_copy(store: LocalStore) -> None:
    (case,) = seed(store, CaseSeed())
    preference_id = str(uuid.uuid4())
    apply_changes(store, page(change(EntityType.CONTACT_PREFERENCE,
                                     _server_copy(case, preference_id))))
    assert len(stated_for_borrower(store, case.borrower_id)) == 1
    ContactPreferences(store).clear(
        uuid.UUID(preference_id), ContactPreferenceClear(case_id=uuid.UUID(case.case_id))
    )
    assert stated_for_borrower(store, case.borrower_id) == []
    # The server's copy arrives again before it has our clear: still cleared here.
    apply_changes(store, page(change(EntityType.CONTACT_PREFERENCE,
                                     _server_copy(case, preference_id), version=1)))
    assert stated_for_borrower(store, case.borrower_id) == []
    # Answered: the op leaves the outbox; the server's cleared copy is what stays.
    (entry,) = Outbox(store).pending()
    Outbox(store).mark_answered([OpResult(op_id=entry.op.op_id, status=OpStatus.APPLIED)])
    apply_changes(store, page(change(EntityType.CONTACT_PREFERENCE,
                                     _server_copy(case, preference_id, cleared=True), 2)))
    assert stated_for_borrower(store, case.borrower_id) == []


def test_a_rejected_statement_is_not_enforced(store: LocalStore) -> None:
    (case,) = seed(store, CaseSeed())
    made = ContactPreferences(store).record(
        _record(case, kind="channel_opt_out", channel=Channel.CALL)
    )
    Outbox(store).mark_answered([OpResult(op_id=made.op_id, status=OpStatus.REJECTED,
                                          reason="案件已转派 / reassigned")])
    assert stated_for_borrower(store, case.borrower_id) == []


def test_removing_the_last_case_of_a_borrower_removes_their_preferences(
    store: LocalStore,
) -> None:
    (case,) = seed(store, CaseSeed())
    apply_changes(store, page(change(EntityType.CONTACT_PREFERENCE,
                                     _server_copy(case, str(uuid.uuid4())))))
    apply_changes(store, page(removal(EntityType.CASE, case.case_id)))
    with store.read() as db:
        assert borrower_rows(db, case.borrower_id) == []


def test_upgrading_a_version_2_file_keeps_unsynced_ops(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    db = connect(path)
    case_id = str(uuid.uuid4())
    op = make_op(NoteAdd(case_id=uuid.UUID(case_id), text="升级前的离线备注"),
                 entity_id=uuid.uuid4(), created_at=NOW)
    with db:
        db.execute("BEGIN")
        assert migrations.upgrade(db, target=2) == 2
        db.execute(
            "INSERT INTO outbox (op_id, op_type, entity_id, case_id, base_version,"
            " created_at, body, attempts) VALUES (?, ?, ?, ?, NULL, ?, ?, 3)",
            (str(op.op_id), str(op.type), str(op.entity_id), case_id,
             op.created_at.isoformat(), op.model_dump_json()),
        )
    db.close()
    store = LocalStore(path, clock=Clock())
    try:
        assert store.schema_version == schema.SCHEMA_VERSION >= 3
        (entry,) = Outbox(store).pending()
        assert entry.op == op and entry.attempts == 3
        with store.read() as db:
            assert db.execute("SELECT count(*) FROM contact_preferences").fetchone() == (0,)
    finally:
        store.close()
