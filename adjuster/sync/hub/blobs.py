"""Content-addressed blob store of the hub with offset-resumable uploads.

The HubStore keeps complete blobs (content-addressed, listed in ``hub_blobs``). Uploads land in
``<hub_dir>/uploads/<sha256>.part`` as they arrive, so a connection dropped at 90 % leaves 90 % on
disk; the client asks for the offset (HEAD) and sends the rest. The partial file survives a
server restart. When the declared length is reached the file is hashed, and handed to the
HubStore; a wrong hash discards the partial and is refused. One upload per sha at a time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool

from adjuster.sync.hub.errors import HubError
from adjuster.sync.protocol import SHA256_RE

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class BlobStatus:
    sha256: str
    complete: bool
    offset: int
    length: int | None = None

    def to_json(self) -> dict[str, object]:
        return {"sha256": self.sha256, "complete": self.complete, "offset": self.offset, "length": self.length}


def check_sha(sha: str) -> str:
    if not SHA256_RE.match(sha or ""):
        raise HubError(400, "bad_sha256", "the blob name must be a lowercase hex sha256")
    return sha


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


class UploadArea:
    """Partial uploads under ``root``; completed blobs are handed to the HubStore (``adopt_blob``),
    which owns the content-addressed store. Thread-safe, one writer per sha."""

    def __init__(self, root: str | os.PathLike[str], store: Callable[[], Any]) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._store = store
        self._busy: set[str] = set()
        self._lock = threading.Lock()

    def partial(self, sha: str) -> Path:
        return self.root / f"{sha}.part"

    def status(self, sha: str) -> BlobStatus:
        check_sha(sha)
        store = self._store()
        if store.has_blob(sha):
            size = store.blob_path(sha).stat().st_size
            return BlobStatus(sha, True, size, size)
        part = self.partial(sha)
        return BlobStatus(sha, False, part.stat().st_size if part.exists() else 0)

    @contextlib.contextmanager
    def _claim(self, sha: str) -> Iterator[None]:
        with self._lock:
            if sha in self._busy:
                raise HubError(409, "upload_in_progress", "another upload of this blob is running; retry shortly",
                               headers={"Retry-After": "1"})
            self._busy.add(sha)
        try:
            yield
        finally:
            with self._lock:
                self._busy.discard(sha)

    async def receive(self, sha: str, offset: int, length: int, chunks: AsyncIterator[bytes], *, limit: int) -> BlobStatus:
        """Append the body at ``offset`` towards a blob of ``length`` bytes.

        ``offset`` must equal what the hub already holds (else 409 ``offset_mismatch`` naming the
        right one). Bytes received before a disconnect are kept. Returns the new status; the
        blob is complete when its hash matched.
        """
        check_sha(sha)
        if length < 0 or offset < 0 or offset > length:
            raise HubError(400, "bad_range", f"offset {offset} and length {length} do not make sense")
        if length > limit:
            raise HubError(413, "too_large", f"a blob may be at most {limit} bytes")
        with self._claim(sha):
            current = await run_in_threadpool(self.status, sha)
            if current.complete:
                return current  # already here (another device sent it)
            if offset != current.offset:
                raise HubError(409, "offset_mismatch", f"the hub holds {current.offset} bytes of this blob; resume there",
                               headers={"Upload-Offset": str(current.offset)}, extra={"offset": current.offset})
            written = offset
            failure: BaseException | None = None
            with open(self.partial(sha), "ab") as fh:
                try:
                    async for chunk in chunks:
                        if written + len(chunk) > length:
                            raise HubError(400, "too_long", f"the body runs past the declared length {length}")
                        fh.write(chunk)
                        written += len(chunk)
                except HubError:
                    raise
                except Exception as err:  # ClientDisconnect and friends: keep what arrived
                    failure = err
                finally:
                    fh.flush()
                    os.fsync(fh.fileno())
            if failure is not None:
                raise failure
            if written < length:
                return BlobStatus(sha, False, written)
            return await run_in_threadpool(self._finish, sha, length)

    def _finish(self, sha: str, length: int) -> BlobStatus:
        part = self.partial(sha)
        if file_sha256(part) != sha:
            part.unlink(missing_ok=True)
            raise HubError(422, "hash_mismatch", "the uploaded bytes do not hash to the blob's sha256; send it again from 0",
                           extra={"offset": 0})
        self._store().adopt_blob(sha, part)
        part.unlink(missing_ok=True)
        return BlobStatus(sha, True, length, length)

    def path(self, sha: str) -> Path:
        """The complete blob's file, or 404."""
        check_sha(sha)
        store = self._store()
        if not store.has_blob(sha):
            raise HubError(404, "not_found", "the hub has no blob with this sha256")
        return Path(store.blob_path(sha))
