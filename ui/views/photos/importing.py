"""Importing into the Photos tab: file/folder pickers, the background job through the app's runner,
progress with cancel, the per-file result list, and rows appearing while the import runs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from adjuster.domain.enums import OwnerType
from adjuster.media import service
from ui.i18n import tr
from ui.workers import Job, error_text

IMAGE_FILTER = "*.jpg *.jpeg *.heic *.heif *.png *.tif *.tiff *.webp *.JPG *.JPEG *.HEIC *.PNG"


class ImportMixin:
    """Part of ``PhotosTab``; expects ``runner``, ``store``, ``media``, ``owner_type``, ``owner_id``,
    ``panel`` (ImportPanel), ``import_job``, ``last_results``, ``_reload_timer``, ``reload()`` and
    the ``importFinished`` signal."""

    runner: Any
    store: Any
    media: Any
    owner_type: OwnerType
    owner_id: str
    panel: Any
    import_job: Job | None
    last_results: list[Any]
    _reload_timer: Any
    importFinished: Any
    update_rows: Callable[[], None]

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, tr("Import photos"), "",
                                                tr("Photos ({})").format(IMAGE_FILTER))
        if files:
            self.import_paths([Path(f) for f in files])

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Import a folder of photos"))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: Sequence[Path | str]) -> Job | None:
        """Import files and folders in the background; rows appear as files are recorded."""
        if self.import_job is not None and self.import_job.running:
            self.panel.label.setText(tr("An import is already running; wait for it or cancel it."))
            return None
        store, media, owner_type, owner_id = self.store, self.media, self.owner_type, self.owner_id
        finding_id = owner_id if owner_type == OwnerType.FINDING else None
        item_id = owner_id if owner_type == OwnerType.ITEM else None
        items = [str(p) for p in paths]

        def work(progress: Any, token: Any) -> list[Any]:
            return service.import_photos(store, media, owner_type, owner_id, items, progress=progress, cancel=token,
                                         finding_id=finding_id, item_id=item_id)

        self.panel.start()
        self.import_job = self.runner.run(
            work, title=tr("Importing photos"), on_done=self._import_done, on_failed=self._import_failed,
            on_progress=self._import_progress, on_cancelled=self._import_cancelled, show_error=False)
        return self.import_job

    def cancel_import(self) -> None:
        if self.import_job is not None and self.import_job.running:
            self.import_job.cancel()

    def _import_progress(self, done: int, total: int) -> None:
        self.panel.set_progress(done, total)
        if done and not self._reload_timer.isActive():
            self._reload_timer.start()

    def _import_done(self, results: list[Any]) -> None:
        self._reload_timer.stop()
        self.last_results = list(results)
        cancelled = any(r.status == "cancelled" for r in results)
        self.panel.finish(results, cancelled=cancelled)
        self.update_rows()
        self.importFinished.emit(self.last_results)

    def _import_cancelled(self) -> None:
        # cancelled before the job started: nothing was touched
        self._import_done([])
        self.panel.label.setText(tr("Import cancelled before any file was read."))

    def _import_failed(self, err: BaseException) -> None:
        self._reload_timer.stop()
        self.panel.fail(error_text(err))
        self.update_rows()
        self.importFinished.emit([])
