"""Number and date forms found in running text (extractors.number_date_forms), with their values.

Every sentence is written for these tests from general Chinese usage (none comes from the values
track's cases): each form is checked in a sentence where it is a value and, where the form has
a look-alike, in one where it is not.
"""
from __future__ import annotations

import pytest

from extractors.rules import RegexExtractor

EX = RegexExtractor()
VALUE_LABELS = {"DATE", "MONEY", "PERCENT", "QUANTITY"}


def values_in(raw: str) -> list[tuple[str, str, object]]:
    return [(s.label, s.text, s.value) for s in EX.extract(raw) if s.label in VALUE_LABELS]


@pytest.mark.parametrize("raw, text, value", [
    # A percent sign after Chinese numerals or after a layout space.
    ("城镇人口占比约三十%。", "三十%", {"amount": 30, "unit": "%", "mod": "approx"}),
    ("抽检合格率为98.5 %，较上月持平。", "98.5 %", {"amount": 98.5, "unit": "%"}),
    ("合格率達到九十九點九%", "九十九點九%", {"amount": 99.9, "unit": "%"}),
    # A tenth digit after 成: 三成五 is 35%.
    ("今年的订单只恢复了三成五。", "三成五", {"amount": 35, "unit": "%"}),
    ("七成五的受访者表示满意", "七成五", {"amount": 75, "unit": "%"}),
    ("只有两三成的人同意", "两三成", {"low": 20, "high": 30, "unit": "%"}),   # an estimate
    # Two proportions as one range; the second may leave out its denominator.
    ("收益率在百分之三到百分之五之间", "百分之三到百分之五", {"low": 3, "high": 5, "unit": "%"}),
    ("预计增长百分之二十五至三十。", "百分之二十五至三十", {"low": 25, "high": 30, "unit": "%"}),
    ("税率为千分之三至千分之五", "千分之三至千分之五", {"low": 0.3, "high": 0.5, "unit": "%"}),
    # Digits spaced out by the layout.
    ("全场7 2 折", "7 2 折", {"amount": 72, "unit": "%"}),
    ("增长了1 2 . 5 %。", "1 2 . 5 %", {"amount": 12.5, "unit": "%"}),
    ("占百分之 1 2", "百分之 1 2", {"amount": 12, "unit": "%"}),
])
def test_percent_forms(raw: str, text: str, value: object) -> None:
    assert ("PERCENT", text, value) in values_in(raw)


@pytest.mark.parametrize("raw, text, value", [
    # Formal numerals and 兆 (10^12 in an amount) in Chinese-numeral money.
    ("收到捐款壹仟元整。", "壹仟元", {"amount": 1000, "unit": "CNY"}),
    ("罰款伍佰圓。", "伍佰圓", {"amount": 500, "unit": "CNY"}),
    ("總額為一兆二千億日圓", "一兆二千億日圓", {"amount": 1_200_000_000_000, "unit": "JPY"}),
    ("耗资十亿零五百万元", "十亿零五百万元", {"amount": 1_005_000_000, "unit": "CNY"}),
    # Two multiplier groups in one amount.
    ("项目总投资1亿5千万元。", "1亿5千万元", {"amount": 150_000_000, "unit": "CNY"}),
    ("营收3亿2000万美元", "3亿2000万美元", {"amount": 320_000_000, "unit": "USD"}),
    # A range that writes its currency on both ends.
    ("月薪在5000元至8000元之间", "5000元至8000元", {"low": 5000, "high": 8000, "unit": "CNY"}),
    # Currency names beside 美元 and 欧元.
    ("门票100瑞郎。", "100瑞郎", {"amount": 100, "unit": "CHF"}),
    ("房租每月2000新元", "2000新元", {"amount": 2000, "unit": "SGD"}),
    ("換了300澳幣", "300澳幣", {"amount": 300, "unit": "AUD"}),
    ("兑换了5000俄罗斯卢布", "5000俄罗斯卢布", {"amount": 5000, "unit": "RUB"}),
    # 块 after a word of paying, at the end of a clause.
    ("这个杯子花了我十五块。", "十五块", {"amount": 15, "unit": "CNY"}),
])
def test_money_forms(raw: str, text: str, value: object) -> None:
    assert ("MONEY", text, value) in values_in(raw)


@pytest.mark.parametrize("raw, text, value", [
    ("全程3 公里，步行可达。", "3 公里", {"amount": 3, "unit": "公里"}),
    ("管径为10 cm的管道", "10 cm", {"amount": 10, "unit": "cm"}),
    ("限速120公里/小时", "120公里/小时", {"amount": 120, "unit": "公里/小时"}),
    ("风速达到12m/s", "12m/s", {"amount": 12, "unit": "m/s"}),
    ("大樓高300公尺", "300公尺", {"amount": 300, "unit": "公尺"}),
    ("中心气压为980百帕", "980百帕", {"amount": 980, "unit": "百帕"}),
    ("电池容量5000mAh", "5000mAh", {"amount": 5000, "unit": "mAh"}),
    ("河道拓宽3米到5米", "3米到5米", {"low": 3, "high": 5, "unit": "米"}),
    ("常住人口1万5千人", "1万5千人", {"amount": 15000, "unit": "人"}),
    # Areas, volumes and speeds built from a unit of length.
    ("仓库面积3000平方英尺", "3000平方英尺", {"amount": 3000, "unit": "平方英尺"}),
    ("车速100千米每小时", "100千米每小时", {"amount": 100, "unit": "千米每小时"}),
    ("时速80 km/h", "80 km/h", {"amount": 80, "unit": "km/h"}),
    ("用了3立方沙子", "3立方", {"amount": 3, "unit": "立方"}),
])
def test_quantity_forms(raw: str, text: str, value: object) -> None:
    assert ("QUANTITY", text, value) in values_in(raw)


@pytest.mark.parametrize("raw, text, value", [
    ("2018年第1季度，营收增长。", "2018年第1季度", "2018-Q1"),
    ("会议定于3月5日（星期一）召开", "3月5日（星期一）", "XXXX-03-05"),
    ("會議定於3月5日(週一)召開", "3月5日(週一)", "XXXX-03-05"),
    ("两千零八年，奥运会在北京举办。", "两千零八年", "2008"),
    ("九八年的洪水", "九八年", "1998"),
    ("他于98年毕业", "98年", "1998"),
    ("寺庙始建于789年", "789年", "0789"),
    ("从07 年起实行", "07 年", "2007"),
    ("一至三月，出口增长。", "一至三月", "XXXX-01/XXXX-03"),
    ("2018年三到五月雨水偏多", "2018年三到五月", "2018-03/2018-05"),
    ("时间定在一月19到20日", "一月19到20日", "XXXX-01-19/XXXX-01-20"),
    ("2018 是个好年份", "2018", "2018"),
    ("通知写着2月30日截止", "2月30日", None),   # a calendar day the calendar lacks: a date of unknown value
    ("2018年Q1营收增长", "2018年Q1", "2018-Q1"),
    ("列车3月5日深夜11点到站", "3月5日深夜11点", "XXXX-03-05T23:00"),
    ("列车3月5日深夜1点到站", "3月5日深夜1点", "XXXX-03-05T01:00"),   # past midnight
    ("3月5日下午3点一刻开会", "3月5日下午3点一刻", "XXXX-03-05T15:15"),
    ("在3月5日与7日之间完成", "3月5日与7日之间", "XXXX-03-05/XXXX-03-07"),
    ("数据截至5月20，仍在统计", "5月20", "XXXX-05-20"),
    ("请于3-7-07前回复", "3-7-07", "2007-07-03"),
    ("出生日期05/05/89", "05/05/89", "1989-05-05"),
    ("截止27-7-3", "27-7-3", "2027-07-03"),
    ("签证有效期至5/13/2015", "5/13/2015", "2015-05-13"),
    ("活动12/1开始报名", "12/1", "XXXX-12-01"),   # the second number is no month: month first
    ("一九年二月三日，项目启动", "一九年二月三日", "2019-02-03"),
])
def test_date_forms(raw: str, text: str, value: object) -> None:
    assert ("DATE", text, value) in values_in(raw)


@pytest.mark.parametrize("raw, label, text", [
    ("成员有三成五年以上的工龄", "PERCENT", "三成五"),   # 三成 then 五年: the digit starts a new count
    ("把西瓜切成三块。", "MONEY", "三块"),                 # 块 counting pieces
    ("花了时间把它切成三块", "MONEY", "三块"),             # no clause end
    ("他们工作了七八年。", "DATE", "七八年"),             # two rising neighbours: an estimate of years
    ("两三年后再说", "DATE", "两三年"),
    ("在20年里，工厂扩大了三倍。", "DATE", "20年"),       # a span of years after 在
    ("这是八十年代的事", "DATE", "八十年"),               # a decade
    ("九八年代", "DATE", "九八年"),
    ("从星期一到十月一日", "DATE", "一到十月"),             # the 一 of a weekday is no month
    ("1-5月20家企业投产", "DATE", "1-5月20"),               # a count follows the month
    ("5月20万人次出游", "DATE", "5月20"),
    ("重5千 克", "QUANTITY", "5千 克"),                       # 千 begins the unit, the space is noise
    ("求3立方根", "QUANTITY", "3立方"),                       # a cube root
    ("约1/3的人参加", "DATE", "1/3"),                          # a proper fraction
    ("按3/2的比例", "DATE", "3/2"),
    ("共5/3次", "DATE", "5/3"),                                # an amount follows
    ("7日之内完成", "DATE", "7日"),                          # a span of days
    ("共有13月32日两个编号", "DATE", "13月32日"),             # no month 13, no day 32
    ("分为2 5 成", "PERCENT", "2 5 成"),                   # 25成 is more than the whole
    ("详见 https://example.com/search?q=30%25%2020% 的说明", "PERCENT", "30%"),  # a web address
    ("访问www.example.com/30%了解更多", "PERCENT", "30%"),
    ("版本号1.2.3已发布", "DATE", "1.2.3"),               # dots between single digits: a version
    ("第3-4-5排座位", "DATE", "3-4-5"),                   # no two-digit year among the numbers
    ("大陆元首会晤", "MONEY", "陆元"),                    # 陆元 is no amount
    ("三圆桌会议", "MONEY", "三圆"),                      # 圆 before 桌 is a round table
    ("他说5个到10个百分点都有可能", "QUANTITY", "5个到10个"),  # 个 before 百分点 is no unit of a range
])
def test_look_alikes_are_not_values(raw: str, label: str, text: str) -> None:
    assert (label, text) not in [(lab, t) for lab, t, _ in values_in(raw)]
