"""``ADJUSTER_GUI_EXIT_AFTER_MS``: ``adjuster gui`` in a real process (offscreen Qt) gets to its first
screen, says which on stdout and leaves cleanly with exit code 0 — the headless run check."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest


def run_gui(data_dir: Path, tmp_path: Path, *, exit_ms: str = "300", timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ADJUSTER_GUI_EXIT_AFTER_MS": exit_ms,
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path / "home")}
    env.pop("ADJUSTER_HOME", None)
    return subprocess.run([sys.executable, "-m", "adjuster", "--data-dir", str(data_dir), "gui"], env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_an_empty_profile_shows_the_welcome_and_exits_cleanly(tmp_path: Path) -> None:
    data = tmp_path / "empty"
    t0 = time.monotonic()
    done = run_gui(data, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["adjuster gui: welcome shown"]
    assert time.monotonic() - t0 >= 0.3
    assert (data / "adjuster.db").is_file()
    assert not (data / "gui.lock").exists() or _lock_free(data)
    # the profile is left usable: a second run now opens the main window
    again = run_gui(data, tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == ["adjuster gui: main window shown"]


def test_a_demo_profile_shows_the_main_window_and_exits_cleanly(tmp_path: Path) -> None:
    from adjuster.demo import create_demo
    from adjuster.profile import Profile

    data = tmp_path / "demo"
    create_demo(Profile.at(data))
    done = run_gui(data, tmp_path, exit_ms="200")
    assert done.returncode == 0, done.stderr
    assert "adjuster gui: main window shown" in done.stdout.splitlines()
    assert "Traceback" not in done.stderr
    assert _lock_free(data)


@pytest.mark.parametrize("value", ["soon", "-5"])
def test_a_bad_or_negative_value_is_handled(tmp_path: Path, value: str) -> None:
    data = tmp_path / "demo"
    data.mkdir()
    if value == "soon":  # not a number: said on stderr and ignored (the app keeps running until stopped)
        env_value = value
        done = _run_with_timeout_kill(data, tmp_path, env_value)
        assert "ignoring ADJUSTER_GUI_EXIT_AFTER_MS='soon'" in done
    else:
        result = run_gui(data, tmp_path, exit_ms=value)  # negative: as soon as shown
        assert result.returncode == 0 and result.stdout.splitlines() == ["adjuster gui: welcome shown"]


def _run_with_timeout_kill(data: Path, tmp_path: Path, value: str) -> str:
    """Start with a value that is ignored; read stderr's warning, then stop the process we started."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ADJUSTER_GUI_EXIT_AFTER_MS": value,
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path / "home")}
    proc = subprocess.Popen([sys.executable, "-m", "adjuster", "--data-dir", str(data), "gui"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(3)
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=20)
    return err


def _lock_free(data: Path) -> bool:
    from adjuster.profile import GuiLock, Profile

    lock = GuiLock(Profile.at(data))
    try:
        lock.acquire()
    except Exception:  # noqa: BLE001 - held by someone
        return False
    lock.release()
    return True
