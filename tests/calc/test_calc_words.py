"""Amounts in words: the PBoC rules for Chinese uppercase, cheque-style English."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adjuster.calc import amount_in_words_en, amount_in_words_zh

# Each expectation applies the rules by hand: 零 for inner zeros (once per run), none for zeros at the
# end of a 万/亿 group when the next digit is non-zero (the rules' first-listed form), 零 after 元
# when 角 is zero but 分 is not, 整 only after 元.
ZH_CASES = [
    ("147000.00", "壹拾肆万柒仟元整"),
    ("1005.00", "壹仟零伍元整"),
    ("10000000.50", "壹仟万元零伍角"),  # 元位 is 0 and 角 not: 零 (the rules' first-listed form)
    ("0.05", "伍分"),
    ("0.50", "伍角"),
    ("0.00", "零元整"),
    ("1.00", "壹元整"),
    ("10.00", "壹拾元整"),
    ("1409.50", "壹仟肆佰零玖元伍角"),
    ("6007.14", "陆仟零柒元壹角肆分"),
    ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
    ("107000.53", "壹拾万柒仟元零伍角叁分"),
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
    ("325.04", "叁佰贰拾伍元零肆分"),
    ("100500.00", "壹拾万零伍佰元整"),
    ("1070000.00", "壹佰零柒万元整"),
    ("100000005.00", "壹亿零伍元整"),
    ("100070000.00", "壹亿零柒万元整"),
    ("170000000.00", "壹亿柒仟万元整"),
    ("1000000000000.00", "壹万亿元整"),
    ("1234567890.12", "壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元零壹角贰分"),
]


@pytest.mark.parametrize(("amount", "words"), ZH_CASES)
def test_chinese_uppercase(amount: str, words: str) -> None:
    assert amount_in_words_zh(Decimal(amount)) == words


def test_chinese_zero_after_yuan_only_when_the_unit_digit_is_zero() -> None:
    # 15.30: 元位 is 5 (not 0) and 角 is 3 → no 零: 壹拾伍元叁角
    assert amount_in_words_zh(Decimal("15.30")) == "壹拾伍元叁角"
    # 20.30: 元位 is 0, 角 is 3 → 贰拾元零叁角
    assert amount_in_words_zh(Decimal("20.30")) == "贰拾元零叁角"


def test_rounds_half_up_to_cents() -> None:
    assert amount_in_words_zh(Decimal("0.005")) == "壹分"
    assert amount_in_words_zh(Decimal("1.994")) == "壹元玖角玖分"


def test_negative_amounts_are_refused() -> None:
    with pytest.raises(ValueError):
        amount_in_words_zh(Decimal("-1"))
    with pytest.raises(ValueError):
        amount_in_words_en(Decimal("-1"))


@pytest.mark.parametrize(
    ("amount", "currency", "words"),
    [
        ("147000.00", "CNY", "One Hundred Forty-Seven Thousand Yuan Only"),
        ("1005.00", "CNY", "One Thousand Five Yuan Only"),
        ("10000000.50", "CNY", "Ten Million Yuan and Fifty Cents Only"),
        ("0.05", "CNY", "Zero Yuan and Five Cents Only"),
        ("0.00", "CNY", "Zero Yuan Only"),
        ("1.01", "USD", "One Dollar and One Cent Only"),
        ("2.00", "USD", "Two Dollars Only"),
        ("164677.75", "CNY", "One Hundred Sixty-Four Thousand Six Hundred Seventy-Seven Yuan and Seventy-Five Cents Only"),
        ("12.30", "JPY", "Twelve JPY and Thirty Cents Only"),
    ],
)
def test_english(amount: str, currency: str, words: str) -> None:
    assert amount_in_words_en(Decimal(amount), currency) == words


# -- round trip: an independent reader of Chinese uppercase -------------------------------------

_DIGIT = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_SMALL = {"拾": 10, "佰": 100, "仟": 1000}


def _read_below_wan(text: str) -> int:
    total, digit = 0, 0
    for ch in text:
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        else:
            total += digit * _SMALL[ch]
            digit = 0
    return total + digit


def _read_integer(text: str) -> int:
    if "亿" in text:
        high, _, low = text.rpartition("亿")
        return _read_integer(high) * 10**8 + _read_integer(low)
    if "万" in text:
        high, _, low = text.partition("万")
        return _read_below_wan(high) * 10**4 + _read_below_wan(low)
    return _read_below_wan(text)


def read_zh(words: str) -> Decimal:
    """Chinese uppercase amount → Decimal, written for the test from the notation alone."""
    words = words.removesuffix("整")
    yuan, _, rest = words.rpartition("元") if "元" in words else ("", "", words)
    cents = 0
    rest = rest.lstrip("零")
    if "角" in rest:
        jiao, _, rest = rest.partition("角")
        cents += _DIGIT[jiao] * 10
    if "分" in rest:
        cents += _DIGIT[rest.removesuffix("分")]
    integer = _read_integer(yuan) if yuan and yuan != "零" else 0
    return Decimal(integer) + Decimal(cents) / 100


@given(st.decimals(Decimal(0), Decimal("9999999999999.99"), places=2))
def test_chinese_words_read_back_to_the_amount(amount: Decimal) -> None:
    words = amount_in_words_zh(amount)
    assert read_zh(words) == amount
    assert "零零" not in words
    assert words == "零元整" or not words.startswith("零")
    assert words.endswith("整") == (amount == amount.to_integral_value())
    assert not words.startswith("拾")  # a leading ten is 壹拾


@given(st.decimals(Decimal(0), Decimal("999999999999.99"), places=2))
def test_english_words_always_end_with_only(amount: Decimal) -> None:
    words = amount_in_words_en(amount)
    assert words.endswith(" Only") and "  " not in words
    assert ("Cent" in words) == (amount != amount.to_integral_value())
