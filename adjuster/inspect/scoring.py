"""Answer checking, weighted scores and the risk grade A–E.

The rule (also in docs/inspections.md and ``grade_rule_lines`` for reports), so anyone can redo it:

1. An item earns its weight when OK; when deficient, ``weight × (4 − severity) / 4``
   (severity 1 → 75 %, 2 → 50 %, 3 → 25 %, 4 → 0). N/A, unanswered and text items are left out.
2. Category score = 100 × earned ÷ applicable weight, rounded to 0.1 (ROUND_HALF_UP).
3. Overall = Σ(category weight × category score) ÷ Σ(category weight), over categories that have a
   score, using the rounded category scores, rounded to 0.1.
4. Band: A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 45, else E.
5. Caps: any severity-4 deficiency → at best D; two or more severity-3 → at best C; one → at best B.
6. Every deficient item with severity ≥ 3 must carry a recommendation.

All arithmetic is Decimal on quarters of integer weights, so results are exact and repeatable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from adjuster.domain.errors import ValidationError
from adjuster.inspect.templates import Item, Template, tr
from adjuster.util.money import MoneyError, to_decimal

TENTH = Decimal("0.1")
GRADES = ("A", "B", "C", "D", "E")
#: (grade, minimum overall score) from best to worst; below the last minimum is E.
BANDS: tuple[tuple[str, Decimal], ...] = (
    ("A", Decimal(90)),
    ("B", Decimal(75)),
    ("C", Decimal(60)),
    ("D", Decimal(45)),
)
FORCE_RECOMMENDATION_SEVERITY = 3
SEVERITY_NAMES = {
    1: {"zh": "轻微", "en": "minor"},
    2: {"zh": "一般", "en": "moderate"},
    3: {"zh": "严重", "en": "major"},
    4: {"zh": "危急", "en": "critical"},
}
GRADE_NAMES = {
    "A": {"zh": "优（低风险）", "en": "excellent (low risk)"},
    "B": {"zh": "良（较低风险）", "en": "good (below-average risk)"},
    "C": {"zh": "中（一般风险）", "en": "average risk"},
    "D": {"zh": "差（较高风险）", "en": "poor (high risk)"},
    "E": {"zh": "很差（不可接受）", "en": "very poor (unacceptable risk)"},
}


def q1(value: Decimal) -> Decimal:
    """Round to one decimal place, half up — the precision every shown score has."""
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Answer:
    """A checked answer to one item: the result is derived from the value where the type allows."""

    item_key: str
    result: str  # ok | deficient | n/a
    value: Any = None  # Decimal for number, choice value for choice, str for text
    severity: int | None = None  # set when deficient

    def to_json(self) -> dict[str, Any]:
        value = str(self.value) if isinstance(self.value, Decimal) else self.value
        return {"item_key": self.item_key, "result": self.result, "value": value, "severity": self.severity}


def _severity(item: Item, given: Any, default: int | None) -> int:
    if given is None:
        if default is None:
            raise ValidationError(item.key, "a deficient answer needs a severity 1–4")
        return default
    if isinstance(given, bool) or not isinstance(given, int) or not 1 <= given <= 4:
        raise ValidationError(item.key, f"severity must be an integer 1–4, got {given!r}")
    return given


def _number_outcome(item: Item, value: Decimal) -> tuple[str, int | None]:
    if (item.ok_min is None or value >= item.ok_min) and (item.ok_max is None or value <= item.ok_max):
        return "ok", None
    for rule in item.severity_rules:
        if rule.matches(value):
            return "deficient", rule.severity
    return "deficient", item.severity


def evaluate(item: Item, *, result: str | None = None, value: Any = None, severity: Any = None) -> Answer:
    """Check an answer against the item's type and derive its result; ValidationError names the key.

    ``check`` items take ``result``; ``number`` and ``choice`` items take ``value`` and derive the
    result (a contradicting ``result`` is refused); ``text`` items take ``value``. Any item may be
    answered ``result="n/a"`` with no value. ``severity`` overrides the template's default for a
    deficient answer (the engineer's judgement) and is refused on a non-deficient one.
    """
    key = item.key
    if result is not None and result not in ("ok", "deficient", "n/a"):
        raise ValidationError(key, f"result must be ok, deficient or n/a, got {result!r}")
    if result == "n/a":
        if value not in (None, ""):
            raise ValidationError(key, "an n/a answer takes no value")
        if severity is not None:
            raise ValidationError(key, "severity applies only to a deficient answer")
        return Answer(key, "n/a")

    derived: str
    default_sev: int | None = item.severity
    if item.answer == "check":
        if value not in (None, ""):
            raise ValidationError(key, f"a check item takes ok, deficient or n/a, not a value ({value!r})")
        if result is None:
            raise ValidationError(key, "a check item needs a result: ok, deficient or n/a")
        derived = result
    elif item.answer == "number":
        if value is None or value == "":
            raise ValidationError(key, f"a number in {item.unit} is required")
        try:
            number = to_decimal(value, field=key)
        except MoneyError:
            raise ValidationError(key, f"expected a number in {item.unit}, got {value!r}") from None
        derived, default_sev = _number_outcome(item, number)
        value = number
    elif item.answer == "choice":
        choice = item.choice(value) if isinstance(value, str) else None
        if choice is None:
            allowed = ", ".join(c.value for c in item.choices)
            raise ValidationError(key, f"{value!r} is not one of the choices: {allowed}")
        derived = choice.result
        default_sev = choice.severity if choice.severity is not None else item.severity
        if derived == "n/a":
            value = choice.value
    else:  # text
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(key, "a text item needs non-empty text")
        if result not in (None, "ok"):
            raise ValidationError(key, "a text item is recorded, not judged; use a check item for that")
        return Answer(key, "ok", value.strip())

    if result is not None and result != derived:
        raise ValidationError(key, f"the value gives {derived!r}, not {result!r}")
    if derived != "deficient":
        if severity is not None:
            raise ValidationError(key, "severity applies only to a deficient answer")
        return Answer(key, derived, value)
    return Answer(key, "deficient", value, _severity(item, severity, default_sev))


def credit(item: Item, answer: Answer) -> Decimal:
    """Points an answered item earns: full weight if OK, ``weight × (4 − severity) / 4`` if deficient."""
    if answer.result == "ok":
        return Decimal(item.weight)
    sev = answer.severity or 4
    return Decimal(item.weight * (4 - sev)) / 4


@dataclass(frozen=True)
class CategoryScore:
    key: str
    title: Mapping[str, str]
    weight: int
    earned: Decimal
    possible: int
    score: Decimal | None  # None when nothing in the category applies
    answered: int
    total: int
    deficient: int


@dataclass(frozen=True)
class ScoreCard:
    categories: tuple[CategoryScore, ...]
    overall: Decimal | None
    band: str | None  # grade from the score alone
    grade: str | None  # after caps
    caps: tuple[str, ...]  # why the grade is below the band, in English
    answered: int
    total: int
    deficient_by_severity: Mapping[int, int]
    required_recommendations: tuple[str, ...]  # item keys

    @property
    def complete(self) -> bool:
        return self.answered == self.total

    def to_json(self) -> dict[str, Any]:
        return {
            "overall": None if self.overall is None else str(self.overall),
            "band": self.band,
            "grade": self.grade,
            "caps": list(self.caps),
            "answered": self.answered,
            "total": self.total,
            "categories": [
                {
                    "key": c.key,
                    "weight": c.weight,
                    "earned": str(c.earned),
                    "possible": c.possible,
                    "score": None if c.score is None else str(c.score),
                    "answered": c.answered,
                    "total": c.total,
                    "deficient": c.deficient,
                }
                for c in self.categories
            ],
            "required_recommendations": list(self.required_recommendations),
        }


def band_for(overall: Decimal) -> str:
    for grade, minimum in BANDS:
        if overall >= minimum:
            return grade
    return "E"


def _cap(deficient_by_severity: Mapping[int, int]) -> tuple[str | None, str | None]:
    if deficient_by_severity.get(4, 0):
        return "D", "a severity-4 (critical) deficiency caps the grade at D"
    if deficient_by_severity.get(3, 0) >= 2:
        return "C", "two or more severity-3 (major) deficiencies cap the grade at C"
    if deficient_by_severity.get(3, 0) == 1:
        return "B", "a severity-3 (major) deficiency caps the grade at B"
    return None, None


def score(template: Template, answers: Mapping[str, Answer]) -> ScoreCard:
    """Score a visit's answers (item key → Answer) against its template; see the module rule."""
    cats: list[CategoryScore] = []
    by_sev = {1: 0, 2: 0, 3: 0, 4: 0}
    required: list[str] = []
    answered = total = 0
    for cat in template.categories:
        earned, possible, c_answered, c_total, c_def = Decimal(0), 0, 0, 0, 0
        for item in cat.items:
            if not item.scored:
                continue
            c_total += 1
            ans = answers.get(item.key)
            if ans is None or ans.result not in ("ok", "deficient", "n/a"):
                continue
            c_answered += 1
            if ans.result == "n/a":
                continue
            possible += item.weight
            earned += credit(item, ans)
            if ans.result == "deficient":
                c_def += 1
                sev = ans.severity or 4
                by_sev[sev] += 1
                if sev >= FORCE_RECOMMENDATION_SEVERITY:
                    required.append(item.key)
        cat_score = q1(Decimal(100) * earned / possible) if possible else None
        cats.append(CategoryScore(cat.key, cat.title, cat.weight, earned, possible, cat_score, c_answered, c_total, c_def))
        answered += c_answered
        total += c_total

    scored = [c for c in cats if c.score is not None]
    overall: Decimal | None = None
    band = grade = None
    caps: tuple[str, ...] = ()
    if scored:
        weighted = sum((c.score * c.weight for c in scored if c.score is not None), Decimal(0))
        overall = q1(weighted / sum(c.weight for c in scored))
        band = grade = band_for(overall)
        cap, why = _cap(by_sev)
        if cap is not None and GRADES.index(cap) > GRADES.index(band):
            grade = cap
            caps = (why or "",)
    return ScoreCard(tuple(cats), overall, band, grade, caps, answered, total, by_sev, tuple(required))


def photo_needed(item: Item, answer: Answer | None) -> bool:
    """Whether the item needs at least one photo given its answer (template ``photo`` setting)."""
    if answer is None or answer.result == "n/a":
        return False
    if item.photo == "required":
        return True
    return item.photo == "if_deficient" and answer.result == "deficient"


def grade_rule_lines(lang: str = "en") -> list[str]:
    """The grading rule as short lines for reports and the CLI, in ``lang`` (zh or en)."""
    if lang == "zh":
        return [
            "符合项得满分；不符合项得 权重×(4−严重度)/4（严重度1→75%，2→50%，3→25%，4→0）；不适用项不计。",
            "类别得分 = 100 × 所得分 ÷ 适用权重，保留一位小数（四舍五入）。",
            "总分 = Σ(类别权重 × 类别得分) ÷ Σ类别权重，保留一位小数。",
            "等级：A ≥ 90，B ≥ 75，C ≥ 60，D ≥ 45，其余为 E。",
            "封顶：存在严重度4（危急）缺陷最高 D；严重度3（严重）缺陷两项及以上最高 C，一项最高 B。",
            "严重度 ≥ 3 的不符合项必须提出整改建议。",
        ]
    return [
        "OK items earn their weight; deficient items earn weight × (4 − severity) / 4 "
        "(severity 1 → 75 %, 2 → 50 %, 3 → 25 %, 4 → 0); n/a items are left out.",
        "Category score = 100 × earned ÷ applicable weight, rounded to 0.1 (half up).",
        "Overall = Σ(category weight × category score) ÷ Σ(category weight), rounded to 0.1.",
        "Grade: A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 45, otherwise E.",
        "Caps: a severity-4 (critical) deficiency → at best D; two or more severity-3 (major) → at best C; "
        "one → at best B.",
        "Every deficient item with severity ≥ 3 must carry a recommendation.",
    ]


def grade_label(grade: str | None, lang: str = "en") -> str:
    """``"B"`` → ``"B — good (below-average risk)"``; empty for no grade."""
    if grade is None:
        return ""
    return f"{grade} — {tr(GRADE_NAMES[grade], lang)}"
