"""Migration 0003_contact_prefs on a database that already holds work, SQLite and PostgreSQL.

Upgrading from 0002 keeps every note (unflagged: the server starts linting with this
version) and adds the contact-preference table; downgrading takes it away again.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text

from agentdesk.server.db import make_engine
from agentdesk.server.migrate import alembic_config, current_revision, upgrade
from tests.support.postgres import PostgresCluster

NOW = datetime(2026, 3, 2, 2, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/old.sqlite3"
    else:
        cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
        url = cluster.create_database(f"prefs_{uuid.uuid4().hex[:8]}")
    eng = make_engine(url)
    yield eng
    eng.dispose()


def _uid(engine: Engine, value: uuid.UUID) -> str:
    # SQLAlchemy's Uuid is CHAR(32) hex on SQLite, a native uuid on PostgreSQL.
    return value.hex if engine.dialect.name == "sqlite" else str(value)


def _note_on_a_case(engine: Engine) -> uuid.UUID:
    ids = {k: uuid.uuid4() for k in ("user", "borrower", "loan", "case", "note")}
    v = {k: _uid(engine, i) for k, i in ids.items()}
    stamp = {"now": NOW}
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO users (id, version, created_at, updated_at, username, display_name,"
            " role, password_hash, language, active)"
            " VALUES (:id, 1, :now, :now, 'a1', 'A', 'agent', 'x', 'zh_CN', true)"),
            {"id": v["user"], **stamp})
        conn.execute(text(
            "INSERT INTO borrowers (id, version, created_at, updated_at, external_id, name,"
            " national_id, time_zone, language)"
            " VALUES (:id, 1, :now, :now, 'B1', '张三', '110101199001011234',"
            " 'Asia/Shanghai', 'zh_CN')"), {"id": v["borrower"], **stamp})
        conn.execute(text(
            "INSERT INTO loans (id, version, created_at, updated_at, external_id, borrower_id,"
            " product, principal_minor, annual_rate, term_months, method, start_date,"
            " first_due_date, currency) VALUES (:id, 1, :now, :now, 'L1', :b, 'consumer',"
            " 100000, 0.12, 12, 'annuity', '2025-01-01', '2025-02-01', 'CNY')"),
            {"id": v["loan"], "b": v["borrower"], **stamp})
        conn.execute(text(
            "INSERT INTO cases (id, version, created_at, updated_at, loan_id, borrower_id,"
            " stage, dpd, bucket, overdue_minor, outstanding_minor, holds, borrower_name,"
            " loan_ref) VALUES (:id, 1, :now, :now, :l, :b, 'reminder', 3, 'M1', 100, 100,"
            " '[]', '张三', 'L1')"),
            {"id": v["case"], "l": v["loan"], "b": v["borrower"], **stamp})
        conn.execute(text(
            "INSERT INTO notes (id, version, created_at, updated_at, case_id, author_id, body)"
            " VALUES (:id, 1, :now, :now, :c, :u, '升级前写的备注')"),
            {"id": v["note"], "c": v["case"], "u": v["user"], **stamp})
    return ids["note"]


def test_upgrading_from_0002_keeps_notes_and_adds_preferences(engine: Engine) -> None:
    upgrade(engine, "0002_sync")
    note_id = _note_on_a_case(engine)
    upgrade(engine, "0003_contact_prefs")
    assert current_revision(engine) == "0003_contact_prefs"
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT body, flagged, flag_reason FROM notes WHERE id = :id"),
            {"id": _uid(engine, note_id)},
        ).one()
    assert (row[0], bool(row[1]), row[2]) == ("升级前写的备注", False, None)
    assert "contact_preferences" in inspect(engine).get_table_names()
    # Down again to 0002: the table and the note flags go, the note stays.
    with engine.begin() as conn:
        cfg = alembic_config(engine.url.render_as_string(hide_password=False))
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002_sync")
    assert "contact_preferences" not in inspect(engine).get_table_names()
    assert "flagged" not in {c["name"] for c in inspect(engine).get_columns("notes")}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM notes")).scalar_one() == 1
    upgrade(engine)  # and up to the latest revision again
    assert "contact_preferences" in inspect(engine).get_table_names()
