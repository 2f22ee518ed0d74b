"""Inspection report read back: sections, grade and chart labels, findings, follow-up photo pairs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from report_pdf_helpers import image_xobjects, outline_titles, pdffonts, pdftotext, qpdf_check, reader

from adjuster.reports.demo import demo_inspection_data
from adjuster.reports.inspection import render_inspection_report
from adjuster.reports.model import FindingEntry, FollowUpEntry, InspectionReportData, PhotoEntry


@pytest.fixture
def insp(photos: list[Path], tmp_path: Path) -> tuple[Path, bytes, list[str]]:
    result = render_inspection_report(demo_inspection_data([*photos[:5], None], lang="both"))
    out = tmp_path / "insp.pdf"
    out.write_bytes(result.pdf)
    return out, result.pdf, result.warnings


def test_sections_and_outline(insp: tuple[Path, bytes, list[str]]) -> None:
    titles = outline_titles(insp[1])
    top = [t for t in titles if re.match(r"\d+  ", t)]
    assert top == [
        "1  查勘地点与概况 / Site and Visit", "2  查勘结论 / Summary", "3  风险等级与评分 / Risk Grade and Scores",
        "4  检查结果 / Checklist Results", "5  主要问题 / Deficient Findings", "6  整改建议 / Recommendations",
        "7  上次建议跟进 / Follow-up of Previous Recommendations", "8  签署 / Signatures",
        "9  附录：照片清单 / Appendix: Photo Register",
    ]
    assert "消防系统 / Fire protection" in titles  # checklist categories nested
    assert any(t.startswith("F1  消火栓被货物遮挡") for t in titles)


def test_text_grade_scores_recommendations_follow_up(insp: tuple[Path, bytes, list[str]]) -> None:
    text = pdftotext(insp[1])
    flat = " ".join(text.split())
    for needle in ("宏达包装 木渎厂区", "VIS-2024-0412", "一般 / Fair", "76.5", "消防系统 / Fire protection",
                   "清理消火栓前", "2024-04-19", "仓库主管", "整改前 / Before", "整改后 / After",
                   "已逾期", "Overdue", "不符合", "Deficient"):
        assert needle in flat, needle
    assert flat.count("照片文件缺失 / Photo file missing") == 1
    assert any("IMG_" in w for w in insp[2])


def test_structure_fonts_photos(insp: tuple[Path, bytes, list[str]]) -> None:
    assert qpdf_check(insp[0]).returncode == 0
    assert all(f["emb"] == "yes" for f in pdffonts(insp[0]))
    assert len(image_xobjects(insp[1])) == 5
    meta = reader(insp[1]).metadata
    assert "风险查勘报告" in meta.title and meta.author


def test_minimal_visit_has_only_what_exists() -> None:
    result = render_inspection_report(InspectionReportData(reference="V-1", lang="en", site_name="Plant A"))
    assert outline_titles(result.pdf) == ["1  Site and Visit"]
    assert len(reader(result.pdf).pages) == 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_inspection_languages(lang: str) -> None:
    text = pdftotext(render_inspection_report(demo_inspection_data([], lang=lang)).pdf)
    assert ("整改建议" in text) == (lang == "zh")
    assert ("Recommendations" in text) == (lang == "en")


def test_section_heading_stays_with_its_first_block(insp: tuple[Path, bytes, list[str]]) -> None:
    """The findings heading is followed by a kept-together block; it must not be left alone on a page."""
    pages = pdftotext(insp[1]).split("\f")
    page = next(p for p in pages if "主要问题 / Deficient Findings" in p)
    assert "F1  消火栓被货物遮挡" in page or "F1 消火栓被货物遮挡" in " ".join(page.split())


def test_demo_shows_rule_basis_and_perils(insp: tuple[Path, bytes, list[str]]) -> None:
    flat = "".join(pdftotext(insp[1]).split())
    for needle in ("评级规则/Gradingrule", "本次评级：总分76.5→B级", "Thisvisit:overall76.5→bandB",
                   "等级：A≥90，B≥75，C≥60，D≥45，其余为E。", "Grade:A≥90,B≥75,C≥60,D≥45,otherwiseE.",
                   "未评估notassessed", "3/5", "厂区临河"):
        assert needle in flat, needle


def test_no_section_heading_is_left_alone_at_a_page_foot() -> None:
    """Push the sections down a line at a time through a whole page: each heading always shares its
    page with what follows it."""
    for extra in range(0, 40):
        data = InspectionReportData(
            reference="V-1", lang="both", site_name="Plant A", previous_visit_date=dt.date(2024, 1, 5),
            summary="\n".join(f"补充说明 {i} / note {i}" for i in range(extra + 1)),
            findings=[FindingEntry("fp.hydrant", "消火栓被遮挡 / Hydrant blocked", 3, "H-07", "消防系统",
                                   [PhotoEntry(None, filename="gone.jpg", sha256="ab" * 32)])],
            snapshot_sha256="cd" * 32,
            follow_ups=[FollowUpEntry(f"2024-01-05 R{i}", f"建议 {i} / recommendation {i}", "high",
                                      dt.date(2024, 2, 1), "open") for i in range(1, 4)])
        pages = pdftotext(render_inspection_report(data).pdf).split("\f")
        for head, follower in (("主要问题 / Deficient Findings", "F1"),
                               ("上次建议跟进 / Follow-up of Previous Recommendations", "Previous recommendation"),
                               ("附录：照片清单 / Appendix: Photo Register", "File name")):
            page = next(p for p in pages if head in p)
            assert follower in page, (extra, head)
