"""Request limits: bounded body reads and per-device token buckets.

A body is read with a byte budget and refused with 413 the moment it passes it (the declared
Content-Length is checked first, so an honest oversized request costs nothing). Rate limits are
token buckets kept in memory per key (a device id, or a client address for enrolment), refilled
continuously; an empty bucket answers 429 with Retry-After.
"""

from __future__ import annotations

import json
import math
import threading
import time
from dataclasses import dataclass
from typing import Any

from starlette.requests import ClientDisconnect, Request

from adjuster.sync.hub.errors import HubError, bad_request


@dataclass
class HubLimits:
    """Tunable limits; the defaults suit one office on one machine."""

    max_json_bytes: int = 8 * 1024 * 1024
    max_bundle_bytes: int = 512 * 1024 * 1024
    max_blob_bytes: int = 256 * 1024 * 1024
    max_ops_per_push: int = 5000
    #: sustained requests per second per device, and the burst it may spend at once
    device_rate: float = 50.0
    device_burst: int = 200
    #: enrolment attempts per client address (slows down code guessing)
    enrol_rate: float = 0.5
    enrol_burst: int = 10


def too_large(limit: int) -> HubError:
    return HubError(413, "too_large", f"request body exceeds the limit of {limit} bytes")


def declared_length(request: Request) -> int | None:
    raw = request.headers.get("content-length")
    if raw is None:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise bad_request("Content-Length is not a number") from None
    if value < 0:
        raise bad_request("Content-Length is negative")
    return value


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refusing with 413 as soon as it passes ``limit`` bytes."""
    length = declared_length(request)
    if length is not None and length > limit:
        raise too_large(limit)
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise too_large(limit)
            chunks.append(chunk)
    except ClientDisconnect:
        raise HubError(400, "disconnected", "the client went away before the body was complete") from None
    return b"".join(chunks)


async def read_json(request: Request, limit: int) -> dict[str, Any]:
    """A JSON object body; malformed JSON or another top-level type is a 400 with the reason."""
    ctype = request.headers.get("content-type", "")
    if ctype and "json" not in ctype:
        raise HubError(415, "unsupported_media_type", f"expected application/json, got {ctype}")
    body = await read_body(request, limit)
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise bad_request("body is not UTF-8", "malformed_json") from None
    except json.JSONDecodeError as err:
        raise bad_request(f"malformed JSON: {err.msg} at line {err.lineno} column {err.colno}", "malformed_json") from None
    if not isinstance(data, dict):
        raise bad_request("the JSON body must be an object", "malformed_json")
    return data


class TokenBuckets:
    """Token bucket per key: ``rate`` tokens a second up to ``burst``. Thread-safe, in memory."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self._state: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str, cost: float = 1.0) -> float:
        """Spend ``cost`` tokens; returns 0 on success, else the seconds to wait before retrying."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._state.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= cost:
                self._state[key] = (tokens - cost, now)
                return 0.0
            self._state[key] = (tokens, now)
            return (cost - tokens) / self.rate if self.rate > 0 else math.inf

    def check(self, key: str, cost: float = 1.0) -> None:
        """``take`` or raise 429 with Retry-After."""
        wait = self.take(key, cost)
        if wait:
            retry = max(1, math.ceil(wait)) if math.isfinite(wait) else 3600
            raise HubError(
                429, "rate_limited", f"too many requests; retry in {retry} s", headers={"Retry-After": str(retry)}
            )
