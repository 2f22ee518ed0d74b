"""One error shape for every hub answer: ``{"error": {"code", "message"}}`` with a fitting status.

Handlers raise ``HubError``; the app turns it (and Starlette's own 404/405, and anything
unexpected) into the envelope, so clients branch on ``code`` and people read ``message``.
Unexpected exceptions become a bare 500 ``internal`` — their text never reaches the client.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from adjuster.domain.errors import AdjusterError, NotFoundError, ValidationError

log = logging.getLogger("adjuster.hub")


class HubError(Exception):
    """An answer the client can act on: HTTP ``status``, stable ``code``, human ``message``."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or {}
        self.extra = extra or {}


def error_response(
    status: int, code: str, message: str, *, headers: dict[str, str] | None = None, extra: dict[str, Any] | None = None
) -> Response:
    body: dict[str, Any] = {"code": code, "message": message}
    if extra:
        body.update(extra)
    return JSONResponse({"error": body}, status_code=status, headers=headers)


_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 400: "bad_request", 413: "too_large"}


async def _hub_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HubError)
    return error_response(exc.status, exc.code, exc.message, headers=exc.headers, extra=exc.extra)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
    return error_response(exc.status_code, code, str(exc.detail), headers=dict(exc.headers or {}))


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ValidationError)
    return error_response(422, "invalid", str(exc), extra={"field": exc.field})


async def _not_found(request: Request, exc: Exception) -> Response:
    return error_response(404, "not_found", str(exc))


async def _adjuster_error(request: Request, exc: Exception) -> Response:
    """A refusal from the core (sync store, keys): the message is written for people; 409."""
    from adjuster.sync.hubstore import UnknownDeviceError

    if isinstance(exc, UnknownDeviceError):
        return error_response(403, "device_not_enrolled", str(exc))
    return error_response(409, "refused", str(exc))


async def _internal(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(500, "internal", "the hub failed to handle this request; nothing was applied")


EXCEPTION_HANDLERS: dict[Any, Any] = {
    HubError: _hub_error,
    HTTPException: _http_error,
    ValidationError: _validation_error,
    NotFoundError: _not_found,
    AdjusterError: _adjuster_error,
    Exception: _internal,
}


def bad_request(message: str, code: str = "bad_request", **extra: Any) -> HubError:
    return HubError(400, code, message, extra=extra or None)


def unauthorized() -> HubError:
    """Same answer for a missing, unknown, revoked or malformed token: nothing to learn from it."""
    return HubError(401, "unauthorized", "missing or invalid device token", headers={"WWW-Authenticate": "Bearer"})


def forbidden(message: str, **extra: Any) -> HubError:
    return HubError(403, "forbidden", message, extra=extra or None)
