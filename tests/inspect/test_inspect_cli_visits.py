"""``adjuster visits`` and ``adjuster recommendations`` over a demo profile."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from inspect_helpers import sha

from adjuster.cli import main
from adjuster.inspect.demo import build_demo_visits
from adjuster.profile import Profile

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo profile for the module: the commands here only read."""
    root = tmp_path_factory.mktemp("cli_visits") / "profile"
    store = Profile.at(root).open_store()
    try:
        build_demo_visits(store, [sha(n) for n in range(1, 7)], today=TODAY)
    finally:
        store.close()
    return root


def run(data_dir: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), *args])
    return result.exit_code, result.output


def test_visits_without_site_lists_sites(data_dir: Path) -> None:
    code, out = run(data_dir, "visits")
    assert code == 0
    assert "华东精密机械有限公司" in out and "D → C → A" in out
    code, out = run(data_dir, "visits", "--json")
    assert {r["trend"] for r in json.loads(out)} == {"D → C → A", "C → C → B"}


def test_visits_of_a_site_by_name(data_dir: Path) -> None:
    code, out = run(data_dir, "visits", "华东精密机械有限公司 苏州工厂", "--today", "2026-06-01")
    assert code == 0, out
    assert "Grade over visits: D → C → A" in out
    assert "Fire-protection facilities: 3 medium" in out
    assert "fire_safety@1" in out
    assert "overdue 60d" in out  # sprinkler clearance, due 90 days after the visit 150 days ago


def test_visits_json_by_id(data_dir: Path) -> None:
    code, out = run(data_dir, "visits", "--json")
    site_id = next(r["id"] for r in json.loads(out) if r["name"].startswith("Lingang"))
    code, out = run(data_dir, "visits", site_id, "--json", "--today", "2026-06-01")
    assert code == 0
    data = json.loads(out)
    assert [v["grade"] for v in data["visits"]] == ["C", "C", "B"]
    assert [v["template"] for v in data["visits"]] == ["flood_typhoon@1", "warehouse@1", "flood_typhoon@1"]
    assert {p["peril"]: p["level"] for p in data["perils"]}["water"] == 4
    assert sum(1 for r in data["open_recommendations"] if r["effective_status"] == "overdue") == 3


def test_unknown_site_is_an_error(data_dir: Path) -> None:
    code, out = run(data_dir, "visits", "nowhere")
    assert code == 1 and "site 'nowhere' not found" in out


def test_recommendations_overdue_with_fixed_date(data_dir: Path) -> None:
    code, out = run(data_dir, "recommendations", "--overdue", "--today", "2026-06-01", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["item_key"] for r in rows] == ["flood.base.equipment", "wh.sto.top_clearance", "wh.op.forklift",
                                             "fire.spr.clearance"]
    assert all(r["effective_status"] == "overdue" and r["days_overdue"] > 0 for r in rows)
    code, out = run(data_dir, "recommendations", "--overdue", "--today", "2024-01-01")
    assert code == 0 and "no overdue recommendations" in out
    code, out = run(data_dir, "recommendations", "--today", "2026-06-01")
    assert code == 0 and "5 recommendation(s), 4 overdue as of 2026-06-01" in out
    code, out = run(data_dir, "recommendations", "--all", "--json")
    assert len(json.loads(out)) == 15
    code, out = run(data_dir, "recommendations", "--site", "华东精密机械有限公司 苏州工厂", "--json")
    assert [r["item_key"] for r in json.loads(out)] == ["fire.spr.clearance"]
