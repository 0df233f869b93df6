"""Named parks, zones and venues (extractors.named_places): sentences written for these tests."""
from __future__ import annotations

import pytest

from extractors.base import Hit
from extractors.named_places import named_places, zones_after_names


def _locs(sentence: str) -> set[str]:
    return {sentence[h.start:h.end] for h in named_places(sentence) if h.label == "LOC"}


@pytest.mark.parametrize("sentence, place", [
    ("十家企业落户漕河泾开发区。", "漕河泾开发区"),   # a place name before a zone word
    ("公司在紫竹高新区设立研发中心。", "紫竹高新区"),  # a name jieba tags a person's
    ("决赛在天河体育馆举行。", "天河体育馆"),         # a venue
    ("临港新片区发布新政策。", "临港新片区"),
])
def test_a_name_before_a_park_zone_or_venue_word_is_one_loc(sentence: str, place: str) -> None:
    assert place in _locs(sentence)


@pytest.mark.parametrize("sentence", [
    "该开发区今年引进了五个项目。",          # a determiner, no name
    "全省已有十个国家级高新区。",            # a level
    "各园区要做好安全生产。",
    "经济开发区和科技园区的企业。",          # generic words describe a zone, they do not name it
    "市民在广场上跳舞。",                    # the place word alone
])
def test_a_zone_word_without_a_name_is_no_loc(sentence: str) -> None:
    assert not _locs(sentence)


def test_a_zone_after_a_proposed_name_is_one_loc() -> None:
    sentence = "仲恺高新区和张江高科技园区的企业。"  # names jieba knows no word for: 仲|恺, 张|江|高
    names = [Hit(0, 2, "PERSON", score=0.8), Hit(6, 9, "PERSON", score=0.7)]
    got = {sentence[h.start:h.end] for h in zones_after_names(sentence, names)}
    assert got == {"仲恺高新区", "张江高科技园区"}


def test_no_zone_without_a_name_right_before_it() -> None:
    sentence = "会议在珠海国际会展中心举行，企业入驻高新区。"  # a venue is left out; 入驻 is no name
    names = [Hit(3, 5, "GPE", score=0.9), Hit(14, 15, "PERSON", score=0.9)]
    assert zones_after_names(sentence, names) == []

