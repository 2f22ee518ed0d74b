"""Ordering and grouping photos the way an adjuster reviews them: by when (capture time, sessions)
and by where (photos taken within N metres of each other), and by the loss item or finding they
document. Works on anything with ``taken_at`` / ``gps_lat`` / ``gps_lon`` attributes (Photo rows,
PhotoMeta)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")
EARTH_RADIUS_M = 6_371_008.8


def wall_time(taken_at: str | None) -> dt.datetime | None:
    """The local wall-clock time a photo shows (offset dropped): what the adjuster saw on site.

    Photos of one claim are taken in one place, so wall time orders them as the adjuster remembers,
    even when some cameras recorded an offset and others did not.
    """
    if not taken_at:
        return None
    try:
        return dt.datetime.fromisoformat(taken_at.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def sort_by_time(photos: Iterable[T]) -> list[T]:
    """Oldest first; photos without a capture time last, in their original order."""
    items = list(photos)
    return sorted(items, key=lambda p: (wall_time(getattr(p, "taken_at", None)) is None, wall_time(getattr(p, "taken_at", None)) or dt.datetime.min))


def group_by_time(photos: Iterable[T], *, gap: dt.timedelta = dt.timedelta(minutes=30)) -> list[list[T]]:
    """Split time-sorted photos into sessions wherever ``gap`` passes between two shots.
    Photos without a time form the last group."""
    groups: list[list[T]] = []
    undated: list[T] = []
    last: dt.datetime | None = None
    for p in sort_by_time(photos):
        t = wall_time(getattr(p, "taken_at", None))
        if t is None:
            undated.append(p)
            continue
        if last is None or t - last > gap:
            groups.append([])
        groups[-1].append(p)
        last = t
    if undated:
        groups.append(undated)
    return groups


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class LocationGroup:
    """Photos taken near one spot. ``lat``/``lon`` is the group's centre (None: no GPS)."""

    lat: float | None
    lon: float | None
    photos: list[Any] = field(default_factory=list)


def group_by_location(photos: Iterable[T], *, radius_m: float = 50.0) -> list[LocationGroup]:
    """Greedy clustering: each photo (in time order) joins the nearest group whose centre is within
    ``radius_m``, else starts a new group. Photos without GPS come last in a group of their own."""
    groups: list[LocationGroup] = []
    no_gps = LocationGroup(None, None)
    for p in sort_by_time(photos):
        lat, lon = getattr(p, "gps_lat", None), getattr(p, "gps_lon", None)
        if lat is None or lon is None:
            no_gps.photos.append(p)
            continue
        best, best_d = None, radius_m
        for g in groups:
            assert g.lat is not None and g.lon is not None
            d = distance_m(lat, lon, g.lat, g.lon)
            if d <= best_d:
                best, best_d = g, d
        if best is None:
            groups.append(LocationGroup(lat, lon, [p]))
        else:
            best.photos.append(p)
            n = len(best.photos)
            assert best.lat is not None and best.lon is not None
            best.lat += (lat - best.lat) / n
            best.lon += (lon - best.lon) / n
    if no_gps.photos:
        groups.append(no_gps)
    return groups


def group_by_link(photos: Sequence[T], attr: str = "item_id") -> dict[str | None, list[T]]:
    """Photos per linked loss item (``attr="item_id"``) or finding (``"finding_id"``); None = unlinked."""
    out: dict[str | None, list[T]] = {}
    for p in photos:
        out.setdefault(getattr(p, attr, None) or None, []).append(p)
    return out
