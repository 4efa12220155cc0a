"""A borrower's contact facts kept between pushed attempts judge exactly like a fresh read.

The server keeps each borrower's contact history, points and statements between pushed
attempts and catches them up from the change log (`server.sync.borrower_memo`). These
tests change the facts behind its back — attempts written by someone else, a statement
pushed in between, attempts earlier in the same batch — and check that the per-day cap
(CN-3: at most 6 attempts a day on one number) and the workplace rule (CN-WORK) still
judge each attempt as a fresh read of the database would.

In-process HTTP (ASGI test client) on a migrated, seeded database — SQLite always and a
throwaway PostgreSQL when its binaries are present.
"""

from __future__ import annotations

import random
import uuid
import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from agentdesk.domain.compliance.preferences import PreferenceKind
from agentdesk.domain.vocabulary import CallResult, Channel
from agentdesk.protocol.ops import (
    ContactAttemptRecord,
    ContactPreferenceRecord,
    OpPayload,
    make_op,
)
from agentdesk.protocol.sync import OpStatus, PushResponse
from agentdesk.server.app import create_app
from agentdesk.server.compliance_flags import read_borrower_facts, read_facts_of
from agentdesk.server.db import make_engine, session_factory, transaction
from agentdesk.server.models import Borrower, Case, ContactAttempt, ContactPoint, User
from agentdesk.server.settings import Settings
from agentdesk.server.sync import borrower_memo
from tests.support.server_db import Backend, token_for

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

API = "/api/v1"
AGENT = "agent.east1"


class Server:
    def __init__(self, client: TestClient, engine: Engine) -> None:
        self.client = client
        self.engine = engine

    def push(self, *ops: dict[str, Any]) -> PushResponse:
        r = self.client.post(
            f"{API}/sync/push",
            headers={"Authorization": f"Bearer {token_for(AGENT)}", "Accept-Language": "en"},
            json={"device_id": str(uuid.uuid4()), "ops": list(ops)},
        )
        assert r.status_code == 200, r.text
        return PushResponse.model_validate_json(r.content)

    def cases(self) -> list[Case]:
        with Session(self.engine) as db:
            uid = db.scalars(select(User.id).where(User.username == AGENT)).one()
            return list(
                db.scalars(select(Case).where(Case.assignee_id == uid).order_by(Case.id))
            )

    def phone(self, case: Case) -> uuid.UUID:
        with Session(self.engine) as db:
            return db.scalars(
                select(ContactPoint.id)
                .where(
                    ContactPoint.borrower_id == case.borrower_id,
                    ContactPoint.relation == "borrower",
                    ContactPoint.kind == "phone",
                )
                .order_by(ContactPoint.id)
            ).first() or pytest.fail("no borrower phone")

    def zone(self, case: Case) -> ZoneInfo:
        with Session(self.engine) as db:
            return ZoneInfo(db.scalars(
                select(Borrower.time_zone).where(Borrower.id == case.borrower_id)
            ).one())

    def flags(self, attempt_op: dict[str, Any]) -> set[str]:
        with Session(self.engine) as db:
            row = db.get(ContactAttempt, uuid.UUID(attempt_op["entity_id"]))
            assert row is not None
            return set((row.flag_reason or "").split(",")) - {""}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    name = "sync_template" if request.param == "sqlite" else "sync_pg_template"
    backend: Backend = request.getfixturevalue(name)
    url = backend.make_copy()
    engine = make_engine(url, pool_size=2)
    with TestClient(create_app(Settings(db_url=url), engine=engine)) as client:
        yield Server(client, engine)
    engine.dispose()


def op(payload: OpPayload, at: datetime) -> dict[str, Any]:
    return make_op(payload, entity_id=uuid.uuid4(), created_at=at).model_dump(mode="json")


def call(case: Case, point: uuid.UUID, at: datetime) -> dict[str, Any]:
    return op(
        ContactAttemptRecord(
            case_id=case.id, contact_point_id=point, channel=Channel.CALL,
            result=CallResult.NO_ANSWER, started_at=at, ended_at=at + timedelta(minutes=1),
        ),
        at + timedelta(minutes=1),
    )


def write_elsewhere(server: Server, case: Case, point: uuid.UUID, at: datetime) -> None:
    """An attempt on the borrower stored by someone else (another server process, an
    import): through the ORM, so the change log has it like any other write."""
    with transaction(session_factory(server.engine)) as db:
        agent = db.scalars(select(User.id).where(User.username == "agent.east2")).one()
        db.add(ContactAttempt(
            id=uuid.uuid4(), case_id=case.id, user_id=agent, contact_point_id=point,
            channel="call", result="no_answer", started_at=at,
            ended_at=at + timedelta(minutes=1), notes="", transcript=[], version=1,
        ))


def move_elsewhere(server: Server, case: Case, by: timedelta) -> None:
    """One of the borrower's stored attempts corrected by someone else (its time moved)."""
    with transaction(session_factory(server.engine)) as db:
        attempt = db.scalars(
            select(ContactAttempt).where(ContactAttempt.case_id == case.id)
            .order_by(ContactAttempt.id).limit(1)
        ).one()
        attempt.started_at = attempt.started_at + by


def test_attempts_written_by_others_between_pushes_count_toward_the_cap(
    server: Server,
) -> None:
    case = server.cases()[0]
    mobile = server.phone(case)
    day = datetime(2026, 3, 2, 9, tzinfo=server.zone(case))
    first = [call(case, mobile, day + timedelta(minutes=10 * i)) for i in range(3)]
    assert [r.status for r in server.push(*first).results] == [OpStatus.APPLIED] * 3
    # Three more that day, not through this server's push: its kept facts lack them.
    for i in range(3, 6):
        write_elsewhere(server, case, mobile, day + timedelta(minutes=10 * i))
    seventh = call(case, mobile, day + timedelta(minutes=70))
    assert server.push(seventh).results[0].status is OpStatus.APPLIED
    assert all("CN-3" not in server.flags(o) for o in first)
    assert "CN-3" in server.flags(seventh)


def test_earlier_attempts_of_the_same_batch_count_toward_the_cap(server: Server) -> None:
    case = server.cases()[1]
    mobile = server.phone(case)
    day = datetime(2026, 3, 3, 9, tzinfo=server.zone(case))
    # Facts kept from an earlier push of another day, then seven calls in one batch.
    server.push(call(case, mobile, day - timedelta(days=1)))
    calls = [call(case, mobile, day + timedelta(minutes=10 * i)) for i in range(7)]
    assert [r.status for r in server.push(*calls).results] == [OpStatus.APPLIED] * 7
    assert ["CN-3" in server.flags(c) for c in calls] == [False] * 6 + [True]


def test_a_statement_pushed_between_calls_is_judged_on_the_next_call(server: Server) -> None:
    case = server.cases()[2]
    mobile = server.phone(case)
    day = datetime(2026, 3, 4, 10, tzinfo=server.zone(case))
    before = call(case, mobile, day)
    assert server.push(before).results[0].status is OpStatus.APPLIED
    forbid = op(
        ContactPreferenceRecord(case_id=case.id, kind=PreferenceKind.WORKPLACE_PROHIBITS,
                                contact_point_id=mobile, note="单位禁止来电"),
        day + timedelta(hours=1),
    )
    assert server.push(forbid).results[0].status is OpStatus.APPLIED
    after = call(case, mobile, day + timedelta(hours=2))
    assert server.push(after).results[0].status is OpStatus.APPLIED
    assert "CN-WORK" not in server.flags(before)
    assert "CN-WORK" in server.flags(after)


def test_an_own_attempt_corrected_elsewhere_before_the_next_push_is_read_again(
    server: Server,
) -> None:
    # The pushed attempt is kept as this process judged it; corrected by someone else
    # before the kept facts next catch up, both log rows arrive together and the kept
    # copy must not win over the corrected row.
    case = server.cases()[6]
    mobile = server.phone(case)
    at = datetime(2026, 3, 6, 9, tzinfo=ZoneInfo("UTC"))
    assert server.push(call(case, mobile, at)).results[0].status is OpStatus.APPLIED
    with transaction(session_factory(server.engine)) as db:
        pushed = db.scalars(
            select(ContactAttempt).where(
                ContactAttempt.case_id == case.id, ContactAttempt.started_at == at
            )
        ).one()
        pushed.started_at = at + timedelta(hours=5)
    with session_factory(server.engine)() as db, borrower_memo.remembering():
        kept = borrower_memo.facts_for(db, case.borrower_id, case.holds)
        fresh = read_borrower_facts(db, case.borrower_id, case.holds)
    assert kept == fresh
    assert at + timedelta(hours=5) in {a.at for a in kept.history.attempts}


def test_kept_facts_equal_a_fresh_read_after_mixed_writes(server: Server) -> None:
    # Random pushes and outside writes over a few borrowers; at the end the facts the
    # push would judge with are the facts a fresh read gives, attempt for attempt.
    rng = random.Random(7)
    cases = server.cases()[3:6]
    phones = {c.id: server.phone(c) for c in cases}
    day = datetime(2026, 3, 5, 9, tzinfo=ZoneInfo("UTC"))
    for step in range(12):
        case = rng.choice(cases)
        at = day + timedelta(minutes=7 * step)
        roll = rng.random()
        if roll < 0.25:
            write_elsewhere(server, case, phones[case.id], at)
        elif roll < 0.4:
            move_elsewhere(server, case, timedelta(hours=rng.randint(1, 30)))
        else:
            batch = [call(c, phones[c.id], at + timedelta(seconds=k))
                     for k, c in enumerate(rng.sample(cases, rng.randint(1, 3)))]
            assert {r.status for r in server.push(*batch).results} == {OpStatus.APPLIED}
    factory = session_factory(server.engine)
    for case in cases:
        with factory() as db, borrower_memo.remembering():
            kept = borrower_memo.facts_for(db, case.borrower_id, case.holds)
            fresh = read_borrower_facts(db, case.borrower_id, case.holds)
        assert kept == fresh
    assert_read_together_as_alone(server, cases)


def assert_read_together_as_alone(server: Server, cases: list[Case]) -> None:
    # A batch reads its borrowers' facts together; they are what reading each gives.
    with session_factory(server.engine)() as db:
        together = read_facts_of(db, [c.borrower_id for c in cases])
        for case in cases:
            assert together[case.borrower_id] == read_borrower_facts(db, case.borrower_id, [])


def test_kept_statements_survive_a_refused_attempt(server: Server) -> None:
    # The facts of a borrower with a statement are read for an attempt that is then
    # refused (its transaction rolled back); the next attempt is judged with them.
    case, other = server.cases()[6:8]
    mobile = server.phone(case)
    day = datetime(2026, 3, 6, 10, tzinfo=server.zone(case))
    forbid = op(
        ContactPreferenceRecord(case_id=case.id, kind=PreferenceKind.WORKPLACE_PROHIBITS,
                                contact_point_id=mobile, note="单位禁止来电"),
        day,
    )
    wrong_number = call(case, server.phone(other), day + timedelta(hours=1))
    after = call(case, mobile, day + timedelta(hours=2))
    results = server.push(forbid, wrong_number, after).results
    assert [r.status for r in results] == [
        OpStatus.APPLIED, OpStatus.REJECTED, OpStatus.APPLIED
    ]
    assert results[1].reason_code == "invalid_contact_point"
    assert "CN-WORK" in server.flags(after)
    again = call(case, mobile, day + timedelta(hours=3))
    assert server.push(again).results[0].status is OpStatus.APPLIED
    assert "CN-WORK" in server.flags(again)
    assert_read_together_as_alone(server, [case, other])
