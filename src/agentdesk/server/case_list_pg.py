"""The case list on PostgreSQL: the database writes the page, Python passes it on.

Each case carries its row of the list as JSON text (`cases.summary_json`, kept by a
trigger, migration 0006). One statement checks the token and joins the texts of the page
in keyset order; Python only frames them as `{"items":[…],"next_cursor":…,"total":…}`.
Profiles showed the row path (`case_list.read_page_async`'s way before) spending most of
its time taking 50 rows of 16 columns apart in psycopg and writing them again (amounts,
times), and the database most of its time looking up each case's loan for its currency.

A page with a case whose text the trigger left empty (a currency it does not know, odd
holds) is written by the row path instead, which stays the reference for the format.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import (
    Label,
    Text,
    Uuid,
    and_,
    bindparam,
    cast,
    func,
    literal_column,
    select,
    union_all,
)

from agentdesk.server import case_list
from agentdesk.server.case_list import (
    ROLE_VIEWS,
    ListQuery,
    Shape,
    after_cursor,
    encode_cursor,
    filters_of,
)
from agentdesk.server.deps import (
    SIGN_IN,
    SIGN_IN_COLUMNS,
)
from agentdesk.server.models import Case
from agentdesk.server.pg_reads import pg_sql


@lru_cache(maxsize=256)
def signed_json_sql(shape: Shape) -> str:
    """The token check and the page's JSON texts in one statement.

    As `case_list._signed_page_sql`: the sign-in row, and the page of the one role branch
    whose guard holds, read only for a usable sign-in. The branch rows (limit+1) are
    gathered into an array in keyset order (an ARRAY of an ordered subquery keeps its
    order; the branches come sorted, so PostgreSQL merges them without sorting); its first
    `limit` texts are joined, and the last of them names the next cursor.
    """
    limit = shape[6] - 1
    me = SIGN_IN.cte("me")
    branches = []
    for role, visible in ROLE_VIEWS:
        where = [me.c.role == literal_column(f"'{role.value}'"), visible(me), *filters_of(shape)]
        if shape[5]:
            where.append(after_cursor())
        branches.append(
            select(Case.dpd, Case.id, Case.summary_json.label("item"))
            .where(*where)
            .correlate(me)
            .order_by(Case.dpd.desc(), Case.id.desc())
            .limit(literal_column(str(int(shape[6]))))
        )
    rows = union_all(*branches).subquery("rows")
    in_order = select(rows.c.item).order_by(rows.c.dpd.desc(), rows.c.id.desc())
    # OFFSET 0 keeps the array a subquery of its own: it is built once, not once for
    # each column below that reads it.
    fetched = (
        select(func.array(in_order.scalar_subquery()).label("items"))
        .offset(literal_column("0"))
        .lateral("fetched")
    )
    items = "fetched.items"  # written out: the slice and the index are part of the shape
    page: tuple[Label[Any], ...] = (
        literal_column(f"array_to_string({items}[1:{limit}], ',')").label("items"),
        literal_column(f"cardinality({items})").label("fetched"),
        literal_column(f"array_position({items}, NULL) IS NULL").label("complete"),
        literal_column(f"{items}[{limit}]").label("last"),
    )
    usable = and_(me.c.revoked_at.is_(None), me.c.expires_at > bindparam("now"), me.c.active)
    columns = [cast(c, Text) if isinstance(c.type, Uuid) else c for c in me.c]
    return pg_sql(select(*columns, *page).select_from(me.outerjoin(fetched, usable)))


def frame(items: str | None, next_cursor: str | None, total: int | None) -> bytes:
    """The `CasePage` answer around the items' JSON texts joined by commas."""
    return b"".join(
        (
            b'{"items":[',
            items.encode() if items else b"",
            b'],"next_cursor":',
            orjson.dumps(next_cursor),
            b',"total":',
            orjson.dumps(total),
            b"}",
        )
    )


async def read_page_async(pool: Any, token: str, query: ListQuery) -> bytes:
    """The page through the asyncio PostgreSQL pool, on the event loop: one round trip
    for the token check and the page (two with the total)."""
    principal, rows = await case_list.read_signed(pool, token, query, signed_json_sql)
    assert rows  # read_signed answered 401 otherwise
    items, fetched, complete, last = rows[0][SIGN_IN_COLUMNS:]
    if not complete:
        # A case without its text: the whole page as the row path writes it.
        return await case_list.read_page_async(pool, token, query)
    total = None
    if query.include_total:
        total = await case_list.count_async(pool, principal, query)
    next_cursor = None
    if fetched > query.limit:
        # After the page's last row, named by its own text.
        shown = orjson.loads(last)
        next_cursor = encode_cursor(shown["dpd"], shown["id"])
    return frame(items, next_cursor, total)
