"""Report tab: generate in the background, preview the pages (pypdfium2), failures shown in the tab."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import make_case

from adjuster.util.progress import CancelToken
from ui.views.case.pdf_preview import render_pages


def _pdf(path: Path, pages: int) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), pagesize=A4)
    for i in range(pages):
        c.drawString(100, 700, f"page {i + 1}")
        c.showPage()
    c.save()
    return path


def test_render_pages_makes_one_image_per_page_and_honours_cancel(tmp_path: Path, qtbot: Any) -> None:
    pdf = _pdf(tmp_path / "three.pdf", 3)
    seen: list[tuple[int, int]] = []
    images = render_pages(pdf, lambda d, t: seen.append((d, t)), CancelToken(), scale=0.5)
    assert len(images) == 3 and seen[-1] == (3, 3)
    assert images[0].width() == pytest.approx(595 * 0.5, abs=2)
    token = CancelToken()
    token.cancel()
    from adjuster.util.progress import Cancelled

    with pytest.raises(Cancelled):
        render_pages(pdf, lambda d, t: None, token)


def test_generate_and_preview_a_loss_report(qtbot: Any, window: Any, store: Any) -> None:
    pytest.importorskip("adjuster.reports.service")
    case = make_case(store, "CLM-R-0001", insured_name="报告测试有限公司")
    editor = window.open_case(case.id)
    editor.items.add_item(description="Cold store compressor", unit_price="12000")
    editor.show_tab("report")
    assert editor.report.view.pages == 0
    with qtbot.waitSignal(editor.report.previewed, timeout=60_000) as shown:
        job = window.generate_report()
        assert job is not None
    assert shown.args[0] >= 1
    assert editor.report.view.pages == shown.args[0]
    report = store.reports.latest("case", case.id)
    assert report is not None and report.version == 1
    path = window.ctx.report_path(report)
    assert path is not None and path.read_bytes().startswith(b"%PDF")
    assert editor.report.folder_btn.isEnabled()
    assert "Version 1" in editor.report.info.text()
    assert window.ctx.runner.errors == []


def test_a_failing_report_is_shown_in_the_tab_and_nothing_is_lost(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-R-0002")
    editor = window.open_case(case.id)

    def broken(case_id: str, lang: str, progress: Any, token: Any) -> Any:
        raise OSError("disk full")

    editor.report.generator = broken
    editor.overview.form.bindings["peril"].widget.setText("Typhoon")  # typed, not yet committed
    job = editor.report.generate()
    qtbot.waitSignal(job.ended, timeout=10_000)
    window.ctx.runner.wait()
    assert "disk full" in editor.report.view.message.text()
    assert len(window.ctx.runner.errors) == 1
    assert editor.report.generate_btn.isEnabled()
    assert editor.overview.form.bindings["peril"].widget.text() == "Typhoon"
    editor.overview.form.commit("peril")
    assert store.cases.get(case.id).peril == "Typhoon"


def _png() -> bytes:
    import io

    from PIL import Image, ImageDraw

    im = Image.new("RGBA", (300, 100), (255, 255, 255, 0))
    ImageDraw.Draw(im).line([(10, 80), (120, 20), (290, 70)], fill=(10, 30, 100, 255), width=4)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def test_signatures_cover_the_report_and_go_out_of_date_after_an_edit(qtbot: Any, window: Any, store: Any) -> None:
    pytest.importorskip("adjuster.reports.service")
    pytest.importorskip("adjuster.signatures")
    case = make_case(store, "CLM-R-0003", insured_name="Signing Ltd", adjuster="Wang Lei")
    editor = window.open_case(case.id)
    editor.items.add_item(description="Shelving", unit_price="800")
    bar = editor.signing
    assert not bar.insured_btn.isEnabled()  # nothing to sign before a report exists
    with qtbot.waitSignal(editor.report.previewed, timeout=60_000):
        window.generate_report()
    assert bar.insured_btn.isEnabled()
    asked: list[tuple[str, str]] = []
    bar.capture = lambda signer, role: asked.append((signer, role)) or _png()
    sig = bar.sign("insured")
    assert sig is not None and asked == [("Signing Ltd", "insured")]
    assert bar.sign("adjuster").signer == "Wang Lei"
    assert "valid" in bar.status.text() and "out of date" not in bar.status.text()
    assert len(store.signatures.for_owner("case", case.id)) == 2
    # the case changes and the report is made again: the signatures no longer cover it
    editor.items.model.edit(0, {"unit_price": "900"})
    with qtbot.waitSignal(editor.report.previewed, timeout=60_000):
        window.generate_report()
    assert bar.status.text().count("out of date") == 2
    bar.capture = lambda signer, role: None  # cancelled pad: nothing recorded
    assert bar.sign("insured") is None
    assert len(store.signatures.for_owner("case", case.id)) == 2
