"""Landforms jieba knows by name (extractors.named_landforms), read as LOC where no word after them says so."""
from __future__ import annotations

import pytest

from extractors.base import Hit
from extractors.named_landforms import lakes_not_areas, landforms_by_name
from extractors.registry import get_extractor


def _found(text: str, areas: tuple[Hit, ...] = ()) -> set[str]:
    hits = landforms_by_name(text, areas)
    assert all(h.label == "LOC" for h in hits)
    return {text[h.start:h.end] for h in hits}


@pytest.mark.parametrize("text, landform", [
    ("依托大洪山和两大生态资源。", "大洪山"),   # tagged a person's name by jieba, no surname first
    ("登上狼牙山顶峰。", "狼牙山"),              # tagged a place's name
    ("雁栖湖畔举行会议。", "雁栖湖"),
    ("在光明顶、天都峰设立了观测样地。", "天都峰"),   # a peak (`landform_name_ends`)
    ("共同修复刘公岛周边海域的海草床。", "刘公岛"),  # a surname first, but few given names end in 岛
])
def test_a_word_jieba_holds_that_ends_in_a_landform_word_names_one(text: str, landform: str) -> None:
    assert _found(text) == {landform}


@pytest.mark.parametrize("text", [
    "孙中山先生说",          # a person's name: a surname first
    "黑龙江省科技厅",        # an area's name
    "井冈山市召开会议",
    "打下半壁江山",          # an idiom of four characters
    "绿水青山就是金山银山",
    "白剑峰说他来了",        # a surname first and a character many given names end in
    "道琼斯指数爬到万点新高峰",  # a common noun's end (高峰)
    "到几里路外的山沟沟去挑",    # (山沟)
])
def test_no_landform_where_the_word_names_something_else(text: str) -> None:
    assert _found(text) == set()


def test_an_area_the_gazetteer_reads_is_no_landform() -> None:
    assert _found("旧金山湾区", (Hit(0, 3, "GPE"),)) == set()


def test_the_hybrid_reads_the_landform() -> None:
    text = "依托大洪山和涢水两大生态资源，随县长岗镇建成种植基地。"
    got = {(text[s.start:s.end], s.label) for s in get_extractor("hybrid").extract(text)}
    assert ("大洪山", "LOC") in got


@pytest.mark.parametrize("text, lake", [
    ("太湖水质连续三年保持Ⅲ类。", "太湖"),        # 太湖县 is a county
    ("为保护千岛湖水源地，布设监测站。", "千岛湖"),  # 千岛湖镇 a town
])
def test_a_bare_name_ending_in_a_lake_word_is_the_lake_not_the_county(text: str, lake: str) -> None:
    at = text.index(lake)
    got = lakes_not_areas({"dictionary": [Hit(at, at + len(lake), "GPE", score=0.99)]}, text)
    assert [(text[h.start:h.end], h.label) for h in got["dictionary"]] == [(lake, "LOC")]


@pytest.mark.parametrize("text, area", [
    ("芜湖的企业发展迅速。", "芜湖"),      # a prefecture is named bare
    ("太湖县科技局召开会议。", "太湖县"),  # written with its level
])
def test_a_prefecture_or_an_area_with_its_level_stays_an_area(text: str, area: str) -> None:
    at = text.index(area)
    got = lakes_not_areas({"dictionary": [Hit(at, at + len(area), "GPE", score=0.99)]}, text)
    assert [h.label for h in got["dictionary"]] == ["GPE"]


def test_the_hybrid_reads_an_island_no_person() -> None:
    text = "哈尔滨工业大学(威海)与山东省海洋局签署协议，共同修复刘公岛周边海域的海草床。"
    got = {(text[s.start:s.end], s.label) for s in get_extractor("hybrid").extract(text)}
    assert ("刘公岛", "LOC") in got and not any(label == "PERSON" for _, label in got)


def test_a_person_whose_name_ends_in_a_landform_word_jieba_tags_a_place_stays_a_person() -> None:
    # 张坤海 is proposed as a landform (jieba: ns), but 海 ends many a given name: the models' person stands
    text = "司机发现了张坤海立即停车相救。"
    got = {(text[s.start:s.end], s.label) for s in get_extractor("hybrid").extract(text)}
    assert ("张坤海", "PERSON") in got
