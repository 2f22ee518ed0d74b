"""Sorting and grouping by capture time, by distance, by linked item."""

from __future__ import annotations

from types import SimpleNamespace as P

from adjuster.media.grouping import distance_m, group_by_link, group_by_location, group_by_time, sort_by_time


def test_distance():
    assert distance_m(43.467448, 11.885127, 43.467448, 11.885127) == 0
    assert 110_000 < distance_m(0, 0, 1, 0) < 112_000


def test_sort_and_sessions():
    photos = [
        P(n=1, taken_at="2026-05-01T10:40:00+08:00"),
        P(n=2, taken_at=None),
        P(n=3, taken_at="2026-05-01T10:00:00"),
        P(n=4, taken_at="2026-05-01T14:00:00"),
    ]
    assert [p.n for p in sort_by_time(photos)] == [3, 1, 4, 2]
    assert [[p.n for p in g] for g in group_by_time(photos)] == [[3], [1], [4], [2]]
    assert [[p.n for p in g] for g in group_by_time(photos, gap=__import__("datetime").timedelta(hours=1))] == [[3, 1], [4], [2]]


def test_location_groups_within_radius():
    base = (43.467448, 11.885127)
    photos = [
        P(n=1, taken_at="2026-01-01T10:00:00", gps_lat=base[0], gps_lon=base[1]),
        P(n=2, taken_at="2026-01-01T10:01:00", gps_lat=base[0] + 0.0002, gps_lon=base[1]),  # ~22 m
        P(n=3, taken_at="2026-01-01T10:02:00", gps_lat=base[0] + 0.01, gps_lon=base[1]),  # ~1.1 km
        P(n=4, taken_at="2026-01-01T10:03:00", gps_lat=None, gps_lon=None),
    ]
    groups = group_by_location(photos, radius_m=50)
    assert [[p.n for p in g.photos] for g in groups] == [[1, 2], [3], [4]]
    assert groups[-1].lat is None
    assert [[p.n for p in g.photos] for g in group_by_location(photos, radius_m=10)] == [[1], [2], [3], [4]]


def test_group_by_link():
    photos = [P(item_id="a"), P(item_id=None), P(item_id="a")]
    assert {k: len(v) for k, v in group_by_link(photos).items()} == {"a": 2, None: 1}
