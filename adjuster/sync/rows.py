"""Read and write whole records as JSON values with raw SQL, for code that applies remote changes.

Sync bypasses the repositories on purpose: a merged or pulled row is written as it is (its ``rev``
and ``device_id`` come from elsewhere) and must not create a new outbox op.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from adjuster.domain.coerce import coerce, to_cell
from adjuster.domain.models import SYNC_FIELDS
from adjuster.sync.protocol import ENTITY_TABLES, MODELS

if TYPE_CHECKING:
    from adjuster.store.store import Store

_INT_SYNC = {"rev"}


def columns(entity: str) -> list[str]:
    return [f.name for f in dataclasses.fields(MODELS[entity])]


def row_to_json(entity: str, row: dict[str, Any]) -> dict[str, Any]:
    """An SQLite row of ``entity`` as the JSON values ops and changes carry."""
    model = MODELS[entity]
    obj = model(**{name: row[name] for name in columns(entity) if name in row})
    return obj.to_dict()


def read_row(store: Store, entity: str, record_id: str) -> dict[str, Any] | None:
    """The record as JSON values (tombstones included), or None when it does not exist."""
    row = store.query_one(f"SELECT * FROM {ENTITY_TABLES[entity]} WHERE id = ?", [record_id])
    return row_to_json(entity, row) if row else None


def to_cells(entity: str, values: dict[str, Any]) -> dict[str, Any]:
    """JSON values → SQLite cells, typed by the model; raises ValidationError naming the field."""
    types = MODELS[entity].field_types()
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in types:
            continue
        if name in SYNC_FIELDS or name == "id":
            out[name] = int(value) if name in _INT_SYNC and value is not None else value
        else:
            out[name] = to_cell(coerce(types[name], value, name))
    return out


def insert_row(store: Store, entity: str, values: dict[str, Any]) -> None:
    cells = to_cells(entity, values)
    cols = ", ".join(cells)
    marks = ", ".join("?" for _ in cells)
    store.execute(f"INSERT INTO {ENTITY_TABLES[entity]} ({cols}) VALUES ({marks})", list(cells.values()))


def update_row(store: Store, entity: str, record_id: str, values: dict[str, Any]) -> None:
    cells = to_cells(entity, values)
    if not cells:
        return
    sets = ", ".join(f"{c} = ?" for c in cells)
    store.execute(f"UPDATE {ENTITY_TABLES[entity]} SET {sets} WHERE id = ?", [*cells.values(), record_id])


def validate_record(entity: str, values: dict[str, Any]) -> None:
    """Check a whole record's invariants (raises ValidationError naming the field)."""
    MODELS[entity].from_dict(values)
