"""HTTP client of the hub (httpx): retries with backoff over flaky links, resumable uploads.

``HubClient`` speaks the ``/v1`` API and raises ``HubApiError`` (code, status, message) for a
refusal. Network failures (refused, reset, timed out) and 502/503/504/429 are retried with
exponential backoff and jitter; every request it retries is safe to repeat (pushes are idempotent
by op id, uploads resume from the hub's offset). ``HttpTransport`` adapts it to the sync engine's
``Transport`` so ``sync_once(store, media, transport)`` runs over HTTP.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import httpx

from adjuster.domain.errors import AdjusterError
from adjuster.sync.protocol import ApplyResult, Op, PullResult
from adjuster.sync.transport import Transport
from adjuster.util.progress import ProgressFn, no_progress

log = logging.getLogger("adjuster.sync.client")

RETRY_STATUSES = frozenset({429, 502, 503, 504})
UPLOAD_CHUNK = 256 * 1024


class HubApiError(AdjusterError):
    """The hub refused a request: HTTP ``status`` and its ``code`` (see docs/hub.md)."""

    def __init__(self, status: int, code: str, message: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(f"hub: {message} ({code})")
        self.status, self.code, self.message = status, code, message
        self.extra = extra or {}


class HubUnreachable(AdjusterError):
    """No answer from the hub after all retries (offline, DNS, refused)."""


def _error_of(response: httpx.Response) -> HubApiError:
    try:
        body = response.json()
        err = body["error"]
        extra = {k: v for k, v in err.items() if k not in ("code", "message")}
        return HubApiError(response.status_code, str(err["code"]), str(err["message"]), extra)
    except (ValueError, KeyError, TypeError):
        return HubApiError(response.status_code, f"http_{response.status_code}", response.reason_phrase or "error")


class HubClient:
    """One hub at ``base_url`` with a device ``token``.

    ``retries`` network attempts per call beyond the first; waits ``backoff·2^n`` (capped at
    ``max_backoff``, with jitter) between them. ``sleep`` is injectable for tests.
    """

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: float = 30.0,
        retries: int = 6,
        backoff: float = 0.25,
        max_backoff: float = 20.0,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.retries, self.backoff, self.max_backoff = retries, backoff, max_backoff
        self.sleep = sleep
        self.http = httpx.Client(base_url=self.base_url, timeout=timeout, transport=transport)
        self.attempts = 0  # requests sent, retries included (for tests and status displays)
        self.retried = 0

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing -------------------------------------------------------------------------------
    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if extra:
            headers.update(extra)
        return headers

    def _wait(self, attempt: int, response: httpx.Response | None = None) -> None:
        delay = min(self.max_backoff, self.backoff * (2**attempt))
        if response is not None and response.headers.get("retry-after", "").isdigit():
            delay = min(self.max_backoff, max(delay, float(response.headers["retry-after"])))
        self.retried += 1
        self.sleep(delay * (0.5 + random.random() / 2))

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        content: bytes | Callable[[], Any] | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
        ok: tuple[int, ...] = (200, 201, 202),
    ) -> httpx.Response:
        """Send with retries; returns a response whose status is in ``ok`` or raises.

        ``content`` may be a callable returning a fresh body (e.g. a generator) per attempt.
        """
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            body = content() if callable(content) else content
            if json_body is not None:
                body = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
                headers = {**(headers or {}), "Content-Type": "application/json"}
            self.attempts += 1
            try:
                response = self.http.request(method, path, content=body, headers=self._headers(headers), params=params)
            except httpx.TransportError as err:
                last = err
                log.info("hub %s %s failed (%s); retry %d", method, path, type(err).__name__, attempt + 1)
                if attempt < self.retries:
                    self._wait(attempt)
                continue
            if response.status_code in ok:
                return response
            if response.status_code in RETRY_STATUSES and attempt < self.retries:
                self._wait(attempt, response)
                continue
            raise _error_of(response)
        raise HubUnreachable(f"hub {self.base_url} unreachable after {self.retries + 1} attempts: {last}")

    def get_json(self, path: str, **params: Any) -> Any:
        return self.request("GET", path, params={k: v for k, v in params.items() if v is not None}).json()

    def post_json(self, path: str, body: Any) -> Any:
        return self.request("POST", path, json_body=body).json()

    # -- API ------------------------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        return self.get_json("/health")  # type: ignore[no-any-return]

    def enrol(self, code: str, device_id: str, *, name: str = "", public_key: str = "") -> dict[str, Any]:
        """Trade a one-time code for a token; the token is also kept on this client."""
        data = self.post_json("/v1/enrol", {"code": code, "device_id": device_id, "name": name, "public_key": public_key})
        self.token = data["token"]
        return data  # type: ignore[no-any-return]

    def whoami(self) -> dict[str, Any]:
        return self.get_json("/v1/whoami")  # type: ignore[no-any-return]

    def hello(self, *, blobs: list[str] | None = None, device_time: str | None = None) -> dict[str, Any]:
        from adjuster.sync.protocol import PROTOCOL_VERSION
        from adjuster.util.clock import utcnow_iso

        return self.post_json(  # type: ignore[no-any-return]
            "/v1/hello",
            {"protocol": PROTOCOL_VERSION, "device_time": device_time or utcnow_iso(), "blobs": sorted(blobs or [])},
        )

    def push_json(self, ops: list[dict[str, Any]], *, refused: str = "fail") -> dict[str, Any]:
        """Send ops. ``refused="reject"`` asks the hub to set aside ops this user may not write
        (reported in ``rejected``) instead of refusing the whole batch with 403."""
        from adjuster.sync.protocol import PROTOCOL_VERSION

        body: dict[str, Any] = {"protocol": PROTOCOL_VERSION, "ops": ops}
        if refused != "fail":
            body["refused"] = refused
        return self.post_json("/v1/push", body)  # type: ignore[no-any-return]

    def pull_json(self, cursor: int, limit: int | None = None) -> dict[str, Any]:
        return self.get_json("/v1/pull", cursor=cursor, limit=limit)  # type: ignore[no-any-return]

    # -- blobs ----------------------------------------------------------------------------------
    def blob_status(self, sha: str) -> tuple[bool, int]:
        """(complete, bytes the hub holds) for ``sha``."""
        r = self.request("HEAD", f"/v1/blobs/{sha}")
        return r.headers.get("blob-complete") == "1", int(r.headers.get("upload-offset", "0"))

    def upload_blob(self, sha: str, path: Path, progress: ProgressFn = no_progress, *, chunk: int = UPLOAD_CHUNK) -> int:
        """Send ``path`` as blob ``sha``, resuming from what the hub already holds.

        A cut connection is retried (with backoff) from the hub's new offset, so a drop at 90 %
        sends only the last 10 %. Returns the bytes actually sent by this call.
        """
        total = path.stat().st_size
        sent = 0
        failures = 0
        while True:
            complete, offset = self.blob_status(sha)
            progress(offset, total)
            if complete:
                return sent
            count = {"n": 0}

            def body(start: int = offset, counter: dict[str, int] = count) -> Iterator[bytes]:
                with open(path, "rb") as fh:
                    fh.seek(start)
                    pos = start
                    for piece in iter(lambda: fh.read(chunk), b""):
                        counter["n"] += len(piece)
                        pos += len(piece)
                        yield piece
                        progress(pos, total)

            headers = {"Upload-Offset": str(offset), "Upload-Length": str(total),
                       "Content-Type": "application/octet-stream", "Content-Length": str(total - offset)}
            self.attempts += 1
            try:
                r = self.http.put(f"/v1/blobs/{sha}", content=body(), headers=self._headers(headers))
            except httpx.TransportError as err:
                sent += count["n"]
                failures += 1
                if failures > self.retries:
                    raise HubUnreachable(f"upload of {sha[:12]} failed {failures} times: {err}") from None
                self._wait(failures - 1)
                continue
            sent += count["n"]
            if r.status_code in (200, 202):
                if r.status_code == 200:
                    progress(total, total)
                    return sent
                failures = 0
                continue
            err = _error_of(r)
            if err.code in ("offset_mismatch", "upload_in_progress") or r.status_code in RETRY_STATUSES:
                failures += 1
                if failures > self.retries:
                    raise err
                self._wait(failures - 1, r)
                continue
            raise err

    def download_blob(self, sha: str, dest: Path) -> None:
        """Fetch a complete blob into ``dest`` (streamed, atomically, verified by hash)."""
        import hashlib

        from adjuster.util.atomic import atomic_open

        for attempt in range(self.retries + 1):
            self.attempts += 1
            try:
                with self.http.stream("GET", f"/v1/blobs/{sha}", headers=self._headers()) as r:
                    if r.status_code != 200:
                        r.read()
                        raise _error_of(r)
                    digest = hashlib.sha256()
                    with atomic_open(dest) as fh:
                        for chunk in r.iter_bytes(UPLOAD_CHUNK):
                            digest.update(chunk)
                            fh.write(chunk)
                        if digest.hexdigest() != sha:
                            raise HubApiError(502, "hash_mismatch", f"blob {sha[:12]} arrived damaged")
                return
            except httpx.TransportError as err:
                if attempt >= self.retries:
                    raise HubUnreachable(f"download of {sha[:12]} failed: {err}") from None
                self._wait(attempt)

class HttpTransport(Transport):
    """The sync engine's ``Transport`` over HTTP: ``sync_once(store, media, HttpTransport(...))``.

    Pushes are split to the hub's batch limit; blobs upload resumably; every call retries on a
    flaky link (see ``HubClient``). Byte counters count request and response payloads.
    """

    def __init__(self, client: HubClient | str, token: str | None = None, **kwargs: Any) -> None:
        self.client = client if isinstance(client, HubClient) else HubClient(client, token, **kwargs)
        self.bytes_sent = 0
        self.bytes_received = 0
        self.max_ops = 1000
        self.last_hello: dict[str, Any] = {}

    def _count(self, response_json: Any, request_json: Any = None) -> Any:
        if request_json is not None:
            self.bytes_sent += len(json.dumps(request_json, ensure_ascii=False).encode("utf-8"))
        self.bytes_received += len(json.dumps(response_json, ensure_ascii=False).encode("utf-8"))
        return response_json

    def hello(self, device_id: str) -> dict[str, Any]:
        data = self.client.hello()
        limits = data.get("limits") or {}
        self.max_ops = min(self.max_ops, int(limits.get("max_ops_per_push") or self.max_ops))
        self.last_hello = data
        return self._count(data)  # type: ignore[no-any-return]

    def missing_blobs(self, device_id: str, shas: Iterable[str]) -> list[str]:
        wanted = sorted(set(shas))
        if not wanted:
            return []
        body = {"shas": wanted}
        return list(self._count(self.client.post_json("/v1/blobs/missing", body), body)["missing"])

    def put_blob(self, device_id: str, sha: str, path: Path) -> int:
        sent = self.client.upload_blob(sha, path)
        self.bytes_sent += sent
        return sent

    def get_blob(self, device_id: str, sha: str, dest: Path) -> int:
        self.client.download_blob(sha, dest)
        size = dest.stat().st_size
        self.bytes_received += size
        return size

    def push(self, device_id: str, ops: list[Op]) -> ApplyResult:
        """Push in batches. When the hub refuses a batch with 403 because an op writes a case no
        longer assigned to this user, the batch is sent again asking the hub to set such ops
        aside: they come back in ``rejected`` with the hub's reason (the sync report shows them)
        and one stale edit does not block everything behind it."""
        result = ApplyResult()
        for start in range(0, len(ops), self.max_ops):
            body = [op.to_json() for op in ops[start : start + self.max_ops]]
            try:
                data = self.client.push_json(body)
            except HubApiError as err:
                if err.status != 403 or "op_id" not in err.extra:
                    raise
                data = self.client.push_json(body, refused="reject")
            self._count(data, {"ops": body})
            result.merge(ApplyResult.from_json(data))
        return result

    def pull(self, device_id: str, cursor: int, limit: int | None = None) -> PullResult:
        return PullResult.from_json(self._count(self.client.pull_json(cursor, limit)))

    def close(self) -> None:
        self.client.close()


# -- a device profile's link to its hub ---------------------------------------------------------
TOKEN_FILE = "hub_token"


def token_path(profile: Any) -> Path:
    """``<profile>/sync/hub_token`` (0600, beside the device key in the 0700 ``sync`` folder)."""
    return Path(profile.root) / "sync" / TOKEN_FILE


def save_link(profile: Any, url: str, token: str) -> None:
    """Remember the hub URL (settings) and the device token (owner-only file)."""
    import os

    from adjuster.util.atomic import atomic_open

    path = token_path(profile)
    path.parent.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path.parent, 0o700)
    with atomic_open(path) as fh:
        if os.name == "posix":
            os.fchmod(fh.fileno(), 0o600)
        fh.write(token.encode("ascii"))
    profile.settings["hub_url"] = url.rstrip("/")
    profile.save_settings()


def load_link(profile: Any) -> tuple[str, str]:
    """(hub URL, token) of an enrolled profile, or an error saying how to enrol."""
    url = str(profile.settings.get("hub_url") or "")
    path = token_path(profile)
    if not url or not path.is_file():
        raise AdjusterError("this device is not enrolled with a hub; run: adjuster remote enrol URL CODE")
    return url, path.read_text("ascii").strip()


def enrol_profile(profile: Any, url: str, code: str, *, name: str = "") -> dict[str, Any]:
    """Enrol this profile's device with the hub at ``url`` using a one-time ``code``."""
    import socket

    from adjuster.sync.device import DeviceIdentity

    store = profile.open_store()
    try:
        ident = DeviceIdentity.load(store)
        with HubClient(url, retries=2) as client:
            answer = client.enrol(code, ident.device_id, name=name or socket.gethostname(), public_key=ident.public_key)
    finally:
        store.close()
    if not profile.settings.get("user_name"):
        profile.settings["user_name"] = answer["user"]  # edits made here are then signed with the hub's name
    save_link(profile, url, answer["token"])
    return {k: v for k, v in answer.items() if k != "token"}


def sync_profile(profile: Any, **client_kw: Any) -> Any:
    """One sync round of this profile with its hub over HTTP; returns the engine's SyncReport."""
    from adjuster.sync.syncer import sync_once

    url, token = load_link(profile)
    store = profile.open_store()
    transport = HttpTransport(HubClient(url, token, **client_kw))
    media: Any = None
    try:
        try:
            media = profile.open_media()
        except ImportError:  # pragma: no cover - media package absent
            media = profile.media_dir
        return sync_once(store, media, transport)
    finally:
        if hasattr(media, "close"):
            media.close()
        transport.close()
        store.close()
