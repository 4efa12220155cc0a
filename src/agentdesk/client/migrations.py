"""Ordered upgrade steps of the local store's schema.

Step N turns a version N-1 file into version N. A new file runs every step from an
empty database; an existing file runs only the steps it has not had yet, all in one
transaction, so a failed upgrade leaves the file as it was. Steps never drop the
outbox, the attention list or the sync cursors: unsynced work survives any upgrade.

A released step is never edited: change the schema by appending a step (and update
`schema.py` to match; a test compares them).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

_V1 = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cases (
    key INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    borrower_id TEXT NOT NULL,
    loan_id TEXT NOT NULL,
    assignee_id TEXT,
    priority INTEGER NOT NULL,
    borrower_name TEXT NOT NULL,
    name_pinyin TEXT NOT NULL,
    name_initials TEXT NOT NULL,
    phones_masked TEXT NOT NULL,
    phone_digits TEXT NOT NULL,
    loan_number TEXT NOT NULL,
    dpd INTEGER NOT NULL,
    bucket TEXT NOT NULL,
    amount_overdue_minor INTEGER NOT NULL,
    outstanding_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    next_action_due TEXT,
    promise_status TEXT,
    promise_due TEXT,
    last_contact_at TEXT,
    stage TEXT NOT NULL,
    stage_rank INTEGER NOT NULL,
    holds TEXT NOT NULL,
    plan_status TEXT,
    removal_pending INTEGER NOT NULL
);
CREATE TABLE case_data (case_id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE INDEX ix_cases_priority ON cases (priority, key);
CREATE INDEX ix_cases_name ON cases (name_pinyin, key);
CREATE INDEX ix_cases_dpd ON cases (dpd, key);
CREATE INDEX ix_cases_amount ON cases (amount_overdue_minor, key);
CREATE INDEX ix_cases_next_action ON cases (next_action_due, key);
CREATE INDEX ix_cases_promise ON cases (promise_status, promise_due, key);
CREATE INDEX ix_cases_last_contact ON cases (last_contact_at, key);
CREATE INDEX ix_cases_stage ON cases (stage_rank, key);
CREATE INDEX ix_cases_holds ON cases (holds, key);
CREATE INDEX ix_cases_plan ON cases (plan_status, key);
CREATE INDEX ix_cases_loan_number ON cases (loan_number, key);
CREATE INDEX ix_cases_borrower ON cases (borrower_id);
CREATE INDEX ix_cases_loan ON cases (loan_id);
CREATE TABLE borrowers (
    borrower_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE contact_points (
    contact_point_id TEXT PRIMARY KEY,
    borrower_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    kind TEXT NOT NULL,
    relation TEXT NOT NULL,
    value TEXT NOT NULL,
    masked TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX ix_contact_points_borrower ON contact_points (borrower_id);
CREATE TABLE loans (
    loan_id TEXT PRIMARY KEY,
    borrower_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    loan_number TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE instalments (
    instalment_id TEXT PRIMARY KEY,
    loan_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    version INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX ix_instalments_loan ON instalments (loan_id, seq);
CREATE TABLE payments (
    payment_id TEXT PRIMARY KEY,
    loan_id TEXT NOT NULL,
    paid_on TEXT NOT NULL,
    version INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX ix_payments_loan ON payments (loan_id, paid_on);
CREATE TABLE history (
    item_id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    version INTEGER,
    local_state TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX ix_history_case ON history (case_id, occurred_at);
CREATE TABLE plans (
    plan_id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    status TEXT NOT NULL,
    version INTEGER,
    local_state TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX ix_plans_case ON plans (case_id);
CREATE TABLE plan_decisions (
    decision_id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    decision TEXT NOT NULL,
    version INTEGER,
    local_state TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX ix_plan_decisions_plan ON plan_decisions (plan_id);
CREATE INDEX ix_plan_decisions_case ON plan_decisions (case_id);
CREATE TABLE documents (
    kind TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    language TEXT,
    format TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (kind, doc_id, version)
);
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id TEXT NOT NULL UNIQUE,
    op_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    base_version INTEGER,
    created_at TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    last_attempt_at TEXT
);
CREATE INDEX ix_outbox_case ON outbox (case_id);
CREATE TABLE attention (
    op_id TEXT PRIMARY KEY,
    op_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    reason_code TEXT,
    server_version INTEGER,
    current TEXT,
    body TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    acknowledged_at TEXT
);
CREATE TABLE sync_state (
    stream TEXT PRIMARY KEY,
    cursor TEXT,
    last_sync_at TEXT
);
CREATE TABLE deferred_removals (
    case_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    received_at TEXT NOT NULL
);
"""

# Version 2: the queue's search indexes (short prefixes + FTS5 trigram), filled from the
# cases already in the file.
_V2 = """
CREATE TABLE case_search_prefixes (
    prefix TEXT NOT NULL,
    case_key INTEGER NOT NULL,
    PRIMARY KEY (prefix, case_key)
) WITHOUT ROWID;
CREATE INDEX ix_case_search_prefixes_case ON case_search_prefixes (case_key);
CREATE VIRTUAL TABLE case_search USING fts5(doc, tokenize = 'trigram');
"""


Connection = sqlite3.Connection
"""Steps run on a sqlite3 connection inside the caller's transaction."""


def _run_script(conn: Connection, script: str) -> None:
    # Statement by statement: executescript() would commit the caller's transaction.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _step_1(conn: Connection) -> None:
    _run_script(conn, _V1)
    conn.execute("INSERT INTO schema_version (version) VALUES (0)")


def _step_2(conn: Connection) -> None:
    _run_script(conn, _V2)
    keys = [row[0] for row in conn.execute("SELECT key FROM cases")]
    # Imported here: a store already migrated opens without the search's name keys.
    from agentdesk.client import case_index

    case_index.reindex_cases(conn, keys)


# Version 3: what the borrower said about being contacted (channel opt-outs, a workplace
# that forbids contact, inconvenient times), one row per statement, server copies and
# the agent's own unsynced ones ('pending') alike. Nothing existing is touched.
_V3 = """
CREATE TABLE contact_preferences (
    preference_id TEXT PRIMARY KEY,
    borrower_id TEXT NOT NULL,
    contact_point_id TEXT,
    kind TEXT NOT NULL,
    cleared_at TEXT,
    version INTEGER,
    local_state TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX ix_contact_preferences_borrower ON contact_preferences (borrower_id);
"""


def _step_3(conn: Connection) -> None:
    _run_script(conn, _V3)


# Version 4: the case's next-action reason beside its due time (the follow-up the agent
# scheduled, shown on the case at once, before the server has it). Mostly NULL, so the
# queue's rows stay small.
def _step_4(conn: Connection) -> None:
    conn.execute("ALTER TABLE cases ADD COLUMN next_action_reason TEXT")


STEPS: list[Callable[[Connection], None]] = [_step_1, _step_2, _step_3, _step_4]
"""STEPS[n] upgrades a file from version n to version n + 1."""


class StoreTooNewError(RuntimeError):
    """The file was written by a newer AgentDesk; this one cannot read it safely."""


def current_version(conn: Connection) -> int:
    """The schema version of the file (0 for an empty file)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if exists is None:
        return 0
    return int(conn.execute("SELECT version FROM schema_version").fetchone()[0])


def upgrade(conn: Connection, target: int | None = None) -> int:
    """Run the missing steps up to `target` (default: the latest) inside `conn`'s transaction.

    Returns the version reached. The caller owns the transaction: commit on success.
    """
    goal = len(STEPS) if target is None else target
    version = current_version(conn)
    if version > len(STEPS):
        raise StoreTooNewError(
            f"本地数据文件版本 {version} 比本程序支持的 {len(STEPS)} 新，请升级 AgentDesk / "
            f"the local store is version {version}, newer than this app's {len(STEPS)}; "
            "please update AgentDesk"
        )
    for step in STEPS[version:goal]:
        step(conn)
        version += 1
        conn.execute("UPDATE schema_version SET version = ?", (version,))
    return version
