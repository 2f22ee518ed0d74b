"""Shared pytest-qt fixtures: offscreen Qt (set before any QApplication exists) and real profiles."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from adjuster.profile import Profile  # noqa: E402


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    """A fresh profile directory with a real SQLite file under pytest's tmp dir."""
    prof = Profile.at(tmp_path / "profile")
    prof.settings["user_name"] = "tester"
    prof.settings["ui_lang"] = "en"
    prof.save_settings()
    return prof


@pytest.fixture
def store(profile: Profile) -> Iterator[Any]:
    st = profile.open_store()
    yield st
    st.close()


@pytest.fixture
def runner(qtbot: Any) -> Iterator[Any]:
    """A JobRunner that records failures instead of opening dialogs; drained at teardown."""
    from ui.workers import JobRunner

    r = JobRunner()
    r.error_handler = lambda job: None
    yield r
    r.cancel_all()
    r.wait(10_000)
