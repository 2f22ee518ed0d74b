"""packaging/adjuster.desktop is a valid menu entry that starts the app (parsed without
desktop-file-utils; desktop-file-validate also runs where it is installed)."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess

import pytest
from packaging_helpers import ROOT

DESKTOP = ROOT / "packaging" / "adjuster.desktop"
REQUIRED = {"Type": "Application", "Name": None, "Exec": None, "Icon": None}


def _entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(DESKTOP.read_text("utf-8"))
    assert parser.sections() == ["Desktop Entry"]
    return parser["Desktop Entry"]


def test_desktop_entry_has_the_required_keys() -> None:
    entry = _entry()
    for key, value in REQUIRED.items():
        assert entry.get(key), key
        if value:
            assert entry[key] == value
    assert entry["Terminal"] == "false"
    assert entry["Name[zh_CN]"] and entry["Comment[zh_CN]"]
    for key in ("Categories", "Keywords"):
        assert entry[key].endswith(";"), f"{key} must end with ';'"


def test_exec_runs_a_real_command_that_takes_no_file_arguments() -> None:
    """`Exec` must name the `gui` command and pass no %f/%F: `adjuster gui` accepts no files."""
    from click.testing import CliRunner

    from adjuster.cli import main

    argv = shlex.split(_entry()["Exec"])
    assert argv[0] == "adjuster" and not [a for a in argv if a.startswith("%")]
    result = CliRunner().invoke(main, [*argv[1:], "--help"])
    assert result.exit_code == 0, result.output
    assert _entry()["TryExec"] == "adjuster"


def test_icon_named_by_the_entry_is_shipped() -> None:
    icon = _entry()["Icon"]
    assert "/" not in icon  # a theme name, installed by packaging/install-linux
    assert (ROOT / "resources" / "icons" / f"{icon}-256.png").is_file()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed (apt-get install desktop-file-utils)")
def test_desktop_file_validate_accepts_it() -> None:
    proc = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr
