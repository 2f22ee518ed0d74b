"""The statement as a plain-text table for a terminal: label, amount (right-aligned), formula.

Chinese characters take two terminal columns, so padding counts display width, not characters.
"""

from __future__ import annotations

import unicodedata

from adjuster.calc.fmt import money
from adjuster.calc.statement import SECTION_NAMES, Lang, Line, Statement, pick


def display_width(text: str) -> int:
    """Terminal columns of a string: wide/fullwidth East Asian characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _groups(statement: Statement, lang: Lang) -> list[tuple[str, list[Line]]]:
    """Item lines under a '#n description (section)' heading, then the remaining lines."""
    groups: list[tuple[str, list[Line]]] = []
    for result in statement.items:
        zh, en = SECTION_NAMES[result.section]
        heading = f"#{result.index + 1} {result.description} ({pick(zh, en, lang)})"
        groups.append((heading, [line for line in statement.lines if line.item_index == result.index]))
    rest = [line for line in statement.lines if line.item_index is None]
    groups.append((pick("合计", "Totals", lang), rest))
    return groups


def render_text(statement: Statement, lang: Lang = "both") -> str:
    """The whole statement, ending with the indemnity and its amount in words."""
    groups = _groups(statement, lang)
    labels = [pick(line.label_zh, line.label_en, lang) for _, lines in groups for line in lines]
    label_width = max((display_width(text) for text in labels), default=0)
    amount_width = max((len(money(line.amount)) for line in statement.lines), default=4)
    title = pick("赔款计算书", "Claim calculation statement", lang)
    out = [f"{title} ({statement.currency})", ""]
    for heading, lines in groups:
        out.append(heading)
        for line in lines:
            label = pick(line.label_zh, line.label_en, lang)
            formula = line.formula_in(lang)
            out.append(f"    {_pad(label, label_width)}  {money(line.amount):>{amount_width}}  {formula}".rstrip())
        out.append("")
    total = f"{statement.currency} {money(statement.indemnity)}"
    if lang in ("zh", "both"):
        out.append(f"赔款金额（大写）：{statement.indemnity_words_zh}   （小写）{total}")
    if lang in ("en", "both"):
        out.append(f"Indemnity in words: {statement.indemnity_words_en}   ({total})")
    return "\n".join(out) + "\n"
