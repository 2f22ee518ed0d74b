"""Inspection reports of the demo sites' visits from a real store: follow-up of every carried-forward
recommendation with status and before/after photos, the grading rule, and the peril indicators."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from report_pdf_helpers import make_jpeg, pdftotext

from adjuster.inspect.demo import build_demo_visits
from adjuster.inspect.recommendations import follow_up
from adjuster.inspect.scoring import grade_rule_lines
from adjuster.inspect.sites import LEVEL_NAMES, PERIL_NAMES, peril_indicators, set_peril_indicators
from adjuster.reports.from_store_visit import inspection_data_from_store
from adjuster.reports.inspection import render_inspection_report

TODAY = dt.date(2026, 6, 1)
PLANT, WAREHOUSE = "华东精密机械有限公司 苏州工厂", "Lingang Logistics DC3 临港物流 3 号库"


@pytest.fixture
def media(profile):
    m = profile.open_media()
    yield m
    m.close()


@pytest.fixture
def demo(store, media, photo_dir: Path) -> dict[str, list]:
    """The two demo sites with three visits each, photos imported from five distinct JPEGs."""
    colours = ["#3a6", "#36a", "#a63", "#666", "#a36"]
    files = [make_jpeg(photo_dir / f"site{i}.jpg", (1200, 900), colour=c) for i, c in enumerate(colours)]
    build_demo_visits(store, media=media, photos=files, today=TODAY)
    out = {}
    for site in store.sites.list():
        out[site.name] = store.visits.for_site(site.id)
    assert [len(v) for v in out.values()] == [3, 3]
    return out


def _flat(text: str) -> str:
    """Text with all whitespace removed, so wrapped lines compare whole."""
    return re.sub(r"\s+", "", text)


def _render(store, media, visit_id: str, lang: str = "both") -> tuple[object, str]:
    data, _ = inspection_data_from_store(store, media, visit_id, lang=lang)
    return data, pdftotext(render_inspection_report(data).pdf)


def test_third_visit_lists_every_carried_forward_recommendation(store, media, demo) -> None:
    v1, v2, v3 = demo[WAREHOUSE]
    expected = follow_up(store, v3.id)
    raised_at = {r.visit_id for r in expected}
    assert raised_at == {v1.id, v2.id}  # older than the previous visit too, not only v2's
    data, text = _render(store, media, v3.id)
    assert len(data.follow_ups) == len(expected) == 5
    by_text = {f.text: f for f in data.follow_ups}
    for rec in expected:
        entry = by_text[rec.text]
        raised = v1 if rec.visit_id == v1.id else v2
        assert entry.number.startswith(raised.visit_date.isoformat() + " R")
        assert (entry.before is not None) == bool(rec.before_photo_id)  # the finding's photo
        if rec.status.value in ("done", "waived"):  # closed or waived at this visit
            assert rec.closed_visit_id == v3.id and entry.status == rec.status.value
            assert entry.note == rec.closing_note
        else:  # open past its deadline on the visit date
            assert entry.status == "overdue" and entry.after is None
        assert (entry.after is not None) == (rec.status.value == "done")
    assert sorted(f.status for f in data.follow_ups) == ["done", "overdue", "overdue", "overdue", "waived"]
    flat = _flat(text)
    for needle in ("上次建议跟进/Follow-upofPreviousRecommendations", "已完成Done", "已豁免Waived", "已逾期Overdue",
                   "整改前/Before", "整改后/After", _flat("以挡水闸替代抬高场地（见新建议）"), _flat("总排口已装拍门")):
        assert needle in flat, needle
    for f in data.follow_ups:
        assert _flat(f.number) in flat and _flat(f.text)[:20] in flat
        for photo in (f.before, f.after):
            if photo is not None:
                assert photo.sha256 in flat  # listed in the photo register, so it was embedded


def test_plant_third_visit_shows_both_closures_with_photo_pairs(store, media, demo) -> None:
    v1, v2, v3 = demo[PLANT]
    data, text = _render(store, media, v3.id, lang="zh")
    assert [(f.number[:10], f.status) for f in data.follow_ups] == [
        (v1.visit_date.isoformat(), "done"), (v2.visit_date.isoformat(), "done")]
    recs = {r.text: r for r in follow_up(store, v3.id)}
    for f in data.follow_ups:  # the demo gives photos to the first five deficient findings only
        assert f.after is not None and (f.before is not None) == bool(recs[f.text].before_photo_id)
    pairs = [f for f in data.follow_ups if f.before is not None]
    assert pairs and all(f.before.sha256 != f.after.sha256 for f in pairs)
    flat = _flat(text)
    assert "整改前" in flat and "整改后" in flat and "已设防火柜" in flat and "屏蔽点已恢复" in flat


def test_earlier_visit_shows_status_as_it_stood_then(store, media, demo) -> None:
    v1, v2, v3 = demo[PLANT]
    data, _ = _render(store, media, v2.id)
    assert len(data.follow_ups) == 5  # all of v1's, four closed at v2 and one closed only at v3
    later = [f for f in data.follow_ups if f.status not in ("done", "waived")]
    assert len(later) == 1 and later[0].after is None and later[0].note == ""
    rec = next(r for r in store.recommendations.for_visit(v1.id) if r.text == later[0].text)
    assert rec.status.value == "done" and rec.closed_visit_id == v3.id
    assert later[0].status == ("overdue" if rec.deadline < v2.visit_date else "open")
    assert all(f.after is not None for f in data.follow_ups if f.status == "done")


@pytest.mark.parametrize("lang", ["both", "zh", "en"])
def test_grade_rule_is_shown_with_this_visits_basis(store, media, demo, lang: str) -> None:
    v3 = demo[PLANT][2]
    data, text = _render(store, media, v3.id, lang=lang)
    flat = _flat(text)
    zh_lines, en_lines = grade_rule_lines("zh"), grade_rule_lines("en")
    for line in zh_lines:
        assert (_flat(line) in flat) == (lang != "en"), line
    for line in en_lines:
        assert (_flat(line) in flat) == (lang != "zh"), line
    assert ("评级规则" in flat) == (lang != "en") and ("Gradingrule" in flat) == (lang != "zh")
    assert v3.grade and f"总分 {v3.score} → " in data.grade_basis_zh and f"overall {v3.score} → band " in data.grade_basis_en
    if lang != "en":
        assert _flat(data.grade_basis_zh) in flat
    if lang != "zh":
        assert _flat(data.grade_basis_en) in flat


def test_grade_basis_names_the_cap(store, media, demo) -> None:
    v1 = demo[PLANT][0]
    findings = store.findings.for_visit(v1.id)
    data, _ = inspection_data_from_store(store, media, v1.id)
    from adjuster.inspect.scoring import band_for

    band = band_for(v1.score)
    assert data.grade_basis_zh.startswith(f"总分 {v1.score} → {band} 级")
    if band != v1.grade:
        sev = [f.severity for f in findings if f.result.value == "deficient"]
        assert 4 in sev or 3 in sev
        assert f"等级封顶为 {v1.grade}" in data.grade_basis_zh and f"the grade at {v1.grade}" in data.grade_basis_en


def test_every_peril_indicator_is_shown_with_level_and_note(store, media, demo) -> None:
    v3 = demo[WAREHOUSE][2]
    site = store.sites.get(v3.site_id)
    recorded = peril_indicators(site)
    assert len(recorded) == 6
    data, text = _render(store, media, v3.id)
    flat = _flat(text)
    grade_page = _flat(next(page for page in text.split("\f") if "灾害风险指标" in page))  # pages end in \f
    assert "风险等级与评分" in grade_page  # shown in the grade section
    for key, level, note in recorded:
        words = LEVEL_NAMES[level]
        for needle in (PERIL_NAMES[key]["zh"] + PERIL_NAMES[key]["en"], f"{level}/5", words["zh"] + words["en"]):
            assert _flat(needle) in grade_page, needle
        if note:
            assert _flat(note) in flat, note
    assert "消防设施一项的等级表示设施的薄弱程度" in flat


def test_unrecorded_perils_show_as_not_assessed(store, media, demo) -> None:
    v3 = demo[PLANT][2]
    set_peril_indicators(store, v3.site_id, {"water": 4, "note_water": "河道北侧 80 m"}, replace=True)
    data, text = _render(store, media, v3.id, lang="en")
    assert [(p.key, p.level) for p in data.perils] == [
        ("water", 4), ("wind", None), ("lightning", None), ("snow", None), ("earthquake", None),
        ("fire_protection", None)]
    flat = _flat(text)
    for needle in ("Water/flood", "4/5", "high", "河道北侧80m", "Wind/typhoon"):
        assert needle in flat, needle
    assert flat.count("notassessed") == 5 and "Fire-protectionfacilities" in flat
    set_peril_indicators(store, v3.site_id, {}, replace=True)
    data, _ = _render(store, media, v3.id, lang="en")
    assert data.perils == []


def test_checklist_keys_break_at_dots_not_inside_words(store, media, demo) -> None:
    v3 = demo[WAREHOUSE][2]
    data, text = _render(store, media, v3.id, lang="zh")
    keys = [r.key for c in data.checklist for r in c.rows]
    words = set(re.findall(r"[a-z_]+", text))
    for key in keys:
        for word in key.split("."):
            if len(word) > 3:
                assert word in words or all(w in words for w in word.split("_")), (key, word)

