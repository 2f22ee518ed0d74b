"""Bad files are refused one by one with a reason; the rest of the batch imports."""

from __future__ import annotations

import io
import os
import struct
import zlib

import pytest
from media_helpers import PHOTOS, jpeg_bytes, needs_corpus, scene, write
from PIL import Image

from adjuster.media import MediaStore, import_files
from adjuster.media.errors import REJECTION_CODES


def png_header(width: int, height: int) -> bytes:
    """A tiny PNG that claims to be width×height: the classic decompression bomb shape."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


@pytest.fixture
def media(tmp_path):
    m = MediaStore(tmp_path / "media", tmp_path / "cache")
    yield m
    m.close()


def by_name(results):
    return {os.path.basename(r.path): r for r in results}


def test_each_kind_of_bad_file_rejected_with_reason(media, tmp_path):
    src = tmp_path / "in"
    good = jpeg_bytes(scene((800, 600)))
    write(src / "a_good.jpg", good)
    write(src / "zero.jpg", b"")
    write(src / "truncated.jpg", good[: len(good) // 2])
    corrupt = bytearray(good)
    dht = corrupt.index(b"\xff\xc4")
    corrupt[dht + 5 : dht + 21] = b"\xff" * 16  # a Huffman table libjpeg must refuse
    write(src / "corrupt.jpg", bytes(corrupt))
    write(src / "notes.jpg", "这不是照片 — just text\n".encode() * 50)
    write(src / "header_only.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    gif = io.BytesIO()
    Image.new("P", (10, 10)).save(gif, "GIF")
    write(src / "anim.gif", gif.getvalue())
    write(src / "raw.CR2", b"II*\x00" + b"\x00" * 200)
    write(src / "bomb.png", png_header(40_000, 40_000))
    os.mkfifo(src / "pipe.jpg")
    os.symlink(src / "self.jpg", src / "self.jpg")  # ELOOP
    (src / "sub").mkdir()
    write(src / "sub" / "z_good.jpg", jpeg_bytes(scene((640, 480), seed=3)))
    os.symlink(src, src / "sub" / "back")  # a folder loop

    results = import_files(media, [src, tmp_path / "missing.jpg"])
    r = by_name(results)
    expected = {
        "zero.jpg": "zero_byte",
        "truncated.jpg": "truncated",
        "notes.jpg": "not_image",
        "header_only.jpg": "corrupt",
        "corrupt.jpg": "corrupt",
        "anim.gif": "unsupported",
        "raw.CR2": "unsupported",
        "bomb.png": "bomb",
        "pipe.jpg": "unreadable",
        "self.jpg": "symlink_loop",
        "back": "symlink_loop",
        "missing.jpg": "not_found",
    }
    for name, code in expected.items():
        assert r[name].status == "rejected", name
        assert r[name].code == code, (name, r[name].code, r[name].reason)
        assert r[name].reason and r[name].code in REJECTION_CODES
    assert r["a_good.jpg"].status == "imported" and r["z_good.jpg"].status == "imported"
    stored = list(media.iter_shas())
    assert sorted(stored) == sorted([r["a_good.jpg"].sha256, r["z_good.jpg"].sha256]), "nothing rejected is stored"


def test_directory_rejected_when_not_recursive(media, tmp_path):
    (tmp_path / "d").mkdir()
    [res] = import_files(media, [tmp_path / "d"], recursive=False)
    assert (res.status, res.code) == ("rejected", "directory")


def test_pixel_limit_is_configurable(tmp_path):
    m = MediaStore(tmp_path / "media", tmp_path / "cache", max_pixels=100_000)
    p = write(tmp_path / "big.jpg", jpeg_bytes(scene((400, 300))))
    assert import_files(m, [p])[0].code == "bomb"  # 120 000 px > 100 000
    ok = write(tmp_path / "ok.jpg", jpeg_bytes(scene((300, 300))))
    assert import_files(m, [ok])[0].status == "imported"


def test_permission_denied_is_unreadable(media, tmp_path, monkeypatch):
    p = write(tmp_path / "secret.jpg", jpeg_bytes(scene()))
    ok = write(tmp_path / "fine.jpg", jpeg_bytes(scene((320, 240))))
    p.chmod(0)
    if os.geteuid() == 0:  # root reads a chmod 000 file, so make the OS answer as it would for a user
        import builtins

        real_open = builtins.open

        def denying_open(file, *args, **kwargs):
            if str(file) == str(p):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", denying_open)
    denied, fine = import_files(media, [p, ok])
    assert (denied.status, denied.code) == ("rejected", "unreadable")
    assert "permission denied" in denied.reason
    assert fine.status == "imported"


@needs_corpus
def test_corpus_batch_bad_files_refused_good_ones_imported(media, tmp_path):
    """The whole corpus plus broken copies of corpus files, in one batch."""
    bad = tmp_path / "bad"
    nokia = (PHOTOS / "mobile" / "HMD_Nokia_8.3_5G.jpg").read_bytes()
    write(bad / "nokia_truncated.jpg", nokia[: len(nokia) // 3])
    write(bad / "empty.jpg", b"")
    write(bad / "readme.jpg", (PHOTOS.parent / "README.md").read_bytes())
    results = import_files(media, [PHOTOS, bad])
    r = by_name(results)
    assert r["nokia_truncated.jpg"].code == "truncated"
    assert r["empty.jpg"].code == "zero_byte"
    assert r["readme.jpg"].code == "not_image"
    corpus_results = [x for x in results if str(PHOTOS) in x.path]
    assert len(corpus_results) == len([p for p in PHOTOS.rglob("*") if p.is_file() and not p.name.startswith(".")])
    # corrupted.jpg decodes (its damage is recoverable) and the invalid-EXIF files import.
    for x in corpus_results:
        assert x.status == "imported", (x.path, x.reason)
    assert len(set(media.iter_shas())) == len(corpus_results)


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # pytest resets our filter
def test_full_decode_formats_have_a_lower_limit(media, tmp_path):
    """A 100 MP PNG would need ~400 MB to decode: refused from its header (JPEGs go to 178 MP)."""
    p = write(tmp_path / "huge.png", png_header(10_000, 10_000))
    [res] = import_files(media, [p])
    assert (res.status, res.code) == ("rejected", "bomb") and "50 MP" in res.reason


def test_big_files_streamed_and_giant_ones_refused(media, tmp_path, monkeypatch):
    from adjuster.media import importer

    monkeypatch.setattr(importer, "INMEM_MAX", 1000)  # force the streaming path
    big = write(tmp_path / "big.jpg", jpeg_bytes(scene((800, 600))))
    fake_video = write(tmp_path / "clip.jpg", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 5000)
    r = by_name(import_files(media, [big, fake_video]))
    assert r["big.jpg"].status == "imported" and media.original_path(r["big.jpg"].sha256).read_bytes() == big.read_bytes()
    assert r["clip.jpg"].code == "not_image"
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 2000)
    assert import_files(media, [big])[0].code == "unsupported"


def test_a_single_path_string_is_one_path(media, tmp_path):
    p = write(tmp_path / "one.jpg", jpeg_bytes(scene()))
    assert [r.status for r in import_files(media, str(p))] == ["imported"]


@needs_corpus
def test_corpus_corrupted_jpeg_imported_with_a_warning(media):
    [res] = import_files(media, [PHOTOS / "corrupted.jpg"])
    assert res.status == "imported"
    assert any("damaged image data" in w for w in res.warnings)


def test_damaged_scan_data_is_flagged(media, tmp_path):
    buf = io.BytesIO()
    scene((640, 480)).save(buf, "JPEG", quality=90, restart_marker_blocks=4)
    good = buf.getvalue()
    sos = good.index(b"\xff\xda")
    bad_marker = bytearray(good)
    bad_marker[sos + 400 : sos + 402] = b"\xff\x9f"
    rst = [i for i in range(sos, len(good) - 1) if good[i] == 0xFF and 0xD0 <= good[i + 1] <= 0xD7]
    swapped = bytearray(good)
    swapped[rst[3] + 1], swapped[rst[4] + 1] = good[rst[4] + 1], good[rst[3] + 1]
    r = by_name(import_files(media, [
        write(tmp_path / "good.jpg", good),
        write(tmp_path / "marker.jpg", bytes(bad_marker)),
        write(tmp_path / "rst.jpg", bytes(swapped)),
    ]))
    assert r["good.jpg"].status == "imported" and not any("damaged" in w for w in r["good.jpg"].warnings)
    for name, words in (("marker.jpg", "invalid marker 0x9F"), ("rst.jpg", "restart marker 3 out of sequence")):
        assert r[name].status == "imported", r[name].reason
        assert any(words in w for w in r[name].warnings), r[name].warnings
