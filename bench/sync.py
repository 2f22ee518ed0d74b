"""Sync benchmark: a device with 500 cases and 5,000 photos syncs once; then 1 case changes and 3
photos are added, and it syncs again. Prints ops and bytes sent and seconds for both rounds, over
the in-process transport and as a USB bundle.

    .venv/bin/python bench/sync.py [--cases 500] [--photos 5000] [--photo-kb 24]

Target: the second round sends only what changed (4 ops, 3 photos), in well under a second.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adjuster.domain.models import Case, Photo  # noqa: E402
from adjuster.sync.bundle import export_bundle, import_bundle  # noqa: E402
from adjuster.sync.receipt import import_receipt  # noqa: E402
from adjuster.sync.testing import make_device, make_hub  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--photos", type=int, default=5000)
    parser.add_argument("--photo-kb", type=int, default=24, help="size of each synthetic photo")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t = time.perf_counter()
        hub = make_hub(root / "hub")
        dev = make_device(root, "laptop", hub)
        per_case = max(1, args.photos // args.cases)
        with dev.store.transaction():
            cases = dev.store.cases.create_many(Case(claim_no=f"CL-B-{i:05d}", insured_name=f"Insured {i}") for i in range(args.cases))
            photos = []
            for n in range(args.photos):
                sha = dev.put_blob(os.urandom(args.photo_kb * 1024))
                photos.append(Photo(sha256=sha, owner_type="case", owner_id=cases[n // per_case % len(cases)].id))
            dev.store.photos.create_many(photos)
        print(f"setup: {args.cases} cases, {args.photos} photos of {args.photo_kb} KB ({time.perf_counter() - t:.1f} s, not timed)")

        first = dev.sync()
        dev.store.cases.update(cases[7].id, insured_name="Insured 7 (renamed)")
        for k in range(3):
            dev.add_photo(cases[7].id, os.urandom(args.photo_kb * 1024) + bytes([k]))
        second = dev.sync()

        print()
        print(f"{'network (in-process hub)':28} {'ops':>7} {'photos':>7} {'bytes sent':>14} {'seconds':>9}")
        for label, r in (("first sync", first), ("second sync (1 case, 3 photos)", second)):
            print(f"{label:28.28} {r.sent_ops:7d} {r.sent_blobs:7d} {r.sent_bytes:14,d} {r.seconds:9.2f}")
        op_bytes = second.sent_bytes - 3 * args.photo_kb * 1024 - 3
        print(f"second sync: {second.sent_ops} ops, {op_bytes:,} bytes of ops/requests besides the 3 photos")

        # the same by USB stick: a fresh device so the first bundle carries everything
        dev2 = make_device(root, "laptop2", hub)
        with dev2.store.transaction():
            cases2 = dev2.store.cases.create_many(Case(claim_no=f"CL-U-{i:05d}") for i in range(args.cases))
            photos2 = []
            for n in range(args.photos):
                sha = dev2.put_blob(os.urandom(args.photo_kb * 1024))
                photos2.append(Photo(sha256=sha, owner_type="case", owner_id=cases2[n // per_case % len(cases2)].id))
            dev2.store.photos.create_many(photos2)
        rows = []
        for label in ("first bundle", "second bundle (1 case, 3 photos)"):
            if label.startswith("second"):
                dev2.store.cases.update(cases2[3].id, insured_name="changed")
                for k in range(3):
                    dev2.add_photo(cases2[3].id, os.urandom(args.photo_kb * 1024) + bytes([k]))
            t = time.perf_counter()
            exp = export_bundle(dev2.store, dev2.media_dir, dev2.identity, root / f"{label[:5]}.adjsync")
            t_export = time.perf_counter() - t
            t = time.perf_counter()
            out = import_bundle(hub, exp.path, receipt_dir=root / "receipts")
            t_import = time.perf_counter() - t
            t = time.perf_counter()
            import_receipt(dev2.store, dev2.media_dir, out.receipt)
            t_receipt = time.perf_counter() - t
            rows.append((label, exp.op_count, exp.blob_count, exp.size, t_export, t_import, t_receipt))
        print()
        print(f"{'USB bundle':28} {'ops':>7} {'photos':>7} {'bundle bytes':>14} {'export':>8} {'import':>8} {'receipt':>8}")
        for label, ops, blobs, size, te, ti, tr in rows:
            print(f"{label:28.28} {ops:7d} {blobs:7d} {size:14,d} {te:8.2f} {ti:8.2f} {tr:8.2f}")
        dev.close()
        dev2.close()
        hub.close()


if __name__ == "__main__":
    main()
