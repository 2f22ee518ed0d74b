"""Photos tab: drag-and-drop import of files and folders, per-file results, lazy thumbnails."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from photo_helpers import CORPUS, drop_paths, make_case, make_jpeg  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from ui.views.photos import PhotosTab  # noqa: E402


@pytest.fixture
def media(profile: Any) -> Any:
    m = profile.open_media()
    yield m
    m.close()


@pytest.fixture
def tab(qtbot: Any, runner: Any, store: Any, media: Any) -> PhotosTab:
    case = make_case(store)
    widget = PhotosTab(runner, store, media, "case", case.id)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def test_drop_files_and_folder_imports_and_lists_results(qtbot: Any, tab: PhotosTab, tmp_path: Path) -> None:
    a = make_jpeg(tmp_path / "in" / "a.jpg", taken="2024:05:01 10:00:00")
    folder = tmp_path / "in" / "card"
    make_jpeg(folder / "b.jpg", taken="2024:05:01 09:00:00", color=(10, 120, 200))
    make_jpeg(folder / "sub" / "c.jpg", taken="2024:05:01 11:00:00", color=(30, 200, 30))
    (folder / "notes.jpg").write_bytes(b"this is not a photo at all")
    (folder / "empty.jpg").write_bytes(b"")

    assert drop_paths(tab.grid.viewport(), [a, folder])
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3, timeout=20_000)
    qtbot.waitUntil(lambda: not tab.import_job.running, timeout=20_000)

    # sorted by capture time: b (09:00), a (10:00), c (11:00)
    assert [p.original_name for p in tab.photos()] == ["b.jpg", "a.jpg", "c.jpg"]
    rows = {Path(path).name: (status, reason) for path, status, reason in tab.panel.rows()}
    assert rows["a.jpg"][0] == "imported"
    assert rows["notes.jpg"][0] == "rejected" and rows["notes.jpg"][1]
    assert rows["empty.jpg"][0] == "rejected" and "0 bytes" in rows["empty.jpg"][1]
    assert "3 imported" in tab.panel.label.text()

    # dropping the same file again is a duplicate, not a second photo
    assert drop_paths(tab.grid.viewport(), [a])
    qtbot.waitUntil(lambda: not tab.import_job.running, timeout=20_000)
    assert tab.model.rowCount() == 3
    assert [r[1] for r in tab.panel.rows()] == ["duplicate"]


def test_thumbnails_load_in_workers_and_are_cached(qtbot: Any, tab: PhotosTab, tmp_path: Path) -> None:
    paths = [make_jpeg(tmp_path / f"p{i}.jpg", color=(20 * i, 80, 120)) for i in range(4)]
    tab.import_paths(paths)
    qtbot.waitUntil(lambda: tab.import_job is not None and not tab.import_job.running, timeout=20_000)
    assert tab.model.rowCount() == 4
    shas = [p.sha256 for p in tab.photos()]
    tab.grid.viewport().repaint()  # painting asks for the decorations of visible rows
    qtbot.waitUntil(lambda: all(tab.thumbs.pixmap(s) is not None for s in shas), timeout=20_000)
    pix = tab.thumbs.pixmap(shas[0])
    assert pix is not None and max(pix.width(), pix.height()) <= 256 and not pix.isNull()
    loads = tab.thumbs.loads
    tab.reload()
    tab.grid.viewport().repaint()
    assert tab.thumbs.loads == loads  # served from the cache


def test_cancel_before_start_says_so(qtbot: Any, tab: PhotosTab, tmp_path: Path) -> None:
    job = tab.import_paths([make_jpeg(tmp_path / "x.jpg")])
    assert job is not None
    job.cancel()  # before the pool picks it up, or while it runs: either way it ends cleanly
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    assert tab.panel.isVisible() and tab.panel.label.text()
    assert tab.model.rowCount() in (0, 1)


def test_drop_of_remote_urls_is_refused(qtbot: Any, tab: PhotosTab) -> None:
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setUrls([QUrl("https://example.com/x.jpg")])
    ev = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(tab.grid.viewport(), ev)
    assert not ev.isAccepted()


def test_cancel_import_keeps_what_was_recorded(qtbot: Any, tab: PhotosTab, tmp_path: Path) -> None:
    paths = [make_jpeg(tmp_path / "many" / f"m{i:03}.jpg", size=(1600, 1200), color=(i, 90, 160)) for i in range(40)]
    job = tab.import_paths([tmp_path / "many"])
    assert job is not None
    qtbot.waitUntil(lambda: tab.panel.bar.value() >= 1, timeout=20_000)
    tab.panel.cancel_button.click()
    qtbot.waitUntil(lambda: not job.running, timeout=30_000)
    statuses = [r[1] for r in tab.panel.rows()]
    assert len(statuses) == len(paths)
    assert "cancelled" in statuses
    # every row in the grid is a photo whose import finished; nothing half-done
    assert tab.model.rowCount() == statuses.count("imported")
    assert "cancelled" in tab.panel.label.text()


@pytest.mark.skipif(not CORPUS.is_dir(), reason="photo corpus ../shared/corpus absent")
def test_corpus_heic_and_rotated_photos_get_upright_thumbnails(qtbot: Any, tab: PhotosTab) -> None:
    files = [CORPUS / "IMG_5195.HEIC", CORPUS / "orientation" / "portrait_6.jpg",
             CORPUS / "orientation" / "landscape_8.jpg"]
    job = tab.import_paths(files)
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    by_name = {p.original_name: p for p in tab.photos()}
    assert set(by_name) == {"IMG_5195.HEIC", "portrait_6.jpg", "landscape_8.jpg"}
    tab.grid.viewport().repaint()
    qtbot.waitUntil(lambda: all(tab.thumbs.pixmap(p.sha256) is not None for p in by_name.values()), timeout=60_000)
    portrait = tab.thumbs.pixmap(by_name["portrait_6.jpg"].sha256)
    landscape = tab.thumbs.pixmap(by_name["landscape_8.jpg"].sha256)
    assert portrait.height() > portrait.width()
    assert landscape.width() > landscape.height()
    heic = by_name["IMG_5195.HEIC"]
    assert heic.gps_lon is not None and heic.gps_lon < 0  # west
    tab.select_row(tab.model.row_of(heic.id))
    assert "W" in tab.info.fields["gps"].text()


@pytest.mark.skipif(not CORPUS.is_dir(), reason="photo corpus ../shared/corpus absent")
def test_corpus_photos_show_time_and_gps(qtbot: Any, tab: PhotosTab) -> None:
    src = CORPUS / "gps" / "DSCN0010.jpg"
    tab.import_paths([src, CORPUS / "corrupted.jpg", CORPUS / "Canon_40D.jpg"])
    qtbot.waitUntil(lambda: tab.import_job is not None and not tab.import_job.running, timeout=30_000)
    row = next(i for i, p in enumerate(tab.photos()) if p.original_name == "DSCN0010.jpg")
    tab.select_row(row)
    assert tab.info.fields["taken_at"].text().startswith("2008-10-22 16:28:39")
    gps = tab.info.fields["gps"].text()
    assert "43.4674" in gps and "N" in gps and "11.8851" in gps and "E" in gps
    assert tab.info.fields["sha256"].text().replace("\u200b", "") == tab.photos()[row].sha256
    assert {r[1] for r in tab.panel.rows()} <= {"imported", "rejected"}


def test_failed_import_is_reported_and_typing_is_kept(qtbot: Any, tab: PhotosTab, store: Any,
                                                      tmp_path: Path) -> None:
    first = tab.import_paths([make_jpeg(tmp_path / "ok.jpg")])
    qtbot.waitUntil(lambda: not first.running, timeout=20_000)
    tab.select_row(0)
    qtbot.keyClicks(tab.caption_edit, "half-typed caption")  # typed, not committed yet
    store.cases.soft_delete(tab.owner_id)  # e.g. removed by a sync meanwhile: the service refuses
    job = tab.import_paths([make_jpeg(tmp_path / "late.jpg", color=(1, 2, 3))])
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    assert "Import failed" in tab.panel.label.text() and "not found" in tab.panel.label.text()
    assert tab.caption_edit.text() == "half-typed caption"
    assert tab.model.rowCount() == 1
    # the tab is still usable
    tab.caption_edit.setFocus()
    qtbot.keyClick(tab.caption_edit, Qt.Key.Key_Return)
    assert store.photos.get(tab.photos()[0].id).caption == "half-typed caption"


def test_a_big_case_loads_its_rows_in_a_worker(qtbot: Any, runner: Any, store: Any, media: Any,
                                               tmp_path: Path) -> None:
    from adjuster.domain.models import Photo
    from ui.views.photos.tab import SYNC_ROWS

    case = make_case(store, "CLM-BIG-0001")
    sha, _size, _new = media.put_file(make_jpeg(tmp_path / "one.jpg"))
    with store.transaction():
        for n in range(SYNC_ROWS + 50):
            store.photos.create(Photo(sha256=sha, owner_type="case", owner_id=case.id, position=n,
                                      original_name=f"p{n:04}.jpg"))
    tab = PhotosTab(runner, store, media, "case", case.id)
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 0  # not built on the UI thread…
    qtbot.waitUntil(lambda: tab.model.rowCount() == SYNC_ROWS + 50, timeout=20_000)  # …but arrives
    assert not tab.hint.isVisibleTo(tab)
