"""Batch import into the media store: per file, check → read metadata → make the thumbnail (which
proves the pixels decode) → store the original durably. Runs on a pool of worker threads; Pillow's
decoders, resizers and hashlib release the GIL, so both cores work (see bench/photos.py).

A file is read once into memory (up to ``INMEM_MAX``); hashing, metadata, decoding and the copy all
use those bytes. A bad file becomes a ``rejected`` result with a reason and the batch goes on.
This module knows nothing of the database; ``service.import_photos`` records the rows.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import io
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from adjuster.media import errors as E
from adjuster.media.derive import THUMB_PX, cache_file_ok, render_upright
from adjuster.media.errors import PhotoRejected
from adjuster.media.imaging import check_extension, decode_error, open_image
from adjuster.media.jpegcheck import jpeg_damage
from adjuster.media.metadata import PhotoMeta, meta_from_image
from adjuster.media.store import MediaStore, hash_file
from adjuster.util.progress import CancelToken, ProgressFn

IMPORTED = "imported"
DUPLICATE = "duplicate"
REJECTED = "rejected"
CANCELLED = "cancelled"

#: Files up to this size are read into memory once; bigger ones are streamed.
INMEM_MAX = 64 * 1024 * 1024
#: Bigger files are refused outright (no photo is this big; a renamed video or disk image is).
MAX_FILE_BYTES = 1024 * 1024 * 1024
#: Names skipped when walking folders (OS clutter, macOS resource forks).
SKIP_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}


@dataclass
class ImportResult:
    """What happened to one file. ``is_new``: its bytes were written to media/ by this import."""

    path: str
    status: str = IMPORTED
    sha256: str | None = None
    size: int = 0
    is_new: bool = False
    code: str = ""
    reason: str = ""
    meta: PhotoMeta | None = None
    photo_id: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status in (IMPORTED, DUPLICATE)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "sha256": self.sha256,
            "size": self.size,
            "is_new": self.is_new,
            "code": self.code,
            "reason": self.reason,
            "photo_id": self.photo_id,
            "warnings": list(self.warnings),
            "meta": self.meta.to_dict() if self.meta else None,
        }


def rejected(path: str | os.PathLike[str], code: str, reason: str) -> ImportResult:
    return ImportResult(str(path), REJECTED, code=code, reason=reason)


@dataclass
class Candidate:
    """A file to import, or an entry already known to be refused (a loop, a missing path)."""

    path: str
    problem: ImportResult | None = None


def collect_paths(paths: Iterable[str | os.PathLike[str]], *, recursive: bool = True) -> list[Candidate]:
    """Expand files and folders (recursively) into candidates, in a stable order.

    Symlinked folders are followed once; a link back into a folder already walked, or a link that
    points at itself, is reported as a symlink loop instead of hanging the walk.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path, not its characters
    out: list[Candidate] = []
    seen_files: set[str] = set()
    for raw in paths:
        p = Path(raw)
        try:
            st = os.stat(p)
        except OSError as err:
            out.append(Candidate(str(p), _stat_problem(p, err)))
            continue
        if stat.S_ISDIR(st.st_mode):
            if not recursive:
                out.append(Candidate(str(p), rejected(p, E.DIRECTORY, "is a directory (import its files, or use recursive)")))
                continue
            out.extend(_walk(p, seen_files))
        else:
            key = os.path.realpath(p)
            if key not in seen_files:
                seen_files.add(key)
                out.append(Candidate(str(p)))
    return out


def _walk(root: Path, seen_files: set[str]) -> list[Candidate]:
    out: list[Candidate] = []
    visited: set[tuple[int, int]] = set()

    def visit(folder: Path) -> None:
        try:
            st = os.stat(folder)
        except OSError as err:
            out.append(Candidate(str(folder), _stat_problem(folder, err)))
            return
        key = (st.st_dev, st.st_ino)
        if key in visited:
            out.append(Candidate(str(folder), rejected(folder, E.SYMLINK_LOOP, "symlink loop: this folder was already imported")))
            return
        visited.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            out.append(Candidate(str(folder), _stat_problem(folder, err)))
            return
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name.lower() in SKIP_NAMES:
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()  # follows symlinks
            except OSError as err:
                out.append(Candidate(str(path), _stat_problem(path, err)))
                continue
            if is_dir:
                visit(path)
            else:
                real = os.path.realpath(path)
                if real not in seen_files:
                    seen_files.add(real)
                    out.append(Candidate(str(path)))

    visit(root)
    return out


def _stat_problem(path: Path, err: OSError) -> ImportResult:
    if err.errno == errno.ELOOP:
        return rejected(path, E.SYMLINK_LOOP, "symlink loop: the link points back at itself")
    if isinstance(err, FileNotFoundError):
        if os.path.islink(path):
            return rejected(path, E.NOT_FOUND, "broken symlink: its target does not exist")
        return rejected(path, E.NOT_FOUND, "file not found")
    if isinstance(err, PermissionError):
        return rejected(path, E.UNREADABLE, "unreadable: permission denied")
    return rejected(path, E.UNREADABLE, f"unreadable: {err.strerror or err}")


def prepare_file(media: MediaStore, path: str | os.PathLike[str]) -> ImportResult:
    """Check, describe, thumbnail and store one file. Never raises for a bad file."""
    p = Path(path)
    try:
        return _prepare(media, p)
    except PhotoRejected as rej:
        return rejected(p, rej.code, rej.reason)
    except MemoryError:
        return rejected(p, E.BOMB, "image too large to process")
    except OSError as err:
        if err.errno == errno.ENOSPC:
            return rejected(p, E.STORE_FAILED, "disk full: the photo could not be stored")
        return _stat_problem(p, err)
    except Exception as err:  # a decoder bug on hostile bytes must not stop the batch
        return rejected(p, E.CORRUPT, f"corrupt image: unreadable ({type(err).__name__}: {err})")


def _prepare(media: MediaStore, p: Path) -> ImportResult:
    st = os.stat(p)  # follows links; ELOOP / ENOENT handled by the caller
    if stat.S_ISDIR(st.st_mode):
        raise PhotoRejected(E.DIRECTORY, "is a directory, not a photo")
    if not stat.S_ISREG(st.st_mode):
        raise PhotoRejected(E.UNREADABLE, "not a regular file (device, pipe or socket)")
    if st.st_size == 0:
        raise PhotoRejected(E.ZERO_BYTE, "empty file (0 bytes)")
    check_extension(p)

    if st.st_size > MAX_FILE_BYTES:
        raise PhotoRejected(E.UNSUPPORTED, f"file too large for a photo ({st.st_size / 2**20:.0f} MB)")

    data: bytes | None = None
    if st.st_size <= INMEM_MAX:
        with open(p, "rb") as fh:
            data = fh.read()
        if not data:
            raise PhotoRejected(E.ZERO_BYTE, "empty file (0 bytes)")
        sha, size = hashlib.sha256(data).hexdigest(), len(data)
    else:
        open_image(p, max_pixels=media.max_pixels).close()  # refuse a renamed video before reading it all
        sha, size = hash_file(p)

    source: Any = io.BytesIO(data) if data is not None else p
    with open_image(source, max_pixels=media.max_pixels) as im:
        meta = meta_from_image(im, file_path=p)
        damage = jpeg_damage(data) if data is not None and meta.format in ("JPEG", "MPO") else None
        if damage:  # decodable, so imported — but the reviewer must see that it is damaged
            meta = dataclasses.replace(meta, warnings=(*meta.warnings, damage))
        thumb_path = media.derivative_path(sha, "thumb")
        if not (media.has(sha) and cache_file_ok(thumb_path)):
            # Decoding the thumbnail is also the proof that the pixel data is whole.
            try:
                thumb = render_upright(im, THUMB_PX)
            except PhotoRejected:
                raise
            except Exception as err:  # pragma: no cover - render_upright classifies already
                raise decode_error(err) from None
            media.save_derivative(sha, "thumb", thumb)
    if data is not None:
        sha2, size, is_new = media.put_bytes(data, sha256=sha)
    else:
        sha2, size, is_new = media.put_file(p, expected_sha256=sha)
    return ImportResult(str(p), IMPORTED, sha256=sha2, size=size, is_new=is_new, meta=meta, warnings=list(meta.warnings))


def available_cores() -> int:
    """CPU cores this process may run on (respects taskset/affinity and container limits)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - macOS/Windows
        return max(1, os.cpu_count() or 1)


def default_workers() -> int:
    """One thread per core plus one: while a thread waits for its fsync, the cores keep decoding."""
    return min(9, available_cores() + 1)


def prepare_many(
    media: MediaStore,
    candidates: Sequence[Candidate],
    *,
    workers: int | None = None,
    cancel: CancelToken | None = None,
) -> Iterator[tuple[int, ImportResult]]:
    """Yield ``(index, result)`` as files finish, in completion order.

    At most ``2 × workers`` files are in flight, so memory stays bounded for any batch size. After
    ``cancel`` is set no new file starts; files already started finish (they are atomic) and every
    file not started is yielded as ``cancelled``.
    """
    n = max(1, workers or default_workers())
    pending: dict[Future[ImportResult], int] = {}
    queue = iter(enumerate(candidates))
    stopped = False
    with ThreadPoolExecutor(max_workers=n, thread_name_prefix="photo-import") as pool:

        def fill() -> Iterator[tuple[int, ImportResult]]:
            nonlocal stopped
            while len(pending) < 2 * n and not stopped:
                if cancel is not None and cancel.cancelled:
                    stopped = True
                    break
                nxt = next(queue, None)
                if nxt is None:
                    stopped = True
                    break
                i, cand = nxt
                if cand.problem is not None:
                    yield i, cand.problem
                    continue
                pending[pool.submit(prepare_file, media, cand.path)] = i

        yield from fill()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                i = pending.pop(fut)
                yield i, fut.result()
            yield from fill()
    for i, cand in queue:
        yield i, ImportResult(cand.path, CANCELLED, code="cancelled", reason="import cancelled before this file")


def import_files(
    media: MediaStore,
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    workers: int | None = None,
    recursive: bool = True,
) -> list[ImportResult]:
    """Store files (no database): the media-only batch API, results in input order."""
    candidates = collect_paths(paths, recursive=recursive)
    results: list[ImportResult | None] = [None] * len(candidates)
    total = len(candidates)
    if progress:
        progress(0, total)
    for done, (i, res) in enumerate(prepare_many(media, candidates, workers=workers, cancel=cancel), 1):
        results[i] = res
        if progress:
            progress(done, total)
    return [r for r in results if r is not None]
