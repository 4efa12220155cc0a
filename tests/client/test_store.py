"""The store file: where it lives, its pragmas, its versioned schema and upgrades."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

import platformdirs
import pytest

from agentdesk.client import migrations, schema
from agentdesk.client.outbox import Outbox
from agentdesk.client.paths import normalise_server_url, store_path
from agentdesk.client.queue import CaseQueue, QueueQuery
from agentdesk.client.store import LocalStore, connect
from agentdesk.protocol.ops import NoteAdd, PromiseCreate, make_op

from .conftest import NOW, Clock


def test_one_file_per_server_and_user_in_the_platform_data_folder() -> None:
    default = store_path("https://AgentDesk.example.com:8443/", "WangFang")
    assert default.is_relative_to(Path(platformdirs.user_data_dir("agentdesk", appauthor=False)))
    assert default == store_path("https://agentdesk.example.com:8443", "wangfang")
    assert default != store_path("https://agentdesk.example.com:8443", "lina")
    assert default != store_path("https://other.example.com:8443", "wangfang")
    assert default.name.startswith("agentdesk_example_com_8443_wangfang-")
    assert default.suffix == ".sqlite3"


def test_store_path_refuses_what_is_not_a_server_or_a_user(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="server URL"):
        store_path("agentdesk.example.com", "wang", data_dir=tmp_path)
    with pytest.raises(ValueError, match="username"):
        store_path("http://127.0.0.1:8000", "  ", data_dir=tmp_path)
    assert normalise_server_url("HTTP://Host:80/api/") == "http://host:80/api"


def test_a_new_store_is_current_in_wal_mode_with_a_device_id(tmp_path: Path) -> None:
    path = store_path("http://127.0.0.1:8000", "agent", data_dir=tmp_path)
    store = LocalStore(path)
    assert path.exists()
    assert store.schema_version == schema.SCHEMA_VERSION == len(migrations.STEPS)
    with store.read() as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    device = store.device_id
    store.close()
    again = LocalStore(path)
    assert again.device_id == device  # made once, kept
    again.close()


def test_the_declared_tables_match_what_the_upgrade_steps_create(store: LocalStore) -> None:
    with store.read() as db:
        for table in schema.metadata.sorted_tables:
            columns = [r[1] for r in db.execute(f"PRAGMA table_info({table.name})")]
            assert columns == [c.name for c in table.columns], table.name
        virtual = db.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'case_search'").fetchone()[0]
    assert "trigram" in virtual


def test_metadata_round_trip_and_listeners(store: LocalStore) -> None:
    store.set_meta("server_url", "http://127.0.0.1:8000")
    assert store.meta("server_url") == "http://127.0.0.1:8000"
    assert store.meta("missing") is None
    seen: list[frozenset[str]] = []
    unsubscribe = store.subscribe(seen.append)
    with store.write() as tx:
        tx.case_changed("a", "b")
    with store.write():
        pass  # no change announced
    unsubscribe()
    with store.write() as tx:
        tx.case_changed("c")
    assert seen == [frozenset({"a", "b"})]


def test_a_json_object_kept_as_metadata_reads_back_as_its_fields(store: LocalStore) -> None:
    import json

    user = {"user_id": "u1", "username": "wangfang", "display_name": "王芳",
            "role": "agent", "team": None, "language": "zh_CN"}
    store.set_meta("session_user", json.dumps(user))
    assert store.meta_fields("session_user") == user
    assert store.meta_fields("missing") is None


def test_a_write_inside_a_write_is_refused_not_deadlocked(store: LocalStore) -> None:
    with store.write(), pytest.raises(RuntimeError, match="already open"), store.write():
        pass
    with store.write() as tx:  # the store is still usable
        tx.case_changed("x")


def _v1_file(path: Path) -> list[str]:
    """A store as version 1 of the app left it: a case and two unsynced ops."""
    db = connect(path)
    case_id = str(uuid.uuid4())
    ops = [
        make_op(NoteAdd(case_id=uuid.UUID(case_id), text="离线记录"), entity_id=uuid.uuid4(),
                created_at=NOW),
        make_op(PromiseCreate(case_id=uuid.UUID(case_id), amount=Decimal("200.00"),
                              due_date=date(2026, 12, 10)), entity_id=uuid.uuid4(),
                created_at=NOW),
    ]
    with db:
        db.execute("BEGIN")
        assert migrations.upgrade(db, target=1) == 1
        db.execute(
            "INSERT INTO cases (case_id, version, borrower_id, loan_id, priority, borrower_name,"
            " name_pinyin, name_initials, phones_masked, phone_digits, loan_number, dpd, bucket,"
            " amount_overdue_minor, outstanding_minor, currency, stage, stage_rank, holds,"
            " removal_pending) VALUES (?, 1, 'b', 'l', 5, '单田芳', 'shantianfang', 'stf',"
            " '138****5678', '13812345678', 'LN1', 3, 'M1', 100, 100, 'CNY', 'reminder', 0,"
            " '', 0)",
            (case_id,),
        )
        for n, op in enumerate(ops):
            db.execute(
                "INSERT INTO outbox (op_id, op_type, entity_id, case_id, base_version,"
                " created_at, body, attempts) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)",
                (str(op.op_id), str(op.type), str(op.entity_id), case_id,
                 op.created_at.isoformat(), op.model_dump_json(), n),
            )
    db.close()
    return [str(op.op_id) for op in ops]


def test_upgrading_a_version_1_file_keeps_unsynced_ops(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    op_ids = _v1_file(path)
    store = LocalStore(path, clock=Clock())
    assert store.schema_version == schema.SCHEMA_VERSION
    pending = Outbox(store).pending()
    assert [str(e.op.op_id) for e in pending] == op_ids
    assert [e.attempts for e in pending] == [0, 1]
    assert pending[1].op.payload.amount == Decimal("200.00")  # type: ignore[union-attr]
    # The step that added the search index filled it from the cases already there.
    queue = CaseQueue(store)
    assert queue.search(QueueQuery(text="dtf")).count == 1
    assert queue.search(QueueQuery(text="单田")).count == 1
    assert queue.search(QueueQuery(text="5678")).count == 1
    queue.close()
    store.close()


def test_a_failed_upgrade_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    op_ids = _v1_file(path)
    db = connect(path)
    db.execute("CREATE TABLE case_search_prefixes (x)")  # took the name the step needs
    with pytest.raises(Exception, match="already exists"):
        LocalStore(path)
    assert migrations.current_version(db) == 1
    assert db.execute("SELECT count(*) FROM outbox").fetchone()[0] == len(op_ids)
    db.close()


def test_a_file_from_a_newer_app_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    LocalStore(path).close()
    db = connect(path)
    db.execute("UPDATE schema_version SET version = 99")
    db.close()
    with pytest.raises(migrations.StoreTooNewError, match="newer"):
        LocalStore(path)
