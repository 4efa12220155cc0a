"""A realistic delinquent case in a real local store, for the call and plan tests.

A 24,000 CNY loan at 12 % a year over 24 months (first due 1 Oct 2025), twelve
instalments paid, the October and November 2026 instalments missed: on 28 Nov 2026 the
case is 58 days past due (M2). The borrower lives in Shanghai and has one phone; an
emergency contact has another.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from agentdesk.client.changes import apply_changes
from agentdesk.client.store import LocalStore
from agentdesk.domain.schedule import LoanTerms, RepaymentMethod, build_schedule
from agentdesk.domain.vocabulary import Bucket, Language, Role
from agentdesk.protocol.sync import Change, ChangeKind, EntityType, PullResponse

TODAY = date(2026, 11, 28)
TERMS = LoanTerms(
    principal=Decimal("24000.00"),
    annual_rate=Decimal("0.12"),
    term_months=24,
    first_due_date=date(2025, 10, 1),
    method=RepaymentMethod.ANNUITY,
)
PAID = 12

_seq = itertools.count(1)


def _change(kind: EntityType, data: dict[str, Any]) -> Change:
    return Change(seq=next(_seq), entity_type=kind, entity_id=str(data["id"]),
                  op=ChangeKind.UPSERT, version=1, data=data)


@dataclass
class SeededCase:
    """Ids of what was seeded."""

    case_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    borrower_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    loan_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    phone_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    relative_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    amount_overdue: Decimal = Decimal(0)
    outstanding: Decimal = Decimal(0)


def seed_case(
    store: LocalStore,
    *,
    name: str = "张伟",
    time_zone: str = "Asia/Shanghai",
    holds: tuple[str, ...] = (),
    language: str = "en",
) -> SeededCase:
    """Write one case with its borrower, phones, loan, schedule and payments to `store`."""
    ids = SeededCase()
    schedule = build_schedule(TERMS)
    overdue = [i for i in schedule.instalments[PAID:] if i.due_date <= TODAY]
    ids.amount_overdue = sum((i.total for i in overdue), Decimal(0))
    ids.outstanding = schedule.instalments[PAID - 1].remaining_principal
    changes = [
        _change(EntityType.BORROWER, {
            "id": ids.borrower_id, "name": name, "time_zone": time_zone, "language": language,
            "monthly_income": "9000.00", "monthly_expenses": "4500.00"}),
        _change(EntityType.CONTACT_POINT, {
            "id": ids.phone_id, "borrower_id": ids.borrower_id, "kind": "phone",
            "value": "13812345678", "relation": "borrower"}),
        _change(EntityType.CONTACT_POINT, {
            "id": ids.relative_id, "borrower_id": ids.borrower_id, "kind": "phone",
            "value": "13987654321", "relation": "emergency_contact", "contact_name": "李娜"}),
        _change(EntityType.LOAN, {
            "id": ids.loan_id, "borrower_id": ids.borrower_id, "loan_number": "LN2025100017",
            "product": "consumer instalment loan", "principal": "24000.00",
            "annual_rate": "0.12", "term_months": 24, "method": "annuity",
            "start_date": "2025-09-01", "first_due_date": "2025-10-01"}),
    ]
    for inst in schedule.instalments:
        changes.append(_change(EntityType.INSTALMENT, {
            "id": str(uuid.uuid4()), "loan_id": ids.loan_id, "seq": inst.number,
            "due_date": inst.due_date.isoformat(), "principal": str(inst.principal),
            "interest": str(inst.interest), "total": str(inst.total),
            "paid": str(inst.total) if inst.number <= PAID else "0"}))
    for inst in schedule.instalments[:PAID]:
        changes.append(_change(EntityType.PAYMENT, {
            "id": str(uuid.uuid4()), "loan_id": ids.loan_id,
            "paid_on": inst.due_date.isoformat(), "amount": str(inst.total)}))
    dpd = (TODAY - overdue[0].due_date).days
    changes.append(_change(EntityType.CASE, {
        "id": ids.case_id, "borrower_id": ids.borrower_id, "loan_id": ids.loan_id,
        "stage": "negotiation", "dpd": dpd, "bucket": str(Bucket.for_dpd(dpd)),
        "amount_overdue": str(ids.amount_overdue), "outstanding": str(ids.outstanding),
        "holds": list(holds), "priority": 80, "borrower_name": name,
        "loan_number": "LN2025100017"}))
    apply_changes(store, PullResponse(changes=tuple(changes), next_cursor="1", has_more=False))
    return ids


def make_context(
    tmp_path: Path, now: datetime, role: Role = Role.AGENT, language: Language = Language.EN
) -> Any:
    """A real session context over a fresh store file whose clock is `now`."""
    from agentdesk.ui.context import AppContext, SessionUser

    store = LocalStore(tmp_path / "agent.sqlite3", clock=lambda: now.astimezone(UTC))
    user = SessionUser(user_id=str(uuid.uuid4()), username="wang.fang",
                       display_name="王芳" if language is Language.ZH_CN else "Wang Fang",
                       role=role, language=language)
    return AppContext(server_url="http://127.0.0.1:9", user=user, store=store,
                      language=language)
