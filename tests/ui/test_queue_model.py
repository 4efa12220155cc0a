"""The queue model: ids and lazy rows, sorting and searching in SQL, Qt's model contract."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from agentdesk.client.queue import CaseQueue, QueueQuery, QuickFilter, SortColumn
from agentdesk.client.store import LocalStore
from agentdesk.protocol.ops import NoteAdd
from agentdesk.ui.context import AppContext
from agentdesk.ui.queue_model import COLUMNS, CaseIdRole, CaseQueueModel
from tests.client.conftest import CaseSeed


def names(model: CaseQueueModel) -> list[str]:
    column = COLUMNS.index(SortColumn.BORROWER)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_the_model_passes_qts_model_tests(qtmodeltester: ModelTester,
                                          context: AppContext) -> None:
    model = CaseQueueModel(context.queue)
    qtmodeltester.check(model, force_py=True)
    model.sort(COLUMNS.index(SortColumn.DPD), Qt.SortOrder.AscendingOrder)
    model.set_text("zs")
    model.set_text("")
    qtmodeltester.check(model, force_py=True)


def test_default_order_is_priority_highest_first(context: AppContext) -> None:
    model = CaseQueueModel(context.queue)
    assert names(model) == ["张三", "李四", "王五", "Emily Chen"]
    priority = [int(model.index(r, 0).data()) for r in range(4)]
    assert priority == sorted(priority, reverse=True)


def test_sorting_any_column_orders_rows(context: AppContext) -> None:
    model = CaseQueueModel(context.queue)
    dpd = COLUMNS.index(SortColumn.DPD)
    model.sort(dpd, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, dpd).data() for r in range(4)] == ["3", "15", "45", "95"]
    model.sort(COLUMNS.index(SortColumn.AMOUNT_OVERDUE), Qt.SortOrder.DescendingOrder)
    assert names(model)[0] == "王五"
    assert model.index(0, COLUMNS.index(SortColumn.AMOUNT_OVERDUE)).data() == "$22,000.00" \
        or model.index(0, COLUMNS.index(SortColumn.AMOUNT_OVERDUE)).data() == "¥22,000.00"
    for column in range(len(COLUMNS)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            assert model.rowCount() == 4


def test_search_by_pinyin_initials_and_phone(context: AppContext) -> None:
    model = CaseQueueModel(context.queue)
    model.set_text("zhangsan")
    assert names(model) == ["张三"]
    model.set_text("zs")
    assert names(model) == ["张三"]
    model.set_text("139000")
    assert names(model) == ["李四"]
    model.set_text("13")
    assert model.rowCount() == 0 and model.too_short
    model.set_text("")
    assert model.rowCount() == 4


def test_quick_filter_new_cases(context: AppContext) -> None:
    model = CaseQueueModel(context.queue)
    model.set_filters(frozenset({QuickFilter.NEW}))
    assert model.rowCount() == 4  # nobody contacted yet
    model.set_filters(frozenset({QuickFilter.BROKEN_PROMISES}))
    assert model.rowCount() == 0


def test_rows_are_fetched_in_blocks_and_carry_ids(context: AppContext,
                                                  seeded: list[CaseSeed]) -> None:
    model = CaseQueueModel(context.queue)
    ids = {model.index(r, 0).data(CaseIdRole) for r in range(model.rowCount())}
    assert ids == {s.case_id for s in seeded}


def test_refresh_after_a_change_keeps_the_query(qtbot, context: AppContext,
                                                seeded: list[CaseSeed]) -> None:
    model = CaseQueueModel(context.queue)
    model.set_query(QueueQuery(text="li"))
    context.ops.casesChanged.connect(model.refresh)
    with qtbot.waitSignal(model.countChanged, timeout=5000):
        context.ops.write(lambda ops: ops.add_note(
            NoteAdd(case_id=uuid.UUID(seeded[1].case_id), text="left a message")))
    assert names(model) == ["李四"]


def test_a_large_match_shows_its_first_rows_then_its_full_count(
        qtbot, qtmodeltester: ModelTester, local_store: LocalStore,
        seeded: list[CaseSeed]) -> None:
    # Counting stops at the cap so the first rows paint at once; the rest of the
    # count follows, as rows inserted at the end.
    queue = CaseQueue(local_store, lookup_limit=1, count_cap=2)
    model = CaseQueueModel(queue)
    qtmodeltester.check(model, force_py=True)
    counts: list[int] = []
    model.countChanged.connect(counts.append)
    model.set_text("ln2024")  # every loan number
    assert model.rowCount() == 2 and not model.counted
    assert counts == []
    with qtbot.waitSignal(model.countChanged, timeout=5000):
        pass
    assert model.rowCount() == 4 and model.counted
    assert counts == [4]
    assert len({model.index(r, 0).data(CaseIdRole) for r in range(4)}) == 4
    model.set_text("1390000")  # one phone: counted at once
    assert model.rowCount() == 1 and model.counted and counts == [4, 1]
    model.set_text("ln2024")
    model.sort(COLUMNS.index(SortColumn.DPD), Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 4 and model.counted  # a sort counts in full at once
    assert names(model) == ["Emily Chen", "张三", "李四", "王五"]
    qtmodeltester.check(model, force_py=True)
    queue.close()
