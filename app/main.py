"""create_app(): the FastAPI application with its database, static files, web pages and API."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.staticfiles import StaticFiles

from app.config import Settings, get_settings
from app.db import make_engine
from app.migrate import upgrade_database
from app.web.head import HeadAsGetMiddleware
from app.web.auth import Sessions
from app.web.cache import ResponseCache
from app.web.security import SecurityHeadersMiddleware


class TimelineApp(FastAPI):
    def build_middleware_stack(self):
        """Security headers outermost, so that even the 500 page from Starlette's error middleware has
        them; HEAD answered as GET inside them."""
        return SecurityHeadersMiddleware(HeadAsGetMiddleware(super().build_middleware_stack()))


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if migrate:
            upgrade_database(settings.database_url)
        yield
        if hasattr(app.state, "response_cache"):
            app.state.response_cache.close()
        app.state.engine.dispose()

    app = TimelineApp(
        title="China–Kazakhstan timeline",
        summary="Visits, meetings and agreements between China and Kazakhstan, each traced to its sources.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served by app.web.routes from swagger-ui-dist (npm), without inline script
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = make_engine(settings.database_url)

    from app.api.editing import router as api_editing_router
    from app.api.routes import router as api_router
    from app.web.accounts import router as accounts_router
    from app.web.editing import router as editing_router
    from app.web.errors import install_error_handlers
    from app.web.network import router as network_router
    from app.web.review import router as review_router
    from app.web.routes import router as web_router
    from app.web.subjects import router as subjects_router
    from app.web.undated import router as undated_router

    app.add_middleware(Sessions)
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=5)
    # outside the compression, so that a kept response is kept compressed
    public = (web_router, subjects_router, network_router, undated_router, api_router)
    app.add_middleware(ResponseCache, routes=[route for router in public for route in router.routes])
    app.mount("/static", StaticFiles(directory=settings.static_dir), name="static")
    htmx_dist = settings.node_modules_dir / "htmx.org" / "dist"
    if htmx_dist.is_dir():
        app.mount("/vendor/htmx", StaticFiles(directory=htmx_dist), name="htmx")
    swagger_dist = settings.node_modules_dir / "swagger-ui-dist"
    if swagger_dist.is_dir():
        app.mount("/vendor/swagger-ui", StaticFiles(directory=swagger_dist), name="swagger-ui")
    app.include_router(api_router)
    app.include_router(api_editing_router)
    app.include_router(web_router)
    app.include_router(accounts_router)
    app.include_router(editing_router)
    app.include_router(review_router)
    app.include_router(subjects_router)
    app.include_router(network_router)
    app.include_router(undated_router)
    install_error_handlers(app)
    return app
