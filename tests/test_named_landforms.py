"""Landforms jieba knows by name (extractors.named_landforms), read as LOC where no word after them says so."""
from __future__ import annotations

import pytest

from extractors.base import Hit
from extractors.named_landforms import landforms_by_name
from extractors.registry import get_extractor


def _found(text: str, areas: tuple[Hit, ...] = ()) -> set[str]:
    hits = landforms_by_name(text, areas)
    assert all(h.label == "LOC" for h in hits)
    return {text[h.start:h.end] for h in hits}


@pytest.mark.parametrize("text, landform", [
    ("依托大洪山和两大生态资源。", "大洪山"),   # tagged a person's name by jieba, no surname first
    ("登上狼牙山顶峰。", "狼牙山"),              # tagged a place's name
    ("雁栖湖畔举行会议。", "雁栖湖"),
])
def test_a_word_jieba_holds_that_ends_in_a_landform_word_names_one(text: str, landform: str) -> None:
    assert _found(text) == {landform}


@pytest.mark.parametrize("text", [
    "孙中山先生说",          # a person's name: a surname first
    "黑龙江省科技厅",        # an area's name
    "井冈山市召开会议",
    "打下半壁江山",          # an idiom of four characters
    "绿水青山就是金山银山",
])
def test_no_landform_where_the_word_names_something_else(text: str) -> None:
    assert _found(text) == set()


def test_an_area_the_gazetteer_reads_is_no_landform() -> None:
    assert _found("旧金山湾区", (Hit(0, 3, "GPE"),)) == set()


def test_the_hybrid_reads_the_landform() -> None:
    text = "依托大洪山和涢水两大生态资源，随县长岗镇建成种植基地。"
    got = {(text[s.start:s.end], s.label) for s in get_extractor("hybrid").extract(text)}
    assert ("大洪山", "LOC") in got
