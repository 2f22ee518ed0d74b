"""SIGKILL an import mid-batch: no partial original under its final name, no photo row without its
file, temp leftovers cleaned when the store reopens, and re-running the import finishes the rest."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from media_helpers import jpeg_bytes, scene, write

from adjuster.domain.models import Case
from adjuster.media import import_photos, summarize
from adjuster.profile import Profile

PROJECT = Path(__file__).resolve().parents[2]
N = 60

CHILD = textwrap.dedent(
    """
    import sys
    from adjuster.profile import Profile
    from adjuster.media import import_photos
    profile = Profile.at(sys.argv[1])
    store, media = profile.open_store(), profile.open_media()
    case = store.cases.resolve(sys.argv[2])
    def progress(done, total):
        print(done, flush=True)
    while True:  # import the folder in a loop until killed
        import_photos(store, media, "case", case.id, [sys.argv[3]], progress=progress)
    """
)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_kill_mid_import_then_rerun(tmp_path):
    folder = tmp_path / "in"
    for i in range(N):
        write(folder / f"p{i:03d}.jpg", jpeg_bytes(scene((1600, 1200), seed=i), quality=95))
    profile = Profile.at(tmp_path / "profile")
    with profile.open_store() as store:
        store.cases.create(Case(claim_no="KILL-0001"))

    for kill_after in (4, 17, 33):
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(profile.root), "KILL-0001", str(folder)],
            cwd=PROJECT,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert proc.stdout is not None
            deadline = time.monotonic() + 60
            for line in proc.stdout:
                if int(line) >= kill_after or time.monotonic() > deadline:
                    break
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        check_consistent(profile)

    assert list(profile.media_dir.glob(".session-*")), "a killed importer leaves its session behind"
    media = profile.open_media()  # nobody else has it open: the dead session's leftovers are cleaned
    assert not list(profile.media_dir.rglob("*.tmp")) and not list(profile.cache_dir.rglob("*.tmp"))
    assert len(list(profile.media_dir.glob(".session-*"))) == 1
    with profile.open_store() as store:
        case = store.cases.resolve("KILL-0001")
        before = store.photos.count()
        assert 4 <= before <= N
        res = import_photos(store, media, "case", case.id, [folder])
        counts = summarize(res)
        assert counts["rejected"] == 0
        assert counts["imported"] == N - before and counts["duplicate"] == before
        assert store.photos.count() == N
        assert media.verify(store.photos.all_hashes()).clean
    media.close()


def check_consistent(profile: Profile) -> None:
    stored = set()
    for f in profile.media_dir.rglob("*"):
        if f.is_dir() or f.name.startswith("."):  # .lock, .session-*, .*.tmp (not final names)
            continue
        digest = hashlib.sha256(f.read_bytes()).hexdigest()
        assert digest == f.name, f"partial or wrong file under its final name: {f}"
        stored.add(f.name)
    with profile.open_store() as store:
        for p in store.photos.list():
            assert p.sha256 in stored, "photo row without its file"
