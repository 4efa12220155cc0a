"""The SQL behind the queue's searches: where matches come from, and how to test one case.

A search (quick filters, text) is turned into a `Source`, which says three things:

- how to *count* the matching cases cheaply (an index count: the text index, the prefix
  table or a quick filter's index);
- how to *list* them (a join from that index to `cases`), used when the matches are few
  enough to sort outright, or when a walk of the sort index would read too far;
- how to *test* one case (`probe`, conditions on a `cases c` row), used while walking
  the sort column's index so that the first windows of a large result are read without
  collecting every match first.

Text of 3 or more characters is looked up in the FTS5 trigram index and probed with
`instr()` on the same document the index holds (its content table), which is exactly
the substring the trigram phrase matches: the count and the walk agree.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class QuickFilter(StrEnum):
    """The queue's quick filters (several combine with AND)."""

    DUE_TODAY = "due_today"
    """The next action is due today or overdue, in the agent's time zone."""
    PROMISES_DUE = "promises_due"
    """An open promise to pay falls due today or earlier."""
    BROKEN_PROMISES = "broken_promises"
    NEW = "new"
    """Never contacted yet."""
    PLANS_PENDING = "plans_pending"
    ON_HOLD = "on_hold"


class SortColumn(StrEnum):
    """Columns the queue sorts by; each has an index `(column, key)`."""

    PRIORITY = "priority"
    BORROWER = "borrower"
    """By pinyin, which is how Chinese names are ordered."""
    DPD = "dpd"
    BUCKET = "bucket"
    AMOUNT_OVERDUE = "amount_overdue"
    NEXT_ACTION_DUE = "next_action_due"
    PROMISE_STATUS = "promise_status"
    LAST_CONTACT = "last_contact"
    STAGE = "stage"
    HOLDS = "holds"
    PLAN_STATUS = "plan_status"
    LOAN_NUMBER = "loan_number"


SORT_COLUMNS: dict[SortColumn, tuple[str, ...]] = {
    SortColumn.PRIORITY: ("priority",),
    SortColumn.BORROWER: ("name_pinyin",),
    SortColumn.DPD: ("dpd",),
    SortColumn.BUCKET: ("dpd",),  # buckets are ranges of DPD, so DPD orders them
    SortColumn.AMOUNT_OVERDUE: ("amount_overdue_minor",),
    SortColumn.NEXT_ACTION_DUE: ("next_action_due",),
    SortColumn.PROMISE_STATUS: ("promise_status", "promise_due"),
    SortColumn.LAST_CONTACT: ("last_contact_at",),
    SortColumn.STAGE: ("stage_rank",),
    SortColumn.HOLDS: ("holds",),
    SortColumn.PLAN_STATUS: ("plan_status",),
    SortColumn.LOAN_NUMBER: ("loan_number",),
}

SORT_INDEXES: dict[SortColumn, str] = {
    SortColumn.PRIORITY: "ix_cases_priority",
    SortColumn.BORROWER: "ix_cases_name",
    SortColumn.DPD: "ix_cases_dpd",
    SortColumn.BUCKET: "ix_cases_dpd",
    SortColumn.AMOUNT_OVERDUE: "ix_cases_amount",
    SortColumn.NEXT_ACTION_DUE: "ix_cases_next_action",
    SortColumn.PROMISE_STATUS: "ix_cases_promise",
    SortColumn.LAST_CONTACT: "ix_cases_last_contact",
    SortColumn.STAGE: "ix_cases_stage",
    SortColumn.HOLDS: "ix_cases_holds",
    SortColumn.PLAN_STATUS: "ix_cases_plan",
    SortColumn.LOAN_NUMBER: "ix_cases_loan_number",
}
"""The index that covers each sort (walking and counting positions read only it)."""

FILTER_SQL = {
    QuickFilter.DUE_TODAY: "c.next_action_due < :end_of_today",
    QuickFilter.PROMISES_DUE: "c.promise_status = 'open' AND c.promise_due <= :today",
    QuickFilter.BROKEN_PROMISES: "c.promise_status = 'broken'",
    QuickFilter.NEW: "c.last_contact_at IS NULL",
    QuickFilter.PLANS_PENDING: "c.plan_status = 'pending'",
    QuickFilter.ON_HOLD: "c.holds > ''",
}

# The trigram index keeps each document in its content table (rowid = case key):
# reading it by key is one b-tree lookup, cheaper than asking the FTS5 table.
_TEXT_PROBE = ("instr((SELECT t.c0 FROM case_search_content t WHERE t.id = c.key),"
               " :text) > 0")
_PREFIX_PROBE = ("EXISTS (SELECT 1 FROM case_search_prefixes p"
                 " WHERE p.prefix = :text AND p.case_key = c.key)")


class Source:
    """The matching cases of a search, as SQL (parameters in `params`).

    - `index_rows`: FROM clause (and WHERE) whose rows are the matches, from one index
      alone (None: count the join);
    - `join`: a FROM clause whose rows are the matches, each as `c` (with `where`);
    - `probe`: conditions that one `cases c` row must meet to match;
    - `whole_if_all`: the text can match every case (a loan-number prefix all loans
      share): then the result is the whole queue, walked without probing.

    A plain class: no dataclass is made on the desktop's way to its first paint (see
    `agentdesk.ui.launch`).
    """

    __slots__ = ("index_rows", "join", "params", "probe", "where", "whole_if_all")

    def __init__(self, index_rows: str | None, join: str, where: tuple[str, ...],
                 probe: tuple[str, ...], params: dict[str, Any], *,
                 whole_if_all: bool = False) -> None:
        self.index_rows = index_rows
        self.join = join
        self.where = where
        self.probe = probe
        self.params = params
        self.whole_if_all = whole_if_all

    def counting(self, *, capped: bool = False) -> str:
        """SELECT count(*) of the matches; `capped`: of at most `:cap` of them."""
        rows = self.index_rows or f"{self.join} WHERE {' AND '.join(self.where)}"
        if capped:
            return f"SELECT count(*) FROM (SELECT 1 FROM {rows} LIMIT :cap)"
        return f"SELECT count(*) FROM {rows}"

    def listing(self, sort: SortColumn, descending: bool) -> str:
        """SELECT of the matching keys in order, sorted outright (not walked)."""
        # The matches are few: the unary + keeps SQLite from walking the whole sort
        # index instead (testing every case), so it reads them off their own index
        # (the text or prefix join, or the filter's index) and sorts them.
        return (f"SELECT c.key FROM {self.join} WHERE {' AND '.join(self.where)}"
                f" ORDER BY {order_by(sort, descending, unary='+')}")

    def count_where(self, condition: str) -> str:
        """SELECT count(*) of the matches that also meet `condition`."""
        return (f"SELECT count(*) FROM {self.join}"
                f" WHERE {' AND '.join([*self.where, f'({condition})'])}")


def source(filters: list[QuickFilter], text: str, params: dict[str, Any],
           *, trigram: int) -> Source | None:
    """Where the matches of `filters` and normalised `text` come from (None: every case)."""
    conditions = tuple(FILTER_SQL[f] for f in filters)
    if not text:
        if not conditions:
            return None
        return Source(None, "cases c", conditions, conditions, params)
    params = {**params, "text": text}
    if len(text) < trigram:
        join = "case_search_prefixes p CROSS JOIN cases c ON c.key = p.case_key"
        where = ("p.prefix = :text", *conditions)
        # (prefix, case_key) is the table's key, so its count is of cases.
        count = "case_search_prefixes WHERE prefix = :text" if not conditions else None
        return Source(count, join, where, (_PREFIX_PROBE, *conditions), params)
    params["phrase"] = '"' + text.replace('"', '""') + '"'
    join = "case_search s CROSS JOIN cases c ON c.key = s.rowid"
    where = ("case_search MATCH :phrase", *conditions)
    count = "case_search WHERE case_search MATCH :phrase" if not conditions else None
    return Source(count, join, where, (_TEXT_PROBE, *conditions), params,
                  whole_if_all=not conditions)


def order_by(sort: SortColumn, descending: bool, *, table: str = "c", unary: str = "") -> str:
    """ORDER BY terms of a sort (ties broken by key, the same way round)."""
    direction = " DESC" if descending else ""
    return ", ".join(f"{unary}{table}.{col}{direction}" for col in sort_keys(sort))


def sort_keys(sort: SortColumn) -> tuple[str, ...]:
    """The columns a sort orders by, the key last."""
    return (*SORT_COLUMNS[sort], "key")


def before_terms(sort: SortColumn, descending: bool, values: tuple[Any, ...]
                 ) -> tuple[list[str], dict[str, Any]]:
    """Conditions that together select the cases sorting before a case with `values`.

    Lexicographic "before", split into terms that are each one range of the sort index
    (equal leading columns, then one bound), so SQLite counts index entries without
    testing an OR on each of them. SQLite sorts NULL lowest: first ascending, last
    descending. The case's own key is the parameter `:key`.
    """
    params: dict[str, Any] = {}
    terms: list[str] = []
    ties: list[str] = []
    for i, (column, value) in enumerate(zip(SORT_COLUMNS[sort], values, strict=True)):
        params[f"v{i}"] = value
        if descending:
            terms.append(" AND ".join(
                [*ties, f"c.{column} IS NOT NULL" if value is None else f"c.{column} > :v{i}"]))
        elif value is not None:
            terms.append(" AND ".join([*ties, f"c.{column} IS NULL"]))
            terms.append(" AND ".join([*ties, f"c.{column} < :v{i}"]))
        ties.append(f"c.{column} IS :v{i}")
    terms.append(" AND ".join([*ties, "c.key > :key" if descending else "c.key < :key"]))
    return terms, params
