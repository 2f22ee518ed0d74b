"""Benchmark: loss report of a case with N synthetic 12 MP photos, from a cold and a warm cache.

    .venv/bin/python bench/report.py [--photos 100] [--keep DIR]

Cold = the media store's ~1600 px view derivatives are built from the 12 MP originals during the
report; warm = they exist. Prints seconds, file size, KB per photo, and the peak memory of a
warm run at N/4 and N photos (each in a fresh process) to show memory does not grow with the
photo count beyond the PDF itself. Targets (issue 7): warm ≤ 0.05 s/photo, ≤ 400 KB/photo.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WARM_TARGET_S = 0.05
SIZE_TARGET_KB = 400


def make_photos(folder: Path, n: int) -> list[Path]:
    """12 MP JPEGs that compress like real photos: gradients, shapes, sensor-like noise, EXIF time."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(7)
    w, h = 4000, 3000
    bases = []
    for b in range(4):
        small = Image.new("RGB", (400, 300))
        d = ImageDraw.Draw(small)
        for y in range(300):
            d.line((0, y, 400, y), fill=(90 + y // 4 + b * 20, 110 + y // 5, 140 - y // 6))
        for _ in range(40):
            x0, y0 = rng.randrange(400), rng.randrange(300)
            d.rectangle((x0, y0, x0 + rng.randrange(10, 90), y0 + rng.randrange(10, 90)),
                        fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        big = small.resize((w, h), Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(3))
        noise = Image.effect_noise((w, h), 18).convert("RGB")
        bases.append(Image.blend(big, noise, 0.3))
    out = []
    for i in range(n):
        im = bases[i % 4].copy()
        ImageDraw.Draw(im).rectangle((100 + i * 30, 100, 700 + i * 30, 600), outline=(255, 255, 0), width=25)
        exif = Image.Exif()
        exif[0x0132] = f"2024:03:12 09:{i // 60:02d}:{i % 60:02d}"
        exif[0x0112] = 6 if i % 10 == 0 else 1  # some portrait phone shots
        p = folder / f"IMG_{i:04d}.jpg"
        im.save(p, "JPEG", quality=90, exif=exif.tobytes())
        out.append(p)
    return out


def build_profile(root: Path, n: int) -> str:
    """A profile with one case, three items and n imported photos; returns the case id."""
    from adjuster.domain.models import Case, LossItem
    from adjuster.media import import_photos
    from adjuster.profile import Profile

    profile = Profile.at(root / "profile")
    store, media = profile.open_store(), profile.open_media()
    case = store.cases.create(Case(claim_no=f"BENCH-{n}", insured_name="基准测试有限公司", policy_no="P-1",
                                   sum_insured=Decimal("1000000"), insured_value=Decimal("1000000"),
                                   narrative_circumstances="基准测试 benchmark " * 40))
    for i in range(3):
        store.items.create(LossItem(case_id=case.id, description=f"项目 item {i}", qty=Decimal(2),
                                    unit_price=Decimal("1000.00"), unit="台"))
    folder = root / "src"
    folder.mkdir()
    t = time.perf_counter()
    paths = make_photos(folder, n)
    print(f"made {n} synthetic 12 MP JPEGs in {time.perf_counter() - t:.1f} s "
          f"({sum(p.stat().st_size for p in paths) / n / 1e6:.1f} MB each)")
    t = time.perf_counter()
    import_photos(store, media, "case", case.id, paths)
    print(f"imported in {time.perf_counter() - t:.1f} s")
    store.close()
    media.close()
    return case.id


def run_report(root: Path, case_id: str, out: Path, *, cold: bool) -> dict[str, float]:
    from adjuster.profile import Profile
    from adjuster.reports.service import generate_loss_report

    profile = Profile.at(root / "profile")
    store, media = profile.open_store(), profile.open_media()
    if cold:
        for p in store.photos.for_owner("case", case_id):
            media.drop_derivatives(p.sha256)
    t = time.perf_counter()
    outcome = generate_loss_report(store, media, case_id, out, lang="both")
    seconds = time.perf_counter() - t
    n = len(store.photos.for_owner("case", case_id))
    store.close()
    media.close()
    size = out.stat().st_size
    return {"photos": n, "seconds": seconds, "bytes": size, "pages": outcome.pages,
            "max_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """Peak resident memory of this process. VmHWM, because ru_maxrss keeps the forking parent's
    peak across exec on Linux and would hide what the report itself used."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(args: argparse.Namespace) -> None:
    result = run_report(Path(args.root), args.case, Path(args.root) / f"child-{args.photos}.pdf", cold=False)
    print(json.dumps(result))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--photos", type=int, default=100)
    ap.add_argument("--keep", help="Keep the profile and PDFs in this directory.")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--root", help=argparse.SUPPRESS)
    ap.add_argument("--case", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    tmp = None
    if args.keep:
        root = Path(args.keep)
        root.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="adj-bench-")
        root = Path(tmp.name)
    n = args.photos
    quarter = max(1, n // 4)
    case_small = build_profile(root / "small", quarter)
    case_id = build_profile(root / "big", n)
    print()
    rows = []
    for label, cold in (("cold cache", True), ("warm cache", False)):
        r = run_report(root / "big", case_id, root / f"report-{label.split()[0]}.pdf", cold=cold)
        per = r["seconds"] / r["photos"]
        kb = r["bytes"] / 1024 / r["photos"]
        rows.append((label, r, per, kb))
        print(f"{label:10}  {r['photos']} photos  {r['pages']} pages  {r['seconds']:.2f} s  "
              f"({per:.3f} s/photo)  {r['bytes'] / 1e6:.1f} MB  ({kb:.0f} KB/photo)")
    mem = {}
    for count, sub, cid in ((quarter, "small", case_small), (n, "big", case_id)):
        res = subprocess.run([sys.executable, __file__, "--child", "--root", str(root / sub), "--case", cid,
                              "--photos", str(count)], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
        mem[count] = json.loads(res.stdout.strip().splitlines()[-1])
        print(f"warm, fresh process, {count:4d} photos: peak RSS {mem[count]['max_rss_mb']:.0f} MB "
              f"(PDF {mem[count]['bytes'] / 1e6:.1f} MB)")
    growth = mem[n]["max_rss_mb"] - mem[quarter]["max_rss_mb"]
    pdf_growth = (mem[n]["bytes"] - mem[quarter]["bytes"]) / 1e6
    print(f"memory growth {quarter}→{n} photos: {growth:.0f} MB, of which the PDF bytes held for the "
          f"atomic write ≈ {pdf_growth:.0f} MB (×2 while joined)")
    warm_per, warm_kb = rows[1][2], rows[1][3]
    print()
    print(f"warm ≤ {WARM_TARGET_S} s/photo: {'PASS' if warm_per <= WARM_TARGET_S else 'FAIL'} ({warm_per:.3f})")
    print(f"size ≤ {SIZE_TARGET_KB} KB/photo: {'PASS' if warm_kb <= SIZE_TARGET_KB else 'FAIL'} ({warm_kb:.0f})")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
