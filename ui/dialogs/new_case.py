"""New case: ask for the claim number (and insured) — the store refuses a bad or duplicate one,
and the reason is shown under the field."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from adjuster.domain.errors import ValidationError
from adjuster.domain.models import Case
from ui.i18n import tr


class NewCaseDialog(QDialog):
    """``create()`` validates and writes; ``case`` is the new record after ``accept``."""

    def __init__(self, edits: Any, adjuster: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits = edits
        self.adjuster = adjuster
        self.case: Case | None = None
        self.setWindowTitle(tr("New case"))
        v = QVBoxLayout(self)
        form = QFormLayout()
        self.claim_no = QLineEdit()
        self.claim_no.setObjectName("newClaimNo")
        self.claim_no.setPlaceholderText(tr("e.g. CLM-2026-0001"))
        self.insured = QLineEdit()
        self.insured.setObjectName("newInsured")
        self.policy = QLineEdit()
        form.addRow(tr("Claim no."), self.claim_no)
        self.error = QLabel()
        self.error.setObjectName("newCaseError")
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow("", self.error)
        form.addRow(tr("Insured name"), self.insured)
        form.addRow(tr("Policy no."), self.policy)
        v.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)

    def create(self) -> bool:
        claim_no = self.claim_no.text().strip()
        try:
            if self.edits.store.cases.by_claim_no(claim_no):
                raise ValidationError("claim_no", tr("a case with this claim number already exists"))
            case = Case(claim_no=claim_no, insured_name=self.insured.text().strip(),
                        policy_no=self.policy.text().strip(), adjuster=self.adjuster)
            # Not an undo step: the new case gets its own undo history when it opens.
            self.case = self.edits.store.cases.create(case)
        except ValidationError as err:
            from ui.errors import explain

            self.error.setText(explain(err))
            self.error.show()
            self.claim_no.setFocus()
            return False
        self.accept()
        return True
