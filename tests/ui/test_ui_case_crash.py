"""Crash safety: edits are in the database as soon as a field is committed, so a killed app loses at
most the field being typed. The app runs in a child process that is SIGKILLed mid-session."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from adjuster.domain.models import Case, LossItem
from adjuster.profile import Profile

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication
    from adjuster.profile import Profile
    from ui.app import build_context, create_application
    from ui.i18n import Translations
    from ui.main_window import MainWindow

    app = create_application()
    profile = Profile.at(sys.argv[1])
    tr = Translations(app)
    ctx = build_context(profile, profile.open_store(), profile.open_media(), tr)
    w = MainWindow(ctx)
    w.show()
    editor = w.open_case(sys.argv[2])
    form = editor.overview.form
    form.bindings["insured_name"].widget.setText("Saved Before The Crash")
    assert form.commit("insured_name")
    editor.items.model.edit(0, {"unit_price": "4321.50"})
    form.bindings["peril"].widget.setText("typed but never committed")
    narrative = form.bindings["narrative_cause"].widget
    narrative.setPlainText("being typed when the power went")  # its autosave timer has not fired
    QCoreApplication.processEvents()
    print("ready", flush=True)
    sys.stdin.readline()  # the parent kills us here
""")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killed_app_keeps_every_committed_field(tmp_path: Path) -> None:
    profile = Profile.at(tmp_path / "p")
    store = profile.open_store()
    case = store.cases.create(Case(claim_no="CLM-K-0001", insured_name="Before", sum_insured="1000",
                                   insured_value="1000"))
    store.items.create(LossItem(case_id=case.id, description="Pump", unit_price="10"))
    store.close()
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(profile.root), case.id], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line.strip() != "ready":
        proc.kill()
        pytest.fail(f"child did not get ready: {line!r} {proc.stderr.read() if proc.stderr else ''}")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    store = profile.open_store()
    try:
        after = store.cases.get(case.id)
        assert after.insured_name == "Saved Before The Crash"
        assert store.items.for_case(case.id)[0].unit_price == Decimal("4321.50")
        assert after.peril == ""  # only what was being typed is lost
        assert store.integrity_check() == "ok"
        assert any(e["action"] == "update" for e in store.history([case.id]))
    finally:
        store.close()
