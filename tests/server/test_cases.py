"""The case list, one case, reveals and assignment — with who may see what."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from agentdesk.protocol.cases import CasePage, CaseSummary
from agentdesk.server.models import AuditEntry, Borrower, Case, ContactPoint
from tests.server.conftest import Api


def all_pages(api: Api, user: str, **params: object) -> list[dict]:
    items: list[dict] = []
    cursor = None
    for _ in range(100):
        query = {"limit": 7, **params, **({"cursor": cursor} if cursor else {})}
        r = api.get("/cases", user, params=query)
        assert r.status_code == 200, r.text
        body = r.json()
        CasePage.model_validate(body)
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("paging never ended")


def test_agents_see_exactly_their_open_cases_in_pages_without_gaps(api: Api) -> None:
    items = all_pages(api, "agent.east1")
    with api.session() as db:
        expected = set(
            db.scalars(
                select(Case.id).where(
                    Case.assignee_id == api.users["agent.east1"].id, Case.closed_at.is_(None)
                )
            )
        )
    ids = [uuid.UUID(i["id"]) for i in items]
    assert len(ids) == len(set(ids)) == len(expected) > 0
    assert set(ids) == expected
    dpds = [i["dpd"] for i in items]
    assert dpds == sorted(dpds, reverse=True)
    # The list's rows are exactly what the case itself says (same shape, same values).
    for item in items[:5]:
        CaseSummary.model_validate(item)
        assert api.get(f"/cases/{item['id']}", "agent.east1").json()["case"] == item


def test_leads_see_their_team_and_admins_everything(api: Api) -> None:
    lead = {uuid.UUID(i["id"]) for i in all_pages(api, "lead.east", limit=50)}
    team = api.cases_of_team("华东组")
    with api.session() as db:
        open_ids = set(db.scalars(select(Case.id).where(Case.closed_at.is_(None))))
    assert lead == team & open_ids
    admin = {uuid.UUID(i["id"]) for i in all_pages(api, "admin", limit=50)}
    assert admin == open_ids
    r = api.get("/cases", "admin", params={"include_total": "true", "limit": 5})
    assert r.json()["total"] == len(open_ids)


def test_filters_by_bucket_stage_assignee_and_text(api: Api) -> None:
    for bucket in ("M1", "M2", "M3", "M3+"):
        items = all_pages(api, "admin", bucket=bucket)
        assert all(i["bucket"] == bucket for i in items)
    items = all_pages(api, "admin", stage="negotiation")
    assert items and all(i["stage"] == "negotiation" for i in items)
    agent = api.users["agent.south2"]
    items = all_pages(api, "admin", assignee=str(agent.id))
    assert items and all(i["assignee_id"] == str(agent.id) for i in items)
    some = items[0]
    # Text search finds a Chinese name by a part of it, and a loan reference.
    by_name = all_pages(api, "admin", q=some["borrower_name"][1:])
    assert some["id"] in {i["id"] for i in by_name}
    by_ref = all_pages(api, "admin", q=some["loan_ref"])
    assert [i["id"] for i in by_ref] == [some["id"]]
    assert all_pages(api, "admin", q="%") == []


def test_bad_paging_and_filters_are_4xx(api: Api) -> None:
    assert api.get("/cases", "admin", params={"cursor": "garbage!"}).status_code == 422
    assert api.get("/cases", "admin", params={"limit": 0}).status_code == 422
    assert api.get("/cases", "admin", params={"limit": 100000}).status_code == 422
    assert api.get("/cases", "admin", params={"bucket": "M9"}).status_code == 422
    assert api.get("/cases", "admin", params={"assignee": "not-a-uuid"}).status_code == 422


def test_case_detail_masks_personal_data(api: Api) -> None:
    case_id = api.case_of("agent.east1")
    r = api.get(f"/cases/{case_id}", "agent.east1")
    assert r.status_code == 200
    body = r.json()
    with api.session() as db:
        case = db.get(Case, case_id)
        borrower = db.get(Borrower, case.borrower_id)
        contacts = list(
            db.scalars(select(ContactPoint).where(ContactPoint.borrower_id == borrower.id))
        )
    masked = body["borrower"]["national_id_masked"]
    assert masked[:6] == borrower.national_id[:6] and masked[-4:] == borrower.national_id[-4:]
    assert borrower.national_id not in r.text
    for c in contacts:
        assert c.value not in r.text
    phones = [c for c in body["contacts"] if c["kind"] == "phone"]
    assert phones and all("****" in c["value_masked"] for c in phones)
    assert body["loan"]["external_id"] == body["case"]["loan_ref"]
    assert len(body["schedule"]) == body["loan"]["term_months"]
    assert body["assignee"]["username"] == "agent.east1"
    kinds = {h["kind"] for h in body["history"]}
    assert kinds <= {"attempt", "note", "promise", "plan", "decision"}


def test_someone_elses_case_is_not_found(api: Api) -> None:
    other = api.case_of("agent.east2")
    r = api.get(f"/cases/{other}", "agent.east1")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"
    assert api.get(f"/cases/{uuid.uuid4()}", "agent.east1").status_code == 404
    assert api.get(f"/cases/{other}", "lead.south").status_code == 404
    assert api.get(f"/cases/{other}", "lead.east").status_code == 200


def test_reveal_returns_the_value_and_audits_it(api: Api) -> None:
    case_id = api.case_of("agent.east1")
    with api.session() as db:
        case = db.get(Case, case_id)
        borrower = db.get(Borrower, case.borrower_id)
        phone = db.scalars(
            select(ContactPoint).where(
                ContactPoint.borrower_id == borrower.id, ContactPoint.kind == "phone"
            )
        ).first()
    r = api.post(f"/cases/{case_id}/reveal", "agent.east1", json={"field": "national_id"})
    assert r.status_code == 200 and r.json()["value"] == borrower.national_id
    r = api.post(
        f"/cases/{case_id}/reveal",
        "agent.east1",
        json={"field": "contact", "contact_id": str(phone.id), "reason": "回拨"},
    )
    assert r.status_code == 200 and r.json()["value"] == phone.value
    with api.session() as db:
        reveals = list(
            db.scalars(
                select(AuditEntry).where(AuditEntry.action == "reveal").order_by(AuditEntry.id)
            )
        )
    assert [e.entity for e in reveals] == ["borrower", "contact_point"]
    assert reveals[1].username == "agent.east1" and reveals[1].device == "test"
    assert reveals[1].detail["reason"] == "回拨"
    # A contact of another borrower, a missing contact id, another's case: refused.
    assert (
        api.post(f"/cases/{case_id}/reveal", "agent.east1", json={"field": "contact"}).status_code
        == 422
    )
    other = api.case_of("agent.south1")
    r = api.post(f"/cases/{other}/reveal", "agent.east1", json={"field": "national_id"})
    assert r.status_code == 404
    with api.session() as db:
        assert db.scalar(select(func.count()).where(AuditEntry.action == "reveal")) == 2


def test_assignment_rules(api: Api) -> None:
    case_id = api.case_of("agent.east1")
    r = api.post(f"/cases/{case_id}/assign", "lead.east", json={"agent": "agent.east2"})
    assert r.status_code == 200
    assert r.json()["assignee_id"] == str(api.users["agent.east2"].id)
    assert r.json()["version"] >= 2
    # The old holder no longer sees it; the new one does.
    assert api.get(f"/cases/{case_id}", "agent.east1").status_code == 404
    assert api.get(f"/cases/{case_id}", "agent.east2").status_code == 200
    # A lead cannot hand a case to another team's agent, nor to a non-agent.
    r = api.post(f"/cases/{case_id}/assign", "lead.east", json={"agent": "agent.south1"})
    assert r.status_code == 422
    r = api.post(f"/cases/{case_id}/assign", "lead.east", json={"agent": "lead.east"})
    assert r.status_code == 422
    # An admin moves it across teams (by user id); the case's team follows the agent.
    south1 = api.users["agent.south1"]
    r = api.post(f"/cases/{case_id}/assign", "admin", json={"agent": str(south1.id)})
    assert r.status_code == 200
    assert r.json()["team_id"] == str(api.teams["华南组"].id)
    # Now it is the other team's: the east lead cannot see it any more.
    r = api.post(f"/cases/{case_id}/assign", "lead.east", json={"agent": "agent.east1"})
    assert r.status_code == 404
    with api.session() as db:
        moves = db.scalar(select(func.count()).where(AuditEntry.action == "case.assign"))
    assert moves == 2
