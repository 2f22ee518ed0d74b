"""Domain records. Plain dataclasses: the store, the case file, the calculator, reports and the UI
all speak these. ``validate()`` raises ValidationError naming the field; ``from_dict`` coerces loose
input (strings from JSON or SQLite) into typed values first.

Every record carries the sync columns (``rev``, ``updated_at``, ``updated_by``, ``device_id``,
``deleted_at``); the store maintains them, callers never set them by hand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing
from decimal import Decimal
from typing import Any, ClassVar, Self

from adjuster.domain.coerce import coerce, to_json_value
from adjuster.domain.enums import (
    CASE_TRANSITIONS,
    CaseStatus,
    DeductibleType,
    FindingResult,
    OwnerType,
    Priority,
    RecommendationStatus,
    ReportKind,
    Section,
    SignerRole,
    VisitStatus,
)
from adjuster.domain.errors import TransitionError, ValidationError
from adjuster.util.ids import uuid7

SYNC_FIELDS = ("rev", "created_at", "updated_at", "updated_by", "device_id", "deleted_at")
CLAIM_NO_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_/.]{2,39}$")


@dataclasses.dataclass(kw_only=True)
class Record:
    """Fields every synced row has."""

    table: ClassVar[str] = ""
    entity: ClassVar[str] = ""

    id: str = dataclasses.field(default_factory=uuid7)
    rev: int = 0
    created_at: str | None = None
    updated_at: str | None = None
    updated_by: str | None = None
    device_id: str | None = None
    deleted_at: str | None = None

    def __post_init__(self) -> None:
        # Accept loose values (strings from JSON, SQLite cells) in the constructor too.
        for name, tp in self.field_types().items():
            value = getattr(self, name)
            if value is not None and not _is_instance(value, tp):
                object.__setattr__(self, name, coerce(tp, value, name))

    # -- conversion -----------------------------------------------------------------------------
    @classmethod
    def field_types(cls) -> dict[str, Any]:
        cached = cls.__dict__.get("_field_types_cache")
        if cached is None:
            hints = typing.get_type_hints(cls)
            cached = {f.name: hints[f.name] for f in dataclasses.fields(cls)}
            cls._field_types_cache = cached  # type: ignore[attr-defined]
        return cached

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, prefix: str = "") -> Self:
        """Build from loose values, ignoring unknown keys; raises ValidationError naming the field."""
        kwargs: dict[str, Any] = {}
        for name, tp in cls.field_types().items():
            if name in data:
                kwargs[name] = coerce(tp, data[name], f"{prefix}{name}")
        try:
            obj = cls(**kwargs)
        except TypeError as err:
            missing = str(err).split("argument: ")[-1].strip("'")
            raise ValidationError(f"{prefix}{missing}", "is required") from None
        obj.validate(prefix=prefix)
        return obj

    def to_dict(self, *, sync: bool = True) -> dict[str, Any]:
        """JSON-ready dict: decimals as strings, dates ISO."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if not sync and f.name in SYNC_FIELDS:
                continue
            out[f.name] = to_json_value(getattr(self, f.name))
        return out

    def validate(self, *, prefix: str = "") -> None:
        """Check invariants; subclasses extend. Raises ValidationError naming the field."""


def _is_instance(value: Any, tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin is not None and origin not in (dict, list):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return any(_is_instance(value, a) for a in args)
    check = origin or tp
    if check is float:
        return isinstance(value, float) and not isinstance(value, bool)
    if check is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, check)


def _non_negative(obj: Any, prefix: str, *names: str) -> None:
    for name in names:
        value = getattr(obj, name)
        if value is not None and value < 0:
            raise ValidationError(f"{prefix}{name}", f"must not be negative (got {value})")


def _rate(obj: Any, prefix: str, *names: str) -> None:
    for name in names:
        value = getattr(obj, name)
        if value is not None and not (Decimal(0) <= value <= Decimal(1)):
            raise ValidationError(f"{prefix}{name}", f"must be between 0 and 1 (got {value})")


def _lat_lon(obj: Any, prefix: str, lat: str = "lat", lon: str = "lon") -> None:
    la, lo = getattr(obj, lat), getattr(obj, lon)
    if la is not None and not -90 <= la <= 90:
        raise ValidationError(f"{prefix}{lat}", f"latitude must be within ±90 (got {la})")
    if lo is not None and not -180 <= lo <= 180:
        raise ValidationError(f"{prefix}{lon}", f"longitude must be within ±180 (got {lo})")


def validate_deductible(value: dict[str, Any], field: str) -> None:
    """``{"type": "fixed", "amount": ..}`` | ``percent`` with ``rate`` | ``percent_min`` with both."""
    kind = value.get("type", "none")
    try:
        dtype = DeductibleType(kind)
    except ValueError:
        allowed = ", ".join(t.value for t in DeductibleType)
        raise ValidationError(f"{field}.type", f"{kind!r} is not one of: {allowed}") from None
    needed = {
        DeductibleType.NONE: (),
        DeductibleType.FIXED: ("amount",),
        DeductibleType.PERCENT: ("rate",),
        DeductibleType.PERCENT_MIN: ("rate", "minimum"),
    }[dtype]
    for key in needed:
        if key not in value:
            raise ValidationError(f"{field}.{key}", f"is required for a {dtype.value} deductible")
        amount = coerce(Decimal, value[key], f"{field}.{key}")
        if amount < 0:
            raise ValidationError(f"{field}.{key}", f"must not be negative (got {amount})")
        if key == "rate" and amount > 1:
            raise ValidationError(f"{field}.{key}", f"a rate must be at most 1 (got {amount})")


@dataclasses.dataclass(kw_only=True)
class Case(Record):
    """A claim file (案件)."""

    table: ClassVar[str] = "cases"
    entity: ClassVar[str] = "case"
    #: fields only the back office may change; devices' edits to them are refused by sync.
    office_fields: ClassVar[frozenset[str]] = frozenset({"review_comment", "approved_amount", "reviewed_by", "reviewed_at"})

    claim_no: str
    policy_no: str = ""
    insured_name: str = ""
    insured_phone: str = ""
    insured_id_no: str = ""
    risk_address: str = ""
    lat: float | None = None
    lon: float | None = None
    line_of_business: str = "property"
    peril: str = ""
    loss_date: dt.date | None = None
    reported_date: dt.date | None = None
    survey_date: dt.date | None = None
    currency: str = "CNY"
    sum_insured: Decimal = Decimal("0")
    insured_value: Decimal | None = None
    sum_insured_used: Decimal = Decimal("0")
    deductible: dict[str, Any] = dataclasses.field(default_factory=lambda: {"type": "none"})
    depreciation_cap: Decimal = Decimal("0.80")
    average_before_deductible: bool = True
    mitigation_costs: Decimal = Decimal("0")
    section_sums_insured: dict[str, Any] = dataclasses.field(default_factory=dict)
    adjuster: str = ""
    assigned_to: str = ""
    status: CaseStatus = CaseStatus.DRAFT
    narrative_circumstances: str = ""
    narrative_cause: str = ""
    narrative_coverage: str = ""
    narrative_recommendation: str = ""
    review_comment: str = ""
    approved_amount: Decimal | None = None
    reviewed_by: str = ""
    reviewed_at: str | None = None

    def validate(self, *, prefix: str = "") -> None:
        if not CLAIM_NO_RE.match(self.claim_no or ""):
            raise ValidationError(
                f"{prefix}claim_no",
                f"{self.claim_no!r} is not a claim number (3–40 letters, digits, - _ / .)",
            )
        _non_negative(self, prefix, "sum_insured", "insured_value", "sum_insured_used", "mitigation_costs", "approved_amount")
        _rate(self, prefix, "depreciation_cap")
        if self.insured_value is not None and self.insured_value == 0:
            raise ValidationError(f"{prefix}insured_value", "must be greater than zero when given")
        validate_deductible(self.deductible, f"{prefix}deductible")
        for section, amount in self.section_sums_insured.items():
            if section not in Section.__members__.values():
                raise ValidationError(f"{prefix}section_sums_insured.{section}", "unknown section")
            if coerce(Decimal, amount, f"{prefix}section_sums_insured.{section}") < 0:
                raise ValidationError(f"{prefix}section_sums_insured.{section}", "must not be negative")
        _lat_lon(self, prefix)
        if self.loss_date and self.reported_date and self.reported_date < self.loss_date:
            raise ValidationError(f"{prefix}reported_date", "is before the date of loss")
        if self.loss_date and self.survey_date and self.survey_date < self.loss_date:
            raise ValidationError(f"{prefix}survey_date", "is before the date of loss")
        if self.loss_date and self.loss_date > dt.date.today() + dt.timedelta(days=1):
            raise ValidationError(f"{prefix}loss_date", "is in the future")

    def check_transition(self, new: CaseStatus) -> None:
        if new != self.status and new not in CASE_TRANSITIONS[self.status]:
            raise TransitionError("status", f"cannot go from {self.status.value} to {new.value}")


@dataclasses.dataclass(kw_only=True)
class LossItem(Record):
    """One damaged thing and how it is valued."""

    table: ClassVar[str] = "loss_items"
    entity: ClassVar[str] = "loss_item"

    case_id: str
    position: int = 0
    section: Section = Section.CONTENTS
    description: str
    qty: Decimal = Decimal("1")
    unit: str = ""
    unit_price: Decimal = Decimal("0")
    catalogue_code: str = ""
    age_years: Decimal = Decimal("0")
    useful_life_years: Decimal | None = None
    depreciation_rate_annual: Decimal | None = None
    salvage: Decimal = Decimal("0")
    repair: bool = False
    repair_cost: Decimal | None = None
    excluded: bool = False
    exclusion_reason: str = ""
    note: str = ""

    def validate(self, *, prefix: str = "") -> None:
        if not self.description.strip():
            raise ValidationError(f"{prefix}description", "is required")
        _non_negative(self, prefix, "qty", "unit_price", "age_years", "salvage", "repair_cost", "useful_life_years")
        _rate(self, prefix, "depreciation_rate_annual")
        if self.useful_life_years is not None and self.useful_life_years == 0:
            raise ValidationError(f"{prefix}useful_life_years", "must be greater than zero")
        if self.repair and self.repair_cost is None:
            raise ValidationError(f"{prefix}repair_cost", "is required for a repair item")
        if self.excluded and not self.exclusion_reason.strip():
            raise ValidationError(f"{prefix}exclusion_reason", "is required for an excluded item")
        value = self.repair_cost if self.repair and self.repair_cost is not None else self.qty * self.unit_price
        if self.salvage > value:
            raise ValidationError(f"{prefix}salvage", f"{self.salvage} exceeds the item's value {value}")


@dataclasses.dataclass(kw_only=True)
class Site(Record):
    """Insured premises visited by risk engineers."""

    table: ClassVar[str] = "sites"
    entity: ClassVar[str] = "site"

    name: str
    address: str = ""
    lat: float | None = None
    lon: float | None = None
    occupancy: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    policy_no: str = ""
    insured_name: str = ""
    team: str = ""
    #: peril indicators recorded by the engineer: {"water": 1-5, "wind": .., "note_water": ".."}
    perils: dict[str, Any] = dataclasses.field(default_factory=dict)

    def validate(self, *, prefix: str = "") -> None:
        if not self.name.strip():
            raise ValidationError(f"{prefix}name", "is required")
        _lat_lon(self, prefix)


@dataclasses.dataclass(kw_only=True)
class Visit(Record):
    """One prevention visit (防灾防损查勘) to a site, against a frozen checklist template."""

    table: ClassVar[str] = "visits"
    entity: ClassVar[str] = "visit"

    site_id: str
    visit_date: dt.date
    engineer: str = ""
    assigned_to: str = ""
    template_id: str = ""
    template_version: str = ""
    #: the full template as it was when the visit started, so later template edits change nothing
    template_snapshot: dict[str, Any] = dataclasses.field(default_factory=dict)
    weather: str = ""
    attendees: str = ""
    notes: str = ""
    overall_comment: str = ""
    score: Decimal | None = None
    grade: str = ""
    category_scores: dict[str, Any] = dataclasses.field(default_factory=dict)
    status: VisitStatus = VisitStatus.DRAFT
    review_comment: str = ""

    def validate(self, *, prefix: str = "") -> None:
        if not self.site_id:
            raise ValidationError(f"{prefix}site_id", "is required")
        if self.grade and self.grade not in ("A", "B", "C", "D", "E"):
            raise ValidationError(f"{prefix}grade", f"{self.grade!r} is not a grade A–E")


@dataclasses.dataclass(kw_only=True)
class Finding(Record):
    """The answer to one checklist item on a visit."""

    table: ClassVar[str] = "findings"
    entity: ClassVar[str] = "finding"

    visit_id: str
    item_key: str
    result: FindingResult = FindingResult.UNANSWERED
    value: str = ""
    severity: int = 0
    note: str = ""

    def validate(self, *, prefix: str = "") -> None:
        if not self.item_key:
            raise ValidationError(f"{prefix}item_key", "is required")
        if not 0 <= self.severity <= 4:
            raise ValidationError(f"{prefix}severity", f"must be 0–4 (got {self.severity})")
        if self.result == FindingResult.DEFICIENT and self.severity == 0:
            raise ValidationError(f"{prefix}severity", "a deficient finding needs a severity 1–4")


@dataclasses.dataclass(kw_only=True)
class Recommendation(Record):
    """A rectification recommendation (整改建议), followed up on later visits."""

    table: ClassVar[str] = "recommendations"
    entity: ClassVar[str] = "recommendation"

    site_id: str
    visit_id: str
    finding_id: str | None = None
    item_key: str = ""
    text: str
    priority: Priority = Priority.MEDIUM
    deadline: dt.date | None = None
    responsible: str = ""
    status: RecommendationStatus = RecommendationStatus.OPEN
    closed_at: str | None = None
    closed_visit_id: str | None = None
    closing_note: str = ""
    before_photo_id: str | None = None
    after_photo_id: str | None = None

    def validate(self, *, prefix: str = "") -> None:
        if not self.text.strip():
            raise ValidationError(f"{prefix}text", "is required")
        if self.status == RecommendationStatus.DONE and not self.after_photo_id:
            raise ValidationError(f"{prefix}after_photo_id", "closing a recommendation needs an 'after' photo")


@dataclasses.dataclass(kw_only=True)
class Photo(Record):
    """A photo's record; the bytes live in the media store under ``sha256``."""

    table: ClassVar[str] = "photos"
    entity: ClassVar[str] = "photo"

    sha256: str
    owner_type: OwnerType
    owner_id: str
    item_id: str | None = None
    finding_id: str | None = None
    position: int = 0
    caption: str = ""
    original_name: str = ""
    mime: str = ""
    size: int = 0
    width: int = 0
    height: int = 0
    orientation: int = 1
    taken_at: str | None = None
    taken_at_source: str = ""
    gps_lat: float | None = None
    gps_lon: float | None = None
    gps_alt: float | None = None
    camera_make: str = ""
    camera_model: str = ""
    imported_at: str | None = None
    warnings: str = ""
    annotations: list[Any] = dataclasses.field(default_factory=list)

    def validate(self, *, prefix: str = "") -> None:
        if not re.fullmatch(r"[0-9a-f]{64}", self.sha256 or ""):
            raise ValidationError(f"{prefix}sha256", "must be 64 lowercase hex digits")
        _lat_lon(self, prefix, "gps_lat", "gps_lon")
        if not 1 <= self.orientation <= 8:
            raise ValidationError(f"{prefix}orientation", "must be 1–8")


@dataclasses.dataclass(kw_only=True)
class Signature(Record):
    """A signature over the exact content (a report's data snapshot) it signs."""

    table: ClassVar[str] = "signatures"
    entity: ClassVar[str] = "signature"

    owner_type: OwnerType
    owner_id: str
    signer: str
    role: SignerRole
    signed_at: str
    image_sha256: str = ""
    content_sha256: str = ""

    def validate(self, *, prefix: str = "") -> None:
        if not self.signer.strip():
            raise ValidationError(f"{prefix}signer", "is required")


@dataclasses.dataclass(kw_only=True)
class Report(Record):
    """A generated PDF: which data it was made from and the hash of the bytes."""

    table: ClassVar[str] = "reports"
    entity: ClassVar[str] = "report"

    kind: ReportKind
    owner_type: OwnerType
    owner_id: str
    version: int = 1
    lang: str = "zh"
    generated_at: str
    sha256: str
    path: str = ""
    snapshot_sha256: str = ""
    snapshot: dict[str, Any] = dataclasses.field(default_factory=dict)
    signed: bool = False


ALL_RECORD_TYPES: tuple[type[Record], ...] = (Case, LossItem, Site, Visit, Finding, Recommendation, Photo, Signature, Report)
