"""Alembic environment: runs on the connection or URL handed over by `agentdesk.server.migrate`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from agentdesk.server import models  # noqa: F401  (registers every table on the metadata)
from agentdesk.server.base import Base
from agentdesk.server.db import make_engine
from agentdesk.server.sync import models as _sync_models  # noqa: F401  (the sync tables)

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline SQL generation is not supported; run `agentdesk-server upgrade`")
run_migrations_online()
