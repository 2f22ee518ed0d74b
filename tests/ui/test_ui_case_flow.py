"""The main flow, driven through real widgets: create a case → drop photos → add items → the
calculation updates → generate the report and preview its pages."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui.dialogs.new_case import NewCaseDialog
from ui.views.case.items_model import COL


def _jpeg(path: Path, colour: tuple[int, int, int]) -> Path:
    img = Image.new("RGB", (800, 600), colour)
    for x in range(0, 800, 50):
        for y in range(600):
            img.putpixel((x, y), (255, 255, 255))
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=85)
    return path


def _drop(widget: QWidget, paths: list[Path]) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(widget.rect().center())
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def test_create_case_drop_photos_add_items_calculate_and_report(qtbot: Any, window: Any, store: Any,
                                                               tmp_path: Path) -> None:
    pytest.importorskip("ui.views.photos")
    pytest.importorskip("adjuster.reports.service")
    # 1. create the case through the dialog
    dlg = NewCaseDialog(window.ctx.edits, "tester", window)
    qtbot.addWidget(dlg)
    qtbot.keyClicks(dlg.claim_no, "CLM-E2E-0001")
    dlg.insured.setText("宁波测试仓储有限公司")  # QTest cannot type non-ASCII keys
    assert dlg.create()
    editor = window.show_new_case(dlg.case.id)
    form = editor.overview.form
    for name, value in (("sum_insured", "500000"), ("insured_value", "500000"), ("loss_date", "2026-03-01")):
        edit = form.bindings[name].widget
        edit.setFocus()
        qtbot.keyClicks(edit, value)
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
    case = store.cases.get(dlg.case.id)
    assert case.sum_insured == Decimal("500000") and str(case.loss_date) == "2026-03-01"

    # 2. drop two photos and a folder on the Photos tab
    editor.show_tab("photos")
    photos = editor.photos
    folder = tmp_path / "card"
    files = [_jpeg(tmp_path / "a.jpg", (200, 40, 40)), _jpeg(folder / "b.jpg", (40, 160, 40))]
    _jpeg(folder / "c.jpg", (40, 40, 200))
    assert _drop(photos.grid.viewport(), [files[0], folder])
    qtbot.waitUntil(lambda: len(store.photos.for_owner("case", case.id)) == 3, timeout=30_000)
    qtbot.waitUntil(lambda: photos.import_job is not None and not photos.import_job.running, timeout=30_000)

    # 3. add items in the table; 4. the calculation follows
    editor.show_tab("items")
    model = editor.items.model
    qtbot.mouseClick(editor.items.add_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.items.add_btn, Qt.MouseButton.LeftButton)
    for row, (desc, qty, price) in enumerate((("Pallet racking", "4", "2500"), ("Forklift battery", "1", "18000"))):
        for key, value in (("description", desc), ("qty", qty), ("unit_price", price)):
            assert model.setData(model.index(row, COL[key]), value, Qt.ItemDataRole.EditRole)
    calc = editor.calculation
    qtbot.waitUntil(lambda: calc.statement is not None and calc.statement.indemnity == Decimal("28000.00"),
                    timeout=5000)
    editor.show_tab("calculation")
    assert "28,000.00" in calc.total.text()
    assert calc.words.text()

    # 5. generate the report and preview it
    with qtbot.waitSignal(editor.report.previewed, timeout=120_000) as shown:
        window.generate_report()
    assert editor.tabs.currentWidget() is editor.report
    assert shown.args[0] >= 3  # cover/info, photos, items + statement
    report = store.reports.latest("case", case.id)
    assert report is not None and window.ctx.report_path(report).exists()
    assert window.ctx.runner.errors == []
    # the audit log shows all of it
    editor.show_tab("history")
    whats = {editor.history.table.item(r, 2).text() for r in range(editor.history.table.rowCount())}
    assert {"Case created", "Loss item created", "Photo created", "Report created"} <= whats
