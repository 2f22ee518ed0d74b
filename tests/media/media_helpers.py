"""Shared helpers for media tests: the real-photo corpus and synthetic photos with chosen EXIF."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from PIL import Image

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
PHOTOS = CORPUS / "photos"

needs_corpus = pytest.mark.skipif(
    not PHOTOS.is_dir(), reason=f"photo corpus not found at {PHOTOS} (only present in CI / the team checkout)"
)


def scene(size: tuple[int, int] = (400, 300), seed: int = 1) -> Image.Image:
    """An asymmetric picture: a mirrored or rotated copy never looks like the original."""
    rnd = random.Random(seed)
    w, h = size
    im = Image.new("RGB", size, (30, 60, 90))
    px = im.load()
    for _ in range(40):
        x0, y0 = rnd.randrange(w), rnd.randrange(h)
        c = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
        for x in range(x0, min(w, x0 + w // 8)):
            for y in range(y0, min(h, y0 + h // 8)):
                px[x, y] = c
    for x in range(w // 4):  # a red block in the top-left corner marks "up-left"
        for y in range(h // 4):
            px[x, y] = (250, 0, 0)
    return im


def jpeg_bytes(
    im: Image.Image,
    *,
    orientation: int | None = None,
    taken: str | None = None,
    offset: str | None = None,
    gps: dict[int, object] | None = None,
    make: str | None = None,
    quality: int = 90,
) -> bytes:
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    if make:
        exif[0x010F] = make
    sub = exif.get_ifd(0x8769)
    if taken:
        sub[0x9003] = taken
    if offset:
        sub[0x9011] = offset
    if gps:
        exif.get_ifd(0x8825).update(gps)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality, exif=exif.tobytes())
    return buf.getvalue()


def oriented(upright: Image.Image, orientation: int) -> Image.Image:
    """The stored pixels a camera writes for ``orientation`` so that viewers show ``upright``."""
    inverse = {
        1: None,
        2: Image.Transpose.FLIP_LEFT_RIGHT,
        3: Image.Transpose.ROTATE_180,
        4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE,
        6: Image.Transpose.ROTATE_90,
        7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_270,
    }[orientation]
    return upright if inverse is None else upright.transpose(inverse)


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
