"""Number and date forms of the language that the value parser reads (extractors.values).

Written from the language, not from the values track's cases: tenths (成, 折), formal numerals,
layout spaces, proportions below 0.01%, Chinese-numeral years and clock times, ranges written
"A和B之间", a weekday after its date, dates with the year last.
"""
from __future__ import annotations

import pytest

from extractors.values import numeric_value, timex


@pytest.mark.parametrize("text, amount, unit", [
    ("三成", 30, "%"), ("8.5折", 85, "%"), ("七五折", 75, "%"), ("95折", 95, "%"), ("九折", 90, "%"),
    ("半成", 5, "%"), ("三成半", 35, "%"), ("十成", 100, "%"), ("对折", 50, "%"), ("兩成", 20, "%"),
    ("百 分 之 五", 5, "%"), ("百分之1,250", 1250, "%"), ("萬分之肆", 0.04, "%"), ("百万分之五", 0.0005, "%"),
    ("2/3", 66.67, "%"), ("拾萬零五十六點叁叁個百分點", 100056.33, "pp"), ("１２ 个百分点", 12, "pp"),
])
def test_percent_forms(text, amount, unit):
    got = numeric_value("PERCENT", text)
    assert got is not None and got["unit"] == unit and got["amount"] == pytest.approx(amount, rel=1e-9)


@pytest.mark.parametrize("label, text, expected", [
    ("MONEY", "伍佰元", {"amount": 500, "unit": "CNY"}),
    ("MONEY", "5306亿台币", {"amount": 530600000000, "unit": "TWD"}),
    ("MONEY", "十五块", {"amount": 15, "unit": "CNY"}),          # 块, the everyday 元
    ("PERCENT", "7 2 折", {"amount": 72, "unit": "%"}),          # digits spaced out by the layout
    ("PERCENT", "百分之 1 2", {"amount": 12, "unit": "%"}),
    ("QUANTITY", "3,000 吨", {"amount": 3000, "unit": "吨"}),
])
def test_numeric_forms(label, text, expected):
    assert numeric_value(label, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("二零零四年八月十五", "2004-08-15"), ("两千年八月十五", "2000-08-15"), ("零八年", "2008"),
    ("789年", "0789"), ("2008 年", "2008"), ("2018年 12月", "2018-12"),
    ("2016到2018", "2016/2018"), ("2016-2018", "2016/2018"), ("2015年和2018年之间", "2015/2018"),
    ("10月和5月间", "XXXX-10/XXXX-05"), ("10月12号，星期一", "XXXX-10-12"),
    ("2010.01.29晚上六点", "2010-01-29T18:00"), ("2010 01 29", "2010-01-29"), ("13.5.2015", "2015-05-13"),
    ("1987年1月11日八点", "1987-01-11T08:00"), ("7月25日早间", "XXXX-07-25"), ("12/1", "XXXX-12-01"),
    ("2016年12月15日晚上7:00到8:00", "2016-12-15T19:00/2016-12-15T20:00"),
    ("1-10月", "XXXX-01/XXXX-10"),   # a bare number before a range's unit stays bare
    ("2月30日", None),               # no such day
])
def test_date_forms(text, expected):
    assert timex(text) == expected


@pytest.fixture(scope="module")
def regex():
    from extractors.registry import get_extractor
    return get_extractor("regex")


@pytest.mark.parametrize("text, label, found", [
    ("今年销量比去年增长了三成。", "PERCENT", "三成"),
    ("商场全部商品打8.5折销售", "PERCENT", "8.5折"),
    ("新品一律打对折", "PERCENT", "对折"),
    ("利率下调了六个百分点", "PERCENT", "六个百分点"),
    ("占全部的百分之1,250", "PERCENT", "百分之1,250"),
    ("他于18年10月1日入职", "DATE", "18年10月1日"),
    ("零八年奥运会在北京举办", "DATE", "零八年"),
    ("会议定于29日召开", "DATE", "29日"),
    ("今年八月十五全家团圆", "DATE", "八月十五"),
    ("航班在2010-01-29早上七点起飞", "DATE", "2010-01-29早上七点"),
    ("数据覆盖2015年和2018年之间的销售", "DATE", "2015年和2018年之间"),
    ("这台电脑两美元", "MONEY", "两美元"),
    ("扫描件里写着增长百 分 之 五", "PERCENT", "百 分 之 五"),
    ("利率上调四点 五个百分点", "PERCENT", "四点 五个百分点"),
    ("占比萬分之肆", "PERCENT", "萬分之肆"),
])
def test_found_in_running_text(regex, text, label, found):
    assert (label, found) in {(s.label, s.text) for s in regex.extract(text)}


@pytest.mark.parametrize("text, label", [
    ("他一成不变地坚持", "PERCENT"), ("新增成员三成员", "PERCENT"), ("把纸对折", "PERCENT"),
    ("请在7日内答复", "DATE"), ("他花了三元", "MONEY"), ("十折", "PERCENT"),
])
def test_not_found_in_running_text(regex, text, label):
    assert label not in {s.label for s in regex.extract(text)}
