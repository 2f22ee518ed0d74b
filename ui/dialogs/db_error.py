""""The database cannot be opened": the reason, and a way to choose another profile folder."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import tr


class DatabaseErrorDialog(QDialog):
    """``exec()`` → Accepted with ``chosen_dir`` set, or Rejected (quit)."""

    def __init__(self, reason: str, data_dir: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen_dir = ""
        self.setWindowTitle(tr("The database cannot be opened"))
        v = QVBoxLayout(self)
        head = QLabel(tr("Adjuster could not open the profile in {folder}.").format(folder=data_dir))
        head.setWordWrap(True)
        self.reason = QLabel(reason)
        self.reason.setObjectName("dbErrorReason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #c0392b;")
        hint = QLabel(tr("Nothing was changed. You can choose another profile folder (an empty folder "
                         "starts a new profile), or quit and restore a backup."))
        hint.setWordWrap(True)
        for w in (head, self.reason, hint):
            v.addWidget(w)
        self.choose = QPushButton(tr("Choose another profile…"))
        self.choose.setObjectName("chooseProfile")
        v.addWidget(self.choose)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.choose.clicked.connect(self._choose)

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Choose a profile folder"))
        if folder:
            self.use(folder)

    def use(self, folder: str) -> None:
        self.chosen_dir = folder
        self.accept()
