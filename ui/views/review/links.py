"""The profile's links to a hub, without widgets: the device's own link (for Sync) and a separate
office link (a reviewer's token, for the back office) so reviewing never replaces the token this
device syncs with. Functions that talk to the hub are meant to run in a JobRunner worker.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from adjuster.domain.errors import AdjusterError, ValidationError

OFFICE_ROLES = frozenset({"reviewer", "admin"})
OFFICE_TOKEN_FILE = "office_token"
TOKEN_PREFIX = "adj_"  # the hub's device tokens start with it; anything else is an enrolment code


def clean_url(text: str) -> str:
    """``hub.example:8765`` → ``http://hub.example:8765``; refuses what cannot be a hub address."""
    url = text.strip().rstrip("/")
    if url and "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError("url", "enter the hub's address, e.g. http://hub.example:8765")
    return url


def device_linked(profile: Any) -> bool:
    """True when this profile has a hub URL and a device token (``adjuster remote enrol`` or Connect).

    Looks at ``<profile>/sync/hub_token`` itself (``sync.client.token_path``): the status bar asks at
    start-up, and importing the HTTP client there would cost ~40 ms of the first paint."""
    return bool(profile.settings.get("hub_url")) and (Path(profile.root) / "sync" / "hub_token").is_file()


def office_token_path(profile: Any) -> Path:
    return Path(profile.root) / "sync" / OFFICE_TOKEN_FILE


def save_office_link(profile: Any, url: str, token: str, user: str, role: str) -> None:
    """Keep the reviewer's token owner-only beside the device token; the URL and who in settings."""
    from adjuster.util.atomic import atomic_open

    path = office_token_path(profile)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_open(path) as fh:
        if os.name == "posix":
            os.fchmod(fh.fileno(), 0o600)
        fh.write(token.encode("ascii"))
    profile.settings["office_hub_url"] = url
    profile.settings["office_user"], profile.settings["office_role"] = user, role
    profile.save_settings()


def office_link(profile: Any) -> tuple[str, str] | None:
    """(URL, token) to review with: the office link, else the device link when its role is an
    office role. None when neither is known to work for reviewing."""
    path = office_token_path(profile)
    url = str(profile.settings.get("office_hub_url") or "")
    if url and path.is_file():
        return url, path.read_text("ascii").strip()
    if device_linked(profile) and profile.settings.get("hub_role") in OFFICE_ROLES:
        from adjuster.sync.client import load_link

        return load_link(profile)
    return None


def connect_office(profile_root: Path, url: str, secret: str) -> dict[str, Any]:
    """Check a reviewer's token (``adj_…``) or redeem an enrolment code for a back-office identity
    of this computer (its device id + ``.office-<random>``); refuses a field role. Worker thread."""
    import secrets
    import socket

    from adjuster.profile import Profile
    from adjuster.sync.client import HubClient
    from adjuster.sync.device import DeviceIdentity

    secret = secret.strip()
    if not secret:
        raise ValidationError("code", "enter a reviewer's token or an enrolment code")
    with HubClient(url, secret if secret.startswith(TOKEN_PREFIX) else None, retries=1) as client:
        if not secret.startswith(TOKEN_PREFIX):
            store = Profile.at(profile_root).open_store()
            try:
                ident = DeviceIdentity.load(store)
            finally:
                store.close()
            # a new office identity per code: a code is bound to its user, and a refused one must not
            # leave this id enrolled for somebody else
            office_id = f"{ident.device_id}.office-{secrets.token_hex(4)}"
            client.enrol(secret, office_id, name=f"{socket.gethostname()} (office)",
                         public_key=ident.public_key)
        who = client.whoami()
        token = str(client.token)
    if who.get("role") not in OFFICE_ROLES:
        raise AdjusterError(f"{who.get('user')} is enrolled as {who.get('role')}; the back office needs a reviewer or an admin")
    return {"url": url, "token": token, "user": str(who.get("user", "")), "role": str(who.get("role", ""))}


def device_role(profile_root: Path) -> dict[str, Any]:
    """Who the device's own token belongs to (``whoami``), for a profile enrolled from the CLI."""
    from adjuster.profile import Profile
    from adjuster.sync.client import HubClient, load_link

    url, token = load_link(Profile.at(profile_root))
    with HubClient(url, token, retries=1) as client:
        return {"url": url, "token": token, **client.whoami()}
