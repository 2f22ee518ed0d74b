"""Chart and photo-strip layout: bilingual bar labels stack instead of shrinking; strips fit their photos."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.graphics.shapes import String

from adjuster.reports.charts import score_bars
from adjuster.reports.model import PhotoEntry, ScoreEntry
from adjuster.reports.photo_flow import GUTTER, CellOptions, PhotoCells
from adjuster.reports.photo_prep import prepare_photo
from adjuster.reports.styles import make_styles

LONG = [ScoreEntry("地下室与低位设备", "Basements and low-level equipment", 70),
        ScoreEntry("排水系统", "Drainage", 94)]


def _strings(drawing) -> list[String]:
    return [s for s in drawing.contents if isinstance(s, String)]


def test_long_bilingual_labels_stack_at_a_readable_size() -> None:
    d = score_bars(LONG, "both", 400)
    texts = {s.text: s for s in _strings(d)}
    assert "地下室与低位设备" in texts and "Basements and low-level equipment" in texts
    assert texts["地下室与低位设备"].fontSize >= 7.5 and texts["Basements and low-level equipment"].fontSize >= 6.5
    assert texts["地下室与低位设备"].y > texts["Basements and low-level equipment"].y


def test_short_labels_stay_on_one_line() -> None:
    d = score_bars([ScoreEntry("排水系统", "Drainage", 94)], "both", 400)
    assert "排水系统 / Drainage" in [s.text for s in _strings(d)]
    assert "地下室与低位设备" in [s.text for s in _strings(score_bars(LONG, "zh", 400))]


def test_strip_is_only_as_tall_as_its_widest_photo_needs(photos: list[Path], tmp_path: Path) -> None:
    opts = CellOptions(lang="en", styles=make_styles())
    wide = prepare_photo(PhotoEntry(photos[2]), tmp_path, 0)  # 1600 × 900
    tall = prepare_photo(PhotoEntry(photos[1]), tmp_path, 1)  # 1200 × 1600
    cap_h = opts.styles.caption.leading * opts.caption_lines + 4
    cell_w = (450 - 2 * GUTTER) / 3
    assert PhotoCells([wide], 3, 1, opts, height=200).wrap(450, 800)[1] == pytest.approx(cell_w * 900 / 1600 + cap_h)
    assert PhotoCells([wide, tall], 3, 1, opts, height=200).wrap(450, 800)[1] == 200  # the tall one needs it all
    assert PhotoCells([wide], 3, 2, opts, height=200).wrap(450, 800)[1] == 200  # grids keep their size
