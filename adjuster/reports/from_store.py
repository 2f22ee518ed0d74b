"""Build report data from the store: the only place that knows where a report's figures come from.

Loss report: the case, its items, its photos (as the media store's upright view derivatives, built
lazily in the renderer's worker threads) and the calculator's statement. The data snapshot — the
case file, the statement and every photo hash — is hashed; that hash is what signatures sign.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from adjuster.domain.enums import OwnerType
from adjuster.domain.models import Case, Photo, Signature
from adjuster.reports.fmt import fmt_amount
from adjuster.reports.i18n import L
from adjuster.reports.model import (
    Company,
    ItemRow,
    LossReportData,
    PhotoEntry,
    SignatureEntry,
    StatementData,
    StatementLine,
)

EMPHASIS_KEYS = {"loss", "after_deductible", "property_indemnity", "indemnity"}
SUBJECT_MAX = 24


def snapshot_sha256(snapshot: Mapping[str, Any]) -> str:
    """sha256 of the canonical JSON of a snapshot (sorted keys, UTF-8, no whitespace)."""
    blob = json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def company_from_settings(settings: Mapping[str, Any] | None) -> Company:
    settings = settings or {}
    logo = str(settings.get("company_logo") or "")
    return Company(
        name=str(settings.get("company_name") or ""),
        logo=Path(logo) if logo else None,
        address=str(settings.get("company_address") or ""),
        phone=str(settings.get("company_phone") or ""),
    )


def photo_entry(photo: Photo, media: Any) -> PhotoEntry:
    """A PhotoEntry whose view derivative is built on demand (in the renderer's threads)."""
    gps = (photo.gps_lat, photo.gps_lon) if photo.gps_lat is not None and photo.gps_lon is not None else None

    def source() -> Path:
        return Path(media.derivative(photo.sha256, "view"))

    return PhotoEntry(
        path=None,
        source=source if media is not None else None,
        caption=photo.caption,
        taken_at=photo.taken_at,
        gps=gps,
        sha256=photo.sha256,
        filename=photo.original_name or photo.sha256[:16],
        annotations=list(photo.annotations or []),
    )


def deductible_text(case: Case, lang: str) -> str:
    d = case.deductible or {}
    kind = d.get("type", "none")
    cur = case.currency
    if kind == "fixed":
        return fmt_amount(d.get("amount"), cur)
    if kind == "percent":
        pct = f"{Decimal(str(d.get('rate', 0))) * 100:g}%"
        return L(f"损失金额的 {pct}", f"{pct} of the loss", lang)
    if kind == "percent_min":
        pct = f"{Decimal(str(d.get('rate', 0))) * 100:g}%"
        amount = fmt_amount(d.get("minimum"), cur)
        return L(f"损失金额的 {pct}，最低 {amount}", f"{pct} of the loss, minimum {amount}", lang)
    return ""


def _statement(statement: Any) -> StatementData:
    lines = []
    for line in statement.lines:
        zh, en = line.label_zh, line.label_en
        if line.item_index is not None:
            subject = line.subject if len(line.subject) <= SUBJECT_MAX else line.subject[: SUBJECT_MAX - 1] + "…"
            zh, en = f"#{line.item_index + 1} {subject}：{zh}", f"#{line.item_index + 1} {subject}: {en}"
        lines.append(StatementLine(zh, en, line.formula_zh, line.formula_en, amount=line.amount,
                                   level=1 if line.key.startswith(("item.", "mitigation.cost")) else 0,
                                   emphasis=line.key in EMPHASIS_KEYS))
    return StatementData(lines=lines, indemnity=statement.indemnity, words_zh=statement.indemnity_words_zh,
                         words_en=statement.indemnity_words_en, currency=statement.currency)


def _signatures(sigs: list[Signature], media: Any, snapshot_sha: str) -> list[SignatureEntry]:
    out = []
    for s in sigs:
        image = None
        if s.image_sha256 and media is not None and media.has(s.image_sha256):
            image = media.original_path(s.image_sha256)
        valid = not s.content_sha256 or s.content_sha256 == snapshot_sha
        out.append(SignatureEntry(role=s.role.value, signer=s.signer, signed_at=s.signed_at, image=image, valid=valid))
    return out


def loss_snapshot(store: Any, case: Case, statement: Any) -> dict[str, Any]:
    """Everything the loss report shows, as plain JSON: the case file and the statement."""
    from adjuster.casefile import case_document

    return {"kind": "loss", "case_file": json.loads(json.dumps(case_document(store, case.id), default=str)),
            "statement": statement.to_dict("both")}


def loss_data_from_store(
    store: Any,
    media: Any,
    case_key: str,
    *,
    lang: str = "both",
    photos_per_page: int = 4,
    settings: Mapping[str, Any] | None = None,
    version: int = 1,
) -> tuple[LossReportData, dict[str, Any]]:
    """Report data for a case (by id, id prefix or claim no.) and the snapshot it was made from."""
    from adjuster.calc.records import calculate_records

    case = store.cases.resolve(case_key)
    items = store.items.for_case(case.id)
    statement = calculate_records(case, items)
    snapshot = loss_snapshot(store, case, statement)
    snap_sha = snapshot_sha256(snapshot)
    photos = store.photos.for_owner(OwnerType.CASE.value, case.id)
    entries = [photo_entry(p, media) for p in photos]
    for i, e in enumerate(entries, start=1):
        e.number = i
    numbers_by_item: dict[str, list[int]] = {}
    for p, e in zip(photos, entries, strict=True):
        if p.item_id:
            numbers_by_item.setdefault(p.item_id, []).append(e.number)
    rows = []
    for item, res in zip(items, statement.items, strict=True):
        rows.append(ItemRow(
            section=res.section.value, description=item.description, qty=item.qty, unit=item.unit,
            unit_price=item.unit_price, replacement_cost=res.replacement_cost, depreciation=res.depreciation,
            salvage=res.salvage, loss=res.loss, method="repair" if item.repair else "replace",
            excluded=res.excluded, exclusion_reason=res.exclusion_reason,
            photo_numbers=numbers_by_item.get(item.id, []),
        ))
    data = LossReportData(
        claim_no=case.claim_no, lang=lang, company=company_from_settings(settings),
        policy_no=case.policy_no, insured_name=case.insured_name, insured_phone=case.insured_phone,
        risk_address=case.risk_address, line_of_business=case.line_of_business, peril=case.peril,
        loss_date=case.loss_date, reported_date=case.reported_date, survey_date=case.survey_date,
        sum_insured=case.sum_insured, insured_value=case.insured_value, deductible=deductible_text(case, lang),
        currency=case.currency, adjuster=case.adjuster, report_date=dt.date.today(), status=case.status.value,
        version=version, circumstances=case.narrative_circumstances, cause=case.narrative_cause,
        coverage_opinion=case.narrative_coverage, recommendation=case.narrative_recommendation,
        items=rows, statement=_statement(statement), photos=entries,
        signatures=_signatures(store.signatures.for_owner(OwnerType.CASE.value, case.id), media, snap_sha),
        photos_per_page=photos_per_page, snapshot_sha256=snap_sha,
    )
    return data, snapshot
