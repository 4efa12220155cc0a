"""`POST /sync/push`: each op applied exactly once, in its own transaction, by `op_id`.

For each op, in order, one transaction:

1. apply the op;
2. insert the op's row, with its answer, into the op log (`sync_ops`, primary key
   `op_id`) and commit — effect and answer together, or neither. A twin of the same op
   applied at the same moment by another process fails here (or earlier, on the key of
   a row the op creates); its whole transaction is rolled back, and it finds the first
   one's row and answers from it (*duplicate*);
3. a refusal rolls the op's transaction back (nothing of its effect stays) and becomes
   the op's *rejected* or *conflict* answer, recorded the same way in a transaction of
   its own.

A repeated `op_id` gets the stored answer (*applied* comes back as *duplicate*) and
changes nothing; the same `op_id` with other content is rejected. One bad op never
sinks the batch: its refusal is its own answer and the next op goes on. Only a database
that cannot be reached stops the batch (503; the client retries, and what was already
applied answers as duplicates).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple, cast

from pydantic import ValidationError
from sqlalchemy import Engine, Table, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from agentdesk.domain.authority import AuthorityPolicy
from agentdesk.domain.errors import DomainError
from agentdesk.domain.vocabulary import Language
from agentdesk.protocol.ops import ContactAttemptRecordOp, Op, parse_op
from agentdesk.protocol.sync import OpResult, OpStatus
from agentdesk.server import plain_insert
from agentdesk.server.base import utcnow
from agentdesk.server.db import IMMEDIATE, begin_write, is_sqlite
from agentdesk.server.deps import Principal
from agentdesk.server.errors import ApiError, domain_error
from agentdesk.server.sync import borrower_memo
from agentdesk.server.sync.apply import Conflict, apply_op
from agentdesk.server.sync.batch import batch
from agentdesk.server.sync.borrower_memo import remembering
from agentdesk.server.sync.models import SyncOp

CLAIM_RETRIES = 3


# The op log's one write, compiled once; its values go as parameters.
_OP_LOG = cast(Table, SyncOp.__table__)


def op_digest(op: Op) -> str:
    """SHA-256 of the op's canonical JSON: what "the same op" means."""
    canonical = json.dumps(op.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _reason(exc: ApiError, language: Language) -> str:
    return exc.zh if language is Language.ZH_CN else exc.en


def _refusal(op_id: uuid.UUID, exc: ApiError, language: Language) -> OpResult:
    if isinstance(exc, Conflict):
        return OpResult(
            op_id=op_id,
            status=OpStatus.CONFLICT,
            reason=_reason(exc, language),
            reason_code=exc.code,
            server_version=exc.version,
            current=exc.current,
        )
    return OpResult(
        op_id=op_id, status=OpStatus.REJECTED, reason=_reason(exc, language), reason_code=exc.code
    )


class Answered(NamedTuple):
    """What the op log keeps of an op to answer its retries."""

    user_id: uuid.UUID
    payload_hash: str
    result: dict[str, Any]


def _answer_again(
    row: SyncOp | Answered, op_id: uuid.UUID, digest: str, principal: Principal, language: Language
) -> OpResult:
    if row.payload_hash != digest or row.user_id != principal.user_id:
        return OpResult(
            op_id=op_id,
            status=OpStatus.REJECTED,
            reason=(
                "该操作编号已用于另一项不同的操作，本操作未生效。"
                if language is Language.ZH_CN
                else "This op id was already used for a different op; this one was not applied."
            ),
            reason_code="op_id_reused",
        )
    first = OpResult.model_validate(row.result)
    if first.status is OpStatus.APPLIED:
        return first.model_copy(update={"status": OpStatus.DUPLICATE})
    return first


def push_batch(
    factory: sessionmaker[Session],
    principal: Principal,
    device_id: uuid.UUID,
    raw_ops: list[dict[str, Any]],
    policy: AuthorityPolicy,
    language: Language,
) -> list[OpResult]:
    """Each op of a pushed batch, in order, each in its own transaction; their answers.

    The ops share one session (one pooled connection) and what `batch` reads once, but
    never a transaction: after each op the session forgets every row it loaded, so the
    next op reads the database afresh, as if it came alone."""
    results: list[OpResult] = []
    with batch(), remembering(), _batch_session(factory) as db:
        parsed_ops = [parse_or_refuse(raw, language) for raw in raw_ops]
        answered = answered_before(db, [op for op in parsed_ops if not isinstance(op, OpResult)])
        _read_ahead(db, [op for op in parsed_ops if op.op_id not in answered])
        for parsed in parsed_ops:
            if isinstance(parsed, OpResult):
                results.append(parsed)
                continue
            first = answered.get(parsed.op_id)
            if first is not None:
                # A committed op log row is final (its answer is stored in the
                # transaction that claims it), so a retry is answered from it directly.
                results.append(
                    _answer_again(first, parsed.op_id, op_digest(parsed), principal, language)
                )
                continue
            try:
                results.append(push_one(db, principal, device_id, parsed, policy, language))
            finally:
                db.expunge_all()
    return results


@contextmanager
def _batch_session(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One session on one connection for the whole batch (each op still commits its own
    transaction on it): taking a pooled connection per op and handing it back cost a
    share of every op. On SQLite every transaction on it takes the write lock up front
    (BEGIN IMMEDIATE), as `begin_write` would."""
    engine = factory.kw.get("bind")
    if not isinstance(engine, Engine):
        with factory() as plain:
            yield plain
        return
    with engine.connect() as conn:
        if is_sqlite(engine):
            conn.execution_options(**{IMMEDIATE: True})
        with factory(bind=conn) as db:
            yield db


def _read_ahead(db: Session, ops: list[Op | OpResult]) -> None:
    # The facts the batch's attempts are judged against, read for all of them at once
    # (`borrower_memo`); the read transaction is ended after.
    borrower_memo.read_ahead(
        db, [op.payload.case_id for op in ops if isinstance(op, ContactAttemptRecordOp)]
    )
    db.rollback()


def answered_before(db: Session, ops: list[Op]) -> dict[uuid.UUID, Answered]:
    """The op log rows of those of `ops` already applied, read with one SELECT per
    500 ops (a retried batch is mostly such ops). The read transaction is ended after."""
    ids = list({op.op_id for op in ops})
    found: dict[uuid.UUID, Answered] = {}
    for start in range(0, len(ids), 500):
        stmt = select(SyncOp.op_id, SyncOp.user_id, SyncOp.payload_hash, SyncOp.result).where(
            SyncOp.op_id.in_(ids[start : start + 500])
        )
        for op_id, user_id, payload_hash, result in db.execute(stmt):
            found[op_id] = Answered(user_id, payload_hash, result)
    db.rollback()
    return found


def push_one(
    db: Session,
    principal: Principal,
    device_id: uuid.UUID,
    op: Op,
    policy: AuthorityPolicy,
    language: Language,
) -> OpResult:
    """Apply one op exactly once and return its answer (see the module docstring).

    `db` must have no transaction with changes; each try runs in a transaction of its
    own, committed or rolled back before this returns."""
    digest = op_digest(op)
    row = {
        "op_id": op.op_id,
        "user_id": principal.user_id,
        "device_id": device_id,
        "op_type": str(op.type),
        "case_id": op.payload.case_id,
        "payload_hash": digest,
    }
    for attempt in range(CLAIM_RETRIES):
        begin_write(db)
        # A first try goes straight to applying (most ops are new; retries of a batch
        # were answered from the op log before); after a lost race for the op id, the
        # op log row is there to answer from.
        existing = db.get(SyncOp, op.op_id) if attempt else None
        if existing is not None:
            answer = _answer_again(existing, op.op_id, digest, principal, language)
            db.rollback()  # end the (read-only) transaction: the session goes on
            return answer
        try:
            version = apply_op(db, principal, op, policy)
        except (ApiError, DomainError) as exc:
            # Nothing of a refused op stays: its transaction is rolled back, and its
            # answer is recorded in a transaction of its own.
            db.rollback()
            borrower_memo.rolled_back()
            error = domain_error(exc) if isinstance(exc, DomainError) else exc
            result = _refusal(op.op_id, error, language)
            begin_write(db)
        else:
            result = OpResult(op_id=op.op_id, status=OpStatus.APPLIED, server_version=version)
        # The op log row with its answer, a plain INSERT (no mapped object: nothing
        # reads it back in this transaction). Its key is the op id: if a twin of this
        # op committed first, this fails and everything this try did is rolled back.
        try:
            plain_insert.run(
                db.connection(),
                _OP_LOG,
                {
                    **row,
                    "status": str(result.status),
                    "result": result.model_dump(mode="json"),
                    "received_at": utcnow(),
                },
            )
            db.commit()
        except IntegrityError:
            db.rollback()
            borrower_memo.rolled_back()
            continue  # a twin got there first (or the op's own rows clash): look again
        borrower_memo.committed()
        return result
    raise ApiError(
        503,
        "busy",
        "服务器繁忙，请稍后重试。",
        "The server is busy; please retry.",
        headers={"Retry-After": "1"},
    )


def parse_or_refuse(raw: dict[str, Any], language: Language) -> Op | OpResult:
    """The op, or a rejection naming what is wrong with it (when its op_id is readable)."""
    try:
        return parse_op(raw)
    except ValidationError as exc:
        try:
            op_id = uuid.UUID(str(raw.get("op_id")))
        except ValueError:
            raise ApiError(
                422,
                "invalid_op",
                "有一项操作缺少有效的 op_id。",
                "An op has no valid op_id.",
            ) from exc
        fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors()[:5])
        zh, en = f"操作内容无效：{fields}", f"The op is not valid: {fields}"
        return OpResult(
            op_id=op_id,
            status=OpStatus.REJECTED,
            reason=zh if language is Language.ZH_CN else en,
            reason_code="invalid_op",
        )
