"""Amounts in words, as printed under the figure on a claim statement so nobody can alter it.

Chinese uppercase (大写金额) follows the PBoC rules for filling in bills and settlement vouchers
(《正确填写票据和结算凭证的基本规定》):

- digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟, groups 万 and 亿 (亿 repeats: 1万亿 = 壹万亿);
  a leading ten is written 壹拾 (壹拾肆万), never a bare 拾;
- zeros inside the number are read as one 零 (1,005.00 → 壹仟零伍元整, 6,007.14 → 陆仟零柒元壹角肆分);
- where the rules allow either form (万位 or 元位 zero, next digit non-zero) we always use the form
  the rules list first: 107,000.53 → 壹拾万柒仟元零伍角叁分, 1,680.32 → 壹仟陆佰捌拾元零叁角贰分,
  10,000,000.50 → 壹仟万元零伍角;
- 角 zero and 分 non-zero: 零 after 元 (16,409.02 → 壹万陆仟肆佰零玖元零贰分);
- 整 after 元 only (壹拾肆万柒仟元整); none after 角 or 分 (1,409.50 → 壹仟肆佰零玖元伍角);
- below one yuan no 零元: 0.05 → 伍分, 0.50 → 伍角; zero → 零元整.

The words name 元/角/分 whatever the currency; the caller prints the currency (人民币) before them.
English is cheque style: "One Hundred Forty-Seven Thousand Yuan Only", "... and Five Cents Only".
"""

from __future__ import annotations

from decimal import Decimal

from adjuster.util.money import q2

_DIGITS_ZH = "零壹贰叁肆伍陆柒捌玖"
_PLACES_ZH = ((3, "仟"), (2, "佰"), (1, "拾"), (0, ""))


def _cents(amount: Decimal) -> int:
    """Whole cents of a non-negative amount, rounded half up like every shown line."""
    if not isinstance(amount, Decimal):
        amount = Decimal(amount)
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"amount in words needs a finite amount >= 0, got {amount}")
    return int(q2(amount) * 100)


def _four_zh(n: int) -> str:
    """1..9999 with inner zeros collapsed to one 零 and trailing zeros silent."""
    out: list[str] = []
    started = pending_zero = False
    for power, unit in _PLACES_ZH:
        digit = n // 10**power % 10
        if digit == 0:
            pending_zero = pending_zero or started
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_DIGITS_ZH[digit] + unit)
        started = True
    return "".join(out)


def _integer_zh(n: int) -> str:
    """n >= 1. A lower group gets a leading 零 only when its top digit (千 or 千万) is zero."""
    if n >= 10**8:
        high, low = divmod(n, 10**8)
        text = _integer_zh(high) + "亿"
        if low:
            text += ("零" if low < 10**7 else "") + _integer_zh(low)
        return text
    high, low = divmod(n, 10**4)
    if not high:
        return _four_zh(low)
    text = _four_zh(high) + "万"
    if low:
        text += ("零" if low < 1000 else "") + _four_zh(low)
    return text


def amount_in_words_zh(amount: Decimal) -> str:
    """Chinese uppercase words of a money amount (rounded to 0.01 half up), e.g. 壹拾肆万柒仟元整."""
    yuan, cents = divmod(_cents(amount), 100)
    jiao, fen = divmod(cents, 10)
    if not yuan and not cents:
        return "零元整"
    parts: list[str] = []
    if yuan:
        parts.append(_integer_zh(yuan) + "元")
    if jiao:
        if yuan and yuan % 10 == 0:
            parts.append("零")
        parts.append(_DIGITS_ZH[jiao] + "角")
    elif fen and yuan:
        parts.append("零")
    if fen:
        parts.append(_DIGITS_ZH[fen] + "分")
    if not cents:
        parts.append("整")
    return "".join(parts)


_ONES_EN = (
    "Zero One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen "
    "Sixteen Seventeen Eighteen Nineteen"
).split()
_TENS_EN = "_ _ Twenty Thirty Forty Fifty Sixty Seventy Eighty Ninety".split()
_SCALES_EN = ("", "Thousand", "Million", "Billion", "Trillion", "Quadrillion", "Quintillion")

#: currency code → (major singular, major plural, minor singular, minor plural)
_CURRENCY_EN = {
    "CNY": ("Yuan", "Yuan", "Cent", "Cents"),
    "RMB": ("Yuan", "Yuan", "Cent", "Cents"),
    "USD": ("Dollar", "Dollars", "Cent", "Cents"),
    "HKD": ("Hong Kong Dollar", "Hong Kong Dollars", "Cent", "Cents"),
    "EUR": ("Euro", "Euros", "Cent", "Cents"),
    "GBP": ("Pound", "Pounds", "Penny", "Pence"),
}


def _below_thousand_en(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{_ONES_EN[hundreds]} Hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_TENS_EN[tens] + (f"-{_ONES_EN[ones]}" if ones else ""))
    elif rest:
        words.append(_ONES_EN[rest])
    return " ".join(words)


def integer_in_words_en(n: int) -> str:
    """Short-scale English words of a whole number: 147000 → One Hundred Forty-Seven Thousand."""
    if n == 0:
        return "Zero"
    groups: list[str] = []
    scale = 0
    while n:
        n, group = divmod(n, 1000)
        if group:
            if scale >= len(_SCALES_EN):
                raise ValueError("amount too large for words")
            groups.append(f"{_below_thousand_en(group)} {_SCALES_EN[scale]}".strip())
        scale += 1
    return " ".join(reversed(groups))


def amount_in_words_en(amount: Decimal, currency: str = "CNY") -> str:
    """English words of a money amount: 'One Thousand Five Yuan and Five Cents Only'."""
    major, cents = divmod(_cents(amount), 100)
    code = currency.upper()
    one, many, minor_one, minor_many = _CURRENCY_EN.get(code, (code, code, "Cent", "Cents"))
    text = f"{integer_in_words_en(major)} {one if major == 1 else many}"
    if cents:
        text += f" and {integer_in_words_en(cents)} {minor_one if cents == 1 else minor_many}"
    return text + " Only"
