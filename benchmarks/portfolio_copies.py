"""A large benchmark portfolio, fast: seed a base portfolio, then copy it inside PostgreSQL.

Generating a loan in Python (schedule, payments, history through the domain engine) costs
a few milliseconds, so 100,000 of them take minutes. The benchmark only needs many
realistic cases, not 100,000 different histories: `seed-demo` makes a base portfolio of
up to 10,000 loans, and each further block is a copy of it made by the database itself
(`INSERT … SELECT`), with fresh ids derived from the originals (so every reference still
points inside its own copy) and external ids made unique with a `~n` suffix.

Users and teams are not copied: the copies belong to the same agents and teams.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text
from sqlalchemy.types import Uuid

# Parents before children (the foreign keys are checked row by row).
PORTFOLIO_TABLES = (
    "borrowers",
    "contact_points",
    "loans",
    "instalments",
    "payments",
    "cases",
    "contact_attempts",
    "notes",
    "promises",
)
# Columns holding ids of rows that are copied along with the row (remapped per copy).
_COPIED_REFS = {
    "id",
    "borrower_id",
    "loan_id",
    "case_id",
    "contact_point_id",
    "contact_attempt_id",
}
# Text columns that must stay unique (or should, for searching): suffixed per copy.
_SUFFIXED = {"external_id", "loan_ref"}


def _column_sql(name: str, is_uuid: bool) -> str | None:
    quoted = f'"{name}"'
    if name in _COPIED_REFS and is_uuid:
        # A fresh id per copy, the same for a row and everything referring to it.
        return f"md5(src.{quoted}::text || ':' || k::text)::uuid"
    if name in _SUFFIXED:
        return f"src.{quoted} || '~' || k::text"
    return f"src.{quoted}"


def copy_portfolio(conn: Connection, copies: int) -> None:
    """Add `copies` copies of every portfolio row to the (PostgreSQL) database."""
    if copies <= 0:
        return
    if conn.dialect.name != "postgresql":
        raise ValueError("portfolio copies are made by PostgreSQL only")
    inspector = inspect(conn)
    for table in PORTFOLIO_TABLES:
        names: list[str] = []
        exprs: list[str] = []
        for col in inspector.get_columns(table):
            name = col["name"]
            if table == "instalments" and name == "id":
                continue  # a serial key: the database numbers the copies
            is_uuid = isinstance(col["type"], Uuid) or str(col["type"]).upper() == "UUID"
            expr = _column_sql(name, is_uuid)
            if expr is not None:
                names.append(f'"{name}"')
                exprs.append(expr)
        conn.execute(
            text(
                f'INSERT INTO "{table}" ({", ".join(names)}) '
                f'SELECT {", ".join(exprs)} FROM "{table}" AS src '
                "CROSS JOIN generate_series(1, :copies) AS k"
            ),
            {"copies": copies},
        )
