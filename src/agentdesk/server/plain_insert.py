"""Append-only INSERTs run straight on the driver's cursor (SQLite), in the caller's
transaction.

A pushed op writes four or five rows that nothing reads back in its transaction (the
attempt or note, its audit entries, its change-log rows, its op-log row). Through
`Connection.execute` each cost SQLAlchemy's per-statement work — cache lookup, execution
context, default handling, result set-up — several times what SQLite itself spends on
the row, and that was the largest share of applying an op.

Here the statement is compiled once per dialect and set of columns, the values go
through the very bind processors SQLAlchemy would use (UUIDs, UTC datetimes, JSON), and
the row goes to the cursor of the connection's own DBAPI connection, so it is part of
the same transaction (committed or rolled back with it). Driver errors come back as
SQLAlchemy's (`IntegrityError` for a taken key), as callers expect.

Columns a row leaves out get their Python-side defaults (constants and plain callables
such as `utcnow`), as SQLAlchemy would fill them in. Only on SQLite (the desktop-sized
server); on other databases, and for any statement needing more (a default that reads
the execution context), the ordinary `Connection.execute` runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

from sqlalchemy import Column, Connection, Insert, Table, insert
from sqlalchemy.exc import DBAPIError

Processor = Callable[[Any], Any] | None
Fill = Callable[[], Any] | None


class _Compiled:
    __slots__ = ("params", "sql")

    def __init__(self, sql: str, params: tuple[tuple[str, Processor, Fill], ...]):
        self.sql = sql
        # Per parameter, in order: its column key, bind processor, and how to fill it
        # in when the row leaves it out (the column's Python-side default), or None.
        self.params = params


# (table, dialect name, given columns) -> the compiled form, or None: use `execute`.
_compiled: dict[tuple[Table, str, frozenset[str]], _Compiled | None] = {}
_statements: dict[Table, Insert] = {}


def _fill(column: Column[Any]) -> Fill | bool:
    """How SQLAlchemy would fill in a left-out column at execution: a constant or a
    plain zero-argument callable (`utcnow`, `uuid4`, `list`); False for anything else."""
    default = column.default
    if default is None:
        return False
    if default.is_scalar:
        value = cast(Any, default).arg
        return lambda: value
    if default.is_callable:
        call = cast(Any, default).arg
        # SQLAlchemy wraps a zero-argument callable as `lambda ctx: fn()`, keeping the
        # original as __wrapped__; one that reads the execution context goes the long way.
        if getattr(call, "__wrapped__", None) is None:
            return False
        return lambda: call(None)
    return False


def _compile(conn: Connection, table: Table, keys: frozenset[str]) -> _Compiled | None:
    dialect = conn.dialect
    if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
        return None
    compiled = insert(table).compile(dialect=dialect, column_keys=sorted(keys))
    order = tuple(compiled.positiontup or ())
    if len(set(order)) != len(order) or not keys <= set(order):
        return None
    params: list[tuple[str, Processor, Fill]] = []
    for key in order:
        column = table.columns[key]
        fill: Fill | bool = None
        if key not in keys:
            fill = _fill(column)
            if fill is False:
                return None
        processor = column.type.dialect_impl(dialect).bind_processor(dialect)
        params.append((key, processor, cast(Fill, fill)))
    return _Compiled(str(compiled), tuple(params))


def _args(compiled: _Compiled, row: dict[str, Any]) -> list[Any]:
    # Processors see None too, as in SQLAlchemy (JSON may store it as 'null'). A plain
    # loop: a generator's per-value overhead showed up on every pushed op's rows.
    args: list[Any] = []
    append = args.append
    for key, process, fill in compiled.params:
        value = row[key] if fill is None else fill()
        append(value if process is None else process(value))
    return args


def run(conn: Connection, table: Table, rows: dict[str, Any] | Sequence[dict[str, Any]]) -> None:
    """INSERT `rows` (one dict, or several with the same keys) into `table` in `conn`'s
    transaction."""
    many: list[dict[str, Any]] | None = None if isinstance(rows, dict) else list(rows)
    first = rows if isinstance(rows, dict) else (many[0] if many else None)
    if first is None:
        return
    key = (table, conn.dialect.name, frozenset(first))
    try:
        compiled = _compiled[key]
    except KeyError:
        compiled = _compiled[key] = _compile(conn, table, key[2])
    # (Outside a transaction `execute` begins one, as SQLAlchemy callers expect.)
    if compiled is None or not conn.in_transaction():
        statement = _statements.get(table)
        if statement is None:
            statement = _statements[table] = insert(table)
        conn.execute(statement, first if many is None else many)
        return
    dbapi = conn.dialect.loaded_dbapi
    cursor = conn.connection.cursor()
    try:
        if many is None:
            cursor.execute(compiled.sql, _args(compiled, first))
        else:
            cursor.executemany(compiled.sql, [_args(compiled, row) for row in many])
    except dbapi.Error as exc:
        raise DBAPIError.instance(compiled.sql, None, exc, dbapi.Error) from exc
    finally:
        cursor.close()
