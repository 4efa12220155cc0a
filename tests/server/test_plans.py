"""Plan preview, proposals recomputed by the server, decisions and their rules."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from agentdesk.domain.vocabulary import PlanStatus
from agentdesk.server.models import AuditEntry, Plan, PlanDecision
from tests.server.conftest import Api

INLINE = {
    "principal": "12000.00",
    "annual_rate": "0.12",
    "term_months": 12,
    "first_due_date": "2025-01-15",
    "payments": [{"paid_on": "2025-01-15", "amount": "1066.19"}],
    "monthly_income": "8000",
    "essential_expenses": "3000",
}


def test_preview_of_an_inline_loan_matches_the_engine(api: Api) -> None:
    r = api.post(
        "/plans/preview",
        "agent.east1",
        json={"loan": INLINE, "as_of": "2025-04-20", "options": {"extra_months": 6}},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    position = body["position"]
    # Paid the first of 12 instalments (1,066.19 each); behind since 15 Feb.
    assert position["days_past_due"] == (date(2025, 4, 20) - date(2025, 2, 15)).days
    assert position["bucket"] == "M3"
    schedule = body["schedule"]
    assert len(schedule) == body["totals"]["term_months"]
    assert Decimal(schedule[-1]["remaining_balance"]) == 0
    principal = sum(Decimal(i["principal"]) for i in schedule)
    assert principal == Decimal(body["totals"]["financed_principal"])
    assert body["concessions"]["extension_months"] == 6
    assert body["authority"]["role"] == "agent"
    assert body["authority"]["outcome"] in {"within_authority", "needs_lead", "needs_admin"}
    assert body["affordability"]["monthly_income"] == "8000"


def test_preview_judges_authority_for_the_role_asked(api: Api) -> None:
    payload = {"loan": INLINE, "as_of": "2025-04-20", "options": {"extra_months": 12}}
    agent = api.post("/plans/preview", "agent.east1", json=payload).json()["authority"]
    lead = api.post("/plans/preview", "agent.east1", json={**payload, "role": "lead"}).json()
    assert agent["required_role"] in {"lead", "admin"}
    assert lead["authority"]["role"] == "lead"
    assert agent["reasons_zh"] and agent["reasons_en"]


def test_preview_of_a_stored_case_uses_the_servers_figures(api: Api) -> None:
    case_id = api.case_of("agent.east1")
    r = api.post("/plans/preview", "agent.east1", json={"case_id": str(case_id)})
    assert r.status_code == 200, r.text
    detail = api.get(f"/cases/{case_id}", "agent.east1").json()
    assert r.json()["position"]["days_past_due"] == detail["case"]["dpd"]
    # Someone else's case is not found, even for a preview.
    assert (
        api.post("/plans/preview", "agent.east2", json={"case_id": str(case_id)}).status_code == 404
    )


def test_bad_plan_input_names_the_field_and_range_in_both_languages(api: Api) -> None:
    bad = {**INLINE, "annual_rate": "0.9"}
    r = api.post(
        "/plans/preview",
        "agent.east1",
        json={"loan": bad, "as_of": "2025-04-20"},
        headers={"Accept-Language": "zh-CN"},
    )
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["details"][0]["field"] == "annual_rate"
    assert err["message"] == err["message_zh"] and "年利率" in err["message_zh"]
    assert "Annual rate" in err["message_en"]
    r = api.post(
        "/plans/preview",
        "agent.east1",
        json={"loan": INLINE, "as_of": "2025-04-20", "options": {"extra_months": 999}},
    )
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "extra_months"
    # Neither or both sources, unknown fields, wrong types: 422, never 500.
    for body in (
        {},
        {"loan": INLINE, "case_id": str(api.case_of("agent.east1"))},
        {"loan": INLINE, "bogus": 1},
        {"loan": {**INLINE, "principal": "abc"}},
        {"loan": INLINE, "options": {"penalty_waiver": {"kind": "percent", "value": "150"}}},
        {"loan": INLINE, "options": {"step_up": {"months": 3}}},
    ):
        assert api.post("/plans/preview", "agent.east1", json=body).status_code == 422, body


def propose(api: Api, user: str, case_id: object, options: dict, **extra: object) -> dict:
    r = api.post(f"/cases/{case_id}/plans", user, json={"options": options, **extra})
    assert r.status_code == 201, r.text
    return r.json()


def test_a_proposal_stores_the_servers_own_figures(api: Api) -> None:
    case_id = api.case_of("agent.east1")
    options = {"extra_months": 6, "capitalise_arrears": True}
    preview = api.post(
        "/plans/preview", "agent.east1", json={"case_id": str(case_id), "options": options}
    ).json()
    plan = propose(api, "agent.east1", case_id, options, justification="收入下降")
    assert plan["status"] == "pending"
    assert plan["figures"]["schedule"] == preview["schedule"]
    assert plan["figures"]["totals"] == preview["totals"]
    assert plan["required_role"] == preview["authority"]["required_role"]
    assert plan["justification"] == "收入下降"
    with api.session() as db:
        stored = db.get(Plan, uuid.UUID(plan["id"]))
        assert stored.figures["totals"]["total_payable"] == preview["totals"]["total_payable"]
    listed = api.get("/plans", "lead.east", params={"status": "pending"}).json()["items"]
    assert plan["id"] in {p["id"] for p in listed}
    assert plan["id"] not in {p["id"] for p in api.get("/plans", "lead.south").json()["items"]}
    assert api.get(f"/plans/{plan['id']}", "agent.east2").status_code == 404


def test_a_client_made_plan_id_is_kept_and_not_reused(api: Api) -> None:
    case_id = api.case_of("agent.east1")
    plan_id = "7d0c1a52-2f3e-4b6a-9a43-1f6b2b3c4d5e"
    plan = propose(api, "agent.east1", case_id, {"extra_months": 3}, id=plan_id)
    assert plan["id"] == plan_id
    again = api.post(f"/cases/{case_id}/plans", "agent.east1", json={"id": plan_id, "options": {}})
    assert again.status_code == 409


def test_decisions_approve_then_409_with_the_current_state(api: Api) -> None:
    case_id = api.case_of("agent.east1")
    plan = propose(
        api, "agent.east1", case_id, {"extra_months": 3, "down_payment": _down(api, case_id)}
    )
    assert plan["required_role"] in {"agent", "lead"}, plan["figures"]["authority"]
    r = api.post(
        f"/plans/{plan['id']}/decision",
        "lead.east",
        json={"decision": "approve", "comment": "同意"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "approved"
    assert r.json()["decisions"][0]["decision"] == "approve"
    assert r.json()["version"] == 2
    again = api.post(f"/plans/{plan['id']}/decision", "admin", json={"decision": "reject"})
    assert again.status_code == 409
    assert again.json()["error"]["details"]["status"] == "approved"
    with api.session() as db:
        decisions = db.scalars(
            select(PlanDecision).where(PlanDecision.plan_id == uuid.UUID(plan["id"]))
        )
        assert len(list(decisions)) == 1
        actions = list(db.scalars(select(AuditEntry.action)))
    assert "plan.propose" in actions and "plan.approve" in actions


def _down(api: Api, case_id: object) -> str:
    """A down payment of 20 % of what is due now (inside every role's minimum)."""
    preview = api.post("/plans/preview", "admin", json={"case_id": str(case_id)}).json()
    p = preview["position"]
    due = Decimal(p["overdue_principal"]) + Decimal(p["overdue_interest"]) + Decimal(p["fees"])
    return str((due * Decimal("0.2")).quantize(Decimal("0.01")))


def test_leads_never_decide_their_own_or_beyond_authority_or_other_teams(api: Api) -> None:
    case_id = api.case_of("agent.east1")
    own = propose(
        api, "lead.east", case_id, {"extra_months": 3, "down_payment": _down(api, case_id)}
    )
    r = api.post(f"/plans/{own['id']}/decision", "lead.east", json={"decision": "approve"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "own_plan"
    # Beyond the lead's authority (no down payment, long extension): needs an admin.
    big = propose(api, "agent.east1", case_id, {"extra_months": 20, "capitalise_arrears": True})
    assert big["required_role"] == "admin"
    r = api.post(f"/plans/{big['id']}/decision", "lead.east", json={"decision": "approve"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "beyond_authority"
    # The other team's lead does not even see it.
    r = api.post(f"/plans/{big['id']}/decision", "lead.south", json={"decision": "reject"})
    assert r.status_code == 404
    # Agents never decide.
    r = api.post(f"/plans/{big['id']}/decision", "agent.east2", json={"decision": "approve"})
    assert r.status_code == 403
    # The admin may.
    r = api.post(f"/plans/{big['id']}/decision", "admin", json={"decision": "approve"})
    assert r.status_code == 200 and r.json()["status"] == "approved"
    # A lead may still return a plan of the team that is beyond their authority.
    other = propose(api, "agent.east1", case_id, {"extra_months": 20, "capitalise_arrears": True})
    r = api.post(f"/plans/{other['id']}/decision", "lead.east", json={"decision": "return"})
    assert r.status_code == 200 and r.json()["status"] == PlanStatus.RETURNED.value


def test_plans_no_one_may_approve_are_refused(api: Api) -> None:
    case_id = api.case_of("agent.east1")
    r = api.post(
        f"/cases/{case_id}/plans",
        "agent.east1",
        json={"options": {"extra_months": 50, "new_annual_rate": "0"}},
    )
    assert r.status_code == 422
    assert r.json()["error"]["code"] in {"plan_not_allowed", "out_of_range"}


def test_withdrawal_by_the_proposer_then_decision_is_a_conflict(api: Api) -> None:
    case_id = api.case_of("agent.east1")
    plan = propose(api, "agent.east1", case_id, {"extra_months": 3})
    assert api.post(f"/plans/{plan['id']}/withdraw", "agent.east2", json={}).status_code == 404
    r = api.post(f"/plans/{plan['id']}/withdraw", "agent.east1", json={"reason": "借款人已还清"})
    assert r.status_code == 200 and r.json()["status"] == "withdrawn"
    r = api.post(f"/plans/{plan['id']}/decision", "lead.east", json={"decision": "approve"})
    assert r.status_code == 409 and r.json()["error"]["details"]["status"] == "withdrawn"


def test_plan_list_filters_and_validates(api: Api) -> None:
    items = api.get("/plans", "admin", params={"status": "pending"}).json()["items"]
    assert items and all(p["status"] == "pending" for p in items)
    assert api.get("/plans", "admin", params={"status": "maybe"}).status_code == 422
    # An agent sees only plans on their own cases.
    case_id = api.case_of("agent.east1")
    propose(api, "agent.east1", case_id, {"extra_months": 3})
    east1 = api.get("/plans", "agent.east1").json()["items"]
    assert east1
    for p in east1:
        assert api.get(f"/cases/{p['case_id']}", "agent.east1").status_code == 200
    east2 = api.get("/plans", "agent.east2").json()["items"]
    assert {p["id"] for p in east1}.isdisjoint({p["id"] for p in east2})
