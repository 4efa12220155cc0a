"""`contact_preference.record` / `.clear` payloads: what each kind needs, bilingual refusals."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from agentdesk.domain.vocabulary import Channel
from agentdesk.protocol.ops import (
    ContactPreferenceClear,
    ContactPreferenceRecord,
    OpType,
    make_op,
    parse_op,
)

CASE = uuid.uuid4()
NOW = datetime(2026, 3, 2, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("fields", "zh", "en"),
    [
        ({"kind": "channel_opt_out"}, "退订必须指明渠道", "an opt-out needs its channel"),
        ({"kind": "workplace_prohibits"}, "必须指明联系方式", "needs contact_point_id"),
        ({"kind": "inconvenient_time", "start": "08:00"}, "必须写明 start 和 end",
         "needs start and end"),
        ({"kind": "inconvenient_time", "start": "09:00", "end": "09:00"}, "不能相同",
         "start and end must differ"),
        ({"kind": "inconvenient_time", "start": "08:00", "end": "09:00", "weekdays": [1, 1]},
         "不能重复", "weekdays must not repeat"),
    ],
)
def test_each_kind_names_what_it_misses_in_both_languages(
    fields: dict[str, object], zh: str, en: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        ContactPreferenceRecord(case_id=CASE, **fields)  # type: ignore[arg-type]
    message = str(caught.value)
    assert zh in message and en in message


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "inconvenient_time", "start": "24:00", "end": "09:00"},
        {"kind": "inconvenient_time", "start": "8:00", "end": "09:00"},
        {"kind": "inconvenient_time", "start": "08:00", "end": "09:00", "weekdays": [7]},
        {"kind": "channel_opt_out", "channel": "pigeon"},
        {"kind": "shout"},
        {"kind": "channel_opt_out", "channel": "sms", "source": "rumour"},
        {"kind": "channel_opt_out", "channel": "sms", "note": "x" * 501},
    ],
)
def test_out_of_range_values_are_refused(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ContactPreferenceRecord(case_id=CASE, **fields)  # type: ignore[arg-type]


def test_both_ops_are_creations_without_a_base_version() -> None:
    record = make_op(
        ContactPreferenceRecord(case_id=CASE, kind="inconvenient_time", start="21:00",
                                end="09:00", channels=(Channel.CALL,)),
        entity_id=uuid.uuid4(), created_at=NOW,
    )
    clear = make_op(ContactPreferenceClear(case_id=CASE), entity_id=record.entity_id,
                    created_at=NOW)
    assert (record.type, clear.type) == (
        OpType.CONTACT_PREFERENCE_RECORD, OpType.CONTACT_PREFERENCE_CLEAR)
    assert not record.type.is_edit and not clear.type.is_edit
    with pytest.raises(ValidationError):
        make_op(ContactPreferenceClear(case_id=CASE), entity_id=record.entity_id,
                created_at=NOW, base_version=3)
    assert parse_op(record.model_dump_json()) == record
