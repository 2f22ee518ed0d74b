"""Ed25519 keys for signing bundles and receipts: created once, stored owner-only (0600).

Devices sign what they send so the hub can tell a bundle really comes from an enrolled device and
was not altered on the USB stick; the hub signs receipts the same way.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from adjuster.domain.errors import AdjusterError
from adjuster.util.atomic import atomic_open


class KeyError_(AdjusterError):
    """A key file is unreadable or a public key is malformed."""


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """Load the private key at ``path``, creating it (mode 0600, directory 0700) on first use."""
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError) as err:
            raise KeyError_(f"{path} is not a usable key ({err}); move it away to make a new identity") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise KeyError_(f"{path} is not an Ed25519 key")
        if os.name == "posix" and path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path.parent, 0o700)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    with atomic_open(path, overwrite=False) as fh:
        if os.name == "posix":
            os.fchmod(fh.fileno(), 0o600)
        fh.write(pem)
    return load_or_create_key(path)


def public_key_b64(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def sign_b64(key: Ed25519PrivateKey, data: bytes) -> str:
    return base64.b64encode(key.sign(data)).decode("ascii")


def verify_b64(public_b64: str, signature_b64: str, data: bytes) -> bool:
    """True when ``signature_b64`` is a valid signature of ``data`` by ``public_b64``."""
    try:
        pub = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64, validate=True))
        pub.verify(base64.b64decode(signature_b64, validate=True), data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def check_public_key(public_b64: str) -> str:
    """Return ``public_b64`` if it decodes to an Ed25519 public key, else raise."""
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64, validate=True))
    except (ValueError, TypeError):
        raise KeyError_("the device's public key is not a base64 Ed25519 key") from None
    return public_b64
