"""Blob endpoints: ``HEAD`` says how much of a blob the hub holds, ``PUT`` appends from an offset,
``GET`` downloads a complete blob (for the back office and devices that receive others' photos).

Headers (tus-like): ``Upload-Offset`` (where this body starts, default 0) and ``Upload-Length``
(the blob's full size, required unless the body is the whole blob with a Content-Length).
"""

from __future__ import annotations

from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from adjuster.sync.hub.auth import Identity
from adjuster.sync.hub.blobs import check_sha
from adjuster.sync.hub.common import blocking, caller, hub, ok
from adjuster.sync.hub.context import HubContext
from adjuster.sync.hub.errors import HubError, bad_request
from adjuster.sync.hub.visibility import Visibility


def _status_headers(status: dict[str, object]) -> dict[str, str]:
    headers = {"Upload-Offset": str(status["offset"]), "Blob-Complete": "1" if status["complete"] else "0"}
    if status.get("length") is not None:
        headers["Upload-Length"] = str(status["length"])
    return headers


def _header_int(request: Request, name: str) -> int | None:
    raw = request.headers.get(name)
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise bad_request(f"{name} is not a number", "bad_header") from None


async def blob_head(request: Request) -> Response:
    await caller(request)
    sha = check_sha(request.path_params["sha"])
    status = (await blocking(hub(request).blobs.status, sha)).to_json()
    return Response(status_code=200, headers=_status_headers(status))


def _may_read(ctx: HubContext, ident: Identity, sha: str) -> bool:
    """Office roles read any blob; a field device only those of records it may see."""
    if ident.is_office:
        return True
    visible = Visibility(ctx.store, ctx.auth, ident).visible
    for entity, table, column in (("photo", "photos", "sha256"), ("signature", "signatures", "image_sha256"),
                                  ("report", "reports", "sha256")):
        for row in ctx.store.store.query(f"SELECT id FROM {table} WHERE {column} = ? AND deleted_at IS NULL", [sha]):
            record = ctx.store.record(entity, row["id"])
            if record is not None and visible(entity, record):
                return True
    return False


async def blob_get(request: Request) -> Response:
    ident = await caller(request)
    ctx = hub(request)
    sha = check_sha(request.path_params["sha"])
    if not await blocking(_may_read, ctx, ident, sha):
        raise HubError(404, "not_found", "the hub has no blob with this sha256")  # same answer as a missing one
    path = await blocking(ctx.blobs.path, sha)
    return FileResponse(path, media_type="application/octet-stream")


async def blob_put(request: Request) -> Response:
    ident = await caller(request, field=True)
    ctx = hub(request)
    sha = check_sha(request.path_params["sha"])
    offset = _header_int(request, "upload-offset") or 0
    length = _header_int(request, "upload-length")
    if length is None:
        content_length = _header_int(request, "content-length")
        if content_length is None:
            raise bad_request("Upload-Length is required", "bad_header")
        length = offset + content_length
    try:
        status = await ctx.blobs.receive(sha, offset, length, request.stream(), limit=ctx.limits.max_blob_bytes)
    except ClientDisconnect:
        return Response(status_code=400)  # nobody is listening; the partial bytes are kept
    if status.complete:
        # ops of this device held for this photo can go in now (the device also pushes again)
        await blocking(ctx.store.retry_held, ident.device_id)
    body = status.to_json()
    response = ok(body, 200 if status.complete else 202)
    response.headers.update(_status_headers(body))
    return response


ROUTES = [
    Route("/v1/blobs/{sha}", blob_head, methods=["HEAD"]),
    Route("/v1/blobs/{sha}", blob_get, methods=["GET"]),
    Route("/v1/blobs/{sha}", blob_put, methods=["PUT"]),
]
