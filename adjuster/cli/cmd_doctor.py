"""``adjuster doctor``: check the environment and the profile, one line per check."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import click

from adjuster import __version__
from adjuster.cli.common import profile_from
from adjuster.resources import resource_path


def register(group: click.Group) -> None:
    group.add_command(doctor)


def _check_qt() -> tuple[bool, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    code = "from PySide6.QtWidgets import QApplication; app = QApplication([]); print(app.platformName())"
    try:
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as err:
        return False, f"could not start Qt ({err})"
    if out.returncode != 0:
        last = (out.stderr.strip().splitlines() or ["no output"])[-1]
        return False, f"Qt platform plugin failed: {last} — on Debian: apt-get install libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0"
    return True, f"Qt platform plugin '{out.stdout.strip()}' loads"


def _check_fonts() -> tuple[bool, str]:
    path = resource_path("fonts", "wqy-microhei.ttc")
    if not path.exists():
        return False, f"CJK font missing: {path}"
    try:
        from reportlab.pdfbase.ttfonts import TTFont

        TTFont("DoctorCJK", str(path), subfontIndex=0)
    except Exception as err:  # reportlab raises many types for a bad font
        return False, f"CJK font {path.name} does not load in reportlab: {err}"
    return True, f"CJK font {path.name} loads (embedded in PDFs, loaded by Qt)"


@click.command()
@click.pass_context
def doctor(ctx: click.Context) -> None:
    """Check Qt, fonts, the data directory and the database; exit 1 if anything fails."""
    profile = profile_from(ctx)
    results: list[tuple[str, bool, str]] = [("version", True, f"adjuster {__version__}, Python {sys.version.split()[0]}")]
    results.append(("qt", *_check_qt()))
    results.append(("fonts", *_check_fonts()))
    try:
        profile.root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=profile.root, prefix=".doctor-"):
            pass
        results.append(("data dir", True, f"{profile.root} is writable"))
    except OSError as err:
        results.append(("data dir", False, f"{profile.root} is not writable ({err.strerror})"))
    if profile.db_path.exists():
        from adjuster.domain.errors import AdjusterError

        try:
            store = profile.open_store()
            try:
                verdict = store.integrity_check()
                version = store.query_one("SELECT MAX(version) AS v FROM schema_version")
                cases = store.cases.count()
            finally:
                store.close()
            results.append(("database", verdict == "ok",
                            f"{profile.db_path}: integrity {verdict}, schema {version['v'] if version else '?'}, {cases} case(s)"))
        except AdjusterError as err:
            results.append(("database", False, str(err)))
    else:
        results.append(("database", True, f"{profile.db_path} not created yet (made on first start)"))
    failed = False
    for name, ok, message in results:
        failed |= not ok
        click.echo(f"{'ok  ' if ok else 'FAIL'}  {name:<9} {message}")
    if failed:
        sys.exit(1)
