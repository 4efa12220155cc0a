"""Local stores on real SQLite files in tmp_path, and builders for server changes."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from agentdesk.client.changes import apply_changes
from agentdesk.client.store import LocalStore
from agentdesk.domain.vocabulary import Bucket
from agentdesk.protocol.sync import Change, ChangeKind, EntityType, PullResponse

NOW = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


class Clock:
    """A settable clock for the store (the store reads time only through it)."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[LocalStore]:
    local = LocalStore(tmp_path / "store.sqlite3", clock=clock)
    yield local
    local.close()


_seq = itertools.count(1)


def change(entity_type: EntityType, data: dict[str, Any], version: int = 1) -> Change:
    """An upsert change of `data` (which carries its id)."""
    return Change(seq=next(_seq), entity_type=entity_type, entity_id=str(data["id"]),
                  op=ChangeKind.UPSERT, version=version, data=data)


def removal(entity_type: EntityType, entity_id: str) -> Change:
    """A removal change."""
    return Change(seq=next(_seq), entity_type=entity_type, entity_id=entity_id,
                  op=ChangeKind.REMOVE, version=0)


def page(*changes: Change, cursor: str | None = None) -> PullResponse:
    """A pull page of these changes."""
    if cursor is None:
        cursor = str(changes[-1].seq) if changes else "0"
    return PullResponse(changes=changes, next_cursor=cursor, has_more=False)


@dataclass
class CaseSeed:
    """One case with its borrower, phones and loan, as the server would send it."""

    name: str = "张三"
    phones: tuple[str, ...] = ("13812345678",)
    loan_number: str = "LN20240001"
    dpd: int = 15
    amount_overdue: str = "1250.00"
    priority: int = 50
    case_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    borrower_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    loan_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    extra: dict[str, Any] = field(default_factory=dict)
    version: int = 1

    def case_data(self) -> dict[str, Any]:
        return {
            "id": self.case_id, "borrower_id": self.borrower_id, "loan_id": self.loan_id,
            "stage": "negotiation", "dpd": self.dpd, "bucket": str(Bucket.for_dpd(self.dpd)),
            "amount_overdue": self.amount_overdue, "priority": self.priority,
            "borrower_name": self.name, "loan_number": self.loan_number, **self.extra,
        }

    def changes(self) -> list[Change]:
        out = [change(EntityType.BORROWER, {"id": self.borrower_id, "name": self.name})]
        for n, phone in enumerate(self.phones):
            out.append(change(EntityType.CONTACT_POINT, {
                "id": f"{self.borrower_id}-{n}", "borrower_id": self.borrower_id,
                "kind": "phone", "value": phone,
                "relation": "borrower" if n == 0 else "emergency_contact"}))
        out.append(change(EntityType.LOAN, {
            "id": self.loan_id, "borrower_id": self.borrower_id,
            "loan_number": self.loan_number, "product": "instalment", "principal": "12000.00",
            "annual_rate": "0.0990", "term_months": 12, "method": "annuity",
            "start_date": "2025-06-01", "first_due_date": "2025-07-01",
            "principal_due": "1000.00", "interest_due": "99.00", "penalty_due": "12.50",
            "fees_due": "0"}))
        out.append(change(EntityType.CASE, self.case_data(), self.version))
        return out


def seed(store: LocalStore, *seeds: CaseSeed) -> list[CaseSeed]:
    """Apply the seeds' changes as one pulled page."""
    apply_changes(store, page(*(c for s in seeds for c in s.changes())))
    return list(seeds)
