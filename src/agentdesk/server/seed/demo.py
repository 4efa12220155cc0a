"""`seed-demo`: a believable, deterministic portfolio for demos and benchmarks.

1 admin, 2 teams each with a lead and 3 agents, N delinquent loans across all buckets
(2,000 by default), borrowers with made-up Chinese (and some English) names, payment
histories, contact attempts, notes, kept/broken/open promises, next actions (some due
today, some overdue, most later: `follow_ups.py`) and a few pending plans.
The same `seed` and `today` always give the same data. Rows go in with bulk inserts so
the demo starts in seconds; schedules and positions come from the domain engine.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.authority import AuthorityOutcome, AuthorityPolicy
from agentdesk.domain.errors import DomainError
from agentdesk.domain.money import round_money, to_minor
from agentdesk.domain.vocabulary import Language, PlanStatus, Role
from agentdesk.protocol.plans import PlanOptions
from agentdesk.server import audit
from agentdesk.server.errors import ApiError
from agentdesk.server.models import (
    Borrower,
    Case,
    ContactAttempt,
    ContactPoint,
    Instalment,
    Loan,
    Note,
    Payment,
    Plan,
    PlanDecision,
    Promise,
    Team,
    User,
)
from agentdesk.server.plans import borrower_income, case_position, compute, stored_figures
from agentdesk.server.security import hash_password
from agentdesk.server.seed import people
from agentdesk.server.seed.bulk import bulk_insert
from agentdesk.server.seed.common import Rows, new_id, stamp
from agentdesk.server.seed.loans import one_loan

DEMO_PASSWORD = "agentdesk-demo"
TEAMS = (("华东组", "east"), ("华南组", "south"))


@dataclass(frozen=True)
class DemoAccount:
    """A demo sign-in (printed, and written with --accounts-out)."""

    username: str
    password: str
    role: str
    team: str | None
    display_name: str


def _user(
    rng: random.Random, now: datetime, username: str, name: str, role: Role, team: Any, pw: str
) -> dict[str, Any]:
    return {
        "id": new_id(rng),
        "username": username,
        "display_name": name,
        "role": role.value,
        "team_id": team,
        "password_hash": pw,
        "language": Language.ZH_CN.value,
        "active": True,
        **stamp(now),
    }


def _people(
    rng: random.Random, now: datetime, rows: Rows
) -> tuple[list[DemoAccount], list[dict[str, Any]]]:
    accounts = [DemoAccount("admin", DEMO_PASSWORD, Role.ADMIN.value, None, "系统管理员")]
    agents: list[dict[str, Any]] = []
    # One hash of the shared demo password keeps seeding fast (argon2 is slow on purpose).
    pw_hash = hash_password(DEMO_PASSWORD)
    rows.users.append(_user(rng, now, "admin", "系统管理员", Role.ADMIN, None, pw_hash))
    for team_name, key in TEAMS:
        team_id = new_id(rng)
        rows.teams.append({"id": team_id, "name": team_name, **stamp(now)})
        lead_name = people.chinese_name(rng)
        rows.users.append(_user(rng, now, f"lead.{key}", lead_name, Role.LEAD, team_id, pw_hash))
        accounts.append(DemoAccount(f"lead.{key}", DEMO_PASSWORD, "lead", team_name, lead_name))
        for n in range(1, 4):
            name = people.chinese_name(rng)
            user = _user(rng, now, f"agent.{key}{n}", name, Role.AGENT, team_id, pw_hash)
            rows.users.append(user)
            agents.append(user)
            accounts.append(DemoAccount(user["username"], DEMO_PASSWORD, "agent", team_name, name))
    return accounts, agents


def seed_demo(
    db: Session,
    *,
    seed: int = 7,
    cases: int = 2000,
    today: date | None = None,
    policy: AuthorityPolicy | None = None,
    plans: int = 12,
    progress: Callable[[str], None] | None = None,
) -> list[DemoAccount]:
    """Fill an empty, migrated database with demo data; returns the demo accounts."""
    if db.scalars(select(User.id).limit(1)).first() is not None:
        raise ApiError(
            409,
            "not_empty",
            "数据库中已有用户；演示数据只能写入空数据库。",
            "The database already has users; demo data goes into an empty database only.",
        )
    rng = random.Random(seed)
    today = today or datetime.now(UTC).date()
    now = datetime.combine(today, time(8, 0), UTC)
    say = progress or (lambda _msg: None)
    rows = Rows()
    accounts, agents = _people(rng, now, rows)
    for n in range(cases):
        one_loan(rng, n, today, now, agents, rows)
    say(f"generated {cases} loans")
    for model, batch in (
        (Team, rows.teams),
        (User, rows.users),
        (Borrower, rows.borrowers),
        (ContactPoint, rows.contacts),
        (Loan, rows.loans),
        (Instalment, rows.instalments),
        (Payment, rows.payments),
        (Case, rows.cases),
        (ContactAttempt, rows.attempts),
        (Note, rows.notes),
        (Promise, rows.promises),
    ):
        bulk_insert(db, model.__table__, batch)  # type: ignore[arg-type]
        say(f"inserted {len(batch)} {model.__tablename__}")
    if policy is not None and plans:
        _plans(db, rng, rows, today, now, policy, plans)
    audit.record(db, "seed_demo", username="seed-demo", seed=seed, cases=cases)
    db.flush()
    return accounts


# Proposals an agent might make (a down payment is added as a share of what is due):
# some within the agent's authority, most needing a lead, a few an administrator.
_OPTION_SETS: tuple[dict[str, Any], ...] = (
    {"extra_months": 6, "capitalise_arrears": True},
    {"extra_months": 10, "capitalise_arrears": True},
    {"extra_months": 6, "grace_months": 2},
    {"extra_months": 12, "capitalise_arrears": True},
    {"extra_months": 3},
)
_DOWN_SHARES = (Decimal("0.05"), Decimal("0.10"), Decimal("0.15"), Decimal("0.20"))


def _plans(
    db: Session,
    rng: random.Random,
    rows: Rows,
    today: date,
    now: datetime,
    policy: AuthorityPolicy,
    count: int,
) -> None:
    """A few plans on M2/M3 cases: mostly pending, a couple already decided."""
    candidates = [c for c in rows.cases if c["bucket"] in ("M2", "M3") and c["closed_at"] is None]
    rng.shuffle(candidates)
    leads = {u["team_id"]: u["id"] for u in rows.users if u["role"] == Role.LEAD.value}
    made = 0
    for c in candidates:
        if made >= count + 4:
            break
        case = db.get(Case, c["id"])
        assert case is not None
        try:
            terms, position, _loan = case_position(db, case, today)
            due = position.overdue_principal + position.overdue_interest + position.fees
            share = rng.choice(_DOWN_SHARES)
            options = PlanOptions.model_validate(
                {**rng.choice(_OPTION_SETS), "down_payment": round_money(due * share)}
            )
            computed = compute(
                terms, position, options, Role.AGENT, policy, borrower_income(db, case)
            )
        except DomainError:
            continue  # an option set that does not fit this loan: try the next case
        if computed.verdict.outcome is AuthorityOutcome.NOT_ALLOWED:
            continue
        status = (
            PlanStatus.PENDING
            if made < count
            else rng.choice((PlanStatus.APPROVED, PlanStatus.REJECTED))
        )
        created = now - timedelta(hours=rng.randint(1, 72))
        plan_id = new_id(rng)
        db.add(
            Plan(
                id=plan_id,
                case_id=case.id,
                proposed_by=c["assignee_id"],
                team_id=c["team_id"],
                status=status.value,
                terms=options.model_dump(mode="json"),
                justification="借款人收入下降，申请延期还款。",
                figures=stored_figures(computed.figures),
                required_role=(computed.verdict.required_role or Role.ADMIN).value,
                monthly_instalment_minor=to_minor(computed.plan.regular_instalment),
                decided_at=None if status is PlanStatus.PENDING else now,
                version=1,
                created_at=created,
                updated_at=created,
            )
        )
        if status is not PlanStatus.PENDING:
            db.flush()
            db.add(
                PlanDecision(
                    id=new_id(rng),
                    plan_id=plan_id,
                    decided_by=leads[c["team_id"]],
                    decision="approve" if status is PlanStatus.APPROVED else "reject",
                    comment="同意。" if status is PlanStatus.APPROVED else "首付不足，请重新协商。",
                    **stamp(now),
                )
            )
        made += 1
