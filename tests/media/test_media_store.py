"""The content-addressed store: layout, dedupe, read-only originals, verify, temp cleanup."""

from __future__ import annotations

import hashlib
import os

import pytest
from media_helpers import jpeg_bytes, scene, write
from PIL import Image

from adjuster.media import MediaStore
from adjuster.media.errors import MediaMissingError


@pytest.fixture
def media(tmp_path):
    m = MediaStore(tmp_path / "media", tmp_path / "cache")
    yield m
    m.close()


def test_layout_and_dedupe(media, tmp_path):
    data = jpeg_bytes(scene())
    src = write(tmp_path / "a.jpg", data)
    sha = hashlib.sha256(data).hexdigest()
    assert media.put_file(src) == (sha, len(data), True)
    path = media.original_path(sha)
    assert path == media.media_dir / sha[:2] / sha[2:4] / sha
    assert path.read_bytes() == data
    assert media.put_file(src) == (sha, len(data), False)
    assert media.put_bytes(data) == (sha, len(data), False)
    assert list(media.iter_shas()) == [sha]
    if os.name == "posix":
        assert path.stat().st_mode & 0o222 == 0, "originals are read-only"


def test_damaged_copy_is_repaired_on_reimport(media):
    data = jpeg_bytes(scene())
    sha, _, _ = media.put_bytes(data)
    path = media.original_path(sha)
    path.chmod(0o644)
    path.write_bytes(data[:100])
    assert media.put_bytes(data)[2] is True
    assert path.read_bytes() == data


def test_verify_reports_missing_altered_and_unreferenced(media):
    shas = [media.put_bytes(jpeg_bytes(scene(seed=i)))[0] for i in range(4)]
    report = media.verify(shas)
    assert report.clean and report.ok == 4
    altered = media.original_path(shas[1])
    altered.chmod(0o644)
    with open(altered, "r+b") as fh:
        fh.seek(200)
        fh.write(b"X")
    media.original_path(shas[2]).unlink()
    extra = media.put_bytes(b"not referenced by anyone")[0]
    seen = []
    report = media.verify(shas, progress=lambda d, t: seen.append((d, t)))
    assert not report.clean
    assert report.altered == [shas[1]] and report.missing == [shas[2]]
    assert report.unreferenced == [extra] and report.ok == 2
    assert seen[-1] == (4, 4)


@pytest.mark.skipif(os.name != "posix", reason="sessions use flock")
def test_stale_temps_cleaned_only_when_nobody_else_has_the_store_open(tmp_path):
    media_dir, cache_dir = tmp_path / "media", tmp_path / "cache"
    first = MediaStore(media_dir, cache_dir)
    # What a writer killed mid-import leaves: a temp file and its session file.
    leftover = write(media_dir / "ab" / "cd" / ".abcd.x1.tmp", b"half")
    cache_leftover = write(cache_dir / "v1" / "thumb" / "ab" / ".abcd-oa.jpg.x2.tmp", b"half")
    write(media_dir / ".session-999999-dead", b"")
    second = MediaStore(media_dir, cache_dir)  # another live user: its temps may be in flight
    assert leftover.exists() and second.cleaned_temps == 0
    second.close()
    first.close()
    third = MediaStore(media_dir, cache_dir)
    assert not leftover.exists() and not cache_leftover.exists() and third.cleaned_temps == 2
    assert [f.name for f in media_dir.glob(".session-*")] == [third._sessions.session.name]
    third.close()
    assert not list(media_dir.glob(".session-*"))


def test_clean_store_opens_without_scanning(tmp_path):
    media_dir = tmp_path / "media"
    MediaStore(media_dir, tmp_path / "cache").close()
    stray = write(media_dir / "ab" / "cd" / ".stray.tmp", b"")  # no dead session: nobody died
    m = MediaStore(media_dir, tmp_path / "cache")
    assert m.cleaned_temps == 0 and stray.exists()
    m.close()


def test_derivatives_are_rebuildable_and_jpeg_named(media):
    sha = media.put_bytes(jpeg_bytes(scene((1000, 800)), orientation=6))[0]
    thumb = media.derivative(sha, "thumb")
    view = media.derivative(sha, "view")
    assert thumb.suffix == view.suffix == ".jpg"
    with Image.open(thumb) as t, Image.open(view) as v:
        assert t.size == (205, 256) and v.size == (800, 1000)  # upright, views never upscaled
    for f in media.cache_dir.rglob("*.jpg"):
        f.unlink()
    assert media.derivative(sha, "thumb") == thumb and thumb.is_file()
    with pytest.raises(ValueError):
        media.derivative(sha, "poster")
    with pytest.raises(MediaMissingError):
        media.derivative("0" * 64, "thumb")


def test_torn_cache_file_is_rebuilt(media):
    sha = media.put_bytes(jpeg_bytes(scene((800, 600))))[0]
    thumb = media.derivative(sha, "thumb")
    whole = thumb.read_bytes()
    thumb.write_bytes(whole[: len(whole) // 2])  # what a power cut can leave of an unsynced file
    assert media.derivative(sha, "thumb") == thumb
    with Image.open(thumb) as im:
        im.load()
    assert thumb.read_bytes()[-2:] == b"\xff\xd9"


def test_prebuild_views_reports_problems(media):
    shas = [media.put_bytes(jpeg_bytes(scene((1800, 1200), seed=i)))[0] for i in range(3)]
    broken = media.put_bytes(b"\xff\xd8\xff\xe0 broken")[0]
    seen = []
    problems = media.prebuild([*shas, broken, "f" * 64], "view", progress=lambda d, t: seen.append((d, t)))
    assert set(problems) == {broken, "f" * 64} and "missing" in problems["f" * 64]
    assert seen[-1] == (5, 5)
    for sha in shas:
        assert media.derivative_path(sha, "view").is_file()
