"""Photo import speed and memory: our pipeline against a naive baseline, in the same run.

    .venv/bin/python bench/photos.py [--count 40] [--memory-count 200] [--keep DIR]

Generates COUNT synthetic 4000×3000 JPEGs (EXIF orientations 1, 3, 6, 8, 2, 5, 7, 4 in turn),
then prints photos/s for:
  naive        open → ImageOps.exif_transpose → full decode → thumbnail(256), pinned to one core
  ours, 1 core adjuster.media.import_files (hash, copy+fsync, metadata, draft thumbnail) pinned to
               one core (sched_setaffinity); its default threads = cores + 1 overlap fsync waits
  ours, N      the same on every core (CPU use shows whether both cores work)
and the peak RSS of a separate process importing MEMORY_COUNT photos into a real profile
(files + SQLite rows through service.import_photos).
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageOps  # noqa: E402

ORIENTATIONS = (1, 3, 6, 8, 2, 5, 7, 4)


@functools.lru_cache(maxsize=1)
def _noise() -> Image.Image:
    return Image.effect_noise((4000, 3000), 32).convert("RGB")


def synth_jpeg(seed: int, orientation: int) -> bytes:
    """A 4000×3000 photo-like JPEG (smooth shapes + sensor noise, a few MB like a phone shot)."""
    import random

    rnd = random.Random(seed)
    small = Image.new("RGB", (400, 300))
    px = small.load()
    for y in range(300):
        for x in range(400):
            px[x, y] = ((x + seed * 7) % 256, (y * 2 + seed) % 256, (x + y + seed * 13) % 256)
    for _ in range(12):
        x, y = rnd.randrange(400), rnd.randrange(300)
        small.paste((rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)), (x, y, x + 60, y + 40))
    big = small.resize((4000, 3000), Image.Resampling.BICUBIC)
    big = Image.blend(big, _noise(), 0.13)  # ~0.2 bytes/pixel, like the corpus's phone JPEGs
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "BenchCam"
    exif.get_ifd(0x8769)[0x9003] = f"2026:05:01 10:{seed % 60:02d}:00"
    buf = io.BytesIO()
    big.save(buf, "JPEG", quality=90, exif=exif.tobytes())
    return buf.getvalue()


def pinned(cores: set[int] | None):
    """Run the block on the given cores only (threads started inside inherit it); None = all."""
    import contextlib

    @contextlib.contextmanager
    def ctx():
        before = os.sched_getaffinity(0)
        if cores is not None:
            os.sched_setaffinity(0, cores)
        try:
            yield
        finally:
            os.sched_setaffinity(0, before)

    return ctx()


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def naive(files: list[Path]) -> tuple[float, float]:
    """(seconds, CPU seconds) of the naive pipeline."""
    c, t = _cpu(), time.perf_counter()
    for f in files:
        with Image.open(f) as im:
            up = ImageOps.exif_transpose(im)
            up.load()
            up.thumbnail((256, 256))
    return time.perf_counter() - t, _cpu() - c


def ours(files: list[Path], work: Path) -> tuple[float, float, int]:
    """Import into a fresh store with the default worker count; (seconds, CPU seconds, threads)."""
    from adjuster.media import MediaStore, import_files
    from adjuster.media.importer import default_workers

    shutil.rmtree(work, ignore_errors=True)
    media = MediaStore(work / "media", work / "cache")
    threads = default_workers()
    cpu0, t = _cpu(), time.perf_counter()
    results = import_files(media, files, workers=threads)
    wall = time.perf_counter() - t
    cpu = _cpu() - cpu0
    media.close()
    bad = [r for r in results if r.status != "imported"]
    if bad:
        raise SystemExit(f"benchmark import failed: {bad[0].path}: {bad[0].reason}")
    return wall, cpu, threads


def child_memory(folder: str, home: str) -> None:
    """Run in a fresh process: import every file of ``folder`` into a new profile, print peak RSS."""
    from adjuster.domain.models import Case
    from adjuster.media import import_photos, summarize
    from adjuster.profile import Profile

    profile = Profile.at(home)
    store = profile.open_store()
    media = profile.open_media()
    case = store.cases.create(Case(claim_no="BENCH-MEM"))
    t = time.perf_counter()
    res = import_photos(store, media, "case", case.id, [folder])
    wall = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{summarize(res)['imported']} {wall:.3f} {peak_mb:.1f}")


def compare(files: list[Path], work: Path, rounds: int) -> None:
    """Best of ``rounds`` for each contender, interleaved, so a burst of other load hits none unfairly."""
    for f in files:  # warm the page cache so every contender reads from memory
        f.read_bytes()
    all_cores = os.sched_getaffinity(0)
    one = {min(all_cores)}
    n = len(files)
    best: dict[str, tuple[float, float]] = {}
    threads: dict[str, int] = {}

    def keep(key: str, wall: float, cpu: float) -> None:
        if key not in best or wall < best[key][0]:
            best[key] = (wall, cpu)

    for _ in range(rounds):
        with pinned(one):
            keep("naive", *naive(files))
            wall, cpu, threads["one"] = ours(files, work / "one")
            keep("one", wall, cpu)
        wall, cpu, threads["all"] = ours(files, work / "all")
        keep("all", wall, cpu)
    t_naive, c_naive = best["naive"]
    print("                                  photos/s  × naive   CPU ms/photo  × naive  cores busy")
    for label, key in (
        ("naive baseline, 1 core", "naive"),
        (f"ours, 1 core ({threads['one']} threads)", "one"),
        (f"ours, {len(all_cores)} cores ({threads['all']} threads)", "all"),
    ):
        t, c = best[key]
        print(f"{label:32s} {n / t:8.1f}  {t_naive / t:6.1f}×  {1000 * c / n:10.1f}  {c_naive / c:6.1f}×  {c / t:9.2f}")


def corpus_copies(dest: Path, count: int) -> list[Path]:
    """Real phone/camera JPEGs from the shared corpus, as ``count`` distinct files (trailer bytes)."""
    corpus = ROOT.parent / "shared" / "corpus" / "photos"
    real = [corpus / "mobile" / "HMD_Nokia_8.3_5G.jpg", corpus / "mobile" / "jolla.jpg", corpus / "corrupted.jpg"]
    real = [p for p in real if p.is_file()]
    if not real:
        return []
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        f = dest / f"R_{i:04d}.jpg"
        f.write_bytes(real[i % len(real)].read_bytes() + f"bench-{i}".encode())
        out.append(f)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=40)
    ap.add_argument("--memory-count", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3, help="repeat each contender, keep the best")
    ap.add_argument("--keep", help="reuse/keep generated photos in this folder")
    ap.add_argument("--child-memory", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_memory:
        child_memory(*args.child_memory)
        return

    tmp = Path(tempfile.mkdtemp(prefix="adjuster-bench-photos-"))
    src = Path(args.keep) if args.keep else tmp / "src"
    src.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    files = []
    for i in range(args.count):
        f = src / f"IMG_{i:04d}.jpg"
        if not f.exists():
            f.write_bytes(synth_jpeg(i, ORIENTATIONS[i % len(ORIENTATIONS)]))
        files.append(f)
    mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"{len(files)} synthetic 4000×3000 JPEGs, orientations 1–8 ({mb / len(files):.1f} MB each; "
          f"made in {time.perf_counter() - t:.1f} s)")
    try:
        compare(files, tmp, args.rounds)
        real = corpus_copies(tmp / "real", args.count)
        if real:
            mb = sum(f.stat().st_size for f in real) / 1e6
            print(f"\n{len(real)} real phone/camera JPEGs from the corpus, 8–10 MP ({mb / len(real):.1f} MB each)")
            compare(real, tmp, args.rounds)
        print("(wall-clock figures vary with other load on the machine; CPU ms/photo much less)")

        mem_dir = tmp / "mem"
        mem_dir.mkdir()
        for i in range(args.memory_count):
            data = files[i % len(files)].read_bytes()
            # Distinct bytes (a different trailer after EOI), so every file is a new photo.
            (mem_dir / f"M_{i:04d}.jpg").write_bytes(data + f"bench-{i}".encode())
        out = subprocess.run(
            [sys.executable, __file__, "--child-memory", str(mem_dir), str(tmp / "home")],
            check=True, capture_output=True, text=True, cwd=ROOT,
        ).stdout.split()
        imported, wall, peak = int(out[0]), float(out[1]), float(out[2])
        print(f"\nimport {imported} synthetic photos into a profile (rows + files): {imported / wall:.1f} photos/s, "
              f"peak RSS {peak:.0f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # --keep photos live outside tmp


if __name__ == "__main__":
    main()
