"""Upright, downscaled JPEG derivatives (256 px thumbnails, ~1600 px views) made cheaply.

JPEG files are decoded with ``draft()``: libjpeg scales the DCT by 1/2, 1/4 or 1/8 while decoding,
so a 12 MP photo becomes a 0.2 MP thumbnail without the full-size image ever existing in memory.
The rotation/mirroring from EXIF is applied *after* downscaling, on the small image. Derivatives
carry no EXIF orientation (they are already upright), so no viewer can turn them twice.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import tempfile
from pathlib import Path

from PIL import Image

from adjuster.media.imaging import MAX_PIXELS, Source, decode_error, open_image
from adjuster.media.metadata import TAG_ORIENTATION

THUMB_PX = 256
VIEW_PX = 1600
SIZES = {"thumb": THUMB_PX, "view": VIEW_PX}
QUALITY = {"thumb": 82, "view": 85}

#: EXIF orientation → the transposition that makes the image upright (as ImageOps.exif_transpose).
TRANSPOSE: dict[int, Image.Transpose] = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def file_orientation(im: Image.Image) -> int:
    """The EXIF orientation still to apply (HEIF files are turned by the decoder already → 1)."""
    if im.format == "HEIF":
        return 1
    try:
        value = int(im.getexif().get(TAG_ORIENTATION, 1) or 1)
    except Exception:
        return 1
    return value if 1 <= value <= 8 else 1


def _to_rgb(im: Image.Image) -> Image.Image:
    """Flatten any mode (palette, alpha, 16-bit, CMYK) onto an opaque RGB image for JPEG."""
    if im.mode == "RGB":
        return im
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        bg = Image.new("RGB", rgba.size, (255, 255, 255))
        bg.paste(rgba, mask=rgba.getchannel("A"))
        return bg
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        return im.convert("I").point(lambda v: v * (1 / 256)).convert("L").convert("RGB")
    return im.convert("RGB")


def render_upright(
    source: Source | Image.Image,
    max_px: int,
    *,
    orientation: int | None = None,
    max_pixels: int = MAX_PIXELS,
) -> Image.Image:
    """Decode ``source`` at most ``max_px`` on its long side, upright, in RGB.

    ``orientation`` overrides the file's EXIF orientation (1–8) when a person corrected it.
    Raises PhotoRejected when the data cannot be decoded (truncated, corrupt).
    """
    im = source if isinstance(source, Image.Image) else open_image(source, max_pixels=max_pixels)
    try:
        turn = orientation if orientation is not None else file_orientation(im)
        w, h = im.size
        scale = max_px / max(w, h)
        if scale < 1 and im.format in ("JPEG", "MPO"):
            # Ask libjpeg for the smallest DCT scale still at least the target size.
            im.draft("RGB", (max(1, math.ceil(w * scale)), max(1, math.ceil(h * scale))))
        try:
            im.load()
            small = im
            dw, dh = im.size
            if max(dw, dh) > max_px:
                f = max_px / max(dw, dh)
                size = (max(1, round(dw * f)), max(1, round(dh * f)))
                # Bicubic is indistinguishable at thumbnail size and a third cheaper; views get Lanczos.
                method = Image.Resampling.BICUBIC if max_px <= THUMB_PX else Image.Resampling.LANCZOS
                small = im.resize(size, method, reducing_gap=3.0)
            small = _to_rgb(small)
        except Exception as err:
            raise decode_error(err) from None
        if turn in TRANSPOSE:
            small = small.transpose(TRANSPOSE[turn])
        if small is im:
            small = im.copy()
        return small
    finally:
        if not isinstance(source, Image.Image):
            im.close()


def encode_jpeg(im: Image.Image, quality: int, icc_profile: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    params: dict[str, object] = {"quality": quality, "optimize": False}
    if icc_profile:
        params["icc_profile"] = icc_profile
    im.save(buf, "JPEG", **params)
    return buf.getvalue()


def write_jpeg(im: Image.Image, path: Path, quality: int) -> Path:
    """Write a cache JPEG: temp file → rename, so concurrent builders never corrupt it.

    Unlike originals there is no fsync: the cache is rebuildable, fsyncs cost ~5 ms per file
    (15% of an import), and a file torn by a power cut is caught by ``cache_file_ok`` and rebuilt.
    """
    data = encode_jpeg(im, quality, im.info.get("icc_profile"))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def cache_file_ok(path: Path) -> bool:
    """A cached JPEG is whole if it ends with the EOI marker (a torn or empty file does not)."""
    try:
        with open(path, "rb") as fh:
            fh.seek(-2, os.SEEK_END)
            return fh.read(2) == b"\xff\xd9"
    except OSError:
        return False


def build_derivative(
    source: Source, kind: str, out: Path, *, orientation: int | None = None, max_pixels: int = MAX_PIXELS
) -> Path:
    """Render the ``kind`` ("thumb" | "view") derivative of ``source`` into ``out``."""
    im = render_upright(source, SIZES[kind], orientation=orientation, max_pixels=max_pixels)
    return write_jpeg(im, out, QUALITY[kind])
