"""Plain input data for the report renderers.

Rendering depends only on these dataclasses, not on the store, the calculator or the media cache,
so layouts are testable on their own and the adapters (``from_store``) are the only place that
knows where the numbers come from. Money is ``Decimal``; dates are already display strings or
``date``/``datetime`` objects (the renderer formats them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

DateLike = dt.date | dt.datetime | str | None


@dataclass
class PhotoEntry:
    """One photo as the report shows it.

    ``path`` should be an upright ~1600 px JPEG (the media store's view derivative); other files are
    downscaled and turned upright on the fly. ``None`` or an unreadable file gives a placeholder.
    """

    path: Path | None
    caption: str = ""
    taken_at: DateLike = None
    gps: tuple[float, float] | None = None
    sha256: str = ""
    filename: str = ""
    #: Vector shapes drawn over the image (see ``photos.draw_annotations`` for the schema).
    annotations: list[dict[str, Any]] = field(default_factory=list)
    #: Number shown in the caption and the appendix; assigned by the renderer when 0.
    number: int = 0
    #: Called (in a worker thread) to produce ``path`` when it is None — e.g. building the media
    #: store's view derivative on a cold cache. Raising means "missing".
    source: Callable[[], Path] | None = field(default=None, repr=False, compare=False)


@dataclass
class SignatureEntry:
    role: str  # SignerRole value or free text
    signer: str = ""
    signed_at: DateLike = None
    image: Path | None = None
    #: False when the content changed after signing: the block says so instead of hiding it.
    valid: bool = True


@dataclass
class Company:
    name: str = ""
    logo: Path | None = None
    address: str = ""
    phone: str = ""


@dataclass
class ItemRow:
    """A loss item with its calculated figures (from the calculator, not recomputed here)."""

    section: str
    description: str
    qty: Decimal
    unit: str
    unit_price: Decimal
    replacement_cost: Decimal
    depreciation: Decimal = Decimal(0)
    salvage: Decimal = Decimal(0)
    loss: Decimal = Decimal(0)
    method: str = ""  # "repair" | "replace" | ""
    excluded: bool = False
    exclusion_reason: str = ""
    photo_numbers: list[int] = field(default_factory=list)


@dataclass
class StatementLine:
    """One step of the calculation statement, shown with its inputs so a reviewer can redo it."""

    label_zh: str
    label_en: str
    formula_zh: str = ""
    formula_en: str = ""
    amount: Decimal | None = None
    level: int = 0  # 0 = main step, 1 = detail line
    emphasis: bool = False


@dataclass
class StatementData:
    lines: list[StatementLine]
    indemnity: Decimal
    words_zh: str
    words_en: str
    currency: str = "CNY"
    notes: list[str] = field(default_factory=list)


@dataclass
class LossReportData:
    claim_no: str
    lang: str = "both"
    company: Company = field(default_factory=Company)
    title_zh: str = "公估报告"
    title_en: str = "Loss Adjustment Report"
    policy_no: str = ""
    insured_name: str = ""
    insured_phone: str = ""
    risk_address: str = ""
    line_of_business: str = ""
    peril: str = ""
    loss_date: DateLike = None
    reported_date: DateLike = None
    survey_date: DateLike = None
    sum_insured: Decimal | None = None
    insured_value: Decimal | None = None
    deductible: str = ""
    currency: str = "CNY"
    adjuster: str = ""
    report_date: DateLike = None
    status: str = ""
    version: int = 1
    circumstances: str = ""
    cause: str = ""
    coverage_opinion: str = ""
    recommendation: str = ""
    items: list[ItemRow] = field(default_factory=list)
    statement: StatementData | None = None
    photos: list[PhotoEntry] = field(default_factory=list)
    signatures: list[SignatureEntry] = field(default_factory=list)
    photos_per_page: int = 4
    evidence_stamp: bool = True
    show_annotations: bool = True
    #: sha256 of the data snapshot this report was made from (what signatures sign).
    snapshot_sha256: str = ""


@dataclass
class ScoreEntry:
    name_zh: str
    name_en: str
    score: float  # 0..100
    weight: float | None = None


@dataclass
class PerilEntry:
    """A site peril indicator: exposure level 1–5 (``None`` = not assessed) and the engineer's note."""

    key: str
    name_zh: str
    name_en: str
    level: int | None = None
    level_zh: str = ""
    level_en: str = ""
    note: str = ""


def _grade_rule(lang: str) -> list[str]:
    """The inspection module's grading rule, so every graded report shows how the grade was reached."""
    try:
        from adjuster.inspect.scoring import grade_rule_lines
    except ImportError:  # pragma: no cover - inspection module absent
        return []
    return grade_rule_lines(lang)


@dataclass
class ChecklistRow:
    key: str
    question: str
    result: str  # FindingResult value
    severity: int | None = None
    note: str = ""


@dataclass
class ChecklistCategory:
    name_zh: str
    name_en: str
    rows: list[ChecklistRow] = field(default_factory=list)


@dataclass
class FindingEntry:
    key: str
    title: str
    severity: int | None = None
    note: str = ""
    category: str = ""
    photos: list[PhotoEntry] = field(default_factory=list)


@dataclass
class RecommendationRow:
    number: str
    text: str
    priority: str = ""
    deadline: DateLike = None
    responsible: str = ""
    status: str = ""


@dataclass
class FollowUpEntry:
    """A recommendation from the previous visit and what became of it."""

    number: str
    text: str
    priority: str = ""
    deadline: DateLike = None
    status: str = ""
    note: str = ""
    before: PhotoEntry | None = None
    after: PhotoEntry | None = None


@dataclass
class InspectionReportData:
    reference: str  # shown in the footer, like the claim no. on a loss report
    lang: str = "both"
    company: Company = field(default_factory=Company)
    title_zh: str = "风险查勘报告"
    title_en: str = "Risk Inspection Report"
    site_name: str = ""
    site_address: str = ""
    insured_name: str = ""
    occupancy: str = ""
    site_contact: str = ""
    site_gps: tuple[float, float] | None = None
    visit_date: DateLike = None
    engineer: str = ""
    template: str = ""
    weather: str = ""
    attendees: str = ""
    status: str = ""
    report_date: DateLike = None
    version: int = 1
    grade: str = ""
    grade_label: str = ""
    overall_score: float | None = None
    category_scores: list[ScoreEntry] = field(default_factory=list)
    #: How this visit's grade follows from the rule (score → band, caps), one line per language.
    grade_basis_zh: str = ""
    grade_basis_en: str = ""
    grade_rule_zh: list[str] = field(default_factory=lambda: _grade_rule("zh"))
    grade_rule_en: list[str] = field(default_factory=lambda: _grade_rule("en"))
    perils: list[PerilEntry] = field(default_factory=list)
    checklist: list[ChecklistCategory] = field(default_factory=list)
    findings: list[FindingEntry] = field(default_factory=list)
    recommendations: list[RecommendationRow] = field(default_factory=list)
    previous_visit_date: DateLike = None
    follow_ups: list[FollowUpEntry] = field(default_factory=list)
    summary: str = ""
    signatures: list[SignatureEntry] = field(default_factory=list)
    photos_per_page: int = 4
    evidence_stamp: bool = True
    show_annotations: bool = True
    snapshot_sha256: str = ""
