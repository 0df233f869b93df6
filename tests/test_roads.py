"""Roads and streets named after a place (extractors.roads), and the hybrid reading them as LOC."""
from __future__ import annotations

import pytest

from extractors.registry import get_extractor
from extractors.roads import roads_after_places


def _found(text: str) -> set[str]:
    hits = roads_after_places(text)
    assert all(h.label == "LOC" for h in hits)
    return {text[h.start:h.end] for h in hits}


@pytest.mark.parametrize("text, roads", [
    ("活动现场位于中州西路与南昌路交叉口。", {"中州西路", "南昌路"}),  # a direction in the road's word
    ("公司地址在北京东路18号。", {"北京东路"}),
    ("凡需购者请与广州市黄埔大道159号联系。", {"黄埔大道"}),           # the city before it stays apart
    ("门店开在南京西路和长春大街。", {"南京西路", "长春大街"}),
    ("芙蓉中路沿线设置了科普展位。", {"芙蓉中路"}),                 # a section after a common word (jieba's n)
    ("记者来到解放中路。", {"解放中路"}),                             # ...or a verb's
])
def test_a_place_and_a_road_word_name_a_road(text: str, roads: set[str]) -> None:
    assert _found(text) == roads


@pytest.mark.parametrize("text", [
    "在南昌路演活动。",              # 路演: the road's word runs on into a roadshow
    "联和街道、萝岗街道共有企业。",  # 街道: a sub-district, an area
    "走上了康庄大道。",              # a word jieba holds whole: a figure of speech
    "许多人走上了富裕路。",          # a common word names no road
    "奋斗路街道办事处",
    "阿根廷队中路渗透。",            # a team (nt), not a place: its midfield
    "在约翰内斯堡大街上，不少南非人。",  # 大街 is no section: the city's streets
    "兵分两路，我们走中路。",        # one character before the section's word
])
def test_no_road_without_a_place_and_a_road_word(text: str) -> None:
    assert _found(text) == set()


def test_the_hybrid_reads_a_road_not_the_place_it_is_named_after() -> None:
    text = "活动现场位于中州西路与南昌路交叉口东北角。"
    got = {(text[s.start:s.end], s.label) for s in get_extractor("hybrid").extract(text)}
    assert {("中州西路", "LOC"), ("南昌路", "LOC")} <= got
    assert not {("中州", "GPE"), ("南昌", "GPE")} & got
