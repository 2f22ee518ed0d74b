"""The claim calculation statement (赔款计算书): what the engine returns and reports print.

Structure (all amounts ``Decimal``, quantised to 0.01, all >= 0 — a line's formula says how it
is combined, amounts carry no sign):

``Statement``
    ``lines``: tuple of ``Line`` in reading order — per item, per section, then the totals.
    ``items``: tuple of ``ItemResult`` (figures per loss item, for the loss item table).
    ``sections``: tuple of ``SectionResult`` (subtotal and, with section sums insured, the average).
    totals: ``loss``, ``after_average``, ``deductible``, ``after_deductible``,
    ``remaining_sum_insured``, ``property_indemnity``, ``mitigation``, ``mitigation_after_average``,
    ``mitigation_payable``, ``indemnity``, ``average_ratio`` (display only, 6 places),
    ``indemnity_words_zh``, ``indemnity_words_en``, ``currency``, ``average_before_deductible``.

``Line``: ``key`` (one of ``LABELS``), ``label_zh``/``label_en``, ``expression`` (the arithmetic with
figures, language-neutral) and ``note_zh``/``note_en`` (words, may be empty) — read them together as
``formula_zh``/``formula_en``/``formula`` (bilingual) or ``formula_in(lang)`` —, ``amount``,
``section`` (section and item lines), ``item_index`` (0-based, item lines), ``subject`` (the item's
description on item lines, else "").

Line keys and how they add up (tests re-add them):
    item.replacement_cost = qty × unit_price
    item.depreciation      (0 with the reason when not depreciated)
    item.acv               = replacement_cost − depreciation
    item.repair_cost       (repair items) ; item.repair_capped = acv when repair_cost > acv
    item.salvage           (only when > 0)
    item.exclusion         (excluded items) = value − salvage
    item.loss              = value − salvage − exclusion, value = repair_capped | repair_cost | acv
    section.subtotal       = Σ item.loss of the section
    loss                   = Σ section.subtotal
    section.after_average  (per-section sums insured only) = min(subtotal × ratio, SIₛ), ratio =
                           SIₛ ÷ IVₛ with a section insured value, else SI ÷ IV (1 when fully insured)
    after_average          = loss × SI ÷ IV when under-insured, else loss (or Σ section.after_average)
    deductible             the deductible as computed (fixed / rate × base / max(rate × base, minimum))
    after_deductible       = max(0, base − deductible)
    remaining_sum_insured  = sum_insured − sum_insured_used
    property_indemnity     = min(last of after_average/after_deductible, remaining_sum_insured)
    mitigation.cost …      (when several or described costs are given) ; mitigation = Σ mitigation.cost
    mitigation.after_average = mitigation × SI ÷ IV when under-insured, else mitigation
    mitigation.payable     = min(mitigation.after_average, sum_insured)
    indemnity              = property_indemnity + mitigation.payable
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from adjuster.domain.enums import Section

Lang = Literal["zh", "en", "both"]
STATEMENT_FORMAT = "adjuster.statement/1"

#: line key → (zh, en) label
LABELS: dict[str, tuple[str, str]] = {
    "item.replacement_cost": ("重置价值", "Replacement cost"),
    "item.depreciation": ("折旧", "Depreciation"),
    "item.acv": ("实际价值", "Actual cash value"),
    "item.repair_cost": ("修复费用", "Repair cost"),
    "item.repair_capped": ("修复费用（以实际价值为限）", "Repair cost limited to ACV"),
    "item.salvage": ("残值", "Salvage"),
    "item.exclusion": ("责任免除", "Excluded"),
    "item.loss": ("损失金额", "Item loss"),
    "section.subtotal": ("分项小计", "Section subtotal"),
    "loss": ("损失合计", "Total loss"),
    "section.after_average": ("分项比例赔付后金额", "Section amount after average"),
    "after_average": ("比例赔付后金额", "Amount after average clause"),
    "deductible": ("免赔额", "Deductible"),
    "after_deductible": ("扣除免赔后金额", "Amount after deductible"),
    "remaining_sum_insured": ("剩余保险金额", "Remaining sum insured"),
    "property_indemnity": ("财产损失赔款", "Indemnity for the loss"),
    "mitigation.cost": ("施救费用", "Mitigation cost"),
    "mitigation": ("施救费用合计", "Mitigation costs"),
    "mitigation.after_average": ("施救费用比例赔付后金额", "Mitigation costs after average"),
    "mitigation.payable": ("施救费用赔款", "Mitigation costs payable"),
    "indemnity": ("赔款合计", "Total indemnity"),
}

SECTION_NAMES: dict[Section, tuple[str, str]] = {
    Section.BUILDING: ("建筑物", "Building"),
    Section.CONTENTS: ("室内财产", "Contents"),
    Section.STOCK: ("存货", "Stock"),
    Section.MACHINERY: ("机器设备", "Machinery"),
    Section.VEHICLE: ("车辆", "Vehicle"),
    Section.OTHER: ("其他", "Other"),
}


def _money(d: Decimal) -> str:
    return f"{d:.2f}"


def pick(zh: str, en: str, lang: Lang) -> str:
    """The text for a language; ``both`` joins distinct texts as 'zh / en'."""
    if lang == "zh":
        return zh
    if lang == "en":
        return en
    return zh if zh == en else f"{zh} / {en}"


@dataclass(frozen=True)
class Line:
    """One shown step: label, how it was computed (with the figures) and its amount.

    The formula is split so a bilingual print does not repeat the figures: ``expression`` holds the
    language-neutral arithmetic ("2 × 3,500.00"), ``note_zh``/``note_en`` the words (may be empty).
    """

    key: str
    label_zh: str
    label_en: str
    expression: str
    note_zh: str
    note_en: str
    amount: Decimal
    section: Section | None = None
    item_index: int | None = None
    subject: str = ""

    def formula_in(self, lang: Lang = "both") -> str:
        """Expression with the note in brackets: '85,000.00 × 6 ÷ 10（已使用 6 年 ÷ 使用年限 10 年）'."""
        note = pick(self.note_zh, self.note_en, lang)
        if not note:
            return self.expression
        if not self.expression:
            return note
        return f"{self.expression} ({note})" if lang == "en" else f"{self.expression}（{note}）"

    @property
    def formula_zh(self) -> str:
        return self.formula_in("zh")

    @property
    def formula_en(self) -> str:
        return self.formula_in("en")

    @property
    def formula(self) -> str:
        return self.formula_in("both")

    def label(self, lang: Lang = "both") -> str:
        """Label with its subject: '#2 冷柜: 重置价值' on item lines."""
        text = pick(self.label_zh, self.label_en, lang)
        if self.item_index is not None:
            return f"#{self.item_index + 1} {self.subject}: {text}"
        return text

    def to_dict(self, lang: Lang = "both") -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label(lang),
            "formula": self.formula_in(lang),
            "amount": _money(self.amount),
            "label_zh": self.label_zh,
            "label_en": self.label_en,
            "formula_zh": self.formula_zh,
            "formula_en": self.formula_en,
            "section": self.section.value if self.section else None,
            "item_index": self.item_index,
        }


@dataclass(frozen=True)
class ItemResult:
    """The figures of one item. ``value`` is what the loss is measured on (ACV or repair cost)."""

    index: int
    description: str
    section: Section
    replacement_cost: Decimal
    depreciation: Decimal
    acv: Decimal
    value: Decimal
    salvage: Decimal
    loss: Decimal
    excluded: bool
    exclusion_reason: str


@dataclass(frozen=True)
class SectionResult:
    """Per-section subtotal; ``sum_insured``/``after_average`` only with section sums insured."""

    section: Section
    subtotal: Decimal
    sum_insured: Decimal | None = None
    insured_value: Decimal | None = None
    after_average: Decimal | None = None


@dataclass(frozen=True)
class Statement:
    """A complete, reproducible calculation. Build with ``engine.calculate``; print with
    ``render.render_text`` or serialise with ``to_dict``."""

    lines: tuple[Line, ...]
    items: tuple[ItemResult, ...]
    sections: tuple[SectionResult, ...]
    currency: str
    average_before_deductible: bool
    average_ratio: Decimal
    loss: Decimal
    after_average: Decimal
    deductible: Decimal
    after_deductible: Decimal
    remaining_sum_insured: Decimal
    property_indemnity: Decimal
    mitigation: Decimal
    mitigation_after_average: Decimal
    mitigation_payable: Decimal
    indemnity: Decimal
    indemnity_words_zh: str
    indemnity_words_en: str

    def lines_with(self, key: str) -> list[Line]:
        return [line for line in self.lines if line.key == key]

    def to_dict(self, lang: Lang = "both") -> dict[str, Any]:
        """The ``adjuster calc --json`` object: totals as decimal strings, then ``steps``."""
        money_keys = (
            "loss", "after_average", "deductible", "after_deductible", "remaining_sum_insured",
            "property_indemnity", "mitigation", "mitigation_after_average", "mitigation_payable", "indemnity",
        )
        out: dict[str, Any] = {"format": STATEMENT_FORMAT, "currency": self.currency}
        out.update({key: _money(getattr(self, key)) for key in money_keys})
        out["average_ratio"] = str(self.average_ratio)
        out["average_before_deductible"] = self.average_before_deductible
        out["indemnity_words_zh"] = self.indemnity_words_zh
        out["indemnity_words_en"] = self.indemnity_words_en
        out["sections"] = {s.section.value: _money(s.subtotal) for s in self.sections}
        out["steps"] = [line.to_dict(lang) for line in self.lines]
        return out
