"""Shared paths and runners for the packaging tests."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
SKIP_COPY = shutil.ignore_patterns(".venv", ".git", "build", "dist", "__pycache__", "*.egg-info", ".pytest_cache",
                                   ".ruff_cache", ".hypothesis", "tests", "bench", "docs", "out", ".helpers")


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without profile overrides, headless Qt, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in ("ADJUSTER_HOME", "ADJUSTER_HUB_HOME", "PYTHONPATH")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def build_wheel(out_dir: Path, *, frontend: str | None = None) -> Path:
    """``python -m build --wheel`` from a copy of the source, so the checkout's build/ is not reused.

    Where the ``build`` package is not installed (the test extras do not list it), ``pip wheel``
    runs the same PEP 517 backend (setup.py's resource copy included).
    """
    src = out_dir / "src"
    shutil.copytree(ROOT, src, ignore=SKIP_COPY)
    if frontend is None:
        frontend = "build" if importlib.util.find_spec("build") else "pip"
    if frontend == "build":
        cmd = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out_dir), str(src)]
    else:
        cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out_dir), str(src)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    wheels = sorted(out_dir.glob("adjuster-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def unpack(wheel: Path, dest: Path) -> Path:
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(dest)
    return dest
