"""A database file that is not ours, is damaged or read-only: a clear message, the file untouched."""

from __future__ import annotations

import os

import pytest

from adjuster.store import DatabaseError, Store


def test_not_sqlite_is_refused_and_untouched(tmp_path):
    path = tmp_path / "adjuster.db"
    path.write_bytes(b"this is a shopping list, not a database\n" * 20)
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as err:
        Store.open(path)
    assert str(path) in str(err.value) and "not an SQLite file" in str(err.value)
    assert path.read_bytes() == before


def test_corrupt_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "adjuster.db"
    store = Store.open(path)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the first page after the header
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as err:
        Store.open(path)
    assert str(path) in str(err.value)
    assert path.read_bytes() == before


def test_read_only_database_is_refused_even_as_root(tmp_path, monkeypatch):
    """Simulate the permission check's answer (CI runs as root, which can write anything)."""
    path = tmp_path / "adjuster.db"
    Store.open(path).close()
    before = path.read_bytes()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    with pytest.raises(DatabaseError, match="read-only"):
        Store.open(path)
    assert path.read_bytes() == before


def test_directory_in_place_of_database(tmp_path):
    (tmp_path / "adjuster.db").mkdir()
    with pytest.raises(DatabaseError, match="is a directory"):
        Store.open(tmp_path / "adjuster.db")
