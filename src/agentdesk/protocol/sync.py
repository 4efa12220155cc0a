"""The sync wire format: push ops, pull changes (see ARCHITECTURE.md, "Sync contract").

Push: `POST /sync/push` with a `PushRequest` (the device id and outbox ops in order);
the server answers a `PushResponse` with one `OpResult` per op, in the same order.
`applied` and `duplicate` mean the op is on the server (a duplicate is a retry of an op
already applied: nothing changed again). `rejected` carries a reason a person can read;
`conflict` carries the server's current version (and data) of the edited entity. An op
leaves a client's outbox only when it has an answer.

Pull: `GET /sync/pull?cursor=&limit=` answers a `PullResponse`: the changes visible to
the user after `cursor`, oldest first, the `next_cursor` to ask with next time, and
whether more changes wait. The cursor is opaque to the client: it only stores it (after
it has applied the page) and sends it back. Each change is an upsert (the entity's whole
current data, with its server version) or a removal (the entity is gone or the user
lost access to it: a removed `case` takes its timeline, plans and decisions with it).

Entity data travels as plain JSON objects whose shapes are the `*Data` models below
(`ENTITY_MODELS` maps each entity type to its model). Data models ignore fields they do
not know, so a newer server can add fields without breaking older clients; envelopes
refuse unknown fields.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetPydanticSchema,
    JsonValue,
    PlainSerializer,
    SkipValidation,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import core_schema

from agentdesk.domain.compliance.preferences import PreferenceKind, PreferenceSource
from agentdesk.domain.vocabulary import (
    Bucket,
    CallResult,
    Channel,
    ContactRelation,
    DelinquencyReason,
    Hold,
    Mood,
    PlanStatus,
    PromiseStatus,
    Stage,
)
from agentdesk.protocol.ops import Op, PlanDecision, TranscriptEntry

MAX_PUSH_OPS = 500
MAX_PULL_LIMIT = 5000


def _decimal_schema(_source: Any, _handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
    # Text, an integer or a Decimal, finite; never a float or a bool. Built from
    # pydantic-core's own validators: a first sync reads ~150,000 amounts, and a Python
    # call per amount cost a second.
    text_or_integer = core_schema.union_schema(
        [
            core_schema.str_schema(strict=True),
            core_schema.int_schema(strict=True),  # strict: no bool, no float
            core_schema.is_instance_schema(Decimal),
        ]
    )
    return core_schema.custom_error_schema(
        core_schema.chain_schema(
            [text_or_integer, core_schema.decimal_schema(allow_inf_nan=False)]
        ),
        custom_error_type="decimal_string",
        custom_error_message=(
            "金额必须是有限的十进制数字符串，不能是浮点数 / "
            "amounts must be finite decimal strings, not floats"
        ),
    )


DecimalString = Annotated[
    Decimal,
    GetPydanticSchema(_decimal_schema),
    WithJsonSchema({"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}),
    PlainSerializer(lambda number: format(number, "f"), return_type=str),
]
"""A decimal number (money, a rate) carried as a string: `"1250.00"`, `"0.049"`."""


class EntityType(StrEnum):
    """Kinds of entity a pull can carry."""

    CASE = "case"
    BORROWER = "borrower"
    CONTACT_POINT = "contact_point"
    LOAN = "loan"
    INSTALMENT = "instalment"
    PAYMENT = "payment"
    CONTACT_ATTEMPT = "contact_attempt"
    MESSAGE = "message"
    NOTE = "note"
    PROMISE = "promise"
    PLAN = "plan"
    PLAN_DECISION = "plan_decision"
    SCRIPT = "script"
    CONTACT_POLICY = "contact_policy"
    CONTACT_PREFERENCE = "contact_preference"


class ChangeKind(StrEnum):
    """Whether a change brings an entity's current data or takes the entity away."""

    UPSERT = "upsert"
    REMOVE = "remove"


class _Envelope(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Data(BaseModel):
    # Tolerant on purpose: a newer server may send fields this client does not know yet.
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1, max_length=100)


# ---------------------------------------------------------------- entity data


class CaseData(_Data):
    """A collection case with the figures the queue shows (the server keeps them current)."""

    borrower_id: str
    loan_id: str
    assignee_id: str | None = None
    stage: Stage
    dpd: int = Field(ge=0)
    bucket: Bucket
    amount_overdue: DecimalString
    outstanding: DecimalString = Decimal(0)
    currency: str = Field(default="CNY", pattern=r"^[A-Z]{3}$")
    holds: tuple[Hold, ...] = ()
    priority: int = 0
    borrower_name: str
    loan_number: str
    next_action_due: AwareDatetime | None = None
    next_action_reason: str = Field(
        default="", max_length=200, description="Why the next action is due ('' none)."
    )
    promise_status: PromiseStatus | None = None
    promise_due: date | None = None
    last_contact_at: AwareDatetime | None = None
    plan_status: PlanStatus | None = None
    queue_reason: str = Field(default="", description="Why the case is where it is, for people.")


class BorrowerData(_Data):
    """The borrower; the national id arrives masked (revealing it is an audited server call)."""

    name: str
    national_id_masked: str = ""
    birth_date: date | None = None
    time_zone: str = "Asia/Shanghai"
    language: str = "zh_CN"
    monthly_income: DecimalString | None = None
    monthly_expenses: DecimalString | None = None


class ContactPointData(_Data):
    """A phone number, address or e-mail of the borrower or of a third party."""

    borrower_id: str
    kind: str = Field(description="phone | address | email")
    value: str
    relation: ContactRelation
    contact_name: str | None = None


class ContactPreferenceData(_Data):
    """What the borrower said about being contacted (see `ContactPreferenceRecord`).

    It belongs to the borrower, so every case of theirs carries it. `cleared_at` set:
    it no longer holds (kept so the record of what held when is whole).
    """

    borrower_id: str
    kind: PreferenceKind
    contact_point_id: str | None = None
    channel: Channel | None = None
    weekdays: tuple[int, ...] = ()
    start: str | None = Field(default=None, description="HH:MM, borrower-local")
    end: str | None = Field(default=None, description="HH:MM, borrower-local")
    channels: tuple[Channel, ...] = ()
    source: PreferenceSource = PreferenceSource.CALL
    note: str = ""
    since: AwareDatetime
    recorded_by: str | None = None
    cleared_at: AwareDatetime | None = None
    cleared_by: str | None = None


class LoanData(_Data):
    """The loan and its balance broken down."""

    borrower_id: str
    loan_number: str
    product: str
    currency: str = Field(default="CNY", pattern=r"^[A-Z]{3}$")
    principal: DecimalString
    annual_rate: DecimalString
    term_months: int = Field(ge=1)
    method: str
    start_date: date
    first_due_date: date
    principal_due: DecimalString = Decimal(0)
    interest_due: DecimalString = Decimal(0)
    penalty_due: DecimalString = Decimal(0)
    fees_due: DecimalString = Decimal(0)


class InstalmentData(_Data):
    """One row of the loan's schedule."""

    loan_id: str
    seq: int = Field(ge=1)
    due_date: date
    principal: DecimalString
    interest: DecimalString
    fees: DecimalString = Decimal(0)
    total: DecimalString
    paid: DecimalString = Decimal(0)


class PaymentData(_Data):
    """A payment received on the loan."""

    loan_id: str
    paid_on: date
    amount: DecimalString
    channel: str = "bank_transfer"


class _CaseItem(_Data):
    case_id: str


class ContactAttemptData(_CaseItem):
    """A recorded contact attempt, as the server holds it."""

    user_id: str | None = None
    contact_point_id: str | None = None
    channel: Channel
    result: CallResult
    started_at: AwareDatetime
    ended_at: AwareDatetime | None = None
    mood: Mood | None = None
    delinquency_reason: DelinquencyReason | None = None
    notes: str = ""
    transcript: tuple[TranscriptEntry, ...] = ()


class MessageData(_CaseItem):
    """An SMS, e-mail or IM message sent to or received from the borrower."""

    channel: Channel
    direction: str = Field(default="outbound", description="outbound | inbound")
    body: str
    sent_at: AwareDatetime


class NoteData(_CaseItem):
    """A note on the case timeline."""

    author_id: str | None = None
    text: str
    created_at: AwareDatetime


class PromiseData(_CaseItem):
    """A promise to pay and how it stands."""

    amount: DecimalString
    currency: str = Field(default="CNY", pattern=r"^[A-Z]{3}$")
    due_date: date
    status: PromiseStatus
    created_at: AwareDatetime


class PlanData(_CaseItem):
    """A plan proposal with the server's own figures and its status."""

    proposed_by: str | None = None
    status: PlanStatus
    options: dict[str, JsonValue]
    figures: dict[str, JsonValue] = Field(default_factory=dict)
    required_role: str | None = None
    proposed_at: AwareDatetime
    decided_at: AwareDatetime | None = None


class PlanDecisionData(_CaseItem):
    """A lead's decision on a plan."""

    plan_id: str
    decided_by: str | None = None
    decision: PlanDecision
    comment: str = ""
    decided_at: AwareDatetime


class DocumentData(_Data):
    """A versioned document the client needs offline: a negotiation script or a policy."""

    version: int = Field(ge=1)
    language: str | None = None
    format: str = Field(default="yaml", description="yaml | json")
    body: str


ENTITY_MODELS: dict[EntityType, type[_Data]] = {
    EntityType.CASE: CaseData,
    EntityType.BORROWER: BorrowerData,
    EntityType.CONTACT_POINT: ContactPointData,
    EntityType.LOAN: LoanData,
    EntityType.INSTALMENT: InstalmentData,
    EntityType.PAYMENT: PaymentData,
    EntityType.CONTACT_ATTEMPT: ContactAttemptData,
    EntityType.MESSAGE: MessageData,
    EntityType.NOTE: NoteData,
    EntityType.PROMISE: PromiseData,
    EntityType.PLAN: PlanData,
    EntityType.PLAN_DECISION: PlanDecisionData,
    EntityType.SCRIPT: DocumentData,
    EntityType.CONTACT_POLICY: DocumentData,
    EntityType.CONTACT_PREFERENCE: ContactPreferenceData,
}


def parse_entity(entity_type: EntityType, data: dict[str, Any]) -> BaseModel:
    """Validate `data` against the model of `entity_type` (raises pydantic's error)."""
    return ENTITY_MODELS[entity_type].model_validate(data)


# ---------------------------------------------------------------- pull


class Change(_Envelope):
    """One change after the cursor: an entity's current data, or its removal."""

    seq: int = Field(ge=1, description="The server sequence at which the entity last changed.")
    entity_type: EntityType
    entity_id: str = Field(min_length=1, max_length=100)
    op: ChangeKind
    version: int = Field(ge=0, description="The entity's server version after this change.")
    # Plain dict: the entity's own model (ENTITY_MODELS) validates it where it is used;
    # checking every nested value as JSON here too doubled the cost of reading a page.
    data: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _data_matches_op(self) -> Change:
        if self.op is ChangeKind.UPSERT and self.data is None:
            raise ValueError("upsert 变更必须带 data / an upsert change needs data")
        if self.op is ChangeKind.REMOVE and self.data is not None:
            raise ValueError("remove 变更不带 data / a remove change carries no data")
        return self


class EntityBlock(_Envelope):
    """Many upserts of one entity type at one `seq`, without a per-entity envelope.

    A first sync carries a hundred thousand entities; sent as `Change`s, their envelopes
    were a quarter of the bytes and most of the cost of reading a page. `data[i]` is the
    whole data of one entity (its `id` inside) at server version `versions[i]`. The data
    objects are checked by their entity's model where they are applied, a block at a
    time, like `Change.data`.
    """

    entity_type: EntityType
    seq: int = Field(ge=1)
    versions: tuple[Annotated[int, Field(ge=0)], ...]
    data: SkipValidation[list[dict[str, Any]]]

    @model_validator(mode="after")
    def _aligned(self) -> EntityBlock:
        if not isinstance(self.data, list) or len(self.data) != len(self.versions):
            raise ValueError(
                "data 与 versions 必须一一对应 / data and versions must pair up one to one"
            )
        return self


class PullResponse(_Envelope):
    """A page of changes, oldest first; ask again with `next_cursor` while `has_more`.

    `blocks` (protocol 2, first-sync pages only) come before `changes`: a client applies
    the blocks in order, then the changes. A client that speaks protocol 1 gets every
    entity as a `Change` instead.
    """

    blocks: tuple[EntityBlock, ...] = ()
    changes: tuple[Change, ...]
    next_cursor: str
    has_more: bool

    @property
    def size(self) -> int:
        """How many changes the page carries, the entities of its blocks included."""
        return len(self.changes) + sum(len(block.versions) for block in self.blocks)


# ---------------------------------------------------------------- push


class PushRequest(_Envelope):
    """Outbox ops of one device, in the order they were made."""

    device_id: UUID
    ops: tuple[Op, ...] = Field(max_length=MAX_PUSH_OPS)


class OpStatus(StrEnum):
    """The server's answer to one op."""

    APPLIED = "applied"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    CONFLICT = "conflict"

    @property
    def needs_attention(self) -> bool:
        """A person must see this answer: the op's change did not happen."""
        return self in (OpStatus.REJECTED, OpStatus.CONFLICT)


class OpResult(_Envelope):
    """The answer for one op.

    `reason` is a sentence a person can read (rejections and conflicts must have one);
    `reason_code` is a stable machine word (e.g. `case_reassigned`, `plan_withdrawn`).
    A conflict names the entity's `server_version` and may carry its `current` data.
    """

    op_id: UUID
    status: OpStatus
    reason: str | None = None
    reason_code: str | None = None
    server_version: int | None = Field(default=None, ge=0)
    current: dict[str, JsonValue] | None = None

    @model_validator(mode="after")
    def _explained(self) -> OpResult:
        if self.status.needs_attention and not (self.reason and self.reason.strip()):
            raise ValueError(
                f"{self.status} 结果必须说明原因 reason / a {self.status} result needs a reason"
            )
        if self.status is OpStatus.CONFLICT and self.server_version is None:
            raise ValueError(
                "conflict 结果必须带 server_version / a conflict result needs server_version"
            )
        return self


class PushResponse(_Envelope):
    """One result per pushed op, in the order of the request."""

    results: tuple[OpResult, ...]
    server_time: AwareDatetime | None = None
