"""A case re-filed under another borrower leaves the old borrower behind: the store forgets
them (record, contact points) unless another case still names them or the case has
unanswered ops — whether the case arrives as a change or in a first-sync block."""

from __future__ import annotations

from uuid import UUID

import pytest

from agentdesk.client.changes import apply_changes
from agentdesk.client.operations import Operations
from agentdesk.client.queue import CaseQueue, QueueQuery
from agentdesk.client.store import LocalStore
from agentdesk.protocol.ops import NoteAdd
from agentdesk.protocol.sync import Change, EntityType, PullResponse

from .conftest import CaseSeed, change, page, seed
from .test_blocks import _as_blocks


def _borrowers(store: LocalStore) -> dict[str, int]:
    """Borrower id -> how many contact points the store keeps for them."""
    with store.read() as db:
        ids = [r[0] for r in db.execute("SELECT borrower_id FROM borrowers")]
        return {
            b: db.execute(
                "SELECT count(*) FROM contact_points WHERE borrower_id = ?", (b,)
            ).fetchone()[0]
            for b in ids
        }


def _moved(person: CaseSeed, to: CaseSeed) -> list[Change]:
    # What a pull brings for a case now filed under `to`'s borrower: that borrower whole
    # (record, contact points), then the case naming them.
    person.borrower_id, person.name, person.version = to.borrower_id, to.name, person.version + 1
    borrower_changes = [c for c in to.changes() if c.entity_type in (
        EntityType.BORROWER, EntityType.CONTACT_POINT)]  # fmt: skip
    return [*borrower_changes, change(EntityType.CASE, person.case_data(), person.version)]


def _as_page(changes: list[Change], blocks: bool) -> PullResponse:
    return _as_blocks(changes, "m1") if blocks else page(*changes)


@pytest.mark.parametrize("blocks", [False, True])
def test_the_old_borrower_is_forgotten(store: LocalStore, blocks: bool) -> None:
    person = CaseSeed(name="王芳", phones=("13811110000",))
    newcomer = CaseSeed(name="李娜", phones=("13922220000", "13933330000"))
    seed(store, person)
    old_borrower = person.borrower_id
    apply_changes(store, _as_page(_moved(person, newcomer), blocks))
    assert _borrowers(store) == {newcomer.borrower_id: 2}
    assert old_borrower not in _borrowers(store)
    queue = CaseQueue(store)
    assert queue.search(QueueQuery(text="13922220000")).count == 1
    assert queue.search(QueueQuery(text="13811110000")).count == 0
    queue.close()


@pytest.mark.parametrize("blocks", [False, True])
def test_a_borrower_another_case_names_stays(store: LocalStore, blocks: bool) -> None:
    person = CaseSeed(name="王芳")
    sibling = CaseSeed(name="王芳", borrower_id=person.borrower_id)  # a second loan
    newcomer = CaseSeed(name="李娜")
    seed(store, person, sibling)
    old_borrower = person.borrower_id
    apply_changes(store, _as_page(_moved(person, newcomer), blocks))
    assert set(_borrowers(store)) == {old_borrower, newcomer.borrower_id}


def test_a_case_with_unanswered_ops_keeps_the_old_borrower(store: LocalStore) -> None:
    person, newcomer = CaseSeed(name="王芳"), CaseSeed(name="李娜")
    seed(store, person)
    old_borrower = person.borrower_id
    Operations(store).add_note(NoteAdd(case_id=UUID(person.case_id), text="回电"))
    apply_changes(store, page(*_moved(person, newcomer)))
    assert set(_borrowers(store)) == {old_borrower, newcomer.borrower_id}
