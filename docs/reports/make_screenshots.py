"""Regenerate the report screenshots in this folder (needs poppler's pdftoppm and the photo corpus).

    .venv/bin/python docs/reports/make_screenshots.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from adjuster.reports.demo import demo_inspection_data, demo_loss_data  # noqa: E402
from adjuster.reports.inspection import render_inspection_report  # noqa: E402
from adjuster.reports.loss import render_loss_report  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "photos"
PHOTOS = [CORPUS / "gps/DSCN0010.jpg", CORPUS / "orientation/portrait_6.jpg", CORPUS / "gps/DSCN0021.jpg", None,
          CORPUS / "mobile/jolla.jpg", CORPUS / "gps/DSCN0027.jpg"]
SHOTS = [  # (report, lang, pages)
    ("loss", "both", [1, 2, 3, 4, 5]),
    ("loss", "zh", [1, 4]),
    ("loss", "en", [1, 4]),
    ("inspection", "both", [1, 2, 3, 4, 5]),
    ("inspection", "zh", [1, 2]),
    ("inspection", "en", [1, 2, 3]),
]


def main() -> None:
    if not CORPUS.is_dir():
        sys.exit(f"photo corpus not found at {CORPUS}")
    with tempfile.TemporaryDirectory() as tmp:
        for kind, lang, pages in SHOTS:
            if kind == "loss":
                pdf = render_loss_report(demo_loss_data(PHOTOS, lang=lang)).pdf
            else:
                pdf = render_inspection_report(demo_inspection_data(PHOTOS, lang=lang)).pdf
            src = Path(tmp) / f"{kind}-{lang}.pdf"
            src.write_bytes(pdf)
            for page in pages:
                out = HERE / f"{kind}-{lang}-p{page}"
                subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
                                str(src), str(out)], check=True)
                print(f"{out}.png")


if __name__ == "__main__":
    main()
