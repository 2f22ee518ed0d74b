"""Store benchmark: 10,000 cases × 10 items, then the case list's first page (plain, filtered,
searched, sorted) and opening one case. Prints figures; asserts nothing.

    .venv/bin/python bench/store.py [--cases 10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from adjuster.domain import Case, LossItem
from adjuster.store import CaseFilter, Store

STATUSES = ["draft", "submitted", "in_review", "approved", "returned", "closed"]
NAMES = ["宁波海联进出口有限公司", "Harbour View Trading Ltd", "深圳市鹏程精密制造有限公司", "Golden Lotus Group", "上海华庭餐饮"]


def populate(store: Store, n_cases: int) -> float:
    rng = random.Random(1)
    t0 = time.perf_counter()
    for start in range(0, n_cases, 500):
        with store.transaction():
            for i in range(start, min(start + 500, n_cases)):
                case = store.cases.create(Case(
                    claim_no=f"PA2026-{i:06d}", insured_name=f"{rng.choice(NAMES)} {i}", adjuster=rng.choice(["wang", "chan", "li"]),
                    loss_date=f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}", sum_insured="1000000.00",
                ))
                if rng.random() < 0.7:
                    store.execute("UPDATE cases SET status = ? WHERE id = ?", [rng.choice(STATUSES), case.id])
                for k in range(10):
                    store.items.create(LossItem(case_id=case.id, position=k, description=f"item {k}", qty="2", unit_price="150.00"))
    return time.perf_counter() - t0


def timed(fn, repeat: int = 20) -> float:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="adjuster-bench-"))
    db = folder / "adjuster.db"
    store = Store.open(db)
    if store.cases.count() < args.cases:
        secs = populate(store, args.cases - store.cases.count())
        print(f"populate: {args.cases} cases × 10 items in {secs:.1f} s ({args.cases * 11 / secs:,.0f} rows/s, with audit + outbox)")
    store.close()
    store = Store.open(db)  # a cold-ish reopen, as the app would
    some = store.cases.page(CaseFilter(), limit=1)[0]["id"]
    figures = {
        "first page (100 rows, newest first)": lambda: store.cases.page(CaseFilter(), limit=100),
        "filtered page (status=submitted)": lambda: store.cases.page(CaseFilter(statuses=("submitted",)), limit=100),
        "filtered + count (status in 2, adjuster)": lambda: (
            store.cases.page(CaseFilter(statuses=("submitted", "returned"), adjuster="wang"), limit=100),
            store.cases.count_matching(CaseFilter(statuses=("submitted", "returned"), adjuster="wang")),
        ),
        "search page ('海联')": lambda: store.cases.page(CaseFilter(search="海联"), limit=100),
        "sorted by claim no.": lambda: store.cases.page(CaseFilter(order_by="claim_no", descending=False), limit=100),
        "open one case (case + 10 items)": lambda: (store.cases.get(some), store.items.for_case(some)),
    }
    print(f"database: {db} ({db.stat().st_size / 1e6:.1f} MB), {store.cases.count()} cases")
    for label, fn in figures.items():
        print(f"{label:<44} {timed(fn):7.2f} ms (median of 20)")
    plan = store.query("EXPLAIN QUERY PLAN SELECT id FROM cases WHERE deleted_at IS NULL AND status IN ('submitted') "
                       "ORDER BY updated_at DESC LIMIT 100")
    print("plan (status filter):", "; ".join(r["detail"] for r in plan))
    store.close()


if __name__ == "__main__":
    main()
