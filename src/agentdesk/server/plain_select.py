"""Small, hot SELECTs run straight on the driver's cursor (SQLite), in the caller's
transaction.

A pushed op reads its case's row and the change log since its borrower's kept facts
with one small SELECT each. Through `Connection.execute` each paid SQLAlchemy's
per-statement work (cache lookup, execution context, result set-up), several times what
SQLite spends on the read. Here the statement is compiled once per dialect; the
parameters go through the very bind processors SQLAlchemy would use and each column of
the rows through its result processor (UUIDs, UTC datetimes, JSON), so callers get the
same values `execute` would give. Only on SQLite inside a transaction; anywhere else
(and for statements with expanding parameters) `Connection.execute` runs it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

from sqlalchemy import Connection, Select
from sqlalchemy.exc import DBAPIError

Processor = Callable[[Any], Any] | None
# A SELECT of any columns.
AnySelect: TypeAlias = "Select[*tuple[Any, ...]]"


class _Compiled:
    __slots__ = ("binds", "results", "sql")

    def __init__(
        self,
        sql: str,
        binds: tuple[tuple[str, bool, Any, Processor], ...],
        results: tuple[Processor, ...],
    ):
        self.sql = sql
        # Per parameter, in order: its name, whether the caller gives it, its own value
        # (for a literal compared in the statement), and its bind processor.
        self.binds = binds
        self.results = results


_compiled: dict[tuple[AnySelect, str], _Compiled | None] = {}


def _compile(conn: Connection, stmt: AnySelect) -> _Compiled | None:
    dialect = conn.dialect
    if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
        return None
    compiled = stmt.compile(dialect=dialect)
    order = tuple(compiled.positiontup or ())
    binds: list[tuple[str, bool, Any, Processor]] = []
    for name in order:
        bind = compiled.binds[name]
        if bind.expanding or bind.callable is not None:
            return None
        processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
        binds.append((bind.key, bind.required, bind.value, processor))
    results = tuple(
        column.type.dialect_impl(dialect).result_processor(dialect, None)
        for column in stmt.selected_columns
    )
    return _Compiled(str(compiled), tuple(binds), results)


def first(conn: Connection, stmt: AnySelect, params: dict[str, Any]) -> tuple[Any, ...] | None:
    """The first row of `stmt` with `params` (None when there is none)."""
    rows = _run(conn, stmt, params, one=True)
    return rows[0] if rows else None


def all_rows(conn: Connection, stmt: AnySelect, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Every row of `stmt` with `params`."""
    return _run(conn, stmt, params, one=False)


def _run(
    conn: Connection, stmt: AnySelect, params: dict[str, Any], *, one: bool
) -> list[tuple[Any, ...]]:
    key = (stmt, conn.dialect.name)
    try:
        compiled = _compiled[key]
    except KeyError:
        compiled = _compiled[key] = _compile(conn, stmt)
    # (Outside a transaction `execute` begins one, as SQLAlchemy callers expect.)
    if compiled is None or not conn.in_transaction():
        result = conn.execute(stmt, params)
        if one:
            row = result.first()
            return [] if row is None else [tuple(row)]
        return [tuple(row) for row in result]
    args = []
    for name, given, value, process in compiled.binds:
        if given:
            value = params[name]
        args.append(value if process is None else process(value))
    dbapi = conn.dialect.loaded_dbapi
    cursor = conn.connection.cursor()
    try:
        cursor.execute(compiled.sql, args)
        raw = cursor.fetchmany(1) if one else cursor.fetchall()
    except dbapi.Error as exc:
        raise DBAPIError.instance(compiled.sql, args, exc, dbapi.Error) from exc
    finally:
        cursor.close()
    results = compiled.results
    return [
        tuple(v if p is None else p(v) for v, p in zip(row, results, strict=True)) for row in raw
    ]
