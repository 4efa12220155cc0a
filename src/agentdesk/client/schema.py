"""The local store's tables, for SQLAlchemy Core queries.

The tables are *created* only by the ordered upgrade steps in `migrations.py` (so an
existing file and a fresh one end up the same); these definitions mirror the result and
a test checks that they agree.

Conventions: server entities keep their server id (text) and server `version`; their
whole server data is kept as JSON in `data`, with the columns the app queries pulled
out beside it. Money is integer minor units, times are UTC text (see `convert.py`).
Rows a client created that the server has not confirmed yet have `local_state`
'pending' (then 'synced', or 'rejected'/'conflict' when the server said no).
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, Table, Text

metadata = MetaData()

SCHEMA_VERSION = 4

schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))

store_meta = Table(
    "store_meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

# The queue reads these columns directly; `key` is the local integer id the queue's
# id lists hold (compact and fast), `case_id` the server's id.
cases = Table(
    "cases",
    metadata,
    Column("key", Integer, primary_key=True),
    Column("case_id", Text, nullable=False, unique=True),
    Column("version", Integer, nullable=False),
    Column("borrower_id", Text, nullable=False),
    Column("loan_id", Text, nullable=False),
    Column("assignee_id", Text),
    Column("priority", Integer, nullable=False),
    Column("borrower_name", Text, nullable=False),
    Column("name_pinyin", Text, nullable=False),
    Column("name_initials", Text, nullable=False),
    Column("phones_masked", Text, nullable=False),
    Column("phone_digits", Text, nullable=False),
    Column("loan_number", Text, nullable=False),
    Column("dpd", Integer, nullable=False),
    Column("bucket", Text, nullable=False),
    Column("amount_overdue_minor", Integer, nullable=False),
    Column("outstanding_minor", Integer, nullable=False),
    Column("currency", Text, nullable=False),
    Column("next_action_due", Text),
    Column("promise_status", Text),
    Column("promise_due", Text),
    Column("last_contact_at", Text),
    Column("stage", Text, nullable=False),
    Column("stage_rank", Integer, nullable=False),
    Column("holds", Text, nullable=False),
    Column("plan_status", Text),
    Column("removal_pending", Integer, nullable=False),
    Column("next_action_reason", Text),  # step 4
)

# The case's whole server data, apart from the queue's columns so that the `cases` rows
# stay small: filtering and sorting 100,000 of them reads every row it keeps.
case_data = Table(
    "case_data",
    metadata,
    Column("case_id", Text, primary_key=True),
    Column("data", Text, nullable=False),
)

borrowers = Table(
    "borrowers",
    metadata,
    Column("borrower_id", Text, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("data", Text, nullable=False),
)

contact_points = Table(
    "contact_points",
    metadata,
    Column("contact_point_id", Text, primary_key=True),
    Column("borrower_id", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("relation", Text, nullable=False),
    Column("value", Text, nullable=False),
    Column("masked", Text, nullable=False),
    Column("data", Text, nullable=False),
)

loans = Table(
    "loans",
    metadata,
    Column("loan_id", Text, primary_key=True),
    Column("borrower_id", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("loan_number", Text, nullable=False),
    Column("data", Text, nullable=False),
)

instalments = Table(
    "instalments",
    metadata,
    Column("instalment_id", Text, primary_key=True),
    Column("loan_id", Text, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

payments = Table(
    "payments",
    metadata,
    Column("payment_id", Text, primary_key=True),
    Column("loan_id", Text, nullable=False),
    Column("paid_on", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

# One timeline: contact attempts, messages, notes, promises, plans, decisions.
history = Table(
    "history",
    metadata,
    Column("item_id", Text, primary_key=True),
    Column("case_id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("occurred_at", Text, nullable=False),
    Column("version", Integer),
    Column("local_state", Text, nullable=False),
    Column("data", Text, nullable=False),
)

plans = Table(
    "plans",
    metadata,
    Column("plan_id", Text, primary_key=True),
    Column("case_id", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("version", Integer),
    Column("local_state", Text, nullable=False),
    Column("data", Text, nullable=False),
)

plan_decisions = Table(
    "plan_decisions",
    metadata,
    Column("decision_id", Text, primary_key=True),
    Column("plan_id", Text, nullable=False),
    Column("case_id", Text, nullable=False),
    Column("decision", Text, nullable=False),
    Column("version", Integer),
    Column("local_state", Text, nullable=False),
    Column("data", Text, nullable=False),
)

# Negotiation scripts and contact policies: every version received is kept.
documents = Table(
    "documents",
    metadata,
    Column("kind", Text, primary_key=True),
    Column("doc_id", Text, primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("language", Text),
    Column("format", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("received_at", Text, nullable=False),
)

# Ops waiting for the server's answer, in the order they were made (`seq`).
outbox = Table(
    "outbox",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("op_id", Text, nullable=False, unique=True),
    Column("op_type", Text, nullable=False),
    Column("entity_id", Text, nullable=False),
    Column("case_id", Text, nullable=False),
    Column("base_version", Integer),
    Column("created_at", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_attempt_at", Text),
)

# Answers that a person must see (rejected, conflict) until they acknowledge them.
attention = Table(
    "attention",
    metadata,
    Column("op_id", Text, primary_key=True),
    Column("op_type", Text, nullable=False),
    Column("entity_id", Text, nullable=False),
    Column("case_id", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("reason_code", Text),
    Column("server_version", Integer),
    Column("current", Text),
    Column("body", Text, nullable=False),
    Column("answered_at", Text, nullable=False),
    Column("acknowledged_at", Text),
)

sync_state = Table(
    "sync_state",
    metadata,
    Column("stream", Text, primary_key=True),
    Column("cursor", Text),
    Column("last_sync_at", Text),
)

# Case removals received while ops on the case still waited for answers.
deferred_removals = Table(
    "deferred_removals",
    metadata,
    Column("case_id", Text, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("received_at", Text, nullable=False),
)

# Added in schema version 2: the queue's search indexes (see search_keys.py):
# the distinct 1- and 2-character prefixes of each case's name keys.
case_search_prefixes = Table(
    "case_search_prefixes",
    metadata,
    Column("prefix", Text, primary_key=True),
    Column("case_key", Integer, primary_key=True),
)

# The FTS5 table `case_search(doc)` (trigram, rowid = cases.key) is virtual and
# therefore not declared here; queue.py and the indexer query it with plain SQL.

# Added in schema version 3: contact preferences (channel opt-outs, workplaces that
# forbid contact, inconvenient times), `cleared_at` set once cleared; `data` is the
# server's `ContactPreferenceData` or the agent's pending statement in the same shape.
contact_preferences = Table(
    "contact_preferences",
    metadata,
    Column("preference_id", Text, primary_key=True),
    Column("borrower_id", Text, nullable=False),
    Column("contact_point_id", Text),
    Column("kind", Text, nullable=False),
    Column("cleared_at", Text),
    Column("version", Integer),
    Column("local_state", Text, nullable=False),
    Column("data", Text, nullable=False),
)
