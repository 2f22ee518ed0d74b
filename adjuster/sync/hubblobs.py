"""The hub's blob files: content-addressed, verified on the way in, durable before they count.

Kept behind this small class so the hub can later put photos in S3-compatible storage: HubStore
only asks for ``path`` / ``exists`` / ``put`` / ``adopt``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from pathlib import Path
from typing import BinaryIO

from adjuster.domain.errors import AdjusterError, ValidationError
from adjuster.sync.protocol import SHA256_RE
from adjuster.util.atomic import _fsync_dir, atomic_open


class BlobMismatch(AdjusterError):
    """The bytes do not hash to the sha256 they were offered as; nothing was stored."""


class FileBlobStore:
    """Blobs under ``root/ab/cd/<sha256>``, written temp → fsync → rename."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha: str) -> Path:
        if not SHA256_RE.match(sha):
            raise ValidationError("sha256", f"{sha[:70]!r} is not a sha256")
        return self.root / sha[:2] / sha[2:4] / sha

    def exists(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def put(self, sha: str, data: bytes | str | os.PathLike[str] | BinaryIO) -> int:
        """Store ``data`` (bytes, a path or a binary stream) if it hashes to ``sha``; returns its size."""
        digest = hashlib.sha256()
        size = 0
        with atomic_open(self.path(sha)) as out:
            if isinstance(data, bytes):
                digest.update(data)
                out.write(data)
                size = len(data)
            else:
                source = open(data, "rb") if isinstance(data, str | os.PathLike) else contextlib.nullcontext(data)  # noqa: SIM115
                with source as src:
                    while chunk := src.read(1 << 20):
                        digest.update(chunk)
                        out.write(chunk)
                        size += len(chunk)
            if digest.hexdigest() != sha:
                raise BlobMismatch(f"blob {sha[:12]}… does not match its sha256 (got {digest.hexdigest()[:12]}…); not stored")
        return size

    def adopt(self, sha: str, verified_file: Path) -> int:
        """Move a file whose hash was already checked into place (durably); returns its size."""
        target = self.path(sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(verified_file, "rb+") as fh:
            os.fsync(fh.fileno())
        size = verified_file.stat().st_size
        try:
            os.replace(verified_file, target)
        except OSError:  # another filesystem: copy through a temp file instead
            with open(verified_file, "rb") as src, atomic_open(target) as out:
                shutil.copyfileobj(src, out, 1 << 20)
            return size
        _fsync_dir(target.parent)
        return size

    def adopt_many(self, files: dict[str, Path]) -> dict[str, int]:
        """Move many verified files into place, then make them durable with one ``sync`` where the
        OS has it (one flush instead of two fsyncs per photo). Returns sha → size."""
        if not hasattr(os, "sync"):  # pragma: no cover - Windows
            return {sha: self.adopt(sha, path) for sha, path in files.items()}
        sizes: dict[str, int] = {}
        for sha, path in files.items():
            target = self.path(sha)
            target.parent.mkdir(parents=True, exist_ok=True)
            sizes[sha] = path.stat().st_size
            try:
                os.replace(path, target)
            except OSError:
                sizes[sha] = self.adopt(sha, path)
        os.sync()
        return sizes
