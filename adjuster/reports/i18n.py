"""Report labels in Chinese, English or both, kept apart from layout so wording changes in one place."""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en", "both"]
LANGS: tuple[str, ...] = ("zh", "en", "both")


def check_lang(lang: str) -> Lang:
    """Validate a language code from a caller (CLI, UI) with a message naming the field."""
    if lang not in LANGS:
        from adjuster.domain.errors import ValidationError

        raise ValidationError("lang", f"must be one of zh, en, both (got {lang!r})")
    return lang  # type: ignore[return-value]


def L(zh: str, en: str, lang: str, sep: str = " / ") -> str:  # noqa: N802 - short on purpose
    """The label for ``lang``; bilingual reports show ``中文 / English``."""
    if lang == "zh":
        return zh or en
    if lang == "en":
        return en or zh
    if not zh:
        return en
    if not en or zh == en:
        return zh
    return f"{zh}{sep}{en}"


def LB(zh: str, en: str, lang: str) -> str:  # noqa: N802
    """Like :func:`L` but stacks the two languages on two lines (table headers, narrow cells).

    Returns paragraph markup (``<br/>``), so only pass it to paragraph-based cells.
    """
    return L(zh, en, lang, sep="<br/>")


#: Enum values → (zh, en). Unknown values are shown as they are.
VOCAB: dict[str, tuple[str, str]] = {
    # case status
    "draft": ("草稿", "Draft"),
    "submitted": ("已提交", "Submitted"),
    "in_review": ("审核中", "In review"),
    "approved": ("已批准", "Approved"),
    "returned": ("已退回", "Returned"),
    "closed": ("已结案", "Closed"),
    "withdrawn": ("已撤回", "Withdrawn"),
    # sections
    "building": ("建筑物", "Building"),
    "contents": ("室内财产", "Contents"),
    "stock": ("存货", "Stock"),
    "machinery": ("机器设备", "Machinery"),
    "vehicle": ("车辆", "Vehicle"),
    "other": ("其他", "Other"),
    # finding results
    "ok": ("符合", "OK"),
    "deficient": ("不符合", "Deficient"),
    "n/a": ("不适用", "N/A"),
    "unanswered": ("未检查", "Not checked"),
    # priorities
    "high": ("高", "High"),
    "medium": ("中", "Medium"),
    "low": ("低", "Low"),
    # recommendation status
    "open": ("未完成", "Open"),
    "done": ("已完成", "Done"),
    "overdue": ("已逾期", "Overdue"),
    "waived": ("已豁免", "Waived"),
    # signer roles
    "insured": ("被保险人", "Insured"),
    "adjuster": ("公估人", "Adjuster"),
    "engineer": ("风险工程师", "Risk engineer"),
    "reviewer": ("审核人", "Reviewer"),
    "site_contact": ("现场联系人", "Site contact"),
    # repair / replace
    "repair": ("修复", "Repair"),
    "replace": ("重置", "Replace"),
}


def V(value: object, lang: str) -> str:  # noqa: N802
    """Translate a vocabulary value (status, section, priority…) for ``lang``."""
    if value is None:
        return ""
    key = str(getattr(value, "value", value))
    pair = VOCAB.get(key)
    if pair is None:
        return key
    return L(pair[0], pair[1], lang)


def V_parts(value: object, lang: str) -> list[str]:  # noqa: N802
    """The vocabulary value as one or two strings (both languages → two), for stacking."""
    if value is None:
        return []
    key = str(getattr(value, "value", value))
    pair = VOCAB.get(key)
    if pair is None:
        return [key] if key else []
    if lang == "zh":
        return [pair[0]]
    if lang == "en":
        return [pair[1]]
    return [pair[0], pair[1]]
