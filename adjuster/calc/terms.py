"""Typed inputs of the claim calculation: policy terms, loss items, mitigation costs.

The app builds these from its domain objects; ``parse.py`` builds them from a case file. They are
plain values with no behaviour: the range rules live in ``validate.py`` so that both entry points
reject the same bad input with the same message. Every amount is a ``Decimal``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from adjuster.domain.enums import DeductibleType, Section

ZERO = Decimal("0")
DEFAULT_DEPRECIATION_CAP = Decimal("0.80")
DEFAULT_CURRENCY = "CNY"


class DepreciationMethod(StrEnum):
    """Which depreciation basis the policy accepts. ``auto``: each item uses the one it carries."""

    AUTO = "auto"
    USEFUL_LIFE = "useful_life"
    ANNUAL_RATE = "annual_rate"


@dataclass(frozen=True)
class Deductible:
    """免赔. ``fixed`` uses ``amount``; ``percent`` uses ``rate``; ``percent_min`` uses both
    ``rate`` and ``minimum`` (the larger of rate × base and minimum applies)."""

    type: DeductibleType = DeductibleType.NONE
    amount: Decimal = ZERO
    rate: Decimal = ZERO
    minimum: Decimal = ZERO


@dataclass(frozen=True)
class MitigationCost:
    """One reasonable cost of preventing or reducing the loss (施救费用), e.g. pumping out water."""

    amount: Decimal
    description: str = ""


@dataclass(frozen=True)
class PolicyTerms:
    """What the policy says, plus the insured value found at the time of loss.

    ``section_sums_insured``: where the policy insures sections separately, each section's amount
    after average is limited to its own sum insured, and every item's section must be listed.
    ``section_insured_values`` (optional, per section): average that section by its own sum insured
    ÷ insured value instead of the case's ratio.
    ``average_before_deductible``: the default order is average clause, then deductible.
    """

    sum_insured: Decimal
    insured_value: Decimal
    sum_insured_used: Decimal = ZERO
    deductible: Deductible = field(default_factory=Deductible)
    depreciation_cap: Decimal = DEFAULT_DEPRECIATION_CAP
    depreciation_method: DepreciationMethod = DepreciationMethod.AUTO
    average_before_deductible: bool = True
    mitigation_costs: tuple[MitigationCost, ...] = ()
    section_sums_insured: Mapping[Section, Decimal] = field(default_factory=dict)
    section_insured_values: Mapping[Section, Decimal] = field(default_factory=dict)
    currency: str = DEFAULT_CURRENCY


@dataclass(frozen=True)
class ItemInput:
    """One loss item as priced by the adjuster. ``unit_price`` is the replacement cost new per unit
    and belongs to the item: a later change to the catalogue does not change it.

    Replace items are depreciated when they carry ``useful_life_years`` or
    ``depreciation_rate_annual`` (with ``age_years``); repair items (``repair=True``, with
    ``repair_cost``) are not, unless ``depreciate=True``. ``depreciate=False`` turns it off.
    """

    description: str
    section: Section
    qty: Decimal
    unit_price: Decimal
    age_years: Decimal | None = None
    useful_life_years: Decimal | None = None
    depreciation_rate_annual: Decimal | None = None
    salvage: Decimal = ZERO
    repair: bool = False
    repair_cost: Decimal | None = None
    depreciate: bool | None = None
    excluded: bool = False
    exclusion_reason: str = ""
    unit: str = ""
    id: str | None = None
    catalogue_code: str | None = None

    @property
    def depreciates(self) -> bool:
        """Whether depreciation applies: the explicit flag, else replace items only."""
        return (not self.repair) if self.depreciate is None else self.depreciate
