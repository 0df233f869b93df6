"""The one date and number grammar: the pieces both finding and parsing build their patterns from.

Finding (`extractors.number_date_rules`) is strict: it scans running text, so its pieces carry
the lookarounds that keep a number inside a longer word or code out (`strict=True`). Parsing
(`extractors.values`) is lenient: it reads a span already found, so it names the parts it needs
as groups and accepts a few more forms (`12年`, `1季度`, `早晨`). Each piece is written once
here; the two forms differ only where the flag says.
"""
from __future__ import annotations

from extractors import lexicon

CN_DIGITS = "零〇一二两三四五六七八九"
CN_MULTIPLIERS = "十百千万亿"
CN_NUMERALS = CN_DIGITS + CN_MULTIPLIERS
YEAR_DIGITS = "〇零一二三四五六七八九"  # a year in Chinese digits: 二〇一六
APPROX_MARKS = "多余"                   # inside an amount: 800多万, 50余家
RANGE_CONNECTORS = "-—–~～〜至到"
CONNECTOR = rf"\s?[{RANGE_CONNECTORS}]\s?"
# A multiplier run, except the 千 of 千克/千米/千瓦/千赫/千字节 and the 百 of 百帕, which begin the unit.
MULTIPLIER_RUN = "(?:[十万亿]|千(?![克米瓦伏卡帕赫字焦])|百(?!帕))*"
PLACEHOLDER_YEAR = r"(?:19|20)?[xX×]{2}"  # 20xx年, XX年
HALF_YEARS = "上半年|下半年"
QUARTER_HOURS = "[一三]刻"  # 3点一刻 = 3:15, 3点三刻 = 3:45
DAY_MARKS = "[日号]"


def year(strict: bool) -> str:
    """A year before 年: four digits, four Chinese digits or a placeholder (parsing: also two or
    three digits, and 两千…)."""
    if strict:
        return (rf"(?:(?<![\d.])[12]\d{{3}}|(?<![{YEAR_DIGITS}十])[{YEAR_DIGITS}]{{4}}"
                rf"|(?<![A-Za-z\d]){PLACEHOLDER_YEAR})")
    # Parsing reads a span already found to be a date: 零八年, 789年, 两千零四年 are years there.
    return rf"(?P<y>\d{{2,4}}|[{YEAR_DIGITS}]{{2,4}}|两千[{YEAR_DIGITS}十]{{0,3}}|{PLACEHOLDER_YEAR})"


def year_suffix(strict: bool) -> str:
    """年 and what may follow it in the same date (年度, 年底; finding: not 初步, 初期)."""
    return "年(?:度|底|末|初(?![步期次始级心衷]))?" if strict else "年(?:度|底|初|末|中)?"


def month_suffix(strict: bool) -> str:
    """月 and what may follow it in the same date (月份, 月底, 上旬)."""
    return "月(?:份|底|末|初(?![步期次])|上旬|中旬|下旬)?" if strict else "月(?:份|底|初|末|上旬|中旬|下旬|中)?"


def period(strict: bool) -> str:
    """A half year or a quarter in Chinese or Arabic numerals (parsing: also 一季)."""
    if strict:
        return rf"(?:{HALF_YEARS}|第?[一二三四1-4]季度|[Qq][1-4](?![\d.]))"
    return rf"(?P<period>{HALF_YEARS}|第?[一二三四1-4]季度|[一二三四]季|[Qq][1-4])"


def part_of_day(strict: bool) -> str:
    """A part of the day before a clock time (下午3时); finding skips words it starts (晚会)."""
    found = lexicon.entries("parts_of_day")
    if strict:
        return "(?:" + "|".join(w + (f"(?![{f}])" if f else "") for w, f in found) + ")"
    return "(?:" + "|".join(w for w, _ in found) + "|" + "|".join(lexicon.words("parts_of_day_parse_only")) + ")"


def clock(strict: bool) -> str:
    """A clock time after a date: 15:04, 3时, 3点半, 3时30分 (parsing: the part of the day too, hours
    and minutes in Chinese numerals, 八点二十, and seconds after a colon)."""
    if strict:
        return rf"(?:\s?(?:[01]?\d|2[0-4])(?::[0-5]\d(?::[0-5]\d)?|[时点](?:[0-5]?\d分|半|{QUARTER_HOURS})?))"
    hour, minute = rf"\d{{1,2}}|[{CN_DIGITS}十]{{1,3}}", rf"\d{{1,2}}|[{CN_DIGITS}十]{{1,3}}"
    minutes = rf"(?:(?P<Mi>{minute})分?|半|(?P<Q>[一三])刻)"
    return (rf"(?P<pod>{part_of_day(strict)})?\s*(?:(?P<H>{hour})(?::|时|点){minutes}?)?"
            r"(?::(?P<S>[0-5]\d))?")


AFTERNOON = frozenset(lexicon.words("afternoon_parts_of_day"))
# Of those, the ones that run past midnight: an hour before 5 after them is a.m. (深夜1点 = 01:00).
PAST_MIDNIGHT = frozenset(lexicon.words("past_midnight_parts_of_day"))
