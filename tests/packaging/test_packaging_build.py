"""The whole packaging/build (PyInstaller one-folder build + smoke test + wheel in a clean venv).
Takes one to two minutes and writes dist/ and build/, so it runs only when asked:
    ADJUSTER_PACKAGING=1 QT_QPA_PLATFORM=offscreen .venv/bin/pytest tests/packaging -q
"""

from __future__ import annotations

import os
import subprocess

import pytest
from packaging_helpers import ROOT, clean_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("ADJUSTER_PACKAGING") != "1",
                       reason="packaging build takes minutes: set ADJUSTER_PACKAGING=1 to run packaging/build"),
]


def test_packaging_build_and_smoke_test_pass() -> None:
    proc = subprocess.run([str(ROOT / "packaging" / "build")], cwd=ROOT, env=clean_env(),
                          capture_output=True, text=True, timeout=1800)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-6000:]
    assert "packaging: all good" in proc.stdout
    for marker in ("self-test passed", "ok    qt", "shown ", "hub answers on", "== wheel"):
        assert marker in proc.stdout, marker
    exe = ROOT / "dist" / "adjuster" / "adjuster"
    assert exe.is_file() and os.access(exe, os.X_OK)
    assert (ROOT / "dist" / "adjuster" / "_internal" / "resources" / "fonts" / "wqy-microhei.ttc").is_file()
