"""What the `policy` and `scripts` commands share: read a file, publish it in one
transaction, and refuse it with both languages' sentences."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.orm import Session

DB_ENV = "AGENTDESK_SERVER_DB"
T = TypeVar("T")


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """The `--db` option every publishing command takes."""
    parser.add_argument("--db", help="SQLAlchemy URL or SQLite file (default: $" + DB_ENV + ")")


def add_publish_parser(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], help_text: str
) -> argparse.ArgumentParser:
    """A `publish FILE [--db URL] [--by USERNAME]` subcommand."""
    pub = actions.add_parser("publish", help=help_text)
    pub.add_argument("file", type=Path)
    add_db_option(pub)
    pub.add_argument("--by", default="cli", help="user name recorded in the audit trail")
    return pub


def db_url(args: argparse.Namespace) -> str:
    from agentdesk.server.db import normalise_url

    return normalise_url(args.db or os.environ.get(DB_ENV))


def publish_file(
    args: argparse.Namespace,
    publish: Callable[[Session, str, str, str], T],
    refused: type[Exception],
) -> T | None:
    """Publish `args.file`; None (after printing why) when it cannot be read or is refused.

    `refused` is the document's own error type, which carries `message_en`/`message_zh`.
    """
    from agentdesk.server.db import make_engine, session_factory, transaction
    from agentdesk.server.errors import ApiError

    path: Path = args.file
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        _error(f"cannot read {path}: {exc.strerror}", f"无法读取 {path}")
        return None
    engine = make_engine(db_url(args))
    try:
        with transaction(session_factory(engine)) as session:
            return publish(session, text, path.name, args.by)
    except refused as exc:
        error: Any = exc
        _error(error.message_en, error.message_zh)
    except ApiError as exc:
        _error(exc.en, exc.zh)
    finally:
        engine.dispose()
    return None


def _error(en: str, zh: str) -> None:
    print(f"error: {en}\n错误：{zh}", file=sys.stderr)
