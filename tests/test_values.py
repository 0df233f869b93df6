"""Value normalisation: numbers, numeric value objects and TIMEX3 dates (extractors.values)."""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.schema import TIMEX_RE, value_problem
from extractors.values import numeric_value, parse_number, qualifier_mod, timex

# --- parse_number ----------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("310", 310),
    ("16.5", 16.5),
    ("0.70", 0.7),
    ("1,204", 1204),
    ("7.5萬", 75000),
    ("7.5万", 75000),
    ("3.2億", 320000000),
    ("2.88亿", 288000000),
    ("3千", 3000),
    ("1.5万亿", 1_500_000_000_000),
    ("800多万", 8000000),
    ("22、5萬", 225000),   # `、` as a garbled decimal point
    ("9、15萬", 91500),
    ("三點五", 3.5),
    ("三点五", 3.5),
    ("一百二十", 120),
    ("两千", 2000),
    ("二〇一六", 2016),
    ("百分之十", 0.1),     # a proportion is its value: 10% is 0.1
    ("31%", 0.31),
    ("３１", 31),           # full-width digits
])
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


def test_parse_number_fraction() -> None:
    assert parse_number("2/3") == pytest.approx(2 / 3)
    assert parse_number("三分之二") == pytest.approx(2 / 3)


@pytest.mark.parametrize("text", ["", "abc", "元", "3项", "--", "百分之", "1/0"])
def test_parse_number_unreadable(text: str) -> None:
    assert parse_number(text) is None


def test_parse_number_returns_int_when_integral() -> None:
    assert isinstance(parse_number("2.88亿"), int)
    assert isinstance(parse_number("16.5"), float)


@given(st.integers(min_value=0, max_value=10**9))
def test_parse_number_round_trips_integers(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n}万") == n * 10_000
    assert parse_number(f"{n:,}") == n


# --- numeric_value: the schema's Numeric values section --------------------------------------

@pytest.mark.parametrize("label, text, before, after, expected", [
    # MONEY
    ("MONEY", "310萬元", "", "", {"amount": 3100000, "unit": "CNY"}),
    ("MONEY", "3.2億元", "", "", {"amount": 320000000, "unit": "CNY"}),
    ("MONEY", "800多萬元", "", "", {"amount": 8000000, "unit": "CNY", "mod": "more"}),
    ("MONEY", "1萬多元", "", "", {"amount": 10000, "unit": "CNY", "mod": "more"}),
    ("MONEY", "12亿美元", "突破", "", {"amount": 1200000000, "unit": "USD", "mod": "more"}),
    ("MONEY", "3.6亿元人民币", "", "", {"amount": 360000000, "unit": "CNY"}),
    ("MONEY", "500欧元", "", "", {"amount": 500, "unit": "EUR"}),
    ("MONEY", "3-5万元", "", "", {"low": 30000, "high": 50000, "unit": "CNY"}),
    ("MONEY", "三十多万元", "", "", {"amount": 300000, "unit": "CNY", "mod": "more"}),
    # PERCENT
    ("PERCENT", "31%", "占全部資金近", "", {"amount": 31, "unit": "%", "mod": "approx"}),
    ("PERCENT", "16.5%", "", "", {"amount": 16.5, "unit": "%"}),
    ("PERCENT", "20-30%", "", "", {"low": 20, "high": 30, "unit": "%"}),
    ("PERCENT", "20%-30%", "", "", {"low": 20, "high": 30, "unit": "%"}),
    ("PERCENT", "18%", "", "以上", {"amount": 18, "unit": "%", "mod": "more"}),
    ("PERCENT", "百分之十", "", "", {"amount": 10, "unit": "%"}),
    ("PERCENT", "百分之三點五", "", "", {"amount": 3.5, "unit": "%"}),
    ("PERCENT", "2/3", "占總數", "以上", {"amount": 66.67, "unit": "%", "mod": "more"}),
    ("PERCENT", "三分之一", "", "", {"amount": 33.33, "unit": "%"}),
    ("PERCENT", "20.5個百分點", "", "", {"amount": 20.5, "unit": "pp"}),
    ("PERCENT", "0.8个百分点", "高于", "", {"amount": 0.8, "unit": "pp", "mod": "more"}),
    ("PERCENT", "3%", "不到", "", {"amount": 3, "unit": "%", "mod": "less"}),
    # QUANTITY
    ("QUANTITY", "14項", "", "", {"amount": 14, "unit": "项"}),
    ("QUANTITY", "451名", "", "", {"amount": 451, "unit": "名"}),
    ("QUANTITY", "50畝", "", "", {"amount": 50, "unit": "亩"}),
    ("QUANTITY", "7.5萬平方米", "", "", {"amount": 75000, "unit": "平方米"}),
    ("QUANTITY", "2-3個", "", "", {"low": 2, "high": 3, "unit": "个"}),
    ("QUANTITY", "1—2家", "", "", {"low": 1, "high": 2, "unit": "家"}),
    ("QUANTITY", "70-80萬人次", "", "", {"low": 700000, "high": 800000, "unit": "人次"}),
    ("QUANTITY", "6000餘項", "", "", {"amount": 6000, "unit": "项", "mod": "more"}),
    ("QUANTITY", "800多個", "", "", {"amount": 800, "unit": "个", "mod": "more"}),
    ("QUANTITY", "80多萬畝", "", "", {"amount": 800000, "unit": "亩", "mod": "more"}),
    ("QUANTITY", "2次", "", "", {"amount": 2, "unit": "次"}),
    ("QUANTITY", "100餘人次", "", "", {"amount": 100, "unit": "人次", "mod": "more"}),
    ("QUANTITY", "22、5萬人次", "", "", {"amount": 225000, "unit": "人次"}),
    ("QUANTITY", "9、15萬冊", "", "", {"amount": 91500, "unit": "册"}),
    ("QUANTITY", "220家", "突破", "", {"amount": 220, "unit": "家", "mod": "more"}),
    ("QUANTITY", "200家", "", "左右", {"amount": 200, "unit": "家", "mod": "approx"}),
    ("QUANTITY", "150名", "约", "", {"amount": 150, "unit": "名", "mod": "approx"}),
    ("QUANTITY", "0.70件", "", "", {"amount": 0.7, "unit": "件"}),
    ("QUANTITY", "3千克", "", "", {"amount": 3, "unit": "千克"}),   # 千克 is a unit, not 3000 克
    ("QUANTITY", "2小時", "歷時約", "", {"amount": 2, "unit": "小时", "mod": "approx"}),
])
def test_numeric_value(label: str, text: str, before: str, after: str, expected: dict) -> None:
    got = numeric_value(label, text, before=before, after=after)
    assert got == expected
    assert value_problem(label, got) is None


@pytest.mark.parametrize("before, after, mod", [
    ("近", "", "approx"), ("約", "", "approx"), ("大约", "", "approx"), ("", "左右", "approx"),
    ("超過", "", "more"), ("突破", "", "more"), ("超", "", "more"), ("逾", "", "more"), ("", "以上", "more"),
    ("不到", "", "less"), ("", "以下", "less"),
    # a negated comparison turns it round: no less than is at least
    ("不少于", "", "more"), ("不低於", "", "more"), ("不超过", "", "less"), ("少于", "", "less"),
    ("最近", "", None), ("节约", "", None), ("达", "", None), ("", "", None),
])
def test_qualifier_mod(before: str, after: str, mod: str | None) -> None:
    assert qualifier_mod(before, after) == mod


@pytest.mark.parametrize("label, text", [
    ("MONEY", "元"), ("MONEY", "三项"), ("PERCENT", "abc"), ("QUANTITY", "项"), ("QUANTITY", ""),
    ("DATE", "2016年"), ("MONEY", "5-3万元"),   # low > high is no range
])
def test_numeric_value_unreadable(label: str, text: str) -> None:
    assert numeric_value(label, text) is None


@given(st.integers(min_value=1, max_value=10**7), st.sampled_from(["项", "家", "名", "人次", "亩", "平方米", "个"]))
def test_quantity_value_property(n: int, unit: str) -> None:
    assert numeric_value("QUANTITY", f"{n}{unit}") == {"amount": n, "unit": unit}
    assert numeric_value("QUANTITY", f"{n}多{unit}") == {"amount": n, "unit": unit, "mod": "more"}


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
       st.sampled_from([("万", 10**4), ("亿", 10**8), ("", 1)]))
def test_money_value_property(d, mult: tuple[str, int]) -> None:
    word, factor = mult
    got = numeric_value("MONEY", f"{d}{word}元")
    assert got is not None and got["unit"] == "CNY"
    assert math.isclose(got["amount"], float(d) * factor, rel_tol=1e-9, abs_tol=1e-9)


@given(st.sampled_from(["MONEY", "PERCENT", "QUANTITY"]), st.text(max_size=30), st.text(max_size=6),
       st.text(max_size=6))
def test_numeric_value_never_raises_and_is_well_formed(label: str, text: str, before: str, after: str) -> None:
    got = numeric_value(label, text, before=before, after=after)
    assert value_problem(label, got) is None


@given(st.text(max_size=30))
def test_parse_number_never_raises(text: str) -> None:
    got = parse_number(text)
    assert got is None or math.isfinite(got)


# --- timex: the schema's DATE section ----------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2016年", "2016"),
    ("2016", "2016"),                     # a bare year before a name (2013中国·…)
    ("4月19日", "XXXX-04-19"),
    ("2022-04-21", "2022-04-21"),
    ("2022-11-03 15:04", "2022-11-03T15:04"),
    ("2021年7月", "2021-07"),
    ("2013年度", "2013"),
    ("2019年底", "2019"),
    ("2020年初", "2020"),
    ("10月25日晚", "XXXX-10-25"),
    ("2016年上半年", "2016-H1"),
    ("2016年下半年", "2016-H2"),
    ("2023年一季度", "2023-Q1"),
    ("2023年第三季度", "2023-Q3"),
    ("1-10月", "XXXX-01/XXXX-10"),
    ("2016年1-10月", "2016-01/2016-10"),
    ("6月1日至3日", "XXXX-06-01/XXXX-06-03"),
    ("2016年4月至6月", "2016-04/2016-06"),
    ("2015—2020年", "2015/2020"),
    ("2022-04-21至2022-04-25", "2022-04-21/2022-04-25"),
    ("20xx年", None),
    ("XX年", None),
    ("四月份", "XXXX-04"),
    ("七月份", "XXXX-07"),
    ("5月份", "XXXX-05"),
    ("十二月", "XXXX-12"),
    ("二〇二二年十月一日", "2022-10-01"),
    ("5.12", "XXXX-05-12"),
    ("4·26", "XXXX-04-26"),
    ("2023年3月15日上午9時30分", "2023-03-15T09:30"),
    ("2022年4月21日下午3时", "2022-04-21T15:00"),
    ("2022.4.21", "2022-04-21"),
    ("2022年04月21日", "2022-04-21"),
    ("2023年3月", "2023-03"),
])
def test_timex(text: str, expected: str | None) -> None:
    assert timex(text) == expected
    if expected is not None:
        assert TIMEX_RE.fullmatch(expected)


@pytest.mark.parametrize("text", ["13月", "2月30日", "今年", "十二五", "abc", "", "xx届"])
def test_timex_not_a_date(text: str) -> None:
    assert timex(text) is None


@given(st.integers(1900, 2099), st.integers(1, 12), st.integers(1, 28))
def test_timex_full_dates(y: int, m: int, d: int) -> None:
    want = f"{y:04d}-{m:02d}-{d:02d}"
    assert timex(f"{y}年{m}月{d}日") == want
    assert timex(f"{y}-{m:02d}-{d:02d}") == want
    assert timex(f"{m}月{d}日") == f"XXXX-{m:02d}-{d:02d}"


@given(st.text(max_size=30))
def test_timex_never_raises(text: str) -> None:
    got = timex(text)
    assert got is None or TIMEX_RE.fullmatch(got)


def general_path(fast_path: str, read: Callable[[str], Any], text: str) -> Any:
    """What `read` gives `text` with the fast path `fast_path` (a regex in values) switched off."""
    from extractors import values

    with mock.patch.object(values, fast_path, re.compile("(?!)")):
        return read(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("0123456789" * 3 + "项家个人次亩吨千克米万十百多余.,、-~至 %/分点一二三kmt")),
               min_size=1, max_size=9))
def test_plain_quantities_read_at_once_get_the_general_value(text: str) -> None:
    def read(t: str) -> Any:
        return numeric_value("QUANTITY", t, normalised=True)

    assert read(text) == general_path("_PLAIN_QTY_RE", read, text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("0123456789" * 2 + "年度底初末中月日-/至xX上半")), min_size=1, max_size=9))
def test_plain_years_read_at_once_get_the_general_value(text: str) -> None:
    def read(t: str) -> Any:
        return timex(t, normalised=True)

    assert read(text) == general_path("_PLAIN_YEAR_RE", read, text)
