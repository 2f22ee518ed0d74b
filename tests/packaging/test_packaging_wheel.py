"""The wheel ships what the program reads at run time (font, migrations, schemas, templates,
translations) and runs from where it is unpacked, not from the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging_helpers import build_wheel, clean_env, unpack


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def test_wheel_contains_runtime_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    required = [
        "adjuster/_resources/fonts/wqy-microhei.ttc",
        "adjuster/_resources/fonts/LICENSE-wqy-microhei.txt",
        "adjuster/casefile_schema.json",
        "adjuster/_resources/templates/schema/template.schema.json",
        "adjuster/_resources/catalogue/sample_prices.csv",
        "adjuster/_resources/icons/adjuster.png",
        "adjuster/_resources/translations/adjuster_zh_CN.qm",
        "ui/app.py",
    ]
    missing = [n for n in required if n not in names]
    assert not missing, missing
    migrations = sorted(n for n in names if n.startswith("adjuster/store/migrations/") and n.endswith(".sql"))
    on_disk = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "adjuster/store/migrations").glob("*.sql"))
    assert [Path(n).name for n in migrations] == on_disk
    templates = [n for n in names if n.startswith("adjuster/_resources/templates/") and n.count("/") == 3]
    assert len(templates) >= 3, templates
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert "adjuster = adjuster.cli:main" in entry_points


def test_wheel_leaves_out_sources_of_generated_files(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if n.endswith(".ts") or "/glossary/" in n or n.startswith("tests/")]
    assert not [n for n in names if n.startswith("adjuster/_resources/") and n.endswith(".py")]


def test_unpacked_wheel_runs_self_test(wheel: Path, tmp_path: Path) -> None:
    """The installed package (not the checkout) passes --self-test: its resources are its own."""
    site = unpack(wheel, tmp_path / "site")
    env = clean_env(PYTHONPATH=str(site))
    where = subprocess.run([sys.executable, "-c", "import adjuster, adjuster.resources as r; "
                            "print(adjuster.__file__); print(r.resources_root())"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert where.returncode == 0, where.stderr
    module, resources = where.stdout.split()
    assert Path(module).is_relative_to(site) and Path(resources) == site / "adjuster" / "_resources"
    proc = subprocess.run([sys.executable, "-m", "adjuster", "--version"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "0." in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "adjuster", "--self-test"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "self-test passed" in proc.stdout


def test_pip_wheel_builds_the_same_files(wheel: Path, tmp_path: Path) -> None:
    """Whichever PEP 517 frontend builds it, the wheel holds the same files (the resources hook runs)."""
    other = build_wheel(tmp_path, frontend="pip")
    assert sorted(zipfile.ZipFile(other).namelist()) == sorted(zipfile.ZipFile(wheel).namelist())


def test_unpacked_wheel_lists_its_templates(wheel: Path, tmp_path: Path) -> None:
    site = unpack(wheel, tmp_path / "site")
    env = clean_env(PYTHONPATH=str(site), ADJUSTER_HOME=str(tmp_path / "home"))
    proc = subprocess.run([sys.executable, "-m", "adjuster", "templates", "list", "--json"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "fire_safety" in proc.stdout, proc.stdout
