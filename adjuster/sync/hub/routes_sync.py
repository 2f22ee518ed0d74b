"""The device's endpoints: hello (clock check, protocol, what the hub lacks), push ops, pull
changes since a cursor, ask which blobs are missing, upload a whole bundle, and see conflicts.

Push checks the protocol version, the batch size and every op's shape and ownership before
anything is applied; the batch then applies in one HubStore transaction (idempotent by op id).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from adjuster.domain.errors import ValidationError
from adjuster.sync.hub.common import blocking, caller, hub, int_param, ok
from adjuster.sync.hub.errors import HubError, bad_request
from adjuster.sync.hub.limits import read_json
from adjuster.sync.hub.pull import pull_visible
from adjuster.sync.hub.push import apply_push
from adjuster.sync.hub.visibility import Visibility
from adjuster.sync.protocol import PROTOCOL_VERSION, SHA256_RE, Op
from adjuster.util.clock import utcnow, utcnow_iso

CLOCK_WARN_S = 300


def check_protocol(data: dict[str, Any]) -> None:
    version = data.get("protocol")
    if version != PROTOCOL_VERSION:
        raise HubError(400, "unsupported_protocol",
                       f"protocol {version!r} is not supported; this hub speaks {PROTOCOL_VERSION} — update the app",
                       extra={"supported": [PROTOCOL_VERSION]})


def _shas(data: dict[str, Any], key: str, limit: int = 100_000) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or len(value) > limit:
        raise ValidationError(key, f"must be a list of at most {limit} sha256 values")
    for i, sha in enumerate(value):
        if not isinstance(sha, str) or not SHA256_RE.match(sha):
            raise ValidationError(f"{key}[{i}]", "is not a lowercase hex sha256")
    return value


def _skew_seconds(device_time: Any) -> float | None:
    if not isinstance(device_time, str):
        return None
    try:
        when = dt.datetime.fromisoformat(device_time.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return round((when - utcnow()).total_seconds(), 1)


async def hello(request: Request) -> Response:
    ident = await caller(request)
    ctx = hub(request)
    data = await read_json(request, ctx.limits.max_json_bytes)
    check_protocol(data)
    shas = _shas(data, "blobs")
    skew = _skew_seconds(data.get("device_time"))

    def work() -> dict[str, Any]:
        store = ctx.store
        device = store.device(ident.device_id)
        return {
            "protocol": PROTOCOL_VERSION,
            "hub_id": store.hub_id,
            "public_key": store.public_key,
            "hub_time": utcnow_iso(),
            "clock_skew_s": skew,
            "clock_warning": skew is not None and abs(skew) > CLOCK_WARN_S,
            "user": ident.user,
            "role": ident.role.value,
            "team": ident.team,
            "device": device.to_json() if device else None,
            "current_seq": store.current_seq(),
            "missing_blobs": store.missing_blobs(shas),
            "limits": {"max_ops_per_push": ctx.limits.max_ops_per_push, "max_json_bytes": ctx.limits.max_json_bytes,
                       "max_blob_bytes": ctx.limits.max_blob_bytes},
        }

    return ok(await blocking(work))


async def missing_blobs(request: Request) -> Response:
    await caller(request)
    ctx = hub(request)
    data = await read_json(request, ctx.limits.max_json_bytes)
    shas = _shas(data, "shas")
    return ok({"missing": await blocking(ctx.store.missing_blobs, shas)})


def parse_ops(data: dict[str, Any], limit: int) -> list[Op]:
    raw = data.get("ops")
    if not isinstance(raw, list):
        raise ValidationError("ops", "must be a list")
    if len(raw) > limit:
        raise HubError(413, "too_many_ops", f"at most {limit} ops per push; send the rest in another request")
    return [Op.from_json(o, f"ops[{i}]") for i, o in enumerate(raw)]


async def push(request: Request) -> Response:
    ident = await caller(request, field=True)
    ctx = hub(request)
    data = await read_json(request, ctx.limits.max_json_bytes)
    check_protocol(data)
    ops = parse_ops(data, ctx.limits.max_ops_per_push)
    mode = data.get("refused", "fail")
    if mode not in ("fail", "reject"):
        raise ValidationError("refused", "must be fail or reject")
    result = await blocking(apply_push, ctx, ident, ops, reject_refused=mode == "reject")
    return ok(result.to_json())


async def pull(request: Request) -> Response:
    ident = await caller(request)
    ctx = hub(request)
    cursor = int_param(request, "cursor", 0)
    limit = int_param(request, "limit", 2000, minimum=1, maximum=10_000)

    def work() -> dict[str, Any]:
        visibility = Visibility(ctx.store, ctx.auth, ident)
        return pull_visible(ctx.store, ident.device_id, cursor, limit, visibility).to_json()  # type: ignore[no-any-return]

    return ok(await blocking(work))


async def conflicts(request: Request) -> Response:
    """Open conflicts: all of them for the office, those a device took part in otherwise."""
    ident = await caller(request)
    ctx = hub(request)
    open_only = request.query_params.get("all") not in ("1", "true")
    found = await blocking(ctx.store.conflicts, open_only)
    if not ident.is_office:
        found = [c for c in found if c.device_id == ident.device_id]
    return ok({"conflicts": [c.to_json() for c in found]})


async def bundle(request: Request) -> Response:
    """A ``.adjsync`` bundle over HTTP: the same import as a file from a USB stick."""
    ident = await caller(request, field=True)
    ctx = hub(request)
    from adjuster.sync.hub.limits import read_body

    body = await read_body(request, ctx.limits.max_bundle_bytes)
    if not body:
        raise bad_request("the bundle is empty", "bad_bundle")
    from adjuster.sync.hub.bundles import import_bundle_bytes

    return ok(await blocking(import_bundle_bytes, ctx, ident, body))


ROUTES = [
    Route("/v1/hello", hello, methods=["POST"]),
    Route("/v1/blobs/missing", missing_blobs, methods=["POST"]),
    Route("/v1/push", push, methods=["POST"]),
    Route("/v1/pull", pull, methods=["GET"]),
    Route("/v1/conflicts", conflicts, methods=["GET"]),
    Route("/v1/bundle", bundle, methods=["POST"]),
]
