"""This device's sync identity: its id (made by the store on first run) and an Ed25519 key pair
kept in the profile, readable by the owner only. The hub enrols the public key; bundles are signed
with the private one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from adjuster.domain.errors import AdjusterError
from adjuster.sync.keys import load_or_create_key, public_key_b64, sign_b64

if TYPE_CHECKING:
    from adjuster.store.store import Store

KEY_DIR = "sync"
KEY_NAME = "device_ed25519.pem"


@dataclass
class DeviceIdentity:
    device_id: str
    user: str
    key: Ed25519PrivateKey
    key_path: Path

    @classmethod
    def load(cls, store: Store, key_dir: Path | None = None) -> DeviceIdentity:
        """The identity of the profile behind ``store``; the key is created on first use under
        ``<profile>/sync/`` (directory 0700, file 0600) unless ``key_dir`` says otherwise."""
        if key_dir is None:
            if store.path is None:
                raise AdjusterError("an in-memory store has no profile folder for the device key; pass key_dir")
            key_dir = store.path.parent / KEY_DIR
        path = key_dir / KEY_NAME
        return cls(store.device_id, store.user, load_or_create_key(path), path)

    @property
    def public_key(self) -> str:
        return public_key_b64(self.key)

    def sign(self, data: bytes) -> str:
        return sign_b64(self.key, data)

    def enrolment(self) -> dict[str, Any]:
        """What the hub needs to enrol this device (no secrets)."""
        return {"device_id": self.device_id, "user": self.user, "public_key": self.public_key}
