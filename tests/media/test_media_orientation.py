"""Every orientation comes out upright in both derivatives — checked by comparing pixels against the
orientation-1 image, not by eye."""

from __future__ import annotations

import pytest
from media_helpers import PHOTOS, jpeg_bytes, needs_corpus, oriented, scene, write
from PIL import Image, ImageChops, ImageStat

from adjuster.media import MediaStore, import_files


def diff(a: Image.Image, b: Image.Image) -> float:
    return ImageStat.Stat(ImageChops.difference(a.convert("L"), b.convert("L"))).mean[0]


def assert_upright(ref: Image.Image, got: Image.Image, label: str) -> None:
    """``got`` must match ``ref`` far better than any mirrored/rotated version of itself does."""
    assert got.size == ref.size, f"{label}: size {got.size} != {ref.size}"
    d0 = diff(ref, got)
    others = [diff(ref, got.transpose(t)) for t in Image.Transpose if got.transpose(t).size == ref.size]
    assert d0 < 0.5 * min(others), f"{label}: not upright (diff {d0:.1f} vs turned {min(others):.1f})"


@pytest.fixture
def media(tmp_path):
    m = MediaStore(tmp_path / "media", tmp_path / "cache")
    yield m
    m.close()


@needs_corpus
@pytest.mark.parametrize("kind", ["thumb", "view"])
@pytest.mark.parametrize("shape", ["landscape", "portrait"])
def test_corpus_orientations_come_out_upright(media, kind, shape):
    files = [PHOTOS / "orientation" / f"{shape}_{i}.jpg" for i in range(1, 9)]
    results = import_files(media, files)
    assert [r.status for r in results] == ["imported"] * 8
    ref = Image.open(media.derivative(results[0].sha256, kind))
    if shape == "landscape":
        assert ref.width > ref.height
    else:
        assert ref.height > ref.width
    for i, r in enumerate(results, 1):
        with Image.open(media.derivative(r.sha256, kind)) as got:
            assert got.getexif().get(0x0112) in (None, 1), "derivatives must not carry a rotation"
            assert_upright(ref, got, f"{shape}_{i} {kind}")
        assert r.meta.orientation == i
        assert (r.meta.width > r.meta.height) == (shape == "landscape")


@pytest.mark.parametrize("orientation", range(1, 9))
def test_synthetic_orientations_upright_big_jpeg(media, tmp_path, orientation):
    """A 2400×1800 photo (draft path: decoded at 1/2, 1/8 scale) stored turned by the camera."""
    upright = scene((2400, 1800), seed=7)
    src = write(tmp_path / f"o{orientation}.jpg", jpeg_bytes(oriented(upright, orientation), orientation=orientation))
    [res] = import_files(media, [src])
    assert res.status == "imported", res.reason
    assert (res.meta.width, res.meta.height) == (2400, 1800)
    for kind, px in (("thumb", 256), ("view", 1600)):
        with Image.open(media.derivative(res.sha256, kind)) as got:
            assert max(got.size) == px
            ref = upright.resize(got.size, Image.Resampling.LANCZOS)
            assert_upright(ref, got, f"o{orientation} {kind}")
            r, g, b = got.convert("RGB").getpixel((got.width // 16, got.height // 16))
            assert r > 200 and g < 60 and b < 60, "the red top-left marker must be top-left"


@needs_corpus
def test_heic_upright_and_not_turned_twice(media):
    """iPhone HEIC stored rotated (EXIF/irot 6): pillow-heif turns it; we must not turn it again."""
    heic = PHOTOS / "mobile" / "iphone_13_pro_max.HEIC"
    [res] = import_files(media, [heic])
    assert res.status == "imported", res.reason
    assert res.meta.orientation == 6 and res.meta.format == "HEIF"
    assert (res.meta.width, res.meta.height) == (3024, 4032)
    with Image.open(heic) as im:  # pillow-heif's decode honours the container's rotation
        truth = im.convert("RGB")
    for kind in ("thumb", "view"):
        with Image.open(media.derivative(res.sha256, kind)) as got:
            assert got.height > got.width
            assert_upright(truth.resize(got.size), got, f"HEIC {kind}")


@needs_corpus
def test_orientation_override_rebuilds_a_separate_cache_entry(media):
    [res] = import_files(media, [PHOTOS / "orientation" / "landscape_1.jpg"])
    plain = media.derivative(res.sha256, "thumb")
    turned = media.derivative(res.sha256, "thumb", orientation=6)
    assert plain != turned
    with Image.open(plain) as a, Image.open(turned) as b:
        assert a.size == (b.height, b.width)
        assert_upright(a.transpose(Image.Transpose.ROTATE_270), b, "override 6")


@pytest.mark.parametrize("mode", ["I;16", "RGBA", "LA", "P", "CMYK", "L"])
def test_unusual_pixel_modes_make_rgb_derivatives(media, tmp_path, mode):
    import io

    base = scene((600, 400))
    if mode == "I;16":
        im = Image.new("I;16", (600, 400), 40000)
    elif mode == "P":
        im = base.convert("P")
    else:
        im = base.convert(mode)
    fmt = "JPEG" if mode in ("CMYK", "L") else "PNG"
    buf = io.BytesIO()
    im.save(buf, fmt)
    src = write(tmp_path / f"m.{fmt.lower()}", buf.getvalue())
    [res] = import_files(media, [src])
    assert res.status == "imported", res.reason
    with Image.open(media.derivative(res.sha256, "view")) as v:
        assert v.mode == "RGB" and v.size == (600, 400)
        if mode == "I;16":
            assert 140 < v.getpixel((10, 10))[0] < 170  # 40000/65535 of full scale, not clipped white
