"""Loss report read back from the PDF: text, fonts, outline, metadata, structure, bad input."""

from __future__ import annotations

import hashlib
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from report_pdf_helpers import outline_titles, pdffonts, pdftotext, qpdf_check, reader

from adjuster.domain.errors import ValidationError
from adjuster.reports.base import write_pdf
from adjuster.reports.demo import (
    DEMO_CLAIM_NO,
    DEMO_INSURED,
    DEMO_WORDS_EN,
    DEMO_WORDS_ZH,
    LONG_DESCRIPTION,
    demo_loss_data,
)
from adjuster.reports.loss import render_loss_report
from adjuster.reports.model import ItemRow, LossReportData
from adjuster.util.progress import Cancelled, CancelToken


@pytest.fixture
def both_pdf(photos: list[Path], tmp_path: Path) -> tuple[Path, bytes]:
    result = render_loss_report(demo_loss_data(photos, lang="both"))
    out = tmp_path / "loss.pdf"
    write_pdf(out, result.pdf)
    return out, result.pdf


def test_text_has_claim_insured_indemnity_and_words(both_pdf: tuple[Path, bytes]) -> None:
    text = pdftotext(both_pdf[1])
    assert DEMO_CLAIM_NO in text
    assert DEMO_INSURED in text
    assert "80,639.20" in text
    assert "人民币" + DEMO_WORDS_ZH in text
    assert DEMO_WORDS_EN in " ".join(text.split())


def test_fonts_embedded_subset_no_base14(both_pdf: tuple[Path, bytes]) -> None:
    fonts = pdffonts(both_pdf[0])
    assert fonts, "no fonts listed"
    for f in fonts:
        assert f["emb"] == "yes" and f["sub"] == "yes" and f["uni"] == "yes", f
        assert "WenQuanYi" in f["name"]
    # Same through pypdf: every font dictionary carries an embedded TrueType program.
    r = reader(both_pdf[1])
    for page in r.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_qpdf_check_passes(both_pdf: tuple[Path, bytes]) -> None:
    res = qpdf_check(both_pdf[0])
    assert res.returncode == 0, res.stdout + res.stderr
    assert "No syntax or stream encoding errors" in res.stdout


def test_outline_metadata_and_page_footer(both_pdf: tuple[Path, bytes]) -> None:
    pdf = both_pdf[1]
    titles = outline_titles(pdf)
    assert titles == [
        "1  案件信息 / Case Information", "2  出险经过 / Circumstances of Loss", "3  事故原因 / Cause of Loss",
        "4  保险责任意见 / Coverage Opinion", "5  损失清单 / Schedule of Loss", "6  赔款计算书 / Calculation Statement",
        "7  签署 / Signatures", "8  现场照片 / Photographs", "9  附录：照片清单 / Appendix: Photo Register",
    ]
    r = reader(pdf)
    n = len(r.pages)
    assert n == 7  # cover, facts+narratives, items, statement+signatures, 2 photo pages, appendix
    meta = r.metadata
    assert DEMO_CLAIM_NO in meta.title and "公估报告" in meta.title
    assert meta.author and "Wang Lixin" in meta.author
    assert DEMO_CLAIM_NO in meta.subject
    assert meta.creation_date is not None
    first, last = pdftotext(pdf, first=1, last=1), pdftotext(pdf, first=n, last=n)
    assert re.search(rf"\b1\s*/\s*{n}\b", first) and re.search(rf"\b{n}\s*/\s*{n}\b", last)
    assert DEMO_CLAIM_NO in last  # footer on every page


def test_outline_points_at_the_right_pages(both_pdf: tuple[Path, bytes]) -> None:
    r = reader(both_pdf[1])
    pages = [r.get_destination_page_number(o) + 1 for o in r.outline]
    assert pages == sorted(pages) and pages[0] == 2 and pages[-1] == len(r.pages)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_single_language_labels(lang: str) -> None:
    text = pdftotext(render_loss_report(demo_loss_data([], lang=lang)).pdf)
    if lang == "zh":
        assert "案件信息" in text and "Case Information" not in text and DEMO_WORDS_ZH in text
        assert DEMO_WORDS_EN not in " ".join(text.split())
    else:
        assert "Case Information" in text and "案件信息" not in text
        assert DEMO_WORDS_EN in " ".join(text.split()) and DEMO_WORDS_ZH not in text
    assert DEMO_INSURED in text  # data stays as entered


def test_empty_sections_are_left_out() -> None:
    result = render_loss_report(LossReportData(claim_no="C-1", lang="en", insured_name="张三"))
    titles = outline_titles(result.pdf)
    assert titles == ["1  Case Information"]
    text = pdftotext(result.pdf)
    for absent in ("Circumstances", "Schedule of Loss", "Calculation Statement", "Photographs", "Signatures", "Appendix"):
        assert absent not in text


def test_photos_per_page_sets_photo_page_count(photos: list[Path]) -> None:
    twelve = photos * 2
    counts = {}
    for per in (2, 4, 6):
        d = demo_loss_data(twelve, per_page=per)
        counts[per] = len(reader(render_loss_report(d).pdf).pages)
    assert counts[2] - counts[4] == 3 and counts[4] - counts[6] == 1


def test_long_narrative_and_many_items_split_across_pages() -> None:
    long_text = "\n".join(f"第 {i} 段：" + "现场查勘发现水渍范围较大，" * 30 + f" paragraph {i} ends." for i in range(40))
    items = [ItemRow("stock", f"{i}: {LONG_DESCRIPTION}", Decimal(1), "箱", Decimal("10.00"), Decimal("10.00"),
                     loss=Decimal("10.00")) for i in range(60)]
    d = LossReportData(claim_no="C-LONG", lang="both", circumstances=long_text, items=items)
    result = render_loss_report(d)
    text = pdftotext(result.pdf)
    assert "paragraph 39 ends." in text
    assert "59: 成品纸箱" in text  # last item printed, nothing dropped
    assert "600.00" in text  # grand total of 60 × 10.00
    n = len(reader(result.pdf).pages)
    assert n > 10
    # The item table's header repeats on every page it spans.
    header_pages = sum("项目描述" in pdftotext(result.pdf, first=i, last=i) for i in range(1, n + 1))
    assert header_pages >= 5


def test_300_character_description_wraps_inside_its_cell() -> None:
    desc = ("Water-damaged stock " * 15).strip()  # 300 characters
    assert len(desc) >= 299
    d = LossReportData(claim_no="C-W", lang="en", items=[ItemRow("stock", desc, Decimal(2), "pcs", Decimal("1.50"),
                                                                   Decimal("3.00"), loss=Decimal("3.00"))])
    text = pdftotext(render_loss_report(d).pdf, layout=True)
    lines = [ln for ln in text.splitlines() if "Water-damaged" in ln]
    assert len(lines) >= 5  # wrapped over several lines, not one overflowing line


def test_bad_arguments_name_the_field() -> None:
    with pytest.raises(ValidationError, match="lang"):
        render_loss_report(LossReportData(claim_no="x", lang="fr"))
    with pytest.raises(ValidationError, match="photos_per_page"):
        render_loss_report(LossReportData(claim_no="x", photos_per_page=5))


def test_write_pdf_is_atomic_and_returns_sha(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "r.pdf"
    out.parent.mkdir()
    out.write_bytes(b"old")
    data = render_loss_report(LossReportData(claim_no="C-A")).pdf
    sha = write_pdf(out, data)
    assert sha == hashlib.sha256(out.read_bytes()).hexdigest()
    assert os.listdir(out.parent) == ["r.pdf"]  # no temp files left behind


def test_progress_runs_to_total_and_cancel_stops(photos: list[Path]) -> None:
    seen: list[tuple[int, int]] = []
    render_loss_report(demo_loss_data(photos), progress=lambda d, t: seen.append((d, t)))
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] == 2 * len(photos) + 1
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        render_loss_report(demo_loss_data(photos), cancel=token)
