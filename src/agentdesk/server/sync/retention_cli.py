"""`agentdesk-server sync prune`: apply the sync logs' retention (run daily, e.g. cron).

    agentdesk-server sync prune [--db URL] [--op-log-days 90] [--change-log-days 30]
"""

from __future__ import annotations

import argparse
import sys

from agentdesk.server.publish_cli import add_db_option, db_url
from agentdesk.server.sync.retention import CHANGE_LOG_DAYS, OP_LOG_DAYS


def add_sync_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `sync prune` on an `agentdesk-server` parser."""
    sync = subparsers.add_parser("sync", help="maintain the sync logs")
    actions = sync.add_subparsers(dest="sync_command", required=True)
    prune = actions.add_parser(
        "prune",
        help="delete op-log and change-log rows past their retention",
        description=(
            "Delete op-log rows older than --op-log-days and change-log rows older than "
            "--change-log-days. Desktops that last synced before the change-log horizon "
            "sync everything again on their next sync."
        ),
    )
    add_db_option(prune)
    prune.add_argument("--op-log-days", type=int, default=OP_LOG_DAYS)
    prune.add_argument("--change-log-days", type=int, default=CHANGE_LOG_DAYS)
    prune.set_defaults(func=cmd_prune)


def cmd_prune(args: argparse.Namespace) -> int:
    """Prune both logs in one transaction and say what went."""
    from agentdesk.server.base import utcnow
    from agentdesk.server.db import make_engine, session_factory, transaction
    from agentdesk.server.sync.retention import prune

    engine = make_engine(db_url(args))
    try:
        with transaction(session_factory(engine)) as db:
            pruned = prune(
                db,
                utcnow(),
                op_log_days=args.op_log_days,
                change_log_days=args.change_log_days,
            )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(
        f"pruned {pruned.ops} op-log row(s) and {pruned.changes} change-log row(s); "
        f"change-log horizon {pruned.horizon}"
    )
    return 0
