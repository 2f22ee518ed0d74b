"""Health, enrolment (code → device token) and ``whoami``."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from adjuster.domain.errors import ValidationError
from adjuster.sync.hub.auth import EnrolmentError
from adjuster.sync.hub.common import blocking, caller, hub, ok
from adjuster.sync.hub.errors import HubError
from adjuster.sync.hub.limits import read_json
from adjuster.sync.keys import KeyError_, check_public_key
from adjuster.sync.protocol import PROTOCOL_VERSION
from adjuster.util.clock import utcnow_iso


async def health(request: Request) -> Response:
    """Unauthenticated liveness: the process answers and its databases open."""
    ctx = hub(request)
    await blocking(ctx.auth.users)
    return ok({"status": "ok", "protocol": PROTOCOL_VERSION, "hub_time": utcnow_iso()})


def _client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def enrol(request: Request) -> Response:
    """``{"code", "device_id", "name"?, "public_key"?}`` → ``{"token", "device_id", "user", "role"}``."""
    ctx = hub(request)
    ctx.enrol_buckets.check(_client_key(request))
    data = await read_json(request, 64 * 1024)
    code, device_id = data.get("code"), data.get("device_id")
    if not isinstance(code, str) or not code.strip():
        raise ValidationError("code", "is required")
    if not isinstance(device_id, str):
        raise ValidationError("device_id", "is required")
    name = data.get("name") if isinstance(data.get("name"), str) else ""
    public_key = data.get("public_key") if isinstance(data.get("public_key"), str) else ""
    try:
        check_public_key(public_key)
    except KeyError_:
        raise ValidationError("public_key", "is not a base64 Ed25519 public key") from None
    try:
        token, ident = await blocking(ctx.auth.redeem, code, device_id, name=name[:200])
    except EnrolmentError as err:
        raise HubError(403, "enrolment_refused", str(err)) from None
    try:
        await blocking(ctx.store.register_device, ident.device_id, ident.user, public_key, replace=True)
    except BaseException:
        await blocking(ctx.auth.revoke, ident.device_id)  # no token without a registered key
        raise
    return ok({"token": token, "device_id": ident.device_id, "user": ident.user, "role": ident.role.value,
               "team": ident.team, "protocol": PROTOCOL_VERSION}, 201)


async def whoami(request: Request) -> Response:
    ident = await caller(request)
    return ok({"device_id": ident.device_id, "user": ident.user, "role": ident.role.value, "team": ident.team})


ROUTES = [
    Route("/health", health, methods=["GET"]),
    Route("/v1/health", health, methods=["GET"]),
    Route("/v1/enrol", enrol, methods=["POST"]),
    Route("/v1/whoami", whoami, methods=["GET"]),
]
