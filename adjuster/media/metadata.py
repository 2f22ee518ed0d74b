"""What a photo says about itself: when and where it was taken, by which camera, how it is turned.

Read from the header only (no pixels are decoded). Malformed EXIF never stops an import: the photo
comes in with a warning and whatever could be read. Without a capture time in EXIF or XMP the file's
modification time is used and flagged (``taken_at_source == "file"``) so a reviewer knows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from adjuster.media.imaging import MAX_PIXELS, Source, mime_for, open_image

TAG_ORIENTATION = 0x0112
TAG_MAKE = 0x010F
TAG_MODEL = 0x0110
TAG_DATETIME = 0x0132
IFD_EXIF = 0x8769
IFD_GPS = 0x8825
TAG_DATETIME_ORIGINAL = 0x9003
TAG_DATETIME_DIGITIZED = 0x9004
TAG_OFFSET_TIME = 0x9010
TAG_OFFSET_TIME_ORIGINAL = 0x9011
TAG_OFFSET_TIME_DIGITIZED = 0x9012

#: Where ``taken_at`` came from, best first.
SOURCE_EXIF = "exif"  # DateTimeOriginal
SOURCE_EXIF_DIGITIZED = "exif_digitized"
SOURCE_XMP = "xmp"
SOURCE_EXIF_MODIFIED = "exif_modified"  # IFD0 DateTime: when the file was last edited in camera
SOURCE_FILE = "file"  # file modification time: least trustworthy, flagged

_EXIF_DT = re.compile(r"^\s*(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_OFFSET = re.compile(r"^\s*([+-])(\d{2}):?(\d{2})\s*$")
_XMP_DATE_KEYS = ("exif:DateTimeOriginal", "photoshop:DateCreated", "xmp:CreateDate")


@dataclass(frozen=True)
class PhotoMeta:
    """Facts read from a photo file. ``width``/``height`` are the upright (display) size;
    ``orientation`` is the EXIF orientation (1–8) the file was stored with, for information —
    derivatives are already upright."""

    format: str
    mime: str
    width: int
    height: int
    orientation: int = 1
    taken_at: str | None = None  # ISO 8601, with the UTC offset when the camera recorded one
    taken_at_source: str = ""
    gps_lat: float | None = None
    gps_lon: float | None = None
    gps_alt: float | None = None
    camera_make: str = ""
    camera_model: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def has_gps(self) -> bool:
        return self.gps_lat is not None and self.gps_lon is not None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["warnings"] = list(self.warnings)
        return d


def _clean_text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return ""
    return value.replace("\x00", "").strip()


def parse_exif_datetime(value: Any, offset: Any = None) -> str | None:
    """``"2008:10:22 16:28:39"`` (+ ``"-05:00"``) → ``"2008-10-22T16:28:39-05:00"``; None if invalid."""
    text = _clean_text(value)
    m = _EXIF_DT.match(text)
    if not m:
        return None
    try:
        when = dt.datetime(*(int(g) for g in m.groups()))
    except ValueError:
        return None  # "0000:00:00 00:00:00" and friends
    iso = when.isoformat(timespec="seconds")
    om = _OFFSET.match(_clean_text(offset)) if offset is not None else None
    if om:
        sign, hh, mm = om.groups()
        if int(hh) <= 14 and int(mm) < 60:
            iso += f"{sign}{hh}:{mm}"
    return iso


def parse_xmp_datetime(text: str) -> str | None:
    """ISO-like XMP dates (``2013-09-23T10:09:46+02:00``, maybe without seconds or zone)."""
    m = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?\s*$", text)
    if not m:
        return None
    y, mo, d, h, mi, s, zone = m.groups()
    try:
        when = dt.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
    except ValueError:
        return None
    iso = when.isoformat(timespec="seconds")
    if zone:
        iso += "+00:00" if zone == "Z" else zone
    return iso


def _xmp_taken_at(xmp: Any) -> str | None:
    if isinstance(xmp, bytes):
        xmp = xmp.decode("utf-8", "replace")
    if not isinstance(xmp, str) or not xmp:
        return None
    for key in _XMP_DATE_KEYS:
        k = re.escape(key)
        m = re.search(rf'{k}\s*=\s*"([^"]+)"', xmp) or re.search(rf"<{k}>([^<]+)</{k}>", xmp)
        if m:
            found = parse_xmp_datetime(m.group(1))
            if found:
                return found
    return None


def _ratio(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return math.nan


def dms_to_degrees(dms: Any, ref: Any) -> float | None:
    """EXIF (deg, min, sec) rationals + N/S/E/W reference → signed decimal degrees (S and W < 0)."""
    if isinstance(dms, tuple | list):
        parts = [_ratio(v) for v in dms] + [0.0, 0.0]
        deg = parts[0] + parts[1] / 60 + parts[2] / 3600
    else:
        deg = _ratio(dms)
    if math.isnan(deg) or math.isinf(deg):
        return None
    if _clean_text(ref).upper() in ("S", "W"):
        deg = -abs(deg)
    return deg


def read_gps(gps: dict[int, Any]) -> tuple[float | None, float | None, float | None, list[str]]:
    """Latitude, longitude, altitude (m, negative below sea level) and any warnings."""
    warnings: list[str] = []
    if not gps or 2 not in gps or 4 not in gps:
        return None, None, None, warnings
    lat = dms_to_degrees(gps.get(2), gps.get(1))
    lon = dms_to_degrees(gps.get(4), gps.get(3))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None, None, ["GPS position unreadable or out of range; ignored"]
    if lat == 0 and lon == 0:
        return None, None, None, ["GPS position 0,0 (no fix); ignored"]
    alt: float | None = None
    if 6 in gps:
        a = _ratio(gps.get(6))
        if not math.isnan(a) and not math.isinf(a):
            ref = gps.get(5)
            below = ref in (1, b"\x01", "1") or (isinstance(ref, bytes) and ref[:1] == b"\x01")
            alt = -abs(a) if below else a
    return lat, lon, alt, warnings


def _file_time(path: str | Path | None) -> str | None:
    if path is None:
        return None
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        return None
    return dt.datetime.fromtimestamp(mtime).astimezone().isoformat(timespec="seconds")


def read_metadata(
    source: Source, *, file_path: str | Path | None = None, max_pixels: int = MAX_PIXELS
) -> PhotoMeta:
    """Read a photo's metadata without decoding pixels; raises PhotoRejected for non-evidence files.

    ``source`` is a path, the bytes or an open binary file; ``file_path`` (defaults to ``source``
    when it is a path) gives the file time used when the photo carries no capture time.
    """
    if file_path is None and isinstance(source, str | Path):
        file_path = source
    with open_image(source, max_pixels=max_pixels) as im:
        return meta_from_image(im, file_path=file_path)


def meta_from_image(im: Image.Image, *, file_path: str | Path | None = None) -> PhotoMeta:
    """Metadata of an already opened image (header only)."""
    warnings: list[str] = []
    fmt = im.format or ""
    width, height = im.size
    exif: Any = None
    try:
        exif = im.getexif()
    except Exception as err:  # malformed EXIF must not stop the import
        warnings.append(f"EXIF unreadable ({type(err).__name__}); imported without it")

    orientation = 1
    with contextlib.suppress(Exception):
        orientation = int(exif.get(TAG_ORIENTATION, 1) or 1) if exif is not None else 1
    if fmt == "HEIF":
        # pillow-heif applies the rotation while decoding and resets EXIF to 1; keep the original.
        with contextlib.suppress(Exception):
            orientation = int(im.info.get("original_orientation") or orientation)
    if not 1 <= orientation <= 8:
        warnings.append(f"invalid EXIF orientation {orientation}; treated as 1")
        orientation = 1
    if fmt != "HEIF" and orientation in (5, 6, 7, 8):
        width, height = height, width

    make = model = ""
    taken_at: str | None = None
    source = ""
    lat = lon = alt = None
    if exif is not None:
        try:
            make = _clean_text(exif.get(TAG_MAKE))
            model = _clean_text(exif.get(TAG_MODEL))
        except Exception:
            warnings.append("camera make/model unreadable")
        sub: Any = {}
        try:
            sub = exif.get_ifd(IFD_EXIF)
        except Exception:
            warnings.append("EXIF sub-IFD unreadable")
        with contextlib.suppress(Exception):
            taken_at = parse_exif_datetime(
                sub.get(TAG_DATETIME_ORIGINAL), sub.get(TAG_OFFSET_TIME_ORIGINAL) or sub.get(TAG_OFFSET_TIME)
            )
            source = SOURCE_EXIF if taken_at else ""
        if not taken_at:
            with contextlib.suppress(Exception):
                taken_at = parse_exif_datetime(
                    sub.get(TAG_DATETIME_DIGITIZED), sub.get(TAG_OFFSET_TIME_DIGITIZED) or sub.get(TAG_OFFSET_TIME)
                )
                source = SOURCE_EXIF_DIGITIZED if taken_at else ""
        try:
            lat, lon, alt, gps_warn = read_gps(dict(exif.get_ifd(IFD_GPS)))
            warnings.extend(gps_warn)
        except Exception:
            warnings.append("GPS block unreadable; position not recorded")
        if not taken_at:
            xmp_time = _xmp_taken_at(im.info.get("xmp"))
            if xmp_time:
                taken_at, source = xmp_time, SOURCE_XMP
        if not taken_at:
            with contextlib.suppress(Exception):
                taken_at = parse_exif_datetime(exif.get(TAG_DATETIME), sub.get(TAG_OFFSET_TIME))
                source = SOURCE_EXIF_MODIFIED if taken_at else ""
    if not taken_at:
        taken_at = _xmp_taken_at(im.info.get("xmp"))
        source = SOURCE_XMP if taken_at else ""
    if not taken_at:
        taken_at = _file_time(file_path)
        if taken_at:
            source = SOURCE_FILE
            warnings.append("no capture time in the photo; file time used")
        else:
            warnings.append("no capture time in the photo")
    return PhotoMeta(
        format=fmt,
        mime=mime_for(fmt),
        width=width,
        height=height,
        orientation=orientation,
        taken_at=taken_at,
        taken_at_source=source,
        gps_lat=lat,
        gps_lon=lon,
        gps_alt=alt,
        camera_make=make,
        camera_model=model,
        warnings=tuple(warnings),
    )
