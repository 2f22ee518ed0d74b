"""The sync contract shared by devices, bundles, the hub store and the HTTP hub: ops, changes,
conflicts and results as dataclasses with one JSON shape each.

Everything that crosses a device/hub boundary (HTTP body, ``ops.jsonl`` line, receipt) is built
with ``to_json()`` and read back with ``from_json()``, which validates and raises ValidationError
naming the field, so hostile or damaged input is refused before it reaches a database.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from adjuster.domain.coerce import coerce, to_json_value
from adjuster.domain.errors import ValidationError
from adjuster.domain.models import ALL_RECORD_TYPES, SYNC_FIELDS, Case, Record

PROTOCOL_VERSION = 1
BUNDLE_FORMAT = "adjuster.sync-bundle/1"
RECEIPT_FORMAT = "adjuster.sync-receipt/1"

#: origin of changes made in the back office (not by a device)
OFFICE = "office"

MODELS: dict[str, type[Record]] = {cls.entity: cls for cls in ALL_RECORD_TYPES}
ENTITY_TABLES: dict[str, str] = {cls.entity: cls.table for cls in ALL_RECORD_TYPES}
#: parents before children, so a batch of rows can be inserted without breaking foreign keys
ENTITY_ORDER: tuple[str, ...] = ("site", "case", "visit", "finding", "recommendation", "loss_item", "photo", "signature", "report")

#: fields a device may never change: the office's review decisions
OFFICE_FIELDS: dict[str, frozenset[str]] = {
    "case": frozenset(Case.office_fields),
    "visit": frozenset({"review_comment"}),
}
#: status values only the office sets (a device submits; the office approves or returns)
OFFICE_STATUSES: dict[str, frozenset[str]] = {
    "case": frozenset({"in_review", "approved", "returned"}),
    "visit": frozenset({"approved", "returned"}),
}
#: fields holding the sha256 of a blob the record cannot live without
BLOB_FIELDS: dict[str, tuple[str, ...]] = {"photo": ("sha256",), "signature": ("image_sha256",), "report": ("sha256",)}

ACTIONS = frozenset({"create", "update", "delete", "resolve"})
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
_ID_RE = re.compile(r"^[0-9A-Za-z._:-]{1,80}$")
#: sync columns an op may carry (the rest are maintained by whoever applies it)
SYNCED_META_FIELDS = frozenset({"created_at", "deleted_at"})


def data_fields(entity: str) -> frozenset[str]:
    """Fields of ``entity`` an op may change (data fields plus created_at / deleted_at)."""
    model = MODELS[entity]
    names = {f.name for f in dataclasses.fields(model)}
    return frozenset((names - set(SYNC_FIELDS) - {"id"}) | SYNCED_META_FIELDS)


def canon(entity: str, name: str, value: Any) -> Any:
    """The JSON form of a field value with the model's type applied ("1.50" and "1.5" stay distinct
    text but compare equal through ``values_equal``)."""
    if name in SYNC_FIELDS:
        return value
    tp = MODELS[entity].field_types()[name]
    return to_json_value(coerce(tp, value, name))


def values_equal(entity: str, name: str, a: Any, b: Any) -> bool:
    """Equality of two JSON values of a field as the domain sees it (Decimal 1.5 == 1.50)."""
    if a == b:
        return True
    if a is None or b is None or name in SYNC_FIELDS:
        return False
    tp = MODELS[entity].field_types()[name]
    try:
        return bool(coerce(tp, a, name) == coerce(tp, b, name))
    except ValidationError:
        return False


def blob_refs(entity: str, values: dict[str, Any]) -> set[str]:
    """sha256 values of blob fields present (and non-empty) in ``values``."""
    return {values[f] for f in BLOB_FIELDS.get(entity, ()) if isinstance(values.get(f), str) and values[f]}


def _req(data: dict[str, Any], key: str, tp: type | tuple[type, ...], where: str) -> Any:
    if key not in data:
        raise ValidationError(f"{where}.{key}", "is required")
    value = data[key]
    if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
        raise ValidationError(f"{where}.{key}", f"has the wrong type ({type(value).__name__})")
    return value


def _ident(data: dict[str, Any], key: str, where: str) -> str:
    value = _req(data, key, str, where)
    if not _ID_RE.match(value):
        raise ValidationError(f"{where}.{key}", f"{value[:40]!r} is not an id")
    return str(value)


@dataclass(frozen=True)
class Op:
    """One local change as it travels: what changed, from which device, on top of what.

    ``fields`` maps a field to ``{"old": value, "new": value}``; ``old`` is what the device saw, so
    the receiver can merge per field three-way. ``seen`` is the hub cursor the device had pulled
    when it made the op (how a delete knows which remote edits it overrides). ``resolves`` names
    the conflict an op of action ``resolve`` settles.
    """

    op_id: str
    device_id: str
    device_seq: int
    entity: str
    record_id: str
    action: str
    base_rev: int
    fields: dict[str, dict[str, Any]]
    hlc: str
    seen: int = 0
    resolves: str | None = None

    def new_values(self) -> dict[str, Any]:
        return {k: v.get("new") for k, v in self.fields.items()}

    def blobs(self) -> set[str]:
        return blob_refs(self.entity, self.new_values())

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "op_id": self.op_id, "device_id": self.device_id, "device_seq": self.device_seq, "entity": self.entity,
            "record_id": self.record_id, "action": self.action, "base_rev": self.base_rev, "fields": self.fields,
            "hlc": self.hlc, "seen": self.seen,
        }
        if self.resolves is not None:
            out["resolves"] = self.resolves
        return out

    @classmethod
    def from_json(cls, data: Any, where: str = "op") -> Op:
        """Validate an op from untrusted JSON; raises ValidationError naming the bad part."""
        if not isinstance(data, dict):
            raise ValidationError(where, "is not an object")
        entity = _req(data, "entity", str, where)
        if entity not in MODELS:
            raise ValidationError(f"{where}.entity", f"unknown entity {entity!r}")
        action = _req(data, "action", str, where)
        if action not in ACTIONS:
            raise ValidationError(f"{where}.action", f"unknown action {action!r}")
        fields = _req(data, "fields", dict, where)
        allowed = data_fields(entity)
        record_id = _ident(data, "record_id", where)
        if "id" in fields:  # a create op repeats the id among its fields
            if not isinstance(fields["id"], dict) or fields["id"].get("new") != record_id:
                raise ValidationError(f"{where}.fields.id", "does not match record_id")
            fields = {k: v for k, v in fields.items() if k != "id"}
        for name, change in fields.items():
            if name not in allowed:
                raise ValidationError(f"{where}.fields.{name}", f"is not a synced field of {entity}")
            if not isinstance(change, dict) or "new" not in change:
                raise ValidationError(f"{where}.fields.{name}", 'must be {"old": .., "new": ..}')
        seq = _req(data, "device_seq", int, where)
        if seq < 1:
            raise ValidationError(f"{where}.device_seq", "must be at least 1")
        seen = data.get("seen", 0)
        if not isinstance(seen, int) or isinstance(seen, bool) or seen < 0:
            raise ValidationError(f"{where}.seen", "must be a cursor (a whole number, 0 or more)")
        resolves = data.get("resolves")
        if action == "resolve" and not isinstance(resolves, str):
            raise ValidationError(f"{where}.resolves", "a resolve op must name its conflict")
        return cls(
            op_id=_ident(data, "op_id", where),
            device_id=_ident(data, "device_id", where),
            device_seq=seq,
            entity=entity,
            record_id=record_id,
            action=action,
            base_rev=_req(data, "base_rev", int, where),
            fields={k: {"old": v.get("old"), "new": v["new"]} for k, v in fields.items()},
            hlc=_req(data, "hlc", str, where),
            seen=seen,
            resolves=resolves if isinstance(resolves, str) else None,
        )


@dataclass(frozen=True)
class Change:
    """A record as the hub now holds it, in the pull feed. ``row`` is the whole record in JSON form
    (sync columns included; ``rev`` is the hub's); ``origin`` is a device id or ``"office"``."""

    server_seq: int
    entity: str
    record_id: str
    origin: str
    row: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"server_seq": self.server_seq, "entity": self.entity, "record_id": self.record_id, "origin": self.origin, "row": self.row}

    @classmethod
    def from_json(cls, data: Any, where: str = "change") -> Change:
        if not isinstance(data, dict):
            raise ValidationError(where, "is not an object")
        entity = _req(data, "entity", str, where)
        if entity not in MODELS:
            raise ValidationError(f"{where}.entity", f"unknown entity {entity!r}")
        return cls(
            server_seq=_req(data, "server_seq", int, where),
            entity=entity,
            record_id=_ident(data, "record_id", where),
            origin=_req(data, "origin", str, where),
            row=_req(data, "row", dict, where),
        )


@dataclass(frozen=True)
class Conflict:
    """Two values for one field that nobody has chosen between yet; both are kept.

    ``kind`` is ``field`` (same field changed on two sides) or ``edit_delete`` (field
    ``deleted_at``: one side deleted what the other edited). ``hub_value`` is what the record holds
    meanwhile; ``device_value`` is the value that arrived later from ``device_id``.
    """

    conflict_id: str
    entity: str
    record_id: str
    field: str
    kind: str
    base_value: Any
    hub_value: Any
    device_value: Any
    hub_origin: str
    device_id: str
    op_id: str
    status: str = "open"
    resolution: Any = None
    resolved_by: str = ""
    created_at: str = ""
    resolved_at: str | None = None
    server_seq: int = 0

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: Any, where: str = "conflict") -> Conflict:
        if not isinstance(data, dict):
            raise ValidationError(where, "is not an object")
        names = {f.name for f in dataclasses.fields(cls)}
        for key in ("conflict_id", "entity", "record_id", "field", "kind", "device_id", "op_id"):
            _req(data, key, str, where)
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class ApplyResult:
    """What the hub did with a batch of ops. ``acked`` are the ops a device may stop sending
    (applied now, seen before, or refused for good); ``held`` wait for a gap, a blob or a
    confirmation and must be sent again (sending again is harmless)."""

    accepted: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)
    refused_fields: dict[str, list[str]] = field(default_factory=dict)
    held: dict[str, str] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    missing_blobs: list[str] = field(default_factory=list)
    held_deletes: int = 0
    applied_seq: int = 0

    @property
    def acked(self) -> list[str]:
        return [*self.accepted, *self.duplicates, *self.rejected]

    def merge(self, other: ApplyResult) -> None:
        self.accepted += other.accepted
        self.duplicates += other.duplicates
        self.rejected.update(other.rejected)
        self.refused_fields.update(other.refused_fields)
        for op_id in other.accepted + other.duplicates + list(other.rejected):
            self.held.pop(op_id, None)
        self.held.update(other.held)
        self.conflicts += other.conflicts
        self.missing_blobs = sorted(set(self.missing_blobs) | set(other.missing_blobs))
        self.held_deletes = max(self.held_deletes, other.held_deletes)
        self.applied_seq = max(self.applied_seq, other.applied_seq)

    def to_json(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out["conflicts"] = [c.to_json() for c in self.conflicts]
        return out

    @classmethod
    def from_json(cls, data: Any) -> ApplyResult:
        if not isinstance(data, dict):
            raise ValidationError("result", "is not an object")
        return cls(
            accepted=list(data.get("accepted", [])),
            duplicates=list(data.get("duplicates", [])),
            rejected=dict(data.get("rejected", {})),
            refused_fields=dict(data.get("refused_fields", {})),
            held=dict(data.get("held", {})),
            conflicts=[Conflict.from_json(c) for c in data.get("conflicts", [])],
            missing_blobs=list(data.get("missing_blobs", [])),
            held_deletes=int(data.get("held_deletes", 0)),
            applied_seq=int(data.get("applied_seq", 0)),
        )


@dataclass
class PullResult:
    """Changes after a cursor: rows as the hub holds them and conflicts opened or settled.
    Apply them durably, then use ``cursor`` for the next pull; ``more`` says another page waits."""

    changes: list[Change]
    conflicts: list[Conflict]
    cursor: int
    more: bool = False
    hub_time: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "changes": [c.to_json() for c in self.changes],
            "conflicts": [c.to_json() for c in self.conflicts],
            "cursor": self.cursor,
            "more": self.more,
            "hub_time": self.hub_time,
        }

    @classmethod
    def from_json(cls, data: Any) -> PullResult:
        if not isinstance(data, dict):
            raise ValidationError("pull", "is not an object")
        return cls(
            changes=[Change.from_json(c, f"changes[{i}]") for i, c in enumerate(data.get("changes", []))],
            conflicts=[Conflict.from_json(c, f"conflicts[{i}]") for i, c in enumerate(data.get("conflicts", []))],
            cursor=_req(data, "cursor", int, "pull"),
            more=bool(data.get("more", False)),
            hub_time=str(data.get("hub_time", "")),
        )


@dataclass(frozen=True)
class DeviceInfo:
    """An enrolled device as the hub knows it. ``applied_seq``: every op up to it is applied;
    ``cursor``: the last pull position the device confirmed as durable."""

    device_id: str
    user: str
    public_key: str
    enrolled_at: str
    applied_seq: int = 0
    cursor: int = 0
    last_seen_at: str | None = None
    revoked: bool = False

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
