"""The main window's hub side: Sync (connect first when the device is not enrolled), the sync line
in the status bar, the result dialog, and the back-office mode (the review queue of a hub).

Kept apart from ``main_window`` so the window stays about lists and editors. Every hub call runs
in the app's JobRunner; nothing here waits on the network on the UI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from ui.i18n import tr
from ui.views.review import links
from ui.views.review.texts import hub_error, role_label, sync_state

STATUS_MS = 10_000


class HubUi(QObject):
    """Owned by the main window ``w``; ``w.sync_label`` shows ``state_text()``."""

    #: the back-office page became current (True) or the field lists came back (False)
    mode_changed = Signal(bool)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.w = window
        self.ctx = window.ctx
        self.controller: Any = None
        self.connect_dialog: Any = None
        self.office_dialog: Any = None
        self.result_dialog: Any = None
        self.page: Any = None
        self._sync_after_connect = False

    # -- sync ---------------------------------------------------------------------------------------
    def linked(self) -> bool:
        return links.device_linked(self.ctx.profile)

    def sync_now(self) -> bool:
        """One round in the background; not enrolled yet → the Connect dialog first (then syncs)."""
        if not self.linked():
            self.ask_connect(sync_after=True)
            return False
        if self.controller is None:
            from ui.views.review.sync import SyncController

            self.controller = SyncController(self.ctx.runner, self.ctx.profile, self)
            self.controller.synced.connect(self._synced)
            self.controller.failed.connect(self._failed)
        if not self.controller.start():
            self.w.statusBar().showMessage(tr("A sync is already running."), 4000)
            return False
        self.w.act_sync.setEnabled(False)
        self.controller.job.ended.connect(lambda: self.w.act_sync.setEnabled(True))
        self.w.statusBar().showMessage(tr("Syncing with the hub…"))
        return True

    def _synced(self, summary: str, report: Any) -> None:
        from adjuster.sync.protocol import ENTITY_ORDER

        self.w.statusBar().clearMessage()  # the sync line shows the new state; the dialog says what was done
        # sync_profile wrote through its own connection: tell every view that anything may have changed.
        self.ctx.events.changed.emit(frozenset(ENTITY_ORDER))
        self.w.refresh_lists()
        self._result().show_report(report)

    def _failed(self, message: str) -> None:
        self.w.statusBar().showMessage(message, STATUS_MS)
        self.update_state()
        err = self.controller.last_error if self.controller is not None else None
        self._result().show_failure(hub_error(err, str(self.ctx.profile.settings.get("hub_url") or "")))

    def _result(self) -> Any:
        from ui.views.review.sync_result import SyncResultDialog

        if self.result_dialog is None:
            self.result_dialog = SyncResultDialog(self.w)
        self.result_dialog.show()
        self.result_dialog.raise_()
        return self.result_dialog

    # -- connecting the device ----------------------------------------------------------------------
    def ask_connect(self, *, sync_after: bool = False) -> Any:
        """The Connect to hub dialog (non-modal); on success the link is kept and, if asked, a sync runs."""
        from ui.views.review.connect import ConnectDialog

        self._sync_after_connect = sync_after
        if self.connect_dialog is None:
            self.connect_dialog = ConnectDialog(self.ctx.runner, self.ctx.profile, self.w)
            self.connect_dialog.connected.connect(self._connected)
            self.connect_dialog.finished.connect(self._connect_closed)
        self.connect_dialog.open()
        return self.connect_dialog

    def _connect_closed(self, _result: int) -> None:
        self.connect_dialog.deleteLater()
        self.connect_dialog = None

    def _connected(self, answer: dict[str, Any]) -> None:
        """Adopt what enrol_profile wrote (hub URL, user name) into the running profile."""
        from adjuster.profile import Profile

        profile = self.ctx.profile
        written = Profile.at(profile.root).settings
        profile.settings["hub_url"] = written.get("hub_url", answer.get("url", ""))
        if not profile.settings.get("user_name") and written.get("user_name"):
            profile.settings["user_name"] = written["user_name"]
        profile.settings["hub_role"] = answer.get("role", "")
        profile.settings["hub_user"] = answer.get("user", "")
        profile.save_settings()
        self.ctx.store.user = profile.user
        self.w.statusBar().showMessage(
            tr("Connected to {url} as {user} ({role}).").format(url=profile.settings["hub_url"],
                                                               user=answer.get("user", ""),
                                                               role=role_label(answer.get("role", ""))),
            STATUS_MS)
        self.update_state()
        self.w.update_mode_actions()
        if self._sync_after_connect:
            self._sync_after_connect = False
            self.sync_now()

    # -- status bar ---------------------------------------------------------------------------------
    def state_text(self) -> tuple[str, int]:
        """(status line, pending changes) from the device's sync status (cheap local queries).

        Without a hub only the outbox count is needed: the sync engine is not even imported then
        (it costs ~12 ms of the first paint)."""
        linked = self.linked()
        pending, last, conflicts = 0, None, 0
        if linked:
            try:
                from adjuster.sync.engine import status

                st = status(self.ctx.store)
                pending, last, conflicts = st.pending_ops, st.last_sync_at, st.open_conflicts
                return sync_state(pending, last, conflicts, linked), pending
            except Exception:  # noqa: BLE001 - a store without sync tables still shows its outbox count
                pass
        row = self.ctx.store.query_one("SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL")
        pending = int(row["n"]) if row else 0
        return sync_state(pending, last, conflicts, linked), pending

    def update_state(self) -> None:
        text, pending = self.state_text()
        self.w.sync_label.setText(text)
        self.w.sync_pending = pending

    # -- back office --------------------------------------------------------------------------------
    def office_available(self) -> bool:
        return links.office_link(self.ctx.profile) is not None

    def open_back_office(self) -> Any:
        """Show the review queue; without a reviewer's link, find out or ask (never blocking)."""
        if self.page is not None:
            self._show_page()
            return self.page
        profile = self.ctx.profile
        link = links.office_link(profile)
        if link is not None:
            office = bool(profile.settings.get("office_hub_url"))
            user = profile.settings.get("office_user" if office else "hub_user", "")
            role = profile.settings.get("office_role" if office else "hub_role", "")
            return self._build_page(link[0], link[1], str(user), str(role))
        if self.linked() and not profile.settings.get("hub_role"):
            # enrolled from the command line: ask the hub who this device is before asking the user
            self.ctx.runner.call(lambda: links.device_role(profile.root), title=tr("Connecting to the hub"),
                                 on_done=self._device_role_known, on_failed=lambda err: self.ask_office(hub_error(err)),
                                 show_error=False)
            return None
        note = ""
        if self.linked():
            note = tr("This computer is enrolled as {user} ({role}), which cannot review.").format(
                user=profile.settings.get("hub_user", ""), role=role_label(str(profile.settings.get("hub_role", ""))))
        self.ask_office(note)
        return None

    def _device_role_known(self, who: dict[str, Any]) -> None:
        profile = self.ctx.profile
        profile.settings["hub_role"], profile.settings["hub_user"] = who.get("role", ""), who.get("user", "")
        profile.save_settings()
        self.w.update_mode_actions()
        self.open_back_office()

    def ask_office(self, note: str = "") -> Any:
        from ui.views.review.connect import BackOfficeDialog

        if self.office_dialog is not None:
            self.office_dialog.close()
        dlg = BackOfficeDialog(self.ctx.runner, self.ctx.profile, self.w, note=note)
        dlg.connected.connect(self._office_connected)
        dlg.finished.connect(lambda _r: self._office_closed(dlg))
        self.office_dialog = dlg
        dlg.open()
        self.w.update_mode_actions()
        return dlg

    def _office_closed(self, dlg: Any) -> None:
        if self.office_dialog is dlg:
            self.office_dialog = None
        dlg.deleteLater()
        self.w.update_mode_actions()

    def _office_connected(self, answer: dict[str, Any]) -> None:
        links.save_office_link(self.ctx.profile, answer["url"], answer["token"], answer["user"], answer["role"])
        self.drop_page()
        self._build_page(answer["url"], answer["token"], answer["user"], answer["role"])

    def _build_page(self, url: str, token: str, user: str, role: str) -> Any:
        from adjuster.sync.client import HubClient
        from ui.views.review.office_page import BackOfficePage

        self.page = BackOfficePage(self.ctx.runner, HubClient(url, token, retries=2), user, role)
        self.page.reconnect_requested.connect(lambda: self.ask_office())
        self.w.modes.addWidget(self.page)
        self._show_page()
        return self.page

    def _show_page(self) -> None:
        self.w.modes.setCurrentWidget(self.page)
        self.page.panel.refresh()
        self.mode_changed.emit(True)
        self.w.update_mode_actions()

    def close_back_office(self) -> None:
        self.w.modes.setCurrentWidget(self.w.splitter)
        self.mode_changed.emit(False)
        self.w.update_mode_actions()

    @property
    def in_back_office(self) -> bool:
        return self.page is not None and self.w.modes.currentWidget() is self.page

    def drop_page(self) -> None:
        """Forget the page (another hub was chosen, or the window closes); its client is closed."""
        if self.page is None:
            return
        page, self.page = self.page, None
        if self.w.modes.currentWidget() is page:
            self.w.modes.setCurrentWidget(self.w.splitter)
        self.w.modes.removeWidget(page)
        page.close_client()
        page.deleteLater()
