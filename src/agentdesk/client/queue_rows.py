"""One row of the queue table, as the queue and the case view read it from `cases`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from agentdesk.client.convert import from_minor, parse_date, parse_utc


class QueueRow(NamedTuple):
    """One row of the queue table (personal data masked).

    A named tuple rather than a frozen dataclass: making the class costs ~6 times less
    (~3 ms of the desktop's start for the dataclass's generated methods), and each row
    is made faster too."""

    key: int
    case_id: str
    priority: int
    borrower_name: str
    name_pinyin: str
    phones_masked: str
    loan_number: str
    dpd: int
    bucket: str
    amount_overdue: Decimal
    currency: str
    next_action_due: datetime | None
    promise_status: str | None
    promise_due: date | None
    last_contact_at: datetime | None
    stage: str
    holds: tuple[str, ...]
    plan_status: str | None
    removal_pending: bool
    """The user lost access; the case goes once its pending ops are answered."""
    pending_ops: int
    """This case's ops still waiting for the server."""


ROW_COLUMNS = (
    "c.key, c.case_id, c.priority, c.borrower_name, c.name_pinyin, c.phones_masked,"
    " c.loan_number, c.dpd, c.bucket, c.amount_overdue_minor, c.currency,"
    " c.next_action_due, c.promise_status, c.promise_due, c.last_contact_at, c.stage,"
    " c.holds, c.plan_status, c.removal_pending,"
    " (SELECT count(*) FROM outbox o WHERE o.case_id = c.case_id)"
)


def row_from_db(r: Sequence[Any]) -> QueueRow:
    """Build a `QueueRow` from a row selected with `ROW_COLUMNS`."""
    return QueueRow(
        key=r[0], case_id=r[1], priority=r[2], borrower_name=r[3], name_pinyin=r[4],
        phones_masked=r[5], loan_number=r[6], dpd=r[7], bucket=r[8],
        amount_overdue=from_minor(r[9], r[10]), currency=r[10],
        next_action_due=parse_utc(r[11]), promise_status=r[12], promise_due=parse_date(r[13]),
        last_contact_at=parse_utc(r[14]), stage=r[15],
        holds=tuple(h for h in r[16].split(",") if h), plan_status=r[17],
        removal_pending=bool(r[18]), pending_ops=r[19],
    )
