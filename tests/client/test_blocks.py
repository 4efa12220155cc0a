"""First-sync blocks (protocol 2) and whole schedules on pulled pages."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from agentdesk.client.changes import apply_changes
from agentdesk.client.store import LocalStore
from agentdesk.protocol.sync import ENTITY_MODELS, Change, EntityBlock, EntityType, PullResponse

from .conftest import CaseSeed, change, page, seed

TABLES = ("borrowers", "contact_points", "loans", "instalments", "cases", "history")


def _contents(store: LocalStore) -> dict[str, list[tuple[Any, ...]]]:
    with store.read() as db:
        return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def _schedule(loan_id: str, count: int) -> list[Change]:
    return [
        change(EntityType.INSTALMENT, {
            "id": f"{loan_id}:{n}", "loan_id": loan_id, "seq": n,
            "due_date": f"{2025 + n // 12}-{n % 12 + 1:02d}-01", "principal": "950.00",
            "interest": "99.00", "total": "1049.00"})
        for n in range(1, count + 1)
    ]


def _as_blocks(changes: list[Change], cursor: str) -> PullResponse:
    blocks: list[EntityBlock] = []
    for c in changes:
        assert c.data is not None
        if blocks and blocks[-1].entity_type is c.entity_type:
            last = blocks[-1]
            blocks[-1] = EntityBlock(
                entity_type=c.entity_type, seq=last.seq,
                versions=(*last.versions, c.version), data=[*last.data, c.data])
        else:
            blocks.append(EntityBlock(
                entity_type=c.entity_type, seq=c.seq, versions=(c.version,), data=[c.data]))
    return PullResponse(blocks=tuple(blocks), changes=(), next_cursor=cursor, has_more=False)


def _attempt(case_id: str, n: int) -> Change:
    return change(EntityType.CONTACT_ATTEMPT, {
        "id": f"a{n}", "case_id": case_id, "channel": "call", "result": "no_answer",
        "started_at": f"2026-11-0{n}T08:00:00Z"})


def test_blocks_store_exactly_what_the_same_changes_store(tmp_path: Any) -> None:
    people = [CaseSeed(name="王芳"), CaseSeed(name="李娜", phones=("13800000001", "13900000002"))]
    changes: list[Change] = []
    for person in people:
        changes += person.changes()[:3]  # borrower, contact points, loan
        changes += _schedule(person.loan_id, 3)
    for person in people:
        changes.append(change(EntityType.CASE, person.case_data(), person.version))
        changes += [_attempt(person.case_id, n) for n in (1, 2)]
        changes.append(change(EntityType.NOTE, {  # a time as the server writes it
            "id": f"n-{person.case_id}", "case_id": person.case_id, "text": "已联系",
            "created_at": "2026-11-04T08:00:00.000000+00:00"}))
    one_by_one = LocalStore(tmp_path / "changes.sqlite3")
    blocked = LocalStore(tmp_path / "blocks.sqlite3")
    try:
        first = apply_changes(one_by_one, page(*changes, cursor="c1"))
        second = apply_changes(blocked, _as_blocks(changes, "c1"))
        assert first.upserts == second.upserts == len(changes)
        assert _contents(one_by_one) == _contents(blocked)
        assert blocked.cursor() == "c1"
    finally:
        one_by_one.close()
        blocked.close()


def test_a_bad_entity_in_a_block_leaves_the_page_unapplied(store: LocalStore) -> None:
    person = CaseSeed(name="王芳")
    good = _as_blocks(person.changes(), "c1")
    bad_case = {**person.case_data(), "amount_overdue": 12.5}  # a float: never money
    bad = good.model_copy(update={"blocks": (
        *good.blocks[:-1], EntityBlock(
            entity_type=EntityType.CASE, seq=1, versions=(1,), data=[bad_case]))})
    with pytest.raises(ValidationError):
        apply_changes(store, bad)
    assert store.cursor() is None
    assert _contents(store)["borrowers"] == []


def test_blocks_need_one_version_per_entity() -> None:
    with pytest.raises(ValidationError):
        EntityBlock(entity_type=EntityType.NOTE, seq=1, versions=(1, 2), data=[{"id": "n"}])


def test_a_shorter_schedule_replaces_the_longer_one(store: LocalStore) -> None:
    person = CaseSeed(name="王芳")
    seed(store, person)
    loan = person.changes()[2]
    apply_changes(store, page(loan, *_schedule(person.loan_id, 12)))
    apply_changes(store, page(loan, *_schedule(person.loan_id, 6)))  # restructured
    with store.read() as db:
        seqs = [r[0] for r in db.execute(
            "SELECT seq FROM instalments WHERE loan_id = ? ORDER BY seq", (person.loan_id,))]
    assert seqs == [1, 2, 3, 4, 5, 6]
    # The same through a first-sync block page.
    apply_changes(store, _as_blocks([loan, *_schedule(person.loan_id, 4)], "c9"))
    with store.read() as db:
        count = db.execute(
            "SELECT count(*) FROM instalments WHERE loan_id = ?", (person.loan_id,)).fetchone()[0]
    assert count == 4


def test_schedule_rows_of_loans_the_page_did_not_carry_stay(store: LocalStore) -> None:
    person, other = CaseSeed(name="王芳"), CaseSeed(name="李娜")
    seed(store, person, other)
    apply_changes(store, page(person.changes()[2], *_schedule(person.loan_id, 3),
                              other.changes()[2], *_schedule(other.loan_id, 3)))
    apply_changes(store, page(person.changes()[2], *_schedule(person.loan_id, 2)))
    with store.read() as db:
        rows = dict(db.execute("SELECT loan_id, count(*) FROM instalments GROUP BY loan_id"))
    assert rows == {person.loan_id: 2, other.loan_id: 3}


_INSTALMENT = {"id": "L1:1", "loan_id": "L1", "seq": 1, "due_date": "2026-01-01",
               "principal": "950.00", "interest": "99.00", "total": "1049.00"}
_CALL = {"id": "a1", "case_id": "c1", "channel": "call", "result": "no_answer",
         "started_at": "2026-11-01T08:00:00.000000+00:00"}


@pytest.mark.parametrize(
    ("entity_type", "data", "field"),
    [
        (EntityType.INSTALMENT, {**_INSTALMENT, "principal": 950.0}, "principal"),  # float
        (EntityType.INSTALMENT, {**_INSTALMENT, "total": "NaN"}, "total"),
        (EntityType.INSTALMENT, {**_INSTALMENT, "seq": 0}, "seq"),
        (EntityType.INSTALMENT, {**_INSTALMENT, "due_date": "2026-02-30"}, "due_date"),
        (EntityType.INSTALMENT, {k: v for k, v in _INSTALMENT.items() if k != "loan_id"},
         "loan_id"),
        (EntityType.INSTALMENT, {**_INSTALMENT, "id": ""}, "id"),
        (EntityType.CONTACT_ATTEMPT, {**_CALL, "started_at": "2026-11-01T08:00:00"},
         "started_at"),  # no time zone
        (EntityType.CONTACT_ATTEMPT, {**_CALL, "result": "maybe"}, "result"),
        (EntityType.PAYMENT, {"id": "p1", "loan_id": "L1", "paid_on": "2026-01-01",
                              "amount": 10.5}, "amount"),
    ],
)
def test_block_checks_refuse_what_the_entity_model_refuses(
    store: LocalStore, entity_type: EntityType, data: dict[str, Any], field: str
) -> None:
    # The bulky blocks are checked into plain dicts, not models: by the same rules.
    model = ENTITY_MODELS[entity_type]
    with pytest.raises(ValidationError) as by_model:
        model.model_validate(data)
    assert field in str(by_model.value)
    block = EntityBlock(entity_type=entity_type, seq=1, versions=(1,), data=[data])
    bad = PullResponse(blocks=(block,), changes=(), next_cursor="c1", has_more=False)
    with pytest.raises(ValidationError) as by_block:
        apply_changes(store, bad)
    assert field in str(by_block.value)
    assert store.cursor() is None


def test_block_checks_ignore_unknown_fields_like_the_models(store: LocalStore) -> None:
    newer = {**_INSTALMENT, "from_a_newer_server": True}
    block = EntityBlock(entity_type=EntityType.INSTALMENT, seq=1, versions=(1,), data=[newer])
    apply_changes(store, PullResponse(blocks=(block,), changes=(), next_cursor="c1",
                                      has_more=False))
    with store.read() as db:
        assert db.execute("SELECT instalment_id, seq FROM instalments").fetchall() == [
            ("L1:1", 1)]
