"""A process killed mid-write leaves the database consistent; two processes share a profile."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

from adjuster.store import Store

WRITER = textwrap.dedent(
    """
    import sys
    from adjuster.store import Store
    from adjuster.domain import Case, LossItem
    store = Store.open(sys.argv[1], user=sys.argv[2])
    i = 0
    while True:
        with store.transaction():
            case = store.cases.create(Case(claim_no=f"{sys.argv[2]}-{i:06d}", insured_name="测试"))
            for k in range(5):
                store.items.create(LossItem(case_id=case.id, description=f"item {k}", unit_price="10.00"))
        i += 1
        if i == 3:
            print("ready", flush=True)
    """
)


def _start_writer(db, tag):
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), tag], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _assert_consistent(db):
    store = Store.open(db)
    try:
        assert store.integrity_check() == "ok"
        half_made = store.query(
            "SELECT c.claim_no, count(i.id) AS n FROM cases c LEFT JOIN loss_items i ON i.case_id = c.id "
            "GROUP BY c.id HAVING n != 5"
        )
        assert half_made == [], f"cases without all their items: {half_made}"
        ops = store.query_one("SELECT count(*) AS n FROM outbox")["n"]
        rows = store.query_one("SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM loss_items) AS n")["n"]
        assert ops == rows, "every row has its outbox op and no op lacks its row"
        return store.cases.count()
    finally:
        store.close()


def test_sigkill_during_writes_leaves_database_consistent(tmp_path):
    db = tmp_path / "adjuster.db"
    Store.open(db).close()
    rng = random.Random(7)
    total = 0
    for round_no in range(6):
        proc = _start_writer(db, f"K{round_no}")
        time.sleep(rng.uniform(0.02, 0.3))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        count = _assert_consistent(db)
        assert count > total
        total = count


def test_two_processes_write_the_same_profile_without_lock_errors(tmp_path):
    """The app and the CLI on one profile: WAL + busy timeout + BEGIN IMMEDIATE, no 'database is locked'."""
    db = tmp_path / "adjuster.db"
    Store.open(db).close()
    a = _start_writer(db, "A")
    b = _start_writer(db, "B")
    reader = Store.open(db)
    try:
        deadline = time.time() + 1.5
        while time.time() < deadline:
            reader.cases.count()
            time.sleep(0.01)
    finally:
        reader.close()
    for proc in (a, b):
        assert proc.poll() is None, "a writer died (database is locked?)"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    store = Store.open(db)
    tags = {r["t"] for r in store.query("SELECT substr(claim_no, 1, 1) AS t FROM cases")}
    store.close()
    assert tags == {"A", "B"}
    _assert_consistent(db)
