"""UI test setup: an app context over a real local store, and leak checks (napari's way)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from agentdesk.client.store import LocalStore
from agentdesk.domain.vocabulary import Language, Role
from agentdesk.ui.app import create_application, install_translators
from agentdesk.ui.context import AppContext, SessionUser
from tests.client.conftest import CaseSeed, Clock, seed
from tests.ui import live
from tests.ui.live import DemoServer

AGENT = SessionUser(user_id="00000000-0000-0000-0000-00000000a001", username="agent1",
                    display_name="王芳", role=Role.AGENT, team="east")


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    return QApplication


@pytest.fixture(autouse=True)
def _english_and_no_leaks(qapp: QApplication) -> Iterator[None]:
    """Tests start in English and must leave no top-level widget and no extra thread."""
    create_application(Language.EN)
    install_translators(Language.EN)
    threads_before = {t.ident for t in threading.enumerate()}
    yield
    QApplication.processEvents()
    # qtbot closed the widgets it was given before this runs; anything still shown leaked.
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in visible:
        widget.close()
    gc.collect()
    leaked_threads = [t for t in threading.enumerate()
                      if t.ident not in threads_before and t.is_alive()
                      and not isinstance(t, threading._DummyThread)]  # Qt pool threads
    assert not leaked_threads, f"threads left running: {leaked_threads}"
    assert not visible, f"widgets left open: {visible}"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def local_store(tmp_path: Path, clock: Clock) -> Iterator[LocalStore]:
    store = LocalStore(tmp_path / "store.sqlite3", clock=clock)
    yield store
    store.close()


@pytest.fixture
def seeded(local_store: LocalStore) -> list[CaseSeed]:
    return seed(
        local_store,
        CaseSeed(name="张三", phones=("13812345678",), loan_number="LN20240001", dpd=15,
                 priority=80),
        CaseSeed(name="李四", phones=("13900001111",), loan_number="LN20240002", dpd=45,
                 priority=60, amount_overdue="5300.50"),
        CaseSeed(name="王五", phones=("13700002222",), loan_number="LN20240003", dpd=95,
                 priority=40, amount_overdue="22000.00"),
        CaseSeed(name="Emily Chen", phones=("13600003333",), loan_number="LN20240004", dpd=3,
                 priority=20, amount_overdue="300.00"),
    )


@pytest.fixture
def context(local_store: LocalStore, seeded: list[CaseSeed]) -> Iterator[AppContext]:
    ctx = AppContext(server_url="http://127.0.0.1:9", user=AGENT, store=local_store,
                     language=Language.EN)
    yield ctx
    ctx.ops.shutdown()
    ctx.queue.close()


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    """One seeded demo server for the UI tests that talk to a server."""
    yield from live.demo_server(tmp_path_factory.mktemp("demo-server"))
