"""the case list's row of each case, written by PostgreSQL

`GET /cases` is the busiest answer. On PostgreSQL each case now carries its row of the
list (`CaseSummary`, the exact JSON text the server writes for it) in `summary_json`,
written by a trigger whenever the case is inserted or updated (and again when its loan's
currency changes). A page is then one index walk over the cases and the join of those
texts: no lookup of the loan per row, and no row taken apart and written again.

The text must be exactly what `case_list.page_json` writes for the row (a test holds the
two together). Where the trigger cannot be sure of that (a currency it does not know, holds
that are not a list of texts) it leaves NULL, and the list writes that page in Python.
SQLite keeps the column empty: its list is always written in Python.

Revision ID: 0006_case_summary_json
Revises: 0005_sync_retention
Create Date: 2026-11-28 18:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_case_summary_json"
down_revision = "0005_sync_retention"
branch_labels = None
depends_on = None

# Amounts are minor units times the currency's quantum: numeric multiplication keeps the
# quantum's scale, so 12345 CNY fen is written 123.45 and 0 as 0.00 (as Decimal does).
# The currencies of `domain.money.MINOR_UNIT_DIGITS` when this was written; any other
# leaves the row NULL (written in Python).
_TRIGGER_FUNCTION = r"""
CREATE FUNCTION cases_summary_json() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    code text;
    quantum numeric;
    holds text;
BEGIN
    SELECT currency INTO code FROM loans WHERE id = NEW.loan_id;
    quantum := CASE code
        WHEN 'CNY' THEN 0.01 WHEN 'EUR' THEN 0.01 WHEN 'HKD' THEN 0.01
        WHEN 'USD' THEN 0.01 WHEN 'JPY' THEN 1::numeric END;
    holds := CASE
        WHEN json_typeof(NEW.holds) <> 'array' THEN NULL
        WHEN json_array_length(NEW.holds) = 0 THEN '[]'
        ELSE (SELECT CASE WHEN bool_and(json_typeof(h) = 'string')
                          THEN '[' || string_agg(to_json(h #>> '{}')::text, ',') || ']' END
              FROM json_array_elements(NEW.holds) AS h)
    END;
    IF quantum IS NULL OR holds IS NULL THEN
        NEW.summary_json := NULL;
        RETURN NEW;
    END IF;
    NEW.summary_json := concat(
        '{"id":"', NEW.id,
        '","version":', NEW.version,
        ',"loan_ref":', to_json(NEW.loan_ref),
        ',"borrower_name":', to_json(NEW.borrower_name),
        ',"stage":', to_json(NEW.stage),
        ',"dpd":', NEW.dpd,
        ',"bucket":', to_json(NEW.bucket),
        ',"overdue_amount":"', NEW.overdue_minor * quantum,
        '","outstanding_principal":"', NEW.outstanding_minor * quantum,
        '","currency":', to_json(code),
        ',"holds":', holds,
        ',"team_id":', CASE WHEN NEW.team_id IS NULL THEN 'null'
                            ELSE concat('"', NEW.team_id, '"') END,
        ',"assignee_id":', CASE WHEN NEW.assignee_id IS NULL THEN 'null'
                                ELSE concat('"', NEW.assignee_id, '"') END,
        -- ISO 8601 in UTC as Python's isoformat: microseconds only when there are any.
        ',"updated_at":"',
        replace(to_char(NEW.updated_at AT TIME ZONE 'UTC',
                        'YYYY-MM-DD"T"HH24:MI:SS.US'), '.000000', ''),
        'Z","next_action_due":',
        CASE WHEN NEW.next_action_at IS NULL THEN 'null'
             ELSE concat('"', replace(to_char(NEW.next_action_at AT TIME ZONE 'UTC',
                                              'YYYY-MM-DD"T"HH24:MI:SS.US'), '.000000', ''),
                         'Z"') END,
        ',"next_action_reason":', COALESCE(to_json(NEW.next_action_reason)::text, '""'),
        '}');
    RETURN NEW;
END
$fn$
"""

_LOAN_FUNCTION = r"""
CREATE FUNCTION loans_currency_to_cases() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    -- The case's trigger writes its row again with the new currency.
    UPDATE cases SET summary_json = NULL WHERE loan_id = NEW.id;
    RETURN NULL;
END
$fn$
"""


def upgrade() -> None:
    op.add_column("cases", sa.Column("summary_json", sa.Text(), nullable=True))
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_TRIGGER_FUNCTION)
    op.execute(
        "CREATE TRIGGER cases_summary_json BEFORE INSERT OR UPDATE ON cases "
        "FOR EACH ROW EXECUTE FUNCTION cases_summary_json()"
    )
    op.execute(_LOAN_FUNCTION)
    op.execute(
        "CREATE TRIGGER loans_currency_to_cases AFTER UPDATE OF currency ON loans "
        "FOR EACH ROW WHEN (OLD.currency IS DISTINCT FROM NEW.currency) "
        "EXECUTE FUNCTION loans_currency_to_cases()"
    )
    # The cases there are: the trigger writes each one's row.
    op.execute("UPDATE cases SET summary_json = NULL")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER loans_currency_to_cases ON loans")
        op.execute("DROP FUNCTION loans_currency_to_cases()")
        op.execute("DROP TRIGGER cases_summary_json ON cases")
        op.execute("DROP FUNCTION cases_summary_json()")
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+ and PostgreSQL): a batch "copy and
    # move" of `cases` would have to drop a table that every case item refers to.
    op.drop_column("cases", "summary_json")
