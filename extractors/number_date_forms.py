"""Further number and date forms found in running text, beside `extractors.number_date_rules`.

Each form is general Chinese usage the main rules leave out; its hits carry the main rules'
priority, so where both match the longer span wins (`2010-01-29早上七点` over `2010-01-29`):
* PERCENT in tenths: 三成, 8.5折, 七五折, 半成, 对折 (not 一成不变, 成员: followers in a word list);
* PERCENT as percentage points in Chinese numerals: 六个百分点, 一百五十个百分点;
* DATE with a two-digit year before its month (18年10月1日) or with a leading zero (08年, 零八年);
* DATE as a day of the month alone with 日 (29日), not a span of days (7日内);
* DATE as a Chinese-numeral day without 日 right after its month (八月十五, 一月二十三);
* DATE as a clock time after a date (2010-01-29早上七点, 1月19号下午5:00);
* DATE ranges written "A和B之间" (2015年和2018年之间), and two four-digit years joined by a
  range connector (2016到2018).
Values come from `extractors.values`, as for every rule.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from extractors import lexicon
from extractors.base import Hit
from extractors.grammar import CN_DIGITS, MULTIPLIER_RUN, QUARTER_HOURS, part_of_day
from extractors.number_date_rules import AMOUNT_UNIT, PERCENT_PATTERNS, identifier
from extractors.patterns import holds_any
from extractors.values import numeric_value, tidied, timex

_PRIORITY = 2  # as the main number and date rules
_CN = CN_DIGITS + "十"

# --- percentages ---------------------------------------------------------------------------
# 十成 is all of it; 折 counts one to nine tenths of the price (十折 is no usage).

_TENTHS_FOLLOWERS = lexicon.chars("tenths_followers")
_TENTHS_RE = re.compile(
    rf"(?<![\d.{_CN}百千万亿])(?<!\d\s)(?:(?:\d{{1,2}}(?:\.\d)?|[{_CN}]{{1,2}}(?:点[{CN_DIGITS}])?|半)成"
    rf"(?:半|[一二三四五六七八九](?![{_CN}百千万亿成折个年月日天人]))?"
    rf"|(?:\d{{1,2}}(?:\.\d)?|[{CN_DIGITS}]{{1,2}}(?:点[{CN_DIGITS}])?|半)折)(?![{_TENTHS_FOLLOWERS}])"
    "|(?<=打)(?:" + "|".join(lexicon.words("tenths_words")) + ")")  # 打对折; 对折 alone is "fold in two"
_CN_POINTS_RE = re.compile(rf"(?<![\d{_CN}百千万亿点])[{_CN}百千万亿点]+个?百分点")


def _percent_hits(clean: str) -> Iterator[Hit]:
    if holds_any(clean, ("成", "折")):
        for m in _TENTHS_RE.finditer(clean):
            yield from _numeric(clean, m, "PERCENT")
    if "百分点" in clean:
        for m in _CN_POINTS_RE.finditer(clean):
            yield from _numeric(clean, m, "PERCENT")
    if "%" in clean:
        for m in _SIGN_RE.finditer(clean):
            yield from _numeric(clean, m, "PERCENT")
    if "分之" in clean:
        for m in _PROPORTION_RANGE_RE.finditer(clean):
            yield from _numeric(clean, m, "PERCENT")


_CN_AMOUNT = rf"[{_CN}百千万亿]+(?:点[{CN_DIGITS}]+)?"
_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
# A percent sign after Chinese numerals (三十%) or after a layout space (98.5 %).
_SIGN_RE = re.compile(rf"(?<![\d.,{_CN}百千万亿点])(?:{_CN_AMOUNT}\s?|{_DIGITS}\s)%")
# Two proportions joined as a range; the second may leave out its denominator (百分之十到二十).
_PROPORTION_RANGE_RE = re.compile(
    rf"(?<![{_CN}百千万亿])[{_CN}百千万]+分之(?:{_CN_AMOUNT}|{_DIGITS})\s?[至到\-~～—]\s?"
    rf"(?:[{_CN}百千万]+分之)?(?:{_CN_AMOUNT}|{_DIGITS})(?![\d.{_CN}百千万亿点])")

# Digits spaced out by the layout (7 2 折, 1 2 . 5 %, 百分之 1 2): one number before a percent mark
# or after 百分之; only matches holding a space between digits are taken (the others are the rules').
_SPACED_NUMBER = r"\d(?: ?[.．]? ?\d)*"
_SPACED_DIGITS_RE = re.compile(rf"(?<![\d.])(?:{_SPACED_NUMBER} ?[%成折]|[百千万]分之 ?{_SPACED_NUMBER})(?![\d.])")
_DIGIT_GAP_RE = re.compile(r"[\d.] +[\d.]")

_SPACED_PERCENT = (_TENTHS_RE, _CN_POINTS_RE, *PERCENT_PATTERNS)


def _spaced_digit_hits(clean: str) -> Iterator[Hit]:
    for m in _SPACED_DIGITS_RE.finditer(clean):
        if _DIGIT_GAP_RE.search(m.group()):
            yield from _numeric(clean, m, "PERCENT")


def _spaced_percent_hits(clean: str) -> Iterator[Hit]:
    """Percentages written with layout spaces or formal numerals (百 分 之 五, 四点 五个百分点, 萬分之肆):
    found in the tidy text, mapped back to the clean text."""
    tidy, kept = tidied(clean)
    if tidy == clean or not holds_any(tidy, ("成", "折", "百分点", "分之", "%")):
        return
    for pattern in _SPACED_PERCENT:
        for m in pattern.finditer(tidy):
            start, end = kept[m.start()], kept[m.end() - 1] + 1
            if " " in clean[start:end] or clean[start:end] != m.group():
                yield from _numeric(clean, _Span(start, end, clean[start:end]), "PERCENT")


@dataclass(frozen=True)
class _Span:
    """A found stretch with the three methods `_numeric` reads of a match."""

    s: int
    e: int
    text: str

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e

    def group(self) -> str:
        return self.text


def _numeric(clean: str, m: re.Match[str] | _Span, label: str) -> Iterator[Hit]:
    value = numeric_value(label, m.group(), clean[max(0, m.start() - 4):m.start()], clean[m.end():m.end() + 3],
                          normalised=True)
    if value is not None:
        yield Hit(m.start(), m.end(), label, value, priority=_PRIORITY)


# --- dates -----------------------------------------------------------------------------------------

_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]|[一二三四五六七八九十])月"
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])[日号]"
_CN_DAY = r"(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?)(?![日号])"
_CLOCK = rf"(?:{part_of_day(strict=True)})?\s?" \
         rf"(?:(?:[01]?\d|2[0-4])(?::[0-5]\d|[时点](?:[0-5]?\d分?|半|{QUARTER_HOURS})?)" \
         rf"|(?:十[一二]?|[一二两三四五六七八九])点(?:半|{QUARTER_HOURS}|[一二三四五]?十[一二三四五六七八九]?分?)?)"
_SHORT_YEAR_DATE_RE = re.compile(
    rf"(?<![\d.])\d{{2}}\s?年\s?{_MONTH}(?:{_DAY})?(?:\s?[至到\-~]\s?(?:(?:\d{{2}}年)?{_MONTH})?{_DAY})?"
    rf"|(?<![\d.])0\d\s?年|(?<![{_CN}])零[{CN_DIGITS}]年"
    rf"|(?<![{_CN}])(?:两千(?:零[一二三四五六七八九]|[一二三四五六七八九]?十[一二三四五六七八九]?)?|[{CN_DIGITS}]{{3}})年{_MONTH}"
    rf"(?:{_DAY}|{_CN_DAY})?")
# A year, a month and a day written with spaces (2008 年, 2018年 12月), as text taken from PDFs has
# them (only matches holding a space are taken: the others are the main rules').
_SPACED_DATE_RE = re.compile(
    rf"(?<![\d.])[12]\d{{3}}\s?年(?:\s?{_MONTH}(?:{_DAY})?)?"
    rf"(?:\s?[至到\-]\s?[12]\d{{3}}\s?年)?"
    rf"|(?<![\d.])[12]\d{{3}} (?:0[1-9]|1[0-2]) (?:0[1-9]|[12]\d|3[01])(?![\d.])")
# Digits with the year last (13.5.2015, 1/2/2020): day, month, year, or month first where the
# second number is no month (5/13/2015).
_DMY_RE = re.compile(r"(?<![\d./])(?:3[01]|[12]\d|0?[1-9])([./\-])(?:3[01]|[12]\d|0?[1-9])\1(?:19|20)\d{2}"
                     r"(?![\d./]|-(?!\d))")
# Not a span of days (7日内, 7日以后); 之间 closes a range (3月5日与7日之间), 之内/之后 do not.
_DAY_ALONE_RE = re.compile(r"(?<![\d.月\-/])(?:3[01]|[12]\d|[1-9])日(?![内前后起以]|之(?!间))")
_CN_DAY_TAIL_RE = re.compile(_CN_DAY)
# An Arabic day without 日 after its month (截至5月20，), only where the text goes on with no more
# of an amount: punctuation, the end, or a word that follows a date.
_AR_DAY_TAIL_RE = re.compile(r"(?:3[01]|[12]\d|0?[1-9])(?![\d.%])(?=$|[\s，,。；;、：:！!？?）)」”\"前后起至到的])")
_WEEKDAY = "(?:" + "|".join(lexicon.words("weekday_words")) + ")[一二三四五六日天]"
_WEEKDAY_TAIL_RE = re.compile(rf"[,，、]?\s?{_WEEKDAY}|\s?[(（]{_WEEKDAY}[)）]")
_JOIN_RE = re.compile(r"\s?[至到\-—~～]\s?")
_CLOCK_TAIL_RE = re.compile(_CLOCK)
_YEAR_RANGE_RE = re.compile(r"(?<![\d.\-/])(?:19|20)\d{2}\s?[至到\-—~～]\s?(?:19|20)\d{2}(?![\d年.%/\-])")
_BETWEEN = "|".join(lexicon.words("between_words"))
_BETWEEN_END = "|".join(lexicon.words("between_ends"))
_MEASURE_START = re.compile(rf"[{_CN}百千万亿个名家项人次元岁]")


# Years written in Chinese numerals, with their month and day: 两千零八年, 九八年十月, 一九年二月三日;
# two rising neighbours (七八年, 两三年) are an estimate of years, not a year, and so is anything
# followed by 代 (年代).
_ONE_TO_NINE = "[一二三四五六七八九]"
_CN_YEAR_RE = re.compile(rf"(?<![{_CN}百千万亿第])(?:两千(?:零{_ONE_TO_NINE}|{_ONE_TO_NINE}?十{_ONE_TO_NINE}?)?"
                         rf"|(?P<two>[〇零一二三四五六七八九]{{2}}))年(?![代级])(?:{_MONTH}(?:{_DAY}|{_CN_DAY})?)?")
_CN_DIGIT_VALUE = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0}
# A two- or three-digit year after a preposition of time (于98年, 从07年起, 在789年); not a span of
# years (在20年里, 20年内, 20年前).
_SHORT_YEAR_RE = re.compile(r"(?<=[在于从自至])\d{2,3}\s?年(?![代级内里来间多余半前后度])")
# Months in Chinese numerals joined as a range with one 月: 一至三月, 2018年三到五月.
_CN_MONTH = "(?:十[一二]?|[一二三四五六七八九])"
# Not after a weekday or a lunar day (星期一到十月一日, 初一到三月): their numeral is no month.
_NOT_MONTH_BEFORE = rf"(?<![{_CN}百千万亿第期周拜初])"
_CN_MONTH_RANGE_RE = re.compile(rf"(?:(?<![\d.])[12]\d{{3}}年)?{_NOT_MONTH_BEFORE}{_CN_MONTH}\s?[至到\-~～—]\s?"
                                rf"{_CN_MONTH}月份?")
# A month in Chinese numerals, then a range of days in Arabic digits with one 日: 一月19到20日.
_CN_MONTH_DAYS_RE = re.compile(rf"{_NOT_MONTH_BEFORE}{_CN_MONTH}月(?:3[01]|[12]\d|0?[1-9])\s?[至到\-~～—]\s?"
                               r"(?:3[01]|[12]\d|0?[1-9])[日号]")
# Digits with a two-digit year: 3-7-07, 05/05/89 (day, month, year) and 27-7-3 (year, month, day).
_SHORT_NUMERIC_DATE_RE = re.compile(r"(?<![\d./\-:])\d{1,2}([-/])\d{1,2}\1\d{1,2}(?![\d./\-:%])")


# A month and a day with a slash (12/1): only where the pair cannot be a proper fraction (the first
# number is the larger), nothing of an amount follows and no ratio is spoken of (3/2的比例, 占).
_MONTH_SLASH_DAY_RE = re.compile(r"(?<![\d./\-:])(1[0-2]|[1-9])/(3[01]|[12]\d|[1-9])(?![\d./\-:%])")


def _month_slash_day_hits(clean: str) -> Iterator[Hit]:
    for m in _MONTH_SLASH_DAY_RE.finditer(clean):
        near = clean[max(0, m.start() - 6):m.end() + 4]
        if int(m.group(1)) > int(m.group(2)) and not _MEASURE_START.match(clean, m.end()) \
                and "比" not in near and "占" not in near:
            hit = _date_hit(clean, *m.span())
            if hit:
                yield hit


def _year_forms(clean: str) -> Iterator[Hit]:
    for m in _CN_YEAR_RE.finditer(clean):
        two = m.group("two")
        if two and _CN_DIGIT_VALUE[two[1]] - _CN_DIGIT_VALUE[two[0]] == 1:
            continue
        hit = _date_hit(clean, *m.span())
        if hit:
            yield hit
    for pattern in (_SHORT_YEAR_RE, _CN_MONTH_RANGE_RE, _CN_MONTH_DAYS_RE, _SHORT_NUMERIC_DATE_RE):
        for m in pattern.finditer(clean):
            hit = _date_hit(clean, *m.span())
            if hit:
                yield hit


def _date_hit(clean: str, start: int, end: int) -> Hit | None:
    value = timex(clean[start:end], normalised=True)
    return None if value is None else Hit(start, end, "DATE", value, priority=_PRIORITY)


def _extended(clean: str, found: Sequence[Hit]) -> Iterator[Hit]:
    """Dates found by the main rules, extended by a clock time or a Chinese-numeral day after them,
    and two of them joined as `A和B之间`."""
    for h in found:
        m = _CLOCK_TAIL_RE.match(clean, h.end)
        if m and m.end() > h.end and re.search(r"\d|点", m.group()):
            hit = _date_hit(clean, h.start, m.end())
            if hit:
                yield hit
        if clean[h.start:h.end].endswith("月"):
            m = _CN_DAY_TAIL_RE.match(clean, h.end)
            if not m and clean[h.end - 2:h.end - 1].isdigit():
                m = _AR_DAY_TAIL_RE.match(clean, h.end)
            if m and not _MEASURE_START.match(clean, m.end()):
                hit = _date_hit(clean, h.start, m.end())
                if hit:
                    yield hit
        m = _WEEKDAY_TAIL_RE.match(clean, h.end)  # 10月12号，星期一: the weekday restates the date
        if m:
            hit = _date_hit(clean, h.start, m.end())
            if hit:
                yield hit
    yield from _joined(clean, found)


def _joined(clean: str, found: Sequence[Hit]) -> Iterator[Hit]:
    """Two dates joined into one range: `A和B之间`, `2018/1/10-2018/7/10`, `晚上7:00到8:00`."""
    for a, b in zip(found, found[1:]):
        gap = clean[a.end:b.start]
        between = re.fullmatch(rf"\s?(?:{_BETWEEN})\s?", gap)
        tail = re.match(_BETWEEN_END, clean[b.end:]) if between else None
        end = b.end + tail.end() if tail else b.end if _JOIN_RE.fullmatch(gap) else None
        if end is not None:
            hit = _date_hit(clean, a.start, end)
            if hit:
                yield hit
    for h in found:
        m = _JOIN_RE.match(clean, h.end)
        c = _CLOCK_TAIL_RE.match(clean, m.end()) if m and re.search(r"\d[:时点]", clean[h.start:h.end]) else None
        if c and re.search(r"\d", c.group()):
            hit = _date_hit(clean, h.start, c.end())
            if hit:
                yield hit


def find_date_forms(clean: str, found: Sequence[Hit]) -> list[Hit]:
    """The date forms above; `found` are the main rules' dates, which some forms extend or join."""
    own = []
    for pattern, needs in ((_SHORT_YEAR_DATE_RE, ("年",)), (_SPACED_DATE_RE, (" ",)), (_DAY_ALONE_RE, ("日",)),
                           (_YEAR_RANGE_RE, ()), (_DMY_RE, (".", "/", "-"))):
        if needs and not holds_any(clean, needs):
            continue
        for m in pattern.finditer(clean):
            hit = None if pattern is _SPACED_DATE_RE and " " not in m.group() else _date_hit(clean, *m.span())
            if hit:
                own.append(hit)
    if "年" in clean or "月" in clean or "-" in clean or "/" in clean:
        own.extend(_year_forms(clean))
    if "/" in clean:
        own.extend(_month_slash_day_hits(clean))
    dates = sorted([*found, *own], key=lambda h: (h.start, -h.end))
    return own + list(_extended(clean, dates))


# --- amounts with a currency or a measure word ------------------------------------------------------
_NUM_LEAD = r"(?<![\d.,A-Za-z/\\_])"
_AMOUNT = rf"{_DIGITS}[多余]?{MULTIPLIER_RUN}[多余]?"
_CONNECT = r"\s?[至到\-~～—]\s?"
_AMOUNT_FORMS = (
    # Two multiplier groups in one amount: 1亿5千万元, 3亿2000万元, 1万5千人.
    re.compile(rf"{_NUM_LEAD}{_DIGITS}[亿万](?:零?\d+(?:\.\d+)?[十百千万]{{0,2}})+{AMOUNT_UNIT}"),
    # A layout space between the number and its unit (3 公里, 10 cm, 500 元), as in text from PDFs.
    # Only 万 and 亿 stand before the space: a 千 or 百 there may begin the unit (5千 克 is no 5千克).
    re.compile(rf"{_NUM_LEAD}{_DIGITS}[多余]?[万亿]*[多余]? {{1,2}}{AMOUNT_UNIT}"),
    # A range that writes its unit on both ends: 100元至200元, 3公里到5公里.
    re.compile(rf"{_NUM_LEAD}{_AMOUNT}(?P<unit>{AMOUNT_UNIT}){_CONNECT}{_AMOUNT}(?P=unit)(?!百分)"),
)


# 块 is the everyday word for 元: a Chinese-numeral amount before it at the end of a clause is money
# after a word of paying (花了十五块。); else 块 counts pieces (切成三块。). 块钱 is the main rules'.
_KUAI_RE = re.compile(rf"(?<![{_CN}百千万亿])[{_CN}百千万亿]+块(?=$|[\s，,。；;！!？?、”」)）])")
_PRICE_WORDS = lexicon.words("price_words")


def _kuai_hits(clean: str) -> Iterator[Hit]:
    for m in _KUAI_RE.finditer(clean):
        if any(w in clean[max(0, m.start() - 6):m.start()] for w in _PRICE_WORDS):
            yield from _numeric(clean, m, "MONEY")


def _amount_hits(clean: str) -> Iterator[Hit]:
    for pattern in _AMOUNT_FORMS:
        for m in pattern.finditer(clean):
            if not identifier(m.group(), clean, m.start()):
                yield from _numeric(clean, m, "MONEY" if m.group("currency") else "QUANTITY")


def find_number_forms(clean: str) -> Iterator[Hit]:
    yield from _percent_hits(clean)
    yield from _spaced_percent_hits(clean)
    if " " in clean:
        yield from _spaced_digit_hits(clean)
    if "块" in clean:
        yield from _kuai_hits(clean)
    yield from _amount_hits(clean)
