"""Which records a field device may receive, computed once per request as sets of ids.

The rule is the same as for writing (``authz``): the user's cases (assigned, or created by one of
the user's devices while unassigned) and the team's sites, with everything hanging off them.
Set-based so a pull page of thousands of changes costs a handful of queries, not a lookup per
row. A record whose parent the hub does not hold is not shown.
"""

from __future__ import annotations

from typing import Any

from adjuster.sync.hub.auth import Identity, Role


def _ids(store: Any, sql: str, params: list[Any]) -> set[str]:
    return {r["id"] for r in store.query(sql, params)}


def _marks(values: set[str] | list[str]) -> str:
    return ", ".join("?" for _ in values) or "NULL"


class Visibility:
    """``visible(entity, row)`` for one caller; office roles and admins see everything."""

    def __init__(self, hub: Any, auth: Any, ident: Identity) -> None:
        self.everything = ident.role in (Role.ADMIN, Role.REVIEWER)
        if self.everything:
            return
        store = hub.store
        devices = auth.devices()
        mine = [d["device_id"] for d in devices if d["user"] == ident.user]
        team_devices = [d["device_id"] for d in devices if d["team"] == ident.team]
        self.cases = _ids(
            store,
            "SELECT id FROM cases WHERE assigned_to = ? OR (assigned_to = '' AND id IN (SELECT record_id FROM hub_rows"
            f" WHERE entity = 'case' AND creator IN ({_marks(mine)})))",
            [ident.user, *mine],
        )
        self.sites = _ids(
            store,
            "SELECT id FROM sites WHERE team = ? OR (team = '' AND id IN (SELECT record_id FROM hub_rows"
            f" WHERE entity = 'site' AND creator IN ({_marks(team_devices)})))",
            [ident.team, *team_devices],
        )
        self.items = self._children(store, "loss_items", "case_id", self.cases)
        self.visits = self._children(store, "visits", "site_id", self.sites)
        self.findings = self._children(store, "findings", "visit_id", self.visits)
        self.recommendations = self._children(store, "recommendations", "site_id", self.sites)
        self.owners = {"case": self.cases, "item": self.items, "site": self.sites, "visit": self.visits,
                       "finding": self.findings, "recommendation": self.recommendations}

    @staticmethod
    def _children(store: Any, table: str, column: str, parents: set[str]) -> set[str]:
        if not parents:
            return set()
        return _ids(store, f"SELECT id FROM {table} WHERE {column} IN ({_marks(parents)})", sorted(parents))

    def visible(self, entity: str, row: dict[str, Any]) -> bool:
        if self.everything:
            return True
        rid = row.get("id")
        if entity == "case":
            return rid in self.cases
        if entity == "site":
            return rid in self.sites
        if entity == "loss_item":
            return row.get("case_id") in self.cases
        if entity in ("visit", "recommendation"):
            return row.get("site_id") in self.sites
        if entity == "finding":
            return row.get("visit_id") in self.visits
        if entity in ("photo", "signature", "report"):
            return row.get("owner_id") in self.owners.get(str(row.get("owner_type")), set())
        return False
