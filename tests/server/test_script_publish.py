"""Publishing negotiation scripts (`agentdesk-server scripts publish`) and their delivery
to desktops through sync pulls.

Real SQLite database migrated with the shipped migrations; real HTTP through the ASGI
test client; the command line through agentdesk-server's own entry point.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from agentdesk.domain.scripts import (
    CallData,
    CaseFacts,
    ResumeMismatchError,
    Walk,
    default_scripts_folder,
    load_script_text,
)
from agentdesk.domain.vocabulary import Language, Stage
from agentdesk.protocol.sync import DocumentData
from agentdesk.server.app import API_PREFIX, create_app
from agentdesk.server.cli import main as server_main
from agentdesk.server.db import make_engine, session_factory
from agentdesk.server.migrate import upgrade
from agentdesk.server.models import DeviceSession, Team, User
from agentdesk.server.script_store import published_scripts
from agentdesk.server.security import token_digest
from agentdesk.server.settings import Settings

SHIPPED = default_scripts_folder()
AT = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


@dataclass
class World:
    sessions: sessionmaker[Session]
    client: TestClient
    url: str
    token: str


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    app = create_app(Settings(db_url=url), engine)
    sessions = session_factory(engine)
    with sessions() as db:
        team = Team(name="east")
        db.add(team)
        db.flush()
        agent = User(
            username="agent1",
            display_name="周敏",
            role="agent",
            team_id=team.id,
            password_hash="not-used",
            language="zh_CN",
            active=True,
        )
        db.add(agent)
        db.flush()
        token = "token-agent1"
        db.add(
            DeviceSession(
                user_id=agent.id,
                device_name="test",
                token_hash=token_digest(token),
                expires_at=datetime.now(UTC) + timedelta(days=1),
            )
        )
        db.commit()
    client = TestClient(app)
    yield World(sessions, client, url, token)
    client.close()
    engine.dispose()


def _pull(w: World, cursor: str | None = None) -> dict[str, Any]:
    params = {"cursor": cursor} if cursor else {}
    response = w.client.get(
        f"{API_PREFIX}/sync/pull", params=params, headers={"Authorization": f"Bearer {w.token}"}
    )
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def _pull_all(w: World, cursor: str | None = None) -> tuple[list[dict[str, Any]], str]:
    changes: list[dict[str, Any]] = []
    while True:
        page = _pull(w, cursor)
        changes += page["changes"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return changes, cursor


def _scripts_in(changes: list[dict[str, Any]]) -> dict[str, DocumentData]:
    return {
        c["entity_id"]: DocumentData.model_validate(c["data"])
        for c in changes
        if c["entity_type"] == "script"
    }


def _edited(tmp_path: Path, relative: str, version: int, old: str = "", new: str = "") -> Path:
    text = (SHIPPED / relative).read_text(encoding="utf-8")
    text = text.replace("\nversion: 1\n", f"\nversion: {version}\n", 1)
    if old:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / Path(relative).name
    path.write_text(text, encoding="utf-8")
    return path


def _publish(w: World, path: Path) -> int:
    return server_main(["scripts", "publish", str(path), "--db", w.url, "--by", "lead1"])


def test_a_published_script_reaches_desktops_and_pins_running_calls(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changes, cursor = _pull_all(world)
    assert _scripts_in(changes) == {}  # nothing published: desktops use the shipped ones

    v2 = _edited(tmp_path, "en/negotiation.yaml", 2, "Could you tell me", "May I ask")
    assert _publish(world, v2) == 0
    assert "negotiation_en version 2 (negotiation_en@2+common_en@1)" in capsys.readouterr().out

    changes, cursor = _pull_all(world, cursor)
    doc = _scripts_in(changes)["negotiation_en"]
    assert (doc.version, doc.language, doc.format) == (1, "en", "json")
    script_v2 = load_script_text(doc.body, "negotiation_en (server)")
    assert script_v2.key == "negotiation_en@2+common_en@1"
    assert "May I ask" in script_v2.steps["why"].model_dump()["text"]

    # A desktop starting from scratch gets the published script in its first page.
    first, _ = _pull_all(world)
    assert _scripts_in(first)["negotiation_en"].body == doc.body

    facts = CaseFacts(stage=Stage.NEGOTIATION, dpd=40, language=Language.EN)
    data = CallData(borrower_name="Emily Carter", agent_name="Sarah Lee", company="Anxin")
    running = Walk.begin(script_v2, facts, data, AT).to_data()

    v3 = _edited(tmp_path, "en/negotiation.yaml", 3, "Could you tell me", "Would you tell me")
    assert _publish(world, v3) == 0
    changes, _ = _pull_all(world, cursor)
    doc3 = _scripts_in(changes)["negotiation_en"]
    assert doc3.version == 2
    script_v3 = load_script_text(doc3.body, "negotiation_en (server)")
    assert script_v3.version == 3
    # The call that started on version 2 resumes only with version 2.
    with pytest.raises(ResumeMismatchError):
        Walk.resume(running, script_v3, data)
    assert Walk.resume(running, script_v2, data).current == "open"

    assert server_main(["scripts", "list", "--db", world.url]) == 0
    listed = capsys.readouterr().out
    assert "negotiation_en\tversion 3\tnegotiation_en@3+common_en@1\tdocument 2" in listed
    assert "lead1" in listed


def test_a_broken_file_is_refused_with_its_line(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _edited(tmp_path, "en/first_reminder.yaml", 2, "next: when_to_pay", "next: when_to_py")
    assert _publish(world, bad) == 2
    err = capsys.readouterr().err
    line = next(n for n, text in enumerate(bad.read_text().splitlines(), 1) if text == "  purpose:")
    assert f"first_reminder.yaml:{line}" in err
    assert "when_to_py" in err and "错误" in err
    with world.sessions() as db:
        assert published_scripts(db) == {}


def test_banned_wording_is_never_published(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _edited(
        tmp_path,
        "en/pre_legal_notice.yaml",
        2,
        "I understand, and I've noted what you said.",
        "Pay now or you will be arrested.",
    )
    assert _publish(world, bad) == 2
    err = capsys.readouterr().err
    assert "banned wording" in err and "you will be arrested" in err


def test_a_version_that_is_not_newer_is_refused(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _publish(world, SHIPPED / "zh_CN" / "negotiation.yaml") == 2
    err = capsys.readouterr().err
    assert "not newer" in err and "更高的版本号" in err


def test_a_new_branch_set_republishes_every_script_of_its_language(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _changes, cursor = _pull_all(world)
    branches = _edited(
        tmp_path,
        "common/branches.zh_CN.yaml",
        2,
        "您慢慢说，我在认真听。",
        "您慢慢说，不着急，我在认真听。",
    )
    assert _publish(world, branches) == 0
    out = capsys.readouterr().out
    changes, _ = _pull_all(world, cursor)
    docs = _scripts_in(changes)
    assert sorted(docs) == [
        "first_reminder_zh_CN",
        "negotiation_zh_CN",
        "pre_legal_notice_zh_CN",
        "promise_follow_up_zh_CN",
    ]
    for doc in docs.values():
        script = load_script_text(doc.body, "server")
        assert script.key.endswith("+common_zh_CN@2")
        assert "不着急" in script.steps["calm_listen"].model_dump()["text"]
    assert "third_party_zh_CN" not in out  # a third-party script takes no branches


def test_an_unsafe_branch_set_is_refused_and_changes_nothing(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    branches = _edited(
        tmp_path,
        "common/branches.en.yaml",
        2,
        "Thank you. Is {borrower_name} available",
        "They owe {amount_overdue}. Is {borrower_name} available",
    )
    assert _publish(world, branches) == 2
    assert "debt detail" in capsys.readouterr().err
    with world.sessions() as db:
        assert published_scripts(db) == {}
