"""Decimal money: parse exactly, quantise to cents ROUND_HALF_UP, format for people."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


class MoneyError(ValueError):
    pass


def to_decimal(value: object, *, field: str = "amount") -> Decimal:
    """Convert a string/int/Decimal (or a float, via its shortest repr) to Decimal exactly.

    Floats are converted through ``repr`` so ``1234.5`` becomes ``Decimal('1234.5')``, never the
    binary expansion. Booleans, NaN and infinities are refused.
    """
    if isinstance(value, bool) or value is None:
        raise MoneyError(f"{field}: expected a number, got {value!r}")
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, int):
        d = Decimal(value)
    elif isinstance(value, float):
        d = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().replace(",", "")
        try:
            d = Decimal(text)
        except InvalidOperation:
            raise MoneyError(f"{field}: {value!r} is not a number") from None
    else:
        raise MoneyError(f"{field}: expected a number, got {type(value).__name__}")
    if not d.is_finite():
        raise MoneyError(f"{field}: {value!r} is not a finite number")
    return d


def q2(value: Decimal) -> Decimal:
    """Quantise to 0.01 with ROUND_HALF_UP (the rule for every shown money line)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_money(value: Decimal, currency: str = "") -> str:
    """``1234567.5`` → ``1,234,567.50`` (with an optional currency prefix)."""
    text = f"{q2(value):,.2f}"
    return f"{currency} {text}".strip()
