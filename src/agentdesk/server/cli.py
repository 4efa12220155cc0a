"""`agentdesk-server`: run and administer the central server.

    agentdesk-server serve        [--db URL] [--host 127.0.0.1] [--port 8765] [--workers N]
    agentdesk-server upgrade      [--db URL]
    agentdesk-server create-user  USERNAME --role agent|lead|admin [--team NAME] [--password-stdin]
    agentdesk-server import       KIND FILE [--db URL]
    agentdesk-server seed-demo    [--seed N] [--cases N] [--accounts-out FILE]
    agentdesk-server assign       --agent USERNAME (--loan REF ... | --case ID ... | --from-agent U)
    agentdesk-server revoke       --user USERNAME [--device NAME]
    agentdesk-server refresh      [--as-of YYYY-MM-DD]   (daily: DPD, buckets, promises)
    agentdesk-server policy       publish FILE [--by USERNAME] | show

`--db` takes a SQLAlchemy URL (`postgresql+psycopg://user:pw@host/db`) or a SQLite file
path; without it the server uses AGENTDESK_SERVER_DB, else a SQLite file in the
platform's data folder.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path

from agentdesk import __version__

DB_ENV = "AGENTDESK_SERVER_DB"


def _db_url(args: argparse.Namespace) -> str:
    from agentdesk.server.db import normalise_url

    return normalise_url(args.db or os.environ.get(DB_ENV))


def _fail(exc: Exception) -> int:
    from agentdesk.server.errors import ApiError

    if isinstance(exc, ApiError):
        print(f"error: {exc.en}\n错误：{exc.zh}", file=sys.stderr)
        if isinstance(exc.details, list):
            for d in exc.details[:200]:
                if isinstance(d, dict) and "line" in d:
                    print(
                        f"  line {d['line']}, column {d['column']!r}, value {d['value']!r}: "
                        f"{d['reason']}",
                        file=sys.stderr,
                    )
        return 2
    raise exc


def cmd_upgrade(args: argparse.Namespace) -> int:
    from agentdesk.server.migrate import upgrade

    url = _db_url(args)
    upgrade(url)
    print(f"database is up to date: {_safe(url)}")
    return 0


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from agentdesk.server.migrate import upgrade

    url = _db_url(args)
    if not args.no_upgrade:
        upgrade(url)
    if args.stop_with_parent:
        _stop_when_stdin_closes()
    os.environ[DB_ENV] = url  # worker processes build their app from the environment
    print(f"AgentDesk server on http://{args.host}:{args.port} (database: {_safe(url)})")
    uvicorn.run(
        "agentdesk.server.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        access_log=args.access_log,
        proxy_headers=True,
    )
    return 0


def _stop_when_stdin_closes() -> None:
    """Stop the server (as on Ctrl+C) once its standard input ends.

    The process that started it holds the other end of that pipe: when it ends, however
    it ends (closed, crashed, killed), the system closes the pipe and the server follows
    instead of running on unseen."""
    import signal
    import threading

    def watch() -> None:
        sys.stdin.buffer.read()  # returns at the end of input only
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="stop-with-parent", daemon=True).start()


def _session(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from agentdesk.server.db import make_engine, session_factory, transaction
    from agentdesk.server.migrate import upgrade

    url = _db_url(args)
    engine = make_engine(url)
    upgrade(engine)
    return transaction(session_factory(engine))


def cmd_create_user(args: argparse.Namespace) -> int:
    from agentdesk.domain.vocabulary import Language, Role
    from agentdesk.server import audit
    from agentdesk.server.users import create_user

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"password for {args.username}: ")
        if getpass.getpass("again: ") != password:
            print("error: the passwords differ", file=sys.stderr)
            return 2
    try:
        with _session(args) as db:
            user = create_user(
                db,
                args.username,
                password,
                Role(args.role),
                team=args.team,
                display_name=args.display_name,
                language=Language(args.language),
            )
            audit.record(db, "user.create", username="cli", entity="user", entity_id=user.id)
    except Exception as exc:
        return _fail(exc)
    print(f"created {args.role} {args.username}" + (f" in team {args.team}" if args.team else ""))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from agentdesk.domain.vocabulary import Language
    from agentdesk.server import audit
    from agentdesk.server.imports import import_csv

    data = Path(args.file).read_bytes()
    as_of = date.fromisoformat(args.as_of) if args.as_of else datetime.now(UTC).date()
    try:
        with _session(args) as db:
            result = import_csv(db, args.kind, data, as_of, Language(args.language))
            audit.record(
                db,
                "import",
                username="cli",
                entity="import",
                entity_id=args.kind,
                file=str(args.file),
                **result.model_dump(exclude={"kind"}),
            )
    except Exception as exc:
        return _fail(exc)
    print(
        f"{args.kind}: {result.rows} rows — {result.created} new, {result.updated} changed, "
        f"{result.unchanged} unchanged"
    )
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from agentdesk.domain.authority import read_authority_policy
    from agentdesk.server.seed.demo import seed_demo

    today = date.fromisoformat(args.today) if args.today else None
    try:
        with _session(args) as db:
            accounts = seed_demo(
                db,
                seed=args.seed,
                cases=args.cases,
                today=today,
                policy=read_authority_policy(),
                progress=(lambda m: print(f"  {m}", file=sys.stderr)) if args.verbose else None,
            )
    except Exception as exc:
        return _fail(exc)
    print(f"demo data: {args.cases} cases (seed {args.seed}). Demo accounts (demo only):")
    for a in accounts:
        print(f"  {a.username:<14} {a.password:<16} {a.role:<6} {a.team or ''}")
    if args.accounts_out:
        out = Path(args.accounts_out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            json.dumps([asdict(a) for a in accounts], ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        print(f"accounts written to {out}")
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    from agentdesk.server.admin_ops import assign_cases

    try:
        with _session(args) as db:
            moved = assign_cases(
                db, args.agent, loans=args.loan, cases=args.case, from_agent=args.from_agent
            )
    except Exception as exc:
        return _fail(exc)
    print(f"{moved} case(s) assigned to {args.agent}")
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    from agentdesk.server.admin_ops import refresh_positions

    as_of = date.fromisoformat(args.as_of) if args.as_of else datetime.now(UTC).date()
    try:
        with _session(args) as db:
            n = refresh_positions(db, as_of)
    except Exception as exc:
        return _fail(exc)
    print(f"{n} case(s) changed (positions as of {as_of})")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from agentdesk.server.admin_ops import revoke_sessions

    try:
        with _session(args) as db:
            n = revoke_sessions(db, args.user, args.device)
    except Exception as exc:
        return _fail(exc)
    print(f"revoked {n} session(s) of {args.user}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agentdesk-server",
        description="Run and administer the AgentDesk central server.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1] if __doc__ else None,
    )
    parser.add_argument("--version", action="version", version=f"agentdesk-server {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--db", help="database URL or SQLite file (default: platform data folder)")
        return p

    p = add("serve", "run the REST server (migrates the database first)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--log-level", default="info")
    p.add_argument("--no-access-log", dest="access_log", action="store_false")
    p.add_argument("--no-upgrade", action="store_true", help="do not run migrations first")
    p.add_argument("--stop-with-parent", action="store_true",
                   help="stop when standard input closes (the starting process ended)")
    p.set_defaults(func=cmd_serve)

    p = add("upgrade", "bring the database schema up to date")
    p.set_defaults(func=cmd_upgrade)

    p = add("create-user", "add a user (password prompted, or one line on stdin)")
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=["agent", "lead", "admin"])
    p.add_argument("--team", help="team name (created if new); agents and leads need one")
    p.add_argument("--display-name")
    p.add_argument("--language", default="zh_CN", choices=["zh_CN", "en"])
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(func=cmd_create_user)

    p = add("import", "import a portfolio CSV file (see docs/import-format.md)")
    p.add_argument("kind", choices=["borrowers", "contacts", "loans", "payments", "assignments"])
    p.add_argument("file")
    p.add_argument("--as-of", help="position date for DPD (default: today, UTC)")
    p.add_argument("--language", default="en", choices=["zh_CN", "en"], help="error language")
    p.set_defaults(func=cmd_import)

    p = add("seed-demo", "fill an empty database with demo data")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--cases", type=int, default=2000)
    p.add_argument("--today", help="the demo's today (default: today, UTC)")
    p.add_argument("--accounts-out", help="write the demo accounts as JSON to this file")
    p.add_argument("--verbose", action="store_true")
    p.set_defaults(func=cmd_seed_demo)

    p = add("assign", "move cases to an agent")
    p.add_argument("--agent", required=True, help="user name of the agent receiving the cases")
    p.add_argument("--loan", nargs="*", default=[], help="loan references (external ids)")
    p.add_argument("--case", nargs="*", default=[], help="case ids")
    p.add_argument("--from-agent", help="move every open case of this agent")
    p.set_defaults(func=cmd_assign)

    p = add("revoke", "sign a user out (every device, or one)")
    p.add_argument("--user", required=True)
    p.add_argument("--device", help="only this device name")
    p.set_defaults(func=cmd_revoke)

    p = add("refresh", "recompute days past due, buckets and promises (run daily)")
    p.add_argument("--as-of", help="the day to compute for (default: today, UTC)")
    p.set_defaults(func=cmd_refresh)

    from agentdesk.server.policy_cli import add_policy_commands

    add_policy_commands(sub)  # policy publish FILE / policy show

    from agentdesk.server.scripts_cli import add_script_commands

    add_script_commands(sub)  # scripts publish FILE / scripts list

    from agentdesk.server.sync.retention_cli import add_sync_commands

    add_sync_commands(sub)  # sync prune
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
