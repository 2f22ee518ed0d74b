"""Unit price catalogue: CSV import with errors naming line and column; items keep their price."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from calc_helpers import terms

from adjuster.calc import calculate, load_catalogue, parse_catalogue_csv, price_item_from
from adjuster.calc.catalogue import sample_catalogue_path
from adjuster.domain.enums import Section
from adjuster.domain.errors import ValidationError

HEADER = "code,description_zh,description_en,unit,unit_price,useful_life_years\n"


def test_sample_catalogue_loads() -> None:
    entries = load_catalogue(sample_catalogue_path())
    assert len(entries) >= 30
    codes = {e.code for e in entries}
    assert len(codes) == len(entries)
    assert {e.section for e in entries} >= {Section.BUILDING, Section.CONTENTS, Section.MACHINERY}
    assert all(e.description_zh and e.description_en and e.unit_price > 0 for e in entries)


def test_sample_catalogue_prices_the_doc_example() -> None:
    # the warehouse example's computers are CT-PC-01 at 5,200.00 with 5 years' useful life
    entry = {e.code: e for e in load_catalogue(sample_catalogue_path())}["CT-PC-01"]
    assert entry.unit_price == Decimal("5200.00") and entry.useful_life_years == Decimal("5")


def test_parse_with_bom_quotes_blank_lines_and_extra_columns() -> None:
    text = "\ufeff" + HEADER.strip() + ",supplier\n" + 'A1,水泵,"Pump, 2 kW",台,1280.50,8,ACME\n\nA2,,Labour,h,85,,\n'
    a1, a2 = parse_catalogue_csv(text)
    assert a1.description_en == "Pump, 2 kW" and a1.unit_price == Decimal("1280.50")
    assert a1.useful_life_years == Decimal("8") and a1.section is None
    assert a2.useful_life_years is None
    assert a2.description("zh") == "Labour"  # falls back to English when Chinese is empty


@pytest.mark.parametrize(
    ("rows", "field", "words"),
    [
        ("A1,水泵,Pump,台,-5,8\n", "line 2.unit_price", "non-negative"),
        ("A1,水泵,Pump,台,12.x,8\n", "line 2.unit_price", "decimal"),
        ("A1,水泵,Pump,台,,8\n", "line 2.unit_price", "empty"),
        ("A1,水泵,Pump,台,10,0\n", "line 2.useful_life_years", "greater than zero"),
        ("A1,水泵,Pump,台,10,abc\n", "line 2.useful_life_years", "decimal"),
        (",水泵,Pump,台,10,8\n", "line 2.code", "empty"),
        ("A1,,,台,10,8\n", "line 2.description_zh", "description"),
        ("A1,水泵,Pump,,10,8\n", "line 2.unit", "empty"),
        ("A1,水泵,Pump,台,10,8\nA1,电机,Motor,台,20,8\n", "line 3.code", "duplicate"),
        ("A1,水泵,Pump,台,10,8,extra\n", "line 2", "more cells"),
    ],
)
def test_bad_rows_name_line_and_column(rows: str, field: str, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_catalogue_csv(HEADER + rows)
    assert info.value.field == field
    assert words in info.value.message


def test_missing_columns_and_unknown_section() -> None:
    with pytest.raises(ValidationError) as info:
        parse_catalogue_csv("code,unit,unit_price\nA,m,1\n")
    assert info.value.field == "line 1" and "description_zh" in info.value.message
    with pytest.raises(ValidationError) as info:
        parse_catalogue_csv(HEADER.strip() + ",section\nA,x,y,m,1,,garden\n")
    assert info.value.field == "line 2.section"


def test_load_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "prices.csv"
    path.write_text(HEADER + "A1,水泵,Pump,台,oops,8\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_catalogue(path)
    assert info.value.field == "prices.csv:line 2.unit_price"
    path.write_bytes(HEADER.encode() + "A1,水泵,Pump,台,1,8\n".encode("gbk"))
    with pytest.raises(ValidationError, match="UTF-8"):
        load_catalogue(path)


def test_priced_item_keeps_its_price_when_the_catalogue_changes() -> None:
    (entry,) = parse_catalogue_csv(HEADER + "CT-PC-01,台式电脑,Desktop PC,台,5200.00,5\n")
    it = price_item_from(entry, Decimal("6"), section="contents", age_years=Decimal("3"))
    assert (it.unit_price, it.unit, it.useful_life_years, it.catalogue_code) == (Decimal("5200.00"), "台", Decimal("5"), "CT-PC-01")
    assert it.description == "台式电脑"
    # RC 6 × 5,200.00 = 31,200.00; dep 31,200.00 × 3 ÷ 5 = 18,720.00; loss 12,480.00
    before = calculate(terms(), [it]).indemnity
    assert before == Decimal("12480.00")
    repriced = replace(entry, unit_price=Decimal("4999.00"))  # the catalogue is updated later
    assert repriced.unit_price != it.unit_price
    assert calculate(terms(), [it]).indemnity == before


def test_price_item_needs_a_section() -> None:
    (entry,) = parse_catalogue_csv(HEADER + "X,水泵,Pump,台,10,\n")
    with pytest.raises(ValidationError) as info:
        price_item_from(entry, Decimal("1"))
    assert info.value.field == "section"
    (entry,) = parse_catalogue_csv(HEADER.strip() + ",section\nX,水泵,Pump,台,10,,machinery\n")
    assert price_item_from(entry, Decimal("1"), lang="en").section is Section.MACHINERY
