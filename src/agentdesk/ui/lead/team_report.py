"""The team report: fetched from the server, kept as the last snapshot, exported as CSV.

No widgets here. `fetch` runs on the network pool (`UiOperations.network`); `save` on
the store writer (`UiOperations.in_writer`); `load` is a single small read. The snapshot
lives in the store's key/value metadata, so the dashboard opens offline with the last
figures and says when they were taken.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from agentdesk.client.store import LocalStore
from agentdesk.protocol.reports import Figures, TeamReport

SNAPSHOT_KEY = "lead.team_report"


@dataclass(frozen=True)
class Snapshot:
    """A report and when this desktop received it (UTC)."""

    report: TeamReport
    fetched_at: datetime


def fetch(api: Any, date_from: date, date_to: date) -> TeamReport:
    """`GET /reports/team` for the period (dates inclusive)."""
    response = api._request(  # the client's one request path: auth, retries, typed errors
        "GET", "/reports/team",
        params={"date_from": date_from.isoformat(), "date_to": date_to.isoformat()},
    )
    return TeamReport.model_validate_json(response.content)


def save(store: LocalStore, snapshot: Snapshot) -> None:
    """Keep `snapshot` as the last one (replaces the previous)."""
    body = {"fetched_at": snapshot.fetched_at.isoformat(),
            "report": snapshot.report.model_dump(mode="json")}
    store.set_meta(SNAPSHOT_KEY, json.dumps(body, ensure_ascii=False))


def load(store: LocalStore) -> Snapshot | None:
    """The last snapshot kept, if any (an unreadable one counts as none)."""
    text = store.meta(SNAPSHOT_KEY)
    if text is None:
        return None
    try:
        body = json.loads(text)
        return Snapshot(TeamReport.model_validate(body["report"]),
                        datetime.fromisoformat(body["fetched_at"]))
    except (ValueError, KeyError, TypeError):
        return None


def roster(snapshot: Snapshot | None) -> dict[str, str]:
    """Agent user id → display name, from the report's agent lines."""
    if snapshot is None:
        return {}
    return {str(a.user_id): a.display_name for t in snapshot.report.teams for a in t.agents}


FIGURE_KEYS = (
    "attempts",
    "right_party_contacts",
    "promises_made",
    "promises_kept",
    "promises_broken",
    "promises_kept_rate",
    "plans_proposed",
    "plans_approved",
    "plans_broken",
    "amount_collected",
)
"""The columns of the dashboard table and of the CSV, in order."""


def figure(figures: Figures, key: str) -> int | Decimal | None:
    """One figure by its column key."""
    value: int | Decimal | None = getattr(figures, key)
    return value


def rows(report: TeamReport) -> list[tuple[str, str, str, Figures]]:
    """(team, agent user name, agent name, figures) per agent, then each team's total."""
    out: list[tuple[str, str, str, Figures]] = []
    for team in report.teams:
        for agent in team.agents:
            out.append((team.team_name, agent.username, agent.display_name, agent.figures))
        out.append((team.team_name, "", "", team.total))
    return out


def export_csv(path: Path, report: TeamReport, headers: Sequence[str],
               total_label: str, cell: Callable[[str, int | Decimal | None], str]) -> int:
    """Write the report as CSV (UTF-8 with a BOM, so Excel reads Chinese); returns rows.

    `headers` name the columns (team, user name, agent, then FIGURE_KEYS) in the user's
    language; `cell(key, value)` writes one figure (plain numbers, no currency symbol).
    """
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([f"{report.date_from.isoformat()} – {report.date_to.isoformat()}"])
        writer.writerow(headers)
        count = 0
        for team, username, name, figures in rows(report):
            writer.writerow([team, username, name or total_label,
                             *(cell(k, figure(figures, k)) for k in FIGURE_KEYS)])
            count += 1
    return count
