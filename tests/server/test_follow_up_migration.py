"""Migration 0004, on SQLite and PostgreSQL with data: existing cases take the latest
follow-up their attempts named, and the downgrade drops the columns again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import select

from agentdesk.server.db import make_engine, session_factory, transaction
from agentdesk.server.migrate import alembic_config, current_revision, head_revision, upgrade
from agentdesk.server.models import Case, ContactAttempt
from tests.support.server_db import Backend


def test_upgrading_keeps_the_follow_ups_the_attempts_named(backend: Backend) -> None:
    engine = make_engine(backend.make_copy())  # migrated and seeded, SQLite or PostgreSQL
    first = datetime(2026, 3, 20, 2, 0, tzinfo=UTC)
    with transaction(session_factory(engine)) as db:
        attempts = list(db.scalars(select(ContactAttempt).order_by(ContactAttempt.id)))
        case_id = attempts[0].case_id
        mine = [a for a in attempts if a.case_id == case_id]
        for n, attempt in enumerate(mine):
            attempt.next_follow_up_at = first + timedelta(days=n)
    latest = first + timedelta(days=len(mine) - 1)

    # Back to 0003 (the case columns go), then up again: the columns are filled.
    with engine.begin() as conn:
        cfg = alembic_config(engine.url.render_as_string(hide_password=False))
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003_contact_prefs")
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with session_factory(engine)() as db:
        cases = {c.id: c for c in db.scalars(select(Case))}
        assert cases[case_id].next_action_at == latest
        assert cases[case_id].next_action_decided_at is not None
        assert cases[case_id].next_action_reason is None
        assert all(c.next_action_at is None for i, c in cases.items() if i != case_id)
    engine.dispose()
