"""The main window's actions, menus and toolbar (built once, retranslated on language change)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar

from ui.i18n import LANGUAGES, tr
from ui.views.case.editor import CaseEditor


def build(w: Any) -> None:
    """Create ``w.act_*``, ``w.lang_actions``, ``w.tab_actions``, ``w.menu_*`` and ``w.toolbar``."""
    _make_actions(w)
    _make_menus(w)
    _make_toolbar(w)


def _action(w: Any, name: str, slot: Callable[[], Any], shortcut: QKeySequence | str | None = None,
            icon: QStyle.StandardPixmap | None = None) -> QAction:
    act = QAction(w)
    act.setObjectName(name)
    if shortcut is not None:
        act.setShortcut(QKeySequence(shortcut))
    if icon is not None:
        act.setIcon(w.style().standardIcon(icon))
    act.triggered.connect(lambda _checked=False: slot())
    w.addAction(act)
    return act


def _make_actions(w: Any) -> None:
    sp = QStyle.StandardPixmap
    w.act_new_case = _action(w, "newCase", w.new_case, QKeySequence.StandardKey.New, sp.SP_FileIcon)
    w.act_new_visit = _action(w, "newVisit", w.new_visit, "Ctrl+Shift+N", sp.SP_FileDialogNewFolder)
    w.act_demo = _action(w, "loadDemo", w.load_demo)
    w.act_settings = _action(w, "settings", w.open_settings, "Ctrl+,", sp.SP_FileDialogDetailedView)
    w.act_quit = _action(w, "quit", w.close, QKeySequence.StandardKey.Quit)
    # Undo/Redo follow the open record's own history (a QUndoGroup). Our own actions rather than
    # QUndoGroup.createUndoAction: Qt ships no Chinese for its "Undo %1" texts.
    group = w.ctx.edits.group
    w.act_undo = _action(w, "undo", group.undo, QKeySequence.StandardKey.Undo, sp.SP_ArrowBack)
    w.act_redo = _action(w, "redo", group.redo, QKeySequence.StandardKey.Redo, sp.SP_ArrowForward)
    w.act_redo.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Shift+Z")])
    group.canUndoChanged.connect(w.act_undo.setEnabled)
    group.canRedoChanged.connect(w.act_redo.setEnabled)
    group.undoTextChanged.connect(lambda _t: _undo_tips(w))
    group.redoTextChanged.connect(lambda _t: _undo_tips(w))
    w.act_undo.setEnabled(group.canUndo())
    w.act_redo.setEnabled(group.canRedo())
    w.act_refresh = _action(w, "refresh", w.refresh_lists, QKeySequence.StandardKey.Refresh,
                            sp.SP_FileDialogListView)
    w.act_find = _action(w, "find", w.focus_search, QKeySequence.StandardKey.Find)
    w.act_report = _action(w, "generateReport", w.generate_report, "Ctrl+R", sp.SP_DialogSaveButton)
    w.act_add_item = _action(w, "addItem", w.add_item, "Ctrl+I")
    w.act_about = _action(w, "about", w.about)
    w.act_sync = _action(w, "syncNow", w.sync_now, "Ctrl+Shift+S", sp.SP_BrowserReload)
    w.act_sync.setShortcuts([QKeySequence("Ctrl+Shift+S"), QKeySequence("F9")])
    w.act_connect = _action(w, "connectHub", w.connect_hub)
    w.act_review = _action(w, "reviewQueue", w.toggle_back_office, "Ctrl+Shift+R", sp.SP_FileDialogContentsView)
    w.act_review.setCheckable(True)
    # the toolbar's own Review button: shown only when this profile can review (a separate action,
    # since hiding an action would hide its menu entry too)
    w.act_review_tb = QAction(w.act_review.icon(), "", w)
    w.act_review_tb.setObjectName("reviewMode")
    w.act_review_tb.setCheckable(True)
    w.act_review_tb.triggered.connect(lambda _c=False: w.toggle_back_office())
    w.lang_group = QActionGroup(w)
    w.lang_actions = {}
    for code, name in LANGUAGES.items():
        act = QAction(name, w, checkable=True)
        act.setObjectName(f"lang_{code}")
        act.triggered.connect(lambda _c=False, code=code: w.set_language(code))
        w.lang_group.addAction(act)
        w.lang_actions[code] = act
    w.tab_actions = []
    for i, name in enumerate(CaseEditor.TABS):
        w.tab_actions.append(_action(w, f"tab_{name}", lambda i=i: w.show_case_tab(i), f"Alt+{i + 1}"))


def _make_menus(w: Any) -> None:
    bar = w.menuBar()
    w.menu_file = bar.addMenu("")
    for a in (w.act_new_case, w.act_new_visit, None, w.act_sync, w.act_connect, None, w.act_demo, w.act_settings,
              None, w.act_quit):
        w.menu_file.addSeparator() if a is None else w.menu_file.addAction(a)
    w.menu_edit = bar.addMenu("")
    w.menu_edit.addAction(w.act_undo)
    w.menu_edit.addAction(w.act_redo)
    w.menu_view = bar.addMenu("")
    w.menu_view.addAction(w.act_refresh)
    w.menu_view.addAction(w.act_find)
    w.menu_view.addAction(w.act_review)
    w.menu_lang = w.menu_view.addMenu("")
    for act in w.lang_actions.values():
        w.menu_lang.addAction(act)
    w.menu_case = bar.addMenu("")
    w.menu_case.addAction(w.act_add_item)
    w.menu_case.addAction(w.act_report)
    w.menu_case.addSeparator()
    for a in w.tab_actions:
        w.menu_case.addAction(a)
    w.menu_help = bar.addMenu("")
    w.menu_help.addAction(w.act_about)


def _make_toolbar(w: Any) -> None:
    w.toolbar = QToolBar()
    w.toolbar.setObjectName("mainToolbar")
    w.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    w.toolbar.setMovable(False)
    for a in (w.act_new_case, w.act_new_visit, None, w.act_undo, w.act_redo, None,
              w.act_report, w.act_sync, w.act_refresh, None, w.act_review_tb, w.act_settings):
        w.toolbar.addSeparator() if a is None else w.toolbar.addAction(a)
    w.addToolBar(w.toolbar)
    w.update_mode_actions()


def retranslate(w: Any) -> None:
    """Menu titles and action texts in the current language."""
    w.menu_file.setTitle(tr("&File"))
    w.menu_edit.setTitle(tr("&Edit"))
    w.menu_view.setTitle(tr("&View"))
    w.menu_lang.setTitle(tr("Language"))
    w.menu_case.setTitle(tr("&Case"))
    w.menu_help.setTitle(tr("&Help"))
    texts = {
        w.act_new_case: tr("New case"),
        w.act_new_visit: tr("New visit"),
        w.act_demo: tr("Load demo data"),
        w.act_settings: tr("Settings…"),
        w.act_quit: tr("Quit"),
        w.act_refresh: tr("Refresh"),
        w.act_find: tr("Find"),
        w.act_report: tr("Generate report"),
        w.act_add_item: tr("Add item"),
        w.act_about: tr("About Adjuster"),
        w.act_sync: tr("Sync now"),
        w.act_review: tr("Back office (review queue)"),
        w.act_connect: tr("Connect to hub…"),
    }
    for act, text in texts.items():
        act.setText(text)
        sc = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        act.setToolTip(f"{text} ({sc})" if sc else text)
    w.act_review_tb.setText(tr("Review"))
    w.act_review_tb.setToolTip(tr("Back office (review queue)"))
    w.act_undo.setText(tr("Undo"))
    w.act_redo.setText(tr("Redo"))
    _undo_tips(w)
    tab_names = [tr("Overview"), tr("Photos"), tr("Items"), tr("Calculation"), tr("Report"), tr("History")]
    for act, name in zip(w.tab_actions, tab_names, strict=True):
        act.setText(tr("Show {tab}").format(tab=name))


def _undo_tips(w: Any) -> None:
    """Tooltips name the step: "Undo: Edit Sum insured (Ctrl+Z)"."""
    group = w.ctx.edits.group
    for act, label, text in ((w.act_undo, tr("Undo"), group.undoText()), (w.act_redo, tr("Redo"), group.redoText())):
        sc = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        tip = f"{label}: {text}" if text else label
        act.setToolTip(f"{tip} ({sc})" if sc else tip)
