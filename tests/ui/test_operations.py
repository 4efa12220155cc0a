"""Writes go through the one writer worker and come back as `casesChanged`."""

from __future__ import annotations

import threading
import uuid

import pytest
from pytestqt.qtbot import QtBot

from agentdesk.client.operations import LocalChange, OperationError, Operations
from agentdesk.domain.vocabulary import Language
from agentdesk.protocol.ops import NoteAdd
from agentdesk.ui.context import AppContext
from agentdesk.ui.operations import OfflineError, error_text
from tests.client.conftest import CaseSeed


def test_a_write_runs_off_the_gui_thread_and_announces_the_case(
    qtbot: QtBot, context: AppContext, seeded: list[CaseSeed]
) -> None:
    case_id = seeded[0].case_id
    threads: list[threading.Thread] = []
    results: list[LocalChange] = []

    def add(ops: Operations) -> LocalChange:
        threads.append(threading.current_thread())
        return ops.add_note(NoteAdd(case_id=uuid.UUID(case_id), text="called back at noon"))

    with qtbot.waitSignal(context.ops.casesChanged, timeout=5000) as changed:
        context.ops.write(add, done=results.append)
    assert changed.args == [[case_id]]
    assert threads and threads[0] is not threading.main_thread()
    qtbot.waitUntil(lambda: bool(results))
    assert str(results[0].case_id) == case_id
    assert context.outbox.count() == 1


def test_writes_run_in_the_order_asked(qtbot: QtBot, context: AppContext,
                                       seeded: list[CaseSeed]) -> None:
    order: list[int] = []
    for n in range(5):
        context.ops.in_writer(lambda n=n: n, done=order.append)
    qtbot.waitUntil(lambda: len(order) == 5, timeout=5000)
    assert order == [0, 1, 2, 3, 4]


def test_an_error_comes_back_as_a_sentence(qtbot: QtBot, context: AppContext) -> None:
    missing = uuid.uuid4()
    with qtbot.waitSignal(context.ops.failed, timeout=5000) as failed:
        context.ops.write(lambda ops: ops.add_note(NoteAdd(case_id=missing, text="x")))
    assert str(missing) in failed.args[0]
    assert "local store" in failed.args[0]


def test_network_work_without_a_client_says_offline(qtbot: QtBot, context: AppContext) -> None:
    errors: list[BaseException] = []
    context.ops.network(lambda api: api.me(), error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], OfflineError)
    assert "offline" in error_text(errors[0], Language.EN)


def test_operation_errors_speak_the_users_language() -> None:
    error = OperationError("case_id", "本地没有案件", "no such case")
    assert error_text(error, Language.ZH_CN) == "本地没有案件"
    assert error_text(error, Language.EN) == "no such case"


def test_shutdown_refuses_new_work(context: AppContext) -> None:
    context.ops.shutdown()
    with pytest.raises(RuntimeError):
        context.ops.in_writer(lambda: 1)
