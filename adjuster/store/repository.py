"""Typed repositories over one table each: create / get / list / update / soft-delete.

Every write goes through ``Store.record_change`` so the row, its audit entry and its outbox op
land in the same transaction.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from adjuster.domain.coerce import to_cell, to_json_value
from adjuster.domain.errors import NotFoundError, ValidationError
from adjuster.domain.models import SYNC_FIELDS, Case, Record
from adjuster.util.clock import utcnow_iso

if TYPE_CHECKING:
    from adjuster.store.store import Store

T = TypeVar("T", bound=Record)


@functools.cache
def _defaults(model: type[Record]) -> dict[str, Any]:
    """JSON form of each field's default value (fields without one are absent)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(model):
        if f.default is not dataclasses.MISSING:
            out[f.name] = to_json_value(f.default)
        elif f.default_factory is not dataclasses.MISSING:
            out[f.name] = to_json_value(f.default_factory())
    return out


class Repository(Generic[T]):
    """CRUD for one record type. Rows are converted with the model's type hints both ways."""

    def __init__(self, store: Store, model: type[T]) -> None:
        self.store = store
        self.model = model
        self.table = model.table
        self.columns = [f.name for f in dataclasses.fields(model)]

    # -- reading --------------------------------------------------------------------------------
    def _from_row(self, row: dict[str, Any]) -> T:
        return self.model(**{name: row[name] for name in self.columns if name in row})

    def get(self, record_id: str, *, include_deleted: bool = False) -> T:
        row = self.store.query_one(f"SELECT * FROM {self.table} WHERE id = ?", [record_id])
        if row is None or (row["deleted_at"] and not include_deleted):
            raise NotFoundError(self.model.entity, record_id)
        return self._from_row(row)

    def find(self, record_id: str) -> T | None:
        try:
            return self.get(record_id)
        except NotFoundError:
            return None

    def list(
        self,
        where: str | None = None,
        params: Sequence[Any] = (),
        *,
        order_by: str = "rowid",
        limit: int | None = None,
        offset: int = 0,
        include_deleted: bool = False,
    ) -> list[T]:
        clauses = [] if include_deleted else ["deleted_at IS NULL"]
        if where:
            clauses.append(f"({where})")
        sql = f"SELECT * FROM {self.table}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += f" ORDER BY {order_by}"
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [self._from_row(r) for r in self.store.query(sql, params)]

    def count(self, where: str | None = None, params: Sequence[Any] = ()) -> int:
        sql = f"SELECT count(*) AS n FROM {self.table} WHERE deleted_at IS NULL"
        if where:
            sql += f" AND ({where})"
        row = self.store.query_one(sql, params)
        return int(row["n"]) if row else 0

    # -- writing --------------------------------------------------------------------------------
    def create(self, obj: T) -> T:
        """Validate and insert ``obj``; returns it with its sync columns filled."""
        obj.validate()
        with self.store.transaction():
            if self.store.query_one(f"SELECT 1 AS x FROM {self.table} WHERE id = ?", [obj.id]):
                raise ValidationError("id", f"{self.model.entity} {obj.id} already exists")
            now = utcnow_iso()
            obj.rev = 1
            obj.created_at = obj.created_at or now
            obj.updated_at = now
            obj.updated_by = self.store.user
            obj.device_id = self.store.device_id
            row = {name: to_cell(getattr(obj, name)) for name in self.columns}
            cols = ", ".join(row)
            marks = ", ".join("?" for _ in row)
            self.store.execute(f"INSERT INTO {self.table} ({cols}) VALUES ({marks})", list(row.values()))
            # A create op lists the fields that differ from the model's defaults; the rest are implied.
            defaults = _defaults(self.model)
            changes = {
                k: {"old": None, "new": v}
                for k, v in obj.to_dict().items()
                if (k not in SYNC_FIELDS or k == "created_at") and (k not in defaults or defaults[k] != v)
            }
            self.store.record_change(self.model.entity, obj.id, "create", 0, changes)
        return obj

    def create_many(self, objs: Iterable[T]) -> list[T]:
        with self.store.transaction():
            return [self.create(o) for o in objs]

    def update(self, record_id: str, **changes: Any) -> T:
        """Change some fields; validates the whole record; records only what really changed."""
        bad = set(changes) - (set(self.columns) - set(SYNC_FIELDS) - {"id"})
        if bad:
            raise ValidationError(sorted(bad)[0], f"is not a field of {self.model.entity}")
        with self.store.transaction():
            old = self.get(record_id)
            types = self.model.field_types()
            from adjuster.domain.coerce import coerce

            typed = {k: coerce(types[k], v, k) for k, v in changes.items()}
            new = dataclasses.replace(old, **typed)
            if isinstance(old, Case) and "status" in typed:
                old.check_transition(typed["status"])
            new.validate()
            old_d, new_d = old.to_dict(), new.to_dict()
            diff = {k: {"old": old_d[k], "new": new_d[k]} for k in typed if old_d[k] != new_d[k]}
            if not diff:
                return old
            new.rev = old.rev + 1
            new.updated_at = utcnow_iso()
            new.updated_by = self.store.user
            new.device_id = self.store.device_id
            cols = list(diff) + ["rev", "updated_at", "updated_by", "device_id"]
            sets = ", ".join(f"{c} = ?" for c in cols)
            values = [to_cell(getattr(new, c)) for c in cols]
            self.store.execute(f"UPDATE {self.table} SET {sets} WHERE id = ?", [*values, record_id])
            self.store.record_change(self.model.entity, record_id, "update", old.rev, diff)
        return new

    def soft_delete(self, record_id: str) -> None:
        """Tombstone the record (``deleted_at``); synced data is never hard-deleted."""
        with self.store.transaction():
            old = self.get(record_id)
            now = utcnow_iso()
            self.store.execute(
                f"UPDATE {self.table} SET deleted_at = ?, rev = ?, updated_at = ?, updated_by = ?, device_id = ? WHERE id = ?",
                [now, old.rev + 1, now, self.store.user, self.store.device_id, record_id],
            )
            self.store.record_change(self.model.entity, record_id, "delete", old.rev, {"deleted_at": {"old": None, "new": now}})
