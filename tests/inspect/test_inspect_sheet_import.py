"""Template authoring from CSV/XLSX: one row per item; errors name the row and column."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from adjuster.domain.errors import ValidationError
from adjuster.inspect.sheet_import import import_sheet, write_sheet
from adjuster.inspect.templates import list_templates

HEADER = "category,category_zh,category_en,category_weight,key,question_zh,question_en,answer,weight,severity,unit,ok_min,ok_max,severity_rules,choices,photo"
ROWS = [
    "exits,疏散,Escape,30,ex.clear,通道畅通？,Routes clear?,check,5,4,,,,,,if_deficient",
    "exits,,,,ex.width,通道宽度,Route width,number,3,2,m,1.1,,below 0.8: 3,,",
    "power,电气,Power,20,pw.panel,配电箱状况,Panel state,choice,4,,,,,,good|好|Good|ok; bad|差|Bad|deficient|3,",
]


def _csv(tmp_path: Path, rows: list[str], *, header: str = HEADER, encoding: str = "utf-8", name: str = "my_list.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(("\n".join([header, *rows]) + "\n").encode(encoding))
    return path


def test_csv_becomes_a_template(tmp_path: Path) -> None:
    tpl = import_sheet(_csv(tmp_path, ROWS), title_zh="我的检查表", version=3)
    assert tpl.ref == "my_list@3"
    assert tpl.title == {"zh": "我的检查表"}
    assert [(c.key, c.weight, len(c.items)) for c in tpl.categories] == [("exits", 30, 2), ("power", 20, 1)]
    width = tpl.item("ex.width")
    assert (width.unit, str(width.ok_min), width.severity_rules[0].severity) == ("m", "1.1", 3)
    panel = tpl.item("pw.panel")
    assert [(c.value, c.result, c.severity) for c in panel.choices] == [("good", "ok", None), ("bad", "deficient", 3)]
    assert panel.choices[1].label == {"zh": "差", "en": "Bad"}
    assert tpl.item("ex.clear").photo == "if_deficient"


def test_csv_from_chinese_excel_in_gb18030_with_semicolons(tmp_path: Path) -> None:
    rows = [r.replace(",", ";") for r in ROWS[:2]]
    path = _csv(tmp_path, rows, header=HEADER.replace(",", ";"), encoding="gb18030")
    tpl = import_sheet(path)
    assert tpl.item("ex.clear").question["zh"] == "通道畅通？"


def test_xlsx_with_a_template_sheet(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "items"
    ws.append(HEADER.split(","))
    for row in ROWS:
        cells: list[object] = row.split(",")
        cells[3] = int(cells[3]) if cells[3] else None  # numbers typed as numbers, as Excel stores them
        cells[8] = float(cells[8])
        ws.append(cells)
    ws.append([])  # blank rows are skipped
    meta = wb.create_sheet("template")
    for key, value in [("id", "dept_fire"), ("version", 2), ("title_en", "Department fire list"), ("perils", "fire")]:
        meta.append([key, value])
    path = tmp_path / "dept.xlsx"
    wb.save(path)
    tpl = import_sheet(path)
    assert tpl.ref == "dept_fire@2"
    assert tpl.perils == ("fire",)
    assert tpl.item("ex.clear").weight == 5
    assert import_sheet(path, id="override").id == "override"


@pytest.mark.parametrize("tpl", list_templates(), ids=lambda t: t.id)
@pytest.mark.parametrize("ext", ["csv", "xlsx"])
def test_shipped_templates_round_trip_through_a_sheet(tmp_path: Path, tpl, ext: str) -> None:
    path = tmp_path / f"{tpl.id}.{ext}"
    write_sheet(tpl, path)
    meta = {}
    if ext == "csv":  # a CSV holds items only; identity comes from the command line
        meta = {"id": tpl.id, "version": tpl.version, "title_zh": tpl.title["zh"], "title_en": tpl.title["en"],
                "description_zh": tpl.doc["description"]["zh"], "description_en": tpl.doc["description"]["en"],
                "perils": "; ".join(tpl.perils)}
    assert import_sheet(path, **meta).doc == tpl.doc


BAD_ROWS = [
    ("weight not a number", 3, "weight", "abc", "row 3, column weight", "whole number"),
    ("weight fractional", 3, "weight", "2.5", "row 3, column weight", "whole number"),
    ("unknown answer type", 2, "answer", "yesno", "row 2, column answer", "is not one of"),
    ("severity out of range", 2, "severity", "7", "row 2, column severity", "maximum"),
    ("number item without unit", 3, "unit", "", "row 3, column unit", "is required"),
    ("bad ok_min", 3, "ok_min", "one", "row 3, column ok_min", "expected a number"),
    ("bad severity rule", 3, "severity_rules", "under 3", "row 3, column severity_rules", "below 0.15: 3"),
    ("bad choices", 4, "choices", "good|ok", "row 4, column choices", "value|中文|English|result"),
    ("choice with bad result", 4, "choices", "good|好|Good|ok; bad|差|Bad|awful", "row 4, column choices", "is not one of"),
    ("duplicate key", 3, "key", "ex.clear", "row 3, column key", "duplicate item key"),
    ("bad key", 2, "key", "Ex Clear", "row 2, column key", "lower-case"),
    ("missing question", 2, "question_zh", "", "row 2, column question_zh", "required"),
    ("photo rule", 2, "photo", "yes", "row 2, column photo", "is not one of"),
]


@pytest.mark.parametrize(("row", "column", "value", "field", "words"), [b[1:] for b in BAD_ROWS], ids=[b[0] for b in BAD_ROWS])
def test_bad_cell_is_reported_by_row_and_column(tmp_path: Path, row: int, column: str, value: str, field: str, words: str) -> None:
    names = HEADER.split(",")
    rows = [r.split(",") for r in ROWS]
    rows[row - 2][names.index(column)] = value
    if column == "question_zh":
        rows[row - 2][names.index("question_en")] = ""
    path = _csv(tmp_path, [",".join(r) for r in rows])
    with pytest.raises(ValidationError) as info:
        import_sheet(path)
    assert info.value.field == field
    assert words in info.value.message
    assert str(info.value).startswith(f"{field}: ")


def test_first_row_of_a_category_needs_its_weight(tmp_path: Path) -> None:
    rows = [ROWS[0].replace("Escape,30,", "Escape,,"), *ROWS[1:]]
    with pytest.raises(ValidationError, match=r"^row 2, column category_weight: is required"):
        import_sheet(_csv(tmp_path, rows))


def test_conflicting_category_weight_is_refused(tmp_path: Path) -> None:
    rows = [ROWS[0], ROWS[1].replace("exits,,,,", "exits,,,25,"), ROWS[2]]
    with pytest.raises(ValidationError, match=r"^row 3, column category_weight: 25 differs from 30 on row 2"):
        import_sheet(_csv(tmp_path, rows))


def test_header_problems(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"^row 1, column colour: unknown column"):
        import_sheet(_csv(tmp_path, ROWS, header=HEADER + ",colour"))
    with pytest.raises(ValidationError, match=r"^row 1, column weight: this column is required"):
        import_sheet(_csv(tmp_path, [], header=HEADER.replace(",weight,", ",")))
    with pytest.raises(ValidationError, match="no item rows"):
        import_sheet(_csv(tmp_path, []))


def test_category_level_schema_error_points_at_category_columns(tmp_path: Path) -> None:
    rows = [ROWS[0].replace("Escape,30,", "Escape,300,"), *ROWS[1:]]
    with pytest.raises(ValidationError, match=r"^row 2, column category_weight: .*maximum"):
        import_sheet(_csv(tmp_path, rows))


def test_template_identity_errors(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"^template.version"):
        import_sheet(_csv(tmp_path, ROWS), version="two")
    with pytest.raises(ValidationError, match=r"^template.id"):
        import_sheet(_csv(tmp_path, ROWS), id="Bad Id")
    with pytest.raises(ValidationError, match="expected a .csv or .xlsx"):
        import_sheet(tmp_path / "list.ods")
    not_xlsx = tmp_path / "fake.xlsx"
    not_xlsx.write_bytes(b"not a zip")
    with pytest.raises(ValidationError, match="not a readable XLSX"):
        import_sheet(not_xlsx)
