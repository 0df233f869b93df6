"""Rules that find numbers and dates (MONEY, PERCENT, QUANTITY, DATE) in clean text.

The patterns are the strict forms of the shared grammar (`extractors.grammar`); the values of
what they find come from `extractors.values`, which reads the lenient forms of the same grammar.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from extractors import lexicon
from extractors.base import Hit
from extractors.grammar import (
    APPROX_MARKS,
    CN_MULTIPLIERS,
    CN_NUMERALS,
    CONNECTOR,
    MULTIPLIER_RUN,
    YEAR_DIGITS,
    clock,
    month_suffix,
    part_of_day,
    period,
    year,
    year_suffix,
)
from extractors.patterns import HAN, Scanner, alternation, holds_any
from extractors.values import CURRENCIES, numeric_value, qualifier_mod, timex


def _compound_units() -> dict[str, str]:
    """Units built from a length: areas and volumes (平方米, 立方英尺) and speeds (公里/小时, 米每秒, km/h)."""
    out: dict[str, str] = {}
    times = lexicon.words("time_units")
    for unit in lexicon.words("length_units"):
        if unit.isascii():
            out.update({f"{unit}/{t}": "" for t in times if t.isascii()})
        else:
            out.update({f"平方{unit}": "", f"立方{unit}": ""})
            out.update({f"{unit}{sep}{t}": "" for t in times if not t.isascii() for sep in ("/", "每")})
    return out


# Measure words, units and classifiers that make a QUANTITY after Arabic digits, each with the
# characters that, following it, make a different word (`3项目` is not `3项` + 目).
MEASURE_WORDS: dict[str, str] = {**_compound_units(), **lexicon.table("measure_words")}

# --- patterns ---------------------------------------------------------------------------------

_CN_NUM = CN_NUMERALS
_NUM = r"\d+(?:,\d{3}(?!\d))*(?:\.\d+)?"
# `22、5万`: a garbled decimal point, recognised only before a multiplier (else `2、3个` is a list).
_GARBLED = rf"\d+、\d+(?=[{APPROX_MARKS}]?[{CN_MULTIPLIERS}])"
_NUMX = rf"(?:{_GARBLED}|{_NUM})"
_MULT = MULTIPLIER_RUN
_AMOUNT = rf"{_NUMX}[{APPROX_MARKS}]?{_MULT}[{APPROX_MARKS}]?"
_CONN = CONNECTOR
_RANGE = rf"{_NUMX}{_MULT}{_CONN}{_AMOUNT}"
_LEAD = r"(?<![\d.A-Za-z/\\_])"

_HAN_UNITS = {u: ex for u, ex in MEASURE_WORDS.items() if not u.isascii()}
# Latin units (km, kg, kW) must end the word: `5kg`, not the start of `5kgs`.
_UNIT = alternation(_HAN_UNITS, _HAN_UNITS) + "|" + "|".join(
    re.escape(u) + r"(?![A-Za-z\d])" for u in sorted(MEASURE_WORDS, key=len, reverse=True) if u.isascii())
_CURRENCY = alternation(CURRENCIES, lexicon.table("currency_followers"))

# An amount and its currency (MONEY) or measure word (QUANTITY); the currency is tried first
# so that 50块钱 is money and 50块 a quantity.
# The number patterns open with a digit, found by the engine's fast scan, and make the _LEAD
# test right after it; the rest is written for a number whose first digit is read (\d+ -> \d*).
# The matches are those of _LEAD(?:_RANGE|_AMOUNT)... (tests/test_rules.py checks this).
_DIGIT_LEAD = r"\d(?<![\d.A-Za-z/\\_]\d)"
# Digit runs are possessive: no unit, currency or % starts with a digit, so giving digits back
# never lets a match through, and the engine is spared retrying every unit after each one.
_NUM_REST = r"\d*+(?:,\d{3}(?!\d))*+(?:\.\d++)?"
_NUMX_REST = rf"(?:\d*+、\d++(?=[多余]?[十百千万亿])|{_NUM_REST})"
_AMOUNT_RE = re.compile(rf"{_DIGIT_LEAD}(?:{_NUMX_REST}{_MULT}{_CONN}{_AMOUNT}|{_NUMX_REST}[多余]?{_MULT}[多余]?)"
                        rf"(?:(?P<currency>{_CURRENCY})|{_UNIT})")
# An amount's unit: its currency (MONEY, group `currency`) or measure word (QUANTITY).
AMOUNT_UNIT = rf"(?:(?P<currency>{_CURRENCY})|{_UNIT})"
# Chinese numerals of money, formal ones (壹仟, 伍佰) and 兆 (10^12 in an amount: 四十九兆九千亿元) included.
_FORMAL = "壹贰叁肆伍陆柒捌玖拾佰仟"
_MONEY_NUM = _CN_NUM + "兆" + _FORMAL
_MONEY_FIRST = "一二两三四五六七八九十" + _FORMAL
MONEY_MULTIPLIERS = frozenset("十百千万亿兆拾佰仟")
_CN_MONEY_RE = Scanner(rf"[{_MONEY_FIRST}](?<![{_MONEY_NUM}].)[{_MONEY_NUM}多余]*(?:{_CURRENCY})",
                         rf"(?<![{_MONEY_NUM}])[{_MONEY_FIRST}][{_MONEY_NUM}]*[多余]?[万亿]*[多余]?"
                         rf"(?:{_CURRENCY})")
# Percentages in digits, and in words (百分之十, 三分之二); the two never overlap.
_PERCENT_RE = re.compile(
    rf"{_DIGIT_LEAD}(?:{_NUM_REST}%?{_CONN}{_NUM}%|{_NUM_REST}%|{_NUM_REST}(?:{_CONN}{_NUM})?个?百分点)")
_CN_PERCENT_RE = re.compile(
    rf"[一二两三四五六七八九十百千万](?<![{_CN_NUM}].)[一二两三四五六七八九十百千万]*分之"
    rf"(?:[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?|\d+(?:,\d{{3}}(?!\d))*(?:\.\d+)?)")
# The two percentage patterns, which `extractors.number_date_forms` also runs on tidied text.
PERCENT_PATTERNS = (_PERCENT_RE, _CN_PERCENT_RE)
# Each with the strings one of which every match holds: a text without them is not scanned.
_NUMBER_PATTERNS = ((_AMOUNT_RE, ()), (_PERCENT_RE, ("%", "百分点")), (_CN_PERCENT_RE, ("分之",)))
_FRACTION_RE = Scanner(r"[1-9](?<![\d/.:\-A-Za-z].)\d{0,2}/",
                        r"(?<![\d/.:\-A-Za-z])([1-9]\d{0,2})/([1-9]\d{0,2})(?![\d/.:%A-Za-z])", needs=("/",))

# The strict forms of the shared date grammar (extractors.grammar).
_YEAR = rf"{year(strict=True)}{year_suffix(strict=True)}"
_PERIOD = period(strict=True)
_MON_AR = r"(?<![\d.])(?:1[0-2]|0?[1-9])"
_MON = (rf"(?:{_MON_AR}|(?<![〇零一二两三四五六七八九十百千万第])(?:十[一二]|[一二三四五六七八九十]))"
        + month_suffix(strict=True))
_DAY_N = r"(?:3[01]|[12]\d|0?[1-9])"
_DAY = rf"(?:{_DAY_N}|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])[日号]"
_POD = part_of_day(strict=True)
_TIME = clock(strict=True)
_DAYPART = rf"{_DAY}(?:{_POD})?{_TIME}?"
_POINT = rf"(?:{_YEAR}(?:{_PERIOD}|{_MON}(?:{_DAYPART})?)?|{_MON}(?:{_DAYPART})?)"
_DCONN = CONNECTOR
# Every date opens with a year or a month: digits (or a 20xx placeholder) before 年, 月 or a
# range connector, or Chinese numerals before 年 or 月.
_CN_DATE_DIGIT = YEAR_DIGITS + "十"
_DATE_START = (rf"[\dxX×{_CN_DATE_DIGIT}](?:(?<=\d)(?<!\d\d)\d{{0,3}}(?:[xX×]{{2}})?(?:年|月|\s?[至到\-—–~～〜])"
               rf"|(?<=[xX×])[xX×]年|(?<=[{_CN_DATE_DIGIT}])[{_CN_DATE_DIGIT}]{{0,3}}[年月])")
_DATE_RE = Scanner(_DATE_START,
    rf"(?<![\d.])[12]\d(?:\d\d|[xX×]{{2}}){_DCONN}[12]\d(?:\d\d|[xX×]{{2}})年(?:度)?"  # 2016-2020年, 20XX-20XX年
    rf"|(?:{_YEAR})?{_MON_AR}月{_DAY_N}{_DCONN}{_DAY_N}[日号]"                   # 6月1-3日
    rf"|(?:{_YEAR})?{_MON_AR}{_DCONN}(?:1[0-2]|0?[1-9])月(?:份)?"                # 1-10月
    rf"|{_POINT}(?:{_DCONN}(?:{_POINT}|{_DAYPART}))?",                          # points, ranges
    needs=("年", "月"))
_ISO_POINT = (r"[12]\d{3}(?:-(?:1[0-2]|0?[1-9])-(?:3[01]|[12]\d|0?[1-9])|/(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])"
              r"|\.(?:1[0-2]|0?[1-9])\.(?:3[01]|[12]\d|0?[1-9]))(?![\d.])"
              r"(?:(?:\s{1,2}|T)(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)?")
_ISO_RE = Scanner(r"[12](?<![\d.].)\d{3}[-/.]", rf"(?<![\d.]){_ISO_POINT}(?:\s?(?:至|到|~|～)\s?{_ISO_POINT})?"
                     r"|(?<![\d.])[12]\d{3}[-/](?:0[1-9]|1[0-2])(?![\d\-/年.])", needs=("-", "/", "."))
# `5.12纪念日`, `4·26世界知识产权日`: the number of a named day.
_NAMED_DAY_RE = Scanner(r"\d(?<![\d.].)\d?[·•・.]",
                         r"(?<![\d.])(?:1[0-2]|0?[1-9])([·•・.])(?:3[01]|[12]\d|0?[1-9])(?![\d.%])",
                         needs=("·", "•", "・", "."))
# With a dot (`5.12`, also a decimal) a day word must follow: 纪念日, 地震, or a name ending in 日/节.
_NAMED_DAY_WORD = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:纪念日|事件|事变|地震|惨案|运动)|[\u4e00-\u9fff]{1,10}?[日节]")
# A day number alone (18号) or a month.day pair (11.20) is a date only before a time or event word, or
# after a word that dates it (截至18号，) where its clause ends.
_DAY_ALONE_RE = Scanner(r"\d(?<![\d.].)\d?号", r"(?<![\d.])(?:3[01]|[12]\d|0?[1-9])号", needs=("号",))
_MONTH_DAY_RE = Scanner(r"\d(?<![\d.].)\d?\.", r"(?<![\d.])(?:1[0-2]|0?[1-9])\.(?:3[01]|[12]\d|0?[1-9])(?![\d.%])",
                        needs=(".",))
_DATE_FOLLOWER_RE = re.compile(r"\s?(?:" + "|".join(lexicon.words("date_followers")) + ")")
_DATE_LEADERS = tuple(lexicon.words("date_leaders"))
_CLAUSE_END_RE = re.compile(r"$|[\s，,。；;、：:！!？?）)」”\"]")
# A bare year before a name: `2013中国·…`.
_BARE_YEAR_RE = Scanner(r"[12](?<![\d.\[〔【(/\-].)[09]\d\d", r"(?<![\d.\[〔【(/\-])(?:19|20)\d{2}(?![\d.%/\-])",
                         needs=("19", "20"))
_DIGITS_RE = re.compile(r"\d+")
_PLACEHOLDER_RE = re.compile("[xX×]")
_NO_SUCH_DAY_RE = re.compile(r"(?:[12]\d{3}年)?(?:0?2月(?:29|30|31)|(?:0?[469]|11)月31)日")
# What may not follow a named day or a bare year: more digits of an amount, a unit, a currency.
_AMOUNT_TAIL_RE = re.compile(rf"[{APPROX_MARKS}{_CN_NUM}]|{_UNIT}|{_CURRENCY}")


# Currency names ending in 元 that name the currency in full (美元, 欧元), unlike a bare 元.
_NAMED_YUAN = tuple(c for c in CURRENCIES if c.endswith("元") and len(c) > 1 and c != "块钱")

# --- finders ------------------------------------------------------------------------------------

def identifier(num: str, clean: str, start: int) -> bool:
    """Ordinals (`第3期`), identifiers (`05102027号`, phone and code numbers) are not amounts."""
    digits = _DIGITS_RE.match(num)
    if digits is None:
        return False
    whole = digits.group(0)
    if len(whole) >= 8 or (len(whole) > 1 and whole[0] == "0"):
        return True
    return clean[max(0, start - 2):start].rstrip().endswith("第")


_RANK_RE = re.compile("(?:" + "|".join(lexicon.words("rank_markers")) + r")\s?$")
_RANK_UNITS = frozenset(lexicon.words("rank_units"))


_CLOCK_MARKS = lexicon.table("clock_marks")


def _rank_or_clock(found: str, clean: str, start: int) -> bool:
    """A place in a ranking (前50名, 位列第3位) and the minutes of a clock reading (8点5分) are not
    amounts of anything."""
    if start > 0 and clean[start - 1] in _CLOCK_MARKS.get(found[-1:], ""):
        return True
    return found[-1:] in _RANK_UNITS and bool(_RANK_RE.search(clean, max(0, start - 3), start))


def _numeric_hit(label: str, clean: str, s: int, e: int) -> Hit | None:
    value = numeric_value(label, clean[s:e], before=clean[max(0, s - 4):s], after=clean[e:e + 3], normalised=True)
    if value is None:
        return None
    return Hit(s, e, label, value, priority=2)


def find_numbers(clean: str) -> Iterator[Hit]:
    """MONEY, PERCENT and QUANTITY; an overlap is settled later by length (`20.5个百分点`)."""
    for pattern, needs in _NUMBER_PATTERNS:
        if not holds_any(clean, needs):
            continue
        for m in pattern.finditer(clean):
            if identifier(m.group(), clean, m.start()):
                continue
            label = "PERCENT" if pattern is not _AMOUNT_RE else "MONEY" if m.group("currency") else "QUANTITY"
            if label == "QUANTITY" and _rank_or_clock(m.group(), clean, m.start()):
                continue
            hit = _numeric_hit(label, clean, m.start(), m.end())
            if hit:
                yield hit
    for m in _CN_MONEY_RE.finditer(clean):
        # `三元` is too ambiguous (三元区, 一元化); a currency named in full (五美元) is not.
        if any(ch in MONEY_MULTIPLIERS for ch in m.group()) or not m.group().endswith(("元", "块钱")) \
                or m.group().endswith(_NAMED_YUAN):
            hit = _numeric_hit("MONEY", clean, m.start(), m.end())
            if hit:
                yield hit
    for m in _FRACTION_RE.finditer(clean):
        a, b = int(m.group(1)), int(m.group(2))
        before, after = clean[max(0, m.start() - 6):m.start()], clean[m.end():m.end() + 2]
        # A fraction is a proportion only in a proportion context (占…2/3, 2/3以上); else a date or code.
        if a < b and ("占" in before or "比" in before or qualifier_mod(before, after, normalised=True)):
            hit = _numeric_hit("PERCENT", clean, m.start(), m.end())
            if hit:
                yield hit


def find_dates(clean: str) -> Iterator[Hit]:
    """DATE: calendar expressions and ranges, ISO dates, named days (`4·26`), bare years before a name."""
    for pattern in (_DATE_RE, _ISO_RE):
        for m in pattern.finditer(clean):
            value = timex(m.group(), normalised=True)
            # No value means no date, unless the year is a placeholder (20xx年) or the mention has the
            # shape of a calendar day the calendar lacks (2月30日): a date, whose value is unknown.
            if value is not None or _PLACEHOLDER_RE.search(m.group()) or _NO_SUCH_DAY_RE.fullmatch(m.group()):
                yield Hit(m.start(), m.end(), "DATE", value, priority=2)
    for m in _NAMED_DAY_RE.finditer(clean):
        rest = clean[m.end():m.end() + 14].lstrip("”\"’」』")
        if m.group(1) == ".":
            ok = bool(_NAMED_DAY_WORD.match(rest))
        else:  # 4·26: a middle dot between two numbers is a named day before a name
            ok = bool(rest) and bool(HAN.match(rest)) and not _AMOUNT_TAIL_RE.match(rest)
        if ok:
            yield Hit(m.start(), m.end(), "DATE", timex(m.group(), normalised=True), priority=2)
    for pattern in (_DAY_ALONE_RE, _MONTH_DAY_RE):
        for m in pattern.finditer(clean):
            if _DATE_FOLLOWER_RE.match(clean, m.end()) or (
                    clean.endswith(_DATE_LEADERS, 0, m.start()) and _CLAUSE_END_RE.match(clean, m.end())):
                yield Hit(m.start(), m.end(), "DATE", timex(m.group(), normalised=True), priority=2)
    for m in _BARE_YEAR_RE.finditer(clean):
        # A layout space may stand between the year and the name (2018 看起来, as text from PDFs has it).
        after = m.end() + 1 if clean[m.end():m.end() + 1] == " " else m.end()
        nxt = clean[after:after + 1]
        if not nxt or not (nxt in "·“\"" or HAN.match(nxt)) or nxt in "年月日号届期版次级第":
            continue
        if _AMOUNT_TAIL_RE.match(clean, after):
            continue
        if clean[max(0, m.start() - 1):m.start()] == "第":
            continue
        yield Hit(m.start(), m.end(), "DATE", m.group(), priority=2)
