"""The team report's trend by day, bucket spread and broken plans agree with the records."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from agentdesk.domain.vocabulary import Bucket, CallResult
from agentdesk.server.models import Case, ContactAttempt, Payment, Promise
from tests.server.conftest import Api


def report(api: Api, user: str, **params: str) -> dict:
    r = api.get("/reports/team", user, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_trend_and_buckets_match_the_records(api: Api) -> None:
    today = datetime.now(UTC).date()
    start = today - timedelta(days=13)
    body = report(api, "lead.east", date_from=start.isoformat(), date_to=today.isoformat())
    team = body["teams"][0]
    agents = {uuid.UUID(a["user_id"]) for a in team["agents"]}
    rpc = {r.value for r in CallResult if r.is_conversation}
    with api.session() as db:
        attempts = [a for a in db.scalars(select(ContactAttempt)) if a.user_id in agents]
        promises = [p for p in db.scalars(select(Promise)) if p.user_id in agents]
        cases = list(db.scalars(select(Case)))
        payments = list(db.scalars(select(Payment)))
    day_attempts = Counter(a.started_at.astimezone(UTC).date() for a in attempts)
    day_rpc = Counter(a.started_at.astimezone(UTC).date() for a in attempts if a.result in rpc)
    day_promises = Counter(p.created_at.astimezone(UTC).date() for p in promises)
    loans = {c.loan_id for c in cases if c.assignee_id in agents}
    day_money: dict[object, int] = defaultdict(int)
    for p in payments:
        if p.loan_id in loans:
            day_money[p.paid_on] += p.amount_minor
    trend = team["trend"]
    assert [row["day"] for row in trend] == [
        (start + timedelta(days=n)).isoformat() for n in range(14)
    ]
    for row in trend:
        day = datetime.fromisoformat(row["day"]).date()
        assert row["attempts"] == day_attempts[day], day
        assert row["right_party_contacts"] == day_rpc[day], day
        assert row["promises_made"] == day_promises[day], day
        assert Decimal(row["amount_collected"]) == Decimal(day_money[day]) / 100, day
    assert sum(r["attempts"] for r in trend) == team["total"]["attempts"]
    team_id = uuid.UUID(team["team_id"])
    open_cases = [c for c in cases if c.team_id == team_id and c.closed_at is None]
    assert [b["bucket"] for b in team["buckets"]] == [b.value for b in Bucket]
    for b in team["buckets"]:
        mine = [c for c in open_cases if c.bucket == b["bucket"]]
        assert b["cases"] == len(mine)
        assert Decimal(b["amount_overdue"]) == Decimal(sum(c.overdue_minor for c in mine)) / 100


def test_an_approved_plan_with_a_broken_promise_after_it_counts_as_broken(api: Api) -> None:
    case_id = api.case_of("agent.east1")
    r = api.post(f"/cases/{case_id}/plans", "agent.east1", json={"options": {"extra_months": 3}})
    assert r.status_code == 201, r.text
    plan = r.json()
    before = report(api, "lead.east")["teams"][0]
    agent = next(a for a in before["agents"] if a["username"] == "agent.east1")
    assert agent["figures"]["plans_broken"] == 0
    decided = api.post(f"/plans/{plan['id']}/decision", "admin", json={"decision": "approve"})
    assert decided.status_code == 200, decided.text
    today = datetime.now(UTC).date()
    with api.session() as db:
        db.add(
            Promise(
                case_id=case_id,
                user_id=api.users["agent.east1"].id,
                amount_minor=50_000,
                due_date=today,
                status="broken",
            )
        )
        # A broken promise due before the approval does not break the plan.
        db.add(
            Promise(
                case_id=case_id,
                user_id=api.users["agent.east1"].id,
                amount_minor=50_000,
                due_date=today - timedelta(days=3),
                status="broken",
            )
        )
        db.commit()
    after = report(api, "lead.east")["teams"][0]
    agent = next(a for a in after["agents"] if a["username"] == "agent.east1")
    assert agent["figures"]["plans_broken"] == 1
    assert after["total"]["plans_broken"] == 1
    # Outside the period it is not counted.
    old = report(
        api,
        "lead.east",
        date_from=(today - timedelta(days=40)).isoformat(),
        date_to=(today - timedelta(days=1)).isoformat(),
    )["teams"][0]
    assert old["total"]["plans_broken"] == 0
