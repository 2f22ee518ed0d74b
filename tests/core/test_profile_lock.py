"""A second GUI on the same profile is refused politely; the lock dies with its process."""

from __future__ import annotations

import subprocess
import sys

import pytest

from adjuster.profile import GuiLock, Profile, ProfileLockedError


def test_second_lock_is_refused_with_a_clear_message(tmp_path):
    profile = Profile.at(tmp_path)
    code = (
        "import sys, time; from adjuster.profile import Profile, GuiLock; "
        f"lock = GuiLock(Profile.at({str(tmp_path)!r})); lock.acquire(); print('locked', flush=True); time.sleep(30)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(ProfileLockedError, match="already open on this profile"):
            GuiLock(profile).acquire()
    finally:
        holder.kill()
        holder.wait()
    lock = GuiLock(profile)
    lock.acquire()  # free again once the holder is gone
    lock.release()


def test_settings_survive_and_bad_settings_fall_back(tmp_path):
    profile = Profile.at(tmp_path)
    profile.settings["user_name"] = "王磊"
    profile.save_settings()
    assert Profile.at(tmp_path).user == "王磊"
    (tmp_path / "settings.json").write_text("{broken")
    assert Profile.at(tmp_path).settings["report_lang"] == "zh"
