"""Value normalisation shared by every extractor: numbers, numeric value objects, TIMEX3 dates.

Every function takes mention text as it stands (raw or clean: annotations, Traditional
characters and full-width forms are normalised first; a caller holding text that is already
clean passes `normalised=True` to skip that) and returns the schema's value, or None when the
text cannot be read. Nothing here raises on odd input.

- `parse_number("7.5萬")` -> 75000; `parse_number("31%")` -> 0.31; `parse_number("三點五")` -> 3.5
- `numeric_value("MONEY", "800多萬元")` -> {"amount": 8000000, "unit": "CNY", "mod": "more"}
- `timex("2016年上半年")` -> "2016-H1"; `timex("1-10月")` -> "XXXX-01/XXXX-10"
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from extractors import lexicon
from extractors.grammar import AFTERNOON as _AFTERNOON
from extractors.grammar import (
    APPROX_MARKS,
    CN_DIGITS,
    CN_MULTIPLIERS,
    MULTIPLIER_RUN,
    PAST_MIDNIGHT,
    RANGE_CONNECTORS,
    clock,
    month_suffix,
    period,
    year,
    year_suffix,
)
from extractors.normalise import normalise
from extractors.schema import TIMEX_RE

__all__ = ["CURRENCIES", "MULTIPLIERS", "POST_QUALIFIERS", "PRE_QUALIFIERS", "RANGE_CONNECTORS", "Number",
           "numeric_value", "parse_number", "qualifier_mod", "timex"]

Number = int | float

# --- language resources -------------------------------------------------------------------

# Multipliers written after a number; a run multiplies (千万 = 1e7, 万亿 = 1e12).
MULTIPLIERS: dict[str, int] = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}

# Currency words (Simplified) -> ISO 4217. Longest match wins, so 美元 is never read as 元.
CURRENCIES: dict[str, str] = lexicon.table("currencies")

# Qualifiers next to a number that set `mod` but stay outside the span (schema, Numeric values).
PRE_QUALIFIERS: dict[str, str] = lexicon.table("pre_qualifiers")
POST_QUALIFIERS: dict[str, str] = lexicon.table("post_qualifiers")
# Words ending in a qualifier character that are not qualifiers (最近 = "recently").
_NOT_PRE = lexicon.words("not_pre_qualifier_words")

_PRE_RE = re.compile("(?:" + "|".join(sorted(PRE_QUALIFIERS, key=len, reverse=True)) + ")$")
_POST_RE = re.compile("|".join(sorted(POST_QUALIFIERS, key=len, reverse=True)))

_CN_DIGITS = CN_DIGITS
_CN_NUMERAL = CN_DIGITS + CN_MULTIPLIERS + "点"

# --- cleaning -------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _normalise(text: str) -> str:
    return normalise(text).clean.strip()


def _clean(text: str, normalised: bool = False) -> str:
    """Annotations dropped, Simplified, half-width: the same normalisation as the extractors."""
    return text.strip() if normalised else _normalise(text)


_FORMAL = str.maketrans(lexicon.table("formal_numerals"))
# Whitespace beside a Chinese character inside one mention is layout, not a separator (百 分 之 五,
# 2008 年); whitespace between two digits is kept (2010 01 29 reads as three numbers).
_CJK_SPACE_RE = re.compile(r"\s+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+")


def _tidy(t: str) -> str:
    """Formal numerals (壹佰, 肆) as ordinary ones, layout spaces beside Chinese characters dropped."""
    return _CJK_SPACE_RE.sub("", t.translate(_FORMAL))


def tidied(text: str) -> tuple[str, list[int]]:
    """`_tidy` of a whole text and, for each character kept, its offset in `text` (finders read
    the tidy text and map what they find back: `百 分 之 五` is found as 百分之五)."""
    kept = [i for i, _ in enumerate(text)]
    for m in reversed(list(_CJK_SPACE_RE.finditer(text))):
        del kept[m.start():m.end()]
    return "".join(text[i] for i in kept).translate(_FORMAL), kept


def _to_number(d: Decimal) -> Number:
    """int when integral (so JSON shows 3100000, not 3100000.0), else float."""
    if d == d.to_integral_value():
        return int(d)
    return float(d)


# --- numbers --------------------------------------------------------------------------------

_ARABIC_RE = re.compile(r"(\d+(?:,\d{3})*|\d+)(?:[.、](\d+))?([十百千万亿]*)")
_FRACTION_RE = re.compile(r"(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)")
_CN_FRACTION_RE = re.compile(rf"([{_CN_NUMERAL}\d.]+)分之([{_CN_NUMERAL}\d.,]+)")


TRILLION = Decimal(10) ** 12


def _multiplier(run: str) -> Decimal:
    m = Decimal(1)
    for ch in run:
        m *= MULTIPLIERS[ch]
    return m


def _decimal(text: str) -> Decimal | None:
    """The value of a clean number expression as a Decimal (exact: 2.88亿 is 288000000)."""
    t = text.replace(" ", "") if " " in text else text
    if not t:
        return None
    m = _ARABIC_RE.fullmatch(t)  # the common case first
    if m:
        whole, frac, mult = m.groups()
        # `、` between digits is a garbled decimal point (22、5万 = 225000), never a list here.
        d = Decimal((whole.replace(",", "") if "," in whole else whole) + ("." + frac if frac else ""))
        return d * _multiplier(mult) if mult else d
    if t.endswith("%"):
        d = _decimal(t[:-1])
        return None if d is None else d / 100
    m = _CN_FRACTION_RE.fullmatch(t)
    if m:  # 百分之十, 三分之二: denominator written first
        den, num = _decimal(m.group(1)), _decimal(m.group(2))
        return None if den in (None, 0) or num is None else num / den
    m = _FRACTION_RE.fullmatch(t)
    if m:
        num, den = Decimal(m.group(1)), Decimal(m.group(2))
        return None if den == 0 else num / den
    if all(ch in _CN_NUMERAL or ch.isdigit() or ch == "." for ch in t):
        return _cn_decimal(t)
    if "兆" in t and not t.startswith("兆"):  # 四十九兆九千億: in an amount 兆 is 10^12 (a unit's 兆 is mega)
        high, _, low = t.partition("兆")
        h, lo = _decimal(high), _decimal(low) if low else Decimal(0)
        return None if h is None or lo is None else h * TRILLION + lo
    return None


def _cn_decimal(t: str) -> Decimal | None:
    """Chinese numerals (三点五, 一百二十, 二〇一六), mixed forms (3千) via cn2an."""
    if all(ch in MULTIPLIERS for ch in t):  # 百 in 百分之十, 百万 in 百万分之五; cn2an refuses these
        return _multiplier(t)
    import cn2an  # imported lazily: its import costs ~0.1 s and most callers never need it

    try:
        out = cn2an.cn2an(t, "smart")
    except Exception:  # cn2an raises ValueError and others on text it cannot read
        return None
    try:
        return Decimal(str(out))
    except InvalidOperation:
        return None


def parse_number(text: str) -> Number | None:
    """The value of a number expression, or None.

    Arabic digits with thousands commas and decimals, multipliers (萬/万 億/亿 千 百 十), a
    `、` between digits read as a decimal point, Chinese numerals (三點五, 一百二十), percent
    signs and fractions as proportions (`31%` -> 0.31, `百分之十` -> 0.1, `2/3` -> 0.667).
    """
    if not isinstance(text, str):
        return None
    try:
        # 多/余 between number and multiplier (800多万) set a mod elsewhere; the value ignores them.
        d = _decimal(_clean(text).translate(_DROP_APPROX))
    except ArithmeticError:  # Decimal overflow on absurd input
        return None
    return None if d is None or abs(d) > _MAX_AMOUNT else _to_number(d)


# --- numeric value objects ------------------------------------------------------------------

_CONN_RE = re.compile(rf"\s*[{RANGE_CONNECTORS}]\s*")
_APPROX_IN = APPROX_MARKS
_DROP_APPROX = str.maketrans("", "", _APPROX_IN)
_APPROX_RE = re.compile(f"[{_APPROX_IN}]")
_CONN_CHAR_RE = re.compile(f"[{RANGE_CONNECTORS}]")
# Larger amounts are not amounts but runaway multipliers (亿亿亿…); they would not survive JSON.
_MAX_AMOUNT = Decimal(10) ** 18
_CURRENCY_RE = re.compile("(" + "|".join(sorted(CURRENCIES, key=len, reverse=True)) + ")$")
_PP_RE = re.compile(r"(.+?)个?百分点$")
# Number part at the start of a quantity: digits (garbled 、 decimal included) or Chinese
# numerals, a range, 多/余 and multipliers in either order (800多万, 1万多).
_NUM_PART = rf"(?:\d+(?:,\d{{3}})*(?:[.、]\d+)?|[{_CN_DIGITS}十百千]+(?:点[{_CN_DIGITS}]+)?)"
# A second multiplier group may follow the first: 1万5千人, 3亿2000万.
_AMOUNT_PART = (rf"{_NUM_PART}[{_APPROX_IN}]?{MULTIPLIER_RUN}(?:(?<=[万亿])零?\d+(?:\.\d+)?{MULTIPLIER_RUN[:-1]}+)*"
                rf"[{_APPROX_IN}]?")
_QTY_RE = re.compile(rf"({_AMOUNT_PART}(?:\s*[{RANGE_CONNECTORS}]\s*{_AMOUNT_PART})?)(.*)")
# Most quantities are a whole number and a unit that starts with nothing a number could go on
# with (14项, 220家): read at once, to the value the general path gives them.
_NOT_A_UNIT_START = re.escape(".,、%/分" + _APPROX_IN + RANGE_CONNECTORS + _CN_NUMERAL)
_PLAIN_QTY_RE = re.compile(rf"(\d{{1,15}})([^\d\s{_NOT_A_UNIT_START}].*)")


def qualifier_mod(before: str = "", after: str = "", normalised: bool = False) -> str | None:
    """`mod` set by a qualifier just before the number or just after the unit, else None."""
    b = _clean(before, normalised) if before else ""
    a = _clean(after, normalised) if after else ""
    if b and not b.endswith(_NOT_PRE):
        m = _PRE_RE.search(b)
        if m:
            return PRE_QUALIFIERS[m.group()]
    m = _POST_RE.match(a)
    return POST_QUALIFIERS[m.group()] if m else None


def _amounts(num_text: str) -> tuple[dict[str, Number], bool] | None:
    """{"amount": x} or {"low": x, "high": y} plus whether 多/余 was inside; None if unreadable."""
    ranged = _CONN_CHAR_RE.search(num_text) is not None and "分之" not in num_text
    parts = _CONN_RE.split(num_text, maxsplit=1) if ranged else [num_text]
    inner_more = _APPROX_RE.search(num_text) is not None
    if inner_more:
        parts = [p.translate(_DROP_APPROX) for p in parts]
    if len(parts) == 2:
        low_t, high_t = parts
        # 70-80万: a multiplier (and a percent sign) written once applies to both ends.
        tail = re.search(r"[十百千万亿%]*$", high_t).group(0)
        if tail and not re.search(r"[十百千万亿%]$", low_t):
            low_t += tail
        low, high = _decimal(low_t), _decimal(high_t)
        if low is None or high is None or low > high or high > _MAX_AMOUNT:
            return None
        return {"low": _to_number(low), "high": _to_number(high)}, inner_more
    d = _decimal(parts[0])
    if d is None or d > _MAX_AMOUNT:
        return None
    return {"amount": _to_number(d)}, inner_more


def _finish(nums: dict[str, Number], unit: str, mod: str | None) -> dict[str, Any]:
    out: dict[str, Any] = dict(nums)
    out["unit"] = unit
    if mod:
        out["mod"] = mod
    return out


_TENTHS_WORDS = {w: Decimal(v) for w, v in lexicon.table("tenths_words").items()}
# N成 / N折: N tenths (三成 = 30%, 8.5折 = 85%); a trailing 半 adds half a tenth (三成半 = 35%).
# A digit after 成 is the next tenth place (三成五 = 35%), as 半 is half a tenth (三成半).
_TENTHS_RE = re.compile(rf"([\d.{_CN_NUMERAL}]*半?)([成折])(半|(?<=成)[一二三四五六七八九])?")
_TWO_DIGITS_RE = re.compile(rf"\d\d|[{CN_DIGITS}]{{2}}")


# Two rising neighbours before 成 are an estimate between them (两三成, 七八成).
_ESTIMATE_TENTHS_RE = re.compile("([一二两三四五六七八])([二三四五六七八九])成")
_CN_DIGIT_VALUES = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"两": 2}


def _tenths(t: str) -> Decimal | None:
    """The percent of 三成, 8.5折, 七五折 (two digits before 折 are the percent itself: 75%), 半成."""
    if t in _TENTHS_WORDS:
        return _TENTHS_WORDS[t]
    m = _TENTHS_RE.fullmatch(t)
    if not m or not m.group(1):
        return None
    num, mark, half = m.groups()
    if mark == "折" and _TWO_DIGITS_RE.fullmatch(num):
        return Decimal(num.translate(_CN_YEAR_DIGITS))
    d = Decimal("0.5") if num == "半" else _decimal(num)
    if d is None:
        return None
    tail = Decimal("0.5") if half == "半" else _decimal(half) / 10 if half else Decimal(0)
    percent = (d + tail) * 10
    return None if mark == "成" and percent > 100 else percent  # 十成 is the whole


def _percent_of_proportion(d: Decimal) -> Number:
    """A proportion in percent, 2 decimals (2/3 -> 66.67), but never rounded away: below 0.01%
    two significant digits are kept (百万分之五 -> 0.0005), see GUIDELINES.md, proposals."""
    p = d * 100
    if p == 0 or abs(p) >= Decimal("0.01"):
        return _to_number(round(p, 2))
    return _to_number(round(p, 1 - p.adjusted()))


def _proportion_range(t: str) -> tuple[dict[str, Number], bool, str] | None:
    """Two proportions joined by a range connector; the second may leave out its 百分之."""
    low_t, high_t = _CONN_RE.split(t, maxsplit=1)
    den = low_t.partition("分之")[0] + "分之"
    if "分之" not in low_t or not high_t:
        return None
    low, high = _decimal(low_t), _decimal(high_t if "分之" in high_t else den + high_t)
    if low is None or high is None or low > high or high > _MAX_AMOUNT:
        return None
    return {"low": _percent_of_proportion(low), "high": _percent_of_proportion(high)}, False, "%"


def _percent_value(t: str) -> tuple[dict[str, Number], bool, str] | None:
    m = _PP_RE.fullmatch(t)
    if m:  # 20.5个百分点: percentage points, the number as written
        got = _amounts(m.group(1))
        return None if got is None else (*got, "pp")
    if "分之" in t and _CONN_CHAR_RE.search(t):  # 百分之十至百分之二十, 百分之十到二十
        return _proportion_range(t)
    if "分之" in t or "/" in t:  # a proportion: converted to percent
        d = _decimal(t.translate(_DROP_APPROX))
        if d is None or d > _MAX_AMOUNT:
            return None
        return {"amount": _percent_of_proportion(d)}, False, "%"
    if t.endswith("%"):
        got = _amounts(t.replace("%", ""))
        return None if got is None else (*got, "%")
    m = _ESTIMATE_TENTHS_RE.fullmatch(t)
    if m and _CN_DIGIT_VALUES[m.group(2)] - _CN_DIGIT_VALUES[m.group(1)] == 1:  # 两三成: 20% to 30%
        return {"low": 10 * _CN_DIGIT_VALUES[m.group(1)], "high": 10 * _CN_DIGIT_VALUES[m.group(2)]}, False, "%"
    d = _tenths(t)
    return None if d is None else ({"amount": _to_number(d)}, False, "%")


def numeric_value(label: str, text: str, before: str = "", after: str = "",
                  normalised: bool = False) -> dict[str, Any] | None:
    """The schema's value object for a MONEY, PERCENT or QUANTITY mention, or None.

    `text` is the span (number and unit); `before`/`after` are the neighbouring text, read for
    qualifiers that stay outside the span (`近31%`, `18%以上`). A 多/余 inside the span also
    sets mod "more". Keys whose value is null are omitted, as in the gold.
    """
    if not isinstance(text, str) or label not in ("MONEY", "PERCENT", "QUANTITY"):
        return None
    try:
        return _numeric_value(label, _tidy(_clean(text, normalised)), qualifier_mod(before, after, normalised))
    except ArithmeticError:  # Decimal overflow or invalid operation on absurd input
        return None


_SPACED_DIGITS_RE = re.compile(r"[\d. ]+[成折%]|[百千万]分之[\d. ]+")
# A range that writes its unit on both ends (100元至200元, 3公里到5公里) is a range of that unit.
_UNIT_TWICE_RE = re.compile(
    rf"({_AMOUNT_PART})([^{RANGE_CONNECTORS}\d]+?)\s*([{RANGE_CONNECTORS}])\s*({_AMOUNT_PART})\2")


def _unit_once(t: str) -> str:
    m = _UNIT_TWICE_RE.fullmatch(t)
    return f"{m.group(1)}{m.group(3)}{m.group(4)}{m.group(2)}" if m else t


def _money_parts(t: str) -> tuple[str, str] | None:
    """(number text, ISO code); 块 alone is the everyday 元 (read where money was found: 花了十五块)."""
    m = _CURRENCY_RE.search(t)
    if m:
        return t[:m.start()].strip(), CURRENCIES[m.group(1)]
    return (t[:-1].strip(), "CNY") if t.endswith("块") else None


def _numeric_value(label: str, t: str, outer: str | None) -> dict[str, Any] | None:
    if not t:
        return None
    if label != "PERCENT":
        t = _unit_once(t)
    if label == "PERCENT":
        if " " in t and _SPACED_DIGITS_RE.fullmatch(t):  # 7 2 折, 1 2 . 5 %: layout spaces inside the number
            t = t.replace(" ", "")
        got = _percent_value(t)
        if got is None:
            return None
        nums, inner, unit = got
        return _finish(nums, unit, outer or ("more" if inner else None))
    if label == "MONEY":
        parts = _money_parts(t)
        got = _amounts(parts[0]) if parts else None
        if got is None:
            return None
        return _finish(got[0], parts[1], outer or ("more" if got[1] else None))
    m = _PLAIN_QTY_RE.fullmatch(t)
    if m:
        return _finish({"amount": int(m.group(1))}, m.group(2).strip(), outer)
    m = _QTY_RE.fullmatch(t)
    if not m:
        return None
    num_t, unit = m.group(1), m.group(2).strip()
    got = _amounts(num_t) if unit else None
    if got is None:
        return None
    return _finish(got[0], unit, outer or ("more" if got[1] else None))


# --- dates ----------------------------------------------------------------------------------

_CN_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_HALVES = {"上半年": "H1", "下半年": "H2"}
_QUARTER_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# The lenient forms of the shared date grammar (extractors.grammar), with the groups `_side` reads.
_Y = rf"{year(strict=False)}{year_suffix(strict=False)}"
_M = rf"(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}|[xX]{{2}}){month_suffix(strict=False)}"
# A day number after its month needs no 日 at the end of a date (八月十五, 10月25).
_D = r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3}|[xX]{2})(?:[日号]|(?P<d_end>$))"
_BARE = r"(?P<bare>\d{1,4}(?![\d:时点])|[一二三四五六七八九十]{1,3})"
_PERIOD = period(strict=False)
_TIME = clock(strict=False)
_SIDE_RE = re.compile(rf"(?:{_Y})?(?:{_PERIOD})?(?:{_M})?(?:{_D})?{_BARE}?\s*{_TIME}")
# Digits in year-month-day order (2010-01-29, 2010.01.29, 2010 01 29), then a clock time if any.
_ISO_RE = re.compile(rf"(?P<y>\d{{4}})(?P<sep>[-/. ])(?P<m>\d{{1,2}})(?:(?P=sep)(?P<d>\d{{1,2}}))?(?:T|\s*){_TIME}")
# Digits with the year last are day-month-year (13.5.2015), the order used wherever the year comes
# last outside the United States; the year-first order above is the Chinese one.
_DMY_RE = re.compile(r"(?P<d>\d{1,2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})")
# A year is written with two or four digits: in 27-7-3 the one-digit end is the day, so the
# two-digit start is the year (year-month-day, the Chinese order).
_SHORT_YMD_RE = re.compile(r"(?P<y>\d{2})(?P<sep>[-/])(?P<m>\d{1,2})(?P=sep)(?P<d>\d)")
_NAMED_DAY_RE = re.compile(r"(?P<m>\d{1,2})[./·•・](?P<d>\d{1,2})")  # 5.12, 4·26, 12/1: month, day


def _small(s: str | None) -> int | None:
    if s is None:
        return None
    if s.isdigit():
        return int(s)
    d = _cn_decimal(s)
    return None if d is None else int(d)


def _year(s: str) -> str | None:
    """'2016', or 'XXXX' for a placeholder; two-digit years are read as 19xx/20xx, three-digit
    ones as written (789年 -> 0789), 两千零四 as a number."""
    if re.fullmatch(r"(?:19|20)?[xX×]{2}", s):
        return "XXXX"
    if s.startswith("两千"):
        n = _small(s)
        return None if n is None else f"{n:04d}"
    s = s.translate(_CN_YEAR_DIGITS)
    if len(s) == 2 and s.isdigit():
        return ("19" if int(s) >= 50 else "20") + s
    return s.zfill(4) if len(s) in (3, 4) and s.isdigit() else None


def _side(text: str) -> dict[str, Any] | None:
    """Components of one point: y m d period H Mi, plus a trailing bare number (range left side)."""
    t = text.strip()
    m = _ISO_RE.fullmatch(t) or _DMY_RE.fullmatch(t) or _SHORT_YMD_RE.fullmatch(t)
    if m:
        g = m.groupdict()
        y = g["y"] if len(g["y"]) == 4 else _year(g["y"])
        month, day = int(g["m"]), _small(g["d"])
        if month > 12 and day is not None and day <= 12 and m.re is _DMY_RE:  # 5/13/2015: month first
            month, day = day, month
        return _clock(g, {"y": y, "m": month, "d": day}, t)
    m = _NAMED_DAY_RE.fullmatch(t)
    if m:
        return {"m": int(m.group("m")), "d": int(m.group("d"))}
    m = _SIDE_RE.fullmatch(t)
    if not m or not t:
        return None
    g = m.groupdict()
    out: dict[str, Any] = {}
    if g["y"] is not None:
        out["y"] = _year(g["y"])
        if out["y"] is None:
            return None
    if g["period"]:
        p = g["period"]
        out["period"] = _HALVES.get(p) or f"Q{_QUARTER_NUM[p.lstrip('第Qq')[0]]}"
    if g["d_end"] is not None and g["m"] is None:  # no month before it: a bare number (1 in 1-10月)
        g["bare"], g["d"] = g["d"], None
    for k in ("m", "d"):
        if g[k] is not None:
            if g[k].lower() == "xx":
                out[k] = "XX"
                continue
            out[k] = _small(g[k])
            if out[k] is None:
                return None
    if g["bare"] is not None:
        out["bare"] = _small(g["bare"])
    out = _clock(g, out, t)
    if out is None or not any(k in out for k in ("y", "m", "d", "bare", "period")):
        return None
    return out


def _clock(g: dict[str, Any], out: dict[str, Any], t: str) -> dict[str, Any] | None:
    """Adds H and Mi from the clock groups: 下午3时 = 15:00, 3点半 = 03:30; None if unreadable."""
    if g.get("H") is None:
        return out
    out["H"] = _small(g["H"])
    out["Mi"] = _small(g["Mi"]) if g.get("Mi") is not None else (30 if t.endswith("半") else 0)
    if g.get("Q"):
        out["Mi"] = 15 if g["Q"] == "一" else 45
    if out["H"] is None or out["Mi"] is None:
        return None
    if g.get("pod") in _AFTERNOON and out["H"] < 12 and not (g["pod"] in PAST_MIDNIGHT and out["H"] < 5):
        out["H"] += 12
    if g.get("S") is not None:  # seconds stay in the value (2023-09-01T14:30:05)
        out["S"] = int(g["S"])
    return out


def _render(c: dict[str, Any]) -> str | None:
    y = c.get("y") or "XXXX"
    if "m" in c and c["m"] != "XX" and not 1 <= c["m"] <= 12:
        return None
    if "d" in c and c["d"] is not None and c["d"] != "XX":
        month = c.get("m") if isinstance(c.get("m"), int) else 1
        if not 1 <= c["d"] <= _MONTH_DAYS[month - 1]:
            return None
    if c.get("y") == "XXXX" and not any(c.get(k) not in (None, "XX") for k in ("m", "d")):
        return None  # a placeholder year and nothing else known: 20xx年
    if "period" in c and "m" not in c:
        return f"{y}-{c['period']}" if c.get("y") else f"XXXX-{c['period']}"
    if c.get("m") is None and c.get("d") is None:
        return y if c.get("y") else None
    out = y + "-" + ("XX" if c.get("m") in (None, "XX") else f"{c['m']:02d}")
    if c.get("d") not in (None, "XX"):
        out += f"-{c['d']:02d}"
        if c.get("H") is not None and c["H"] != "XX":
            if not (0 <= c["H"] <= 24 and 0 <= c.get("Mi", 0) <= 59):
                return None
            out += f"T{c['H']:02d}:{c.get('Mi', 0):02d}" + (f":{c['S']:02d}" if "S" in c else "")
    return out


_UNIT_ORDER = ("y", "m", "d")
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _apply_bare(left: dict[str, Any], right: dict[str, Any]) -> None:
    """`1-10月`: a bare number on the left takes the unit of the right side's first component."""
    bare = left.pop("bare", None)
    if bare is None:
        return
    for k in _UNIT_ORDER:
        if k in right:
            if k == "y":
                left["y"] = _year(str(bare))
            else:
                left[k] = bare
            return


def timex(text: str, normalised: bool = False) -> str | None:
    """TIMEX3-style value of a DATE mention (schema DATE section), or None.

    `2016年` -> 2016; `4月19日` -> XXXX-04-19; `2022-11-03 15:04` -> 2022-11-03T15:04;
    `2016年上半年` -> 2016-H1; `2013年度`/`2019年底` -> the year; `1-10月` ->
    XXXX-01/XXXX-10; `6月1日至3日` -> XXXX-06-01/XXXX-06-03; `5.12`/`4·26` -> XXXX-05-12;
    `四月份` -> XXXX-04; a placeholder year alone (`20xx年`, `XX年`) -> None.
    """
    if not isinstance(text, str):
        return None
    try:
        return _timex(_between(_tidy(_clean(text, normalised)).strip("“”\"'‘’「」『』()[]")))
    except (ArithmeticError, ValueError):  # numerals cn2an reads but int() cannot hold
        return None


# Most dates are a year alone (2016年, 2013年度, 2019年底): read at once, to the general path's value.
_PLAIN_YEAR_RE = re.compile(r"(\d{4})年[度底初末中]?")


_WEEKDAY_RE = re.compile("[,、(]?(?:" + "|".join(lexicon.words("weekday_words")) + r")[一二三四五六七日天1-7]\)?$")
_BETWEEN_RE = re.compile("(.+?)(?:" + "|".join(lexicon.words("between_words")) + ")(.+?)(?:"
                         + "|".join(lexicon.words("between_ends")) + ")")


def _between(t: str) -> str:
    """`A和B之间` is the range A至B; a weekday after a date restates it (10月12号,星期一)."""
    t = _WEEKDAY_RE.sub("", t) if t[-1:] in "一二三四五六七日天1234567)" else t
    m = _BETWEEN_RE.fullmatch(t) if t.endswith("间") else None
    return f"{m.group(1)}至{m.group(2)}" if m else t


_CLOCK_ONLY_RE = re.compile(_TIME)


def _clock_side(text: str) -> dict[str, Any] | None:
    """The right side of 晚上7:00到8:00: a clock time alone, which takes its day from the left."""
    m = _CLOCK_ONLY_RE.fullmatch(text.strip())
    return _clock(m.groupdict(), {}, text.strip()) if m and m.group("H") else None


def _timex(t: str) -> str | None:
    if not t:
        return None
    plain = _PLAIN_YEAR_RE.fullmatch(t)
    if plain:
        return plain.group(1)
    whole = _side(t)
    if whole is not None and "bare" not in whole:
        out = _render(whole)
        return out if out and TIMEX_RE.fullmatch(out) else None
    for m in re.finditer(rf"\s*[{RANGE_CONNECTORS}]\s*", t):
        left, right = _side(t[:m.start()]), _side(t[m.end():]) or _clock_side(t[m.end():])
        if left is None or right is None:
            continue
        if _bare_years(left, right):
            return f"{left['y']}/{right['y']}"
        if "bare" in right:
            continue
        if isinstance(left.get("H"), int) and set(right) == {"H", "Mi"} and left["H"] >= 12 > right["H"] \
                and right["H"] + 12 > left["H"]:
            right["H"] += 12  # 晚上7:00到8:00: the later end keeps the part of the day
        _apply_bare(left, right)
        if "bare" in left:
            continue
        # The right side inherits what it leaves out: 6月1日至3日 -> month 6 on both.
        for k in _UNIT_ORDER:
            if k in right:
                break
            if k in left:
                right[k] = left[k]
        a, b = _render(left), _render(right)
        if a and b:
            out = f"{a}/{b}"
            return out if TIMEX_RE.fullmatch(out) else None
    if whole is not None and set(whole) <= {"bare", "y"} and whole.get("bare") and len(str(whole["bare"])) == 4:
        return str(whole["bare"])  # a bare year before a name: 2013中国·…
    return None


def _bare_years(left: dict[str, Any], right: dict[str, Any]) -> bool:
    """2016-2018, 2016到2018: two four-digit numbers joined into one date are years (sets y)."""
    years = [str(side.get("bare", "")) for side in (left, right)]
    if set(left) != {"bare"} or set(right) != {"bare"} or not all(re.fullmatch(r"[12]\d{3}", y) for y in years):
        return False
    left["y"], right["y"] = years
    return True


QUALIFIER_WINDOW = 4  # clean characters read on each side of a number for its qualifiers


def span_value(label: str, clean: str, start: int, end: int) -> Any:
    """The schema value of clean span [start, end): names are the clean text itself, numbers and
    dates go through `numeric_value` / `timex` with the neighbouring text read for qualifiers."""
    text = clean[start:end]
    if label == "DATE":
        return timex(text, normalised=True)
    if label in ("MONEY", "PERCENT", "QUANTITY"):
        return numeric_value(label, text, clean[max(0, start - QUALIFIER_WINDOW):start],
                             clean[end:end + QUALIFIER_WINDOW], normalised=True)
    return text or None
