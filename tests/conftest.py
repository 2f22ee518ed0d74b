"""Shared fixtures: a real profile directory with a real SQLite file for every test that wants one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt must know before any QApplication exists that there is no screen (CI, servers).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"


@pytest.fixture
def profile(tmp_path: Path):
    from adjuster.profile import Profile

    return Profile.at(tmp_path / "profile")


@pytest.fixture
def store(profile):
    s = profile.open_store()
    yield s
    s.close()


@pytest.fixture
def corpus() -> Path:
    if not (CORPUS / "photos").is_dir():
        pytest.skip(f"photo corpus not found at {CORPUS} (it sits beside the checkout in CI)")
    return CORPUS / "photos"
