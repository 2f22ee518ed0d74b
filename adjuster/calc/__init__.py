"""Claim calculation (赔款计算): policy terms + loss items → a statement explained line by line.

Public API:
    calculate(terms: PolicyTerms, items: Sequence[ItemInput]) -> Statement
    calculate_casefile(doc: dict) -> Statement          # a parsed ``adjuster.case/1`` document
    parse_casefile(doc) -> CaseInput(terms, items)      # the inputs only
    calculate_records(case, loss_items) -> Statement    # domain records (adjuster.domain.models)
    Statement.to_dict(lang) -> dict                     # the ``adjuster calc --json`` object
    render_text(statement, lang) -> str                 # the terminal table
    amount_in_words_zh(Decimal) / amount_in_words_en(Decimal, currency)
    parse_catalogue_csv(text) / load_catalogue(path) -> list[CatalogueEntry]; sample_catalogue_path()
    price_item_from(entry, qty, *, section=None, age_years=None) -> ItemInput

Modules: terms (input dataclasses), validate (range rules), engine (the steps), statement (the
result and its line keys), words (amounts in words), parse (case file ↔ inputs), records (domain
records → inputs), catalogue (unit prices), render (text table), fmt (figures inside formulas).
Rules, formulas and worked examples: docs/calc.md.
"""

from adjuster.calc.catalogue import (
    CatalogueEntry,
    load_catalogue,
    parse_catalogue_csv,
    price_item_from,
    sample_catalogue_path,
)
from adjuster.calc.engine import calculate
from adjuster.calc.parse import CASE_FORMAT, CaseInput, calculate_casefile, item_to_dict, parse_casefile
from adjuster.calc.records import calculate_records
from adjuster.calc.render import render_text
from adjuster.calc.statement import LABELS, ItemResult, Line, SectionResult, Statement
from adjuster.calc.terms import Deductible, DepreciationMethod, ItemInput, MitigationCost, PolicyTerms
from adjuster.calc.words import amount_in_words_en, amount_in_words_zh

__all__ = [
    "CASE_FORMAT",
    "LABELS",
    "CaseInput",
    "CatalogueEntry",
    "Deductible",
    "DepreciationMethod",
    "ItemInput",
    "ItemResult",
    "Line",
    "MitigationCost",
    "PolicyTerms",
    "SectionResult",
    "Statement",
    "amount_in_words_en",
    "amount_in_words_zh",
    "calculate",
    "calculate_casefile",
    "calculate_records",
    "item_to_dict",
    "load_catalogue",
    "parse_casefile",
    "parse_catalogue_csv",
    "price_item_from",
    "render_text",
    "sample_catalogue_path",
]
