"""Turn each report photo into something reportlab can embed cheaply, or a reason it cannot.

The fast path hands an upright, already-downscaled JPEG file to reportlab untouched (its DCT bytes
go into the PDF as they are). Anything else — a big original, an EXIF-rotated file, PNG/HEIC — is
decoded once at reduced size (``draft``), turned upright and written as a ~1600 px JPEG in a
work directory. A missing or undecodable file yields a ``problem`` so the page shows a placeholder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from adjuster.reports.model import PhotoEntry
from adjuster.util.progress import CancelToken

#: Longest side of embedded photos: sharp at full A4 width (~180 mm at 220 dpi), small on disk.
TARGET_PX = 1600
#: Files up to this size pass through unchanged if upright JPEG.
PASS_THROUGH_MAX_PX = 2400
JPEG_QUALITY = 82

try:  # HEIC/HEIF from phones, when the plugin is present
    from pillow_heif import register_heif_opener

    register_heif_opener()
except Exception:  # pragma: no cover - optional plugin
    pass


@dataclass
class PreparedPhoto:
    entry: PhotoEntry
    path: str | None  # a .jpg file reportlab embeds as-is
    width: int = 0
    height: int = 0
    problem: str = ""  # why there is a placeholder instead

    @property
    def ok(self) -> bool:
        return self.path is not None and not self.problem


def _orientation(im: Image.Image) -> int:
    with contextlib.suppress(Exception):
        return int(im.getexif().get(0x0112, 1) or 1)
    return 1


def _link_as_jpg(src: Path, workdir: Path, index: int) -> str:
    """reportlab passes a JPEG through only when the name ends in .jpg; media files have no suffix."""
    if src.suffix.lower() in (".jpg", ".jpeg"):
        return str(src)
    dst = workdir / f"p{index:05d}.jpg"
    try:
        os.symlink(src.resolve(), dst)
    except OSError:
        shutil.copyfile(src, dst)
    return str(dst)


def prepare_photo(entry: PhotoEntry, workdir: Path, index: int) -> PreparedPhoto:
    """Check and, when needed, convert one photo. Never raises for bad input files."""
    if entry.path is None and entry.source is not None:
        try:
            entry.path = entry.source()
        except Exception as err:  # the media store says the original is gone or undecodable
            name = type(err).__name__
            return PreparedPhoto(entry, None, problem="missing" if "Missing" in name else f"unreadable ({name})")
    if entry.path is None:
        return PreparedPhoto(entry, None, problem="missing")
    src = Path(entry.path)
    if not src.is_file():
        return PreparedPhoto(entry, None, problem="missing")
    try:
        with Image.open(src) as im:
            fmt, mode, size, orient = im.format, im.mode, im.size, _orientation(im)
            if (
                fmt == "JPEG"
                and mode in ("RGB", "L")
                and orient == 1
                and max(size) <= PASS_THROUGH_MAX_PX
            ):
                # Decode at 1/8 scale: proves the entropy-coded data is intact for ~1 ms.
                im.draft(mode, (max(1, size[0] // 8), max(1, size[1] // 8)))
                im.load()
                return PreparedPhoto(entry, _link_as_jpg(src, workdir, index), size[0], size[1])
            return _convert(entry, im, workdir, index)
    except Exception as err:  # corrupt, truncated, not an image, decompression bomb…
        return PreparedPhoto(entry, None, problem=f"unreadable ({type(err).__name__})")


def _convert(entry: PhotoEntry, im: Image.Image, workdir: Path, index: int) -> PreparedPhoto:
    if im.format == "JPEG":
        im.draft("RGB", (TARGET_PX, TARGET_PX))  # decode at 1/2, 1/4 or 1/8 size directly
    upright = ImageOps.exif_transpose(im)
    if upright.mode not in ("RGB", "L"):
        if "A" in upright.getbands() or upright.mode == "P":
            rgba = upright.convert("RGBA")
            bg = Image.new("RGB", rgba.size, (255, 255, 255))
            bg.paste(rgba, mask=rgba.getchannel("A"))
            upright = bg
        else:
            upright = upright.convert("RGB")
    upright.thumbnail((TARGET_PX, TARGET_PX), Image.Resampling.LANCZOS)
    out = workdir / f"c{index:05d}.jpg"
    upright.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return PreparedPhoto(entry, str(out), upright.width, upright.height)


def prepare_all(
    photos: Sequence[PhotoEntry],
    workdir: Path,
    *,
    progress: Callable[[int], None] | None = None,
    cancel: CancelToken | None = None,
    workers: int | None = None,
) -> list[PreparedPhoto]:
    """Prepare photos in a few threads (Pillow decodes without the GIL); order is kept."""
    workers = workers or min(4, os.cpu_count() or 1)
    results: list[PreparedPhoto | None] = [None] * len(photos)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(prepare_photo, p, workdir, i) for i, p in enumerate(photos)]
        for i, fut in enumerate(futures):
            if cancel is not None and cancel.cancelled:
                for f in futures[i:]:
                    f.cancel()
                cancel.raise_if_cancelled()
            results[i] = fut.result()
            if progress is not None:
                progress(i + 1)
    return [r for r in results if r is not None]
