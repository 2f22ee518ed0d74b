"""The visit editor: checklist by category with keyboard answering, the current item with its photos,
recommendations, follow-up of earlier visits, and the grade recomputed live on every answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from adjuster.domain.errors import AdjusterError
from adjuster.inspect.templates import tr as pick
from ui.i18n import is_language_change, tr
from ui.views.photos import PhotosTab
from ui.views.photos.texts import Texts, alive, undo_actions
from ui.views.visit.answer_panel import AnswerPanel
from ui.views.visit.checklist import ChecklistModel, ChecklistView
from ui.views.visit.commands import SetAnswer, SetNote
from ui.views.visit.followup import FollowUpPanel
from ui.views.visit.recommendations import RecommendationsPanel
from ui.views.visit.scores import ScorePanel
from ui.views.visit.session import UNANSWERED, AnswerState, VisitSession

CHECKLIST_MIN_WIDTH = 300


def scrolled(page: QWidget) -> QScrollArea:
    """``page`` in a frameless scroll area that resizes it (scroll bars only on a small screen)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area


def problem_text(message: str) -> str:
    """The service's reasons (English) in the UI language."""
    known = {"is not answered": tr("not answered"), "needs a photo": tr("needs a photo"),
             "a deficiency of severity ≥ 3 needs a recommendation": tr("needs recommendation")}
    return known.get(message, message)


def ui_lang() -> str:
    """Template texts follow the UI language (zh for a Chinese UI, else en)."""
    return "zh" if QLocale().name().lower().startswith("zh") else "en"


class VisitEditor(QWidget):
    """Edits one visit. ``undo_stack`` holds answers, notes and recommendations (add it to the
    window's QUndoGroup); every step is already saved when it is pushed."""

    changed = Signal()

    def __init__(self, runner: Any, store: Any, media: Any, visit_id: str, parent: QWidget | None = None, *,
                 lang: str | None = None, undo_stack: QUndoStack | None = None, events: Any = None) -> None:
        """``events``: the app's StoreEvents; when given, changes made elsewhere (a sync, the CLI)
        to this visit's findings and recommendations show up without reopening the editor."""
        super().__init__(parent)
        self.runner, self.store, self.media = runner, store, media
        self.events = events
        self.texts = Texts()
        self.lang = lang or ui_lang()  # the initial language; a language change switches to the UI's
        self.own_stack = undo_stack is None
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.error: str = ""
        try:
            self.session = VisitSession(store, visit_id, lang=self.lang)
        except AdjusterError as err:  # e.g. a damaged template snapshot: say so instead of crashing the window
            self.error = str(err)
            message = QLabel(tr("This visit cannot be opened: {}").format(err), self)
            message.setObjectName("visitError")
            message.setWordWrap(True)
            QVBoxLayout(self).addWidget(message)
            return
        self.finding_tabs: dict[str, PhotosTab] = {}

        self.header = QLabel(self)
        self.header.setObjectName("visitHeader")
        self.header.setWordWrap(True)
        self.model = ChecklistModel(self.session, self.lang, self)
        self.checklist = ChecklistView(self)
        self.checklist.setObjectName("checklist")
        self.checklist.setModel(self.model)
        self.scores = ScorePanel(self.lang, self)
        self.answer_panel = AnswerPanel(self.lang, self)
        self.attach_button = QPushButton(self)
        self.texts(lambda: self.attach_button.setText(tr("Attach photos to this item")))
        self.attach_button.clicked.connect(self._attach_photos)
        self.answer_panel.photo_box.addWidget(self.attach_button)
        self.recs = RecommendationsPanel(self.session, self.undo_stack, self)
        self.followup = FollowUpPanel(runner, self.session, media, self)
        self.visit_photos = PhotosTab(runner, store, media, "visit", visit_id, self, undo_stack=self.undo_stack,
                                      events=events)

        self.tabs = QTabWidget(self)
        # the tall pages scroll inside their tab rather than setting the window's minimum height
        self.answer_page, self.photos_page = scrolled(self.answer_panel), scrolled(self.visit_photos)
        for page in (self.answer_page, self.recs, self.followup, self.photos_page):
            self.tabs.addTab(page, "")
        self.texts(lambda: (self.tabs.setTabText(0, tr("Item")), self.tabs.setTabText(3, tr("Visit photos"))))
        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.scores)
        rv.addWidget(self.tabs, 1)
        self.checklist.setMinimumWidth(CHECKLIST_MIN_WIDTH)  # never squeezed to nothing by the answer side
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.checklist)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 480])
        self.splitter = splitter

        self.toolbar = QToolBar(self)
        self.undo_action, self.redo_action = undo_actions(self.undo_stack, self, self.texts, shortcuts=self.own_stack)
        for act in (self.undo_action, self.redo_action):
            self.addAction(act)
            self.toolbar.addAction(act)
        self.next_missing = QAction(self)
        self.texts(lambda: self.next_missing.setText(tr("Next unanswered")))
        self.next_missing.setShortcut(QKeySequence("Ctrl+J"))
        self.next_missing.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.next_missing.triggered.connect(self.go_to_unanswered)
        self.addAction(self.next_missing)
        self.toolbar.addAction(self.next_missing)
        self.submit_action = QAction(self)
        self.texts(lambda: self.submit_action.setText(tr("Submit visit…")))
        self.submit_action.triggered.connect(self.submit)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.submit_action)
        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("visitProblems")
        self.problems_label.setStyleSheet("color: #b3261e;")
        self.problems_label.setWordWrap(True)
        self.problems_label.hide()
        #: asks before submitting; tests replace it
        self.confirm: Callable[[str], bool] = self._confirm

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.problems_label)
        layout.addWidget(splitter, 1)

        self.checklist.selectionModel().currentChanged.connect(self._current_changed)
        self.checklist.answerRequested.connect(self._answer_key)
        self.checklist.choiceRequested.connect(self._choice_key)
        self.checklist.severityRequested.connect(self._severity_key)
        self.checklist.clearRequested.connect(lambda key: self.answer(key, UNANSWERED))
        self.checklist.editRequested.connect(self._edit_key)
        self.answer_panel.answered.connect(lambda key, state: self.answer(key, state))
        self.answer_panel.noteEdited.connect(self.set_note)
        self.answer_panel.recommendationWanted.connect(self.prepare_recommendation)
        self.answer_panel.finished.connect(self._value_committed)
        self.answer_panel.escaped.connect(self.checklist.setFocus)
        self.recs.changed.connect(self._recs_changed)
        self.followup.changed.connect(self._update_tab_titles)
        self.visit_photos.photosChanged.connect(lambda: self.model.refresh_flags())

        self._show_header()
        self.scores.show_card(self.session.card)
        self._update_tab_titles()
        first = self.go_to_unanswered() or (self.model.item_keys()[:1] or [""])[0]
        if first:
            self.checklist.go_to(first)
        self.checklist.setFocus()
        self._outside_timer = QTimer(self)
        self._outside_timer.setSingleShot(True)
        self._outside_timer.setInterval(500)
        self._outside_timer.timeout.connect(self.reload_from_store)
        if events is not None:
            events.changed.connect(self._store_changed)

    def _store_changed(self, entities: Any) -> None:
        if set(entities) & {"visit", "finding", "recommendation"}:
            self._outside_timer.start()

    def reload_from_store(self) -> None:
        """Re-read the visit and repaint everything; what is being typed in the item panel stays."""
        self.session.reload()
        for key in self.model.item_keys():
            self.model.refresh_item(key)
        self.model.refresh_flags()
        self.model.refresh_categories()
        self.scores.show_card(self.session.card)
        self.recs.reload()
        self.followup.reload()
        self._show_header()
        self._update_tab_titles()
        self.submit_action.setEnabled(self.session.editable)
        focus = QApplication.focusWidget()
        if focus is None or not self.answer_panel.isAncestorOf(focus):
            self._show_item(self.current_key())

    # -- language -------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event) and not self.error:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Re-set every text; checklist texts (the template's zh/en) follow the new UI language."""
        self.lang = ui_lang()
        self.session.lang = self.answer_panel.lang = self.lang
        self.scores.set_lang(self.lang)
        key = self.current_key()
        old = self.model
        self.model = ChecklistModel(self.session, self.lang, self)
        self.checklist.setModel(self.model)
        self.checklist.selectionModel().currentChanged.connect(self._current_changed)
        old.deleteLater()
        self.texts.apply()
        self.answer_panel.texts.apply()
        self.recs.retranslate()
        self.followup.retranslate()
        self.scores.show_card(self.session.card)
        self._show_header()
        self._update_tab_titles()
        if key:
            self.checklist.go_to(key)
        self._show_item(key)

    # -- display --------------------------------------------------------------------------------
    def _show_header(self) -> None:
        v, site = self.session.visit, self.session.site
        parts = [site.name if site else "", v.visit_date.isoformat(), v.engineer,
                 pick(self.session.template.title, self.lang) + f" v{self.session.template.version}"]
        self.header.setText("  ·  ".join(p for p in parts if p))
        if not self.session.editable:
            self.header.setText(self.header.text() + "  ·  " + tr("read-only ({})").format(v.status.value))

    def _update_tab_titles(self) -> None:
        missing = len(self.session.missing_recommendations())
        title = tr("Recommendations ({})").format(len(self.session.recommendations()))
        if missing:
            title += " ⚠" + tr("{} missing").format(missing)
        self.tabs.setTabText(1, title)
        self.tabs.setTabText(2, tr("Follow-up ({})").format(len(self.followup.recs)))

    def current_key(self) -> str:
        return self.checklist.current_key()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_item(self.model.key_of(current))

    def _show_item(self, key: str) -> None:
        for tab in self.finding_tabs.values():
            tab.hide()
        if not key:
            self.answer_panel.show_item("", None, UNANSWERED, "", needs_rec=False, editable=False)
            self.attach_button.hide()
            return
        finding = self.session.finding(key)
        self.answer_panel.show_item(key, self.session.item(key), self.session.state(key),
                                    finding.note if finding else "", needs_rec=key in self.model.missing,
                                    editable=self.session.editable)
        tab = self._finding_tab(key) if finding is not None else None
        self.attach_button.setVisible(tab is None and self.session.editable)
        if tab is not None:
            tab.show()

    def _finding_tab(self, key: str) -> PhotosTab:
        """Photos of the item's finding; one tab per item, kept so a running import finishes into it."""
        tab = self.finding_tabs.get(key)
        if tab is None:
            finding = self.session.ensure_finding(key)
            tab = PhotosTab(self.runner, self.store, self.media, "finding", finding.id, self,
                            undo_stack=self.undo_stack, compact=True, events=self.events)
            tab.setObjectName(f"findingPhotos_{key}")
            tab.setMinimumHeight(220)
            tab.photosChanged.connect(lambda: self.model.refresh_flags())
            self.answer_panel.photo_box.addWidget(tab, 1)
            self.finding_tabs[key] = tab
        return tab

    def _attach_photos(self) -> None:
        key = self.current_key()
        if key:
            self._finding_tab(key).show()
            self.attach_button.hide()

    def photos_for(self, key: str) -> PhotosTab:
        """The photo tab of an item's finding (creating the unanswered finding if needed)."""
        return self._finding_tab(key)

    # -- answering ------------------------------------------------------------------------------
    def answer(self, key: str, state: AnswerState) -> bool:
        """Validate and store an answer as one undo step; a refused value is shown at the item."""
        if not self.session.editable:
            self.answer_panel.show_error(tr("This visit is {} and cannot be changed.").format(self.session.visit.status.value))
            return False
        if state == self.session.state(key):
            return True
        before = self.session.state(key)
        try:
            stored = self.session.set_answer(key, state)
        except AdjusterError as err:  # nothing stored: shown at the item, the typed value stays
            self.checklist.go_to(key)
            self.answer_panel.show_error(str(err).split(": ", 1)[-1])
            return False
        self.undo_stack.push(SetAnswer(self.session, key, before, stored, tr("Answer item"), self._answer_changed,
                                       self._step_failed))
        self._answer_changed(key)
        return True

    def set_note(self, key: str, note: str) -> None:
        finding = self.session.finding(key)
        old = finding.note if finding else ""
        if old == note:
            return
        if not self.session.editable:
            self.answer_panel.show_error(tr("This visit is {} and cannot be changed.").format(self.session.visit.status.value))
            return
        try:
            self.session.set_note(key, note)
        except AdjusterError as err:
            self.answer_panel.show_error(str(err))
            return
        self.undo_stack.push(SetNote(self.session, key, old, note, tr("Edit note"), self._answer_changed,
                                     self._step_failed))
        self._answer_changed(key)

    @alive
    def _step_failed(self, message: str) -> None:
        """An undo/redo the store refused (e.g. the visit was submitted meanwhile)."""
        self.problems_label.setText(tr("Could not undo or redo: {}").format(message))
        self.problems_label.show()

    @alive
    def _answer_changed(self, key: str) -> None:
        self.model.refresh_item(key)
        self.model.refresh_flags()
        self.model.refresh_categories()
        self.scores.show_card(self.session.card)
        if key == self.current_key():
            self._show_item(key)
        self.recs.reload()
        self._update_tab_titles()
        self.changed.emit()

    def _advance_unless_deficient(self, key: str) -> None:
        if self.session.state(key).result != "deficient":
            self.checklist.next_item()

    def _answer_key(self, key: str, result: str) -> None:
        severity = self.session.state(key).severity if result == "deficient" else 0
        if self.answer(key, AnswerState(result, "", severity)):
            self._advance_unless_deficient(key)

    def _choice_key(self, key: str, index: int) -> None:
        choice = self.session.item(key).choices[index]
        if self.answer(key, AnswerState(choice.result, choice.value, 0)):
            self._advance_unless_deficient(key)

    def _severity_key(self, key: str, severity: int) -> None:
        state = self.session.state(key)
        item = self.session.item(key)
        if state.result == "deficient":
            self.answer(key, AnswerState("deficient", state.value, severity))
        elif item.answer == "check":
            self.answer(key, AnswerState("deficient", "", severity))
        else:
            self.answer_panel.show_error(tr("Severity applies to a deficient answer only."))

    def _edit_key(self, key: str, typed: str) -> None:
        item = self.session.item(key)
        self.tabs.setCurrentWidget(self.answer_page)
        if item.answer in ("number", "text"):
            self.answer_panel.begin_value(typed)
        elif self.session.state(key).result == "deficient":
            self.prepare_recommendation(key)

    def _value_committed(self) -> None:
        self.checklist.setFocus()
        self._advance_unless_deficient(self.current_key())

    def go_to_unanswered(self) -> str:
        """Move to the first unanswered item after the current one (wrapping); returns its key."""
        keys = self.model.item_keys()
        cur = self.current_key()
        start = keys.index(cur) + 1 if cur in keys else 0
        for key in keys[start:] + keys[:start]:
            if not self.session.state(key).answered:
                self.checklist.go_to(key)
                return key
        return ""

    # -- submitting -----------------------------------------------------------------------------
    def submit(self) -> bool:
        """Submit when complete; otherwise list what is missing and go to the first such item."""
        if not self.session.editable:
            return False
        problems = self.session.problems()
        if problems:
            lines = []
            for p in problems[:3]:
                title = pick(self.session.item(p.item_key).question, self.lang) if p.item_key else tr("Visit")
                lines.append(f"• {title}: {problem_text(p.message)}")
            more = tr(" … and {} more").format(len(problems) - 3) if len(problems) > 3 else ""
            self.problems_label.setText(tr("{} thing(s) to finish before submitting:").format(len(problems))
                                        + "\n" + "\n".join(lines) + more)
            self.problems_label.show()
            if problems[0].item_key:
                self.checklist.go_to(problems[0].item_key)
                self.checklist.setFocus()
            return False
        if not self.confirm(tr("Submit this visit for review? It cannot be edited afterwards unless returned.")):
            return False
        try:
            self.session.submit()
        except AdjusterError as err:
            self.problems_label.setText(str(err))
            self.problems_label.show()
            return False
        self.problems_label.hide()
        if self.own_stack:
            self.undo_stack.clear()  # the steps can no longer be undone on a submitted visit
        self._show_header()
        self._show_item(self.current_key())
        self.followup.reload()
        self.submit_action.setEnabled(False)
        self.changed.emit()
        return True

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, tr("Submit visit"), text)
        return answer == QMessageBox.StandardButton.Yes

    # -- recommendations ------------------------------------------------------------------------
    def prepare_recommendation(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.recs)
        self.recs.prepare_for(key)

    @alive
    def _recs_changed(self) -> None:
        self.model.refresh_flags()
        self._show_item(self.current_key())
        self._update_tab_titles()
        self.changed.emit()
