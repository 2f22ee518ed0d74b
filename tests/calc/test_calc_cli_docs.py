"""`adjuster calc` on the sample case files reproduces the figures printed in docs/calc.md."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from adjuster.cli import main

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "calc.md"
BLOCK = re.compile(r"<!-- (statement|totals): (\S+) -->\n(.*?)<!-- /\1 -->", re.S)


def doc_blocks(kind: str) -> dict[str, list[list[str]]]:
    """Markdown tables between ``<!-- kind: file -->`` markers: file → rows of cells."""
    out: dict[str, list[list[str]]] = {}
    for found_kind, path, body in BLOCK.findall(DOC.read_text(encoding="utf-8")):
        if found_kind != kind:
            continue
        rows = [line.strip().strip("|").split(" | ") for line in body.strip().splitlines()]
        out[path] = [[cell.strip() for cell in row] for row in rows[2:]]  # skip header and rule
    return out


def run_calc(*args: str) -> dict:
    result = CliRunner().invoke(main, ["calc", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def plain(value: str) -> str:
    """'164,677.75' → '164677.75'; backticks around keys dropped."""
    return value.strip("`").replace(",", "") if re.fullmatch(r"[\d,]+\.\d+", value) else value.strip("`")


def test_doc_has_examples_for_every_sample_case() -> None:
    samples = {f"docs/examples/{p.name}" for p in (ROOT / "docs" / "examples").glob("case_*.json")}
    assert samples and samples <= set(doc_blocks("totals"))


@pytest.mark.parametrize("path", sorted(doc_blocks("totals")))
def test_totals_in_the_doc_match_the_cli(path: str) -> None:
    out = run_calc(str(ROOT / path), "--json")
    for field, value in doc_blocks("totals")[path]:
        assert out[plain(field)] == plain(value), field


@pytest.mark.parametrize("path", sorted(doc_blocks("statement")))
def test_every_statement_row_in_the_doc_matches_the_cli(path: str) -> None:
    out = run_calc(str(ROOT / path), "--json", "--lang", "zh")
    rows = doc_blocks("statement")[path]
    documented = [(plain(r[2]), r[1].replace("\\|", "|"), r[3], plain(r[4])) for r in rows]
    printed = [(s["key"], s["label"], s["formula"], s["amount"]) for s in out["steps"]]
    assert documented == printed


def test_json_output_has_the_required_keys() -> None:
    out = run_calc(str(ROOT / "docs/examples/case_warehouse_flood.json"), "--json")
    assert {"loss", "deductible", "indemnity", "indemnity_words_zh", "steps"} <= set(out)
    assert re.fullmatch(r"\d+\.\d\d", out["indemnity"])
    assert all({"label", "formula", "amount"} <= set(step) for step in out["steps"])


@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_table_output_is_aligned(lang: str) -> None:
    from adjuster.calc.render import display_width

    result = CliRunner().invoke(main, ["calc", str(ROOT / "docs/examples/case_warehouse_flood.json"), "--lang", lang])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if line.startswith("    ")]
    # the amount column ends at the same display column on every row
    ends = {display_width(m.group(1)) for row in rows if (m := re.match(r"(.*?\d\.\d\d)(  |$)", row))}
    assert len(ends) == 1
    assert "164,677.75" in result.output
    if lang != "en":
        assert "壹拾陆万肆仟陆佰柒拾柒元柒角伍分" in result.output
    if lang != "zh":
        assert "Seventy-Five Cents Only" in result.output


def test_errors_are_one_line_and_exit_1(tmp_path: Path) -> None:
    bad = json.loads((ROOT / "docs/examples/case_warehouse_flood.json").read_text(encoding="utf-8"))
    bad["items"][0]["salvage"] = "999999.00"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["calc", str(path)])
    assert result.exit_code == 1
    assert result.output.strip().startswith("error: items[0].salvage:")
    assert len(result.output.strip().splitlines()) == 1


def test_malformed_json_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "adjuster.case/1", ', encoding="utf-8")
    result = CliRunner().invoke(main, ["calc", str(path)])
    assert result.exit_code == 1 and "not valid JSON" in result.output


def test_json_numbers_in_the_file_are_read_exactly(tmp_path: Path) -> None:
    # 3 × 0.1 would be 0.30000000000000004 in binary; read exactly it is 0.30
    doc = {"format": "adjuster.case/1", "case": {"sum_insured": 1000, "insured_value": 1000},
           "items": [{"description": "bolt", "section": "stock", "qty": 3, "unit_price": "X"}]}
    path = tmp_path / "floats.json"
    path.write_text(json.dumps(doc).replace('"X"', "0.1"), encoding="utf-8")
    assert run_calc(str(path), "--json")["loss"] == "0.30"
