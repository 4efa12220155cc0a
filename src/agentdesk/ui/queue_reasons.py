"""Why a case sits where it does in the queue, in words the agent can act on.

The server orders the queue (its priority); this turns the case's own figures into the
sentences shown under "Why this case is here": what is urgent first.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from agentdesk.client.casefile import CaseFile
from agentdesk.domain.vocabulary import Bucket, Hold, PlanStatus
from agentdesk.ui import formatting
from agentdesk.ui.labels import label_of


def queue_reasons(case_file: CaseFile, today: date, time_zone: str) -> list[str]:
    """The reasons, most pressing first."""
    row, case = case_file.row, case_file.case
    out: list[str] = []
    if case.queue_reason:
        out.append(case.queue_reason)
    if row.holds:
        out.append(QCoreApplication.translate(
            "QueueReasons", "On hold (%1): no collection contact until it is lifted.")
            .replace("%1", "、".join(label_of(Hold, h) for h in row.holds)))
    if row.promise_status == "broken":
        out.append(QCoreApplication.translate(
            "QueueReasons", "The last promise to pay was broken."))
    elif row.promise_status == "open" and row.promise_due is not None:
        if row.promise_due <= today:
            out.append(QCoreApplication.translate(
                "QueueReasons", "A promise to pay falls due %1: check the payment.")
                .replace("%1", formatting.relative_day(row.promise_due, today)))
        else:
            out.append(QCoreApplication.translate(
                "QueueReasons", "Promised to pay by %1.")
                .replace("%1", formatting.day(row.promise_due)))
    follow_up = formatting.local_time(row.next_action_due, time_zone)
    if follow_up is not None and follow_up.date() <= today:
        out.append(QCoreApplication.translate("QueueReasons", "Follow-up due %1.")
                   .replace("%1", formatting.moment(row.next_action_due, time_zone)))
    if row.last_contact_at is None:
        out.append(QCoreApplication.translate("QueueReasons", "Nobody has contacted them yet."))
    if row.plan_status == PlanStatus.PENDING:
        out.append(QCoreApplication.translate(
            "QueueReasons", "A repayment plan waits for the team lead's decision."))
    elif row.plan_status == PlanStatus.RETURNED:
        out.append(QCoreApplication.translate(
            "QueueReasons", "The team lead returned the plan for changes."))
    out.append(QCoreApplication.translate(
        "QueueReasons", "%1 days past due (bucket %2), %3 overdue; priority %4.")
        .replace("%1", str(row.dpd)).replace("%2", label_of(Bucket, row.bucket))
        .replace("%3", formatting.money(row.amount_overdue, row.currency))
        .replace("%4", str(row.priority)))
    return out
