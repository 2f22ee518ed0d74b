"""Integrity check of the media store: every original must still hash to its own name."""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from adjuster.util.progress import CancelToken, ProgressFn

if TYPE_CHECKING:
    from adjuster.media.store import MediaStore


@dataclass
class VerifyReport:
    """Result of re-hashing the store. ``unreferenced`` are stored files nobody expected (harmless)."""

    checked: int = 0
    ok: int = 0
    missing: list[str] = field(default_factory=list)
    altered: list[str] = field(default_factory=list)
    unreferenced: list[str] = field(default_factory=list)
    cancelled: bool = False

    @property
    def clean(self) -> bool:
        return not self.missing and not self.altered and not self.cancelled

    def to_dict(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "ok": self.ok,
            "missing": self.missing,
            "altered": self.altered,
            "unreferenced": self.unreferenced,
            "cancelled": self.cancelled,
            "clean": self.clean,
        }


def verify_store(
    media: MediaStore,
    expected: Iterable[str] | None = None,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    workers: int | None = None,
) -> VerifyReport:
    """See ``MediaStore.verify``. Files are hashed on a few threads (hashlib releases the GIL)."""
    from adjuster.media.store import hash_file

    stored = set(media.iter_shas())
    wanted = sorted(set(expected) if expected is not None else stored)
    report = VerifyReport()
    if expected is not None:
        report.unreferenced = sorted(stored - set(wanted))
    total = len(wanted)
    if progress:
        progress(0, total)

    def check(sha: str) -> tuple[str, str]:
        if cancel is not None and cancel.cancelled:
            return sha, "skipped"
        try:
            actual, _ = hash_file(media.original_path(sha))
        except FileNotFoundError:
            return sha, "missing"
        except OSError:
            return sha, "altered"  # unreadable counts as not intact
        return sha, "ok" if actual == sha else "altered"

    with ThreadPoolExecutor(max_workers=workers or min(4, os.cpu_count() or 1)) as pool:
        for done, (sha, state) in enumerate(pool.map(check, wanted), 1):
            if state == "skipped":
                report.cancelled = True
                continue
            report.checked += 1
            if state == "ok":
                report.ok += 1
            elif state == "missing":
                report.missing.append(sha)
            else:
                report.altered.append(sha)
            if progress:
                progress(done, total)
    return report
