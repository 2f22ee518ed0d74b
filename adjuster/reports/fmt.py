"""Formatting of values for print: dates, money, GPS, so both reports show them the same way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from adjuster.util.money import fmt_money


def fmt_date(value: object, *, with_time: bool = False) -> str:
    """ISO date (``2024-05-01``) or date-time (``2024-05-01 14:03``) from a date, datetime or string."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if with_time else value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if with_time and ("T" in text or " " in text):
        return parsed.strftime("%Y-%m-%d %H:%M")
    return parsed.strftime("%Y-%m-%d")


def fmt_amount(value: Decimal | int | float | str | None, currency: str = "") -> str:
    if value is None or value == "":
        return ""
    return fmt_money(Decimal(str(value)), currency)


def fmt_qty(value: Decimal | int | float | str | None) -> str:
    """Quantities without trailing zeros (``2``, ``2.5``), never in exponent form."""
    if value is None or value == "":
        return ""
    d = Decimal(str(value))
    text = f"{d:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def fmt_gps(gps: tuple[float, float] | None) -> str:
    """``43.46745°N 11.88513°E`` — signs turned into hemispheres so nobody misreads a minus."""
    if not gps:
        return ""
    lat, lon = gps
    ns = "N" if lat >= 0 else "S"
    ew = "E" if lon >= 0 else "W"
    return f"{abs(lat):.5f}°{ns} {abs(lon):.5f}°{ew}"


def fmt_pct(value: float | None, digits: int = 0) -> str:
    if value is None:
        return ""
    return f"{value:.{digits}f}"
