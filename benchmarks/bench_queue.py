"""The agent's queue with 100,000 local cases: search per keystroke, sort, fetch, open a case.

Builds a local store in a temporary folder through the same path a first sync uses
(`apply_changes`, pages of 5,000 changes: borrower, phones, loan, case), adds 200
history items to one case, then measures, with the targets of issue 9:

- typing a search string character by character (`zhang`, `zs`, `138…`, a loan
  number, `张三`): median and max per keystroke, the SQL side only: the search (its
  count capped at `COUNT_CAP`) and the first window (targets: median < 16 ms, max
  < 100 ms; `bench_desktop.py` times the whole keystroke in the window);
- sorting the whole queue by each column, ascending and descending (median < 50 ms);
- fetching a 50-row window of the result for the view;
- opening a case with 200 history items, everything the case view shows (< 50 ms);
- the process's resident memory (< 400 MB).

Run: `python benchmarks/bench_queue.py [--cases N] [--keep PATH]`.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from agentdesk.client.casefile import open_case
from agentdesk.client.changes import apply_changes
from agentdesk.client.queue import CaseQueue, QueueQuery, QuickFilter, SortColumn
from agentdesk.client.store import LocalStore
from agentdesk.domain.vocabulary import Bucket, CallResult, Hold, PromiseStatus, Stage
from agentdesk.protocol.sync import Change, ChangeKind, EntityType, PullResponse

# Common surnames, most frequent first (roughly how often they occur), and given-name
# characters: enough to give realistic prefix collisions (many 张, 王, 李 …).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤单解仇查"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国文辉力鹏飞宇浩然子轩梓涵一诺欣怡"
    "思雨晨阳博三"
)
NOW = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)


def _name(rng: random.Random) -> str:
    # Skewed towards the common surnames, as real portfolios are.
    index = min(int(rng.expovariate(1 / 12)), len(SURNAMES) - 1)
    return SURNAMES[index] + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))


@dataclass(frozen=True)
class Timing:
    """Median wall-clock and CPU time of repeated runs (CPU time shows the work itself
    when other processes compete for the machine)."""

    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall * 1000:7.2f} ms (cpu {self.cpu * 1000:6.2f})"


def generate_changes(count: int, seed: int = 7) -> Iterator[Change]:
    """Server changes for `count` cases: borrower, 1–2 phones, loan, case."""
    rng = random.Random(seed)
    seq = 0

    def change(entity_type: EntityType, entity_id: str, data: dict[str, Any]) -> Change:
        nonlocal seq
        seq += 1
        return Change(seq=seq, entity_type=entity_type, entity_id=entity_id,
                      op=ChangeKind.UPSERT, version=1, data=data)

    for n in range(count):
        case_id, borrower_id, loan_id = (str(uuid.UUID(int=rng.getrandbits(128))) for _ in "abc")
        name = _name(rng)
        dpd = rng.randrange(1, 200)
        loan_number = f"LN{2020 + n % 6}{n:07d}"
        yield change(EntityType.BORROWER, borrower_id, {"id": borrower_id, "name": name})
        for phone_no in range(rng.choice((1, 1, 2))):
            point_id = f"{borrower_id}-p{phone_no}"
            yield change(EntityType.CONTACT_POINT, point_id, {
                "id": point_id, "borrower_id": borrower_id, "kind": "phone",
                "value": _phone(rng), "relation": "borrower" if phone_no == 0 else "employer"})
        yield change(EntityType.LOAN, loan_id, {
            "id": loan_id, "borrower_id": borrower_id, "loan_number": loan_number,
            "product": "instalment", "principal": str(rng.randrange(5000, 200000)),
            "annual_rate": "0.0990", "term_months": 12, "method": "annuity",
            "start_date": "2025-06-01", "first_due_date": "2025-07-01"})
        promise = rng.choice((None, None, PromiseStatus.OPEN, PromiseStatus.KEPT,
                              PromiseStatus.BROKEN))
        yield change(EntityType.CASE, case_id, {
            "id": case_id, "borrower_id": borrower_id, "loan_id": loan_id,
            "stage": rng.choice(list(Stage)), "dpd": dpd, "bucket": str(Bucket.for_dpd(dpd)),
            "amount_overdue": str(Decimal(rng.randrange(10000, 5000000)) / 100),
            "priority": rng.randrange(1000), "borrower_name": name, "loan_number": loan_number,
            "holds": [str(Hold.COMPLAINT)] if rng.random() < 0.03 else [],
            "next_action_due": None if rng.random() < 0.2
            else (NOW + timedelta(hours=rng.randrange(-96, 240))).isoformat(),
            "promise_status": promise and str(promise),
            "promise_due": promise and (date(2026, 11, 28)
                                        + timedelta(days=rng.randrange(-10, 20))).isoformat(),
            "last_contact_at": None if rng.random() < 0.15
            else (NOW - timedelta(hours=rng.randrange(1, 2000))).isoformat(),
            "plan_status": rng.choice((None, None, None, "pending", "approved")),
        })


def history_changes(case_id: str, count: int, first_seq: int) -> list[Change]:
    """`count` timeline items on one case (calls and notes)."""
    items = []
    for n in range(count):
        item_id = str(uuid.uuid4())
        at = (NOW - timedelta(hours=n * 7)).isoformat()
        if n % 3:
            entity_type, data = EntityType.CONTACT_ATTEMPT, {
                "id": item_id, "case_id": case_id, "channel": "call",
                "result": str(CallResult.NO_ANSWER if n % 2 else CallResult.PROMISE),
                "started_at": at, "ended_at": at, "notes": "客户表示下周发工资后还款"}
        else:
            entity_type, data = EntityType.NOTE, {
                "id": item_id, "case_id": case_id, "text": f"第 {n} 条备注", "created_at": at}
        items.append(Change(seq=first_seq + n, entity_type=entity_type, entity_id=item_id,
                            op=ChangeKind.UPSERT, version=1, data=data))
    return items


def build_store(path: Path, cases: int, page_size: int = 5000) -> tuple[LocalStore, Timing]:
    """A store filled through `apply_changes`; returns it and the time it took."""
    store = LocalStore(path, clock=lambda: NOW)
    started, cpu = time.perf_counter(), time.process_time()
    page: list[Change] = []
    for change in generate_changes(cases):
        page.append(change)
        if len(page) >= page_size:
            apply_changes(store, PullResponse(changes=tuple(page), next_cursor=str(change.seq),
                                              has_more=True))
            page = []
    if page:
        apply_changes(store, PullResponse(changes=tuple(page), next_cursor="end",
                                          has_more=False))
    return store, Timing(time.perf_counter() - started, time.process_time() - cpu)


def _timed(action: Callable[[], object], repeat: int = 3) -> Timing:
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return Timing(statistics.median(walls), statistics.median(cpus))


def _summary(label: str, timings: list[Timing], targets: str) -> str:
    walls = [t.wall for t in timings]
    cpus = [t.cpu for t in timings]
    return (f"  {label}: median {statistics.median(walls) * 1000:.2f} ms"
            f" (cpu {statistics.median(cpus) * 1000:.2f}), max {max(walls) * 1000:.2f} ms"
            f" (cpu {max(cpus) * 1000:.2f})  {targets}")


def _rss_mb() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build the store at this path and keep it")
    args = parser.parse_args()

    folder = tempfile.TemporaryDirectory()
    path = args.keep or Path(folder.name) / "bench.sqlite3"
    if path.exists():
        store = LocalStore(path, clock=lambda: NOW)
        print(f"store: reusing {path}")
    else:
        store, load = build_store(path, args.cases)
        print(f"store: {args.cases} cases (with borrower, phones and loan) loaded through"
              f" apply_changes in {load.wall:.1f} s (cpu {load.cpu:.1f} s, including"
              f" generating the changes; {load.cpu / args.cases * 1e6:.0f} µs cpu per case)")
    queue = CaseQueue(store, time_zone="Asia/Shanghai")
    total = queue.total()
    some = min(1234, total - 1)
    loan_number = queue.fetch_rows(queue.search(QueueQuery()).ids(some, some + 1))[0].loan_number

    print(f"\nper-keystroke search over {total} cases (search + first 50-row window); each"
          " word typed 4 times character by character, median of the last 3")
    keystrokes: list[Timing] = []
    for word in ("zhang", "zs", "13812", loan_number, "张三", "wangf", "li", "5678"):
        prefixes = [word[:end] for end in range(1, len(word) + 1)]
        runs: dict[str, list[tuple[float, float]]] = {typed: [] for typed in prefixes}
        for _ in range(4):
            queue.search(QueueQuery())  # the box is cleared between two words
            for typed in prefixes:
                wall, cpu = time.perf_counter(), time.process_time()
                queue.search(QueueQuery(text=typed)).rows(0, 50)
                runs[typed].append((time.perf_counter() - wall, time.process_time() - cpu))
        for typed in prefixes:
            timed = runs[typed][1:]
            timing = Timing(statistics.median(w for w, _ in timed),
                            statistics.median(c for _, c in timed))
            keystrokes.append(timing)
            hits = queue.search(QueueQuery(text=typed)).count_exactly()
            print(f"  {typed!r:16} {hits:7d} hits {timing}")
    print(_summary("keystrokes", keystrokes, "(targets: median < 16 ms, max < 100 ms)"))

    print("\nsort the whole queue by each column (search + first window)")
    sorts: list[Timing] = []
    for column in SortColumn:
        for descending in (False, True):
            def sort(column: SortColumn = column, descending: bool = descending) -> None:
                queue.search(QueueQuery(sort=column, descending=descending)).rows(0, 50)

            timing = _timed(sort)
            sorts.append(timing)
            print(f"  {column:16} {'desc' if descending else 'asc ':4} {timing}")
    print(_summary("sorts", sorts, "(target: median < 50 ms)"))

    print("\nquick filters, sorted by priority")
    for quick in QuickFilter:
        query = QueueQuery(filters=frozenset({quick}))
        timing = _timed(lambda query=query: queue.search(query).rows(0, 50))
        print(f"  {quick:16} {queue.search(query).count_exactly():7d} hits {timing}")

    ids_all = _timed(lambda: queue.search_ids(sort_column=SortColumn.DPD))
    print(f"\nsearch_ids(): all {total} ids as array('q'), sorted by DPD: {ids_all}")
    result = queue.search(QueueQuery(sort=SortColumn.DPD))
    middle = result.count // 2
    print(f"a 50-row window in the middle of the result: "
          f"{_timed(lambda: result.rows(middle, middle + 50), 5)}")
    keys = result.ids(middle // 2, middle // 2 + 50)
    print(f"fetch_rows(50 ids): {_timed(lambda: queue.fetch_rows(keys), 5)}")

    case_id = queue.fetch_rows(result.ids(0, 1))[0].case_id
    if len(open_case(store, case_id).timeline) < 200:
        apply_changes(store, PullResponse(changes=tuple(history_changes(case_id, 200, 10**9)),
                                          next_cursor="history", has_more=False))
    opened = open_case(store, case_id)
    print(f"open a case with {len(opened.timeline)} history items: "
          f"{_timed(lambda: open_case(store, case_id), 10)}  (target: < 50 ms)")
    print(f"\npeak resident memory: {_rss_mb():.0f} MB  (target: < 400 MB)")
    queue.close()
    store.close()
    folder.cleanup()


if __name__ == "__main__":
    main()
