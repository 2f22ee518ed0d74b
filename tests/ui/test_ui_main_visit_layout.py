"""The visit editor fits a 1366×768 laptop screen inside the main window: long choice lists wrap,
the checklist keeps a usable width, in English and in Chinese."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from visit_helpers import start_fire_visit

from adjuster.inspect.templates import find_template


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("template", ["fire_safety", "warehouse", "flood_typhoon"])
def test_main_window_with_an_open_visit_fits_a_laptop_screen(qtbot: Any, window: Any, store: Any, lang: str,
                                                             template: str) -> None:
    from adjuster.domain.models import Site
    from adjuster.inspect import service
    from ui.views.visit.editor import CHECKLIST_MIN_WIDTH

    try:
        tpl = find_template(template)
    except Exception:  # noqa: BLE001 - a template not shipped in this build
        pytest.skip(f"no {template} template")
    window.ctx.translations.set_language(lang)
    site = store.sites.create(Site(name="Riverside Textiles No. 2 Plant — Building C (raw material store)"))
    visit = service.start_visit(store, site.id, tpl, visit_date=dt.date(2026, 3, 2), engineer="Li Wei")
    window.resize(1366, 768)
    window.lists.setCurrentWidget(window.visits)
    window.visits.refresh()
    editor = window.open_visit(visit.id)
    qtbot.waitExposed(window)
    widest = tallest = 0
    for key in editor.model.item_keys():  # every item's answer controls, the longest choice lists included
        editor.checklist.go_to(key)
        hint = window.minimumSizeHint()
        widest, tallest = max(widest, hint.width()), max(tallest, hint.height())
    assert widest <= 1366
    assert tallest <= 768 - 30  # room for the window manager's title bar
    assert window.width() <= 1366
    assert editor.checklist.width() >= CHECKLIST_MIN_WIDTH
    # at 1366 px the checklist gets a fair share, not a sliver
    assert editor.checklist.width() >= 0.35 * editor.splitter.width()


def test_long_choice_labels_are_elided_with_the_full_text_in_the_tooltip(qtbot: Any, window: Any, store: Any) -> None:
    from ui.views.visit.answer_panel import MAX_BUTTON_TEXT

    visit = start_fire_visit(store)
    editor = window.open_visit(visit.id)
    panel = editor.answer_panel
    item = next(i for c in editor.session.template.categories for i in c.items if i.answer == "choice")
    from adjuster.inspect.templates import Choice

    long_label = {"en": "A very long choice label " * 8, "zh": "一个很长的选项说明" * 10}
    fake = dataclasses.replace(item, choices=(Choice(value="x", label=long_label, result="ok"),))
    panel.show_item(item.key, fake, editor.session.state(item.key), "", needs_rec=False, editable=True)
    button = panel.result_buttons.buttons()[0]
    assert button.text().endswith("…") and button.fontMetrics().horizontalAdvance(button.text()) <= MAX_BUTTON_TEXT
    assert button.toolTip().startswith("1  A very long choice label") or button.toolTip().startswith("1  一个很长")
