"""A name's abbreviation used after it without being given (extractors.abbreviations)."""
from __future__ import annotations

import pytest

from extractors.abbreviations import ABBREVIATION, abbreviations_after_names
from extractors.base import Hit
from extractors.registry import get_extractor


def _found(text: str, name: str) -> list[str]:
    at = text.index(name)
    hits = abbreviations_after_names(text, [Hit(at, at + len(name), "ORG", score=0.95)])
    assert all(h.label == "ORG" and h.score == ABBREVIATION for h in hits)
    return [text[h.start:h.end] for h in hits]


@pytest.mark.parametrize("text, name, short", [
    ("龙泉市与浙江农林大学林业与生物技术学院签约，浙农林大有关负责人出席。", "浙江农林大学林业与生物技术学院",
     "浙农林大"),
    ("中国科学院过程工程研究所与企业签约，中科院过程所将派驻团队。", "中国科学院过程工程研究所", "中科院过程所"),
    ("江苏省产业技术研究院与南通市签约，江苏产研院相关负责人表示。", "江苏省产业技术研究院", "江苏产研院"),
])
def test_the_characters_of_a_name_in_order_after_it_are_its_abbreviation(text: str, name: str, short: str) -> None:
    assert _found(text, name) == [short]


@pytest.mark.parametrize("text, name", [
    ("浙江农林大学与浙江省科技厅签约。", "浙江农林大学"),            # 浙江 is a piece of the name, no abbreviation
    ("浙江农林大学在浙江农林科技园区。", "浙江农林大学"),            # ends in no organisation word's character
    ("学院与浙江农林大学签约。", "浙江农林大学"),                    # nothing after the name
    ("全国人民代表大会召开，九三学社第七次全国代表大会开幕。", "全国人民代表大会"),  # a longer name's end
    ("中国人民政治协商会议闭幕，中国人民会永远铭记。", "中国人民政治协商会议"),      # 会: a verb ends it
    ("国际刑事法院成立，是国际法的进步。", "国际刑事法院"),          # one word that names nothing
    ("中国共产党代表团访问。他表示，中国党愿在党际交流中。", "中国共产党"),  # a place and one word
])
def test_no_abbreviation_without_the_name_s_characters_in_order_after_it(text: str, name: str) -> None:
    assert _found(text, name) == []


def test_the_hybrid_reads_the_abbreviation() -> None:
    text = "中国科学院过程工程研究所与宁夏瑞沣能源集团股份有限公司签署协议，中科院过程所将派驻科研团队。"
    got = {(s.text, s.label) for s in get_extractor("hybrid").extract(text)}
    assert ("中科院过程所", "ORG") in got and ("中科院", "ORG") not in got
