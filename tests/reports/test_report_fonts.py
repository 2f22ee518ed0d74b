"""The shipped font: present with its licence, covers every label we print, cleans odd user text."""

from __future__ import annotations

from adjuster.reports import demo
from adjuster.reports.fonts import (
    FONT_NAME,
    LICENCE_FILE,
    clean_text,
    font_path,
    missing_glyphs,
    register_fonts,
)
from adjuster.reports.i18n import VOCAB, L, V


def test_font_file_and_licence_are_shipped() -> None:
    path = font_path()
    assert path.is_file() and path.stat().st_size > 1_000_000
    assert path.read_bytes()[:4] == b"ttcf"  # a TrueType collection, TrueType outlines
    licence = path.parent / LICENCE_FILE
    assert "Apache" in licence.read_text(encoding="utf-8")


def test_register_is_idempotent() -> None:
    assert register_fonts() == FONT_NAME
    assert register_fonts() == FONT_NAME


def test_every_fixed_label_has_glyphs() -> None:
    texts = [s for pair in VOCAB.values() for s in pair]
    texts += ["人民币", "壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整零", "×÷−–—·°±≥≤…“”‘’（）：，。、；%", "①②③ m² ³"]
    for name in dir(demo):  # the demo data exercises the renderers' label set end to end
        value = getattr(demo, name)
        if isinstance(value, str):
            texts.append(value)
    for text in texts:
        assert not missing_glyphs(text), (text, missing_glyphs(text))


def test_clean_text_replaces_what_the_font_cannot_draw() -> None:
    assert clean_text("水渍 water 🔥 damage") == "水渍 water ? damage"
    assert clean_text("👍🏽") == "??"  # skin-tone modifier is its own symbol, still no box
    assert clean_text("café ①") == "café ①"
    assert clean_text("ｆｕｌｌ") == "ｆｕｌｌ"  # full-width Latin exists in the font
    assert clean_text("a\ufe0fb\u0007") == "ab"  # variation selectors and controls dropped
    assert not missing_glyphs(clean_text("\U0001F600 \u2603\ufe0f \U00020000"))


def test_bilingual_label_helper() -> None:
    assert L("案件", "Case", "zh") == "案件"
    assert L("案件", "Case", "en") == "Case"
    assert L("案件", "Case", "both") == "案件 / Case"
    assert L("", "Case", "zh") == "Case" and L("案件", "", "en") == "案件"
    assert V("approved", "both") == "已批准 / Approved" and V("unknown-x", "zh") == "unknown-x"
