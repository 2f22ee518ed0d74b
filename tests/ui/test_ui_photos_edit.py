"""Photos tab edits: caption with undo/redo, linking to a loss item, annotations in the viewer."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from photo_helpers import make_case, make_jpeg  # noqa: E402
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from adjuster.domain.models import LossItem  # noqa: E402
from ui.views.photos import PhotosTab  # noqa: E402


@pytest.fixture
def media(profile: Any) -> Any:
    m = profile.open_media()
    yield m
    m.close()


@pytest.fixture
def loaded(qtbot: Any, runner: Any, store: Any, media: Any, tmp_path: Path) -> tuple[PhotosTab, Any]:
    case = make_case(store)
    tab = PhotosTab(runner, store, media, "case", case.id)
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    tab.show()
    job = tab.import_paths([make_jpeg(tmp_path / "one.jpg", taken="2024:05:02 08:00:00"),
                            make_jpeg(tmp_path / "two.jpg", taken="2024:05:02 07:00:00", color=(0, 0, 200))])
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    assert tab.model.rowCount() == 2
    return tab, case


def test_caption_typed_is_saved_and_undo_redo(qtbot: Any, loaded: tuple[PhotosTab, Any], store: Any) -> None:
    tab, _ = loaded
    tab.select_row(0)
    photo = tab.current_photo()
    assert photo is not None and photo.original_name == "two.jpg"
    tab.caption_edit.setFocus()
    tab.caption_edit.selectAll()
    qtbot.keyClicks(tab.caption_edit, "Water line on the east wall")
    qtbot.keyClick(tab.caption_edit, Qt.Key.Key_Return)
    assert store.photos.get(photo.id).caption == "Water line on the east wall"
    assert tab.model.data(tab.model.index(0)) == "Water line on the east wall"

    tab.undo_stack.undo()
    assert store.photos.get(photo.id).caption == ""
    assert tab.caption_edit.text() == ""
    tab.undo_stack.redo()
    assert store.photos.get(photo.id).caption == "Water line on the east wall"
    assert tab.caption_edit.text() == "Water line on the east wall"
    # every step is in the audit log
    changes = [h["changes"] for h in store.history([photo.id]) if h["action"] == "update"]
    assert len(changes) == 3


def test_inline_caption_edit_in_grid(qtbot: Any, loaded: tuple[PhotosTab, Any], store: Any) -> None:
    tab, _ = loaded
    idx = tab.model.index(1)
    assert tab.model.setData(idx, "  Close-up  ")
    assert store.photos.get(tab.model.photo(1).id).caption == "Close-up"


def test_link_photo_to_item_and_undo(qtbot: Any, loaded: tuple[PhotosTab, Any], store: Any) -> None:
    tab, case = loaded
    item = store.items.create(LossItem(case_id=case.id, description="Sofa", unit_price="1200"))
    tab.reload()
    tab.select_row(1)
    combo = tab.item_combo
    assert combo.findData(item.id) > 0
    combo.setCurrentIndex(combo.findData(item.id))
    combo.activated.emit(combo.currentIndex())
    photo_id = tab.current_photo().id
    assert store.photos.get(photo_id).item_id == item.id
    assert [p.id for p in store.photos.for_item(item.id)] == [photo_id]
    tab.undo_stack.undo()
    assert store.photos.get(photo_id).item_id is None
    assert combo.currentIndex() == 0


def test_viewer_draws_annotations_stored_as_vectors(qtbot: Any, loaded: tuple[PhotosTab, Any], store: Any,
                                                    media: Any) -> None:
    tab, _ = loaded
    photo = tab.model.photo(0)
    original = media.original_path(photo.sha256).read_bytes()
    viewer = tab.open_viewer(0)
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.loaded, timeout=20_000)
    canvas = viewer.canvas
    canvas.ask_text = lambda title, initial: "1.2 m"
    vp = canvas.viewport()

    def drag(tool: str, a: tuple[int, int], b: tuple[int, int]) -> None:
        viewer.tool_actions[tool].trigger()
        qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=QPoint(*a))
        qtbot.mouseMove(vp, QPoint((a[0] + b[0]) // 2, (a[1] + b[1]) // 2))
        qtbot.mouseMove(vp, QPoint(*b))
        qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=QPoint(*b))

    centre = canvas.mapFromScene(canvas.image_w / 2, canvas.image_h / 2)
    cx, cy = centre.x(), centre.y()
    drag("arrow", (cx - 100, cy - 80), (cx, cy))
    drag("rect", (cx - 60, cy - 40), (cx + 60, cy + 40))
    drag("circle", (cx, cy), (cx + 50, cy))
    drag("measure", (cx - 120, cy + 60), (cx + 120, cy + 60))
    viewer.tool_actions["text"].trigger()
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=QPoint(cx - 100, cy - 100))
    kinds = [a["type"] for a in canvas.annotations()]
    assert kinds == ["arrow", "rect", "circle", "measure", "text"]
    canvas.undo_stack.undo()  # drop the text
    assert [a["type"] for a in canvas.annotations()] == ["arrow", "rect", "circle", "measure"]

    # the select tool drags a shape; the move is one undo step
    viewer.tool_actions["select"].trigger()
    rect_item = canvas.annotation_items()[1]
    grab = canvas.mapFromScene(rect_item.px("x", "y"))  # the rectangle's top-left corner
    before_rect = canvas.annotations()[1]
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=grab)
    for step in (QPoint(20, 0), QPoint(40, 10)):  # QTest's move carries no button: send a real drag
        at = QPointF(grab + step)
        QApplication.sendEvent(vp, QMouseEvent(QEvent.Type.MouseMove, at, at, Qt.MouseButton.NoButton,
                                               Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=grab + QPoint(40, 10))
    moved = canvas.annotations()[1]
    assert moved["x"] > before_rect["x"] and moved["y"] > before_rect["y"]
    canvas.undo_stack.undo()
    assert canvas.annotations()[1] == before_rect

    # zoom changes the view, not the image or the annotation coordinates
    before = canvas.annotations()
    z = canvas.zoom()
    canvas.zoom_by(2.0)
    assert canvas.zoom() == pytest.approx(z * 2.0)
    assert canvas.annotations() == before

    viewer.accept()
    stored = store.photos.get(photo.id).annotations
    assert [a["type"] for a in stored] == ["arrow", "rect", "circle", "measure"]
    arrow = stored[0]
    assert arrow["x2"] == pytest.approx(0.5, abs=0.02) and arrow["y2"] == pytest.approx(0.5, abs=0.02)
    assert stored[3]["label"] == "1.2 m"
    assert media.original_path(photo.sha256).read_bytes() == original  # never altered
    # the report's renderer accepts what the viewer stored
    assert media.derivative(photo.sha256, "view", annotations=stored).is_file()
    tab.undo_stack.undo()
    assert store.photos.get(photo.id).annotations == []


def test_sorting_by_capture_time(qtbot: Any, loaded: tuple[PhotosTab, Any]) -> None:
    tab, _ = loaded
    assert [p.original_name for p in tab.photos()] == ["two.jpg", "one.jpg"]
    tab.sort_combo.setCurrentIndex(tab.sort_combo.findData("taken_desc"))
    assert [p.original_name for p in tab.photos()] == ["one.jpg", "two.jpg"]
    tab.set_sort("imported")
    assert [p.original_name for p in tab.photos()][0] in ("one.jpg", "two.jpg")


def test_remove_photo_asks_and_keeps_original(qtbot: Any, loaded: tuple[PhotosTab, Any], store: Any,
                                              media: Any) -> None:
    tab, _ = loaded
    tab.select_row(0)
    photo = tab.current_photo()
    tab.confirm = lambda text: False
    tab.remove_selected()
    assert tab.model.rowCount() == 2
    tab.confirm = lambda text: True
    tab.remove_selected()
    assert tab.model.rowCount() == 1
    assert store.photos.find(photo.id) is None
    assert media.has(photo.sha256)


def test_ctrl_z_with_the_windows_shared_stack(qtbot: Any, runner: Any, store: Any, media: Any,
                                              tmp_path: Path) -> None:
    """Embedded with the window's stack, the tab adds no second Ctrl+Z (Qt would fire neither)."""
    from PySide6.QtGui import QAction, QKeySequence, QUndoStack
    from PySide6.QtWidgets import QMainWindow

    win = QMainWindow()
    qtbot.addWidget(win)
    stack = QUndoStack(win)
    act = QAction("Undo", win)
    act.setShortcut(QKeySequence.StandardKey.Undo)
    act.triggered.connect(stack.undo)
    win.addAction(act)
    case = make_case(store)
    tab = PhotosTab(runner, store, media, "case", case.id, undo_stack=stack)
    win.setCentralWidget(tab)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitActive(win)
    job = tab.import_paths([make_jpeg(tmp_path / "a.jpg")])
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    tab.set_caption(tab.photos()[0], "Roof")
    assert store.photos.get(tab.photos()[0].id).caption == "Roof"
    tab.grid.setFocus()
    qtbot.keyClick(tab.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.photos.get(tab.photos()[0].id).caption == ""


def test_undo_after_the_tab_was_closed(qtbot: Any, runner: Any, store: Any, media: Any, tmp_path: Path) -> None:
    import shiboken6
    from PySide6.QtGui import QUndoStack

    stack = QUndoStack()
    case = make_case(store)
    tab = PhotosTab(runner, store, media, "case", case.id, undo_stack=stack)
    job = tab.import_paths([make_jpeg(tmp_path / "a.jpg")])
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    photo = tab.photos()[0]
    tab.set_caption(photo, "Kitchen")
    tab.grid.viewport().repaint()  # a thumbnail load is in flight or cached; either way harmless
    shiboken6.delete(tab)
    stack.undo()
    assert store.photos.get(photo.id).caption == ""
    runner.wait(10_000)
