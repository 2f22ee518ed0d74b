"""``adjuster templates …`` from the command line (click's runner, a throwaway profile)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from adjuster.cli import main
from adjuster.inspect.templates import RESOURCES, load_template


def run(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "profile"), *args])
    return result.exit_code, result.output


def test_list_shows_shipped_templates(tmp_path: Path) -> None:
    code, out = run(tmp_path, "templates", "list")
    assert code == 0
    assert "fire_safety" in out and "flood_typhoon" in out and "warehouse" in out
    code, out = run(tmp_path, "templates", "list", "--json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["fire_safety"]["items"] >= 25


def test_list_includes_the_profiles_own_templates(tmp_path: Path) -> None:
    own = tmp_path / "profile" / "templates"
    own.mkdir(parents=True)
    doc = json.loads((RESOURCES / "warehouse.json").read_text("utf-8"))
    doc.update(id="cold_store", version=4)
    (own / "cold_store.json").write_text(json.dumps(doc), encoding="utf-8")
    code, out = run(tmp_path, "templates", "list")
    assert code == 0 and "cold_store" in out
    code, out = run(tmp_path, "templates", "show", "cold_store@4")
    assert code == 0 and out.startswith("cold_store@4")


def test_show_in_chinese_with_grade_rule(tmp_path: Path) -> None:
    code, out = run(tmp_path, "templates", "show", "fire_safety", "--lang", "zh")
    assert code == 0
    assert "fire.spr.valve" in out and "报警阀组" in out and "A ≥ 90" in out
    code, out = run(tmp_path, "templates", "show", "fire_safety", "--json")
    assert json.loads(out)["id"] == "fire_safety"


def test_show_unknown_template_is_one_line_error(tmp_path: Path) -> None:
    code, out = run(tmp_path, "templates", "show", "nope")
    assert code == 1
    assert "template 'nope' not found" in out


def test_validate_good_and_bad(tmp_path: Path) -> None:
    good = str(RESOURCES / "fire_safety.json")
    code, out = run(tmp_path, "templates", "validate", good)
    assert code == 0 and "ok (fire_safety@1)" in out
    doc = json.loads((RESOURCES / "fire_safety.json").read_text("utf-8"))
    doc["categories"][2]["items"][4]["weight"] = "heavy"
    doc["categories"][0]["items"][0].pop("question")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    code, out = run(tmp_path, "templates", "validate", good, str(bad))
    assert code == 1
    assert "categories[0].items[0].question: is required" in out
    assert "categories[2].items[4].weight: expected integer" in out


def test_import_and_export_sheet(tmp_path: Path) -> None:
    sheet = tmp_path / "flood.xlsx"
    code, out = run(tmp_path, "templates", "export-sheet", "flood_typhoon", "-o", str(sheet))
    assert code == 0 and sheet.exists()
    target = tmp_path / "out.json"
    code, out = run(tmp_path, "templates", "import-sheet", str(sheet), "-o", str(target), "--id", "my_flood", "--version", "2")
    assert code == 0, out
    tpl = load_template(target)
    assert tpl.ref == "my_flood@2" and len(tpl.items) == 31


def test_import_sheet_error_names_row_and_column(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("category,category_weight,key,question_en,answer,weight,severity\n"
                     "c,10,c.one,One?,check,3,2\nc,,c.two,Two?,check,lots,2\n", encoding="utf-8")
    code, out = run(tmp_path, "templates", "import-sheet", str(sheet), "-o", str(tmp_path / "x.json"))
    assert code == 1
    assert "error: row 3, column weight: expected a whole number, got 'lots'" in out
    assert not (tmp_path / "x.json").exists()
