"""Tibetan and Mongolian names as elements side by side (extractors.element_names), one person each in the hybrid."""
from __future__ import annotations

import pytest

from extractors.base import Hit
from extractors.element_names import ELEMENT_NAME, parts_of_names, persons_of_elements
from extractors.registry import get_extractor


def _names(text: str) -> list[str]:
    hits = persons_of_elements(text)
    assert all(h.label == "PERSON" and h.score == ELEMENT_NAME for h in hits)
    return [text[h.start:h.end] for h in hits]


@pytest.mark.parametrize("text, names", [
    ("研究员尼玛扎西在白朗县推广青稞。", ["尼玛扎西"]),      # 尼玛 alone is a county
    ("马福祥、才让卓玛名列其中。", ["才让卓玛"]),
    ("陈国栋、巴图孟和获评优秀特派员。", ["巴图孟和"]),      # Mongolian
    ("才口布和边巴扎西登上了峰顶。", ["边巴扎西"]),          # paired from the end: 布和 ends the name before
    ("扎西多吉次仁顿珠", ["扎西多吉", "次仁顿珠"]),          # two names with no mark between them
])
def test_two_elements_side_by_side_are_one_person(text: str, names: list[str]) -> None:
    assert _names(text) == names


@pytest.mark.parametrize("text", [
    "尼玛县召开会议。",          # one element: the county
    "乌兰察布市的企业。",        # an element inside a place's name
    "扎西说，他来自那曲。",      # one element alone
])
def test_one_element_is_no_name_of_elements(text: str) -> None:
    assert _names(text) == []


def test_a_model_s_single_element_inside_a_name_is_cut_short() -> None:
    text = "马福祥、才让卓玛名列其中。"
    names = persons_of_elements(text)
    at = text.index("卓玛")
    proposals = {"crf": [Hit(at, at + 2, "PERSON", score=0.95), Hit(0, 3, "PERSON", score=0.95)]}
    assert parts_of_names(proposals, names) == {(at, at + 2)}


@pytest.mark.parametrize("text, person", [
    ("西藏自治区农牧科学院研究员尼玛扎西在白朗县推广青稞新品种。", "尼玛扎西"),
    ("西寧市委組織部表彰了一批優(yōu)秀人才,馬(mǎ)福祥、才讓(ràng)卓瑪(mǎ)名列其中。", "才讓(ràng)卓瑪(mǎ)"),
])
def test_the_hybrid_reads_the_whole_name(text: str, person: str) -> None:
    spans = get_extractor("hybrid").extract(text)
    assert (person, "PERSON") in {(s.text, s.label) for s in spans}
    assert not any(s.label == "GPE" and s.text in person for s in spans)  # 尼玛 is no county here
