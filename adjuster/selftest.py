"""``adjuster --self-test``: prove an installation works end to end without a window or a network.

Opens a temporary profile, imports a generated JPEG (EXIF orientation 6) and an HEIC (pillow-heif's
native libraries), loads the bundled checklist templates, computes a claim statement, writes a
PDF loss report and renders its first page as the app's preview does, checking each result. Used by the packaging smoke test (frozen build and wheel)
and by support staff on a user's machine; each step names what is broken when it fails.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path

from adjuster.domain.enums import OwnerType
from adjuster.domain.models import Case, LossItem
from adjuster.profile import Profile


class SelfTestError(RuntimeError):
    pass


def _photo(folder: Path) -> Path:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (1200, 900), (120, 150, 180))
    ImageDraw.Draw(img).rectangle([100, 100, 500, 700], fill=(200, 60, 40))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x0132] = dt.datetime(2026, 3, 15, 9, 30).strftime("%Y:%m:%d %H:%M:%S")
    path = folder / "selftest.jpg"
    img.save(path, "JPEG", quality=85, exif=exif)
    return path


def _heic(folder: Path) -> Path | None:
    """A small HEIC like an iPhone's, or None when this pillow-heif build has no HEVC encoder."""
    import pillow_heif
    from PIL import Image

    if not pillow_heif.libheif_info().get("encoders", {}).get("x265"):
        return None
    path = folder / "selftest.heic"
    pillow_heif.from_pillow(Image.new("RGB", (320, 240), (40, 160, 90))).save(path, quality=70)
    return path


def _check_templates(echo: Callable[[str], None]) -> None:
    from adjuster.inspect.templates import list_templates

    found = list_templates()
    if not found:
        raise SelfTestError("no checklist templates found (resources/templates is missing from this installation)")
    echo(f"ok  templates {len(found)} checklist template(s): {', '.join(sorted(t.id for t in found))}")


def _check_preview(pdf: Path, echo: Callable[[str], None]) -> None:
    """The app's report preview renders pages with pypdfium2 (bundled libpdfium); render page 1."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        pages = len(doc)
        bitmap = doc[0].render(scale=0.5)
        width, height = bitmap.to_pil().size
    finally:
        doc.close()
    if pages < 1 or width < 100 or height <= width:
        raise SelfTestError(f"the report preview rendered {pages} page(s) at {width}×{height}")
    echo(f"ok  preview   {pages} pages, page 1 renders at {width}×{height}")


def run_self_test(echo: Callable[[str], None] = print) -> None:
    """Raise SelfTestError on the first failing step; print one line per passing step."""
    from adjuster.calc.records import calculate_records
    from adjuster.media.service import import_photos
    from adjuster.reports.service import generate_loss_report

    with tempfile.TemporaryDirectory(prefix="adjuster-selftest-") as tmp:
        root = Path(tmp)
        profile = Profile.at(root / "profile")
        store = profile.open_store()
        try:
            media = profile.open_media()
            echo(f"ok  profile   {profile.db_path}")
            case = store.cases.create(Case(
                claim_no="SELFTEST-0001", insured_name="自检测试有限公司", sum_insured="100000.00",
                insured_value="100000.00", deductible={"type": "fixed", "amount": "500.00"}, loss_date="2026-03-15",
            ))
            store.items.create(LossItem(case_id=case.id, description="货架 shelving", qty="4", unit_price="1250.00"))
            results = import_photos(store, media, OwnerType.CASE, case.id, [_photo(root)])
            if [r.status for r in results] != ["imported"]:
                raise SelfTestError(f"photo import failed: {results}")
            photo = store.photos.for_owner(OwnerType.CASE, case.id)[0]
            if not (photo.width < photo.height):
                raise SelfTestError("orientation-6 photo was not read as portrait")
            echo(f"ok  photo     {photo.sha256[:16]}… {photo.width}×{photo.height} upright")
            heic = _heic(root)
            if heic is None:
                echo("--  heic      skipped: no HEVC encoder in this pillow-heif build to make a sample")
            else:
                results = import_photos(store, media, OwnerType.CASE, case.id, [heic])
                if [r.status for r in results] != ["imported"]:
                    raise SelfTestError(f"HEIC import failed: {results}")
                echo("ok  heic      HEIC photo imported")
            _check_templates(echo)
            statement = calculate_records(store.cases.get(case.id), store.items.for_case(case.id))
            if str(statement.indemnity) != "4500.00":
                raise SelfTestError(f"statement indemnity {statement.indemnity}, expected 4500.00")
            echo(f"ok  calc      indemnity {statement.indemnity} ({statement.indemnity_words_zh})")
            out = root / "selftest.pdf"
            generate_loss_report(store, media, case.id, out, lang="both")
            data = out.read_bytes()
            if not data.startswith(b"%PDF") or len(data) < 2000:
                raise SelfTestError("the PDF report is missing or truncated")
            echo(f"ok  report    {len(data) / 1024:.0f} KB PDF")
            _check_preview(out, echo)
        finally:
            store.close()
    echo("self-test passed")
