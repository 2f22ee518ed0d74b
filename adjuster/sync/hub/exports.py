"""Office exports: cases and loss items as CSV (UTF-8 with BOM so spreadsheet apps read Chinese),
sites and photos as GeoJSON FeatureCollections (points from the site address and photo EXIF GPS).

Each function returns the file's bytes; the CLI writes them atomically, the server streams them.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from adjuster.domain.errors import ValidationError

CASE_COLUMNS = ("id", "claim_no", "policy_no", "insured_name", "risk_address", "lat", "lon", "line_of_business", "peril",
                "loss_date", "reported_date", "survey_date", "currency", "sum_insured", "status", "assigned_to",
                "adjuster", "approved_amount", "reviewed_by", "reviewed_at", "updated_at")
ITEM_COLUMNS = ("id", "case_id", "claim_no", "position", "section", "description", "qty", "unit", "unit_price",
                "age_years", "useful_life_years", "depreciation_rate_annual", "salvage", "repair", "repair_cost",
                "excluded", "exclusion_reason")


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in columns})
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def cases_csv(hub: Any) -> bytes:
    rows = hub.store.query(f"SELECT {', '.join(CASE_COLUMNS)} FROM cases WHERE deleted_at IS NULL ORDER BY claim_no")
    return _csv(CASE_COLUMNS, rows)


def items_csv(hub: Any) -> bytes:
    cols = ", ".join(f"i.{c}" for c in ITEM_COLUMNS if c != "claim_no")
    rows = hub.store.query(
        f"SELECT {cols}, c.claim_no FROM loss_items i JOIN cases c ON c.id = i.case_id"
        " WHERE i.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY c.claim_no, i.position"
    )
    return _csv(ITEM_COLUMNS, rows)


def _features(rows: list[dict[str, Any]], lat: str, lon: str) -> bytes:
    features = []
    for row in rows:
        if row.get(lat) is None or row.get(lon) is None:
            continue
        props = {k: v for k, v in row.items() if k not in (lat, lon)}
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [row[lon], row[lat]]},
                         "properties": props})
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def sites_geojson(hub: Any) -> bytes:
    rows = hub.store.query(
        "SELECT id, name, address, lat, lon, occupancy, team, policy_no, insured_name FROM sites"
        " WHERE deleted_at IS NULL ORDER BY name"
    )
    return _features(rows, "lat", "lon")


def photos_geojson(hub: Any) -> bytes:
    rows = hub.store.query(
        "SELECT id, sha256, owner_type, owner_id, caption, taken_at, gps_lat, gps_lon, original_name FROM photos"
        " WHERE deleted_at IS NULL ORDER BY taken_at"
    )
    return _features(rows, "gps_lat", "gps_lon")


EXPORTS = {
    "cases.csv": (cases_csv, "text/csv; charset=utf-8"),
    "items.csv": (items_csv, "text/csv; charset=utf-8"),
    "sites.geojson": (sites_geojson, "application/geo+json"),
    "photos.geojson": (photos_geojson, "application/geo+json"),
}


def export(hub: Any, name: str) -> tuple[bytes, str]:
    """(bytes, media type) of the export called ``name`` (a file name such as ``cases.csv``)."""
    key = name.rsplit("/", 1)[-1]
    if key not in EXPORTS:
        raise ValidationError("export", f"{name!r} is not one of: {', '.join(EXPORTS)}")
    fn, media = EXPORTS[key]
    return fn(hub), media
