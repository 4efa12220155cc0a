"""Portfolio imports: what a good file did, and what was wrong with a bad one."""

from __future__ import annotations

from typing import Literal

from agentdesk.protocol.common import WireModel

ImportKind = Literal["borrowers", "contacts", "loans", "payments", "assignments"]


class ImportRowError(WireModel):
    """One problem in one row: line number (1 = header), column, value, reason."""

    line: int
    column: str
    value: str | None
    reason: str


class ImportResult(WireModel):
    """A file accepted whole: how many rows were new, changed or already as given."""

    kind: ImportKind
    rows: int
    created: int
    updated: int
    unchanged: int
