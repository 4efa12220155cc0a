"""Fast bulk inserts for generated data: COPY on PostgreSQL, executemany on SQLite."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Table
from sqlalchemy.orm import Session

BATCH = 5000


def bulk_insert(db: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` (all with the same keys) into `table` in the session's transaction."""
    if not rows:
        return
    conn = db.connection()
    if conn.dialect.name != "postgresql":
        for i in range(0, len(rows), BATCH):
            conn.execute(table.insert(), rows[i : i + BATCH])
        return
    from psycopg.types.json import Json

    columns = [c for c in table.columns if c.key in rows[0]]
    json_cols = {c.key for c in columns if isinstance(c.type, JSON)}
    names = ", ".join(f'"{c.name}"' for c in columns)
    raw = conn.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(
                [Json(row[c.key]) if c.key in json_cols else row[c.key] for c in columns]
            )
