"""Helpers every route module uses: the hub context of a request, the caller, JSON answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from adjuster.sync.hub.auth import FIELD_ROLES, OFFICE_ROLES, Identity
from adjuster.sync.hub.context import HubContext
from adjuster.sync.hub.errors import forbidden

T = TypeVar("T")


def hub(request: Request) -> HubContext:
    return request.app.state.hub  # type: ignore[no-any-return]


async def caller(request: Request, *, office: bool = False, field: bool = False) -> Identity:
    """Authenticate the request (401) and check the role family (403); counts against the rate limit."""
    ident = await run_in_threadpool(hub(request).identify, request.headers.get("authorization"))
    request.scope.setdefault("state", {})["device_id"] = ident.device_id
    if office and ident.role not in OFFICE_ROLES:
        raise forbidden(f"role {ident.role.value} may not use the back-office endpoints")
    if field and ident.role not in FIELD_ROLES:
        raise forbidden(f"role {ident.role.value} may not push field data")
    return ident


async def blocking(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run database work off the event loop."""
    return await run_in_threadpool(fn, *args, **kwargs)


def ok(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)


def int_param(request: Request, name: str, default: int, *, minimum: int = 0, maximum: int | None = None) -> int:
    from adjuster.sync.hub.errors import bad_request

    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad_request(f"query parameter {name!r} must be an integer", "bad_parameter") from None
    if value < minimum or (maximum is not None and value > maximum):
        raise bad_request(f"query parameter {name!r} is out of range", "bad_parameter")
    return value
