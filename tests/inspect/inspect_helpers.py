"""A tiny hand-made template shared by the inspection tests, so expected scores can be worked out on paper."""

from __future__ import annotations

import copy
from typing import Any

from adjuster.inspect.templates import Template, parse_template


def tiny_doc() -> dict[str, Any]:
    """Categories a (weight 60), b (40), c (20) — see test_inspect_scoring.py for the arithmetic."""
    return copy.deepcopy(
        {
            "format": "adjuster.template/1",
            "id": "tiny",
            "version": 1,
            "title": {"zh": "小模板", "en": "Tiny"},
            "categories": [
                {
                    "key": "a",
                    "title": {"en": "A"},
                    "weight": 60,
                    "items": [
                        {"key": "a1", "question": {"en": "A1?"}, "answer": "check", "weight": 4, "severity": 3,
                         "recommendation": {"zh": "整改 A1", "en": "Fix A1"}},
                        {"key": "a2", "question": {"en": "A2?"}, "answer": "check", "weight": 2, "severity": 2,
                         "photo": "if_deficient"},
                        {"key": "a3", "question": {"en": "A3 height"}, "answer": "number", "weight": 4, "severity": 2,
                         "unit": "m", "ok_min": 1.0, "severity_rules": [{"below": 0.5, "severity": 4}]},
                        {"key": "a4", "question": {"en": "Notes"}, "answer": "text", "weight": 0},
                    ],
                },
                {
                    "key": "b",
                    "title": {"en": "B"},
                    "weight": 40,
                    "items": [
                        {"key": "b1", "question": {"en": "B1 state"}, "answer": "choice", "weight": 5, "choices": [
                            {"value": "good", "label": {"en": "Good"}, "result": "ok"},
                            {"value": "fair", "label": {"en": "Fair"}, "result": "deficient", "severity": 1},
                            {"value": "poor", "label": {"en": "Poor"}, "result": "deficient", "severity": 3},
                            {"value": "none", "label": {"en": "None here"}, "result": "n/a"},
                        ]},
                        {"key": "b2", "question": {"en": "B2?"}, "answer": "check", "weight": 5, "severity": 4,
                         "photo": "required"},
                    ],
                },
                {
                    "key": "c",
                    "title": {"en": "C"},
                    "weight": 20,
                    "items": [
                        {"key": "c1", "question": {"en": "C1?"}, "answer": "check", "weight": 3, "severity": 2},
                    ],
                },
            ],
        }
    )


def tiny() -> Template:
    return parse_template(tiny_doc())


def sha(n: int) -> str:
    """A fake but well-formed sha256 (photo identity) for record-level tests."""
    return f"{n:064x}"
