"""The work an agent or lead does in tests, as operations on a desktop's store."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import requests

from agentdesk.client.operations import LocalChange
from agentdesk.domain.vocabulary import CallResult, Channel
from agentdesk.protocol.ops import (
    ContactAttemptRecord,
    NoteAdd,
    PlanDecide,
    PlanDecision,
    PlanPropose,
    PlanWithdraw,
    PromiseCreate,
)
from tests.support.server_db import token_for
from tests.sync.harness import Desk

OPTION_SETS: tuple[dict[str, Any], ...] = (
    {"extra_months": 6, "capitalise_arrears": True},
    {"extra_months": 3},
    {"extra_months": 10, "capitalise_arrears": True},
    {"extra_months": 12, "capitalise_arrears": True},
    {"extra_months": 6, "grace_months": 2},
)


def attempt(d: Desk, case_id: str, note: str = "借款人称下周发工资") -> LocalChange:
    now = datetime.now(UTC)
    return d.ops.record_contact_attempt(
        ContactAttemptRecord(
            case_id=uuid.UUID(case_id),
            channel=Channel.CALL,
            result=CallResult.RIGHT_PARTY_CONTACT,
            started_at=now - timedelta(minutes=4),
            ended_at=now,
            notes=note,
        )
    )


def note(d: Desk, case_id: str, text: str = "已核实工作单位") -> LocalChange:
    return d.ops.add_note(NoteAdd(case_id=uuid.UUID(case_id), text=text))


def promise(d: Desk, case_id: str, amount: str = "1250.50") -> LocalChange:
    return d.ops.create_promise(
        PromiseCreate(
            case_id=uuid.UUID(case_id),
            amount=Decimal(amount),
            due_date=date.today() + timedelta(days=7),
        )
    )


def propose(d: Desk, case_id: str, options: dict[str, Any]) -> LocalChange:
    return d.ops.propose_plan(
        PlanPropose(case_id=uuid.UUID(case_id), options=options, justification="收入下降")
    )


def withdraw(d: Desk, case_id: str, plan_id: str) -> LocalChange:
    return d.ops.withdraw_plan(
        uuid.UUID(plan_id), PlanWithdraw(case_id=uuid.UUID(case_id), reason="借款人已还款")
    )


def approve(d: Desk, case_id: str, plan_id: str) -> uuid.UUID:
    """The lead approves; returns the decision's id."""
    decision_id = uuid.uuid4()
    d.ops.decide_plan(
        uuid.UUID(plan_id),
        PlanDecide(
            case_id=uuid.UUID(case_id),
            decision_id=decision_id,
            decision=PlanDecision.APPROVE,
            comment="同意",
        ),
    )
    return decision_id


def _preview(
    base_url: str, agent: str, case_id: str, options: dict[str, Any], role: str | None = None
) -> dict[str, Any] | None:
    body: dict[str, Any] = {"case_id": case_id, "options": options}
    if role:
        body["role"] = role
    r = requests.post(
        f"{base_url}/api/v1/plans/preview",
        json=body,
        timeout=30,
        headers={"Authorization": f"Bearer {token_for(agent)}"},
    )
    return r.json() if r.status_code == 200 else None


def lead_approvable(base_url: str, agent: str, case_ids: list[str]) -> tuple[str, dict[str, Any]]:
    """A case of `agent` and plan options that need a lead and that a lead may approve
    (a down payment of 7 % of what is due: above a lead's minimum, below an agent's)."""
    for case_id in sorted(case_ids):
        for base in OPTION_SETS:
            first = _preview(base_url, agent, case_id, base)
            if first is None:
                continue
            pos = first["position"]
            due = sum(Decimal(pos[k]) for k in ("overdue_principal", "overdue_interest", "fees"))
            options = {
                **base,
                "down_payment": str((due * Decimal("0.07")).quantize(Decimal("0.01"))),
            }
            as_lead = _preview(base_url, agent, case_id, options, "lead")
            as_agent = _preview(base_url, agent, case_id, options)
            if as_lead is None or as_agent is None:
                continue
            if (
                as_lead["authority"]["outcome"] == "within_authority"
                and as_agent["authority"]["required_role"] == "lead"
            ):
                return case_id, options
    raise AssertionError("no case with a plan a lead may approve")
