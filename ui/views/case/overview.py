"""Overview tab: the claim's facts, policy terms and narratives, saved field by field."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from adjuster.domain.enums import CASE_TRANSITIONS, CaseStatus, DeductibleType
from ui.i18n import is_language_change, tr
from ui.models.badges import status_label
from ui.undo import Edits
from ui.views.case.form import FormBinder

DATE_HINT = "YYYY-MM-DD"


def _deductible_types() -> list[tuple[str, str]]:
    return [
        (DeductibleType.NONE.value, tr("None")),
        (DeductibleType.FIXED.value, tr("Fixed amount")),
        (DeductibleType.PERCENT.value, tr("Percentage of loss")),
        (DeductibleType.PERCENT_MIN.value, tr("Percentage, with a minimum")),
    ]


def _percent_to_rate(text: str) -> str:
    """'10' (per cent, as typed) → '0.1'; anything unparsable goes through for the core to refuse."""
    try:
        return str(Decimal(text.strip().rstrip("%")) / 100)
    except InvalidOperation:
        return text


def _rate_to_percent(value: Any) -> str:
    if value in (None, ""):
        return ""
    try:
        return f"{(Decimal(str(value)) * 100).normalize():f}"
    except InvalidOperation:
        return str(value)


class DeductibleEditor(QWidget):
    """Type + amount / rate (%) / minimum, committed as one ``deductible`` dict."""

    committed = Signal()

    def __init__(self) -> None:
        super().__init__()
        h = QHBoxLayout(self)
        h.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox()
        self.kind.setObjectName("deductible_type")
        self.amount = QLineEdit()
        self.amount.setObjectName("deductible_amount")
        self.rate = QLineEdit()
        self.rate.setObjectName("deductible_rate")
        self.minimum = QLineEdit()
        self.minimum.setObjectName("deductible_minimum")
        h.addWidget(self.kind)
        for w in (self.amount, self.rate, self.minimum):
            w.setMinimumWidth(80)
            h.addWidget(w, 1)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.fill()
        self.kind.activated.connect(lambda _i: (self._sync(), self.committed.emit()))
        for w in (self.amount, self.rate, self.minimum):
            w.editingFinished.connect(lambda w=w: self.committed.emit() if w.isModified() else None)
        self._sync()

    def fill(self) -> None:
        current = self.kind.currentData()
        self.kind.clear()
        for value, text in _deductible_types():
            self.kind.addItem(text, value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current)))
        self.amount.setPlaceholderText(tr("Amount"))
        self.rate.setPlaceholderText(tr("Rate %"))
        self.minimum.setPlaceholderText(tr("Minimum"))

    def _sync(self) -> None:
        kind = self.kind.currentData()
        self.amount.setVisible(kind == DeductibleType.FIXED.value)
        self.rate.setVisible(kind in (DeductibleType.PERCENT.value, DeductibleType.PERCENT_MIN.value))
        self.minimum.setVisible(kind == DeductibleType.PERCENT_MIN.value)

    def value(self) -> dict[str, Any]:
        kind = self.kind.currentData() or "none"
        out: dict[str, Any] = {"type": kind}
        if kind == DeductibleType.FIXED.value:
            out["amount"] = self.amount.text().strip()
        if kind in (DeductibleType.PERCENT.value, DeductibleType.PERCENT_MIN.value):
            out["rate"] = _percent_to_rate(self.rate.text())
        if kind == DeductibleType.PERCENT_MIN.value:
            out["minimum"] = self.minimum.text().strip()
        return out

    def set_value(self, value: Any) -> None:
        value = value or {"type": "none"}
        self.kind.setCurrentIndex(max(0, self.kind.findData(value.get("type", "none"))))
        self.amount.setText(str(value.get("amount", "") or ""))
        self.rate.setText(_rate_to_percent(value.get("rate")))
        self.minimum.setText(str(value.get("minimum", "") or ""))
        for w in (self.amount, self.rate, self.minimum):
            w.setModified(False)
        self._sync()


class OverviewTab(QScrollArea):
    """Claim, insured, dates, policy terms (left) and the four narratives (right)."""

    def __init__(self, edits: Edits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.edits = edits
        self._status = CaseStatus.DRAFT
        body = QWidget()
        cols = QHBoxLayout(body)
        left, right = QVBoxLayout(), QVBoxLayout()
        cols.addLayout(left, 1)
        cols.addLayout(right, 1)
        self.groups: list[tuple[QGroupBox, Any]] = []
        self.form = FormBinder(edits, "cases", QFormLayout(), self)
        f = self.form

        f.layout = self._group(left, lambda: tr("Claim"))
        f.line("claim_no", lambda: tr("Claim no."))
        f.line("policy_no", lambda: tr("Policy no."))
        self.status = f.choice("status", lambda: tr("Status"), self._status_options)
        f.line("line_of_business", lambda: tr("Line of business"))
        f.line("peril", lambda: tr("Peril / cause"))
        f.line("adjuster", lambda: tr("Adjuster"))
        f.line("assigned_to", lambda: tr("Assigned to"))

        f.layout = self._group(left, lambda: tr("Insured"))
        f.line("insured_name", lambda: tr("Insured name"))
        f.line("insured_phone", lambda: tr("Phone"))
        f.line("insured_id_no", lambda: tr("ID / licence no."))
        f.line("risk_address", lambda: tr("Risk address"))

        f.layout = self._group(left, lambda: tr("Dates"))
        for name, title in (("loss_date", lambda: tr("Date of loss")), ("reported_date", lambda: tr("Date reported")),
                            ("survey_date", lambda: tr("Date of survey"))):
            f.line(name, title, placeholder=lambda: DATE_HINT)

        f.layout = self._group(right, lambda: tr("Policy terms"))
        f.line("currency", lambda: tr("Currency"))
        f.line("sum_insured", lambda: tr("Sum insured"))
        f.line("insured_value", lambda: tr("Value at risk at time of loss"))
        self.deductible = DeductibleEditor()
        f.custom("deductible", self.deductible, lambda: tr("Deductible"), self.deductible.value,
                 self.deductible.set_value)
        self.deductible.committed.connect(lambda: f.commit("deductible"))
        f.line("depreciation_cap", lambda: tr("Depreciation cap (0–1)"))
        f.check("average_before_deductible", lambda: tr("Average before deductible"))
        f.line("mitigation_costs", lambda: tr("Mitigation costs"))

        f.layout = self._group(right, lambda: tr("Narratives"))
        f.text("narrative_circumstances", lambda: tr("Circumstances"))
        f.text("narrative_cause", lambda: tr("Cause"))
        f.text("narrative_coverage", lambda: tr("Coverage opinion"))
        f.text("narrative_recommendation", lambda: tr("Adjuster's recommendation"))
        left.addStretch(1)
        right.addStretch(1)
        self.setWidget(body)

    def _group(self, column: QVBoxLayout, title: Any) -> QFormLayout:
        box = QGroupBox(title())
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        column.addWidget(box)
        self.groups.append((box, title))
        return form

    def _status_options(self) -> list[tuple[str, str]]:
        allowed = [self._status, *sorted(CASE_TRANSITIONS[self._status], key=list(CaseStatus).index)]
        return [(s.value, status_label(s.value)) for s in allowed]

    def load(self, case: Any) -> None:
        self._status = case.status
        self.form.refill()
        self.form.load(case)

    def retranslate(self) -> None:
        for box, title in self.groups:
            box.setTitle(title())
        self.form.retranslate()
        self.deductible.fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)
