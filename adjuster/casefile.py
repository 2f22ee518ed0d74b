"""The case file (``adjuster.case/1``): one JSON document per case, the interchange format.

``export_case`` writes it from the store; ``load_casefile`` validates a document (JSON Schema for
shape, the domain's rules for meaning) and names the failing field's path; ``import_case`` writes
it into a store in one transaction, so a bad file changes nothing. Amounts are decimal strings;
JSON numbers are read as exact decimals (``parse_float=Decimal``), never as binary floats.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from adjuster.domain.enums import OwnerType
from adjuster.domain.errors import ValidationError
from adjuster.domain.models import SYNC_FIELDS, Case, LossItem, Photo
from adjuster.store import Store

FORMAT = "adjuster.case/1"
_CASE_ONLY_EXCLUDED = set(SYNC_FIELDS)
_ITEM_EXCLUDED = set(SYNC_FIELDS) | {"case_id"}
_PHOTO_EXCLUDED = set(SYNC_FIELDS) | {"owner_type", "owner_id", "finding_id"}


@cache
def schema() -> dict[str, Any]:
    return json.loads(resources.files("adjuster").joinpath("casefile_schema.json").read_text("utf-8"))


def _path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


def parse_json(text: str, source: str = "case file") -> dict[str, Any]:
    try:
        doc = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as err:
        raise ValidationError(source, f"not valid JSON: {err.msg} at line {err.lineno} column {err.colno}") from None
    if not isinstance(doc, dict):
        raise ValidationError(source, "must be a JSON object")
    return doc


def validate_document(doc: dict[str, Any]) -> None:
    """Check the document's shape; raise ValidationError with the first error's JSON path."""
    fmt = doc.get("format")
    if fmt != FORMAT:
        raise ValidationError("format", f"expected {FORMAT!r}, got {fmt!r}")
    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(doc), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        err = errors[0]
        where = _path(err.absolute_path)
        if err.validator == "additionalProperties":
            extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
            where = f"{where}.{extra[0]}" if extra else where
            raise ValidationError(where, "is not a field of this format")
        if err.validator == "required":
            missing = err.message.split("'")[1] if "'" in err.message else err.message
            raise ValidationError(f"{where}.{missing}" if where != "(document)" else missing, "is required")
        if err.validator == "anyOf" and err.schema in (schema()["$defs"]["money"], schema()["$defs"]["money_or_null"]):
            raise ValidationError(where, f"{err.instance!r} is not an amount (write a decimal string such as \"1234.50\")")
        message = err.message if len(err.message) < 160 else err.message[:160] + "…"
        raise ValidationError(where, message)


def load_casefile(doc: dict[str, Any]) -> tuple[Case, list[LossItem], list[Photo]]:
    """Validate and convert a case-file document into domain records (not yet stored)."""
    validate_document(doc)
    case = Case.from_dict(doc["case"], prefix="case.")
    items = [
        LossItem.from_dict({**raw, "case_id": case.id, "position": raw.get("position", i)}, prefix=f"items[{i}].")
        for i, raw in enumerate(doc.get("items", []))
    ]
    item_ids = {it.id for it in items}
    photos = []
    for i, raw in enumerate(doc.get("photos", [])):
        photo = Photo.from_dict(
            {**raw, "owner_type": OwnerType.CASE, "owner_id": case.id, "position": raw.get("position", i)},
            prefix=f"photos[{i}].",
        )
        if photo.item_id and photo.item_id not in item_ids:
            raise ValidationError(f"photos[{i}].item_id", f"refers to no item in this file ({photo.item_id})")
        photos.append(photo)
    return case, items, photos


def read_casefile(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ValidationError(str(p), f"cannot read the file ({err})") from None
    return parse_json(text, str(p))


def case_document(store: Store, case_id: str) -> dict[str, Any]:
    """The case, its items and photo metadata as an ``adjuster.case/1`` document."""
    case = store.cases.get(case_id)
    items = store.items.for_case(case.id)
    photos = store.photos.for_owner(OwnerType.CASE, case.id)
    return {
        "format": FORMAT,
        "case": {k: v for k, v in case.to_dict().items() if k not in _CASE_ONLY_EXCLUDED},
        "items": [{k: v for k, v in it.to_dict().items() if k not in _ITEM_EXCLUDED} for it in items],
        "photos": [{k: v for k, v in ph.to_dict().items() if k not in _PHOTO_EXCLUDED} for ph in photos],
    }


def dumps(doc: dict[str, Any]) -> str:
    """Canonical text: sorted keys, UTF-8, two-space indent — the same data gives the same bytes."""
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"


def import_case(store: Store, doc: dict[str, Any], *, replace: bool = False) -> Case:
    """Validate ``doc`` fully, then write the case, items and photos in one transaction.

    A case whose id or claim number already exists is refused unless ``replace`` is set.
    """
    case, items, photos = load_casefile(doc)
    with store.transaction():
        existing = store.cases.find(case.id) or store.cases.by_claim_no(case.claim_no)
        if existing and not replace:
            raise ValidationError("case.claim_no", f"case {case.claim_no} already exists in this profile (id {existing.id})")
        if existing:
            for it in store.items.for_case(existing.id):
                store.items.soft_delete(it.id)
            for ph in store.photos.for_owner(OwnerType.CASE, existing.id):
                store.photos.soft_delete(ph.id)
            store.cases.soft_delete(existing.id)
            # a re-import under the same ids would collide with the tombstones; give fresh ids
            if existing.id == case.id:
                raise ValidationError("case.id", "replacing a case with the same id is not supported; delete it first")
        store.cases.create(case)
        for it in items:
            store.items.create(it)
        for ph in photos:
            store.photos.create(ph)
    return case
