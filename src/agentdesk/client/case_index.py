"""Keeps each case's derived queue columns and search index in step with its data.

Called inside the write transaction that changed a case, its borrower's contact points
or its loan, so the queue never sees a case whose index disagrees with its columns.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from agentdesk.client.search_keys import mask_phone, name_keys, phone_digits, search_document

_BATCH = 500


def _chunks(items: Sequence[int], size: int = _BATCH) -> Iterable[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def refresh_phones(db: sqlite3.Connection, borrower_ids: Iterable[str]) -> list[int]:
    """Recompute the phone columns of every case of these borrowers; returns their keys.

    The queue shows the borrower's own numbers, masked; the search digits hold every
    phone on file (an emergency contact calling back is found too).
    """
    ordered = sorted(set(borrower_ids))
    touched: list[int] = []
    for start in range(0, len(ordered), _BATCH):
        chunk = ordered[start : start + _BATCH]
        marks = ",".join("?" * len(chunk))
        phones: dict[str, list[tuple[str, str]]] = {b: [] for b in chunk}
        for borrower_id, relation, value in db.execute(
            "SELECT borrower_id, relation, value FROM contact_points"
            f" WHERE borrower_id IN ({marks}) AND kind = 'phone'"
            " ORDER BY borrower_id, contact_point_id",
            chunk,
        ):
            phones[borrower_id].append((relation, value))
        updates = []
        for key, borrower_id in db.execute(
            f"SELECT key, borrower_id FROM cases WHERE borrower_id IN ({marks})", chunk
        ).fetchall():
            rows = phones[borrower_id]
            own = [mask_phone(value) for relation, value in rows if relation == "borrower"]
            digits = " ".join(dict.fromkeys(phone_digits(value) for _, value in rows))
            updates.append((", ".join(own), digits, key))
            touched.append(key)
        db.executemany(
            "UPDATE cases SET phones_masked = ?, phone_digits = ? WHERE key = ?", updates
        )
    return touched


def reindex_cases(db: sqlite3.Connection, case_keys: Sequence[int]) -> None:
    """Rebuild name pinyin, prefix keys and the trigram document of these cases."""
    keys = sorted(set(case_keys))
    for chunk in _chunks(keys):
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            "SELECT key, borrower_name, phone_digits, loan_number FROM cases"
            f" WHERE key IN ({marks})",
            tuple(chunk),
        ).fetchall()
        _drop_index_rows(db, chunk)
        names: list[tuple[str, str, int]] = []
        prefix_rows: set[tuple[str, int]] = set()
        documents: list[tuple[int, str]] = []
        for key, name, digits, loan_number in rows:
            derived = name_keys(name)
            names.append((derived.pinyin, derived.initials, key))
            prefix_rows.update((k[:n], key) for k in derived.prefix_keys for n in (1, 2))
            documents.append((key, search_document(derived, digits.split(), loan_number)))
        db.executemany(
            "UPDATE cases SET name_pinyin = ?, name_initials = ? WHERE key = ?", names
        )
        db.executemany(
            "INSERT INTO case_search_prefixes (prefix, case_key) VALUES (?, ?)", sorted(prefix_rows)
        )
        db.executemany("INSERT INTO case_search (rowid, doc) VALUES (?, ?)", documents)


def unindex_cases(db: sqlite3.Connection, case_keys: Sequence[int]) -> None:
    """Drop these cases from the search indexes (before the case rows are deleted)."""
    for chunk in _chunks(sorted(set(case_keys))):
        _drop_index_rows(db, chunk)


def _drop_index_rows(db: sqlite3.Connection, chunk: Sequence[int]) -> None:
    marks = ",".join("?" * len(chunk))
    db.execute(f"DELETE FROM case_search_prefixes WHERE case_key IN ({marks})", tuple(chunk))
    db.execute(f"DELETE FROM case_search WHERE rowid IN ({marks})", tuple(chunk))
