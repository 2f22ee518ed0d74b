"""The main window over a real profile: list, search, filters, lazy paging, sorting, badges, closing."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from conftest import make_case
from PySide6.QtCore import Qt

from adjuster.domain.models import Case
from ui.models.cases import COLUMN_KEYS, PAGE_SIZE


def _bulk_cases(store: Any, n: int, prefix: str = "BULK") -> None:
    with store.transaction():
        for i in range(n):
            store.cases.create(Case(claim_no=f"{prefix}-{i:05d}", insured_name=f"Insured {i % 7}",
                                    adjuster="alice" if i % 2 else "bob", loss_date=f"2025-{1 + i % 12:02d}-15"))


def test_case_list_shows_cases_and_opens_the_selected_one(qtbot: Any, window: Any, store: Any) -> None:
    make_case(store, "CLM-A-0001", insured_name="Alpha Ltd")
    make_case(store, "CLM-B-0002", insured_name="北京测试有限公司")
    window.refresh_lists()
    model = window.cases.model
    assert model.rowCount() == 2
    assert window.cases.count.text() == "2 case(s)"
    window.cases.table.selectRow(model.row_of(store.cases.by_claim_no("CLM-B-0002").id))
    editor = window.case_editor
    assert editor is not None and editor.case.claim_no == "CLM-B-0002"
    assert "CLM-B-0002" in editor.header.text()


def test_search_and_filters_narrow_the_list(qtbot: Any, window: Any, store: Any) -> None:
    _bulk_cases(store, 30)
    make_case(store, "SPECIAL-777", insured_name="Needle Corp", adjuster="carol")
    window.refresh_lists()
    panel = window.cases
    qtbot.keyClicks(panel.search, "Needle")
    qtbot.waitUntil(lambda: panel.model.total == 1, timeout=3000)
    assert panel.model.case_id(0) == store.cases.by_claim_no("SPECIAL-777").id
    panel.clear_filters()
    assert panel.model.total == 31
    panel.adjuster.setCurrentIndex(panel.adjuster.findData("alice"))
    panel.apply_filters()
    assert panel.model.total == 15
    panel.clear_filters()
    panel.status.setCurrentIndex(panel.status.findData("submitted"))
    panel.apply_filters()
    assert panel.model.total == 0
    panel.status.setCurrentIndex(panel.status.findData("open"))
    panel.apply_filters()
    assert panel.model.total == 31


def test_case_list_loads_pages_lazily_and_sorts_in_sql(qtbot: Any, window: Any, store: Any) -> None:
    _bulk_cases(store, PAGE_SIZE * 2 + 10)
    window.refresh_lists()
    model = window.cases.model
    assert model.total == PAGE_SIZE * 2 + 10
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()
    window.cases.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > PAGE_SIZE, timeout=3000)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == model.total
    last = model.index(model.rowCount() - 1, COLUMN_KEYS.index("sync"))
    assert model.data(last) == "Not synced"  # sync badges are read for every page as it loads
    model.sort(COLUMN_KEYS.index("claim_no"), Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, 0)) == "BULK-00000"
    model.sort(COLUMN_KEYS.index("claim_no"), Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == f"BULK-{PAGE_SIZE * 2 + 9:05d}"
    assert model.rowCount() == PAGE_SIZE  # a new order starts again from the first page


def test_status_and_sync_badges(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-S-0001")
    store.cases.set_status(case.id, "submitted")
    window.refresh_lists()
    model = window.cases.model
    status = model.index(0, COLUMN_KEYS.index("status"))
    sync = model.index(0, COLUMN_KEYS.index("sync"))
    assert model.data(status) == "Submitted"
    assert model.data(status, Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(sync) == "Not synced"
    store.execute("UPDATE outbox SET acked_at = '2026-01-01T00:00:00Z'")
    window.refresh_lists()
    assert model.data(model.index(0, COLUMN_KEYS.index("sync"))) == "Synced"
    assert window.sync_label.text() == "Not connected to a hub"  # nothing waits, but no hub either


def test_closing_with_a_running_job_asks_first(qtbot: Any, window: Any) -> None:
    release = threading.Event()
    asked: list[int] = []
    window.confirm_close = lambda n: asked.append(n) or False
    job = window.ctx.runner.run(lambda p, t: release.wait(10), title="slow job")
    qtbot.waitUntil(lambda: window.jobs.isVisible(), timeout=3000)
    assert window.jobs.label.text() == "slow job"
    assert not window.close()
    assert asked == [1] and window.isVisible()
    release.set()
    qtbot.waitSignal(job.ended, timeout=5000)
    window.ctx.runner.wait()
    assert window.close()


def test_job_status_cancel_button_cancels(qtbot: Any, window: Any) -> None:
    started = threading.Event()

    def work(progress: Any, token: Any) -> None:
        started.set()
        for i in range(2000):
            token.raise_if_cancelled()
            progress(i, 2000)
            threading.Event().wait(0.005)

    job = window.ctx.runner.run(work, title="long job")
    assert started.wait(5)
    qtbot.waitUntil(lambda: window.jobs.isVisible(), timeout=3000)
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        qtbot.mouseClick(window.jobs.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.jobs.isVisible(), timeout=3000)


def test_failing_job_leaves_the_app_usable(qtbot: Any, window: Any, store: Any) -> None:
    seen: list[Any] = []
    window.ctx.runner.error_handler = seen.append
    job = window.ctx.runner.run(lambda p, t: 1 / 0, title="broken job")
    qtbot.waitSignal(job.ended, timeout=5000)
    window.ctx.runner.wait()
    assert seen and isinstance(seen[0].error, ZeroDivisionError)
    make_case(store, "CLM-AFTER-1")
    window.refresh_lists()
    assert window.cases.model.total == 1


def test_sync_and_review_without_a_hub_ask_for_a_link(qtbot: Any, window: Any) -> None:
    assert window.sync_now() is False
    dlg = window.hub.connect_dialog
    assert dlg is not None and dlg.isVisible() and dlg.windowTitle() == "Connect to hub"
    dlg.reject()
    assert window.open_review() is None
    assert window.hub.office_dialog is not None and window.hub.office_dialog.isVisible()
    window.hub.office_dialog.reject()
    assert not window.act_review_tb.isVisible() and not window.act_review.isChecked()
    assert window.ctx.runner.running() == []


def test_date_of_loss_filter_and_list_follows_edits(qtbot: Any, window: Any, store: Any) -> None:
    import datetime as dt

    from PySide6.QtCore import QDate

    make_case(store, "CLM-D-0001", loss_date="2025-03-01")
    make_case(store, "CLM-D-0002", loss_date="2025-06-15")
    make_case(store, "CLM-D-0003", loss_date="2025-09-30")
    window.refresh_lists()
    panel = window.cases
    panel.date_from.setDate(QDate(2025, 5, 1))
    assert panel.model.total == 2
    panel.date_to.setDate(QDate(2025, 7, 1))
    assert panel.model.total == 1
    assert panel.model.filter.loss_from == dt.date(2025, 5, 1)
    panel.clear_filters()
    assert panel.model.total == 3
    # an edit in the editor shows in the list without a manual refresh
    case = store.cases.by_claim_no("CLM-D-0002")
    editor = window.open_case(case.id)
    editor.overview.form.bindings["insured_name"].widget.setText("Renamed Ltd")
    assert editor.overview.form.commit("insured_name")
    row = panel.model.row_of(case.id)
    qtbot.waitUntil(lambda: panel.model.data(panel.model.index(panel.model.row_of(case.id), 1)) == "Renamed Ltd",
                    timeout=3000)
    assert row >= 0


def test_type_filter_when_the_store_supports_it(qtbot: Any, window: Any, store: Any) -> None:
    panel = window.cases
    if not panel.has_kind:
        pytest.skip("CaseFilter has no line_of_business yet (foundation)")
    make_case(store, "CLM-T-0001", line_of_business="财产一切险")
    make_case(store, "CLM-T-0002", line_of_business="Contractors all risks")
    window.refresh_lists()
    panel.kind.setCurrentIndex(panel.kind.findData("财产一切险"))
    panel.apply_filters()
    assert panel.model.total == 1
