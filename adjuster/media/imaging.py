"""Opening photos with Pillow safely: which formats count as evidence, a pixel limit against
decompression bombs, and turning Pillow's many exception types into one clear rejection.

Everything that opens an original goes through ``open_image`` so the rules are the same at import,
when a derivative is rebuilt, and in the benchmark.
"""

from __future__ import annotations

import io
import struct
import warnings
import zlib
from pathlib import Path
from typing import BinaryIO

from PIL import Image, UnidentifiedImageError

from adjuster.media import errors as E
from adjuster.media.errors import PhotoRejected

try:  # HEIC/HEIF (the iPhone default); the plugin applies the file's rotation itself
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIF_AVAILABLE = True
except Exception:  # pragma: no cover - plugin missing
    HEIF_AVAILABLE = False

#: Largest JPEG we accept (pixels): 108 MP phone sensors pass, decompression bombs are refused from
#: the header before a pixel is decoded. JPEGs are decoded with DCT scaling, so memory stays small.
#: Just under Pillow's own hard limit (2 × 89.5 MP), whose DecompressionBombError is also handled.
MAX_PIXELS = 178_000_000
#: Formats decoded at full size (HEIC, PNG, TIFF, WebP) cost ~4 bytes per pixel: 50 MP ≈ 200 MB.
MAX_FULL_DECODE_PIXELS = 50_000_000

# Pillow warns (DecompressionBombWarning) from ~89 MP; our explicit MAX_PIXELS check below is the
# rule, so the warning would only be noise on stderr for legitimate 100 MP phone photos.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)

#: Formats accepted as evidence, with the MIME type recorded on the photo.
SUPPORTED: dict[str, str] = {
    "JPEG": "image/jpeg",
    "MPO": "image/jpeg",  # multi-picture JPEG from some cameras; the first frame is the photo
    "HEIF": "image/heic",
    "PNG": "image/png",
    "TIFF": "image/tiff",
    "WEBP": "image/webp",
}

#: Extensions we refuse by name, because Pillow would open only an embedded preview of them.
KNOWN_UNSUPPORTED: dict[str, str] = {
    **{ext: "camera RAW file; export it as JPEG first" for ext in (
        ".cr2", ".cr3", ".crw", ".nef", ".nrw", ".arw", ".srf", ".sr2", ".dng", ".orf", ".rw2",
        ".raf", ".pef", ".srw", ".x3f", ".3fr", ".erf", ".kdc", ".mrw", ".rwl", ".iiq",
    )},
    **{ext: "video file; only still photos are evidence here" for ext in (
        ".mov", ".mp4", ".m4v", ".avi", ".3gp", ".mkv", ".mts", ".wmv", ".webm",
    )},
    ".pdf": "PDF document; attach it as a document, not as a photo",
}

_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"RIFF")
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif"}
_DECODE_ERRORS = (OSError, ValueError, SyntaxError, EOFError, struct.error, zlib.error, IndexError, KeyError)

Source = str | Path | bytes | BinaryIO


def _looks_like_image(head: bytes) -> bool:
    if head.startswith(_IMAGE_MAGIC):
        return True
    return len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS


def _head(source: Source) -> bytes:
    if isinstance(source, bytes):
        return source[:16]
    if isinstance(source, str | Path):
        try:
            with open(source, "rb") as fh:
                return fh.read(16)
        except OSError:
            return b""
    try:
        pos = source.tell()
        source.seek(0)
        head = source.read(16)
        source.seek(pos)
    except (OSError, ValueError):
        return b""
    return head


def check_extension(path: str | Path) -> None:
    """Refuse RAW, video and PDF files by their name before Pillow opens a preview inside them."""
    why = KNOWN_UNSUPPORTED.get(Path(path).suffix.lower())
    if why:
        raise PhotoRejected(E.UNSUPPORTED, f"unsupported format ({Path(path).suffix.lower()[1:].upper()}): {why}")


def open_image(source: Source, *, max_pixels: int = MAX_PIXELS) -> Image.Image:
    """Open (header only) a photo; raises PhotoRejected for anything that is not usable evidence.

    ``source`` is a path, the file's bytes, or a binary file object. Nothing is decoded yet.
    """
    fp: str | Path | BinaryIO = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        im = Image.open(fp)
    except Image.DecompressionBombError as err:
        raise PhotoRejected(E.BOMB, f"decompression bomb: {err}") from None
    except UnidentifiedImageError:
        if _looks_like_image(_head(source)):
            raise PhotoRejected(E.CORRUPT, "corrupt image: the header is damaged or unsupported") from None
        raise PhotoRejected(E.NOT_IMAGE, "not an image: the content is not a recognised picture format") from None
    except PermissionError as err:
        raise PhotoRejected(E.UNREADABLE, f"unreadable: {err.strerror or err}") from None
    except MemoryError:
        raise PhotoRejected(E.BOMB, "image too large to open") from None
    except _DECODE_ERRORS as err:
        raise decode_error(err) from None
    try:
        fmt = im.format or ""
        if fmt not in SUPPORTED:
            raise PhotoRejected(E.UNSUPPORTED, f"unsupported format ({fmt or 'unknown'}); use JPEG, HEIC, PNG, TIFF or WebP")
        w, h = im.size
        if w <= 0 or h <= 0:
            raise PhotoRejected(E.CORRUPT, f"corrupt image: impossible size {w}×{h}")
        limit = max_pixels if fmt in ("JPEG", "MPO") else min(max_pixels, MAX_FULL_DECODE_PIXELS)
        if w * h > limit:
            raise PhotoRejected(
                E.BOMB,
                f"decompression bomb: {w}×{h} = {w * h / 1e6:.0f} MP exceeds the {limit / 1e6:.0f} MP limit for {fmt}",
            )
    except BaseException:
        im.close()
        raise
    return im


def decode_error(err: BaseException) -> PhotoRejected:
    """Classify an exception raised while decoding pixels."""
    text = str(err)
    if isinstance(err, MemoryError):
        return PhotoRejected(E.BOMB, "image too large to decode")
    if isinstance(err, Image.DecompressionBombError):
        return PhotoRejected(E.BOMB, f"decompression bomb: {text}")
    low = text.lower()
    if isinstance(err, EOFError) or "truncated" in low or "premature end" in low:
        return PhotoRejected(E.TRUNCATED, f"truncated file: {text or 'data ends early'}")
    return PhotoRejected(E.CORRUPT, f"corrupt image data: {text or type(err).__name__}")


def mime_for(fmt: str) -> str:
    return SUPPORTED.get(fmt, Image.MIME.get(fmt, "application/octet-stream"))
