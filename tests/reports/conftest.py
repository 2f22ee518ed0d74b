"""Fixtures for report tests: synthetic photos, so most tests need no corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_pdf_helpers import make_jpeg


@pytest.fixture
def photo_dir(tmp_path: Path) -> Path:
    d = tmp_path / "photos"
    d.mkdir()
    return d


@pytest.fixture
def photos(photo_dir: Path) -> list[Path]:
    """Six upright JPEGs of different shapes."""
    sizes = [(1600, 1200), (1200, 1600), (1600, 900), (1000, 1000), (1600, 1200), (900, 1600)]
    return [make_jpeg(photo_dir / f"p{i}.jpg", s, colour=c)
            for i, (s, c) in enumerate(zip(sizes, ["#3a6", "#36a", "#a63", "#666", "#6a3", "#a36"], strict=True))]
