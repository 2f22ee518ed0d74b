"""PDF read-back helpers for report tests (poppler, qpdf, pypdf) and a synthetic-JPEG maker."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw


def make_jpeg(path: Path, size: tuple[int, int] = (800, 600), orientation: int = 1, colour: str = "#3a6") -> Path:
    """A JPEG with a marker drawn in its stored top-left corner and an optional EXIF orientation."""
    im = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, 0, size[0] // 4, size[1] // 4), fill="#d33")
    draw.line((0, 0, size[0], size[1]), fill="white", width=5)
    exif = Image.Exif()
    if orientation != 1:
        exif[0x0112] = orientation
    im.save(path, "JPEG", quality=85, exif=exif.tobytes())
    return path


def pdftotext(pdf: Path | bytes, *, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    out = subprocess.run([*args, "-", "-"], input=data, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def pdffonts(pdf: Path) -> list[dict[str, str]]:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) not installed")
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True, text=True).stdout
    lines = out.splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name, type..., encoding, emb, sub, uni, object, id — the last five are fixed
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def qpdf_check(pdf: Path) -> subprocess.CompletedProcess[str]:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf not installed")
    return subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)


def reader(pdf: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf))


def outline_titles(pdf: bytes) -> list[str]:
    """Flattened outline (bookmark) titles in order."""
    r = reader(pdf)
    out: list[str] = []

    def walk(items: list) -> None:
        for it in items:
            if isinstance(it, list):
                walk(it)
            else:
                out.append(it.title)

    walk(r.outline)
    return out


def image_xobjects(pdf: bytes) -> list[dict]:
    """Every image XObject drawn on any page: width, height, filter, raw stream bytes."""
    r = reader(pdf)
    seen: dict[int, dict] = {}
    for page in r.pages:
        xobjs = page["/Resources"].get("/XObject", {})
        for _name, ref in xobjs.items():
            obj = ref.get_object()
            if obj.get("/Subtype") != "/Image":
                continue
            key = ref.idnum if hasattr(ref, "idnum") else id(obj)
            seen[key] = {
                "width": int(obj["/Width"]),
                "height": int(obj["/Height"]),
                "filter": [str(f) for f in filt] if isinstance(filt := obj.get("/Filter"), list) else [str(filt)],
                "data": obj._data,
            }
    return list(seen.values())
