"""A portfolio import that moves a loan (and so its case) to another borrower reaches the
desktops holding the case: the case names the new borrower, and the new borrower's
record and contact points arrive with it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, select

from agentdesk.domain.money import from_minor
from agentdesk.domain.vocabulary import Language
from agentdesk.server.db import session_factory, transaction
from agentdesk.server.imports import import_csv
from agentdesk.server.models import Borrower, Case, ContactPoint, Loan, User
from tests.sync.conftest import DeskFactory


def _loans_row(loan: Loan, borrower_external_id: str) -> str:
    return (
        "external_id,borrower_external_id,product,principal,annual_rate,term_months,method,"
        "start_date,first_due_date,currency\n"
        f"{loan.external_id},{borrower_external_id},{loan.product},"
        f"{from_minor(loan.principal_minor, loan.currency)},{loan.annual_rate},"
        f"{loan.term_months},{loan.method},{loan.start_date.isoformat()},"
        f"{loan.first_due_date.isoformat()},{loan.currency}\n"
    )


def test_a_loan_moved_to_another_borrower_moves_the_case_on_the_desktop(
    desk: DeskFactory, server_engine: Engine
) -> None:
    agent = desk("agent.east1")
    assert agent.sync().state == "synced"
    factory = session_factory(server_engine)
    with factory() as db:
        agent_id = db.scalars(select(User.id).where(User.username == "agent.east1")).one()
        case = db.scalars(
            select(Case).where(Case.assignee_id == agent_id).order_by(Case.id).limit(1)
        ).one()
        old = case.borrower_id
        loan = db.get(Loan, case.loan_id)
        assert loan is not None
        # A borrower this desktop does not hold, who has contact points.
        held = select(Case.borrower_id).where(Case.assignee_id == agent_id)
        other = db.scalars(
            select(Borrower)
            .where(Borrower.id.not_in(held))
            .where(Borrower.id.in_(select(ContactPoint.borrower_id)))
            .order_by(Borrower.id)
            .limit(1)
        ).one()
        points = {str(i) for i in db.scalars(select(ContactPoint.id).where(
            ContactPoint.borrower_id == other.id))}  # fmt: skip
        csv = _loans_row(loan, other.external_id)
    assert str(other.id) not in agent.local_ids("borrowers", "borrower_id")

    with transaction(factory) as db:
        result = import_csv(db, "loans", csv.encode(), datetime.now(UTC).date(), Language.EN)
    assert result.updated == 1
    with factory() as db:
        moved = db.get(Case, case.id)
        assert moved is not None and moved.borrower_id == other.id

    assert agent.sync().state == "synced"
    with agent.store.read() as local:
        borrower_id, name = local.execute(
            "SELECT borrower_id, borrower_name FROM cases WHERE case_id = ?", (str(case.id),)
        ).fetchone()
        local_points = {
            r[0]
            for r in local.execute(
                "SELECT contact_point_id FROM contact_points WHERE borrower_id = ?",
                (str(other.id),),
            )
        }
    assert (borrower_id, name) == (str(other.id), other.name)
    assert str(other.id) in agent.local_ids("borrowers", "borrower_id")
    assert local_points == points
    # The borrower the case left is forgotten unless another case held here names them.
    with factory() as db:
        still_named = db.scalar(
            select(Case.id).where(Case.assignee_id == agent_id, Case.borrower_id == old).limit(1)
        )
    assert (str(old) in agent.local_ids("borrowers", "borrower_id")) == (still_named is not None)
