"""`agentdesk-server policy …`: publish and show the contact policy.

    agentdesk-server policy publish FILE [--db URL] [--by USERNAME]
    agentdesk-server policy show [--db URL]

A file that is not a valid policy is refused with its line and reason; nothing changes.
"""

from __future__ import annotations

import argparse
import sys

from agentdesk.server.publish_cli import add_db_option, add_publish_parser, db_url, publish_file


def add_policy_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `policy publish` and `policy show` on an `agentdesk-server` parser."""
    policy = subparsers.add_parser("policy", help="publish or show the contact policy")
    actions = policy.add_subparsers(dest="policy_command", required=True)
    pub = add_publish_parser(actions, "validate FILE and make it the active policy")
    pub.set_defaults(func=cmd_publish)
    show = actions.add_parser("show", help="print the active policy's profile and version")
    add_db_option(show)
    show.set_defaults(func=cmd_show)


def cmd_publish(args: argparse.Namespace) -> int:
    """Publish a policy file; exit 2 with both sentences when it is refused."""
    from agentdesk.domain.compliance import PolicyFileError
    from agentdesk.server.contact_policy import publish

    published = publish_file(
        args, lambda session, text, name, by: publish(session, text, name, username=by),
        PolicyFileError,
    )
    if published is None:
        return 2
    print(
        f"published contact policy {published.policy.profile} {published.policy.version} "
        f"(sha256 {published.sha256[:12]})"
    )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print the active policy's profile, version and when it was published."""
    from agentdesk.server.contact_policy import active_policy
    from agentdesk.server.db import make_engine, session_factory, transaction

    engine = make_engine(db_url(args))
    try:
        with transaction(session_factory(engine), write=False) as session:
            current = active_policy(session)
    finally:
        engine.dispose()
    when = current.published_at.isoformat() if current.published_at else "shipped default"
    print(
        f"{current.policy.profile} {current.policy.version} ({when}, sha256 {current.sha256[:12]})"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run `policy …` on its own (also reachable as `python -m agentdesk.server.policy_cli`)."""
    parser = argparse.ArgumentParser(prog="agentdesk-server")
    add_policy_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
