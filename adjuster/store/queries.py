"""Repositories with the queries the screens need (case list page, items of a case, photos of an
owner…), each one statement with an index behind it: no N+1 queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from adjuster.domain.enums import CaseStatus, RecommendationStatus
from adjuster.domain.errors import ValidationError
from adjuster.domain.models import Case, Finding, LossItem, Photo, Recommendation, Record, Report, Visit
from adjuster.store.repository import Repository, T
from adjuster.util.clock import utcnow_iso

if TYPE_CHECKING:
    from adjuster.store.store import Store

CASE_LIST_COLUMNS = (
    "id", "claim_no", "policy_no", "insured_name", "line_of_business", "peril", "loss_date", "status", "adjuster",
    "assigned_to", "sum_insured", "currency", "updated_at", "rev",
)
CASE_SORTABLE = {"claim_no", "insured_name", "loss_date", "status", "adjuster", "updated_at", "peril"}


@dataclass(frozen=True)
class CaseFilter:
    """What the case list asks for; every part optional."""

    search: str = ""
    statuses: tuple[str, ...] = ()
    adjuster: str = ""
    line_of_business: str = ""
    loss_from: dt.date | None = None
    loss_to: dt.date | None = None
    order_by: str = "updated_at"
    descending: bool = True


class CaseRepository(Repository[Case]):
    def _where(self, flt: CaseFilter) -> tuple[str, list[Any]]:
        clauses, params = ["deleted_at IS NULL"], []
        if flt.search.strip():
            like = f"%{flt.search.strip()}%"
            clauses.append("(claim_no LIKE ? OR insured_name LIKE ? OR policy_no LIKE ? OR risk_address LIKE ?)")
            params += [like] * 4
        if flt.statuses:
            clauses.append(f"status IN ({', '.join('?' for _ in flt.statuses)})")
            params += list(flt.statuses)
        if flt.adjuster:
            clauses.append("(adjuster = ? OR assigned_to = ?)")
            params += [flt.adjuster, flt.adjuster]
        if flt.line_of_business:
            clauses.append("line_of_business = ?")
            params.append(flt.line_of_business)
        if flt.loss_from:
            clauses.append("loss_date >= ?")
            params.append(flt.loss_from.isoformat())
        if flt.loss_to:
            clauses.append("loss_date <= ?")
            params.append(flt.loss_to.isoformat())
        return " AND ".join(clauses), params

    def page(self, flt: CaseFilter = CaseFilter(), *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Light rows for the case list: only the list's columns, one indexed query."""
        if flt.order_by not in CASE_SORTABLE:
            raise ValidationError("order_by", f"cannot sort by {flt.order_by!r}")
        where, params = self._where(flt)
        direction = "DESC" if flt.descending else "ASC"
        sql = (
            f"SELECT {', '.join(CASE_LIST_COLUMNS)} FROM cases WHERE {where} "
            f"ORDER BY {flt.order_by} {direction}, id {direction} LIMIT {int(limit)} OFFSET {int(offset)}"
        )
        return self.store.query(sql, params)

    def count_matching(self, flt: CaseFilter = CaseFilter()) -> int:
        where, params = self._where(flt)
        row = self.store.query_one(f"SELECT count(*) AS n FROM cases WHERE {where}", params)
        return int(row["n"]) if row else 0

    def by_claim_no(self, claim_no: str) -> Case | None:
        found = self.list("claim_no = ?", [claim_no], limit=1)
        return found[0] if found else None

    def set_status(self, case_id: str, status: CaseStatus | str, **extra: Any) -> Case:
        """Move a case through the workflow; refuses transitions design section 3 does not allow."""
        return self.update(case_id, status=CaseStatus(status), **extra)

    def resolve(self, key: str) -> Case:
        """Find a case by id, id prefix (≥ 8 chars) or claim number — what CLI users type."""
        found = self.find(key) or self.by_claim_no(key)
        if found:
            return found
        if len(key) >= 8:
            rows = self.list("id LIKE ?", [f"{key}%"], limit=2)
            if len(rows) == 1:
                return rows[0]
        from adjuster.domain.errors import NotFoundError

        raise NotFoundError("case", key)


class ItemRepository(Repository[LossItem]):
    def for_case(self, case_id: str) -> list[LossItem]:
        return self.list("case_id = ?", [case_id], order_by="position, rowid")

    def next_position(self, case_id: str) -> int:
        row = self.store.query_one("SELECT COALESCE(MAX(position), -1) + 1 AS p FROM loss_items WHERE case_id = ?", [case_id])
        return int(row["p"]) if row else 0


class OwnedRepository(Repository[T]):
    """Records hung on an owner (case, visit, finding…)."""

    def for_owner(self, owner_type: str, owner_id: str) -> list[T]:
        order = "position, rowid" if "position" in self.columns else "rowid"
        return self.list("owner_type = ? AND owner_id = ?", [str(owner_type), owner_id], order_by=order)


class PhotoRepository(OwnedRepository[Photo]):
    def by_sha(self, sha256: str) -> list[Photo]:
        return self.list("sha256 = ?", [sha256])

    def for_owner_sha(self, owner_type: str, owner_id: str, sha256: str) -> Photo | None:
        rows = self.list("owner_type = ? AND owner_id = ? AND sha256 = ?", [str(owner_type), owner_id, sha256], limit=1)
        return rows[0] if rows else None

    def for_item(self, item_id: str) -> list[Photo]:
        return self.list("item_id = ?", [item_id], order_by="position, rowid")

    def for_finding(self, finding_id: str) -> list[Photo]:
        return self.list("finding_id = ?", [finding_id], order_by="position, rowid")

    def next_position(self, owner_type: str, owner_id: str) -> int:
        row = self.store.query_one(
            "SELECT COALESCE(MAX(position), -1) + 1 AS p FROM photos WHERE owner_type = ? AND owner_id = ?",
            [str(owner_type), owner_id],
        )
        return int(row["p"]) if row else 0

    def all_hashes(self) -> set[str]:
        return {r["sha256"] for r in self.store.query("SELECT DISTINCT sha256 FROM photos WHERE deleted_at IS NULL")}


class ReportRepository(OwnedRepository[Report]):
    def latest(self, owner_type: str, owner_id: str) -> Report | None:
        rows = self.list("owner_type = ? AND owner_id = ?", [str(owner_type), owner_id], order_by="version DESC", limit=1)
        return rows[0] if rows else None


class VisitRepository(Repository[Visit]):
    def for_site(self, site_id: str) -> list[Visit]:
        return self.list("site_id = ?", [site_id], order_by="visit_date, rowid")


class FindingRepository(Repository[Finding]):
    def for_visit(self, visit_id: str) -> list[Finding]:
        return self.list("visit_id = ?", [visit_id], order_by="rowid")

    def get_by_key(self, visit_id: str, item_key: str) -> Finding | None:
        rows = self.list("visit_id = ? AND item_key = ?", [visit_id, item_key], limit=1)
        return rows[0] if rows else None


class RecommendationRepository(Repository[Recommendation]):
    def for_site(self, site_id: str, *, open_only: bool = False) -> list[Recommendation]:
        if open_only:
            return self.list("site_id = ? AND status IN ('open', 'overdue')", [site_id], order_by="deadline, rowid")
        return self.list("site_id = ?", [site_id], order_by="rowid")

    def for_visit(self, visit_id: str) -> list[Recommendation]:
        return self.list("visit_id = ?", [visit_id], order_by="rowid")

    def overdue(self, today: dt.date) -> list[Recommendation]:
        """Open recommendations whose deadline has passed on ``today`` (clock passed in for tests)."""
        return self.list(
            "status IN (?, ?) AND deadline IS NOT NULL AND deadline < ?",
            [RecommendationStatus.OPEN.value, RecommendationStatus.OVERDUE.value, today.isoformat()],
            order_by="deadline, rowid",
        )


@dataclass(frozen=True)
class CatalogueRow:
    code: str
    description_zh: str
    description_en: str
    unit: str
    unit_price: Decimal
    useful_life_years: Decimal | None


class Catalogue:
    """Local unit-price reference data (not synced). Items copy the price; later edits here never
    change an item already priced."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def upsert(self, rows: Sequence[Any]) -> int:
        now = utcnow_iso()
        with self.store.transaction():
            for r in rows:
                self.store.execute(
                    "INSERT INTO catalogue (code, description_zh, description_en, unit, unit_price, useful_life_years, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET description_zh = excluded.description_zh,"
                    " description_en = excluded.description_en, unit = excluded.unit, unit_price = excluded.unit_price,"
                    " useful_life_years = excluded.useful_life_years, updated_at = excluded.updated_at",
                    [r.code, r.description_zh, r.description_en, r.unit, str(r.unit_price),
                     None if r.useful_life_years is None else str(r.useful_life_years), now],
                )
        return len(rows)

    def search(self, text: str = "", limit: int = 200) -> list[CatalogueRow]:
        like = f"%{text}%"
        rows = self.store.query(
            "SELECT * FROM catalogue WHERE code LIKE ? OR description_zh LIKE ? OR description_en LIKE ? ORDER BY code LIMIT ?",
            [like, like, like, limit],
        )
        return [self._row(r) for r in rows]

    def get(self, code: str) -> CatalogueRow | None:
        row = self.store.query_one("SELECT * FROM catalogue WHERE code = ?", [code])
        return self._row(row) if row else None

    @staticmethod
    def _row(r: dict[str, Any]) -> CatalogueRow:
        return CatalogueRow(
            r["code"], r["description_zh"], r["description_en"], r["unit"], Decimal(r["unit_price"]),
            Decimal(r["useful_life_years"]) if r["useful_life_years"] else None,
        )


__all__ = ["CaseFilter", "CaseRepository", "Catalogue", "CatalogueRow", "ItemRepository", "OwnedRepository",
           "PhotoRepository", "Record", "ReportRepository"]
