"""import_photos records Photo rows in a real SQLite profile: duplicates, shared originals, links,
progress and cancel."""

from __future__ import annotations

import threading

import pytest
from media_helpers import PHOTOS, jpeg_bytes, needs_corpus, scene, write

from adjuster.domain.errors import NotFoundError, ValidationError
from adjuster.domain.models import Case, LossItem
from adjuster.media import MediaStore, import_photos, link_photo, set_annotations, stamp_for, summarize
from adjuster.profile import Profile
from adjuster.util.progress import CancelToken


@pytest.fixture
def profile(tmp_path):
    return Profile.at(tmp_path / "profile")


@pytest.fixture
def store(profile):
    s = profile.open_store()
    yield s
    s.close()


@pytest.fixture
def media(profile):
    m = profile.open_media()
    yield m
    m.close()


@pytest.fixture
def case(store):
    return store.cases.create(Case(claim_no="CLM-2026-0001", insured_name="张三"))


def make_photos(folder, n, size=(640, 480)):
    return [
        write(folder / f"p{i:03d}.jpg", jpeg_bytes(scene(size, seed=i), taken=f"2026:05:0{1 + i % 9} 10:00:00"))
        for i in range(n)
    ]


def test_profile_open_media_is_a_media_store(media, profile):
    assert isinstance(media, MediaStore) and media.media_dir == profile.media_dir


def test_import_records_rows_and_reimport_is_duplicate(store, media, case, tmp_path):
    files = make_photos(tmp_path / "in", 5)
    write(tmp_path / "in" / "bad.jpg", b"nope")
    seen = []
    res = import_photos(store, media, "case", case.id, [tmp_path / "in"], progress=lambda d, t: seen.append((d, t)))
    assert summarize(res) == {"imported": 5, "duplicate": 0, "rejected": 1, "cancelled": 0}
    assert seen[0] == (0, 6) and seen[-1] == (6, 6) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    photos = store.photos.for_owner("case", case.id)
    assert [p.position for p in photos] == [0, 1, 2, 3, 4]
    assert [p.original_name for p in photos] == [f.name for f in files]
    for p in photos:
        assert media.has(p.sha256) and p.width == 640 and p.height == 480 and p.mime == "image/jpeg"
        assert p.taken_at.startswith("2026-05-0") and p.taken_at_source == "exif" and p.imported_at
    again = import_photos(store, media, "case", case.id, files)
    assert {r.status for r in again} == {"duplicate"}
    assert [r.photo_id for r in again] == [p.id for p in photos]
    assert store.photos.count() == 5


def test_same_bytes_other_owner_reuse_original(store, media, case, tmp_path):
    [f] = make_photos(tmp_path, 1)
    other = store.cases.create(Case(claim_no="CLM-2026-0002"))
    a = import_photos(store, media, "case", case.id, [f])[0]
    b = import_photos(store, media, "case", other.id, [f])[0]
    assert a.status == b.status == "imported" and a.sha256 == b.sha256
    assert a.is_new and not b.is_new
    assert list(media.iter_shas()) == [a.sha256]
    assert len(store.photos.by_sha(a.sha256)) == 2


def test_same_bytes_twice_in_one_batch(store, media, case, tmp_path):
    data = jpeg_bytes(scene())
    res = import_photos(store, media, "case", case.id, [write(tmp_path / "a.jpg", data), write(tmp_path / "b.jpg", data)])
    assert sorted(r.status for r in res) == ["duplicate", "imported"]


def test_unknown_owner_and_item_refused(store, media, case, tmp_path):
    with pytest.raises(NotFoundError):
        import_photos(store, media, "case", "nope", [tmp_path])
    with pytest.raises(ValidationError):
        import_photos(store, media, "spaceship", case.id, [tmp_path])
    with pytest.raises(NotFoundError):
        import_photos(store, media, "case", case.id, [tmp_path], item_id="nope")


def test_link_to_item_and_annotations(store, media, case, tmp_path):
    item = store.items.create(LossItem(case_id=case.id, description="冰箱 fridge", unit_price="3000"))
    [f] = make_photos(tmp_path, 1)
    [res] = import_photos(store, media, "case", case.id, [f], item_id=item.id)
    assert store.photos.get(res.photo_id).item_id == item.id
    assert [p.id for p in store.photos.for_item(item.id)] == [res.photo_id]
    link_photo(store, res.photo_id, item_id="")
    assert store.photos.get(res.photo_id).item_id is None
    with pytest.raises(NotFoundError):
        link_photo(store, res.photo_id, item_id="missing")
    other = store.cases.create(Case(claim_no="CLM-2026-0009"))
    foreign = store.items.create(LossItem(case_id=other.id, description="other case's item"))
    with pytest.raises(ValidationError) as err:
        link_photo(store, res.photo_id, item_id=foreign.id)
    assert err.value.field == "item_id"
    with pytest.raises(ValidationError):
        import_photos(store, media, "case", case.id, [f], item_id=foreign.id)
    shapes = [{"type": "rect", "x": 0.1, "y": 0.1, "w": 0.3, "h": 0.2}]
    assert set_annotations(store, res.photo_id, shapes).annotations == shapes
    with pytest.raises(ValidationError) as err:
        set_annotations(store, res.photo_id, [{"type": "rect", "x": 2}])
    assert err.value.field.startswith("annotations[0].")
    stamp = stamp_for(store, store.photos.get(res.photo_id))
    assert stamp.claim_no == "CLM-2026-0001" and stamp.sha256 == res.sha256


def test_cancel_stops_the_batch_cleanly(store, media, case, tmp_path):
    files = make_photos(tmp_path / "in", 30, size=(1200, 900))
    token = CancelToken()

    def progress(done, total):
        if done >= 3:
            token.cancel()

    res = import_photos(store, media, "case", case.id, files, progress=progress, cancel=token, workers=2)
    counts = summarize(res)
    assert counts["cancelled"] > 0 and counts["imported"] >= 3
    assert counts["imported"] + counts["cancelled"] == 30
    rows = store.photos.for_owner("case", case.id)
    assert len(rows) == counts["imported"]
    assert all(media.has(p.sha256) for p in rows)
    assert not list(media.media_dir.rglob(".*.tmp"))
    rest = import_photos(store, media, "case", case.id, files)
    assert summarize(rest)["imported"] == counts["cancelled"]
    assert store.photos.count() == 30


def test_derivative_is_thread_safe(store, media, case, tmp_path):
    files = make_photos(tmp_path, 4, size=(2000, 1500))
    res = import_photos(store, media, "case", case.id, files)
    for r in res:
        media.drop_derivatives(r.sha256)
    paths: list = []
    errors: list = []

    def worker():
        try:
            for r in res:
                for kind in ("thumb", "view"):
                    paths.append(media.derivative(r.sha256, kind))
        except Exception as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    from PIL import Image

    for p in set(paths):
        with Image.open(p) as im:
            im.load()
            assert max(im.size) in (256, 1600)
    assert not list(media.cache_dir.rglob(".*.tmp"))


@needs_corpus
def test_corpus_into_a_case(store, media, case):
    res = import_photos(store, media, "case", case.id, [PHOTOS / "gps", PHOTOS / "IMG_5195.HEIC"])
    assert summarize(res)["imported"] == 10
    heic = store.photos.by_sha(res[-1].sha256)[0]
    assert heic.mime == "image/heic" and round(heic.gps_lon, 5) == -94.28877
