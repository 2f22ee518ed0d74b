"""Signatures: the signed image goes into the media store, the record names the exact content signed.

A signature covers one data snapshot (``content_sha256``, e.g. a report's ``snapshot_sha256``). If
the case or visit is edited afterwards its snapshot hash changes, so ``is_current`` turns False and
reports show the signature as no longer valid — nothing is silently carried over.
"""

from __future__ import annotations

import io
import re
from typing import Any

from PIL import Image, UnidentifiedImageError

from adjuster.domain.enums import OwnerType, SignerRole
from adjuster.domain.errors import ValidationError
from adjuster.domain.models import Signature
from adjuster.util.clock import utcnow_iso

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_PNG_BYTES = 5 * 1024 * 1024
MAX_SIDE = 4000
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


def check_png(png_bytes: bytes) -> tuple[int, int]:
    """Refuse anything but a sane PNG image (size and dimensions bounded); returns (width, height)."""
    if not isinstance(png_bytes, bytes | bytearray) or not png_bytes:
        raise ValidationError("image", "the signature image is empty")
    if len(png_bytes) > MAX_PNG_BYTES:
        raise ValidationError("image", f"the signature image is too large ({len(png_bytes)} bytes)")
    if not bytes(png_bytes[:8]) == PNG_MAGIC:
        raise ValidationError("image", "the signature image must be a PNG")
    try:
        with Image.open(io.BytesIO(bytes(png_bytes))) as im:
            width, height = im.size
            if width > MAX_SIDE or height > MAX_SIDE:
                raise ValidationError("image", f"the signature image is too big ({width}×{height})")
            im.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as err:
        if isinstance(err, ValidationError):
            raise
        raise ValidationError("image", f"the signature image cannot be read ({err})") from None
    return width, height


def sign(
    store: Any,
    media: Any,
    owner_type: OwnerType | str,
    owner_id: str,
    signer: str,
    role: SignerRole | str,
    png_bytes: bytes,
    content_sha256: str,
) -> Signature:
    """Store the signature image (content-addressed, durable first) and record who signed what.

    ``content_sha256`` is the hash of the data snapshot being signed (64 hex digits); the owner
    (a case or visit) must exist. Raises ValidationError naming the bad field.
    """
    try:
        ot = OwnerType(owner_type)
    except ValueError:
        raise ValidationError("owner_type", f"{owner_type!r} is not a record type") from None
    try:
        sr = SignerRole(role)
    except ValueError:
        allowed = ", ".join(r.value for r in SignerRole)
        raise ValidationError("role", f"{role!r} is not one of: {allowed}") from None
    if not signer or not signer.strip():
        raise ValidationError("signer", "is required")
    if not isinstance(content_sha256, str) or not _SHA_RE.match(content_sha256):
        raise ValidationError("content_sha256", "must be the 64-hex-digit sha256 of the signed content")
    repo = {OwnerType.CASE: store.cases, OwnerType.VISIT: store.visits, OwnerType.SITE: store.sites}.get(ot)
    if repo is None:
        raise ValidationError("owner_type", "only a case, a visit or a site can be signed")
    repo.get(owner_id)
    check_png(png_bytes)
    image_sha, _size, _new = media.put_bytes(bytes(png_bytes))  # durable before the row refers to it
    record = Signature(owner_type=ot, owner_id=owner_id, signer=signer.strip(), role=sr, signed_at=utcnow_iso(),
                       image_sha256=image_sha, content_sha256=content_sha256)
    return store.signatures.create(record)


def signatures_of(store: Any, owner_type: OwnerType | str, owner_id: str) -> list[Signature]:
    return store.signatures.for_owner(str(OwnerType(owner_type).value), owner_id)


def is_current(signature: Signature, content_sha256: str) -> bool:
    """True while the signed content is unchanged (its snapshot still hashes to what was signed)."""
    return bool(signature.content_sha256) and signature.content_sha256 == content_sha256
