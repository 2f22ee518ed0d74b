"""UI benchmark: start-up to the main window with 10,000 cases, and the case list's scrolling and
filtering. Prints the figures; targets: window shown < 1 s, filter response < 100 ms.

    .venv/bin/python bench/ui.py [--cases 10000] [--data-dir DIR]

Runs offscreen unless a display is set (QT_QPA_PLATFORM is respected). The profile is built once
and reused when --data-dir points at one that already has enough cases.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PERILS = ["火灾", "暴雨水浸", "台风", "Theft", "Escape of water", "Hailstorm", "盗抢", "Fire"]
STATUSES = ["draft", "submitted", "in_review", "approved", "returned", "closed"]
NAMES = ["宁波海联进出口有限公司", "Harbour View Trading Ltd", "上海静安庭餐饮管理有限公司", "Golden Lotus Restaurant",
         "深圳市鹏程精密制造有限公司", "Northbridge Construction Co."]


def build_profile(data_dir: Path, n: int) -> float:
    """Fill the profile with ``n`` cases through the store (audit + outbox, like real edits)."""
    from adjuster.domain.models import Case
    from adjuster.profile import Profile

    profile = Profile.at(data_dir)
    profile.settings.update(user_name="bench", ui_lang="zh_CN")
    profile.save_settings()
    store = profile.open_store()
    try:
        have = store.cases.count()
        if have >= n:
            return 0.0
        t = time.perf_counter()
        with store.transaction():
            for i in range(have, n):
                store.cases.create(Case(
                    claim_no=f"BENCH-{i:06d}", insured_name=f"{NAMES[i % len(NAMES)]} {i}", peril=PERILS[i % len(PERILS)],
                    loss_date=f"20{20 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}", adjuster=f"adj{i % 25}",
                    sum_insured=str(100000 + i * 10), insured_value=str(100000 + i * 10),
                    risk_address=f"Road {i % 500}, District {i % 17}"))
                if i % 3:
                    store.execute("UPDATE cases SET status = ? WHERE claim_no = ?", [STATUSES[i % len(STATUSES)], f"BENCH-{i:06d}"])
        return time.perf_counter() - t
    finally:
        store.close()


def time_startup(data_dir: Path, runs: int) -> list[float]:
    """Wall time from spawning ``python -m ui.app`` to its main window painted."""
    env = dict(os.environ, ADJUSTER_STARTUP_TIMING="quit", PYTHONPATH=str(ROOT),
               XDG_CONFIG_HOME=str(data_dir / "bench-config"))  # window geometry not saved into $HOME
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c",
                                 f"import sys; from ui.app import main; sys.exit(main(['bench'], data_dir={str(data_dir)!r}))"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("shown"):
                out.append(time.perf_counter() - t0)
                break
        proc.wait(timeout=60)
    return out


def time_bare_window(runs: int) -> list[float]:
    code = ("from PySide6.QtWidgets import QApplication, QMainWindow; import sys; app = QApplication(sys.argv); "
            "w = QMainWindow(); w.resize(1400, 860); w.show(); w.repaint(); print('shown', flush=True)")
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
        out.append(time.perf_counter() - t0)
    return out


def time_list(data_dir: Path) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from adjuster.profile import Profile
    from ui.app import build_context, create_application
    from ui.i18n import Translations
    from ui.main_window import MainWindow

    app = create_application(["bench"])
    profile = Profile.at(data_dir)
    store = profile.open_store()
    translations = Translations(app)
    translations.set_language("zh_CN")
    ctx = build_context(profile, store, profile.open_media(), translations)
    window = MainWindow(ctx)
    window.show()
    QApplication.processEvents()
    panel = window.cases
    model, table = panel.model, panel.table
    figures: dict[str, float] = {}

    # scrolling: page through the whole list as the view asks for more rows
    t = time.perf_counter()
    pages = 0
    sb = table.verticalScrollBar()
    while model.canFetchMore():
        sb.setValue(sb.maximum())
        QApplication.processEvents()
        pages += 1
        if pages > 1000:
            break
    figures["scroll_all_s"] = time.perf_counter() - t
    figures["scroll_rows"] = model.rowCount()
    figures["scroll_per_page_ms"] = figures["scroll_all_s"] * 1000 / max(pages, 1)

    def filtered(**kw: object) -> float:
        t = time.perf_counter()
        model.update_filter(**kw)
        table.viewport().repaint()
        return (time.perf_counter() - t) * 1000

    samples = {
        "search claim no.": [filtered(search=f"BENCH-00{d}") for d in range(10, 40)],
        "search insured (zh)": [filtered(search=s) for s in ("宁波", "上海", "深圳", "餐饮", "精密") * 4],
        "search no match": [filtered(search=f"zzz{i}") for i in range(20)],
        "status filter": [filtered(search="", statuses=(s,)) for s in STATUSES * 3],
        "adjuster filter": [filtered(statuses=(), adjuster=f"adj{i}") for i in range(20)],
        "sort by insured": [filtered(adjuster="", order_by="insured_name", descending=bool(i % 2)) for i in range(10)],
    }
    for name, ms in samples.items():
        figures[f"filter[{name}] median_ms"] = statistics.median(ms)
        figures[f"filter[{name}] max_ms"] = max(ms)
    # typing in the search box: keystrokes are debounced; time from the pause to the list shown
    panel.clear_filters()
    t = time.perf_counter()
    panel.search.setText("BENCH-0099")
    panel.apply_filters()
    table.viewport().repaint()
    figures["search box → list shown ms"] = (time.perf_counter() - t) * 1000
    window.close()
    ctx.runner.wait()
    store.close()
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--data-dir", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    data_dir = args.data_dir or Path(tempfile.gettempdir()) / f"adjuster-bench-ui-{args.cases}"
    built = build_profile(data_dir, args.cases)
    print(f"profile {data_dir}: {args.cases} cases" + (f" (built in {built:.1f} s)" if built else " (reused)"))
    print(f"platform: {os.environ.get('QT_QPA_PLATFORM') or 'default (' + os.environ.get('DISPLAY', '') + ')'}")
    bare = time_bare_window(args.runs)
    print(f"bare PySide6 window shown:        median {statistics.median(bare):.3f} s  (min {min(bare):.3f})")
    start = time_startup(data_dir, args.runs)
    ok = "OK" if statistics.median(start) < 1.0 else "OVER TARGET"
    print(f"start → main window, {args.cases} cases: median {statistics.median(start):.3f} s  "
          f"(min {min(start):.3f}, max {max(start):.3f}; target < 1 s: {ok})")
    for name, value in time_list(data_dir).items():
        unit = "" if name == "scroll_rows" else ""
        print(f"{name:40s} {value:10.2f}{unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
