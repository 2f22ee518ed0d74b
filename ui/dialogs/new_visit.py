"""New visit: pick (or name a new) site and a checklist template; ``inspect.start_visit`` does the rest."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from adjuster.domain.errors import AdjusterError
from adjuster.domain.models import Site
from ui.i18n import tr


class NewVisitDialog(QDialog):
    def __init__(self, store: Any, engineer: str = "", lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from adjuster.inspect.templates import list_templates
        from adjuster.inspect.templates import tr as text_in

        self.store, self.engineer = store, engineer
        self.visit: Any = None
        self.setWindowTitle(tr("New visit"))
        v = QVBoxLayout(self)
        form = QFormLayout()
        self.site = QComboBox()
        self.site.setObjectName("visitSite")
        self.site.setEditable(True)
        self.site.lineEdit().setPlaceholderText(tr("Choose a site or type a new site name"))
        for s in store.sites.list(order_by="name"):
            self.site.addItem(s.name, s.id)
        self.site.setCurrentIndex(0 if self.site.count() else -1)
        self.address = QLineEdit()
        self.template = QComboBox()
        self.template.setObjectName("visitTemplate")
        self.templates = list_templates()
        lang_code = "zh" if lang.startswith("zh") else "en"
        for t in self.templates:
            self.template.addItem(f"{text_in(t.title, lang_code)} (v{t.version})", t.ref)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        form.addRow(tr("Site"), self.site)
        form.addRow(tr("Address (new site)"), self.address)
        form.addRow(tr("Checklist"), self.template)
        form.addRow(tr("Visit date"), self.date)
        v.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("newVisitError")
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        self.error.hide()
        v.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)

    def create(self) -> bool:
        from adjuster.inspect.service import start_visit

        try:
            name = self.site.currentText().strip()
            idx = self.site.findText(name)
            if idx >= 0 and self.site.itemData(idx):
                site_id = str(self.site.itemData(idx))
            else:
                site_id = self.store.sites.create(Site(name=name, address=self.address.text().strip())).id
            tpl = self.templates[self.template.currentIndex()]
            d = self.date.date()
            self.visit = start_visit(self.store, site_id, tpl, visit_date=dt.date(d.year(), d.month(), d.day()),
                                     engineer=self.engineer)
        except (AdjusterError, IndexError) as err:
            self.error.setText(getattr(err, "message", str(err)) or tr("Please choose a checklist."))
            self.error.show()
            return False
        self.accept()
        return True
