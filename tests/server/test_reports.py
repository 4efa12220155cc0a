"""The team report: per-agent figures agree with the records, and follow new activity."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from agentdesk.domain.vocabulary import CallResult
from agentdesk.server.models import Case, ContactAttempt, Payment, Plan, Promise
from tests.server.conftest import Api


def report(api: Api, user: str, **params: str) -> dict:
    r = api.get("/reports/team", user, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_figures_match_the_records(api: Api) -> None:
    today = datetime.now(UTC).date()
    start = today - timedelta(days=29)
    body = report(api, "lead.east")
    assert [t["team_name"] for t in body["teams"]] == ["华东组"]
    team = body["teams"][0]
    assert {a["username"] for a in team["agents"]} == {"agent.east1", "agent.east2", "agent.east3"}
    rpc = {r.value for r in CallResult if r.is_conversation}
    with api.session() as db:
        attempts = list(db.scalars(select(ContactAttempt)))
        promises = list(db.scalars(select(Promise)))
        cases = {c.loan_id: c.assignee_id for c in db.scalars(select(Case))}
        payments = list(db.scalars(select(Payment)))
    for agent in team["agents"]:
        uid = api.users[agent["username"]].id
        mine = [a for a in attempts if a.user_id == uid and start <= a.started_at.date() <= today]
        f = agent["figures"]
        assert f["attempts"] == len(mine)
        assert f["right_party_contacts"] == sum(a.result in rpc for a in mine)
        made = [p for p in promises if p.user_id == uid and start <= p.created_at.date() <= today]
        assert f["promises_made"] == len(made)
        due = Counter(
            p.status for p in promises if p.user_id == uid and start <= p.due_date <= today
        )
        assert (f["promises_kept"], f["promises_broken"]) == (due["kept"], due["broken"])
        if due["kept"] + due["broken"]:
            rate = Decimal(due["kept"]) / (due["kept"] + due["broken"])
            assert abs(Decimal(f["promises_kept_rate"]) - rate) < Decimal("0.0001")
        collected = sum(
            p.amount_minor
            for p in payments
            if cases[p.loan_id] == uid and start <= p.paid_on <= today
        )
        assert Decimal(f["amount_collected"]) == Decimal(collected) / 100
    total = team["total"]
    assert total["attempts"] == sum(a["figures"]["attempts"] for a in team["agents"])


def test_new_plans_are_counted_for_their_proposer(api: Api) -> None:
    before = report(api, "admin", team_id=str(api.teams["华东组"].id))
    case_id = api.case_of("agent.east3")
    r = api.post(f"/cases/{case_id}/plans", "agent.east3", json={"options": {"extra_months": 3}})
    assert r.status_code == 201, r.text
    after = report(api, "admin", team_id=str(api.teams["华东组"].id))

    def proposed(body: dict) -> int:
        agents = body["teams"][0]["agents"]
        return next(a for a in agents if a["username"] == "agent.east3")["figures"][
            "plans_proposed"
        ]

    assert proposed(after) == proposed(before) + 1
    with api.session() as db:
        assert db.get(Plan, __import__("uuid").UUID(r.json()["id"])) is not None


def test_admin_sees_every_team_and_periods_are_checked(api: Api) -> None:
    body = report(api, "admin")
    assert sorted(t["team_name"] for t in body["teams"]) == ["华东组", "华南组"]
    r = api.get(
        "/reports/team", "admin", params={"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert r.status_code == 422
    r = api.get(
        "/reports/team", "admin", params={"date_from": "2020-01-01", "date_to": "2026-01-01"}
    )
    assert r.status_code == 422
    r = api.get(
        "/reports/team", "admin", params={"team_id": "00000000-0000-4000-8000-000000000000"}
    )
    assert r.status_code == 404
    old = report(api, "admin", date_from="2001-01-01", date_to="2001-01-31")
    assert all(t["total"]["attempts"] == 0 for t in old["teams"])
    assert all(t["total"]["promises_kept_rate"] is None for t in old["teams"])
