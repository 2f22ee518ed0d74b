"""The hub's ASGI app: ``create_app(hub_dir, db_url=None)`` → a Starlette application.

Routes live in ``routes_*.py`` by concern; this module wires them with the error envelope,
request logging and the lifespan that closes the databases. Run it with ``adjuster serve`` or
any ASGI server (``uvicorn`` is what we ship).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from adjuster.sync.hub import routes_auth, routes_blobs, routes_office, routes_sync
from adjuster.sync.hub.context import HubContext
from adjuster.sync.hub.errors import EXCEPTION_HANDLERS
from adjuster.sync.hub.limits import HubLimits

log = logging.getLogger("adjuster.hub.access")


class AccessLog:
    """Pure ASGI middleware: one log line per request (method, path, status, ms, device)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = {"code": 0}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            device = scope.get("state", {}).get("device_id", "-")
            log.info(
                "%s %s %s %.1fms %s", scope["method"], scope["path"], status["code"] or "-",
                (time.perf_counter() - start) * 1000, device,
            )


def create_app(
    hub_dir: str | os.PathLike[str], db_url: str | None = None, *, limits: HubLimits | None = None,
    context: HubContext | None = None,
) -> Starlette:
    """The hub app over ``hub_dir`` (SQLite ``hub.db`` there unless ``db_url`` names another)."""
    ctx = context or HubContext.open(hub_dir, db_url, limits=limits)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
        yield {}
        if context is None:
            ctx.close()

    routes = [*routes_auth.ROUTES, *routes_blobs.ROUTES, *routes_sync.ROUTES, *routes_office.ROUTES]
    app = Starlette(routes=routes, exception_handlers=EXCEPTION_HANDLERS, lifespan=lifespan)
    app.state.hub = ctx
    app.add_middleware(AccessLog)
    return app
