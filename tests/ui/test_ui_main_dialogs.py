"""Settings (registered pages, checks at the field), welcome, database error, new visit, `adjuster gui`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from adjuster.domain.errors import AdjusterError
from adjuster.profile import GuiLock, Profile
from ui.dialogs.db_error import DatabaseErrorDialog
from ui.dialogs.settings import SettingsDialog, page_classes
from ui.dialogs.welcome import WelcomeDialog


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "app.ini"), QSettings.Format.IniFormat)


def test_settings_pages_are_registered_in_order() -> None:
    names = [c.name for c in page_classes()]
    assert names == ["user", "company", "reports", "data", "interface"]


def test_settings_refuses_bad_values_at_the_field_and_saves_good_ones(qtbot: Any, profile: Profile,
                                                                      qsettings: QSettings, tmp_path: Path) -> None:
    dlg = SettingsDialog(profile, qsettings)
    qtbot.addWidget(dlg)
    user = dlg.page("user")
    user.user_name.setText("  ")
    assert not dlg.apply()
    assert dlg.list.currentRow() == 0 and "name" in dlg.error.text()
    assert user.user_name.toolTip()
    user.user_name.setText("王工")
    company = dlg.page("company")
    company.logo.setText(str(tmp_path / "missing.png"))
    assert not dlg.apply()
    assert dlg.stack.currentWidget() is company and "does not exist" in dlg.error.text()
    logo = tmp_path / "logo.png"
    from PIL import Image

    Image.new("RGB", (40, 20), "red").save(logo)
    company.logo.setText(str(logo))
    company.company_name.setText("华安公估")
    reports = dlg.page("reports")
    reports.report_lang.setCurrentIndex(reports.report_lang.findData("both"))
    reports.per_page.setCurrentIndex(reports.per_page.findData(6))
    dlg.page("data").data_dir.setText(str(tmp_path / "other-profile"))
    ui_page = dlg.page("interface")
    ui_page.ui_lang.setCurrentIndex(ui_page.ui_lang.findData("zh_CN"))
    assert dlg.apply()
    saved = json.loads(profile.settings_path.read_text("utf-8"))
    assert saved["user_name"] == "王工" and saved["company_name"] == "华安公估"
    assert saved["company_logo"] == str(logo) and saved["report_lang"] == "both"
    assert saved["photos_per_page"] == 6 and saved["ui_lang"] == "zh_CN"
    assert "_profile_root" not in saved
    assert qsettings.value("data_dir") == str(tmp_path / "other-profile")


def test_settings_from_the_main_window_switch_language_and_user(qtbot: Any, window: Any) -> None:
    window.ctx.profile.settings.update(user_name="Li Lei", ui_lang="zh_CN")
    window.apply_settings()
    assert window.ctx.store.user == "Li Lei"
    qtbot.waitUntil(lambda: window.lists.tabText(0) == "案件", timeout=3000)
    window.set_language("en")


def test_welcome_empty_profile(qtbot: Any, profile: Profile, runner: Any) -> None:
    dlg = WelcomeDialog(profile, runner)
    qtbot.addWidget(dlg)
    dlg.start_empty()
    assert dlg.choice == "empty" and dlg.result() == 1


def test_welcome_demo_data_is_made_in_a_worker(qtbot: Any, tmp_path: Path, runner: Any) -> None:
    profile = Profile.at(tmp_path / "fresh")
    dlg = WelcomeDialog(profile, runner)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.finished, timeout=120_000):
        job = dlg.start_demo()
        assert not dlg.demo_btn.isEnabled()
        dlg.reject()  # closing while the demo is being made is ignored
        assert job.running
    if runner.errors:
        pytest.fail(f"demo data failed: {runner.errors[0].traceback}")
    assert dlg.choice == "demo"
    store = profile.open_store()
    try:
        assert store.cases.count() >= 3
    finally:
        store.close()


def test_database_that_cannot_be_opened_offers_another_profile(qtbot: Any, tmp_path: Path) -> None:
    from ui.app import open_profile

    bad = Profile.at(tmp_path / "bad")
    bad.root.mkdir(parents=True)
    bad.db_path.write_bytes(b"this is not sqlite at all, but an important file" * 10)
    with pytest.raises(AdjusterError) as err:
        open_profile(bad, ask=False)
    dlg = DatabaseErrorDialog(str(err.value), str(bad.root))
    qtbot.addWidget(dlg)
    assert "not an Adjuster database" in dlg.reason.text()
    dlg.use(str(tmp_path / "good"))
    assert dlg.chosen_dir.endswith("good") and dlg.result() == 1
    opened = open_profile(Profile.at(dlg.chosen_dir), ask=False)
    assert opened is not None
    opened[1].close()
    assert bad.db_path.read_bytes().startswith(b"this is not sqlite")  # left untouched


def test_new_visit_starts_a_visit_on_a_new_site(qtbot: Any, window: Any, store: Any) -> None:
    from ui.dialogs.new_visit import NewVisitDialog

    dlg = NewVisitDialog(store, "tester", "en", window)
    qtbot.addWidget(dlg)
    assert dlg.template.count() >= 1
    dlg.site.setEditText("")
    assert not dlg.create()
    assert not dlg.error.isHidden()
    dlg.site.setEditText("Warehouse 9, Ningbo port")
    assert dlg.create()
    assert dlg.visit.site_id == store.sites.list()[0].id
    window.visits.refresh()
    assert window.visits.model.rowCount() == 1
    assert window.visits.select_visit(dlg.visit.id)
    assert window.current_visit_id == dlg.visit.id


def test_gui_command_refuses_a_second_instance(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from adjuster.cli import main

    profile = Profile.at(tmp_path / "p")
    lock = GuiLock(profile)
    lock.acquire()
    try:
        result = CliRunner().invoke(main, ["--data-dir", str(profile.root), "gui"])
    finally:
        lock.release()
    assert result.exit_code == 1
    assert "already open" in result.output


def test_adjuster_gui_starts_and_shows_the_window(tmp_path: Path) -> None:
    """The real command in a child process (offscreen), on a fresh profile without the welcome."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ADJUSTER_STARTUP_TIMING="quit", PYTHONPATH=str(root),
               XDG_CONFIG_HOME=str(tmp_path / "config"))  # QSettings stay out of the real home
    for _ in range(2):  # the second start proves the first released the profile lock
        out = subprocess.run([sys.executable, "-m", "adjuster", "--data-dir", str(tmp_path / "g"), "gui",
                              "--no-welcome"], capture_output=True, text=True, env=env, cwd=root, timeout=60)
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith("shown")
    assert (tmp_path / "g" / "adjuster.db").exists()


def test_main_offers_another_profile_then_welcomes_and_opens(qtbot: Any, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """``ui.app.main`` end to end: a damaged database → choose another folder → welcome → window."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import main
    from ui.main_window import MainWindow

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "adjuster.db").write_bytes(b"not a database, keep me" * 50)
    good = tmp_path / "good"
    seen: list[str] = []

    def step() -> None:
        for w in QApplication.topLevelWidgets():
            if not w.isVisible():
                continue
            if isinstance(w, DatabaseErrorDialog):
                seen.append("db error: " + w.reason.text())
                w.use(str(good))
                break
            if isinstance(w, WelcomeDialog):
                seen.append("welcome")
                w.start_empty()
                break
            if isinstance(w, MainWindow):
                seen.append(f"window on {w.ctx.profile.root.name}")
                w.close()
                return
        QTimer.singleShot(30, step)

    QTimer.singleShot(30, step)
    assert main(["test"], data_dir=str(bad)) == 0
    assert seen[0].startswith("db error:") and "not an Adjuster database" in seen[0]
    assert seen[1:] == ["welcome", "window on good"]
    assert (good / "adjuster.db").exists()
    assert (bad / "adjuster.db").read_bytes().startswith(b"not a database")
