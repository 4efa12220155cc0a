"""The case list on PostgreSQL: the rows the database writes (migration 0006's trigger)
are byte for byte the rows Python writes, and so are whole pages, for every role; the
questions answered before the route are answered exactly as the route answers them."""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import urlencode

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, select, text, update

from agentdesk.domain.money import MINOR_UNIT_DIGITS
from agentdesk.domain.vocabulary import Bucket, Hold, Stage
from agentdesk.server.app import create_app
from agentdesk.server.case_list import (
    COLUMNS,
    ListQuery,
    encode_cursor,
    page_json,
    read_page,
)
from agentdesk.server.case_list_fast import plain_query
from agentdesk.server.case_list_pg import frame
from agentdesk.server.db import make_engine
from agentdesk.server.migrate import alembic_config, upgrade
from agentdesk.server.models import Case, Loan, Team, User
from agentdesk.server.settings import Settings
from tests.server.conftest import Api
from tests.support.server_db import Backend, token_for

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_api(pg_template: Backend) -> Iterator[Api]:
    url = pg_template.make_copy()
    engine = make_engine(url, pool_size=2)
    app = create_app(Settings(db_url=url), engine=engine)
    with TestClient(app, raise_server_exceptions=False) as client:
        api = Api(client=client, engine=engine, url=url, backend="postgres")
        with api.session() as db:
            api.users = {u.username: u for u in db.scalars(select(User))}
            api.teams = {t.name: t for t in db.scalars(select(Team))}
        yield api
    engine.dispose()


def _python_row(api: Api, case_id: uuid.UUID) -> bytes:
    """The case's row as the row path writes it (a one-row page)."""
    with api.session() as db:
        row = db.execute(
            select(*COLUMNS).join(Loan, Loan.id == Case.loan_id).where(Case.id == case_id)
        ).one()
    return page_json([row], 1, None)


def _database_row(api: Api, case_id: uuid.UUID) -> bytes | None:
    with api.engine.connect() as conn:
        stored = conn.scalar(select(Case.summary_json).where(Case.id == case_id))
    return None if stored is None else frame(stored, None, None)


# Any text PostgreSQL stores (no NUL, no lone surrogates): control characters, quotes,
# backslashes, Chinese, emoji.
_TEXT = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
_STAMPS = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
) | st.datetimes(timezones=st.just(UTC)).map(lambda t: t.replace(microsecond=0))
_MINOR = st.integers(min_value=-(2**63) + 1, max_value=2**63 - 1) | st.integers(-1000, 1000)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(_TEXT, max_size=100),
    ref=st.text(_TEXT, max_size=64),
    stage=st.sampled_from(list(Stage)),
    bucket=st.sampled_from(list(Bucket)),
    dpd=st.integers(0, 2**31 - 1),
    version=st.integers(1, 2**31 - 1),
    overdue=_MINOR,
    outstanding=_MINOR,
    currency=st.sampled_from(sorted(MINOR_UNIT_DIGITS)),
    holds=st.lists(st.sampled_from([h.value for h in Hold]) | st.text(_TEXT, max_size=12)),
    held_by=st.sampled_from(["nobody", "team", "agent"]),
    updated=_STAMPS,
    next_at=st.none() | _STAMPS,
    reason=st.none() | st.text(_TEXT, max_size=200),
)
def test_the_database_writes_each_row_as_python_does(
    pg_api: Api,
    name: str,
    ref: str,
    stage: Stage,
    bucket: Bucket,
    dpd: int,
    version: int,
    overdue: int,
    outstanding: int,
    currency: str,
    holds: list[str],
    held_by: str,
    updated: datetime,
    next_at: datetime | None,
    reason: str | None,
) -> None:
    agent = pg_api.users["agent.east1"]
    with pg_api.engine.begin() as conn:
        # The same case each time (the first by id: what it holds changes).
        case_id, loan_id = conn.execute(
            select(Case.id, Case.loan_id).order_by(Case.id).limit(1)
        ).one()
        # A change of the loan's currency writes its case's row again.
        conn.execute(update(Loan).where(Loan.id == loan_id).values(currency=currency))
        conn.execute(
            update(Case)
            .where(Case.id == case_id)
            .values(
                borrower_name=name,
                loan_ref=ref,
                stage=stage.value,
                bucket=bucket.value,
                dpd=dpd,
                version=version,
                overdue_minor=overdue,
                outstanding_minor=outstanding,
                holds=holds,
                team_id=None if held_by == "nobody" else agent.team_id,
                assignee_id=agent.id if held_by == "agent" else None,
                updated_at=updated,
                next_action_at=next_at,
                next_action_reason=reason,
            )
        )
    assert _database_row(pg_api, case_id) == _python_row(pg_api, case_id)


def test_a_row_the_database_cannot_write_leaves_the_page_to_python(pg_api: Api) -> None:
    case_id = pg_api.case_of("agent.east1")
    with pg_api.engine.begin() as conn:
        conn.execute(text("UPDATE cases SET holds = 'null'::json WHERE id = :id"), {"id": case_id})
    assert _database_row(pg_api, case_id) is None
    items = _pages(pg_api, "agent.east1", ListQuery(limit=200))
    (item,) = [i for i in items if i == str(case_id)]
    # The page still holds the case, written in Python (holds: null reads as none).
    body = pg_api.get("/cases", "agent.east1", params={"limit": 200}).json()
    assert [c["holds"] for c in body["items"] if c["id"] == item] == [[]]


def _pages(api: Api, user: str, query: ListQuery) -> list[str]:
    """Every page of `query` through the API, each compared with the row path's bytes;
    the ids listed."""
    ids: list[str] = []
    cursor = None
    for _ in range(200):
        asked = ListQuery(
            query.stage,
            query.bucket,
            query.assignee,
            query.q,
            query.limit,
            cursor,
            query.include_total,
        )
        params: dict[str, str] = {"limit": str(asked.limit)}
        if asked.stage:
            params["stage"] = asked.stage.value
        if asked.bucket:
            params["bucket"] = asked.bucket.value
        if asked.q is not None:
            params["q"] = asked.q
        if asked.cursor:
            params["cursor"] = asked.cursor
        if asked.include_total:
            params["include_total"] = "true"
        r = api.get("/cases", user, params=params)
        assert r.status_code == 200, r.text
        assert r.headers["content-type"] == "application/json"
        with api.session() as db:
            assert r.content == read_page(db, token_for(user), asked)
        body = r.json()
        ids += [i["id"] for i in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return ids
    raise AssertionError("paging never ended")


@pytest.mark.parametrize("user", ["agent.east1", "agent.south2", "lead.east", "admin"])
def test_every_page_is_the_row_paths_page_byte_for_byte(pg_api: Api, user: str) -> None:
    ids = _pages(pg_api, user, ListQuery(limit=7))
    assert len(ids) == len(set(ids)) > 0
    _pages(pg_api, user, ListQuery(limit=5, bucket=Bucket.M1, include_total=True))
    _pages(pg_api, user, ListQuery(limit=50, stage=Stage.REMINDER, q="0"))
    _pages(pg_api, user, ListQuery(limit=3, q="no such text"))


def test_a_page_after_a_cursor_past_everything_is_empty(pg_api: Api) -> None:
    cursor = encode_cursor(0, uuid.UUID(int=0))
    r = pg_api.get("/cases", "admin", params={"cursor": cursor})
    assert r.status_code == 200
    assert r.content == b'{"items":[],"next_cursor":null,"total":null}'


# The plain questions `GET /cases` answers before the route (case_list_fast), and the
# forms it leaves to the route.
def test_plain_questions_are_read_as_the_route_reads_them() -> None:
    agent = uuid.UUID("0a1b2c3d-0000-4000-8000-00000000abcd")
    assert plain_query(b"") == ListQuery()
    assert plain_query(
        b"stage=legal&bucket=M3%2B&assignee="
        + str(agent).upper().encode()
        + b"&q=%E7%8E%8B+L0&limit=200&cursor=abc&include_total=true"
    ) == ListQuery(Stage.LEGAL, Bucket.M3_PLUS, agent, "王 L0", 200, "abc", True)
    assert plain_query(b"q=&limit=1&include_total=false") == ListQuery(q="", limit=1)
    for odd in (
        b"limit=050",
        b"limit=+5",
        b"limit=5.0",
        b"limit=201",
        b"limit=0",
        b"limit=",
        b"include_total=1",
        b"include_total=True",
        b"stage=LEGAL",
        b"bucket=M3+",
        b"assignee=" + agent.hex.encode(),
        b"assignee={" + str(agent).encode() + b"}",
        b"q=" + b"x" * 101,
        b"cursor=" + b"c" * 201,
        b"limit=5&limit=6",
        b"page=2",
    ):
        assert plain_query(odd) is None, odd


_VALUES = {
    "stage": st.sampled_from([s.value for s in Stage] + ["LEGAL", "", "x"]),
    "bucket": st.sampled_from([b.value for b in Bucket] + ["m1", "M3 ", ""]),
    "assignee": st.uuids().map(str) | st.uuids().map(lambda u: u.hex) | st.just("x"),
    "q": st.text(_TEXT, max_size=102),
    "limit": st.sampled_from(["1", "7", "50", "200", "201", "0", "05", "+5", " 5", "5.0", ""]),
    "cursor": st.sampled_from([encode_cursor(30, uuid.UUID(int=7)), "", "!!", "c" * 201]),
    "include_total": st.sampled_from(["true", "false", "True", "1", "no", ""]),
}


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    user=st.sampled_from(["agent.east1", "lead.south", "admin", None]),
    pairs=st.lists(
        st.sampled_from(sorted(_VALUES)).flatmap(lambda k: st.tuples(st.just(k), _VALUES[k])),
        max_size=5,
    ),
)
def test_the_early_answer_is_the_routes_answer(
    pg_api: Api, user: str | None, pairs: list[tuple[str, str]]
) -> None:
    query = urlencode(pairs)
    early = pg_api.get(f"/cases?{query}", user)
    # An unknown parameter (which the route ignores) always sends the question on to it.
    routed = pg_api.get(f"/cases?{query}&unknown=1", user)
    assert (early.status_code, early.content) == (routed.status_code, routed.content)
    assert early.headers["content-type"] == routed.headers["content-type"]


def test_the_migration_writes_the_rows_of_the_cases_there_are(pg_api: Api) -> None:
    with pg_api.engine.begin() as conn:
        cfg = alembic_config(pg_api.url)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005_sync_retention")
        assert "summary_json" not in {c["name"] for c in inspect(conn).get_columns("cases")}
    upgrade(pg_api.engine)
    with pg_api.session() as db:
        ids = list(db.scalars(select(Case.id).order_by(Case.id)))
    assert ids
    for case_id in ids:
        assert _database_row(pg_api, case_id) == _python_row(pg_api, case_id)
