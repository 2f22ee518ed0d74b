"""Numbered migrations: fresh databases, upgrades from migration 1, refusal of newer schemas."""

from __future__ import annotations

import importlib
import sqlite3

import pytest

from adjuster.store import LATEST_VERSION, DatabaseError, Store
from adjuster.store.migrate import available_migrations, current_version, migrate


def test_fresh_database_is_at_latest_version(tmp_path):
    store = Store.open(tmp_path / "a.db")
    rows = store.query("SELECT version, name FROM schema_version ORDER BY version")
    assert [r["version"] for r in rows] == list(range(1, LATEST_VERSION + 1))
    assert store.query_one("PRAGMA user_version")["user_version"] == LATEST_VERSION
    assert store.query_one("PRAGMA journal_mode")["journal_mode"] == "wal"
    assert store.query_one("PRAGMA foreign_keys")["foreign_keys"] == 1
    store.close()


def test_database_made_at_migration_1_upgrades_and_keeps_data(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, path, target=1)
    conn.execute(
        "INSERT INTO cases (id, rev, claim_no, insured_name, sum_insured) VALUES ('c1', 1, 'OLD-001', '老客户', '1000.00')"
    )
    conn.close()

    store = Store.open(path)
    assert current_version(store.conn) == LATEST_VERSION
    case = store.cases.get("c1")
    assert case.insured_name == "老客户" and str(case.sum_insured) == "1000.00"
    # migration 2 added the catalogue and the case-list indexes
    assert "catalogue" in store.db.table_names()
    assert any(i.name == "cases_status_updated" for i in store.db["cases"].indexes)
    store.close()
    assert (tmp_path / "old.db.v1.bak").exists(), "a copy is kept before upgrading"


def test_each_migration_is_one_transaction(tmp_path, monkeypatch):
    """A migration failing half-way leaves the database at the previous version, untouched."""
    path = tmp_path / "m.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, path, target=1)
    mig = importlib.import_module("adjuster.store.migrate")

    real = mig.available_migrations()
    broken = real[1].__class__(real[1].version, real[1].name, real[1].sql + "\nCREATE TABLE broken (;\n")
    monkeypatch.setattr(mig, "available_migrations", lambda: [real[0], broken, *real[2:]])
    with pytest.raises(sqlite3.OperationalError):
        mig.migrate(conn, path)
    assert current_version(conn) == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'catalogue'").fetchone()[0] == 0
    conn.close()


def test_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    Store.open(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, 'future', 'x')", [LATEST_VERSION + 5])
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="newer Adjuster"):
        Store.open(path)
    assert path.read_bytes() == before


def test_migrations_are_numbered_without_gaps():
    versions = [m.version for m in available_migrations()]
    assert versions == list(range(1, len(versions) + 1))
