"""Damaged bytes anywhere in a photo never crash or hang a batch: each file imports or is refused."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from media_helpers import jpeg_bytes, scene
from PIL import Image

from adjuster.media import MediaStore, import_files
from adjuster.media.errors import REJECTION_CODES

GPS = {1: "N", 2: (43.0, 28.0, 2.8), 3: "E", 4: (11.0, 53.0, 6.4), 6: 120.0}
JPEG = jpeg_bytes(scene((320, 240)), orientation=6, taken="2026:05:01 10:00:00", gps=GPS, make="Fuzz")
_png = io.BytesIO()
scene((64, 48)).save(_png, "PNG")
PNG = _png.getvalue()


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    m = MediaStore(root / "media", root / "cache")
    yield m
    m.close()


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow complains about the mangled EXIF
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    base=st.sampled_from([JPEG, PNG]),
    edits=st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=8)), min_size=1, max_size=6),
    cut=st.one_of(st.none(), st.floats(0, 1)),
)
def test_mutated_photos_import_or_are_refused(media, tmp_path_factory, base, edits, cut):
    data = bytearray(base)
    for where, patch in edits:
        i = int(where * (len(data) - 1))
        data[i : i + len(patch)] = patch
    if cut is not None:
        data = data[: int(cut * len(data))]
    path = tmp_path_factory.mktemp("f") / "x.jpg"
    path.write_bytes(bytes(data))
    [res] = import_files(media, [path], workers=1)
    if res.status == "rejected":
        assert res.code in REJECTION_CODES and res.reason
    else:
        assert res.status == "imported" and media.has(res.sha256)
        with Image.open(media.derivative(res.sha256, "thumb")) as im:
            im.load()
            assert max(im.size) <= 256
