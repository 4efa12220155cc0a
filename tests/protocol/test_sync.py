"""Sync envelopes: changes, pages, push results."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError

from agentdesk.protocol.sync import (
    ENTITY_MODELS,
    CaseData,
    Change,
    ChangeKind,
    EntityType,
    OpResult,
    OpStatus,
    PullResponse,
    PushRequest,
    PushResponse,
    parse_entity,
)


def test_changes_carry_data_exactly_when_they_upsert() -> None:
    Change(seq=1, entity_type=EntityType.NOTE, entity_id="n", op=ChangeKind.REMOVE, version=2)
    with pytest.raises(ValidationError, match="upsert change needs data"):
        Change(seq=1, entity_type=EntityType.NOTE, entity_id="n", op=ChangeKind.UPSERT,
               version=2)
    with pytest.raises(ValidationError, match="carries no data"):
        Change(seq=1, entity_type=EntityType.NOTE, entity_id="n", op=ChangeKind.REMOVE,
               version=2, data={"id": "n"})


def test_a_pull_page_round_trips() -> None:
    page = PullResponse(changes=(Change(seq=5, entity_type=EntityType.CASE, entity_id="c",
                                        op=ChangeKind.REMOVE, version=3),),
                        next_cursor="opaque-5", has_more=True)
    assert PullResponse.model_validate_json(page.model_dump_json()) == page


def test_rejections_and_conflicts_must_explain_themselves() -> None:
    op_id = uuid.uuid4()
    OpResult(op_id=op_id, status=OpStatus.APPLIED)
    with pytest.raises(ValidationError, match="needs a reason"):
        OpResult(op_id=op_id, status=OpStatus.REJECTED)
    with pytest.raises(ValidationError, match="needs server_version"):
        OpResult(op_id=op_id, status=OpStatus.CONFLICT, reason="moved on")
    assert OpStatus.CONFLICT.needs_attention and not OpStatus.DUPLICATE.needs_attention
    response = PushResponse(results=(OpResult(op_id=op_id, status=OpStatus.CONFLICT,
                                              reason="plan withdrawn", server_version=4,
                                              current={"id": "p", "status": "withdrawn"}),))
    assert PushResponse.model_validate_json(response.model_dump_json()) == response


def test_a_push_request_is_bounded() -> None:
    PushRequest(device_id=uuid.uuid4(), ops=())
    with pytest.raises(ValidationError):
        PushRequest.model_validate({"device_id": str(uuid.uuid4()), "ops": [{}] * 501})


def test_entity_data_tolerates_new_fields_but_not_bad_values() -> None:
    assert set(ENTITY_MODELS) == set(EntityType)
    data = {"id": "c", "borrower_id": "b", "loan_id": "l", "stage": "legal", "dpd": 95,
            "bucket": "M3+", "amount_overdue": "10.50", "borrower_name": "王芳",
            "loan_number": "LN1", "something_new": True}
    case = parse_entity(EntityType.CASE, data)
    assert isinstance(case, CaseData) and str(case.amount_overdue) == "10.50"
    with pytest.raises(ValidationError):
        parse_entity(EntityType.CASE, {**data, "amount_overdue": 10.5})
    with pytest.raises(ValidationError):
        parse_entity(EntityType.CASE, {**data, "dpd": -1})
