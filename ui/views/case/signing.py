"""Signatures on the report: the insured and the adjuster sign the latest report's data snapshot
(``adjuster.signatures.sign``); a later edit makes the signature visibly out of date."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from adjuster.domain.errors import AdjusterError
from ui.i18n import tr


def role_label(role: str) -> str:
    return {"insured": tr("Insured"), "adjuster": tr("Adjuster")}.get(role, role)


class SignatureBar(QWidget):
    """"Insured signs…" / "Adjuster signs…" buttons and who signed which version."""

    signed = Signal(object)  # the Signature record

    def __init__(self, store: Any, media: Any, signer_for: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.media = store, media
        self.signer_for = signer_for  # role → name to print under the signature
        self.case_id = ""
        self.report: Any = None
        #: opens the pad and returns PNG bytes or None; tests replace it
        self.capture: Callable[[str, str], bytes | None] = self._capture
        h = QHBoxLayout(self)
        h.setContentsMargins(0, 0, 0, 0)
        self.insured_btn = QPushButton()
        self.insured_btn.setObjectName("signInsured")
        self.adjuster_btn = QPushButton()
        self.adjuster_btn.setObjectName("signAdjuster")
        self.status = QLabel()
        self.status.setObjectName("signatureStatus")
        self.status.setTextFormat(Qt.TextFormat.RichText)
        h.addWidget(self.insured_btn)
        h.addWidget(self.adjuster_btn)
        h.addWidget(self.status, 1)
        self.insured_btn.clicked.connect(lambda: self.sign("insured"))
        self.adjuster_btn.clicked.connect(lambda: self.sign("adjuster"))
        self.retranslate()

    def load(self, case_id: str, report: Any) -> None:
        self.case_id, self.report = case_id, report
        self.refresh()

    def refresh(self) -> None:
        can = self.report is not None and bool(getattr(self.report, "snapshot_sha256", ""))
        self.insured_btn.setEnabled(can)
        self.adjuster_btn.setEnabled(can)
        if not self.case_id:
            self.status.setText("")
            return
        from adjuster.signatures import is_current, signatures_of

        current = getattr(self.report, "snapshot_sha256", "") if self.report else ""
        parts = []
        for s in signatures_of(self.store, "case", self.case_id):
            ok = bool(current) and is_current(s, current)
            state = tr("valid") if ok else tr("out of date: the case changed after signing")
            colour = "#27ae60" if ok else "#c0392b"
            parts.append(f"{escape(role_label(s.role.value))}: {escape(s.signer)} "
                         f"<span style='color:{colour}'>({escape(state)})</span>")
        self.status.setText(" · ".join(parts) if parts else tr("Not signed yet."))

    def _capture(self, signer: str, role: str) -> bytes | None:
        try:
            from ui.dialogs.signature import SignatureDialog
        except ImportError:
            return None
        dlg = SignatureDialog(signer, role, self)
        if dlg.exec():
            return bytes(dlg.png_bytes())
        return None

    def sign(self, role: str) -> Any:
        """Capture a signature for ``role`` over the latest report's snapshot and record it."""
        if self.report is None:
            return None
        from adjuster.signatures import sign

        signer = self.signer_for(role)
        png = self.capture(signer, role)
        if not png:
            return None
        try:
            record = sign(self.store, self.media, "case", self.case_id, signer, role, png, self.report.snapshot_sha256)
        except AdjusterError as err:
            self.status.setText(f"<span style='color:#c0392b'>{escape(str(err))}</span>")
            return None
        self.refresh()
        self.signed.emit(record)
        return record

    def retranslate(self) -> None:
        self.insured_btn.setText(tr("Insured signs…"))
        self.adjuster_btn.setText(tr("Adjuster signs…"))
        tip = tr("Signs the data of the latest report; generate the report again to print the signature.")
        self.insured_btn.setToolTip(tip)
        self.adjuster_btn.setToolTip(tip)
        self.refresh()
