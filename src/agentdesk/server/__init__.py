"""The central server: FastAPI app, database, auth, services, migrations, command line."""

# Every ORM write, whichever command or endpoint makes it, is logged for sync pulls.
from agentdesk.server.sync import changelog as _changelog  # noqa: F401
