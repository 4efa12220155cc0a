"""The plans waiting for a decision, read from the local store, and who may decide them.

No widgets here: the approval queue page shows what this module reads. The rules are the
domain's (`agentdesk.domain.authority.decide`) and the server's (four eyes): this module
only asks them, so the page can refuse up front what the server would refuse anyway.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from agentdesk.client.store import LocalStore
from agentdesk.domain.authority import AuthorityOutcome, AuthorityPolicy, decide
from agentdesk.domain.restructure import Concessions
from agentdesk.domain.vocabulary import Language, PlanStatus, Role
from agentdesk.protocol.plans import PreviewResponse
from agentdesk.protocol.sync import PlanData


@dataclass(frozen=True)
class PendingPlan:
    """One plan proposal with the case facts the approval queue lists."""

    plan: PlanData
    figures: PreviewResponse | None
    """The server's figures (None for a proposal not yet confirmed by the server)."""
    status: str
    local_state: str
    borrower_name: str
    loan_number: str
    assignee_id: str | None
    currency: str

    @property
    def plan_id(self) -> str:
        """The plan's id."""
        return self.plan.id

    @property
    def case_id(self) -> str:
        """The plan's case."""
        return self.plan.case_id

    def waited_hours(self, now: datetime) -> Decimal:
        """How long the proposal has waited, in hours (one decimal)."""
        seconds = max((now - self.plan.proposed_at).total_seconds(), 0)
        return (Decimal(seconds) / 3600).quantize(Decimal("0.1"))


_COLUMNS = (
    "SELECT p.data, p.status, p.local_state, c.borrower_name, c.loan_number, c.assignee_id,"
    " c.currency FROM plans p JOIN cases c ON c.case_id = p.case_id"
)


def _row(raw: tuple[str, str, str, str, str, str | None, str]) -> PendingPlan:
    plan = PlanData.model_validate_json(raw[0])
    try:
        figures = PreviewResponse.model_validate(plan.figures) if plan.figures else None
    except ValueError:  # a local proposal carries only the agent's preview summary
        figures = None
    return PendingPlan(plan, figures, raw[1], raw[2], raw[3], raw[4], raw[5], raw[6])


def pending_plans(store: LocalStore) -> list[PendingPlan]:
    """Pending plans of the cases this user sees, oldest proposal first."""
    with store.read() as db:
        rows = db.execute(_COLUMNS + " WHERE p.status = ?", (PlanStatus.PENDING.value,))
        plans = [_row(r) for r in rows.fetchall()]
    return sorted(plans, key=lambda p: (p.plan.proposed_at, p.plan_id))


def plan_by_id(store: LocalStore, plan_id: str) -> PendingPlan | None:
    """One plan, whatever its status (to re-open a plan a decision conflicted on)."""
    with store.read() as db:
        raw = db.execute(_COLUMNS + " WHERE p.plan_id = ?", (plan_id,)).fetchone()
    return None if raw is None else _row(raw)


def decided_plan_ids(db: sqlite3.Connection) -> set[str]:
    """Plans with a decision of ours still waiting in the outbox."""
    return {
        r[0]
        for r in db.execute(
            "SELECT entity_id FROM outbox WHERE op_type = 'plan.decide'"
        ).fetchall()
    }


class Refusal(StrEnum):
    """Why this user may not approve the plan (rejecting or returning stays possible)."""

    OWN_PLAN = "own_plan"
    BEYOND_AUTHORITY = "beyond_authority"
    NOT_CONFIRMED = "not_confirmed"
    NOT_PENDING = "not_pending"
    NOT_A_LEAD = "not_a_lead"


@dataclass(frozen=True)
class ApprovalCheck:
    """Whether the user may approve, and may decide at all, with the reasons."""

    may_approve: bool
    may_decide: bool
    refusal: Refusal | None
    reasons_zh: tuple[str, ...] = ()
    reasons_en: tuple[str, ...] = ()

    def reasons(self, language: Language) -> tuple[str, ...]:
        """The authority reasons in `language` (empty unless beyond authority)."""
        return self.reasons_zh if language is Language.ZH_CN else self.reasons_en


def concessions_of(figures: PreviewResponse) -> Concessions:
    """The domain's concessions from the server's figures."""
    k = figures.concessions
    return Concessions(
        extension_months=k.extension_months,
        total_term_months=k.total_term_months,
        waived_amount=k.waived_amount,
        waived_percent=k.waived_percent,
        rate_cut=k.rate_cut,
        present_value_loss=k.present_value_loss,
        down_payment=k.down_payment,
        down_payment_percent=k.down_payment_percent,
        grace_months=k.grace_months,
    )


def check_approval(
    item: PendingPlan, user_id: str, role: Role, policy: AuthorityPolicy
) -> ApprovalCheck:
    """May `user_id` (with `role`) decide this plan, and approve it? Same rules as the server.

    The server never lets anyone decide their own proposal (four eyes) and lets a lead
    approve only within the lead's limits; rejecting or returning grants nothing, so it
    stays open to any lead of the team.
    """
    if role not in (Role.LEAD, Role.ADMIN):
        return ApprovalCheck(False, False, Refusal.NOT_A_LEAD)
    if item.status != PlanStatus.PENDING.value:
        return ApprovalCheck(False, False, Refusal.NOT_PENDING)
    if item.plan.proposed_by == user_id:
        return ApprovalCheck(False, False, Refusal.OWN_PLAN)
    if item.figures is None:
        return ApprovalCheck(False, False, Refusal.NOT_CONFIRMED)
    verdict = decide(concessions_of(item.figures), role, policy)
    if verdict.outcome is not AuthorityOutcome.WITHIN_AUTHORITY:
        return ApprovalCheck(
            False,
            True,
            Refusal.BEYOND_AUTHORITY,
            tuple(verdict.reasons(Language.ZH_CN)),
            tuple(verdict.reasons(Language.EN)),
        )
    return ApprovalCheck(True, True, None)
