"""Record fields and values in the UI language, for audit lines (History tab, review panel):
the store and the hub speak English keys (``status``, ``draft``); people read labels."""

from __future__ import annotations

import json
from typing import Any

from ui.i18n import tr

MAX_VALUE = 60


def field_name(field: str) -> str:
    """A field's label where we have one, else its key."""
    from ui.errors import field_label

    labels = {"status": tr("Status"), "insured_name": tr("Insured name"), "approved_amount": tr("Approved amount"),
              "review_comment": tr("Comment"), "assigned_to": tr("Assigned to"), "caption": tr("Caption"),
              "grade": tr("Grade"), "note": tr("Note"), "result": tr("Result"), "severity": tr("Severity"),
              "original_name": tr("File"), "version": tr("Version"), "signer": tr("Signer")}
    return labels.get(field) or field_label(field)


def short(value: Any, limit: int = MAX_VALUE) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def value_text(field: str, value: Any, limit: int = MAX_VALUE) -> str:
    """A stored value for display: a status in the UI language, others shortened; "–" for none."""
    if value is None:
        return "–"
    if field == "status" and isinstance(value, str):
        from ui.models.badges import status_label

        return status_label(value)
    return short(value, limit)
