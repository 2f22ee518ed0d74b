"""A small kit for sync tests and benchmarks: a hub and enrolled device profiles on real files.

Lives in the package (not in tests/) so the benchmark, the hub's tests and the sync tests share
one way of building a two-device world.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from adjuster.domain.models import Case, Photo
from adjuster.store.store import Store
from adjuster.sync.device import DeviceIdentity
from adjuster.sync.hubstore import HubStore
from adjuster.sync.syncer import SyncReport, sync_once
from adjuster.sync.transport import LocalTransport
from adjuster.util.atomic import atomic_write_bytes


@dataclass
class Device:
    """One device profile: its store, media folder, identity, and a transport to ``hub``."""

    name: str
    root: Path
    store: Store
    identity: DeviceIdentity
    hub: HubStore
    transport: LocalTransport

    @property
    def media_dir(self) -> Path:
        return self.root / "media"

    def sync(self) -> SyncReport:
        return sync_once(self.store, self.media_dir, self.transport)

    def put_blob(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        atomic_write_bytes(self.media_dir / sha[:2] / sha[2:4] / sha, data)
        return sha

    def add_photo(self, owner_id: str, data: bytes, **fields: Any) -> Photo:
        sha = self.put_blob(data)
        return self.store.photos.create(Photo(sha256=sha, owner_type="case", owner_id=owner_id, size=len(data), **fields))

    def new_case(self, claim_no: str, **fields: Any) -> Case:
        return self.store.cases.create(Case(claim_no=claim_no, **fields))

    def close(self) -> None:
        self.store.close()


def make_hub(root: Path) -> HubStore:
    return HubStore.open(root)


def make_device(root: Path, name: str, hub: HubStore, *, user: str | None = None, enrol: bool = True) -> Device:
    """A fresh profile at ``root/name`` enrolled with ``hub``."""
    home = root / name
    home.mkdir(parents=True, exist_ok=True)
    store = Store.open(home / "adjuster.db", user=user or name)
    identity = DeviceIdentity.load(store)
    if enrol:
        hub.register_device(identity.device_id, store.user, identity.public_key)
    return Device(name, home, store, identity, hub, LocalTransport(hub))


def case_state(store_or_hub: Any, case_id: str, fields: tuple[str, ...]) -> dict[str, Any]:
    """Selected fields of a case on a device (Store) or the hub (HubStore)."""
    from adjuster.sync.rows import read_row

    store = store_or_hub.store if isinstance(store_or_hub, HubStore) else store_or_hub
    row = read_row(store, "case", case_id) or {}
    return {f: row.get(f) for f in fields}
