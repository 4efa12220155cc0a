"""The case list (`GET /cases`): one statement per query shape, written once, run two ways.

The list is the busiest answer. Its SQL is built with SQLAlchemy from named parameters
only, once per *shape* (who is asking: admin, lead, agent; which filters are present),
and kept. SQLite (and any server without an open read pool) runs that statement through
a session in a worker thread, and the rows become the documented `CasePage` JSON here
(orjson), with no ORM objects and no second validation pass. On PostgreSQL the database
keeps each case's row of that JSON and `case_list_pg` joins them; the writing here stays
the reference for that text (tests hold the two together) and writes any page the
database could not.

Who sees what is the rule of `access.visible_cases`, written with parameters.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import (
    ColumnElement,
    Select,
    Text,
    Uuid,
    and_,
    bindparam,
    cast,
    false,
    func,
    literal_column,
    or_,
    select,
    true,
    tuple_,
    union_all,
)
from sqlalchemy.orm import Session, sessionmaker

from agentdesk.domain.money import minor_digits
from agentdesk.domain.vocabulary import Bucket, Role, Stage
from agentdesk.server.base import utcnow
from agentdesk.server.deps import (
    SIGN_IN,
    SIGN_IN_COLUMNS,
    Principal,
    authenticate,
    authenticate_async,
    principal_of,
    sign_in_of,
)
from agentdesk.server.errors import ApiError
from agentdesk.server.models import Case, Loan
from agentdesk.server.pg_reads import fetch_all, pg_sql
from agentdesk.server.security import token_digest

BAD_CURSOR = ApiError(
    422,
    "invalid_cursor",
    "分页游标无效，请从第一页重新开始。",
    "The page cursor is not valid; start again from the first page.",
)

COLUMNS = (
    Case.id,
    Case.version,
    Case.loan_ref,
    Case.borrower_name,
    Case.stage,
    Case.dpd,
    Case.bucket,
    Case.overdue_minor,
    Case.outstanding_minor,
    Loan.currency,
    Case.holds,
    Case.team_id,
    Case.assignee_id,
    Case.updated_at,
    Case.next_action_at,
    Case.next_action_reason,
)


def encode_cursor(dpd: int, case_id: uuid.UUID | str) -> str:
    """The opaque cursor after the row (dpd, id) of the keyset order."""
    hex_id = case_id.hex if isinstance(case_id, uuid.UUID) else uuid.UUID(case_id).hex
    return base64.urlsafe_b64encode(f"{dpd}:{hex_id}".encode()).decode()


def decode_cursor(cursor: str) -> tuple[int, uuid.UUID]:
    """The (dpd, id) a cursor stands for; 422 if it is not one of ours."""
    try:
        dpd, _, hex_id = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        after = int(dpd), uuid.UUID(hex=hex_id)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BAD_CURSOR from exc
    if not 0 <= after[0] <= 2**31 - 1:  # days past due is a 32-bit column
        raise BAD_CURSOR
    return after


# The days past due of each bucket (Bucket.for_dpd; a test holds the two together).
BUCKET_DPD: dict[Bucket, tuple[int, int]] = {
    Bucket.CURRENT: (0, 0),
    Bucket.M1: (1, 30),
    Bucket.M2: (31, 60),
    Bucket.M3: (61, 90),
    Bucket.M3_PLUS: (91, 2**31 - 1),
}


@dataclass(frozen=True)
class ListQuery:
    """The filters and page asked for (already validated by the route)."""

    stage: Stage | None = None
    bucket: Bucket | None = None
    assignee: uuid.UUID | None = None
    q: str | None = None
    limit: int = 50
    cursor: str | None = None
    include_total: bool = False


# The shape of a query: whose view, and which filters take part. One statement each.
# The page size is part of the shape and written into the SQL: PostgreSQL then plans a
# prepared statement once (a generic plan) instead of re-planning it on every run, which
# it does when the LIMIT is a parameter.
Shape = tuple[str, bool, bool, bool, bool, bool, int]


# The combined statement's shape does not depend on the requester (its first part finds
# out who that is): any principal stands in for the view part of the shape.
ANYONE = Principal(uuid.UUID(int=0), "", Role.ADMIN, None, uuid.UUID(int=0), "")


def _view(principal: Principal) -> str:
    if principal.role is Role.ADMIN:
        return "all"
    if principal.role is Role.LEAD:
        return "team" if principal.team_id is not None else "none"
    return "own"


def shape_of(principal: Principal, query: ListQuery) -> Shape:
    """The shape of `query` asked by `principal` (one statement per shape)."""
    return (
        _view(principal),
        query.stage is not None,
        query.bucket is not None,
        query.assignee is not None,
        bool(query.q and query.q.strip()),
        query.cursor is not None,
        query.limit + 1,
    )


def _visible(view: str) -> ColumnElement[bool]:
    # access.visible_cases, with the requester as parameters.
    if view == "all":
        return true()
    if view == "team":
        return Case.team_id == bindparam("me_team")
    if view == "own":
        return Case.assignee_id == bindparam("me_user")
    return false()


def filters_of(shape: Shape) -> list[ColumnElement[bool]]:
    """The open-case condition and the shape's filters, with named parameters."""
    _view, stage, bucket, assignee, q, _cursor, _fetch = shape
    where: list[ColumnElement[bool]] = [Case.closed_at.is_(None)]
    if stage:
        where.append(Case.stage == bindparam("stage"))
    if bucket:
        # A bucket is a range of days past due (Bucket.for_dpd): saying so lets the
        # keyset indexes (…, dpd, id) start at the bucket instead of walking down to it.
        where.append(Case.bucket == bindparam("bucket"))
        where.append(Case.dpd.between(bindparam("bucket_from"), bindparam("bucket_to")))
    if assignee:
        where.append(Case.assignee_id == bindparam("assignee"))
    if q:
        where.append(
            or_(
                Case.borrower_name.like(bindparam("like"), escape="\\"),
                Case.loan_ref.like(bindparam("like"), escape="\\"),
            )
        )
    return where


def after_cursor() -> ColumnElement[bool]:
    """The rows after the cursor's (dpd, id) in keyset order."""
    return tuple_(Case.dpd, Case.id) < tuple_(
        bindparam("after_dpd", type_=Case.dpd.type),
        bindparam("after_id", type_=Case.id.type),
    )


def _where(shape: Shape) -> list[ColumnElement[bool]]:
    return [_visible(shape[0]), *filters_of(shape)]


@lru_cache(maxsize=128)
def page_statement(shape: Shape) -> Select:  # type: ignore[type-arg]
    """The page query of a shape: keyset order (most days past due first), limit+1 rows."""
    return _page(_where(shape), shape)


def _page(where: list[ColumnElement[bool]], shape: Shape) -> Select:  # type: ignore[type-arg]
    if shape[5]:
        where = [*where, after_cursor()]
    return (
        select(*COLUMNS)
        .join(Loan, Loan.id == Case.loan_id)
        .where(*where)
        .order_by(Case.dpd.desc(), Case.id.desc())
        .limit(literal_column(str(int(shape[6]))))
    )


# Who sees what, per role, against the sign-in read in the same statement.
ROLE_VIEWS: tuple[tuple[Role, Callable[[Any], ColumnElement[bool]]], ...] = (
    (Role.AGENT, lambda me: Case.assignee_id == me.c.user_id),
    (Role.LEAD, lambda me: Case.team_id == me.c.team_id),  # no team: NULL, sees nothing
    (Role.ADMIN, lambda me: true()),
)


@lru_cache(maxsize=256)
def _signed_page_sql(shape: Shape) -> str:
    """The token check and the page in one statement (PostgreSQL; the view is not known).

    The sign-in row comes first on every row (once, with no page, when the token is not
    usable or nothing is visible). The page is the one branch, per role, whose guard on
    the sign-in's role holds: PostgreSQL skips the others (a one-time filter), and each
    branch walks its own index in keyset order. A sign-in that is revoked, expired or of
    a disabled user reads no page at all.
    """
    me = SIGN_IN.cte("me")
    branches = [
        _page(
            [me.c.role == literal_column(f"'{role.value}'"), visible(me), *filters_of(shape)], shape
        )
        for role, visible in ROLE_VIEWS
    ]
    page = union_all(*branches).subquery("page").lateral()
    usable = and_(me.c.revoked_at.is_(None), me.c.expires_at > bindparam("now"), me.c.active)
    # Ids come back as text: the answer writes them as text anyway, and turning each
    # into a UUID object first (six per row) costs more than the rest of the row.
    columns = [cast(c, Text) if isinstance(c.type, Uuid) else c for c in (*me.c, *page.c)]
    return pg_sql(select(*columns).select_from(me.outerjoin(page, usable)))


def sign_in_ids(row: Sequence[Any] | None) -> Sequence[Any] | None:
    """The sign-in part of a row with its ids (session, user, team) as UUIDs again."""
    if row is None:
        return None
    values = list(row[:SIGN_IN_COLUMNS])
    for i in (0, 4, 7):
        if isinstance(values[i], str):
            values[i] = uuid.UUID(values[i])
    return values


@lru_cache(maxsize=128)
def count_statement(shape: Shape) -> Select:  # type: ignore[type-arg]
    """How many cases the filters match (the cursor does not count)."""
    return select(func.count()).select_from(Case).where(*_where(shape))


@lru_cache(maxsize=256)
def _pg_sql(shape: Shape, count: bool) -> str:
    stmt = count_statement(shape) if count else page_statement(shape)
    return pg_sql(stmt)


def filter_parameters(query: ListQuery) -> dict[str, Any]:
    """The values for the filters' and the page's named parameters (422 on a bad cursor)."""
    params: dict[str, Any] = {}
    if query.stage is not None:
        params["stage"] = query.stage.value
    if query.bucket is not None:
        params["bucket"] = query.bucket.value
        params["bucket_from"], params["bucket_to"] = BUCKET_DPD[query.bucket]
    if query.assignee is not None:
        params["assignee"] = query.assignee
    if query.q and query.q.strip():
        text = query.q.strip()
        params["like"] = (
            "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
    if query.cursor is not None:
        params["after_dpd"], params["after_id"] = decode_cursor(query.cursor)
    return params


def parameters(principal: Principal, query: ListQuery) -> dict[str, Any]:
    """All values for a shape's named parameters, the requester's among them."""
    return {
        "me_user": principal.user_id,
        "me_team": principal.team_id,
        **filter_parameters(query),
    }


def amount_text(units: int, currency: str) -> str:
    """`str(from_minor(units, currency))` without making a Decimal (two per row)."""
    digits = minor_digits(currency)
    if digits == 0:
        return str(units)
    whole, part = divmod(abs(units), 10**digits)
    return f"{'-' if units < 0 else ''}{whole}.{part:0{digits}d}"


def _stamp(at: datetime | None) -> str | None:
    if at is None:
        return None
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _item(row: Sequence[Any]) -> dict[str, Any]:
    (
        case_id,
        version,
        ref,
        name,
        stage,
        dpd,
        bucket,
        overdue,
        outstanding,
        currency,
        holds,
        team_id,
        assignee_id,
        updated_at,
        next_action_at,
        next_action_reason,
    ) = row
    return {
        "id": case_id,
        "version": version,
        "loan_ref": ref,
        "borrower_name": name,
        "stage": stage,
        "dpd": dpd,
        "bucket": bucket,
        "overdue_amount": amount_text(overdue, currency),
        "outstanding_principal": amount_text(outstanding, currency),
        "currency": currency,
        "holds": holds or [],
        "team_id": team_id,
        "assignee_id": assignee_id,
        "updated_at": _stamp(updated_at),
        "next_action_due": _stamp(next_action_at),
        "next_action_reason": next_action_reason or "",
    }


def page_json(rows: Sequence[Sequence[Any]], limit: int, total: int | None) -> bytes:
    """The `CasePage` answer for up to limit+1 fetched rows."""
    more = len(rows) > limit
    rows = rows[:limit]
    body = {
        "items": [_item(r) for r in rows],
        "next_cursor": encode_cursor(rows[-1][5], rows[-1][0]) if more else None,
        "total": total,
    }
    return orjson.dumps(body)


def read_page(db: Session, token: str, query: ListQuery) -> bytes:
    """The page through a session (SQLite, or no read pool): token check, then the page."""
    principal = authenticate(db, token)
    shape = shape_of(principal, query)
    params = parameters(principal, query)
    total = None
    if query.include_total:
        total = db.scalar(count_statement(shape), params)
    rows = db.execute(page_statement(shape), params).all()
    return page_json(rows, query.limit, total)


def read_page_in_session(sessions: sessionmaker[Session], token: str, query: ListQuery) -> bytes:
    """`read_page` in a session of its own (a worker thread's)."""
    with sessions() as db:
        return read_page(db, token, query)


async def read_signed(
    pool: Any, token: str, query: ListQuery, sql_for: Callable[[Shape], str]
) -> tuple[Principal, list[tuple[Any, ...]]]:
    """Who asks and the rows of `sql_for`'s statement, which checks the token in the same
    round trip (its first SIGN_IN_COLUMNS columns); 401/422 as the route answers them."""
    try:
        params = filter_parameters(query)
    except ApiError:
        await authenticate_async(pool, token)  # an unusable token answers 401 first
        raise
    now = utcnow()
    params["digest"] = token_digest(token)
    params["now"] = now
    rows = await fetch_all(pool, sql_for(shape_of(ANYONE, query)), params)
    return principal_of(sign_in_of(sign_in_ids(rows[0] if rows else None)), now), rows


async def read_page_async(pool: Any, token: str, query: ListQuery) -> bytes:
    """The page through the asyncio PostgreSQL pool, rows written in Python: one round
    trip for the token check and the page (two with the total).

    `case_list_pg` serves the list from the texts the database keeps; this is its
    reference and its way out for a page with a case the database could not write."""
    principal, rows = await read_signed(pool, token, query, _signed_page_sql)
    page = [row[SIGN_IN_COLUMNS:] for row in rows if row[SIGN_IN_COLUMNS] is not None]
    total = await count_async(pool, principal, query) if query.include_total else None
    return page_json(page, query.limit, total)


async def count_async(pool: Any, principal: Principal, query: ListQuery) -> int:
    """How many cases the filters match for `principal`, through the asyncio pool."""
    shape = shape_of(principal, query)
    counted = await fetch_all(pool, _pg_sql(shape, True), parameters(principal, query))
    (total,) = counted[0]
    return int(total)
