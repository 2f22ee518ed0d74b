"""Unit price catalogue: adjusters pick priced items instead of typing prices.

CSV, UTF-8 (a BOM from Excel is accepted), header row with at least
``code,description_zh,description_en,unit,unit_price,useful_life_years``; an optional ``section``
column (building, contents, stock, machinery, vehicle, other) saves passing it when pricing.
Other columns are ignored. ``useful_life_years`` may be empty (no depreciation basis, e.g. repair
work or stock). Errors name the line (the header is line 1) and the column.

``price_item_from`` copies the price into the item, so an item keeps the price it was priced at
when the catalogue is changed later; storage of the catalogue itself is the store's job.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from adjuster.calc.terms import ItemInput
from adjuster.domain.enums import Section
from adjuster.domain.errors import ValidationError
from adjuster.resources import resource_path

REQUIRED_COLUMNS = ("code", "description_zh", "description_en", "unit", "unit_price", "useful_life_years")
_PLAIN_DECIMAL = re.compile(r"\d+(\.\d+)?")


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    description_zh: str
    description_en: str
    unit: str
    unit_price: Decimal
    useful_life_years: Decimal | None = None
    section: Section | None = None

    def description(self, lang: str = "zh") -> str:
        """The description in a language, falling back to the other one when it is empty."""
        first, second = (self.description_zh, self.description_en) if lang == "zh" else (self.description_en, self.description_zh)
        return first or second


def _decimal(text: str, field: str, *, positive: bool) -> Decimal:
    if not _PLAIN_DECIMAL.fullmatch(text):
        raise ValidationError(field, f"{text!r} is not a plain non-negative decimal (e.g. 1280.00)")
    value = Decimal(text)
    if positive and value == 0:
        raise ValidationError(field, "must be greater than zero")
    return value


def _entry(row: dict[str, str | None], line: int) -> CatalogueEntry:
    cell = {key: (row.get(key) or "").strip() for key in (*REQUIRED_COLUMNS, "section")}
    where = f"line {line}"
    if not cell["code"]:
        raise ValidationError(f"{where}.code", "must not be empty")
    if not (cell["description_zh"] or cell["description_en"]):
        raise ValidationError(f"{where}.description_zh", "a description in Chinese or English is required")
    if not cell["unit"]:
        raise ValidationError(f"{where}.unit", "must not be empty")
    if not cell["unit_price"]:
        raise ValidationError(f"{where}.unit_price", "must not be empty")
    price = _decimal(cell["unit_price"], f"{where}.unit_price", positive=False)
    life = None
    if cell["useful_life_years"]:
        life = _decimal(cell["useful_life_years"], f"{where}.useful_life_years", positive=True)
    section = None
    if cell["section"]:
        try:
            section = Section(cell["section"])
        except ValueError:
            raise ValidationError(f"{where}.section", f"unknown section {cell['section']!r}") from None
    return CatalogueEntry(cell["code"], cell["description_zh"], cell["description_en"], cell["unit"], price, life, section)


def parse_catalogue_csv(source: str | Iterable[str]) -> list[CatalogueEntry]:
    """Entries from CSV text (or an iterable of lines). Refuses the whole file on the first error."""
    text = source if isinstance(source, str) else "".join(source)
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = [name.strip() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ValidationError("line 1", f"missing column(s): {', '.join(missing)}")
    entries: list[CatalogueEntry] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            raise ValidationError(f"line {line}", f"more cells than the {len(header)} columns of the header")
        if not any((value or "").strip() for value in row.values()):
            continue  # blank line
        entry = _entry(row, line)
        if entry.code in seen:
            raise ValidationError(f"line {line}.code", f"duplicate code {entry.code!r} (first on line {seen[entry.code]})")
        seen[entry.code] = line
        entries.append(entry)
    return entries


def load_catalogue(path: str | Path) -> list[CatalogueEntry]:
    """Entries from a CSV file; errors are prefixed with the file name."""
    path = Path(path)
    try:
        return parse_catalogue_csv(path.read_text(encoding="utf-8"))
    except ValidationError as err:
        raise ValidationError(f"{path.name}:{err.field}", err.message) from None
    except UnicodeDecodeError:
        raise ValidationError(path.name, "not UTF-8 text (save the CSV as UTF-8)") from None


def sample_catalogue_path() -> Path:
    """The shipped sample (about 30 building, contents, stock and machinery prices in CNY)."""
    return resource_path("catalogue", "sample_prices.csv")


def price_item_from(
    entry: CatalogueEntry,
    qty: Decimal,
    *,
    section: Section | str | None = None,
    age_years: Decimal | None = None,
    lang: str = "zh",
) -> ItemInput:
    """A new loss item priced from the catalogue: the unit price, unit and useful life are copied."""
    chosen = section or entry.section
    if chosen is None:
        raise ValidationError("section", f"catalogue item {entry.code!r} has no section; pass section=")
    return ItemInput(
        description=entry.description(lang),
        section=Section(chosen),
        qty=qty,
        unit_price=entry.unit_price,
        age_years=age_years,
        useful_life_years=entry.useful_life_years,
        unit=entry.unit,
        catalogue_code=entry.code,
    )
