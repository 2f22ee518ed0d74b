"""Annotations and evidence stamps draw on derivative copies; originals and plain derivatives stay."""

from __future__ import annotations

import hashlib

import pytest
from media_helpers import jpeg_bytes
from PIL import Image, ImageStat

from adjuster.domain.errors import ValidationError
from adjuster.media import MediaStore, StampInfo, validate_annotations


@pytest.fixture
def media(tmp_path):
    m = MediaStore(tmp_path / "media", tmp_path / "cache")
    yield m
    m.close()


def grey_photo(media):
    im = Image.new("RGB", (2000, 1500), (128, 128, 128))
    return media.put_bytes(jpeg_bytes(im, orientation=1))[0]


def test_validation_names_the_field():
    with pytest.raises(ValidationError) as e:
        validate_annotations([{"type": "arrow", "x1": 0, "y1": 0, "x2": 0.5}])
    assert e.value.field == "annotations[0].y2"
    with pytest.raises(ValidationError) as e:
        validate_annotations([{"type": "circle", "cx": 0.5, "cy": 0.5, "r": 0.1, "color": "red"}])
    assert e.value.field == "annotations[0].color"
    with pytest.raises(ValidationError) as e:
        validate_annotations([{"type": "rect", "x": 0.1, "y": 0.1, "w": 0.2, "h": 0.2}, {"type": "blob"}])
    assert e.value.field == "annotations[1].type"
    with pytest.raises(ValidationError):
        validate_annotations([{"type": "text", "x": 0.1, "y": 0.1, "text": "  "}])


def test_annotations_render_on_a_copy(media):
    sha = grey_photo(media)
    original = media.original_path(sha).read_bytes()
    shapes = [
        {"type": "rect", "x": 0.25, "y": 0.25, "w": 0.5, "h": 0.5, "color": "#ff0000", "width": 0.01},
        {"type": "arrow", "x1": 0.05, "y1": 0.9, "x2": 0.2, "y2": 0.8},
        {"type": "circle", "cx": 0.85, "cy": 0.2, "r": 0.05},
        {"type": "text", "x": 0.05, "y": 0.05, "text": "裂缝 crack"},
        {"type": "measure", "x1": 0.3, "y1": 0.9, "x2": 0.7, "y2": 0.9, "label": "1.20 m"},
    ]
    plain = media.derivative(sha, "view")
    drawn = media.derivative(sha, "view", annotations=shapes)
    assert drawn != plain and plain.is_file()
    with Image.open(drawn) as im:
        w, h = im.size
        r, g, b = im.convert("RGB").getpixel((w // 4 + 2, h // 2))  # on the rectangle's left edge
        assert r > 200 and g < 80 and b < 80
        assert max(im.convert("RGB").getpixel((w // 2, h // 2))) < 160  # inside stays grey
    with Image.open(plain) as im:
        assert im.convert("RGB").getpixel((im.width // 4 + 2, im.height // 2))[0] < 160
    assert media.original_path(sha).read_bytes() == original
    assert media.derivative(sha, "view", annotations=shapes) == drawn  # cached by content


def test_stamp_band_at_bottom_only(media):
    sha = grey_photo(media)
    info = StampInfo(sha256=sha, taken_at="2026-05-01T10:00:00+08:00", gps_lat=-33.5, gps_lon=151.2, claim_no="CLM-9")
    assert "33.500000 S" in info.lines()[0] and sha[:12] in info.lines()[1] and "CLM-9" in info.lines()[1]
    stamped = media.derivative(sha, "view", stamp=info)
    with Image.open(stamped) as im:
        im = im.convert("RGB")
        assert im.getpixel((5, 5)) == pytest.approx((128, 128, 128), abs=4)
        bottom = im.crop((0, im.height - 20, im.width, im.height))
        assert ImageStat.Stat(bottom).mean[0] < 100  # darkened band (white text on it)
    assert hashlib.sha256(media.original_path(sha).read_bytes()).hexdigest() == sha
    both = media.derivative(sha, "view", stamp=info, annotations=[{"type": "circle", "cx": 0.5, "cy": 0.5, "r": 0.1}])
    assert both not in (stamped, media.derivative(sha, "view"))
