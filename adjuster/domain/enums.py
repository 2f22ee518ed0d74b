"""Closed vocabularies of the domain, with the case workflow's allowed status transitions."""

from __future__ import annotations

from enum import StrEnum


class CaseStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    RETURNED = "returned"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


#: draft → submitted → in_review → approved | returned → closed (+ withdrawn). A returned case goes
#: back to the field, is edited, and is submitted again.
CASE_TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.DRAFT: frozenset({CaseStatus.SUBMITTED, CaseStatus.WITHDRAWN}),
    CaseStatus.SUBMITTED: frozenset({CaseStatus.IN_REVIEW, CaseStatus.RETURNED, CaseStatus.APPROVED, CaseStatus.WITHDRAWN}),
    CaseStatus.IN_REVIEW: frozenset({CaseStatus.APPROVED, CaseStatus.RETURNED}),
    CaseStatus.RETURNED: frozenset({CaseStatus.DRAFT, CaseStatus.SUBMITTED, CaseStatus.WITHDRAWN}),
    CaseStatus.APPROVED: frozenset({CaseStatus.CLOSED, CaseStatus.RETURNED}),
    CaseStatus.CLOSED: frozenset(),
    CaseStatus.WITHDRAWN: frozenset({CaseStatus.DRAFT}),
}

OPEN_CASE_STATUSES = frozenset({CaseStatus.DRAFT, CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW, CaseStatus.RETURNED})


class Section(StrEnum):
    BUILDING = "building"
    CONTENTS = "contents"
    STOCK = "stock"
    MACHINERY = "machinery"
    VEHICLE = "vehicle"
    OTHER = "other"


class DeductibleType(StrEnum):
    NONE = "none"
    FIXED = "fixed"
    PERCENT = "percent"
    PERCENT_MIN = "percent_min"


class VisitStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    CLOSED = "closed"


class FindingResult(StrEnum):
    OK = "ok"
    DEFICIENT = "deficient"
    NA = "n/a"
    UNANSWERED = "unanswered"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class RecommendationStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    OVERDUE = "overdue"
    WAIVED = "waived"


class OwnerType(StrEnum):
    CASE = "case"
    ITEM = "item"
    SITE = "site"
    VISIT = "visit"
    FINDING = "finding"
    RECOMMENDATION = "recommendation"


class SignerRole(StrEnum):
    INSURED = "insured"
    ADJUSTER = "adjuster"
    ENGINEER = "engineer"
    REVIEWER = "reviewer"
    SITE_CONTACT = "site_contact"


class ReportKind(StrEnum):
    LOSS = "loss"
    INSPECTION = "inspection"
