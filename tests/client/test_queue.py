"""The queue: pinyin/character/phone/loan search, quick filters, SQL sorting, lazy windows."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal

import pytest

from agentdesk.client.changes import apply_changes
from agentdesk.client.queue import (
    CaseQueue,
    QueueQuery,
    QuickFilter,
    SortColumn,
    StaleResultError,
)
from agentdesk.client.store import LocalStore
from agentdesk.protocol.sync import EntityType

from .conftest import NOW, CaseSeed, Clock, change, page, seed

PEOPLE = [
    CaseSeed(name="张三", phones=("13812345678",), loan_number="LN20240001", dpd=5,
             amount_overdue="300.00", priority=10),
    CaseSeed(name="张三丰", phones=("13987654321", "13500001111"), loan_number="LN20240002",
             dpd=45, amount_overdue="12000.50", priority=90),
    CaseSeed(name="章子怡", phones=("18600002222",), loan_number="LN20240003", dpd=70,
             amount_overdue="800.00", priority=40),
    CaseSeed(name="单田芳", phones=("13711112222",), loan_number="CL99887766", dpd=120,
             amount_overdue="5000.00", priority=70),
    CaseSeed(name="欧阳娜娜", phones=("15100003333",), loan_number="LN20240005", dpd=1,
             amount_overdue="99.99", priority=20),
    CaseSeed(name="李四", phones=("+86 138-0000-5678",), loan_number="LN20240006", dpd=33,
             amount_overdue="2500.00", priority=60),
]


@pytest.fixture(scope="module")
def people_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStore]:
    """One store with PEOPLE for the tests that only read (seeding each one is slow)."""
    store = LocalStore(tmp_path_factory.mktemp("queue") / "people.sqlite3", clock=Clock())
    seed(store, *PEOPLE)
    yield store
    store.close()


@pytest.fixture
def queue(people_store: LocalStore) -> Iterator[CaseQueue]:
    q = CaseQueue(people_store, time_zone="Asia/Shanghai")
    yield q
    q.close()


def names(queue: CaseQueue, text: str = "", **kwargs: object) -> list[str]:
    result = queue.search(QueueQuery(text=text, **kwargs))  # type: ignore[arg-type]
    return [row.borrower_name for row in result.rows(0, result.count)]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("张三", {"张三", "张三丰"}),
        ("张", {"张三", "张三丰"}),
        ("三丰", {"张三丰"}),
        ("zhangsan", {"张三", "张三丰"}),
        ("zhang", {"张三", "张三丰", "章子怡"}),  # 章 is zhang too
        ("zs", {"张三", "张三丰"}),
        ("zsf", {"张三丰"}),
        ("zhangsf", {"张三丰"}),  # full surname + initials
        ("张sf", {"张三丰"}),  # characters + initials
        ("张san", {"张三", "张三丰"}),
        ("ZhangSan", {"张三", "张三丰"}),  # case and spaces do not matter
        ("zhang san", {"张三", "张三丰"}),
        ("shantianfang", {"单田芳"}),  # surname reading of 单
        ("dantianfang", {"单田芳"}),  # everyday reading finds it too
        ("stf", {"单田芳"}),
        ("ouyang", {"欧阳娜娜"}),
        ("oynn", {"欧阳娜娜"}),
        ("tianfang", {"单田芳"}),  # 3+ letters match inside the pinyin
        ("nana", {"欧阳娜娜"}),
    ],
)
def test_finds_names_by_characters_pinyin_initials_and_mixed(
    queue: CaseQueue, typed: str, expected: set[str]
) -> None:
    assert set(names(queue, typed)) == expected


def test_finds_by_phone_digits_anywhere_in_any_phone(queue: CaseQueue) -> None:
    assert set(names(queue, "138")) == {"张三", "李四"}
    assert set(names(queue, "5678")) == {"张三", "李四"}  # last digits; +86 is dropped
    assert set(names(queue, "0000-1111")) == {"张三丰"}  # a second phone, typed with a dash
    assert names(queue, "8600002222") == ["章子怡"]


def test_one_or_two_digits_are_too_short(queue: CaseQueue) -> None:
    result = queue.search(QueueQuery(text="13"))
    assert result.count == 0
    assert result.too_short
    assert not queue.search(QueueQuery(text="138")).too_short


def test_finds_by_loan_number_case_insensitively(queue: CaseQueue) -> None:
    assert names(queue, "CL9988") == ["单田芳"]
    assert names(queue, "ln20240006") == ["李四"]
    assert len(names(queue, "LN2024")) == 5


@pytest.mark.parametrize("text", ["", "z", "zhang", "138", "ln2024", "张"])
@pytest.mark.parametrize("column", [SortColumn.PRIORITY, SortColumn.BORROWER, SortColumn.DPD])
@pytest.mark.parametrize("descending", [False, True])
def test_walking_the_sort_index_and_sorting_the_matches_agree(
    people_store: LocalStore, queue: CaseQueue, text: str, column: SortColumn,
    descending: bool
) -> None:
    store = people_store
    walker = CaseQueue(store, lookup_limit=0)  # always walk the sort index
    short_walker = CaseQueue(store, lookup_limit=0, walk_limit=2)  # materialise past 2
    query = QueueQuery(text=text, sort=column, descending=descending)
    expected = list(queue.search(query).ids())
    assert expected
    assert list(walker.search(query).ids()) == expected
    walked = walker.search(query)
    assert [list(walked.ids(n, n + 1)) for n in range(len(expected))] == [
        [k] for k in expected]
    partly = short_walker.search(query)
    assert list(partly.ids(0, 2)) == expected[:2]  # walked
    assert list(partly.ids(1, 5)) == expected[1:5]  # materialised from here on
    assert list(partly.ids(0, 2)) == expected[:2]
    assert partly.position(expected[-1]) == len(expected) - 1
    walker.close()
    short_walker.close()


def test_matches_bunched_at_the_far_end_of_the_sort_are_listed_instead(
    people_store: LocalStore, queue: CaseQueue
) -> None:
    # By name, the three zhang come last: a walk reading only as far as their share
    # predicts finds none of them in the first entries, and sorts the matches instead.
    query = QueueQuery(text="zhang", sort=SortColumn.BORROWER, descending=False)
    expected = list(queue.search(query).ids())
    assert len(expected) == 3
    short_sighted = CaseQueue(people_store, lookup_limit=0, scan_factor=1, scan_slack=0)
    result = short_sighted.search(query)
    assert result.position(expected[2]) == 2
    assert list(result.ids(0, 1)) == expected[:1]
    assert not result._walked  # listed
    assert list(result.ids()) == expected
    far_sighted = CaseQueue(people_store, lookup_limit=0)
    walked = far_sighted.search(query)
    assert list(walked.ids(0, 1)) == expected[:1]
    assert walked._walked  # still walking
    short_sighted.close()
    far_sighted.close()


def test_text_that_every_case_matches_gives_the_whole_queue(store: LocalStore) -> None:
    seed(store, CaseSeed(name="甲一", loan_number="LN2024-7", dpd=9),
         CaseSeed(name="乙二", loan_number="LN2024-8", dpd=3),
         CaseSeed(name="丙三", loan_number="LN2025-9", dpd=5))
    queue = CaseQueue(store)
    by_dpd = QueueQuery(sort=SortColumn.DPD, descending=False)
    everything = list(queue.search(by_dpd).ids())
    assert list(queue.search(QueueQuery(text="ln202", sort=SortColumn.DPD,
                                        descending=False)).ids()) == everything
    some = queue.search(QueueQuery(text="ln2024", sort=SortColumn.DPD, descending=False))
    assert [r.borrower_name for r in some.rows(0, 5)] == ["乙二", "甲一"]
    queue.close()


def test_unknown_text_finds_nothing(queue: CaseQueue) -> None:
    assert names(queue, "xyzzy") == []
    assert names(queue, "王") == []


@pytest.mark.parametrize("column", list(SortColumn))
@pytest.mark.parametrize("descending", [False, True])
def test_sorts_every_column_in_sql_like_python_would(
    queue: CaseQueue, column: SortColumn, descending: bool
) -> None:
    result = queue.search(QueueQuery(sort=column, descending=descending))
    rows = result.rows(0, result.count)
    assert len(rows) == len(PEOPLE)

    def key(row: object) -> tuple[object, ...]:
        value = {
            SortColumn.PRIORITY: lambda r: r.priority,
            SortColumn.BORROWER: lambda r: r.name_pinyin,
            SortColumn.DPD: lambda r: r.dpd,
            SortColumn.BUCKET: lambda r: r.dpd,
            SortColumn.AMOUNT_OVERDUE: lambda r: r.amount_overdue,
            SortColumn.LOAN_NUMBER: lambda r: r.loan_number,
        }.get(column)
        return (value(row) if value else 0, row.key)  # type: ignore[attr-defined, no-untyped-call]

    if column in (SortColumn.PRIORITY, SortColumn.BORROWER, SortColumn.DPD, SortColumn.BUCKET,
                  SortColumn.AMOUNT_OVERDUE, SortColumn.LOAN_NUMBER):
        assert rows == sorted(rows, key=key, reverse=descending)
    # Same order whether read as a window, as ids, or as the whole id array.
    assert list(result.ids()) == [r.key for r in rows]
    assert list(queue.search_ids((), "", column, descending)) == [r.key for r in rows]


def test_priority_descending_is_the_default_order(queue: CaseQueue) -> None:
    assert names(queue)[:2] == ["张三丰", "单田芳"]


def test_amounts_sort_as_money_not_text(queue: CaseQueue) -> None:
    result = queue.search(QueueQuery(sort=SortColumn.AMOUNT_OVERDUE, descending=False))
    amounts = [row.amount_overdue for row in result.rows(0, result.count)]
    assert amounts == [Decimal("99.99"), Decimal("300.00"), Decimal("800.00"),
                       Decimal("2500.00"), Decimal("5000.00"), Decimal("12000.50")]


def test_search_and_sort_combine(queue: CaseQueue) -> None:
    assert names(queue, "zhang", sort=SortColumn.DPD, descending=False) == [
        "张三", "张三丰", "章子怡"]


def test_rows_are_masked_and_typed(queue: CaseQueue) -> None:
    row = queue.search(QueueQuery(text="张三丰")).rows(0, 1)[0]
    assert row.phones_masked == "139****4321"  # the borrower's own number only
    assert row.bucket == "M2"
    assert row.amount_overdue == Decimal("12000.50")
    assert row.currency == "CNY"
    assert row.name_pinyin == "zhangsanfeng"
    assert row.pending_ops == 0


def test_windows_and_positions_are_lazy_slices_of_one_result(queue: CaseQueue) -> None:
    result = queue.search(QueueQuery(sort=SortColumn.DPD, descending=False))
    everything = list(result.ids())
    assert list(result.ids(2, 4)) == everything[2:4]
    assert [r.key for r in result.rows(3, 100)] == everything[3:]
    assert result.rows(6, 6) == []
    assert result.rows(40, 50) == []  # past the end (a view's stale count): nothing
    assert result.position(everything[4]) == 4
    assert result.position(999_999) is None
    assert [r.key for r in queue.fetch_rows(list(reversed(everything)))] == everything[::-1]
    with pytest.raises(IndexError):
        result.rows(3, 1)


def test_a_new_search_makes_the_old_result_stale(queue: CaseQueue) -> None:
    old = queue.search(QueueQuery(text="zhang"))
    queue.search(QueueQuery(text="li"))
    with pytest.raises(StaleResultError):
        old.rows(0, 1)


def test_fetch_rows_skips_cases_no_longer_stored(queue: CaseQueue) -> None:
    assert queue.fetch_rows([424242]) == []
    assert queue.fetch_rows([]) == []


def _with(store: LocalStore, seed_: CaseSeed, **fields: object) -> None:
    seed_.extra.update(fields)
    seed_.version += 1
    apply_changes(store, page(change(EntityType.CASE, seed_.case_data(), seed_.version)))


def test_quick_filters(store: LocalStore) -> None:
    today = NOW.date()
    due = CaseSeed(name="王芳")
    overdue_action = CaseSeed(name="王五")
    tomorrow_action = CaseSeed(name="王六")
    promise_due = CaseSeed(name="赵一")
    promise_later = CaseSeed(name="赵二")
    broken = CaseSeed(name="钱三")
    contacted = CaseSeed(name="孙七")
    pending_plan = CaseSeed(name="周八")
    on_hold = CaseSeed(name="吴九")
    everyone = seed(store, due, overdue_action, tomorrow_action, promise_due, promise_later,
                    broken, contacted, pending_plan, on_hold)
    contacted_at = (NOW - timedelta(days=1)).isoformat()
    for s in everyone:
        if s is not contacted:
            s.extra["last_contact_at"] = None
    # 10:00 Shanghai now; "today" ends at 16:00 UTC.
    _with(store, due, next_action_due=(NOW + timedelta(hours=13)).isoformat())
    _with(store, overdue_action, next_action_due=(NOW - timedelta(days=2)).isoformat())
    _with(store, tomorrow_action, next_action_due=(NOW + timedelta(hours=14)).isoformat())
    _with(store, promise_due, promise_status="open", promise_due=today.isoformat())
    _with(store, promise_later, promise_status="open",
          promise_due=(today + timedelta(days=3)).isoformat())
    _with(store, broken, promise_status="broken", promise_due="2026-11-20")
    _with(store, contacted, last_contact_at=contacted_at)
    _with(store, pending_plan, plan_status="pending")
    _with(store, on_hold, holds=["complaint", "dispute"])

    queue = CaseQueue(store, time_zone="Asia/Shanghai")
    walker = CaseQueue(store, time_zone="Asia/Shanghai", lookup_limit=0)

    def filtered(*filters: QuickFilter) -> set[str]:
        result = queue.search(QueueQuery(filters=frozenset(filters)))
        walked = walker.search(QueueQuery(filters=frozenset(filters)))
        assert list(walked.ids()) == list(result.ids())
        return {row.borrower_name for row in result.rows(0, result.count)}

    assert filtered(QuickFilter.DUE_TODAY) == {"王芳", "王五"}
    assert filtered(QuickFilter.PROMISES_DUE) == {"赵一"}
    assert filtered(QuickFilter.BROKEN_PROMISES) == {"钱三"}
    assert filtered(QuickFilter.PLANS_PENDING) == {"周八"}
    assert filtered(QuickFilter.ON_HOLD) == {"吴九"}
    assert filtered(QuickFilter.NEW) == {s.name for s in everyone} - {"孙七"}
    assert filtered(QuickFilter.NEW, QuickFilter.ON_HOLD) == {"吴九"}
    assert filtered(QuickFilter.DUE_TODAY, QuickFilter.BROKEN_PROMISES) == set()
    on_hold_row = queue.search(QueueQuery(filters=frozenset({QuickFilter.ON_HOLD}))).rows(0, 1)[0]
    assert on_hold_row.holds == ("complaint", "dispute")
    # Text narrows a filter further.
    result = queue.search(QueueQuery(filters=frozenset({QuickFilter.DUE_TODAY}), text="wangw"))
    assert [r.borrower_name for r in result.rows(0, 5)] == ["王五"]
    queue.close()
    walker.close()


def test_search_index_follows_changes_of_name_and_phones(store: LocalStore) -> None:
    person = CaseSeed(name="刘备", phones=("13600000001",))
    seed(store, person)
    queue = CaseQueue(store)
    assert names(queue, "liubei") == ["刘备"]
    person.name = "刘禅"
    _with(store, person, borrower_name="刘禅")
    assert names(queue, "liubei") == []
    assert names(queue, "lc") == ["刘禅"]
    apply_changes(store, page(change(EntityType.CONTACT_POINT, {
        "id": "new-phone", "borrower_id": person.borrower_id, "kind": "phone",
        "value": "13999990000", "relation": "borrower"})))
    assert names(queue, "99990") == ["刘禅"]
    assert names(queue, "13600000001") == ["刘禅"]
    queue.close()


@pytest.mark.parametrize("text", ["", "zhang"])
@pytest.mark.parametrize("column", list(SortColumn))
@pytest.mark.parametrize("descending", [False, True])
def test_positions_in_a_walked_result_are_where_the_ids_are(
    people_store: LocalStore, queue: CaseQueue, text: str, column: SortColumn,
    descending: bool
) -> None:
    # A walked result counts a case's position on the sort index instead of copying the
    # ids out; it must agree with the materialised order, ties included.
    walker = CaseQueue(people_store, lookup_limit=0)
    query = QueueQuery(text=text, sort=column, descending=descending)
    expected = list(queue.search(query).ids())
    walked = walker.search(query)
    assert [walked.position(k) for k in expected] == list(range(len(expected)))
    assert walked.position(max(expected) + 1000) is None
    walker.close()


def test_prefetch_reads_the_cases_their_search_indexes_and_every_index_of_the_queue(
        people_store: LocalStore, queue: CaseQueue, monkeypatch: pytest.MonkeyPatch) -> None:
    # After a cold boot the first searches read these from the disk; the desktop reads
    # them ahead once its window has painted, each whole, on a connection of its own.
    statements: list[str] = []
    real_read = people_store.read

    @contextmanager
    def traced_read() -> Iterator[sqlite3.Connection]:
        with real_read() as db:
            db.set_trace_callback(statements.append)
            try:
                yield db
            finally:
                db.set_trace_callback(None)

    monkeypatch.setattr(people_store, "read", traced_read)
    queue.prefetch()
    with real_read() as db:
        indexes = {name for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases'")}
    sort_indexes = {i for i in indexes if i.startswith("ix_cases_")}
    assert {"ix_cases_priority", "ix_cases_name", "ix_cases_dpd"} <= sort_indexes
    walked = " ".join(statements)
    for structure in ("FROM cases NOT INDEXED", "FROM case_search_prefixes NOT INDEXED",
                      "FROM case_search_data", "FROM case_search_content",
                      *(f"INDEXED BY {name}" for name in sort_indexes)):
        assert structure in walked
    assert names(queue, "zs") == ["张三丰", "张三"]  # the queue's own connection is untouched
