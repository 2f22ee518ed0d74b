"""Why a file was refused, as a stable code (for the UI and tests) plus a sentence for people."""

from __future__ import annotations

from adjuster.domain.errors import AdjusterError

ZERO_BYTE = "zero_byte"
TRUNCATED = "truncated"
CORRUPT = "corrupt"
NOT_IMAGE = "not_image"
UNSUPPORTED = "unsupported"
BOMB = "bomb"
UNREADABLE = "unreadable"
DIRECTORY = "directory"
SYMLINK_LOOP = "symlink_loop"
NOT_FOUND = "not_found"
CHANGED = "changed"
STORE_FAILED = "store_failed"

REJECTION_CODES = (
    ZERO_BYTE,
    TRUNCATED,
    CORRUPT,
    NOT_IMAGE,
    UNSUPPORTED,
    BOMB,
    UNREADABLE,
    DIRECTORY,
    SYMLINK_LOOP,
    NOT_FOUND,
    CHANGED,
    STORE_FAILED,
)


class PhotoRejected(AdjusterError):
    """A file that cannot become evidence; ``code`` is one of REJECTION_CODES."""

    def __init__(self, code: str, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(reason)


class MediaMissingError(AdjusterError):
    """The original for a sha256 is not in the media store (deleted, or not yet synced)."""

    def __init__(self, sha256: str) -> None:
        self.sha256 = sha256
        super().__init__(f"photo {sha256[:12]}… is missing from the media store; run `adjuster verify`")
