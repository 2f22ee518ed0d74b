"""Open an untrusted zip (a bundle or receipt off a USB stick) without trusting anything in it.

Every entry is checked from the central directory before a byte is extracted: names (no absolute
paths, no ``..``, no backslashes, no duplicates, only the names the format allows), declared sizes
and compression ratios (zip bombs), encryption, count. Reads are streamed with a hard cap, and
zipfile's CRC check catches data that differs from what the directory declares.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from adjuster.domain.errors import AdjusterError


class BundleError(AdjusterError):
    """The bundle is refused as a whole; the message says why. Nothing was changed."""


@dataclass(frozen=True)
class Limits:
    max_entries: int = 200_000
    max_entry_bytes: int = 1 << 30  # 1 GiB for any one file
    max_total_bytes: int = 32 << 30  # 32 GiB uncompressed in all
    max_ratio: int = 100  # uncompressed / compressed, for entries above ratio_floor
    ratio_floor: int = 1 << 20
    max_json_bytes: int = 64 << 20


DEFAULT_LIMITS = Limits()
_DRIVE = re.compile(r"^[A-Za-z]:")


def check_name(name: str) -> None:
    if not name or name.startswith(("/", "\\")) or _DRIVE.match(name) or "\\" in name or "\x00" in name:
        raise BundleError(f"entry {name!r} has an absolute or invalid path")
    if any(part in ("..", ".", "") for part in name.split("/")):
        raise BundleError(f"entry {name!r} climbs out of the bundle ('..' or empty path parts)")


def open_checked(path: Path, allowed: Callable[[str], bool], limits: Limits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """Open ``path`` and vet its central directory; raises BundleError before extracting anything."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise BundleError(f"{path.name} is not a complete bundle (damaged or truncated zip: {err})") from None
    try:
        infos = zf.infolist()
        if len(infos) > limits.max_entries:
            raise BundleError(f"{len(infos)} entries is more than a bundle may hold ({limits.max_entries})")
        seen: set[str] = set()
        total = 0
        for info in infos:
            check_name(info.filename)
            if info.filename in seen:
                raise BundleError(f"entry {info.filename!r} appears twice")
            seen.add(info.filename)
            if info.is_dir() or not allowed(info.filename):
                raise BundleError(f"unexpected entry {info.filename!r}")
            if info.flag_bits & 0x1:
                raise BundleError(f"entry {info.filename!r} is encrypted")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise BundleError(f"entry {info.filename!r} uses an unsupported compression")
            if info.file_size > limits.max_entry_bytes:
                raise BundleError(f"entry {info.filename!r} is too large ({info.file_size} bytes)")
            if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
                raise BundleError(f"entry {info.filename!r} expands {info.file_size // max(info.compress_size, 1)}× (zip bomb)")
            total += info.file_size
            if total > limits.max_total_bytes:
                raise BundleError("the bundle expands to more than the allowed total size")
    except BaseException:
        zf.close()
        raise
    return zf


def read_capped(zf: zipfile.ZipFile, name: str, cap: int) -> bytes:
    """The whole entry, refusing more than ``cap`` bytes whatever the directory claims."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise BundleError(f"the bundle has no {name}") from None
    if info.file_size > cap:
        raise BundleError(f"{name} is too large ({info.file_size} bytes)")
    with _open(zf, name) as fh:
        data = _read(fh, cap + 1, name)
    if len(data) > cap or len(data) != info.file_size:
        raise BundleError(f"{name} does not have the size its directory entry declares")
    return data


def copy_hashed(zf: zipfile.ZipFile, name: str, out: IO[bytes], cap: int) -> tuple[str, int]:
    """Stream an entry into ``out`` while hashing; returns (sha256, size)."""
    digest = hashlib.sha256()
    size = 0
    with _open(zf, name) as fh:
        while True:
            chunk = _read(fh, 1 << 20, name)
            if not chunk:
                break
            size += len(chunk)
            if size > cap:
                raise BundleError(f"{name} is larger than declared")
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


def _open(zf: zipfile.ZipFile, name: str) -> IO[bytes]:
    try:
        return zf.open(name)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as err:
        raise BundleError(f"{name} cannot be read ({err})") from None


def _read(fh: IO[bytes], n: int, name: str) -> bytes:
    try:
        return fh.read(n)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as err:  # CRC mismatch, truncated data
        raise BundleError(f"{name} is damaged ({err})") from None
