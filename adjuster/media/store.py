"""The content-addressed media store: originals under ``media/ab/cd/<sha256>``, derivatives in a
cache that can be deleted and rebuilt at any time.

An original's name is the SHA-256 of its bytes, so the same photo imported twice is stored once,
a synced blob is verified by its name, and ``verify()`` can prove nothing was altered. Originals are
written temp → fsync → rename and then made read-only; they are never modified afterwards.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO

from PIL import Image

from adjuster.media import errors as E
from adjuster.media.annotate import render_annotations, validate_annotations
from adjuster.media.derive import QUALITY, SIZES, build_derivative, cache_file_ok, write_jpeg
from adjuster.media.errors import MediaMissingError, PhotoRejected
from adjuster.media.imaging import MAX_PIXELS
from adjuster.media.sessions import StoreSessions
from adjuster.media.stamp import StampInfo, render_stamp
from adjuster.media.verify import VerifyReport, verify_store
from adjuster.util.atomic import atomic_open, clean_stale_temps
from adjuster.util.progress import CancelToken, ProgressFn

CHUNK = 1024 * 1024
CACHE_VERSION = "v1"
KINDS = tuple(SIZES)
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


def check_sha(sha256: str) -> str:
    if not isinstance(sha256, str) or not _SHA_RE.match(sha256):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    return sha256


def hash_file(path: str | os.PathLike[str]) -> tuple[str, int]:
    """SHA-256 hex digest and size of a file, streamed (hashlib releases the GIL on big chunks)."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


class MediaStore:
    """Originals in ``media_dir``; derivatives in ``cache_dir``. Safe to share between threads."""

    def __init__(
        self, media_dir: str | os.PathLike[str], cache_dir: str | os.PathLike[str], *, max_pixels: int = MAX_PIXELS
    ) -> None:
        self.media_dir = Path(media_dir)
        self.cache_dir = Path(cache_dir)
        self.max_pixels = max_pixels
        self.media_dir.mkdir(parents=True, exist_ok=True)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        # A writer died and nobody else has the store open: its temp leftovers can go.
        self._sessions = StoreSessions(
            self.media_dir, lambda: clean_stale_temps(self.media_dir) + clean_stale_temps(self.cache_dir)
        )
        self.cleaned_temps = self._sessions.recovered
        self._key_locks: dict[str, threading.Lock] = {}
        self._key_locks_guard = threading.Lock()

    def close(self) -> None:
        self._sessions.close()

    def __enter__(self) -> MediaStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- originals ------------------------------------------------------------------------------
    def original_path(self, sha256: str) -> Path:
        """Where the original with this hash lives (whether or not it is there)."""
        check_sha(sha256)
        return self.media_dir / sha256[:2] / sha256[2:4] / sha256

    def has(self, sha256: str) -> bool:
        return self.original_path(sha256).is_file()

    def open_original(self, sha256: str) -> BinaryIO:
        try:
            return open(self.original_path(sha256), "rb")
        except FileNotFoundError:
            raise MediaMissingError(sha256) from None

    def _needs_write(self, sha256: str, size: int) -> bool:
        try:
            return self.original_path(sha256).stat().st_size != size  # a damaged copy is repaired
        except FileNotFoundError:
            return True

    def _finish(self, path: Path) -> None:
        if os.name == "posix":
            with contextlib.suppress(OSError):
                os.chmod(path, 0o444)

    def put_bytes(self, data: bytes, *, sha256: str | None = None) -> tuple[str, int, bool]:
        """Store ``data``; returns (sha256, size, is_new). Durable when it returns.

        ``sha256``: the digest when the caller has just computed it (saves hashing twice).
        """
        sha = sha256 or hashlib.sha256(data).hexdigest()
        if not self._needs_write(sha, len(data)):
            return sha, len(data), False
        target = self.original_path(sha)
        with atomic_open(target) as fh:
            fh.write(data)
        self._finish(target)
        return sha, len(data), True

    def put_file(self, path: str | os.PathLike[str], *, expected_sha256: str | None = None) -> tuple[str, int, bool]:
        """Copy the file at ``path`` into the store; returns (sha256, size, is_new).

        The file is hashed first, so bytes already stored cost one read and no write. The copy is
        hashed again while written; if the source changed in between, nothing is stored
        (PhotoRejected ``changed``).
        """
        sha, size = (expected_sha256, os.path.getsize(path)) if expected_sha256 else hash_file(path)
        if not self._needs_write(sha, size):
            return sha, size, False
        target = self.original_path(sha)
        h = hashlib.sha256()
        with open(path, "rb") as src, atomic_open(target) as dst:
            while chunk := src.read(CHUNK):
                h.update(chunk)
                dst.write(chunk)
            if h.hexdigest() != sha:
                raise PhotoRejected(E.CHANGED, "the file changed while it was being imported; try again")
        self._finish(target)
        return sha, size, True

    def iter_shas(self) -> Iterator[str]:
        """Every original stored (by name)."""
        if not self.media_dir.exists():
            return
        for a in sorted(os.scandir(self.media_dir), key=lambda e: e.name):
            if len(a.name) != 2 or not a.is_dir():
                continue
            for b in sorted(os.scandir(a.path), key=lambda e: e.name):
                if len(b.name) != 2 or not b.is_dir():
                    continue
                for f in sorted(os.scandir(b.path), key=lambda e: e.name):
                    if _SHA_RE.match(f.name) and f.name.startswith(a.name + b.name):
                        yield f.name

    # -- verify ---------------------------------------------------------------------------------
    def verify(
        self,
        expected: Iterable[str] | None = None,
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
        workers: int | None = None,
    ) -> VerifyReport:
        """Re-hash originals. ``expected`` = the hashes the database refers to (None: all stored).

        Reports those missing, those whose bytes no longer match their name, and stored files nobody
        expected.
        """
        return verify_store(self, expected, progress=progress, cancel=cancel, workers=workers)

    # -- derivatives ----------------------------------------------------------------------------
    def derivative_path(self, sha256: str, kind: str, *, orientation: int | None = None, variant: str = "") -> Path:
        """The cache file for a derivative (not built). The key is sha + kind + orientation (+ variant)."""
        if kind not in SIZES:
            raise ValueError(f"unknown derivative kind {kind!r}; use one of {', '.join(KINDS)}")
        check_sha(sha256)
        name = f"{sha256}-o{orientation if orientation else 'a'}"
        if variant:
            name += f"-{variant}"
        return self.cache_dir / CACHE_VERSION / kind / sha256[:2] / f"{name}.jpg"

    def _key_lock(self, key: str) -> threading.Lock:
        with self._key_locks_guard:
            lock = self._key_locks.get(key)
            if lock is None:
                if len(self._key_locks) > 4096:
                    self._key_locks.clear()  # locks of finished builds; a rare duplicate build is harmless
                lock = self._key_locks[key] = threading.Lock()
            return lock

    def derivative(
        self,
        sha256: str,
        kind: str = "thumb",
        *,
        orientation: int | None = None,
        annotations: Sequence[dict[str, Any]] | None = None,
        stamp: StampInfo | None = None,
    ) -> Path:
        """Path of an upright JPEG derivative, built on first use. Thread-safe.

        ``kind``: "thumb" (256 px) or "view" (~1600 px, for the viewer and reports).
        ``orientation`` overrides the file's EXIF orientation when someone corrected it.
        ``annotations`` (vector JSON, see annotate.py) and ``stamp`` draw onto a copy; the plain
        derivative and the original stay as they are.
        """
        if orientation is not None and not 1 <= int(orientation) <= 8:
            raise ValueError("orientation must be 1–8")
        marks = validate_annotations(list(annotations)) if annotations else []
        variant = ""
        if marks or stamp is not None:
            blob = json.dumps({"a": marks, "s": stamp.to_dict() if stamp else None}, sort_keys=True, ensure_ascii=False)
            variant = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
        out = self.derivative_path(sha256, kind, orientation=orientation, variant=variant)
        if cache_file_ok(out):
            return out
        with self._key_lock(str(out)):
            if cache_file_ok(out):
                return out
            if not variant:
                src = self.original_path(sha256)
                if not src.is_file():
                    raise MediaMissingError(sha256)
                return build_derivative(src, kind, out, orientation=orientation, max_pixels=self.max_pixels)
            base = self.derivative(sha256, kind, orientation=orientation)
            with Image.open(base) as im:
                im.load()
                drawn = im.convert("RGB")
            if marks:
                drawn = render_annotations(drawn, marks)
            if stamp is not None:
                drawn = render_stamp(drawn, stamp)
            return write_jpeg(drawn, out, QUALITY[kind])

    def prebuild(
        self,
        shas: Sequence[str],
        kind: str = "view",
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
        workers: int | None = None,
    ) -> dict[str, str]:
        """Build many derivatives on a thread pool (e.g. every view before a report); returns
        ``{sha: problem}`` for those that failed (missing original, undecodable). Cancel stops
        starting new ones."""
        problems: dict[str, str] = {}
        todo = list(dict.fromkeys(shas))
        total = len(todo)
        if progress:
            progress(0, total)

        def one(sha: str) -> tuple[str, str]:
            if cancel is not None and cancel.cancelled:
                return sha, "cancelled"
            try:
                self.derivative(sha, kind)
                return sha, ""
            except MediaMissingError:
                return sha, "missing from the media store"
            except PhotoRejected as rej:
                return sha, rej.reason

        with ThreadPoolExecutor(max_workers=workers or (os.cpu_count() or 1)) as pool:
            for done, (sha, problem) in enumerate(pool.map(one, todo), 1):
                if problem:
                    problems[sha] = problem
                if progress:
                    progress(done, total)
        return problems

    def save_derivative(self, sha256: str, kind: str, image: Image.Image, *, orientation: int | None = None) -> Path:
        """Put an already rendered upright derivative in the cache (the importer makes thumbnails
        from the bytes it has in memory, so the original is not read again)."""
        out = self.derivative_path(sha256, kind, orientation=orientation)
        return write_jpeg(image, out, QUALITY[kind])

    def drop_derivatives(self, sha256: str) -> int:
        """Delete every cached derivative of one photo (e.g. after its annotations changed)."""
        removed = 0
        for kind in KINDS:
            folder = self.cache_dir / CACHE_VERSION / kind / sha256[:2]
            if folder.is_dir():
                for f in folder.glob(f"{check_sha(sha256)}-*.jpg"):
                    with contextlib.suppress(OSError):
                        f.unlink()
                        removed += 1
        return removed

    def cache_size(self) -> int:
        return sum(f.stat().st_size for f in self.cache_dir.rglob("*.jpg") if f.is_file())
