"""One line of the case history for people: what happened, in the current language."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication

from agentdesk.client.casefile import TimelineItem
from agentdesk.domain.vocabulary import (
    CallResult,
    Channel,
    DelinquencyReason,
    Mood,
    PlanStatus,
    PromiseStatus,
)
from agentdesk.ui import formatting
from agentdesk.ui.labels import label_of

_DECISIONS = {"approve": PlanStatus.APPROVED, "reject": PlanStatus.REJECTED,
              "return": PlanStatus.RETURNED}


def describe(item: TimelineItem, currency: str) -> str:
    """The details column of a history item (a call, message, note, promise, plan …)."""
    d: dict[str, Any] = item.data
    kind = item.kind
    if kind == "contact_attempt":
        parts = [label_of(Channel, d.get("channel")), label_of(CallResult, d.get("result"))]
        if d.get("delinquency_reason"):
            parts.append(label_of(DelinquencyReason, d["delinquency_reason"]))
        if d.get("mood"):
            parts.append(label_of(Mood, d["mood"]))
        text = " · ".join(p for p in parts if p)
        return f"{text} — {d['notes']}" if d.get("notes") else text
    if kind == "message":
        return f"{label_of(Channel, d.get('channel'))}: {d.get('body', '')}"
    if kind == "note":
        return str(d.get("text", ""))
    if kind == "promise":
        due = d.get("due_date")
        return QCoreApplication.translate("CaseView", "%1 by %2 — %3") \
            .replace("%1", formatting.money(Decimal(str(d.get("amount", "0"))), currency)) \
            .replace("%2", formatting.day(datetime.fromisoformat(due).date()) if due else "") \
            .replace("%3", label_of(PromiseStatus, d.get("status")))
    if kind == "plan":
        return QCoreApplication.translate("CaseView", "Plan proposed — %1") \
            .replace("%1", label_of(PlanStatus, d.get("status")))
    if kind == "plan_decision":
        decision = str(d.get("decision", ""))
        text = label_of(PlanStatus, _DECISIONS.get(decision, decision))
        return f"{text} — {d['comment']}" if d.get("comment") else text
    return ""
