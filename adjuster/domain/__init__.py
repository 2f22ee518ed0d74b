"""Domain model: records, vocabularies and the one validation error type."""

from adjuster.domain.enums import (
    CaseStatus,
    FindingResult,
    OwnerType,
    Priority,
    RecommendationStatus,
    ReportKind,
    Section,
    SignerRole,
    VisitStatus,
)
from adjuster.domain.errors import AdjusterError, NotFoundError, TransitionError, ValidationError
from adjuster.domain.models import (
    Case,
    Finding,
    LossItem,
    Photo,
    Recommendation,
    Record,
    Report,
    Signature,
    Site,
    Visit,
)

__all__ = [
    "AdjusterError", "Case", "CaseStatus", "Finding", "FindingResult", "LossItem", "NotFoundError",
    "OwnerType", "Photo", "Priority", "Recommendation", "RecommendationStatus", "Record", "Report",
    "ReportKind", "Section", "Signature", "SignerRole", "Site", "TransitionError", "ValidationError",
    "Visit", "VisitStatus",
]
