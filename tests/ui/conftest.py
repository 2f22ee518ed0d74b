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


@pytest.fixture
def media(profile: Profile) -> Iterator[Any]:
    m = profile.open_media()
    yield m
    close = getattr(m, "close", None)
    if close:
        close()


@pytest.fixture
def ctx(qtbot: Any, profile: Profile, store: Any, media: Any) -> Iterator[Any]:
    """The app context the main window gets: real store, media store, runner, undo stack (English UI)."""
    from ui.app import build_context, create_application
    from ui.i18n import Translations

    app = create_application()
    translations = Translations(app)
    translations.set_language("en")
    context = build_context(profile, store, media, translations)
    context.runner.error_handler = lambda job: None
    yield context
    context.runner.cancel_all()
    context.runner.wait(20_000)
    context.events.close()
    translations.set_language("en")
    drain_events()


@pytest.fixture
def window(qtbot: Any, ctx: Any) -> Iterator[Any]:
    from ui.main_window import MainWindow

    w = MainWindow(ctx)
    w.confirm_close = lambda n: True
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
    w.deleteLater()
    drain_events()


def drain_events() -> None:
    """Deliver posted events (language change, deferred deletes) while the store is still open."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def make_case(store: Any, claim_no: str = "CLM-T-0001", **fields: Any) -> Any:
    """A case with policy terms good enough for the calculator."""
    from adjuster.domain.models import Case

    values: dict[str, Any] = {"insured_name": "Test Insured", "sum_insured": "100000", "insured_value": "100000",
                              "loss_date": "2026-01-10", "adjuster": "tester"}
    values.update(fields)
    return store.cases.create(Case(claim_no=claim_no, **values))


@pytest.fixture
def corpus_dir() -> Path:
    return Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
