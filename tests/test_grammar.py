"""The shared date grammar (extractors.grammar): finding is strict, parsing lenient, one set of pieces."""
from __future__ import annotations

import re

from extractors import grammar


def full(pattern: str, text: str) -> bool:
    return re.fullmatch(pattern, text) is not None


def test_years_strict_for_finding_lenient_for_parsing() -> None:
    assert full(grammar.year(strict=True), "2016") and full(grammar.year(strict=False), "2016")
    assert full(grammar.year(strict=False), "16") and not full(grammar.year(strict=True), "16")
    assert full(grammar.year(strict=True) + grammar.year_suffix(strict=True), "二〇一六年度")
    assert not full(grammar.year(strict=True) + grammar.year_suffix(strict=True), "2016年初步")


def test_periods_and_parts_of_day() -> None:
    assert full(grammar.period(strict=True), "第三季度") and full(grammar.period(strict=False), "1季度")
    # Finding reads a period only after its year (2018年第1季度), so Arabic quarters are safe there.
    assert full(grammar.period(strict=True), "第1季度") and not full(grammar.period(strict=True), "5季度")
    assert not full(grammar.period(strict=True), "一季")
    assert re.match(grammar.part_of_day(strict=True), "晚会") is None      # 晚会 is an evening party
    assert full(grammar.part_of_day(strict=False), "夜里")
    assert full(grammar.clock(strict=True), "3时30分") and full(grammar.clock(strict=False), "下午3点半")
    assert "下午" in grammar.AFTERNOON and "上午" not in grammar.AFTERNOON


def test_values_and_rules_read_the_same_pieces() -> None:
    from extractors import number_date_rules, values

    assert grammar.MULTIPLIER_RUN in values._AMOUNT_PART and number_date_rules._MULT == grammar.MULTIPLIER_RUN
    assert values.RANGE_CONNECTORS == grammar.RANGE_CONNECTORS
    assert values.timex("2016年5月1日下午3时") == "2016-05-01T15:00"  # 下午: an afternoon word
