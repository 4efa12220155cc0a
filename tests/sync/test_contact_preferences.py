"""Contact preferences and the note lint on the server, through the sync endpoints.

In-process HTTP (ASGI test client) on a migrated, seeded database — SQLite always and
a throwaway PostgreSQL when its binaries are present (mandatory under CI=true).
"""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from agentdesk.domain.vocabulary import CallResult, Channel
from agentdesk.protocol.ops import (
    ContactAttemptRecord,
    ContactPreferenceClear,
    ContactPreferenceRecord,
    NoteAdd,
    OpPayload,
    make_op,
)
from agentdesk.protocol.sync import EntityType, OpStatus, PushResponse, parse_entity
from agentdesk.server.app import create_app
from agentdesk.server.db import make_engine
from agentdesk.server.models import (
    AuditEntry,
    Borrower,
    Case,
    ContactAttempt,
    ContactPoint,
    ContactPreference,
    Note,
    User,
)
from agentdesk.server.settings import Settings
from tests.support.server_db import Backend, token_for

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

API = "/api/v1"


class Server:
    def __init__(self, client: TestClient, engine: Engine) -> None:
        self.client = client
        self.engine = engine

    def headers(self, user: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token_for(user)}", "Accept-Language": "en"}

    def push(self, user: str, *ops: dict[str, Any]) -> PushResponse:
        r = self.client.post(
            f"{API}/sync/push",
            headers=self.headers(user),
            json={"device_id": str(uuid.uuid4()), "ops": list(ops)},
        )
        assert r.status_code == 200, r.text
        return PushResponse.model_validate_json(r.content)

    def get(self, user: str, path: str, **params: Any) -> Any:
        r = self.client.get(f"{API}{path}", headers=self.headers(user), params=params)
        assert r.status_code == 200, r.text
        return r.json()

    def case_of(self, user: str) -> Case:
        with Session(self.engine) as db:
            uid = db.scalars(select(User.id).where(User.username == user)).one()
            case = db.scalars(
                select(Case).where(Case.assignee_id == uid).order_by(Case.id)
            ).first()
            assert case is not None
            return case

    def points(self, case: Case) -> dict[str, ContactPoint]:
        with Session(self.engine) as db:
            rows = db.scalars(
                select(ContactPoint).where(ContactPoint.borrower_id == case.borrower_id)
            )
            return {f"{p.relation}:{p.kind}:{p.external_id}": p for p in rows}

    def zone(self, case: Case) -> ZoneInfo:
        with Session(self.engine) as db:
            borrower = db.get(Borrower, case.borrower_id)
            assert borrower is not None
            return ZoneInfo(borrower.time_zone)


def _phone(server: Server, case: Case, relation: str = "borrower") -> uuid.UUID:
    for key, point in sorted(server.points(case).items()):
        if key.startswith(f"{relation}:phone"):
            return point.id
    raise AssertionError(f"no {relation} phone")


def op(payload: OpPayload, at: datetime, *, entity_id: uuid.UUID | None = None,
       op_id: uuid.UUID | None = None) -> dict[str, Any]:
    return make_op(
        payload, entity_id=entity_id or uuid.uuid4(), created_at=at, op_id=op_id
    ).model_dump(mode="json")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    name = "sync_template" if request.param == "sqlite" else "sync_pg_template"
    backend: Backend = request.getfixturevalue(name)
    url = backend.make_copy()
    engine = make_engine(url, pool_size=2)
    with TestClient(create_app(Settings(db_url=url), engine=engine)) as client:
        yield Server(client, engine)
    engine.dispose()


def test_a_preference_is_applied_once_audited_and_reaches_the_case_and_its_holders(
    server: Server,
) -> None:
    case = server.case_of("agent.east1")
    zone = server.zone(case)
    said = datetime(2026, 3, 2, 10, tzinfo=zone)
    record = op(
        ContactPreferenceRecord(case_id=case.id, kind="channel_opt_out", channel=Channel.SMS,
                                note="借款人：不要再发短信"),
        said,
    )
    first = server.push("agent.east1", record)
    again = server.push("agent.east1", record)
    assert first.results[0].status is OpStatus.APPLIED
    assert again.results[0].status is OpStatus.DUPLICATE
    preference_id = record["entity_id"]
    with Session(server.engine) as db:
        rows = db.scalars(
            select(ContactPreference).where(ContactPreference.borrower_id == case.borrower_id)
        ).all()
        assert [(r.kind, r.channel, r.source) for r in rows] == [
            ("channel_opt_out", "sms", "call")
        ]
        assert rows[0].since == said
        audits = db.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "contact_preference.record",
                AuditEntry.entity_id == preference_id,
            )
        ).all()
        assert len(audits) == 1 and audits[0].username == "agent.east1"
    detail = server.get("agent.east1", f"/cases/{case.id}")
    assert [(p["kind"], p["channel"], p["cleared_at"]) for p in detail["contact_preferences"]] == [
        ("channel_opt_out", "sms", None)
    ]
    # The team lead's desktop gets it by pull, as a contact preference of the borrower.
    changes, cursor = _pull_all(server, "lead.east")
    pulled = [c for c in changes if c["entity_type"] == EntityType.CONTACT_PREFERENCE]
    assert [c["entity_id"] for c in pulled] == [preference_id]
    parse_entity(EntityType.CONTACT_PREFERENCE, pulled[0]["data"])

    # Clearing keeps the row and is idempotent; the change log carries it again.
    clear = op(ContactPreferenceClear(case_id=case.id, reason="借款人同意恢复短信"),
               said + timedelta(days=1), entity_id=uuid.UUID(preference_id))
    assert server.push("agent.east1", clear).results[0].status is OpStatus.APPLIED
    assert server.push("agent.east1", clear).results[0].status is OpStatus.DUPLICATE
    later, _cursor = _pull_all(server, "lead.east", cursor)
    cleared = [c for c in later if c["entity_type"] == EntityType.CONTACT_PREFERENCE]
    assert cleared and cleared[-1]["data"]["cleared_at"] is not None
    detail = server.get("agent.east1", f"/cases/{case.id}")
    assert detail["contact_preferences"][0]["cleared_at"] is not None


def _pull_all(server: Server, user: str, cursor: str = "") -> tuple[list[Any], str]:
    # Every page after `cursor` (a first sync comes in several), and the cursor after them.
    changes: list[Any] = []
    while True:
        page = server.get(user, "/sync/pull", cursor=cursor, limit=5000)
        changes += page["changes"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return changes, cursor


def test_preferences_on_another_agents_case_are_rejected(server: Server) -> None:
    case = server.case_of("agent.east1")
    now = datetime(2026, 3, 2, 2, tzinfo=ZoneInfo("UTC"))
    refused = server.push(
        "agent.east2",
        op(ContactPreferenceRecord(case_id=case.id, kind="channel_opt_out",
                                   channel=Channel.CALL), now),
    ).results[0]
    assert refused.status is OpStatus.REJECTED and refused.reason_code == "not_found"
    # A contact point of another borrower is refused too.
    other = server.case_of("agent.east2")
    wrong = server.push(
        "agent.east1",
        op(ContactPreferenceRecord(case_id=case.id, kind="workplace_prohibits",
                                   contact_point_id=_phone(server, other)), now),
    ).results[0]
    assert wrong.status is OpStatus.REJECTED and wrong.reason_code == "invalid_contact_point"
    with Session(server.engine) as db:
        assert db.scalars(select(ContactPreference)).all() == []


def _call(case: Case, point: uuid.UUID, at: datetime, notes: str = "") -> ContactAttemptRecord:
    return ContactAttemptRecord(
        case_id=case.id, contact_point_id=point, channel=Channel.CALL,
        result=CallResult.NO_ANSWER, started_at=at, ended_at=at + timedelta(minutes=1),
        notes=notes,
    )


def _flags(server: Server, attempt_op: dict[str, Any]) -> set[str]:
    with Session(server.engine) as db:
        row = db.get(ContactAttempt, uuid.UUID(attempt_op["entity_id"]))
        assert row is not None
        return set((row.flag_reason or "").split(",")) - {""}


def test_the_server_flags_calls_that_ignore_what_the_borrower_said(server: Server) -> None:
    case = server.case_of("agent.east1")
    zone = server.zone(case)
    mobile = _phone(server, case)
    monday = datetime(2026, 3, 2, 10, tzinfo=zone)
    before = op(_call(case, mobile, monday - timedelta(days=1)), monday - timedelta(days=1))
    opt_out = op(ContactPreferenceRecord(case_id=case.id, kind="channel_opt_out",
                                         channel=Channel.CALL), monday)
    after = op(_call(case, mobile, monday + timedelta(hours=1)), monday + timedelta(hours=1))
    results = server.push("agent.east1", before, opt_out, after).results
    assert [r.status for r in results] == [OpStatus.APPLIED] * 3
    # Stored either way (it happened); only the call after the opt-out is flagged.
    assert _flags(server, before) == set()
    assert _flags(server, after) == {"CN-OPTOUT"}
    listed = server.get("lead.east", "/compliance/violations", case_id=str(case.id))["items"]
    assert [(v["kind"], v["attempt_id"], [r["id"] for r in v["rules"]]) for v in listed] == [
        ("contact_attempt", after["entity_id"], ["CN-OPTOUT"])
    ]


def test_a_workplace_that_forbids_calls_flags_calls_to_that_number(server: Server) -> None:
    case = server.case_of("agent.east1")
    zone = server.zone(case)
    mobile = _phone(server, case)
    monday = datetime(2026, 3, 2, 10, tzinfo=zone)
    forbid = op(ContactPreferenceRecord(case_id=case.id, kind="workplace_prohibits",
                                        contact_point_id=mobile, note="单位禁止来电"), monday)
    call = op(_call(case, mobile, monday + timedelta(hours=2)), monday + timedelta(hours=2))
    assert [r.status for r in server.push("agent.east1", forbid, call).results] == [
        OpStatus.APPLIED, OpStatus.APPLIED
    ]
    assert _flags(server, call) == {"CN-WORK"}


NOTES = [
    ("再不还钱就打断你的腿", True),
    ("Pay today or we will come to your house.", True),
    ("借款人说下周发工资后还款，态度良好。", False),
    ("Borrower will pay on Friday; skill training mentioned, courtesy call booked.", False),
]


def test_notes_are_linted_by_the_server_stored_and_flagged_for_the_lead(server: Server) -> None:
    case = server.case_of("agent.east1")
    at = datetime(2026, 3, 2, 10, tzinfo=server.zone(case))
    notes = [op(NoteAdd(case_id=case.id, text=text), at + timedelta(minutes=n))
             for n, (text, _) in enumerate(NOTES)]
    attempt = op(_call(case, _phone(server, case), at + timedelta(hours=1),
                       notes="借款人是个老赖"), at + timedelta(hours=1))
    results = server.push("agent.east1", *notes, attempt).results
    assert all(r.status is OpStatus.APPLIED for r in results)
    with Session(server.engine) as db:
        for sent, (text, bad) in zip(notes, NOTES, strict=True):
            stored = db.get(Note, uuid.UUID(sent["entity_id"]))
            assert stored is not None and stored.body == text  # kept as written
            assert stored.flagged is bad, text
            assert stored.flag_reason == ("CN-6" if bad else None)
        audited = db.scalars(
            select(AuditEntry.entity_id).where(AuditEntry.action == "compliance.violation")
        ).all()
        assert {notes[0]["entity_id"], notes[1]["entity_id"], attempt["entity_id"]} <= set(
            audited
        )
    assert _flags(server, attempt) == {"CN-6"}
    page = server.get("lead.east", "/compliance/violations", case_id=str(case.id))
    listed = {(v["kind"], v["note_id"] or v["attempt_id"]): v for v in page["items"]}
    assert set(listed) == {
        ("note", notes[0]["entity_id"]),
        ("note", notes[1]["entity_id"]),
        ("contact_attempt", attempt["entity_id"]),
    }
    assert page["total"] == 3
    assert listed[("note", notes[0]["entity_id"])]["phrases"] == ["打断你的腿"]
    assert listed[("note", notes[1]["entity_id"])]["phrases"] == ["we will come to your house"]
    assert [r["id"] for r in listed[("note", notes[0]["entity_id"])]["rules"]] == ["CN-6"]
    # Another team's lead sees none of it.
    assert server.get("lead.south", "/compliance/violations", case_id=str(case.id))["total"] == 0


def test_an_opted_out_visit_is_flagged_though_it_names_no_contact_point(server: Server) -> None:
    case = server.case_of("agent.east1")
    monday = datetime(2026, 3, 2, 10, tzinfo=server.zone(case))
    no_visits = op(ContactPreferenceRecord(case_id=case.id, kind="channel_opt_out",
                                           channel=Channel.VISIT, source="written"), monday)
    visit = op(ContactAttemptRecord(case_id=case.id, channel=Channel.VISIT,
                                    result=CallResult.RIGHT_PARTY_CONTACT,
                                    started_at=monday + timedelta(hours=1),
                                    ended_at=monday + timedelta(hours=2)),
               monday + timedelta(hours=2))
    sms_opt_out_only = op(ContactPreferenceRecord(case_id=case.id, kind="channel_opt_out",
                                                  channel=Channel.SMS), monday)
    assert all(r.status is OpStatus.APPLIED
               for r in server.push("agent.east1", no_visits, sms_opt_out_only, visit).results)
    assert _flags(server, visit) == {"CN-OPTOUT"}
