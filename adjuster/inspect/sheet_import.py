"""Build a checklist template from a CSV or XLSX sheet, one row per item.

A risk department writes its own checklists in a spreadsheet instead of JSON. The first row holds
column names (any order, case-insensitive):

    category, category_zh, category_en, category_weight, key, question_zh, question_en,
    guidance_zh, guidance_en, answer, weight, severity, photo, unit, ok_min, ok_max,
    severity_rules, choices, recommendation_zh, recommendation_en

``choices`` is ``value|中文|English|result[|severity]`` entries separated by ``;`` and
``severity_rules`` is ``below 0.15: 3; below 0: 4``. Template identity comes from keyword arguments
or, in an XLSX workbook, a sheet named ``template`` with ``field | value`` rows (id, version,
title_zh, title_en, description_zh, description_en, perils). Every problem is a ValidationError whose
field reads ``row 7, column weight`` so the author can find the cell.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from adjuster.domain.errors import ValidationError
from adjuster.inspect.templates import FORMAT, Template, check_template, parse_template
from adjuster.util.money import MoneyError, to_decimal

REQUIRED = ("category", "key", "answer", "weight")
COLUMNS = (
    "category", "category_zh", "category_en", "category_weight", "key", "question_zh", "question_en",
    "guidance_zh", "guidance_en", "answer", "weight", "severity", "photo", "unit", "ok_min", "ok_max",
    "severity_rules", "choices", "recommendation_zh", "recommendation_en",
)
META_FIELDS = ("id", "version", "title_zh", "title_en", "description_zh", "description_en", "perils")
_RULE_RE = re.compile(r"^\s*(below|above)\s+(-?[0-9.]+)\s*:\s*([0-9]+)\s*$", re.IGNORECASE)

Row = tuple[int, dict[str, Any]]  # (spreadsheet row number, column → cell)


def _cell_error(row: int, column: str, message: str) -> ValidationError:
    return ValidationError(f"row {row}, column {column}", message)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# ---------------------------------------------------------------------------------------------
# Reading sheets into rows


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 — what Excel on a Chinese Windows saves."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _table_rows(table: Iterable[Iterable[Any]]) -> list[Row]:
    it = iter(table)
    header = next(it, None)
    if header is None:
        raise ValidationError("row 1", "the sheet is empty; the first row must name the columns")
    names = [_text(h).lower().replace(" ", "_") for h in header]
    for col, name in enumerate(names, start=1):
        if name and name not in COLUMNS:
            raise _cell_error(1, name, f"unknown column (column {col}); known: {', '.join(COLUMNS)}")
    for req in REQUIRED:
        if req not in names:
            raise _cell_error(1, req, "this column is required")
    if "question_zh" not in names and "question_en" not in names:
        raise _cell_error(1, "question_zh", "a question_zh or question_en column is required")
    rows: list[Row] = []
    for number, values in enumerate(it, start=2):
        cells = {n: v for n, v in zip(names, values, strict=False) if n}
        if all(_text(v) == "" for v in cells.values()):
            continue
        rows.append((number, cells))
    if not rows:
        raise ValidationError("row 2", "the sheet has no item rows")
    return rows


def read_csv(path: str | Path) -> list[Row]:
    text = _decode(Path(path).read_bytes())
    try:
        dialect: Any = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return _table_rows(csv.reader(io.StringIO(text), dialect))


def read_xlsx(path: str | Path) -> tuple[list[Row], dict[str, Any]]:
    """Item rows from the first sheet not named ``template``, and the ``template`` sheet's fields."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a bad file
        raise ValidationError(str(path), f"not a readable XLSX workbook ({err})") from None
    try:
        meta: dict[str, Any] = {}
        item_sheet = None
        for ws in wb.worksheets:
            if ws.title.strip().lower() == "template":
                for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
                    if not row or _text(row[0]) == "":
                        continue
                    name = _text(row[0]).lower()
                    if name not in META_FIELDS:
                        raise ValidationError(f"sheet template, row {number}", f"unknown field {name!r}")
                    meta[name] = row[1] if len(row) > 1 else None
            elif item_sheet is None:
                item_sheet = ws
        if item_sheet is None:
            raise ValidationError(str(path), "the workbook has no item sheet")
        rows = _table_rows(item_sheet.iter_rows(values_only=True))
    finally:
        wb.close()
    return rows, meta


# ---------------------------------------------------------------------------------------------
# Rows into a template document


def _int(row: int, column: str, value: Any, *, required: bool = False) -> int | None:
    text = _text(value)
    if text == "":
        if required:
            raise _cell_error(row, column, "is required")
        return None
    try:
        number = to_decimal(value, field=column)
    except MoneyError:
        raise _cell_error(row, column, f"expected a whole number, got {text!r}") from None
    if number != number.to_integral_value():
        raise _cell_error(row, column, f"expected a whole number, got {text!r}")
    return int(number)


def _number(row: int, column: str, value: Any) -> int | float | None:
    text = _text(value)
    if text == "":
        return None
    try:
        number = to_decimal(value, field=column)
    except MoneyError:
        raise _cell_error(row, column, f"expected a number, got {text!r}") from None
    return int(number) if number == number.to_integral_value() else float(number)


def _bilingual(cells: Mapping[str, Any], prefix: str) -> dict[str, str] | None:
    out = {lang: _text(cells.get(f"{prefix}_{lang}")) for lang in ("zh", "en")}
    out = {k: v for k, v in out.items() if v}
    return out or None


def _split(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;；\n]", text) if p.strip()]


def _choices(row: int, text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for entry in _split(text):
        parts = [p.strip() for p in entry.split("|")]
        if len(parts) not in (4, 5):
            raise _cell_error(row, "choices", f"{entry!r} must be value|中文|English|result[|severity]")
        value, zh, en, result, *sev = parts
        label = {k: v for k, v in (("zh", zh), ("en", en)) if v}
        choice: dict[str, Any] = {"value": value, "label": label, "result": result}
        if sev and sev[0]:
            if not sev[0].isdigit():
                raise _cell_error(row, "choices", f"severity {sev[0]!r} in {entry!r} is not a number 1–4")
            choice["severity"] = int(sev[0])
        out.append(choice)
    return out


def _rules(row: int, text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for entry in _split(text):
        m = _RULE_RE.match(entry)
        if not m:
            raise _cell_error(row, "severity_rules", f"{entry!r} must read like 'below 0.15: 3' or 'above 24: 3'")
        limit = Decimal(m.group(2))
        value = int(limit) if limit == limit.to_integral_value() else float(limit)
        out.append({m.group(1).lower(): value, "severity": int(m.group(3))})
    return out


def _item(row: int, cells: Mapping[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {"key": _text(cells.get("key"))}
    question = _bilingual(cells, "question")
    if question is None:
        raise _cell_error(row, "question_zh", "a question in Chinese or English is required")
    item["question"] = question
    item["answer"] = _text(cells.get("answer")).lower()
    item["weight"] = _int(row, "weight", cells.get("weight"), required=True)
    severity = _int(row, "severity", cells.get("severity"))
    if severity is not None:
        item["severity"] = severity
    for prefix in ("guidance", "recommendation"):
        text = _bilingual(cells, prefix)
        if text:
            item[prefix] = text
    photo = _text(cells.get("photo")).lower()
    if photo:
        item["photo"] = photo
    unit = _text(cells.get("unit"))
    if unit:
        item["unit"] = unit
    for column in ("ok_min", "ok_max"):
        number = _number(row, column, cells.get(column))
        if number is not None:
            item[column] = number
    if _text(cells.get("severity_rules")):
        item["severity_rules"] = _rules(row, _text(cells.get("severity_rules")))
    if _text(cells.get("choices")):
        item["choices"] = _choices(row, _text(cells.get("choices")))
    return item


_FIELD_COLUMN = {
    "question": "question_zh", "guidance": "guidance_zh", "recommendation": "recommendation_zh",
}


def _column_for(rest: str) -> str:
    """``question.en`` → ``question_en``; ``choices[1].severity`` → ``choices``."""
    head = re.split(r"[.\[]", rest, maxsplit=1)[0]
    if head in _FIELD_COLUMN:
        lang = rest.split(".", 1)[1] if "." in rest else ""
        return f"{head}_{lang}" if lang in ("zh", "en") else _FIELD_COLUMN[head]
    return head or "key"


def _map_error(err: ValidationError, item_rows: Mapping[tuple[int, int], int],
               cat_rows: Mapping[int, int]) -> ValidationError:
    """Translate a template JSON path into the sheet's row and column."""
    m = re.match(r"^categories\[(\d+)\]\.items\[(\d+)\](?:\.(.*))?$", err.field)
    if m:
        row = item_rows[(int(m.group(1)), int(m.group(2)))]
        return _cell_error(row, _column_for(m.group(3) or "key"), err.message)
    m = re.match(r"^categories\[(\d+)\](?:\.(.*))?$", err.field)
    if m:
        row = cat_rows[int(m.group(1))]
        rest = m.group(2) or "key"
        column = {"key": "category", "weight": "category_weight"}.get(rest.split(".")[0], "category_zh")
        if rest.startswith("title."):
            column = f"category_{rest.split('.', 1)[1]}"
        return _cell_error(row, column, err.message)
    return ValidationError(f"template.{err.field}", err.message)


def rows_to_doc(rows: list[Row], meta: Mapping[str, Any]) -> Template:
    """Build and validate a template from sheet rows and identity fields (see module docstring)."""
    categories: list[dict[str, Any]] = []
    by_key: dict[str, int] = {}
    item_rows: dict[tuple[int, int], int] = {}
    cat_rows: dict[int, int] = {}
    for row, cells in rows:
        cat_key = _text(cells.get("category"))
        if not cat_key:
            raise _cell_error(row, "category", "is required")
        title = {k: v for k, v in (("zh", _text(cells.get("category_zh"))), ("en", _text(cells.get("category_en")))) if v}
        weight = _int(row, "category_weight", cells.get("category_weight"))
        if cat_key not in by_key:
            if weight is None:
                raise _cell_error(row, "category_weight", f"is required on the first row of category {cat_key!r}")
            by_key[cat_key] = len(categories)
            cat_rows[len(categories)] = row
            categories.append({"key": cat_key, "title": title or {"en": cat_key}, "weight": weight, "items": []})
        else:
            cat = categories[by_key[cat_key]]
            if weight is not None and weight != cat["weight"]:
                raise _cell_error(row, "category_weight", f"{weight} differs from {cat['weight']} on row {cat_rows[by_key[cat_key]]}")
        ci = by_key[cat_key]
        item_rows[(ci, len(categories[ci]["items"]))] = row
        categories[ci]["items"].append(_item(row, cells))

    doc: dict[str, Any] = {"format": FORMAT, "id": _text(meta.get("id"))}
    version = _text(meta.get("version")) or "1"
    if not version.isdigit():
        raise ValidationError("template.version", f"expected a whole number, got {version!r}")
    doc["version"] = int(version)
    doc["title"] = _bilingual(meta, "title") or {"en": doc["id"]}
    description = _bilingual(meta, "description")
    if description:
        doc["description"] = description
    perils = _split(_text(meta.get("perils")).replace(",", ";"))
    if perils:
        doc["perils"] = perils
    doc["categories"] = categories
    errors = check_template(doc)
    if errors:
        raise _map_error(errors[0], item_rows, cat_rows)
    return parse_template(doc, source="sheet")


def import_sheet(path: str | Path, **meta: Any) -> Template:
    """Read a CSV or XLSX checklist and return the validated template.

    ``meta`` (id, version, title_zh, title_en, description_zh, description_en, perils) overrides the
    workbook's ``template`` sheet; ``id`` defaults to the file name.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        rows, sheet_meta = read_csv(p), {}
    elif suffix in (".xlsx", ".xlsm"):
        rows, sheet_meta = read_xlsx(p)
    else:
        raise ValidationError(str(p), "expected a .csv or .xlsx file")
    merged = {**sheet_meta, **{k: v for k, v in meta.items() if v not in (None, "")}}
    unknown = set(merged) - set(META_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "is not a template field")
    merged.setdefault("id", re.sub(r"[^a-z0-9_.-]+", "_", p.stem.lower()).strip("_") or "imported")
    return rows_to_doc(rows, merged)


# ---------------------------------------------------------------------------------------------
# The other way: a template as a sheet, so authors can start from a shipped checklist


def _fmt_number(value: Any) -> str:
    return "" if value is None else str(value)


def template_rows(template: Template) -> list[dict[str, str]]:
    """One dict per item with the sheet columns — the inverse of ``rows_to_doc``."""
    out: list[dict[str, str]] = []
    for cat in template.doc["categories"]:
        for n, item in enumerate(cat["items"]):
            row = {c: "" for c in COLUMNS}
            row.update(category=cat["key"], key=item["key"], answer=item["answer"], weight=str(item["weight"]))
            if n == 0:
                row.update(
                    category_zh=cat["title"].get("zh", ""), category_en=cat["title"].get("en", ""),
                    category_weight=str(cat["weight"]),
                )
            for prefix in ("question", "guidance", "recommendation"):
                text = item.get(prefix) or {}
                row[f"{prefix}_zh"], row[f"{prefix}_en"] = text.get("zh", ""), text.get("en", "")
            row["severity"] = _fmt_number(item.get("severity"))
            row["photo"] = item.get("photo", "")
            row["unit"] = item.get("unit", "")
            row["ok_min"], row["ok_max"] = _fmt_number(item.get("ok_min")), _fmt_number(item.get("ok_max"))
            row["severity_rules"] = "; ".join(
                f"{'below' if 'below' in r else 'above'} {r.get('below', r.get('above'))}: {r['severity']}"
                for r in item.get("severity_rules", [])
            )
            row["choices"] = "; ".join(
                "|".join([c["value"], c["label"].get("zh", ""), c["label"].get("en", ""), c["result"]]
                         + ([str(c["severity"])] if "severity" in c else []))
                for c in item.get("choices", [])
            )
            out.append(row)
    return out


def template_meta(template: Template) -> dict[str, str]:
    doc = template.doc
    return {
        "id": template.id, "version": str(template.version),
        "title_zh": doc["title"].get("zh", ""), "title_en": doc["title"].get("en", ""),
        "description_zh": (doc.get("description") or {}).get("zh", ""),
        "description_en": (doc.get("description") or {}).get("en", ""),
        "perils": "; ".join(doc.get("perils", [])),
    }


def write_sheet(template: Template, path: str | Path) -> None:
    """Write ``template`` as a CSV (items only) or an XLSX (items plus a ``template`` sheet)."""
    from adjuster.util.atomic import atomic_write_bytes

    p = Path(path)
    rows = template_rows(template)
    if p.suffix.lower() == ".csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        atomic_write_bytes(p, buf.getvalue().encode("utf-8-sig"))
        return
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "items"
    ws.append(list(COLUMNS))
    for row in rows:
        ws.append([row[c] for c in COLUMNS])
    meta = wb.create_sheet("template")
    for key, value in template_meta(template).items():
        meta.append([key, value])
    buf2 = io.BytesIO()
    wb.save(buf2)
    atomic_write_bytes(p, buf2.getvalue())
