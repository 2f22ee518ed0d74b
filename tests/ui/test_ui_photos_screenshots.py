"""Screenshots of the Photos tab and the viewer in en and zh (docs/screenshots with
ADJUSTER_SCREENSHOTS=1); also checks every row got a real thumbnail and the texts are translated."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from photo_helpers import CORPUS, make_case, make_jpeg  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from screenshot_helpers import language, load_cjk_font, save_shot  # noqa: E402

from adjuster.domain.models import LossItem  # noqa: E402
from ui.views.photos import PhotosTab  # noqa: E402

CAPTIONS = {
    "en": ["Water line on the east wall, 0.6 m", "Damaged stock on pallets", "Ceiling stain above the office",
           "Electrical panel after the flood", "Front of the building"],
    "zh": ["东墙水渍线，高约0.6米", "托盘上受损的库存货物", "办公室上方天花板水渍", "水灾后的配电柜", "建筑物正面"],
}
ANNOTATIONS = [
    {"type": "rect", "x": 0.30, "y": 0.35, "w": 0.32, "h": 0.28, "color": "#ff3b30", "width": 0.006},
    {"type": "arrow", "x1": 0.12, "y1": 0.15, "x2": 0.30, "y2": 0.35, "color": "#ffcc00", "width": 0.006},
    {"type": "measure", "x1": 0.70, "y1": 0.20, "x2": 0.70, "y2": 0.75, "label": "0.6 m", "color": "#34c759",
     "width": 0.005},
    {"type": "text", "x": 0.05, "y": 0.80, "text": "Water line", "color": "#ffffff"},
    {"type": "circle", "cx": 0.82, "cy": 0.45, "r": 0.06, "color": "#0a84ff", "width": 0.006},
]


def sources(tmp_path: Path) -> list[Path]:
    if CORPUS.is_dir():
        names = ["gps/DSCN0010.jpg", "gps/DSCN0012.jpg", "gps/DSCN0021.jpg", "orientation/portrait_6.jpg",
                 "orientation/landscape_3.jpg", "mobile/jolla.jpg", "Canon_40D.jpg", "Nikon_D70.jpg",
                 "corrupted.jpg"]
        files = [CORPUS / n for n in names if (CORPUS / n).exists()]
    else:
        files = [make_jpeg(tmp_path / f"s{i}.jpg", taken=f"2024:05:0{i + 1} 10:00:00", color=(40 * i, 90, 150))
                 for i in range(6)]
    bad = tmp_path / "notes.jpg"
    bad.write_bytes(b"not a photo")
    return files + [bad]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_photos_tab_and_viewer_screenshots(qtbot: Any, runner: Any, store: Any, profile: Any, tmp_path: Path,
                                           lang: str) -> None:
    load_cjk_font()
    media = profile.open_media()
    try:
        with language(lang):
            case = make_case(store)
            item = store.items.create(LossItem(case_id=case.id, description="Sofa" if lang == "en" else "布艺沙发",
                                               unit_price="3200"))
            tab = PhotosTab(runner, store, media, "case", case.id)
            qtbot.addWidget(tab)
            tab.resize(1280, 720)
            tab.show()
            job = tab.import_paths(sources(tmp_path))
            qtbot.waitUntil(lambda: not job.running, timeout=60_000)
            photos = tab.photos()
            assert len(photos) >= 5
            for photo, caption in zip(photos, CAPTIONS[lang], strict=False):
                tab.set_caption(photo, caption)
            # the biggest landscape photo gets the annotations and opens in the viewer
            names = [p.original_name for p in photos]
            best = names.index("DSCN0010.jpg") if "DSCN0010.jpg" in names else max(
                range(len(photos)), key=lambda r: photos[r].width if photos[r].width >= photos[r].height else 0)
            tab.link_item([tab.photos()[best]], item.id)
            marks = [dict(a, text="水渍线") if a["type"] == "text" and lang == "zh" else a for a in ANNOTATIONS]
            assert tab.set_annotations(tab.photos()[best], marks)
            tab.grid.viewport().repaint()
            qtbot.waitUntil(lambda: all(tab.thumbs.pixmap(p.sha256) is not None for p in tab.photos()),
                            timeout=60_000)
            tab.select_row(best)
            if lang == "zh":
                assert tab.import_action.text() == "导入照片…"
                assert tab.panel.results.headerItem().text(1) == "结果"
            shot = save_shot(tab, f"photos_grid_{lang}.png", tmp_path)
            image = QImage(str(shot))
            colors = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}
            assert image.width() >= 1200 and len(colors) > 500  # real thumbnails, not grey tiles

            viewer = tab.open_viewer(best)
            assert viewer is not None
            qtbot.waitUntil(lambda: viewer.loaded, timeout=30_000)
            viewer.resize(1200, 720)
            viewer.canvas.fit()
            assert len(viewer.canvas.annotations()) == len(ANNOTATIONS)
            save_shot(viewer, f"photos_viewer_{lang}.png", tmp_path)
            viewer.reject()
    finally:
        media.close()
