"""Place names inside common words (extractors.common_words): sentences written for these tests."""
from __future__ import annotations

import pytest

from extractors.common_words import inside_common_word


def _span(sentence: str, place: str) -> tuple[int, int]:
    at = sentence.index(place)
    return at, at + len(place)


@pytest.mark.parametrize("sentence, place", [
    ("他穿着一身中山装出席。", "中山"),        # a garment: the place begins a word one character longer
    ("保护穿山甲等野生动物。", "穿山"),        # an animal
    ("大家围坐在一起摆龙门阵。", "龙门"),      # a way of chatting
    ("馆里藏有石鼓文拓片。", "石鼓"),          # an inscription
])
def test_a_place_inside_a_common_word_is_none(sentence: str, place: str) -> None:
    assert inside_common_word(sentence, *_span(sentence, place))


@pytest.mark.parametrize("sentence, place", [
    ("他在中山市工作。", "中山"),              # the word is a place (ns)
    ("中国队获得冠军。", "中国"),              # an organisation holding it (nt)
    ("她在研究中国史。", "中国"),              # a word about the place (中国 + 史)
    ("他会讲四川话。", "四川"),
    ("这是中华民族的节日。", "中华"),          # the place begins a longer compound
    ("台湾是祖国大陆的近邻。", "大陆"),        # the place ends a word with its modifier
    ("新中国成立以来。", "中国"),              # a place between words
    ("京津冀协同发展。", "京"),                # a one-character short form
    ("湛江市科技局发布通知。", "湛江市"),
])
def test_a_place_that_is_a_word_or_makes_one_about_it_stays(sentence: str, place: str) -> None:
    assert not inside_common_word(sentence, *_span(sentence, place))


def test_a_place_whose_boundaries_cross_place_words_is_not_judged_here() -> None:
    sentence = "江西南丰县召开大会。"  # 西南 crosses 江西|南丰县: two places' boundaries, which compete elsewhere
    assert not inside_common_word(sentence, *_span(sentence, "西南"))


@pytest.mark.parametrize("sentence, place", [
    ("全市已建成众创空间12家，其中国家级3家。", "中国"),  # 其中|国家级: the end of one word, the start of another
    ("参会人员中，其中国外专家五人。", "中国"),            # 其中|国外
])
def test_a_place_made_of_the_ends_of_two_common_words_is_none(sentence: str, place: str) -> None:
    assert inside_common_word(sentence, *_span(sentence, place))
