"""`agentdesk-server scripts …`: publish negotiation scripts and list the active ones.

    agentdesk-server scripts publish FILE [--db URL] [--by USERNAME]
    agentdesk-server scripts list [--db URL]

FILE is a script or a shared branch set (`kind: branch_set`). It is validated, assembled
and linted (banned wording included); a file that fails is refused with its line and
reason and nothing changes. Desktops receive what was published at their next sync.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DB_ENV = "AGENTDESK_SERVER_DB"


def add_script_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `scripts publish` and `scripts list` on an `agentdesk-server` parser."""
    scripts = subparsers.add_parser("scripts", help="publish or list negotiation scripts")
    actions = scripts.add_subparsers(dest="scripts_command", required=True)
    pub = actions.add_parser("publish", help="validate FILE and publish it to every desktop")
    pub.add_argument("file", type=Path)
    pub.add_argument("--db", help="SQLAlchemy URL or SQLite file (default: $" + DB_ENV + ")")
    pub.add_argument("--by", default="cli", help="user name recorded in the audit trail")
    pub.set_defaults(func=cmd_publish)
    show = actions.add_parser("list", help="print the published scripts and their versions")
    show.add_argument("--db", help="SQLAlchemy URL or SQLite file (default: $" + DB_ENV + ")")
    show.set_defaults(func=cmd_list)


def _url(args: argparse.Namespace) -> str:
    from agentdesk.server.db import normalise_url

    return normalise_url(args.db or os.environ.get(DB_ENV))


def cmd_publish(args: argparse.Namespace) -> int:
    """Publish a script file; exit 2 with both languages' sentences when it is refused."""
    from agentdesk.domain.scripts import ScriptError
    from agentdesk.server.db import make_engine, session_factory, transaction
    from agentdesk.server.errors import ApiError
    from agentdesk.server.script_store import publish

    path: Path = args.file
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        print(f"error: cannot read {path}: {exc.strerror}\n错误：无法读取 {path}", file=sys.stderr)
        return 2
    engine = make_engine(_url(args))
    try:
        with transaction(session_factory(engine)) as session:
            published = publish(session, text, path.name, username=args.by)
    except ScriptError as exc:
        print(f"error: {exc.message_en}\n错误：{exc.message_zh}", file=sys.stderr)
        return 2
    except ApiError as exc:
        print(f"error: {exc.en}\n错误：{exc.zh}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    for p in published:
        print(
            f"published script {p.script_id} version {p.version} ({p.key}), "
            f"document {p.doc_version}"
        )
    if not published:
        print("published; no script needed a new document")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """Print each published script: id, version, assembly key, when and by whom."""
    from agentdesk.server.db import make_engine, session_factory, transaction
    from agentdesk.server.script_store import published_scripts

    engine = make_engine(_url(args))
    try:
        with transaction(session_factory(engine), write=False) as session:
            found = published_scripts(session)
    finally:
        engine.dispose()
    if not found:
        print("no scripts published; desktops use the shipped scripts")
    for p in sorted(found.values(), key=lambda p: p.script_id):
        when = p.published_at.isoformat() if p.published_at else "?"
        print(
            f"{p.script_id}\tversion {p.version}\t{p.key}\tdocument {p.doc_version}"
            f"\t{when}\t{p.published_by or '?'}"
        )
    return 0
