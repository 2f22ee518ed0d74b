"""Capture time, position, camera and size read from real camera/phone files and synthetic EXIF."""

from __future__ import annotations

import io
import os

import pytest
from media_helpers import PHOTOS, jpeg_bytes, needs_corpus, scene, write
from PIL import Image

from adjuster.media import read_metadata
from adjuster.media.metadata import dms_to_degrees, parse_exif_datetime, parse_xmp_datetime

# From /work/shared/corpus/README.md
CORPUS_GPS = {
    "gps/DSCN0010.jpg": (43.467448, 11.885127),
    "mobile/HMD_Nokia_8.3_5G.jpg": (60.146706, 24.906772),
    "IMG_5195.HEIC": (39.051344, -94.288772),
}


@needs_corpus
@pytest.mark.parametrize("name", sorted(CORPUS_GPS))
def test_corpus_gps_matches_readme_to_5_decimals(name):
    meta = read_metadata(PHOTOS / name)
    lat, lon = CORPUS_GPS[name]
    assert round(meta.gps_lat, 5) == round(lat, 5)
    assert round(meta.gps_lon, 5) == round(lon, 5)


@needs_corpus
def test_corpus_capture_time_and_camera():
    m = read_metadata(PHOTOS / "gps" / "DSCN0010.jpg")
    assert m.taken_at == "2008-10-22T16:28:39" and m.taken_at_source == "exif"
    assert m.camera_make == "NIKON" and m.camera_model == "COOLPIX P6000"
    heic = read_metadata(PHOTOS / "IMG_5195.HEIC")
    assert heic.taken_at == "2021-04-11T15:47:53-05:00"  # with the offset the phone recorded
    assert heic.gps_alt == pytest.approx(260.56, abs=0.01)
    assert (heic.camera_make, heic.camera_model) == ("Apple", "iPhone 11 Pro Max")
    nokia = read_metadata(PHOTOS / "mobile" / "HMD_Nokia_8.3_5G.jpg")
    assert (nokia.width, nokia.height) == (4608, 1976)
    assert nokia.taken_at == "2022-08-14T14:12:31+03:00"
    for name, make, model in (
        ("Canon_40D.jpg", "Canon", "Canon EOS 40D"),
        ("Nikon_D70.jpg", "NIKON CORPORATION", "NIKON D70"),
        ("Pentax_K10D.jpg", "PENTAX Corporation", "PENTAX K10D"),
        ("Sony_HDR-HC3.jpg", "SONY", "HDR-HC3"),
    ):
        m = read_metadata(PHOTOS / name)
        assert (m.camera_make, m.camera_model) == (make, model)
        assert m.taken_at_source == "exif" and m.taken_at
    assert read_metadata(PHOTOS / "Canon_40D.jpg").gps_lat is None  # GPS IFD with only a version


@needs_corpus
def test_xmp_only_and_invalid_exif_files_still_dated():
    m = read_metadata(PHOTOS / "xmp" / "no_exif.jpg")
    assert (m.taken_at, m.taken_at_source) == ("2013-09-23T10:09:46+02:00", "xmp")
    for f in sorted((PHOTOS / "invalid").glob("*.jpg")):
        m = read_metadata(f)
        assert m.width > 0 and m.taken_at


def test_south_west_and_below_sea_level_are_negative():
    gps = {1: "S", 2: (33.0, 51.0, 54.0), 3: "W", 4: (70.0, 30.0, 0.0), 5: b"\x01", 6: 12.5}
    data = jpeg_bytes(scene(), gps=gps, taken="2024:03:01 10:20:30", offset="-03:00", make="TestCam")
    m = read_metadata(data)
    assert m.gps_lat == pytest.approx(-(33 + 51 / 60 + 54 / 3600))
    assert m.gps_lon == pytest.approx(-70.5)
    assert m.gps_alt == pytest.approx(-12.5)
    assert m.taken_at == "2024-03-01T10:20:30-03:00"
    assert m.camera_make == "TestCam"


def test_no_exif_falls_back_to_file_time_and_is_flagged(tmp_path):
    buf = io.BytesIO()
    scene().save(buf, "JPEG")
    p = write(tmp_path / "plain.jpg", buf.getvalue())
    os.utime(p, (1_700_000_000, 1_700_000_000))
    m = read_metadata(p)
    assert m.taken_at_source == "file"
    assert any("file time" in w for w in m.warnings)
    assert m.taken_at.startswith("2023-11-")


def test_zero_gps_and_bad_dates_are_ignored_with_warning():
    data = jpeg_bytes(scene(), gps={1: "N", 2: (0.0, 0.0, 0.0), 3: "E", 4: (0.0, 0.0, 0.0)}, taken="0000:00:00 00:00:00")
    m = read_metadata(data)
    assert m.gps_lat is None and any("0,0" in w for w in m.warnings)
    assert m.taken_at_source != "exif"


def test_png_and_rotated_size():
    buf = io.BytesIO()
    Image.new("RGBA", (30, 20)).save(buf, "PNG")
    m = read_metadata(buf.getvalue())
    assert (m.format, m.mime, m.width, m.height) == ("PNG", "image/png", 30, 20)
    m6 = read_metadata(jpeg_bytes(scene((40, 30)), orientation=6))
    assert (m6.width, m6.height, m6.orientation) == (30, 40, 6)


def test_parsers():
    assert parse_exif_datetime("2008:10:22 16:28:39") == "2008-10-22T16:28:39"
    assert parse_exif_datetime("2008:10:22 16:28:39\x00", "+0530") == "2008-10-22T16:28:39+05:30"
    assert parse_exif_datetime("2008:13:40 99:00:00") is None
    assert parse_exif_datetime(None) is None
    assert parse_xmp_datetime("2013-09-23T10:09Z") == "2013-09-23T10:09:00+00:00"
    assert dms_to_degrees((10.0, 30.0, 0.0), "S") == -10.5
    assert dms_to_degrees((10.0, 30.0, 0.0), "N") == 10.5
