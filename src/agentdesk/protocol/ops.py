"""Outbox ops: every change a client makes, as it travels to the server.

A client never edits server data directly. Each thing an agent or a lead does (records a
contact attempt, adds a note, takes a promise to pay, proposes, withdraws or decides a
plan, reassigns a case) becomes one *op*: an envelope with a client-made `op_id` (UUID),
the op `type`, the id of the entity it creates or edits, the entity version an edit was
based on, when it was made, and a typed payload. The client writes the op to its outbox
in the same local transaction as the local change, and pushes it later; the server
applies each `op_id` exactly once.

Rules of the envelope:

- `entity_id` is the entity the op *creates* (attempt, note, promise, plan: a fresh
  client-made UUID) or *edits* (the plan being withdrawn or decided, the case being
  reassigned). Payloads do not repeat it.
- Edits carry `base_version`, the server version of the edited entity the client saw;
  the server answers *conflict* when its version moved on. Creations carry none.
- Every payload names its `case_id`: authorisation is per case, and a client keeps a
  case's local copy until every op on it has been answered.
- Money is a decimal string on the wire (`"1250.00"`), never a float; times are UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any, Literal
from uuid import UUID, uuid4

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    JsonValue,
    PlainSerializer,
    TypeAdapter,
    field_validator,
    model_validator,
)

from agentdesk.domain.compliance.preferences import PreferenceKind, PreferenceSource
from agentdesk.domain.vocabulary import CallResult, Channel, DelinquencyReason, Mood

__all__ = [
    "CaseReassign",
    "CaseScheduleFollowUp",
    "ContactAttemptRecord",
    "ContactPreferenceClear",
    "ContactPreferenceRecord",
    "Money",
    "NoteAdd",
    "Op",
    "OpPayload",
    "OpType",
    "PlanDecide",
    "PlanDecision",
    "PlanPropose",
    "PlanWithdraw",
    "PromiseCreate",
    "TranscriptEntry",
    "make_op",
    "op_adapter",
    "parse_op",
]

MAX_NOTE_LENGTH = 4000
MAX_AMOUNT_PLACES = 2
MAX_FOLLOW_UP_REASON = 200


class OpType(StrEnum):
    """What an op does; the value is the wire name (`noun.verb`)."""

    CONTACT_ATTEMPT_RECORD = "contact_attempt.record"
    NOTE_ADD = "note.add"
    PROMISE_CREATE = "promise.create"
    PLAN_PROPOSE = "plan.propose"
    PLAN_WITHDRAW = "plan.withdraw"
    PLAN_DECIDE = "plan.decide"
    CASE_REASSIGN = "case.reassign"
    CONTACT_PREFERENCE_RECORD = "contact_preference.record"
    CONTACT_PREFERENCE_CLEAR = "contact_preference.clear"
    CASE_SCHEDULE_FOLLOW_UP = "case.schedule_follow_up"

    @property
    def is_edit(self) -> bool:
        """Edits change an existing server entity and must carry `base_version`."""
        return self in _EDITS


_EDITS = frozenset({OpType.PLAN_WITHDRAW, OpType.PLAN_DECIDE, OpType.CASE_REASSIGN})


def _parse_money(value: object) -> Decimal:
    # Floats are refused outright: 0.1 + 0.2 is how money goes missing.
    if isinstance(value, bool | float):
        raise ValueError(
            '金额必须是十进制字符串（例如 "1250.00"），不能是浮点数 / '
            'amount must be a decimal string such as "1250.00", not a float'
        )
    try:
        amount = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except InvalidOperation as error:
        raise ValueError(
            f"金额 {value!r} 不是有效的十进制数 / amount {value!r} is not a decimal number"
        ) from error
    if not amount.is_finite() or amount <= 0:
        raise ValueError(
            f"金额必须大于 0，收到 {value} / amount must be greater than 0, got {value}"
        )
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_AMOUNT_PLACES:
        raise ValueError(
            f"金额最多 {MAX_AMOUNT_PLACES} 位小数，收到 {value} / "
            f"amount allows at most {MAX_AMOUNT_PLACES} decimal places, got {value}"
        )
    return amount


Money = Annotated[
    Decimal,
    BeforeValidator(_parse_money),
    PlainSerializer(lambda amount: format(amount, "f"), return_type=str),
]
"""A positive amount of money with at most two decimal places; a decimal string on the wire."""

Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. CNY")]


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    case_id: UUID = Field(description="The case this op belongs to.")


class TranscriptEntry(BaseModel):
    """One step of the negotiation script as walked during the call, as plain data.

    `step_id` names the script step; `action` says what happened there (an answer
    button, a disclosure ticked, an objection or de-escalation used, the third-party
    switch); `value` is the chosen answer or ticked item, if any.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    step_id: str = Field(min_length=1, max_length=100)
    action: str = Field(min_length=1, max_length=50)
    value: str | None = Field(default=None, max_length=500)
    at: AwareDatetime | None = None


class ContactAttemptRecord(_Payload):
    """`contact_attempt.record`: a call (or other contact) and its outcome."""

    contact_point_id: UUID | None = Field(
        default=None, description="The number or address used; None for a visit or letter."
    )
    channel: Channel
    result: CallResult
    started_at: AwareDatetime
    ended_at: AwareDatetime
    mood: Mood | None = None
    delinquency_reason: DelinquencyReason | None = None
    notes: str = Field(default="", max_length=MAX_NOTE_LENGTH)
    script_id: str | None = Field(default=None, max_length=100)
    script_version: int | None = Field(default=None, ge=1)
    transcript: tuple[TranscriptEntry, ...] = ()
    next_follow_up_at: AwareDatetime | None = None

    @field_validator("started_at", "ended_at", "next_follow_up_at")
    @classmethod
    def _in_utc(cls, value: datetime | None) -> datetime | None:
        return None if value is None else _utc(value)

    @model_validator(mode="after")
    def _ends_after_start(self) -> ContactAttemptRecord:
        if self.ended_at < self.started_at:
            raise ValueError(
                "结束时间 ended_at 不能早于开始时间 started_at / "
                "ended_at must not be before started_at"
            )
        return self


class NoteAdd(_Payload):
    """`note.add`: a free-text note on the case timeline."""

    text: str = Field(min_length=1, max_length=MAX_NOTE_LENGTH)


class PromiseCreate(_Payload):
    """`promise.create`: the borrower promises to pay `amount` by `due_date`."""

    amount: Money
    currency: Currency = "CNY"
    due_date: date
    contact_attempt_id: UUID | None = Field(
        default=None, description="The contact attempt during which the promise was made."
    )


class PlanPropose(_Payload):
    """`plan.propose`: a restructuring proposal for the case's loan.

    `options` are the restructuring engine's inputs (`agentdesk.domain.plan_options.
    RestructureOptions`) as plain JSON data, only the fields the agent changed:
    `capitalise_arrears`, `extra_months`, `grace_months`, `grace_kind`,
    `new_annual_rate`, `penalty_waiver` / `fee_waiver` (`{"kind": "amount"|"percent",
    "value": "…"}`), `down_payment`, `step_up`, `first_due_date`, `method`; decimals as
    strings. The server recomputes the plan from them with the same domain engine and
    never trusts client figures; `preview` carries what the agent saw, for the record.
    """

    options: dict[str, JsonValue]
    justification: str = Field(default="", max_length=MAX_NOTE_LENGTH)
    preview: dict[str, JsonValue] | None = None


class PlanWithdraw(_Payload):
    """`plan.withdraw`: the proposing agent takes a pending plan back."""

    reason: str = Field(default="", max_length=MAX_NOTE_LENGTH)


class PlanDecision(StrEnum):
    """A lead's answer to a plan proposal."""

    APPROVE = "approve"
    REJECT = "reject"
    RETURN = "return"


class PlanDecide(_Payload):
    """`plan.decide`: a lead approves, rejects or returns a plan (entity = the plan).

    `decision_id` is the client-made id of the decision record itself. A comment is
    required when rejecting or returning, so the agent learns why.
    """

    decision_id: UUID
    decision: PlanDecision
    comment: str = Field(default="", max_length=MAX_NOTE_LENGTH)

    @model_validator(mode="after")
    def _comment_when_not_approving(self) -> PlanDecide:
        if self.decision is not PlanDecision.APPROVE and not self.comment.strip():
            raise ValueError(
                "驳回或退回时必须填写意见 comment / "
                "comment is required when rejecting or returning a plan"
            )
        return self


class CaseReassign(_Payload):
    """`case.reassign`: a lead moves the case to another agent (entity = the case)."""

    to_user_id: UUID
    reason: str = Field(default="", max_length=MAX_NOTE_LENGTH)


class CaseScheduleFollowUp(_Payload):
    """`case.schedule_follow_up`: when the case should be worked next (entity = the case).

    Not an edit in the conflict sense (no `base_version`): a case's version moves with
    every payment, and a follow-up never undoes anyone's work. The latest decision
    stands, judged by the op's `created_at` (`agentdesk.domain.follow_up`). `due_at`
    must be after `created_at`; `reason` is a short optional line shown on the case.
    """

    due_at: AwareDatetime
    reason: str = Field(default="", max_length=MAX_FOLLOW_UP_REASON)

    @field_validator("due_at")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        return _utc(value)


MAX_PREFERENCE_NOTE = 500
_CLOCK = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


class ContactPreferenceRecord(_Payload):
    """`contact_preference.record`: what the borrower said about being contacted.

    The entity is the new statement (a client-made UUID); it belongs to the case's
    borrower and applies to every case of theirs. One of three kinds:

    - `channel_opt_out`: `channel` (and `contact_point_id` when it is about one point
      only; none = all of the borrower's own contact points) — "no SMS";
    - `workplace_prohibits`: `contact_point_id`, a workplace number or address whose
      employer forbids contact — "don't call me at work";
    - `inconvenient_time`: `start`–`end` ("HH:MM", the borrower's local time; start
      after end runs past midnight), `weekdays` (0 = Monday … 6 = Sunday, none = every
      day), `channels` (none = every channel) — "not before 10:00 on weekdays".

    It holds from the op's `created_at`; `source` says how it reached the lender.
    """

    kind: PreferenceKind
    contact_point_id: UUID | None = None
    channel: Channel | None = None
    weekdays: tuple[Annotated[int, Field(ge=0, le=6)], ...] = Field(default=(), max_length=7)
    start: str | None = Field(default=None, pattern=_CLOCK)
    end: str | None = Field(default=None, pattern=_CLOCK)
    channels: tuple[Channel, ...] = ()
    source: PreferenceSource = PreferenceSource.CALL
    note: str = Field(default="", max_length=MAX_PREFERENCE_NOTE)

    @model_validator(mode="after")
    def _fields_of_kind(self) -> ContactPreferenceRecord:
        if self.kind is PreferenceKind.CHANNEL_OPT_OUT and self.channel is None:
            raise ValueError("退订必须指明渠道 channel / an opt-out needs its channel")
        if self.kind is PreferenceKind.WORKPLACE_PROHIBITS and self.contact_point_id is None:
            raise ValueError(
                "“单位禁止联系”必须指明联系方式 contact_point_id / "
                "a workplace that prohibits contact needs contact_point_id"
            )
        if self.kind is PreferenceKind.INCONVENIENT_TIME:
            if self.start is None or self.end is None:
                raise ValueError(
                    "不便时段必须写明 start 和 end（HH:MM） / "
                    "an inconvenient time needs start and end (HH:MM)"
                )
            if self.start == self.end:
                raise ValueError(
                    "不便时段的开始与结束时间不能相同 / start and end must differ"
                )
            if len(set(self.weekdays)) != len(self.weekdays):
                raise ValueError("星期 weekdays 不能重复 / weekdays must not repeat")
        return self


class ContactPreferenceClear(_Payload):
    """`contact_preference.clear`: a recorded statement no longer holds (entity = it).

    Not an edit in the conflict sense (no `base_version`): clearing is idempotent, and
    clearing one already cleared changes nothing.
    """

    reason: str = Field(default="", max_length=MAX_PREFERENCE_NOTE)


class _OpBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    op_id: UUID
    entity_id: UUID
    base_version: int | None = Field(default=None, ge=0)
    created_at: AwareDatetime

    @field_validator("created_at")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        return _utc(value)

    @model_validator(mode="after")
    def _base_version_for_edits(self) -> Any:
        op_type = OpType(getattr(self, "type"))  # noqa: B009 - declared by each subclass
        if op_type.is_edit and self.base_version is None:
            raise ValueError(
                f"{op_type} 是修改操作，必须带 base_version / "
                f"{op_type} edits an entity and needs base_version"
            )
        if not op_type.is_edit and self.base_version is not None:
            raise ValueError(
                f"{op_type} 是新建操作，不能带 base_version / "
                f"{op_type} creates an entity and takes no base_version"
            )
        return self


class ContactAttemptRecordOp(_OpBase):
    type: Literal[OpType.CONTACT_ATTEMPT_RECORD] = OpType.CONTACT_ATTEMPT_RECORD
    payload: ContactAttemptRecord


class NoteAddOp(_OpBase):
    type: Literal[OpType.NOTE_ADD] = OpType.NOTE_ADD
    payload: NoteAdd


class PromiseCreateOp(_OpBase):
    type: Literal[OpType.PROMISE_CREATE] = OpType.PROMISE_CREATE
    payload: PromiseCreate


class PlanProposeOp(_OpBase):
    type: Literal[OpType.PLAN_PROPOSE] = OpType.PLAN_PROPOSE
    payload: PlanPropose


class PlanWithdrawOp(_OpBase):
    type: Literal[OpType.PLAN_WITHDRAW] = OpType.PLAN_WITHDRAW
    payload: PlanWithdraw


class PlanDecideOp(_OpBase):
    type: Literal[OpType.PLAN_DECIDE] = OpType.PLAN_DECIDE
    payload: PlanDecide


class CaseReassignOp(_OpBase):
    type: Literal[OpType.CASE_REASSIGN] = OpType.CASE_REASSIGN
    payload: CaseReassign


class ContactPreferenceRecordOp(_OpBase):
    type: Literal[OpType.CONTACT_PREFERENCE_RECORD] = OpType.CONTACT_PREFERENCE_RECORD
    payload: ContactPreferenceRecord


class ContactPreferenceClearOp(_OpBase):
    type: Literal[OpType.CONTACT_PREFERENCE_CLEAR] = OpType.CONTACT_PREFERENCE_CLEAR
    payload: ContactPreferenceClear


class CaseScheduleFollowUpOp(_OpBase):
    type: Literal[OpType.CASE_SCHEDULE_FOLLOW_UP] = OpType.CASE_SCHEDULE_FOLLOW_UP
    payload: CaseScheduleFollowUp


Op = Annotated[
    ContactAttemptRecordOp
    | NoteAddOp
    | PromiseCreateOp
    | PlanProposeOp
    | PlanWithdrawOp
    | PlanDecideOp
    | ContactPreferenceRecordOp
    | ContactPreferenceClearOp
    | CaseReassignOp
    | CaseScheduleFollowUpOp,
    Field(discriminator="type"),
]
"""Any op envelope; `type` selects the payload model."""

OpPayload = (
    ContactAttemptRecord
    | NoteAdd
    | PromiseCreate
    | PlanPropose
    | PlanWithdraw
    | PlanDecide
    | ContactPreferenceRecord
    | ContactPreferenceClear
    | CaseReassign
    | CaseScheduleFollowUp
)

_OP_TYPE: dict[type[BaseModel], OpType] = {
    ContactAttemptRecord: OpType.CONTACT_ATTEMPT_RECORD,
    NoteAdd: OpType.NOTE_ADD,
    PromiseCreate: OpType.PROMISE_CREATE,
    PlanPropose: OpType.PLAN_PROPOSE,
    PlanWithdraw: OpType.PLAN_WITHDRAW,
    PlanDecide: OpType.PLAN_DECIDE,
    CaseReassign: OpType.CASE_REASSIGN,
    ContactPreferenceRecord: OpType.CONTACT_PREFERENCE_RECORD,
    ContactPreferenceClear: OpType.CONTACT_PREFERENCE_CLEAR,
    CaseScheduleFollowUp: OpType.CASE_SCHEDULE_FOLLOW_UP,
}

op_adapter: TypeAdapter[Op] = TypeAdapter(Op)
"""Validates any op envelope from Python data or JSON (`op_adapter.validate_json`)."""


def parse_op(data: dict[str, Any] | str | bytes) -> Op:
    """Validate one op envelope given as a dict or as JSON text."""
    if isinstance(data, str | bytes):
        return op_adapter.validate_json(data)
    return op_adapter.validate_python(data)


def make_op(
    payload: OpPayload,
    *,
    entity_id: UUID,
    created_at: datetime,
    base_version: int | None = None,
    op_id: UUID | None = None,
) -> Op:
    """Wrap `payload` in the envelope of its op type, with a fresh `op_id` unless given."""
    return op_adapter.validate_python(
        {
            "op_id": op_id or uuid4(),
            "type": _OP_TYPE[type(payload)],
            "entity_id": entity_id,
            "base_version": base_version,
            "created_at": created_at,
            "payload": payload,
        }
    )
