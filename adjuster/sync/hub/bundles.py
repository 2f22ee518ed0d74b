"""``POST /v1/bundle``: a ``.adjsync`` bundle sent over HTTP goes through the sync engine's own
verification (``verify_bundle``: zip limits, signature, op and blob hashes, sequence) before the
database is touched, then the same ownership check as a push, then blobs and ops are applied as
``import_bundle`` does. A field device may only send its own bundles; an admin may relay anyone's
(the USB stick handed in at the office).
"""

from __future__ import annotations

import contextlib
import shutil
from typing import Any

from adjuster.sync.bundle import verify_bundle
from adjuster.sync.hub.auth import Identity, Role
from adjuster.sync.hub.context import HubContext
from adjuster.sync.hub.errors import HubError, forbidden
from adjuster.sync.hub.push import apply_push
from adjuster.sync.zipcheck import BundleError
from adjuster.util.atomic import atomic_write_bytes
from adjuster.util.ids import uuid7


def import_bundle_bytes(ctx: HubContext, ident: Identity, body: bytes) -> dict[str, Any]:
    """Verify and apply a bundle; refuses it whole (nothing applied) with a 4xx and the reason."""
    store = ctx.store
    work = ctx.root / "uploads" / f"bundle-{uuid7()}"
    path = work / "in.adjsync"
    try:
        atomic_write_bytes(path, body)
        try:
            verified = verify_bundle(store, path, work / "blobs")
        except BundleError as err:
            raise HubError(422, "bad_bundle", str(err)) from None
        device_id = verified.device.device_id
        if ident.role != Role.ADMIN and device_id != ident.device_id:
            raise forbidden("a device may only send its own bundles")
        if ident.role != Role.ADMIN:
            apply_push(ctx, ident, verified.ops, reject_refused=False, dry_run=True)  # 403 before any blob moves
        stored = sum(int(store.adopt_blob(sha, tmp)) for sha, tmp in verified.blobs.items())
        if ident.role == Role.ADMIN:
            with store.store.transaction():
                result = store.apply_ops(device_id, verified.ops)
        else:
            result = apply_push(ctx, ident, verified.ops)
        m = verified.manifest
        return {"device_id": device_id, "seq_from": m["seq_from"], "seq_to": m["seq_to"], "blobs_stored": stored,
                "result": result.to_json()}
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(work)
