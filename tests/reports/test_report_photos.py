"""Photos in the PDF: upright, passed through as JPEG, placeholders for missing or corrupt files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image
from report_pdf_helpers import image_xobjects, make_jpeg, pdftotext, qpdf_check

from adjuster.reports.loss import render_loss_report
from adjuster.reports.model import LossReportData, PhotoEntry
from adjuster.reports.photo_prep import TARGET_PX, prepare_photo


def _report(entries: list[PhotoEntry], **kw: object) -> bytes:
    return render_loss_report(LossReportData(claim_no="C-P", lang="both", photos=entries, **kw)).pdf  # type: ignore[arg-type]


def _entry(path: Path | None, name: str | None = None) -> PhotoEntry:
    return PhotoEntry(path=path, caption="现场照片 site photo", filename=name or (path.name if path else "gone.jpg"),
                      taken_at=dt.datetime(2024, 5, 1, 10, 22), gps=(31.2, 120.5), sha256="ab" * 32)


def test_orientation_6_embeds_portrait(photo_dir: Path) -> None:
    stored_landscape = make_jpeg(photo_dir / "o6.jpg", (800, 600), orientation=6)
    images = image_xobjects(_report([_entry(stored_landscape)]))
    assert len(images) == 1
    assert images[0]["height"] > images[0]["width"]
    assert images[0]["filter"] == ["/DCTDecode"]


def test_upright_derivative_passes_through_byte_for_byte(photo_dir: Path) -> None:
    src = make_jpeg(photo_dir / "view.jpg", (1600, 1200))
    images = image_xobjects(_report([_entry(src)]))
    assert images[0]["data"] == src.read_bytes()  # not decoded, not re-encoded
    assert (images[0]["width"], images[0]["height"]) == (1600, 1200)


def test_media_store_file_without_suffix_passes_through(photo_dir: Path) -> None:
    src = make_jpeg(photo_dir / "x.jpg", (1200, 900))
    bare = photo_dir / ("cd" * 32)
    bare.write_bytes(src.read_bytes())
    images = image_xobjects(_report([_entry(bare, "IMG_1.jpg")]))
    assert images[0]["data"] == src.read_bytes()


def test_big_original_is_downscaled(photo_dir: Path) -> None:
    big = make_jpeg(photo_dir / "big.jpg", (4000, 3000))
    images = image_xobjects(_report([_entry(big)]))
    assert max(images[0]["width"], images[0]["height"]) <= TARGET_PX
    assert images[0]["filter"] == ["/DCTDecode"]


def test_png_with_alpha_is_flattened(photo_dir: Path) -> None:
    png = photo_dir / "sketch.png"
    Image.new("RGBA", (300, 200), (255, 0, 0, 128)).save(png)
    images = image_xobjects(_report([_entry(png)]))
    assert images[0]["filter"] == ["/DCTDecode"] and images[0]["width"] == 300


def test_missing_and_corrupt_photos_become_marked_placeholders(photo_dir: Path, tmp_path: Path) -> None:
    good = make_jpeg(photo_dir / "good.jpg")
    junk = photo_dir / "junk.jpg"
    junk.write_bytes(b"this is not a jpeg at all" * 10)
    truncated = photo_dir / "trunc.jpg"
    truncated.write_bytes(make_jpeg(photo_dir / "full.jpg", (1200, 900)).read_bytes()[:2000])
    entries = [_entry(good), _entry(photo_dir / "vanished.jpg"), _entry(junk), _entry(truncated), _entry(None, "no-path.jpg")]
    result = render_loss_report(LossReportData(claim_no="C-P", lang="both", photos=entries))
    assert len(image_xobjects(result.pdf)) == 1
    text = pdftotext(result.pdf)
    assert text.count("照片文件缺失 / Photo file missing") == 2
    assert text.count("照片无法读取 / Photo unreadable") == 2
    for name in ("vanished.jpg", "junk.jpg", "trunc.jpg", "no-path.jpg"):
        assert any(name in w for w in result.warnings), result.warnings
        assert name in text
    assert "good.jpg" not in " ".join(result.warnings)
    assert "4 张照片无法嵌入" in text  # the visible warning above the photo pages
    out = tmp_path / "r.pdf"
    out.write_bytes(result.pdf)
    assert qpdf_check(out).returncode == 0


def test_captions_show_number_time_and_gps(photos: list[Path]) -> None:
    text = pdftotext(_report([_entry(p) for p in photos[:2]]))
    assert "照片 / Photo 1" in text and "照片 / Photo 2" in text
    assert "2024-05-01 10:22" in text
    assert "31.20000°N 120.50000°E" in text


def test_annotations_draw_and_malformed_shapes_are_skipped(photos: list[Path]) -> None:
    e = _entry(photos[0])
    e.annotations = [  # the media store's schema (adjuster.media.annotate)
        {"type": "rect", "x": 0.1, "y": 0.1, "w": 0.3, "h": 0.2, "color": "#ff0000"},
        {"type": "circle", "cx": 0.5, "cy": 0.5, "r": 0.1},
        {"type": "arrow", "x1": 0.1, "y1": 0.9, "x2": 0.4, "y2": 0.6, "width": 0.01},
        {"type": "measure", "x1": 0.2, "y1": 0.2, "x2": 0.8, "y2": 0.2, "label": "1.2 m"},
        {"type": "text", "x": 0.6, "y": 0.1, "text": "裂缝 crack", "size": 0.05},
        {"type": "rect"},  # malformed
        {"type": "circle", "cx": "nonsense"},
        {"type": "text", "x": 0.1, "y": 0.1, "text": "emoji 🔥", "color": "not-a-colour"},
    ]
    text = pdftotext(_report([e]))
    assert "裂缝 crack" in text and "1.2 m" in text
    assert "🔥" not in text  # replaced, never a glyph box


def test_prepare_photo_reports_problem_instead_of_raising(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    assert prepare_photo(_entry(empty), tmp_path, 0).problem.startswith("unreadable")
    assert prepare_photo(_entry(tmp_path / "nope.jpg"), tmp_path, 1).problem == "missing"


def test_corpus_orientations_are_upright(corpus: Path) -> None:
    for shape in ("portrait", "landscape"):
        for n in (1, 3, 6, 8):
            src = corpus / "orientation" / f"{shape}_{n}.jpg"
            img = image_xobjects(_report([_entry(src)]))[0]
            if shape == "portrait":
                assert img["height"] > img["width"], src.name
            else:
                assert img["width"] > img["height"], src.name


def test_corpus_heic_and_corrupt_files_render(corpus: Path) -> None:
    entries = [_entry(corpus / "IMG_5195.HEIC"), _entry(corpus / "corrupted.jpg"),
               *(_entry(p) for p in sorted((corpus / "invalid").glob("*.jpg")))]
    result = render_loss_report(LossReportData(claim_no="C-H", photos=entries))
    assert len(result.pdf) > 0
    embedded = len(image_xobjects(result.pdf))
    # Every file is either embedded or listed in a warning: never a silent gap.
    assert embedded + len(result.warnings) == len(entries)


@pytest.mark.parametrize("per", [2, 4, 6])
def test_grid_layouts_render(per: int, photos: list[Path]) -> None:
    pdf = _report([_entry(p) for p in photos], photos_per_page=per)
    assert len(image_xobjects(pdf)) == len(photos)
