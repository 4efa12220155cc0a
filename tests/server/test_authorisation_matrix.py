"""Every endpoint × every role × own team / other team, with the expected status.

"own" is a case of agent.east1 (team 华东组: the agent's own case, the lead's team);
"other" is a case of agent.south1 (team 华南组). What is not yours is not found (404);
what your role may never do is forbidden (403).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from agentdesk.server.models import Case
from agentdesk.server.seed.demo import DEMO_PASSWORD
from tests.server.conftest import Api

ROLES = {"agent": "agent.east1", "lead": "lead.east", "admin": "admin", "anonymous": None}
OWNER = {"own": "agent.east1", "other": "agent.south1"}
# A second agent in the case's team, to assign cases to.
COLLEAGUE = {"own": "agent.east2", "other": "agent.south2"}

# endpoint -> role -> (status for own, status for other); None where own/other means nothing.
EXPECTED: dict[str, dict[str, tuple[int, int | None]]] = {
    "GET /health": {
        "agent": (200, None),
        "lead": (200, None),
        "admin": (200, None),
        "anonymous": (200, None),
    },
    "POST /auth/login": {
        "agent": (200, None),
        "lead": (200, None),
        "admin": (200, None),
        "anonymous": (401, None),
    },
    "GET /me": {
        "agent": (200, None),
        "lead": (200, None),
        "admin": (200, None),
        "anonymous": (401, None),
    },
    "POST /auth/logout": {
        "agent": (204, None),
        "lead": (204, None),
        "admin": (204, None),
        "anonymous": (401, None),
    },
    "GET /cases": {
        "agent": (200, None),
        "lead": (200, None),
        "admin": (200, None),
        "anonymous": (401, None),
    },
    "GET /cases/{id}": {
        "agent": (200, 404),
        "lead": (200, 404),
        "admin": (200, 200),
        "anonymous": (401, 401),
    },
    "POST /cases/{id}/reveal": {
        "agent": (200, 404),
        "lead": (200, 404),
        "admin": (200, 200),
        "anonymous": (401, 401),
    },
    "POST /cases/{id}/assign": {
        "agent": (403, 403),
        "lead": (200, 404),
        "admin": (200, 200),
        "anonymous": (401, 401),
    },
    "POST /plans/preview": {
        "agent": (200, 404),
        "lead": (200, 404),
        "admin": (200, 200),
        "anonymous": (401, 401),
    },
    "POST /cases/{id}/plans": {
        "agent": (201, 404),
        "lead": (201, 404),
        "admin": (201, 201),
        "anonymous": (401, 401),
    },
    "GET /plans": {
        "agent": (200, None),
        "lead": (200, None),
        "admin": (200, None),
        "anonymous": (401, None),
    },
    "GET /plans/{id}": {
        "agent": (200, 404),
        "lead": (200, 404),
        "admin": (200, 200),
        "anonymous": (401, 401),
    },
    "POST /plans/{id}/decision": {
        "agent": (403, 403),
        "lead": (200, 404),
        "admin": (200, 200),
        "anonymous": (401, 401),
    },
    "POST /plans/{id}/withdraw": {
        "agent": (200, 404),
        "lead": (403, 404),
        "admin": (200, 200),
        "anonymous": (401, 401),
    },
    "GET /reports/team": {
        "agent": (403, 403),
        "lead": (200, 404),
        "admin": (200, 200),
        "anonymous": (401, 401),
    },
    "POST /admin/import/{kind}": {
        "agent": (403, None),
        "lead": (403, None),
        "admin": (200, None),
        "anonymous": (401, None),
    },
}


class World:
    """Fresh cases and plans for each call, so no call depends on another's effect."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.used: set[str] = set()

    def cases(self, target: str) -> list[str]:
        with self.api.session() as db:
            ids = [
                str(c)
                for c in db.scalars(
                    select(Case.id)
                    .where(
                        Case.assignee_id == self.api.users[OWNER[target]].id,
                        Case.closed_at.is_(None),
                    )
                    # Early cases first: a loan past its last due date needs an extension.
                    .order_by(Case.dpd, Case.loan_ref)
                )
            ]
        return ids

    def case(self, target: str) -> str:
        """A case of the target's agent not used by an earlier call (if any is left)."""
        ids = self.cases(target)
        for case_id in ids:
            if case_id not in self.used:
                self.used.add(case_id)
                return case_id
        return ids[0]

    def plan(self, target: str) -> str:
        """A pending plan on a fresh case, proposed by its agent, within a lead's authority."""
        owner = OWNER[target]
        # Plans do not change who sees a case, so they may share cases.
        for case_id in self.cases(target):
            preview = self.api.post(
                "/plans/preview", owner, json={"case_id": case_id, "options": {"extra_months": 3}}
            ).json()
            p = preview["position"]
            due = (
                Decimal(p["overdue_principal"])
                + Decimal(p["overdue_interest"])
                + Decimal(p["fees"])
            )
            down = str((due * Decimal("0.2")).quantize(Decimal("0.01")))
            options = {"extra_months": 3, "down_payment": down}
            check = self.api.post(
                "/plans/preview", owner, json={"case_id": case_id, "options": options}
            ).json()
            if check["authority"]["required_role"] not in ("agent", "lead"):
                continue  # a long loan whose new term needs an administrator: next case
            r = self.api.post(f"/cases/{case_id}/plans", owner, json={"options": options})
            assert r.status_code == 201, r.text
            return str(r.json()["id"])
        raise AssertionError("no case fits a plan within a lead's authority")


Call = Callable[[Api, World, str | None, str], Any]


def _headers(api: Api, user: str | None) -> dict[str, str]:
    return api.auth(user) if user else {}


def _req(api: Api, method: str, path: str, user: str | None, **kw: Any) -> int:
    fn = api.client.get if method == "GET" else api.client.post
    return int(
        fn(
            "/api/v1" + path, headers={**_headers(api, user), **kw.pop("headers", {})}, **kw
        ).status_code
    )


CALLS: dict[str, Call] = {
    "GET /health": lambda api, w, u, t: _req(api, "GET", "/health", u),
    "POST /auth/login": lambda api, w, u, t: _req(
        api,
        "POST",
        "/auth/login",
        None,
        json={"username": u or "nobody", "password": DEMO_PASSWORD, "device_name": "matrix"},
    ),
    "GET /me": lambda api, w, u, t: _req(api, "GET", "/me", u),
    "POST /auth/logout": lambda api, w, u, t: _req(api, "POST", "/auth/logout", u),
    "GET /cases": lambda api, w, u, t: _req(api, "GET", "/cases", u),
    "GET /cases/{id}": lambda api, w, u, t: _req(api, "GET", f"/cases/{w.case(t)}", u),
    "POST /cases/{id}/reveal": lambda api, w, u, t: _req(
        api, "POST", f"/cases/{w.case(t)}/reveal", u, json={"field": "national_id"}
    ),
    "POST /cases/{id}/assign": lambda api, w, u, t: _req(
        api, "POST", f"/cases/{w.case(t)}/assign", u, json={"agent": COLLEAGUE[t]}
    ),
    "POST /plans/preview": lambda api, w, u, t: _req(
        api,
        "POST",
        "/plans/preview",
        u,
        json={"case_id": w.case(t), "options": {"extra_months": 3}},
    ),
    "POST /cases/{id}/plans": lambda api, w, u, t: _req(
        api, "POST", f"/cases/{w.case(t)}/plans", u, json={"options": {"extra_months": 2}}
    ),
    "GET /plans": lambda api, w, u, t: _req(api, "GET", "/plans", u),
    "GET /plans/{id}": lambda api, w, u, t: _req(api, "GET", f"/plans/{w.plan(t)}", u),
    "POST /plans/{id}/decision": lambda api, w, u, t: _req(
        api, "POST", f"/plans/{w.plan(t)}/decision", u, json={"decision": "approve"}
    ),
    "POST /plans/{id}/withdraw": lambda api, w, u, t: _req(
        api, "POST", f"/plans/{w.plan(t)}/withdraw", u, json={}
    ),
    "GET /reports/team": lambda api, w, u, t: _req(
        api,
        "GET",
        "/reports/team",
        u,
        params={"team_id": str(api.teams["华东组" if t == "own" else "华南组"].id)},
    ),
    "POST /admin/import/{kind}": lambda api, w, u, t: _req(
        api,
        "POST",
        "/admin/import/assignments",
        u,
        content=f"loan_external_id,agent\n{_loan_of(api, w.case('own'))},agent.east1\n".encode(),
        headers={"Content-Type": "text/csv"},
    ),
}


def _loan_of(api: Api, case_id: str) -> str:
    import uuid

    with api.session() as db:
        case = db.get(Case, uuid.UUID(case_id))
        return case.loan_ref


@pytest.mark.parametrize("role", list(ROLES))
def test_authorisation_matrix(api: Api, role: str) -> None:
    world = World(api)
    user = ROLES[role]
    got: dict[str, tuple[int, int | None]] = {}
    # Logging out ends the role's token: do it last.
    for endpoint in sorted(CALLS, key=lambda e: e == "POST /auth/logout"):
        other_expected = EXPECTED[endpoint][role][1]
        own = CALLS[endpoint](api, world, user, "own")
        other = None if other_expected is None else CALLS[endpoint](api, world, user, "other")
        got[endpoint] = (own, other)
    wrong = {e: (got[e], EXPECTED[e][role]) for e in CALLS if got[e] != EXPECTED[e][role]}
    assert not wrong, f"{role}: endpoint -> (got, expected): {wrong}"


def test_every_endpoint_is_in_the_matrix(api: Api) -> None:
    """A new endpoint must be added to the matrix (the OpenAPI lists them all)."""
    spec = api.client.get("/openapi.json").json()
    listed = {
        f"{method.upper()} {path.removeprefix('/api/v1')}"
        for path, ops in spec["paths"].items()
        for method in ops
    }
    mine = {
        e.replace("{id}", "{case_id}", 1) if "/cases/" in e else e.replace("{id}", "{plan_id}")
        for e in CALLS
    }
    missing = {
        e
        for e in listed
        if not e.startswith(
            (
                "GET /sync",
                "POST /sync",
                "GET /compliance",
                "POST /compliance",
                "GET /policies",
                "POST /policies",
                "GET /scripts",
                "POST /scripts",
            )
        )
    } - mine
    assert not missing, f"endpoints missing from the authorisation matrix: {sorted(missing)}"
