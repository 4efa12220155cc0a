"""Reading rows for a pull with their ids and times already in wire form.

A first sync reads over a hundred thousand rows. Letting SQLAlchemy turn every id into
a `uuid.UUID` and every timestamp into a `datetime`, only for the entity builders to
turn them straight back into text, cost more than everything else in a snapshot page.
So the snapshot asks the database for the text itself:

- ids (`Uuid` columns) as the canonical dashed lowercase form `str(uuid)` gives;
- timestamps (`UTCDateTime`) as ISO 8601 in UTC with an explicit `+00:00` offset;
- dates as `YYYY-MM-DD`.

Each is one SQL expression per dialect (SQLite stores ids as 32 hex digits and times
as `YYYY-MM-DD HH:MM:SS.ffffff` in UTC; PostgreSQL has native types). Rows read this
way are for building wire data only: their ids are text, never to be bound back into a
query on a `Uuid` column (convert with `uuid.UUID` first).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Date, DateTime, String, Text, Uuid, cast, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from agentdesk.domain.money import MINOR_UNIT_DIGITS
from agentdesk.server.base import UTCDateTime

CHUNK = 500


class uuid_text(FunctionElement[str]):
    """An id column as `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`."""

    type = String()
    inherit_cache = True
    name = "uuid_text"


class time_text(FunctionElement[str]):
    """A UTC timestamp column as `YYYY-MM-DDTHH:MM:SS.ffffff+00:00`."""

    type = String()
    inherit_cache = True
    name = "time_text"


class date_text(FunctionElement[str]):
    """A date column as `YYYY-MM-DD`."""

    type = String()
    inherit_cache = True
    name = "date_text"


def _arg(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(uuid_text, "sqlite")
def _uuid_sqlite(element: uuid_text, compiler: SQLCompiler, **kw: Any) -> str:
    c = _arg(element, compiler, **kw)
    return (
        f"(substr({c}, 1, 8) || '-' || substr({c}, 9, 4) || '-' || substr({c}, 13, 4)"
        f" || '-' || substr({c}, 17, 4) || '-' || substr({c}, 21))"
    )


@compiles(uuid_text)
def _uuid_default(element: uuid_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({_arg(element, compiler, **kw)} AS TEXT)"


@compiles(time_text, "sqlite")
def _time_sqlite(element: time_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"(replace({_arg(element, compiler, **kw)}, ' ', 'T') || '+00:00')"


@compiles(time_text)
def _time_default(element: time_text, compiler: SQLCompiler, **kw: Any) -> str:
    return (
        f"to_char({_arg(element, compiler, **kw)} AT TIME ZONE 'UTC',"
        ' \'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"\')'
    )


@compiles(date_text, "sqlite")
def _date_sqlite(element: date_text, compiler: SQLCompiler, **kw: Any) -> str:
    return _arg(element, compiler, **kw)


@compiles(date_text)
def _date_default(element: date_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({_arg(element, compiler, **kw)} AS TEXT)"


@cache
def wire_columns(
    model: Any, raw_json: tuple[str, ...] = (), keys: tuple[str, ...] = ()
) -> tuple[ColumnElement[Any], ...]:
    """The columns of `model`'s table (those named in `keys`, or all), ids, times and dates
    as wire text, by their keys.

    JSON columns named in `raw_json` come as their stored text, to be sent as it is."""
    out: list[ColumnElement[Any]] = []
    table_columns = model.__table__.columns
    for column in (table_columns[key] for key in keys) if keys else table_columns:
        kind = column.type
        expr: ColumnElement[Any]
        if column.key in raw_json:
            expr = cast(column, Text)
        elif isinstance(kind, Uuid):
            expr = uuid_text(column)
        elif isinstance(kind, UTCDateTime):
            expr = time_text(column)
        elif isinstance(kind, Date) and not isinstance(kind, DateTime):
            expr = date_text(column)
        else:
            expr = column
        out.append(expr.label(column.key))
    return tuple(out)


def wire_rows(
    db: Session,
    model: Any,
    column: Any,
    ids: Iterable[Any],
    *,
    raw_json: tuple[str, ...] = (),
    keys: tuple[str, ...] = (),
) -> list[Any]:
    """Rows of `model`'s table whose `column` is in `ids`, with wire-text ids and times.

    `keys`: only these columns (what the caller sends); the conversions to text are most
    of the cost of reading a row, so columns nobody sends are not read.
    `ids` must be of `column`'s own type (`uuid.UUID` for an id column)."""
    id_list: Sequence[Any] = sorted(set(ids), key=str)
    columns = wire_columns(model, raw_json, keys)
    out: list[Any] = []
    for start in range(0, len(id_list), CHUNK):
        chunk = id_list[start : start + CHUNK]
        # Core, not the ORM: plain rows, no per-row ORM bookkeeping.
        out.extend(db.connection().execute(select(*columns).where(column.in_(chunk))).all())
    return out


class money_text(FunctionElement[str]):
    """An amount in integer minor units as decimal text (`"1234.50"`, `"-0.05"`, `"700"`),
    by the digits of the currency in the second argument (NULL stays NULL).

    What `entities._money` gives, done by the database for the bulky tables. A currency
    the server does not know gives NULL (`_money` refuses it; the loans, read in Python,
    refuse it before any schedule row of theirs is sent)."""

    type = String()
    inherit_cache = True
    name = "money_text"


def _money_parts(element: money_text, compiler: SQLCompiler, **kw: Any) -> tuple[str, str]:
    minor, currency = list(element.clauses)
    return str(compiler.process(minor, **kw)), str(compiler.process(currency, **kw))


def _by_digits() -> dict[int, str]:
    groups: dict[int, list[str]] = {}
    for code, digits in sorted(MINOR_UNIT_DIGITS.items()):
        groups.setdefault(digits, []).append(code)
    return {digits: ", ".join(f"'{code}'" for code in codes) for digits, codes in groups.items()}


def _money_case(m: str, cur: str, fraction: Callable[[str, int], str]) -> str:
    # One arm per number of minor-unit digits; `fraction(m, digits)` writes the dialect's
    # decimal text of `m` minor units.
    arms = []
    for digits, codes in _by_digits().items():
        text = f"CAST({m} AS TEXT)" if digits == 0 else fraction(m, digits)
        arms.append(f"WHEN {cur} IN ({codes}) THEN {text}")
    return f"(CASE WHEN {m} IS NULL THEN NULL {' '.join(arms)} END)"


@compiles(money_text, "sqlite")
def _money_sqlite(element: money_text, compiler: SQLCompiler, **kw: Any) -> str:
    def fraction(m: str, digits: int) -> str:
        step = 10**digits
        return (
            f"printf('%s%d.%0{digits}d', CASE WHEN {m} < 0 THEN '-' ELSE '' END,"
            f" abs({m}) / {step}, abs({m}) % {step})"
        )

    return _money_case(*_money_parts(element, compiler, **kw), fraction)


@compiles(money_text)
def _money_default(element: money_text, compiler: SQLCompiler, **kw: Any) -> str:
    def fraction(m: str, digits: int) -> str:
        step = 10**digits
        return (
            f"(CASE WHEN {m} < 0 THEN '-' ELSE '' END) || CAST(abs({m}) / {step} AS TEXT)"
            f" || '.' || lpad(CAST(mod(abs({m}), {step}) AS TEXT), {digits}, '0')"
        )

    return _money_case(*_money_parts(element, compiler, **kw), fraction)
