"""Migrations build exactly the models' schema; seeding is deterministic."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from agentdesk.domain.authority import read_authority_policy
from agentdesk.server.base import Base
from agentdesk.server.db import make_engine, session_factory, transaction
from agentdesk.server.migrate import current_revision, head_revision, upgrade
from agentdesk.server.models import Borrower, Case, User
from agentdesk.server.seed.demo import seed_demo
from tests.server.conftest import Api


def test_migrations_match_the_models(api: Api) -> None:
    assert current_revision(api.engine) == head_revision()
    with api.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata
        )
    assert diff == []


def _seeded(path: Path, seed: int) -> list[tuple]:
    engine = make_engine(str(path))
    upgrade(engine)
    with transaction(session_factory(engine)) as db:
        seed_demo(db, seed=seed, cases=25, today=date(2026, 3, 15), policy=read_authority_policy())
    with session_factory(engine)() as db:
        rows: list[tuple] = [
            (c.loan_ref, c.dpd, c.bucket, c.overdue_minor, b.name, b.national_id)
            for c, b in db.execute(
                select(Case, Borrower)
                .join(Borrower, Borrower.id == Case.borrower_id)
                .order_by(Case.loan_ref)
            )
        ]
        rows += [
            (u.username, u.display_name, u.role)
            for u in db.scalars(select(User).order_by(User.username))
        ]
    engine.dispose()
    return rows


def test_seed_is_deterministic_and_varied(tmp_path: Path) -> None:
    first = _seeded(tmp_path / "a.sqlite3", 9)
    assert first == _seeded(tmp_path / "b.sqlite3", 9)
    assert first != _seeded(tmp_path / "c.sqlite3", 10)
    cases = [r for r in first if len(r) == 6]
    assert len(cases) == 25
    assert any(all("\u4e00" <= ch <= "\u9fff" for ch in r[4]) for r in cases)
    assert {"M1", "M2", "M3", "M3+"} <= {r[2] for r in cases}
