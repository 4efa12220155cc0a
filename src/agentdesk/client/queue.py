"""The agent's case queue: search, filter and sort in SQLite; rows fetched lazily.

Made for a Qt table model that holds ids, not objects (the Anki browser's way): with
100,000 cases, building Python rows to sort them costs seconds; SQLite walks an index
in milliseconds. Two ways to use it:

- `search(query)` returns a `SearchResult`: its `count`, and windows of it by position
  (`ids(start, stop)`, `rows(start, stop)`), computed in SQLite on the queue's own
  connection. Nothing per-row crosses into Python until a window is shown: a search
  counts its matches on an index, and the first windows of a large result are read
  straight off the sort column's index (see `queue_sql.py`), so a keystroke or a sort
  of all 100,000 cases costs an index count and a few index pages.
- `search_ids(...)` returns every matching case key, in order, as a compact
  `array('q')`, when a caller wants the whole list (costs ~0.5 µs per id more).

Case *keys* are the store's local integer ids (`QueueRow.key`); `QueueRow.case_id` is
the server's id. A `SearchResult` belongs to the moment of its search: after the store
announces changed cases, search again (a lazily read result would otherwise shift
under the view); a newer search makes the previous result raise `StaleResultError`.

Search text (see `search_keys.py`): 1–2 characters match the start of the borrower's
name in characters, pinyin, initials or mixed forms (`z`, `zs`, `张`, `张s`); 3 or more
characters match anywhere in those name forms, any phone number or the loan number
(FTS5 trigram index: `zhangs`, `zsf`, `张sf`, `5678`, `2024001`). A number needs at
least 3 digits (`MIN_DIGITS`): one or two digits would match nearly every phone, so
such a result is empty and `too_short`.
"""

from __future__ import annotations

import sqlite3
import threading
from array import array
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from agentdesk.client.convert import utc_text
from agentdesk.client.queue_rows import ROW_COLUMNS, QueueRow, row_from_db
from agentdesk.client.queue_sql import (
    SORT_COLUMNS,
    SORT_INDEXES,
    QuickFilter,
    SortColumn,
    Source,
    before_terms,
    order_by,
    sort_keys,
    source,
)
from agentdesk.client.store import LocalStore

__all__ = [
    "COUNT_CAP",
    "LOOKUP_LIMIT",
    "MIN_DIGITS",
    "ROW_COLUMNS",
    "SCAN_FACTOR",
    "SCAN_SLACK",
    "WALK_LIMIT",
    "CaseQueue",
    "QueueQuery",
    "QueueRow",
    "QuickFilter",
    "SearchResult",
    "SortColumn",
    "StaleResultError",
    "row_from_db",
]

MIN_DIGITS = 3
LOOKUP_LIMIT = 1500
"""Up to this many matches, listing and sorting them beats walking the sort index
(measured with 100,000 cases: a lookup and sort costs ~3 µs per match, while a walk
fills the first window after a few thousand index entries whatever the count)."""
WALK_LIMIT = 2000
"""Windows ending above this position are read from a sorted listing of the matches."""
SCAN_FACTOR = 4
SCAN_SLACK = 1000
"""A walk that probes each case reads at most SCAN_FACTOR times the index entries the
matches' share predicts (plus SCAN_SLACK) before it gives up and sorts the matches:
matches bunched at the far end of the sort order (`zhang` sorted by name) would
otherwise make it read the whole index."""
COUNT_CAP = 2000
"""A search counts at most this many matches before showing its first rows; a larger
count follows (`SearchResult.count_exactly`): counting a text that nearly every case
contains (`LN20`) reads the whole text index, ~10-25 ms."""
_TRIGRAM = 3


class QueueQuery(NamedTuple):
    """What the queue shows: quick filters, search text and the sort order.

    (A named tuple: cheaper to make at start than a frozen dataclass.)"""

    filters: frozenset[QuickFilter] = frozenset()
    text: str = ""
    sort: SortColumn = SortColumn.PRIORITY
    descending: bool = True


class StaleResultError(RuntimeError):
    """A newer search replaced this result; search again."""


class SearchResult:
    """A search's ordered case keys, read by position.

    One of three kinds: *listed* (the matches, few, were sorted into the temporary
    table), a *whole* walk (every case: windows are read straight off the sort index)
    or a *probing* walk (windows are read off the sort index keeping the cases that
    match, which stops as soon as the window is full). A probing walk is listed once
    a window lies deeper than the queue's `walk_limit`, or when it would read too far.
    """

    def __init__(self, queue: CaseQueue, query: QueueQuery, generation: int, count: int,
                 *, too_short: bool, source: Source | None, walked: bool,
                 exact: bool = True) -> None:
        self.queue = queue
        self.query = query
        self.generation = generation
        self.count = count
        """How many cases match; while not `exact`, how many at least."""
        self.exact = exact
        self.too_short = too_short
        """The text was a number of fewer than `MIN_DIGITS` digits: say "type more"."""
        self._source = source
        """Where the matches come from (None: every case)."""
        self._walked = walked

    def __len__(self) -> int:
        return self.count

    def ids(self, start: int = 0, stop: int | None = None) -> array[int]:
        """Case keys at positions [start, stop) as a compact array (clipped to the count)."""
        if start < 0 or (stop is not None and stop < start):
            raise IndexError(f"window [{start}, {stop}) is not a valid range")
        stop = self.count if stop is None else min(stop, self.count)
        return array("q", self.queue._window_keys(self, min(start, stop), stop))

    def rows(self, start: int, stop: int) -> list[QueueRow]:
        """Queue rows at positions [start, stop) (a window for the view)."""
        return self.queue.fetch_rows(self.ids(start, stop))

    def position(self, key: int) -> int | None:
        """Where case `key` is in this result (to keep the selection after a re-sort)."""
        return self.queue._position(self, key)

    def count_exactly(self) -> int:
        """How many cases match, counted in full (the result itself is unchanged:
        `settle()` it, e.g. between a view's begin/end of inserting rows)."""
        return self.count if self.exact else self.queue._exact_count(self)

    def settle(self, count: int) -> None:
        """Take the exact count found by `count_exactly()`."""
        self.count = count
        self.exact = True


_PREFETCH = (
    # Counting walks every page of the b-tree it counts.
    "SELECT count(*) FROM cases NOT INDEXED",
    "SELECT count(*) FROM case_search_prefixes NOT INDEXED",  # names and phones by prefix
    "SELECT count(*) FROM case_search_data",  # the trigram index
    "SELECT count(*) FROM case_search_content",  # the documents its matches are checked in
)


class CaseQueue:
    """Queue queries over one store, on a connection of their own (use from one thread)."""

    def __init__(self, store: LocalStore, *, time_zone: str = "Asia/Shanghai",
                 lookup_limit: int = LOOKUP_LIMIT, walk_limit: int = WALK_LIMIT,
                 scan_factor: int = SCAN_FACTOR, scan_slack: int = SCAN_SLACK,
                 count_cap: int = COUNT_CAP) -> None:
        if count_cap <= lookup_limit:
            raise ValueError(f"count_cap ({count_cap}) must exceed lookup_limit ({lookup_limit})")
        self.store = store
        self.count_cap = count_cap
        self.lookup_limit = lookup_limit
        self.walk_limit = walk_limit
        self.scan_factor = scan_factor
        self.scan_slack = scan_slack
        self.zone = ZoneInfo(time_zone)
        self._db: sqlite3.Connection = store.connect()
        # The queue re-reads the whole `cases` table often; keep it in memory (64 MB).
        self._db.execute("PRAGMA cache_size=-65536")
        self._db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS queue_result"
            " (pos INTEGER PRIMARY KEY, case_key INTEGER)"
        )
        self._generation = 0
        self._total: tuple[int, int] | None = None
        self._lock = threading.Lock()

    def close(self) -> None:
        """Give the connection back (the temporary result goes with it)."""
        self._db.close()

    def prefetch(self) -> None:
        """Read once, on a connection of its own, what searching and sorting read, so the
        first searches after the computer started do not wait for the disk (with 100,000
        cases and the file out of the system's cache, a keystroke took up to ~0.4 s). The
        desktop runs this on a worker once its window has painted; with 100,000 cases it
        reads ~100 MB. Safe beside the queue's own queries and writes."""
        with self.store.read() as db:
            indexes = [name for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases'"
                " AND name LIKE 'ix_cases_%'")]
        # The sort orders and the filters' indexes too. Each walk in a read of its own:
        # a reader holds back the write-ahead log's checkpoints (the first sync writes
        # meanwhile), so none is held for the whole read-ahead.
        for statement in (*_PREFETCH, *(f"SELECT count(*) FROM cases INDEXED BY {name}"
                                         for name in indexes)):
            with self.store.read() as db:
                db.execute(statement).fetchall()
        with self.store.read() as db:
            # The system keeps the pages; this connection (back in the store's pool)
            # need not keep its own copies (up to its 32 MB cache).
            db.execute("PRAGMA shrink_memory")

    def _today(self) -> tuple[date, str]:
        now = self.store.clock().astimezone(self.zone)
        end = datetime.combine(now.date() + timedelta(days=1), time(), self.zone)
        end_text = utc_text(end.astimezone(UTC))
        assert end_text is not None
        return now.date(), end_text

    def _case_count(self) -> int:
        # Counting 100,000 cases reads a whole index (~1 ms); the file's data version
        # says whether anyone committed since the last count.
        version = self._db.execute("PRAGMA data_version").fetchone()[0]
        if self._total is None or self._total[0] != version:
            self._total = (version, self._db.execute("SELECT count(*) FROM cases").fetchone()[0])
        return self._total[1]

    # ------------------------------------------------------------ queries

    def search(self, query: QueueQuery) -> SearchResult:
        """Run `query`; returns the (only live) result of this queue.

        Counts the matches on the best index (the text index, the prefix table or a
        quick filter's index). Few matches (up to `lookup_limit`) are listed and sorted
        at once; more are walked: their windows are read off the sort column's index,
        probing each case, when the view asks for them. Nothing is copied per match.
        """
        text, too_short = "", False
        if query.text:
            # Imported with the first text searched: the start lists the queue unsearched.
            from agentdesk.client.search_keys import is_digits, normalise_query

            text = normalise_query(query.text)
            too_short = is_digits(text) and len(text) < MIN_DIGITS
        filters = [f for f in QuickFilter if f in query.filters]
        params: dict[str, Any] = {}
        if query.filters & {QuickFilter.DUE_TODAY, QuickFilter.PROMISES_DUE}:
            today, end_of_today = self._today()
            params.update(today=today.isoformat(), end_of_today=end_of_today)
        with self._lock:
            self._generation += 1
            # Emptied, not dropped: a schema change would make SQLite re-prepare every
            # cached statement of this connection.
            self._db.execute("DELETE FROM temp.queue_result")
            found = None if too_short else source(filters, text, params, trigram=_TRIGRAM)
            walked, exact = True, True
            if too_short:
                count, walked = 0, False
            elif found is None:
                count = self._case_count()
            else:
                count = self._db.execute(found.counting(capped=True),
                                         {**found.params, "cap": self.count_cap}).fetchone()[0]
                exact = count < self.count_cap
                if exact and found.whole_if_all and count == self._case_count():
                    found = None
                elif count <= self.lookup_limit:
                    count = self._db.execute(
                        "INSERT INTO temp.queue_result (case_key)"
                        f" {found.listing(query.sort, query.descending)}", found.params
                    ).rowcount
                    walked = False
            return SearchResult(self, query, self._generation, count, too_short=too_short,
                                source=found, walked=walked, exact=exact)

    def _exact_count(self, result: SearchResult) -> int:
        with self._lock:
            self._check(result)
            found = result._source
            assert found is not None
            count = int(self._db.execute(found.counting(), found.params).fetchone()[0])
            if found.whole_if_all and count == self._case_count():
                # Every case matches: walking the sort index alone gives the same order.
                result._source = None
            return count

    def search_ids(
        self,
        filters: Iterable[QuickFilter] = (),
        text: str = "",
        sort_column: SortColumn = SortColumn.PRIORITY,
        descending: bool = True,
    ) -> array[int]:
        """Every matching case key in order, as a compact `array('q')`."""
        result = self.search(QueueQuery(frozenset(filters), text, sort_column, descending))
        with self._lock:
            if result._walked and result._source is None:
                rows = self._db.execute(
                    f"SELECT c.key FROM cases c ORDER BY {order_by(sort_column, descending)}"
                ).fetchall()
            else:
                self._list(result)
                rows = self._db.execute(
                    "SELECT case_key FROM temp.queue_result ORDER BY pos").fetchall()
        return array("q", [r[0] for r in rows])

    def fetch_rows(self, keys: Sequence[int]) -> list[QueueRow]:
        """Rows of these case keys, in the order given (keys no longer stored are skipped)."""
        if not keys:
            return []
        found: dict[int, QueueRow] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for r in self._db.execute(
                    f"SELECT {ROW_COLUMNS} FROM cases c WHERE c.key IN ({marks})", chunk
                ):
                    found[r[0]] = row_from_db(r)
        return [found[k] for k in keys if k in found]

    def total(self) -> int:
        """How many cases the store holds."""
        with self._lock:
            return self._case_count()

    # ------------------------------------------------------------ result windows

    def _check(self, result: SearchResult) -> None:
        if result.generation != self._generation:
            raise StaleResultError("a newer search replaced this result; search again")

    def _list(self, result: SearchResult) -> None:
        """Sort a probing walk's matches into the result table (once)."""
        if result._walked and result._source is not None:
            query = result.query
            self._db.execute(
                "INSERT INTO temp.queue_result (case_key)"
                f" {result._source.listing(query.sort, query.descending)}",
                result._source.params)
            result._walked = False

    def _window_keys(self, result: SearchResult, start: int, stop: int) -> list[int]:
        if start < 0 or stop < start:
            raise IndexError(f"window [{start}, {stop}) is not a valid range")
        with self._lock:
            self._check(result)
            if stop == start:
                return []
            query = result.query
            if result._walked and result._source is None:
                # A walk of the whole queue steps through one index only, so even a
                # window near its end costs a few ms of OFFSET.
                rows = self._db.execute(
                    f"SELECT c.key FROM cases c ORDER BY {order_by(query.sort, query.descending)}"
                    " LIMIT ? OFFSET ?", (stop - start, start)).fetchall()
                return [r[0] for r in rows]
            if result._walked and stop <= self.walk_limit:
                keys = self._probing_walk(result, result._source, start, stop)
                if keys is not None:
                    return keys
            self._list(result)
            rows = self._db.execute(
                "SELECT case_key FROM temp.queue_result WHERE pos > ? AND pos <= ? ORDER BY pos",
                (start, stop),
            ).fetchall()
        return [r[0] for r in rows]

    def _probing_walk(self, result: SearchResult, found: Source | None, start: int,
                      stop: int) -> list[int] | None:
        """Keys [start, stop) read off the sort index, probing each case; None when the
        matches lie further down the index than their share predicts."""
        assert found is not None
        query = result.query
        total = self._case_count()
        scan = min(total, stop * total // max(result.count, 1) * self.scan_factor
                   + self.scan_slack)
        keys = sort_keys(query.sort)
        columns = ", ".join(f"c.{column}" for column in keys)
        # The walk is the outer loop (CROSS JOIN) over a co-routine that reads at most
        # `scan` index entries in order, so the LIMIT stops it once the window is full
        # (an outer ORDER BY would read all `scan` first); the order is checked below.
        rows = self._db.execute(
            f"SELECT {', '.join(f'w.{column}' for column in keys)} FROM (SELECT {columns}"
            f" FROM cases c INDEXED BY {SORT_INDEXES[query.sort]}"
            f" ORDER BY {order_by(query.sort, query.descending)} LIMIT :scan) w"
            f" CROSS JOIN cases c ON c.key = w.key WHERE {' AND '.join(found.probe)}"
            " LIMIT :n OFFSET :o",
            {**found.params, "scan": scan, "n": stop - start, "o": start},
        ).fetchall()
        if len(rows) < min(stop, result.count) - start and scan < total:
            return None
        if not _in_order(rows, query.descending):
            return None
        return [r[-1] for r in rows]

    def _position(self, result: SearchResult, key: int) -> int | None:
        with self._lock:
            self._check(result)
            if result._walked:
                return self._walked_position(result, key)
            row = self._db.execute(
                "SELECT pos FROM temp.queue_result WHERE case_key = ?", (key,)
            ).fetchone()
        return None if row is None else int(row[0]) - 1

    def _walked_position(self, result: SearchResult, key: int) -> int | None:
        """Where `key` sits in a walked result, without listing it.

        Counts the matching cases that sort before it: on the sort column's index for
        the whole queue (a few ms for 100,000 cases, where copying every key into the
        result table costs ~50 ms), among the matches of the source otherwise.
        """
        query = result.query
        found = result._source
        probe = "" if found is None else f"{' AND '.join(found.probe)} AND "
        params: dict[str, Any] = {} if found is None else dict(found.params)
        row = self._db.execute(
            f"SELECT {', '.join(f'c.{c}' for c in SORT_COLUMNS[query.sort])} FROM cases c"
            f" WHERE {probe}c.key = :key", {**params, "key": key},
        ).fetchone()
        if row is None:
            return None
        terms, values = before_terms(query.sort, query.descending, tuple(row))
        params.update(values, key=key)
        if found is not None:
            condition = " OR ".join(f"({term})" for term in terms)
            return int(self._db.execute(found.count_where(condition), params).fetchone()[0])
        index = SORT_INDEXES[query.sort]
        return sum(
            int(self._db.execute(f"SELECT count(*) FROM cases c INDEXED BY {index} WHERE {term}",
                                 params).fetchone()[0])
            for term in terms)


def _in_order(rows: list[Any], descending: bool) -> bool:
    """Whether `rows` (sort values, key last) are in the sort's order, NULL lowest."""
    ranks = [tuple((value is not None, value) for value in row) for row in rows]
    pairs = list(pairwise(ranks))
    return all(a > b for a, b in pairs) if descending else all(a < b for a, b in pairs)
