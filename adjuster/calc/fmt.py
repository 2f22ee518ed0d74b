"""How figures are written inside formulas, so a reviewer reads the same numbers everywhere."""

from __future__ import annotations

from decimal import Decimal

from adjuster.util.money import fmt_money

_PCT_PLACES = Decimal("0.0001")


def money(d: Decimal) -> str:
    """1234.5 → '1,234.50' (never '-0.00')."""
    return fmt_money(d + 0)


def num(d: Decimal) -> str:
    """A quantity or a number of years without trailing zeros: 2.50 → '2.5', 1200 → '1,200'."""
    text = format(d.normalize(), ",f")
    return "0" if text in ("-0", "0") else text


def pct(rate: Decimal) -> str:
    """0.375 → '37.5%'; a non-terminating rate is shown to 4 places with '≈': 3/7 → '≈42.8571%'."""
    percent = rate * 100
    shown = percent.quantize(_PCT_PLACES)
    prefix = "" if shown == percent else "≈"
    return f"{prefix}{num(shown)}%"


def price(d: Decimal) -> str:
    """A unit price: like money, but extra places are shown, not rounded away (0.125 → '0.125')."""
    if d == d.quantize(Decimal("0.01")):
        return money(d)
    return f"{d.normalize():,f}"
