"""Read-only evidence facts of a photo: sha256, capture time, GPS, camera, size, file name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from adjuster.domain.models import Photo
from ui.i18n import tr


def format_gps(photo: Photo) -> str:
    if photo.gps_lat is None or photo.gps_lon is None:
        return ""
    ns = "N" if photo.gps_lat >= 0 else "S"
    ew = "E" if photo.gps_lon >= 0 else "W"
    text = f"{abs(photo.gps_lat):.6f}° {ns}, {abs(photo.gps_lon):.6f}° {ew}"
    if photo.gps_alt is not None:
        text += f", {photo.gps_alt:.0f} m"
    return text


def format_time(value: str | None) -> str:
    """``2008-10-22T16:28:39`` → ``2008-10-22 16:28:39`` (the stored text, made readable)."""
    if not value:
        return ""
    return value.replace("T", " ").removesuffix("Z").split(".")[0]


class PhotoInfo(QWidget):
    """A form of labels; selectable text so the sha256 can be copied into a dispute letter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.photo: Photo | None = None
        for key in ("taken_at", "gps", "camera", "size", "name", "sha256"):
            value = QLabel(self)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            value.setObjectName(f"info_{key}")
            self.labels[key] = QLabel(self)
            self.form.addRow(self.labels[key], value)
            self.fields[key] = value
        self.fields["sha256"].setStyleSheet("font-family: monospace; font-size: 9pt;")
        self.retranslate()

    def retranslate(self) -> None:
        names = {"taken_at": tr("Taken"), "gps": tr("GPS"), "camera": tr("Camera"), "size": tr("Size"),
                 "name": tr("File"), "sha256": tr("SHA-256")}
        for key, text in names.items():
            self.labels[key].setText(text)
        self.show_photo(self.photo)

    def show_photo(self, photo: Photo | None) -> None:
        self.photo = photo
        if photo is None:
            for label in self.fields.values():
                label.setText("")
            return
        taken = format_time(photo.taken_at)
        if taken and photo.taken_at_source and photo.taken_at_source != "exif":
            taken += tr(" (from {})").format(photo.taken_at_source)
        self.fields["taken_at"].setText(taken or tr("unknown"))
        self.fields["gps"].setText(format_gps(photo) or tr("none"))
        self.fields["camera"].setText(" ".join(p for p in (photo.camera_make, photo.camera_model) if p) or "—")
        size = f"{photo.width} × {photo.height} px" if photo.width else ""
        if photo.size:
            size += f", {photo.size / 1_048_576:.1f} MB" if photo.size >= 1_048_576 else f", {photo.size // 1024} KB"
        self.fields["size"].setText(size.strip(", "))
        self.fields["name"].setText(photo.original_name)
        # break the hash in two so it wraps in a narrow panel yet reads as one value when copied
        self.fields["sha256"].setText(photo.sha256[:32] + "\u200b" + photo.sha256[32:])
