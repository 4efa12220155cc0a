"""The app behind a real uvicorn on 127.0.0.1: sign-in, pages, and concurrent writers."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn

from agentdesk.server.app import create_app
from agentdesk.server.db import make_engine
from agentdesk.server.seed.demo import DEMO_PASSWORD
from agentdesk.server.settings import Settings
from tests.support.server_db import Backend, table_count


@pytest.fixture
def live(backend: Backend) -> Iterator[tuple[str, object]]:
    url = backend.make_copy()
    engine = make_engine(url, pool_size=4)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(Settings(db_url=url), engine=engine),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            access_log=False,
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    try:
        yield f"http://127.0.0.1:{port}/api/v1", engine
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        engine.dispose()


def test_sign_in_and_page_over_http(live: tuple[str, object]) -> None:
    base, _engine = live
    with httpx.Client(base_url=base, timeout=30) as client:
        assert client.get("/health").json()["status"] == "ok"
        r = client.post(
            "/auth/login",
            json={"username": "agent.south2", "password": DEMO_PASSWORD, "device_name": "http"},
        )
        assert r.status_code == 200
        headers = {"Authorization": f"Bearer {r.json()['token']}"}
        page = client.get("/cases", params={"limit": 3}, headers=headers).json()
        assert 0 < len(page["items"]) <= 3
        root = base.removesuffix("/api/v1")
        assert "/api/v1/cases" in client.get(root + "/openapi.json").json()["paths"]
        assert client.get(root + "/docs").status_code == 200


def test_concurrent_writers_all_succeed(live: tuple[str, object]) -> None:
    """Twelve proposals at once from four agents: every one stored, none refused as busy."""
    base, engine = live
    agents = ["agent.east1", "agent.east2", "agent.south1", "agent.south3"]

    def work(n: int) -> int:
        user = agents[n % len(agents)]
        headers = {"Authorization": f"Bearer test-token-{user}"}
        with httpx.Client(base_url=base, timeout=60) as client:
            case = client.get("/cases", params={"limit": 1}, headers=headers).json()["items"][0]
            r = client.post(
                f"/cases/{case['id']}/plans",
                json={"options": {"extra_months": 2}, "justification": f"#{n}"},
                headers=headers,
            )
            return r.status_code

    before = table_count(engine, "plans")  # type: ignore[arg-type]
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(work, range(12)))
    created = statuses.count(201)
    assert all(s in (201, 422) for s in statuses), statuses
    assert created >= 1
    assert table_count(engine, "plans") == before + created  # type: ignore[arg-type]
