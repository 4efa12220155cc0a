"""`agentdesk-server scripts …`: publish negotiation scripts and list the active ones.

    agentdesk-server scripts publish FILE [--db URL] [--by USERNAME]
    agentdesk-server scripts list [--db URL]

FILE is a script or a shared branch set (`kind: branch_set`). It is validated, assembled
and linted (banned wording included); a file that fails is refused with its line and
reason and nothing changes. Desktops receive what was published at their next sync.
"""

from __future__ import annotations

import argparse

from agentdesk.server.publish_cli import add_db_option, add_publish_parser, db_url, publish_file


def add_script_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `scripts publish` and `scripts list` on an `agentdesk-server` parser."""
    scripts = subparsers.add_parser("scripts", help="publish or list negotiation scripts")
    actions = scripts.add_subparsers(dest="scripts_command", required=True)
    pub = add_publish_parser(actions, "validate FILE and publish it to every desktop")
    pub.set_defaults(func=cmd_publish)
    show = actions.add_parser("list", help="print the published scripts and their versions")
    add_db_option(show)
    show.set_defaults(func=cmd_list)


def cmd_publish(args: argparse.Namespace) -> int:
    """Publish a script file; exit 2 with both languages' sentences when it is refused."""
    from agentdesk.domain.scripts import ScriptError
    from agentdesk.server.script_store import publish

    published = publish_file(
        args, lambda session, text, name, by: publish(session, text, name, username=by),
        ScriptError,
    )
    if published is None:
        return 2
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

    engine = make_engine(db_url(args))
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
