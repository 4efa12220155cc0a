"""A randomized soak: three desktops working and syncing through a faulty network.

Rounds of random work (calls, notes, promises, proposals, withdrawals, a lead's
approvals and reassignments) and syncs through a proxy that drops requests, drops
answers after the server applied them, and cuts answers short. Bounded in time. At the
end the network heals, everyone syncs, and: every op ever made is on the server exactly
once, each answered; every refusal is on its desktop's attention list; and every
desktop holds exactly what its user may see on the server.
"""

from __future__ import annotations

import contextlib
import random
import time
import uuid
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from agentdesk.client.operations import LocalChange, OperationError
from agentdesk.client.sync_engine import SyncState
from agentdesk.protocol.ops import CaseReassign
from agentdesk.server.sync.models import SyncOp
from tests.support.proxy import FaultProxy
from tests.sync.checks import assert_agree
from tests.sync.conftest import DeskFactory
from tests.sync.harness import Desk, LiveServer, user_id
from tests.sync.work import OPTION_SETS, approve, attempt, note, promise, propose, withdraw

pytestmark = pytest.mark.slow

SECONDS = 30


def _pending_plans(d: Desk, *, mine: bool) -> list[tuple[str, str]]:
    with d.store.read() as db:
        rows = db.execute(
            "SELECT plan_id, case_id, data FROM plans WHERE status = 'pending'"
            " AND local_state = 'synced'"
        ).fetchall()
    me = d.ops.user_id
    return [(str(p), str(c)) for p, c, data in rows if (f'"proposed_by":"{me}"' in data) == mine]


def _held_cases(d: Desk) -> list[str]:
    with d.store.read() as db:
        return [
            str(r[0])
            for r in db.execute(
                "SELECT case_id FROM cases WHERE removal_pending = 0 ORDER BY case_id"
            )
        ]


def test_soak(desk: DeskFactory, server: LiveServer, server_engine: Engine) -> None:
    rng = random.Random(20261128)
    proxy = FaultProxy(server.port, seed=7)
    try:
        desks = [
            desk(name, base_url=proxy.url, push_batch=7, pull_limit=150)
            for name in ("agent.east1", "agent.east2", "lead.east")
        ]
        for d in desks:
            assert d.sync().state is SyncState.SYNCED
        agents, lead = desks[:2], desks[2]
        agent_ids = [user_id(server_engine, d.username) for d in agents]
        made: dict[str, list[LocalChange]] = {d.username: [] for d in desks}
        proxy.randomly(0.25, "/api/v1/sync/")

        def agent_work(d: Desk) -> Callable[[], LocalChange] | None:
            cases = _held_cases(d)
            if not cases:
                return None
            case_id = rng.choice(cases)
            own = _pending_plans(d, mine=True)
            choices: list[Callable[[], LocalChange]] = [
                lambda: attempt(d, case_id),
                lambda: note(d, case_id, f"备注 {rng.randint(0, 10**6)}"),
                lambda: promise(d, case_id, f"{rng.randint(100, 5000)}.00"),
                lambda: propose(d, case_id, rng.choice(OPTION_SETS)),
            ]
            if own:
                plan_id, plan_case = rng.choice(own)
                choices.append(lambda: withdraw(d, plan_case, plan_id))
            return rng.choice(choices)

        def lead_work() -> Callable[[], LocalChange] | None:
            pending = _pending_plans(lead, mine=False)
            if pending and rng.random() < 0.6:
                plan_id, case_id = rng.choice(pending)

                def decide() -> LocalChange:
                    approve(lead, case_id, plan_id)
                    return _last_change(lead)

                return decide
            cases = _held_cases(lead)
            case_id, to = rng.choice(cases), rng.choice(agent_ids)
            return lambda: lead.ops.reassign_case(
                CaseReassign(case_id=uuid.UUID(case_id), to_user_id=uuid.UUID(to), reason="调整")
            )

        rounds = 0
        deadline = time.monotonic() + SECONDS
        while time.monotonic() < deadline:
            rounds += 1
            for d in rng.sample(desks, len(desks)):
                for _ in range(rng.randint(0, 3)):
                    work = lead_work() if d is lead else agent_work(d)
                    if work is None:
                        continue
                    # OperationError: e.g. a plan decided meanwhile; the app would not offer it.
                    with contextlib.suppress(OperationError):
                        made[d.username].append(work())
                d.sync()
        assert rounds >= 5
        assert (
            sum(proxy.counts[f] for f in ("drop_request", "drop_response", "truncate_response")) > 0
        )

        proxy.calm()
        for _ in range(3):
            for d in desks:
                assert d.sync().state is SyncState.SYNCED
        all_ops = {c.op_id: name for name, changes in made.items() for c in changes}
        assert len(all_ops) >= 30, "the soak made real work"
        with Session(server_engine) as db:
            stored = {row.op_id: row for row in db.scalars(select(SyncOp))}
        missing = set(all_ops) - set(stored)
        assert not missing, f"{len(missing)} ops never reached the server"
        assert set(stored) == set(all_ops), "the server has ops nobody made"
        for d in desks:
            assert d.outbox.count() == 0
            refused = {
                op_id
                for op_id, name in all_ops.items()
                if name == d.username and stored[op_id].status in ("rejected", "conflict")
            }
            listed = {item.op_id for item in d.outbox.needs_attention()}
            assert listed == refused, f"{d.username}: refusals not shown to the user"
            assert_agree(server_engine, d)
    finally:
        proxy.close()


def _last_change(d: Desk) -> LocalChange:
    # approve() returns the decision id; the op itself is the newest in the outbox.
    with d.store.read() as db:
        op_id, entity_id, case_id = db.execute(
            "SELECT op_id, entity_id, case_id FROM outbox ORDER BY seq DESC LIMIT 1"
        ).fetchone()
    return LocalChange(uuid.UUID(op_id), uuid.UUID(entity_id), uuid.UUID(case_id))
