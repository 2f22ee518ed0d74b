"""The checklist tree (categories → items) and its keyboard answering.

Keys on an item: 1 = OK, 2 = deficient, 3 = n/a (check items); 1–9 pick a choice (choice items);
digits start typing the value (number items); N = n/a for any item; Ctrl+1…4 = severity;
0 / Delete = clear; Enter = edit the value; ↑/↓ move. After an answer the cursor moves to the next
item, so a checklist is answered with one hand.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from adjuster.inspect.scoring import SEVERITY_NAMES, photo_needed
from adjuster.inspect.templates import Item, Template
from adjuster.inspect.templates import tr as pick
from ui.i18n import tr
from ui.views.visit.session import AnswerState, VisitSession, fmt_score

KeyRole = Qt.ItemDataRole.UserRole + 1
COL_QUESTION, COL_ANSWER, COL_SEVERITY, COL_FLAGS = range(4)
RESULT_COLORS = {"ok": "#1b7f3b", "deficient": "#b3261e", "n/a": "#6b6b6b"}


def unit_label(unit: str | None) -> str:
    """Units of the shipped templates in the UI language (others shown as written)."""
    if not unit:
        return ""
    return {"months": tr("months"), "units": tr("units"), "exits": tr("exits"), "events": tr("events"),
            "bags": tr("bags"), "h": tr("h")}.get(unit, unit)


def result_label(result: str) -> str:
    return {"ok": tr("OK"), "deficient": tr("Deficient"), "n/a": tr("N/A"), "unanswered": ""}.get(result, result)


def severity_label(severity: int, lang: str) -> str:
    if not severity:
        return ""
    return f"{severity} {pick(SEVERITY_NAMES[severity], lang)}"


class ChecklistModel(QStandardItemModel):
    """Rows built once from the frozen template; ``refresh_item`` repaints one row after an answer."""

    def __init__(self, session: VisitSession, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session, self.lang = session, lang
        self.setHorizontalHeaderLabels([tr("Item"), tr("Answer"), tr("Severity"), ""])
        self.rows: dict[str, QStandardItem] = {}
        self.cat_rows: dict[str, QStandardItem] = {}
        self.missing: set[str] = set(session.missing_recommendations())
        self.photo_counts: dict[str, int] = self._photo_counts()
        self._build(session.template)

    def _photo_counts(self) -> dict[str, int]:
        """Photos per finding of this visit, in one query."""
        rows = self.session.store.query(
            "SELECT f.item_key AS k, count(p.id) AS n FROM findings f JOIN photos p ON p.finding_id = f.id"
            " AND p.deleted_at IS NULL WHERE f.visit_id = ? AND f.deleted_at IS NULL"
            " GROUP BY f.item_key", [self.session.visit.id])
        return {r["k"]: int(r["n"]) for r in rows}

    def refresh_flags(self) -> None:
        """Re-read which items need a recommendation or have photos, and repaint changed rows."""
        missing = set(self.session.missing_recommendations())
        counts = self._photo_counts()
        changed = (missing ^ self.missing) | {k for k in set(counts) | set(self.photo_counts)
                                               if counts.get(k) != self.photo_counts.get(k)}
        self.missing, self.photo_counts = missing, counts
        for key in changed:
            if key in self.rows:
                self.refresh_item(key)

    def _build(self, template: Template) -> None:
        bold = QFont()
        bold.setBold(True)
        for n, cat in enumerate(template.categories, 1):
            head = QStandardItem(f"{n}. {pick(cat.title, self.lang)}")
            head.setFont(bold)
            head.setEditable(False)
            head.setSelectable(True)
            head.setData("", KeyRole)
            score_cell = QStandardItem("")
            score_cell.setFont(bold)
            cells = [head, score_cell, QStandardItem(""), QStandardItem("")]
            for c in cells:
                c.setEditable(False)
            self.appendRow(cells)
            self.cat_rows[cat.key] = head
            for m, item in enumerate(cat.items, 1):
                q = QStandardItem(f"{n}.{m} {pick(item.question, self.lang)}")
                q.setData(item.key, KeyRole)
                tip = pick(item.question, self.lang)
                if item.guidance:
                    tip += "\n\n" + pick(item.guidance, self.lang)
                q.setToolTip(tip)
                row = [q, QStandardItem(""), QStandardItem(""), QStandardItem("")]
                for c in row:
                    c.setEditable(False)
                    c.setData(item.key, KeyRole)
                head.appendRow(row)
                self.rows[item.key] = q
                self.refresh_item(item.key)
        self.refresh_categories()

    def _cells(self, key: str) -> list[QStandardItem]:
        q = self.rows[key]
        parent = q.parent()
        return [parent.child(q.row(), c) for c in range(4)]

    def answer_text(self, item: Item, state: AnswerState) -> str:
        if not state.answered:
            return ""
        label = result_label(state.result)
        if item.answer == "number" and state.value and state.result != "n/a":
            return f"{state.value} {unit_label(item.unit)}".strip() + f" · {label}"
        if item.answer == "choice" and state.value and state.result != "n/a":
            choice = item.choice(state.value)
            return (pick(choice.label, self.lang) if choice else state.value) + f" · {label}"
        if item.answer == "text" and state.value:
            return state.value
        return label

    def refresh_item(self, key: str) -> None:
        item = self.session.item(key)
        state = self.session.state(key)
        cells = self._cells(key)
        cells[COL_ANSWER].setText(self.answer_text(item, state))
        cells[COL_ANSWER].setForeground(QBrush(QColor(RESULT_COLORS.get(state.result, "#000000"))))
        cells[COL_SEVERITY].setText(severity_label(state.severity, self.lang) if state.result == "deficient" else "")
        flags = []
        if self.photo_counts.get(key):
            flags.append(tr("{} photo(s)").format(self.photo_counts[key]))
        needs_photo = not self.photo_counts.get(key) and photo_needed(item, self.session.answer_of(key))
        if needs_photo:
            flags.append("⚠ " + tr("needs a photo"))
        if key in self.missing:
            flags.append("⚠ " + tr("needs recommendation"))
        warn = key in self.missing or needs_photo
        cells[COL_FLAGS].setForeground(QBrush(QColor("#b3261e" if warn else "#555555")))
        cells[COL_FLAGS].setText("  ".join(flags))
        cells[COL_FLAGS].setToolTip("\n".join(flags))
        cells[COL_ANSWER].setToolTip(cells[COL_ANSWER].text())

    def refresh_categories(self) -> None:
        for cat in self.session.card.categories:
            head = self.cat_rows[cat.key]
            score_cell = self.item(head.row(), COL_ANSWER)
            score_cell.setText(f"{fmt_score(cat.score)}  ({cat.answered}/{cat.total})")

    def key_of(self, index: QModelIndex) -> str:
        return str(index.siblingAtColumn(0).data(KeyRole) or "")

    def index_of(self, key: str) -> QModelIndex:
        return self.indexFromItem(self.rows[key])

    def item_keys(self) -> list[str]:
        return list(self.rows)


class ChecklistView(QTreeView):
    """The tree, plus the answering keys; it emits requests and the editor applies them."""

    answerRequested = Signal(str, str)  # item key, result ("ok" | "deficient" | "n/a")
    choiceRequested = Signal(str, int)  # item key, 0-based choice index
    severityRequested = Signal(str, int)
    clearRequested = Signal(str)
    editRequested = Signal(str, str)  # item key, text typed so far (a digit for number items)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAllColumnsShowFocus(True)

    def setModel(self, model: ChecklistModel) -> None:  # type: ignore[override]
        super().setModel(model)
        self.expandAll()
        header = self.header()
        header.setSectionResizeMode(COL_QUESTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_SEVERITY, QHeaderView.ResizeMode.ResizeToContents)
        for col, width in ((COL_ANSWER, 160), (COL_FLAGS, 110)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.setStretchLastSection(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def current_key(self) -> str:
        model = self.model()
        return model.key_of(self.currentIndex()) if isinstance(model, ChecklistModel) else ""

    def go_to(self, key: str) -> None:
        model = self.model()
        if isinstance(model, ChecklistModel) and key in model.rows:
            self.setCurrentIndex(model.index_of(key))
            self.scrollTo(self.currentIndex())

    def next_item(self) -> None:
        """Move to the next item (skipping category headers); stays on the last one."""
        model = self.model()
        if not isinstance(model, ChecklistModel):
            return
        keys = model.item_keys()
        cur = self.current_key()
        if cur in keys:
            i = keys.index(cur)
            if i + 1 < len(keys):
                self.go_to(keys[i + 1])
        elif keys:
            self.go_to(keys[0])

    def event(self, event: QEvent) -> bool:
        # Claim our answering keys before window shortcuts (e.g. Ctrl+1 for a tab) take them.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self._handles(event):
            event.accept()
            return True
        return super().event(event)

    def _handles(self, event: QKeyEvent) -> bool:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.ControlModifier:
            return Qt.Key.Key_1 <= key <= Qt.Key.Key_4
        if mods not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            return False
        return Qt.Key.Key_0 <= key <= Qt.Key.Key_9 or key in (Qt.Key.Key_N, Qt.Key.Key_Delete, Qt.Key.Key_Return,
                                                               Qt.Key.Key_Enter, Qt.Key.Key_Period, Qt.Key.Key_Minus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key_name = self.current_key()
        model = self.model()
        if not key_name or not isinstance(model, ChecklistModel) or not self._handles(event):
            super().keyPressEvent(event)
            return
        item = model.session.item(key_name)
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        digit = key - Qt.Key.Key_0 if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 else None
        if mods == Qt.KeyboardModifier.ControlModifier and digit is not None:
            self.severityRequested.emit(key_name, digit)
        elif key == Qt.Key.Key_N:
            self.answerRequested.emit(key_name, "n/a")
        elif key in (Qt.Key.Key_Delete,) or digit == 0 and item.answer != "number":
            self.clearRequested.emit(key_name)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.editRequested.emit(key_name, "")
        elif item.answer == "check" and digit in (1, 2, 3):
            self.answerRequested.emit(key_name, {1: "ok", 2: "deficient", 3: "n/a"}[digit])
        elif item.answer == "choice" and digit is not None and 1 <= digit <= len(item.choices):
            self.choiceRequested.emit(key_name, digit - 1)
        elif item.answer == "number" and (digit is not None or key in (Qt.Key.Key_Period, Qt.Key.Key_Minus)):
            self.editRequested.emit(key_name, event.text())
        elif item.answer == "text" and digit is not None:
            self.editRequested.emit(key_name, event.text())
        else:
            super().keyPressEvent(event)
            return
        event.accept()
