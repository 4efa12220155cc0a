"""`agentdesk-server` subcommands, run in-process against a SQLite file."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from agentdesk.server.cli import main
from agentdesk.server.db import make_engine, session_factory
from agentdesk.server.models import Case, DeviceSession, User


def test_upgrade_seed_create_import_assign_revoke(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "server.sqlite3")
    assert main(["upgrade", "--db", db]) == 0
    accounts = tmp_path / "accounts.json"
    assert (
        main(
            [
                "seed-demo",
                "--db",
                db,
                "--cases",
                "30",
                "--seed",
                "5",
                "--accounts-out",
                str(accounts),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "agent.east1" in out and "lead.south" in out
    listed = json.loads(accounts.read_text(encoding="utf-8"))
    assert {a["role"] for a in listed} == {"admin", "lead", "agent"}
    assert len(listed) == 9 and all(a["password"] for a in listed)
    assert {a["team"] for a in listed if a["role"] == "agent"} == {"华东组", "华南组"}
    # Seeding twice is refused rather than mixing two portfolios.
    assert main(["seed-demo", "--db", db, "--cases", "5"]) == 2

    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    assert (
        main(
            [
                "create-user",
                "wang.fang",
                "--role",
                "agent",
                "--team",
                "华东组",
                "--password-stdin",
                "--db",
                db,
            ]
        )
        == 0
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert (
        main(
            [
                "create-user",
                "li.na",
                "--role",
                "agent",
                "--team",
                "华东组",
                "--password-stdin",
                "--db",
                db,
            ]
        )
        == 2
    )
    assert "at least 8" in capsys.readouterr().err

    borrowers = tmp_path / "b.csv"
    borrowers.write_text(
        "\ufeffexternal_id,name,national_id\nZ1,周杰,110101199001011234\n", encoding="utf-8"
    )
    assert main(["import", "borrowers", str(borrowers), "--db", db]) == 0
    assert main(["import", "borrowers", str(borrowers), "--db", db]) == 0
    assert "0 new, 0 changed, 1 unchanged" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("external_id,name,national_id\nZ2,,X\n", encoding="utf-8")
    assert main(["import", "borrowers", str(bad), "--db", db, "--language", "zh_CN"]) == 2
    assert "line 2" in capsys.readouterr().err

    engine = make_engine(db)
    with session_factory(engine)() as s:
        agent_id = s.scalars(select(User.id).where(User.username == "agent.east1")).one()
        refs = list(s.scalars(select(Case.loan_ref).where(Case.assignee_id == agent_id)))
    assert refs
    assert main(["assign", "--db", db, "--agent", "wang.fang", "--from-agent", "agent.east1"]) == 0
    with session_factory(engine)() as s:
        new_id = s.scalars(select(User.id).where(User.username == "wang.fang")).one()
        moved = s.scalar(select(func.count()).where(Case.assignee_id == new_id))
    assert moved >= 1
    assert main(["assign", "--db", db, "--agent", "wang.fang", "--loan", "NOPE"]) == 2

    with session_factory(engine)() as s:
        now = datetime.now(UTC)
        s.add(
            DeviceSession(
                user_id=new_id,
                device_name="pc",
                token_hash="x" * 64,
                created_at=now,
                expires_at=now + timedelta(days=1),
            )
        )
        s.commit()
    # A month later every open case is further behind.
    with session_factory(engine)() as s:
        before = dict(s.execute(select(Case.id, Case.dpd).where(Case.closed_at.is_(None))).all())
    later = (datetime.now(UTC).date() + timedelta(days=31)).isoformat()
    assert main(["refresh", "--db", db, "--as-of", later]) == 0
    with session_factory(engine)() as s:
        after = dict(s.execute(select(Case.id, Case.dpd)).all())
    assert all(after[c] >= dpd + 31 for c, dpd in before.items())
    assert main(["revoke", "--db", db, "--user", "wang.fang"]) == 0
    assert "revoked 1 session" in capsys.readouterr().out
    with session_factory(engine)() as s:
        assert s.scalars(select(DeviceSession.revoked_at)).one() is not None
    engine.dispose()


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for command in (
        "serve",
        "upgrade",
        "create-user",
        "import",
        "seed-demo",
        "assign",
        "revoke",
        "refresh",
    ):
        assert command in out
