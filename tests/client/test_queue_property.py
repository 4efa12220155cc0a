"""Property: whatever is typed and however it is sorted, the queue's SQL agrees with a
plain Python reading of the search rules over the same cases."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentdesk.client.queue import MIN_DIGITS, CaseQueue, QueueQuery, QueueRow, SortColumn
from agentdesk.client.search_keys import (
    is_digits,
    name_keys,
    normalise_query,
    phone_digits,
    search_document,
)
from agentdesk.client.store import LocalStore

from .conftest import CaseSeed, Clock, seed

SURNAMES = "张章王李单曾欧阳"  # the pool the cases draw from, also used to type
GIVEN = "三丰伟芳娜明"


def _cases() -> list[CaseSeed]:
    rng = random.Random(11)
    out = []
    for _ in range(40):
        surname = rng.choice(["张", "章", "王", "李", "单", "曾", "欧阳"])
        name = surname + "".join(rng.choice(GIVEN) for _k in range(rng.choice((1, 2))))
        phones = tuple(f"13{rng.randrange(10**9):09d}" for _k in range(rng.choice((1, 2))))
        out.append(CaseSeed(name=name, phones=phones, loan_number=f"LN{rng.randrange(10**5):05d}",
                            dpd=rng.randrange(0, 120), priority=rng.randrange(5),
                            amount_overdue=f"{rng.randrange(1, 10**6)}.{rng.randrange(100):02d}"))
    return out


CASES = _cases()


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[CaseQueue, CaseQueue, CaseQueue]]:
    store = LocalStore(Path(tmp_path_factory.mktemp("prop")) / "p.sqlite3", clock=Clock())
    seed(store, *CASES)
    sorting, walking = CaseQueue(store), CaseQueue(store, lookup_limit=0, walk_limit=5)
    # Reads only as far as the matches' share predicts, so bunched matches make it
    # give up and list them.
    short_sighted = CaseQueue(store, lookup_limit=0, scan_factor=1, scan_slack=0)
    yield sorting, walking, short_sighted
    sorting.close()
    walking.close()
    short_sighted.close()
    store.close()


def _matches(case: CaseSeed, typed: str) -> bool:
    text = normalise_query(typed)
    if not text:
        return True
    if is_digits(text) and len(text) < MIN_DIGITS:
        return False
    keys = name_keys(case.name)
    if len(text) <= 2:
        return any(k.startswith(text) for k in keys.prefix_keys)
    phones = [phone_digits(p) for p in case.phones]
    return text in search_document(keys, phones, case.loan_number)


def _sort_value(row: QueueRow, column: SortColumn) -> object:
    return {
        SortColumn.PRIORITY: row.priority,
        SortColumn.BORROWER: row.name_pinyin,
        SortColumn.DPD: row.dpd,
        SortColumn.BUCKET: row.dpd,
        SortColumn.AMOUNT_OVERDUE: row.amount_overdue,
        SortColumn.LOAN_NUMBER: row.loan_number,
    }[column]


def _forms(case: CaseSeed) -> list[str]:
    keys = name_keys(case.name)
    return [*keys.prefix_keys, *case.phones, case.loan_number]


typed_text = st.one_of(
    st.sampled_from(CASES).flatmap(
        lambda case: st.sampled_from(_forms(case)).flatmap(
            lambda form: st.tuples(st.integers(0, len(form)), st.integers(1, 8)).map(
                lambda cut: form[cut[0] : cut[0] + cut[1]]))),
    st.text(alphabet="zhangswlidu13" + SURNAMES + GIVEN, max_size=5),
)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=typed_text,
       column=st.sampled_from([SortColumn.PRIORITY, SortColumn.BORROWER, SortColumn.DPD,
                               SortColumn.AMOUNT_OVERDUE, SortColumn.LOAN_NUMBER]),
       descending=st.booleans())
def test_sql_search_and_sort_agree_with_the_rules(
    stores: tuple[CaseQueue, CaseQueue, CaseQueue], typed: str, column: SortColumn,
    descending: bool
) -> None:
    sorting, walking, short_sighted = stores
    query = QueueQuery(text=typed, sort=column, descending=descending)
    result = sorting.search(query)
    rows = result.rows(0, result.count)
    expected_ids = {c.case_id for c in CASES if _matches(c, typed)}
    assert {r.case_id for r in rows} == expected_ids
    assert rows == sorted(rows, key=lambda r: (_sort_value(r, column), r.key),
                          reverse=descending)
    walked = walking.search(query)
    assert walked.count == len(rows)
    assert [walked.position(r.key) for r in rows] == list(range(len(rows)))
    assert list(walked.ids(0, 3)) + list(walked.ids(3)) == [r.key for r in rows]
    short = short_sighted.search(query)
    assert [list(short.ids(n, n + 2)) for n in range(0, len(rows), 2)] == [
        [r.key for r in rows[n : n + 2]] for n in range(0, len(rows), 2)]
