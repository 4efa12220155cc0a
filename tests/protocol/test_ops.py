"""Op envelopes and payloads: validation, bilingual errors, JSON round trips."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from agentdesk.domain.vocabulary import CallResult, Channel
from agentdesk.protocol.ops import (
    CaseReassign,
    CaseScheduleFollowUp,
    ContactAttemptRecord,
    ContactPreferenceClear,
    ContactPreferenceRecord,
    NoteAdd,
    OpType,
    PlanDecide,
    PlanDecision,
    PlanPropose,
    PlanWithdraw,
    PromiseCreate,
    make_op,
    parse_op,
)

NOW = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
CASE = uuid.uuid4()


def test_every_op_type_round_trips_through_json() -> None:
    payloads = [
        (ContactAttemptRecord(case_id=CASE, channel=Channel.CALL,
                              result=CallResult.NO_ANSWER, started_at=NOW, ended_at=NOW,
                              transcript=[{"step_id": "open", "action": "answer",
                                           "value": "busy"}]), None),
        (NoteAdd(case_id=CASE, text="备注"), None),
        (PromiseCreate(case_id=CASE, amount="1250.5", due_date="2026-12-01"), None),
        (PlanPropose(case_id=CASE, options={"extension_months": 12, "waiver": "0.10"}), None),
        (PlanWithdraw(case_id=CASE), 3),
        (PlanDecide(case_id=CASE, decision_id=uuid.uuid4(), decision=PlanDecision.APPROVE), 2),
        (CaseReassign(case_id=CASE, to_user_id=uuid.uuid4()), 7),
        (ContactPreferenceRecord(case_id=CASE, kind="inconvenient_time", start="21:00",
                                 end="10:00", weekdays=(0, 1, 2, 3, 4)), None),
        (ContactPreferenceClear(case_id=CASE, reason="借款人改口"), None),
        (CaseScheduleFollowUp(case_id=CASE, due_at=NOW + timedelta(days=1),
                              reason="发薪日后再联系"), None),
    ]
    for payload, version in payloads:
        op = make_op(payload, entity_id=uuid.uuid4(), created_at=NOW, base_version=version)
        assert parse_op(op.model_dump_json()) == op
        assert parse_op(json.loads(op.model_dump_json())) == op
    assert {make_op(p, entity_id=uuid.uuid4(), created_at=NOW, base_version=v).type
            for p, v in payloads} == set(OpType)


def test_money_is_a_decimal_string_never_a_float() -> None:
    promise = PromiseCreate(case_id=CASE, amount="1250.50", due_date="2026-12-01")
    op = make_op(promise, entity_id=uuid.uuid4(), created_at=NOW)
    assert json.loads(op.model_dump_json())["payload"]["amount"] == "1250.50"
    assert promise.amount == Decimal("1250.50")
    with pytest.raises(ValidationError, match="not a float"):
        PromiseCreate(case_id=CASE, amount=12.5, due_date="2026-12-01")
    with pytest.raises(ValidationError, match="greater than 0"):
        PromiseCreate(case_id=CASE, amount="0", due_date="2026-12-01")
    with pytest.raises(ValidationError, match="金额最多 2 位小数"):
        PromiseCreate(case_id=CASE, amount="1.005", due_date="2026-12-01")
    with pytest.raises(ValidationError):
        PromiseCreate(case_id=CASE, amount="1", currency="yuan", due_date="2026-12-01")


def test_edits_need_a_base_version_and_creations_refuse_one() -> None:
    with pytest.raises(ValidationError, match="needs base_version"):
        make_op(PlanWithdraw(case_id=CASE), entity_id=uuid.uuid4(), created_at=NOW)
    with pytest.raises(ValidationError, match="takes no base_version"):
        make_op(NoteAdd(case_id=CASE, text="x"), entity_id=uuid.uuid4(), created_at=NOW,
                base_version=1)


def test_times_are_aware_and_stored_in_utc() -> None:
    shanghai = timezone(timedelta(hours=8))
    op = make_op(NoteAdd(case_id=CASE, text="x"), entity_id=uuid.uuid4(),
                 created_at=datetime(2026, 11, 28, 10, 0, tzinfo=shanghai))
    assert op.created_at == NOW and op.created_at.tzinfo == UTC
    with pytest.raises(ValidationError):
        make_op(NoteAdd(case_id=CASE, text="x"), entity_id=uuid.uuid4(),
                created_at=datetime(2026, 11, 28, 10, 0))


def test_contact_attempts_end_after_they_start() -> None:
    with pytest.raises(ValidationError, match="ended_at must not be before started_at"):
        ContactAttemptRecord(case_id=CASE, channel=Channel.CALL, result=CallResult.BUSY,
                             started_at=NOW, ended_at=NOW - timedelta(seconds=1))


def test_rejecting_or_returning_a_plan_needs_a_comment() -> None:
    with pytest.raises(ValidationError, match="comment is required"):
        PlanDecide(case_id=CASE, decision_id=uuid.uuid4(), decision=PlanDecision.REJECT)
    PlanDecide(case_id=CASE, decision_id=uuid.uuid4(), decision=PlanDecision.RETURN,
               comment="请补充收入证明")


def test_unknown_fields_and_types_are_refused() -> None:
    op = json.loads(make_op(NoteAdd(case_id=CASE, text="x"), entity_id=uuid.uuid4(),
                            created_at=NOW).model_dump_json())
    with pytest.raises(ValidationError):
        parse_op({**op, "extra": 1})
    with pytest.raises(ValidationError):
        parse_op({**op, "type": "note.delete"})
    with pytest.raises(ValidationError):
        parse_op({**op, "type": "promise.create"})  # payload does not fit the type


@settings(max_examples=50, deadline=None)
@given(cents=st.integers(min_value=1, max_value=10**12))
def test_any_positive_amount_in_cents_survives_the_wire(cents: int) -> None:
    amount = Decimal(cents) / 100
    op = make_op(PromiseCreate(case_id=CASE, amount=amount, due_date="2026-12-01"),
                 entity_id=uuid.uuid4(), created_at=NOW)
    assert parse_op(op.model_dump_json()).payload.amount == amount  # type: ignore[union-attr]
