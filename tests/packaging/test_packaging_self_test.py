"""`adjuster --self-test` from the source tree, and the frozen entry point's `-c` shim that
`adjuster doctor` relies on inside a PyInstaller bundle."""

from __future__ import annotations

import subprocess
import sys

from packaging_helpers import ROOT, VENV_BIN, clean_env


def test_self_test_passes_from_the_source_tree(tmp_path) -> None:
    proc = subprocess.run([str(VENV_BIN / "adjuster"), "--self-test"], cwd=tmp_path, env=clean_env(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    for step in ("profile", "photo", "heic", "templates", "calc", "report", "preview"):
        assert any(line.startswith(f"ok  {step}") for line in lines), (step, proc.stdout)
    assert lines[-1] == "self-test passed"
    assert "900×1200 upright" in proc.stdout  # the orientation-6 photo reads as portrait


def test_self_test_leaves_no_profile_behind(tmp_path) -> None:
    env = clean_env(TMPDIR=str(tmp_path))
    proc = subprocess.run([str(VENV_BIN / "adjuster"), "--self-test"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("adjuster-selftest-")]


def test_self_test_failure_is_one_line_and_exit_1(tmp_path) -> None:
    """A broken installation (here: reportlab cannot be imported) fails with a named reason."""
    shadow = tmp_path / "shadow"
    (shadow / "reportlab").mkdir(parents=True)
    (shadow / "reportlab" / "__init__.py").write_text("raise ImportError('reportlab is broken in this test')\n")
    env = clean_env(PYTHONPATH=str(shadow))
    proc = subprocess.run([str(VENV_BIN / "adjuster"), "--self-test"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("FAIL self-test:") and "reportlab is broken" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_entry_point_runs_code_like_python_c(tmp_path) -> None:
    entry = ROOT / "packaging" / "entry.py"
    proc = subprocess.run([sys.executable, str(entry), "-c", "import sys; print('ran', sys.argv)", "x"],
                          cwd=tmp_path, env=clean_env(), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ran ['-c', 'x']"


def test_entry_point_is_the_cli(tmp_path) -> None:
    entry = ROOT / "packaging" / "entry.py"
    proc = subprocess.run([sys.executable, str(entry), "--version"], cwd=tmp_path, env=clean_env(),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "version" in proc.stdout
