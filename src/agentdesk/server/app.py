"""The FastAPI application: every route under `/api/v1`, OpenAPI at `/openapi.json`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request
from sqlalchemy import Engine, text

from agentdesk import __version__
from agentdesk.domain.authority import read_authority_policy
from agentdesk.protocol import API_VERSION
from agentdesk.protocol.common import ErrorBody, Health
from agentdesk.server import note_lint
from agentdesk.server.case_list_fast import CaseListFastPath
from agentdesk.server.db import make_engine, session_factory
from agentdesk.server.errors import ApiError, install_handlers
from agentdesk.server.migrate import current_revision
from agentdesk.server.pg_reads import close_pool, open_pool
from agentdesk.server.preview_fast import PreviewFastPath
from agentdesk.server.routes import admin, auth, cases, compliance, plans, reports
from agentdesk.server.settings import Settings
from agentdesk.server.sync import routes as sync_routes

API_PREFIX = f"/api/v{API_VERSION}"

_ERRORS = {code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 413, 422, 429, 503)}


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """Build the app on `engine` (or one made from `settings.db_url`)."""
    settings = settings or Settings()
    own_engine = engine is None
    engine = engine or make_engine(settings.db_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # PostgreSQL: the asyncio pool for the busiest reads (token check, case list,
        # plan preview), on this event loop; without it those take the threaded path.
        await open_pool(app, engine, settings.read_pool_size)
        note_lint.warm_up()
        try:
            yield
        finally:
            await close_pool(app)
            if own_engine:
                engine.dispose()

    app = FastAPI(
        title="AgentDesk server",
        version=__version__,
        description="Portfolio, people, plans and approvals for AgentDesk desktops.",
        lifespan=lifespan,
        responses=_ERRORS,  # type: ignore[arg-type]
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.policy = read_authority_policy(settings.authority_policy)
    install_handlers(app)
    # Plain questions for the case list are answered before routing (PostgreSQL only).
    app.add_middleware(CaseListFastPath, path=f"{API_PREFIX}/cases")
    # Plain plan previews too (any database): the route's own function, without routing.
    app.add_middleware(PreviewFastPath, path=f"{API_PREFIX}/plans/preview")

    api = APIRouter(prefix=API_PREFIX)
    api.include_router(auth.router)
    api.include_router(cases.router)
    api.include_router(plans.router)
    api.include_router(reports.router)
    api.include_router(admin.router)
    api.include_router(sync_routes.status_router)
    api.include_router(sync_routes.router)
    api.include_router(compliance.router)

    @api.get("/health", response_model=Health, tags=["health"])
    def health(request: Request) -> Health:
        """Liveness and schema: 200 when the database answers and is fully migrated."""
        eng: Engine = request.app.state.engine
        try:
            with eng.connect() as conn:
                conn.execute(text("SELECT 1"))
            revision = current_revision(eng)
        except Exception as exc:
            raise ApiError(
                503, "database_down", "数据库无法连接。", "The database cannot be reached."
            ) from exc
        return Health(
            status="ok",
            database=eng.dialect.name,
            schema_revision=revision,
            api_version=API_VERSION,
            version=__version__,
        )

    app.include_router(api)
    return app


def app_from_env() -> FastAPI:
    """The app for `uvicorn --factory` (each worker): database from AGENTDESK_SERVER_DB."""
    import os

    return create_app(Settings(db_url=os.environ.get("AGENTDESK_SERVER_DB")))
