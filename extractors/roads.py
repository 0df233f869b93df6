"""Roads and streets named after a place: 南昌|路, 中州|西路, 黄埔|大道, 长春|大街 are one LOC each, not the
GPE they are named after (the spec's LOC: a named place that is no administrative area; MSRA labels roads so).

The road's word (`road_words`) is a word of its own to jieba (not 路演, 街道, 康庄大道), and the word right before it
is a place name to jieba (tagged ns): the place names the road. A common word before the road's word
(奋斗|路, 富裕|路) names no road, nor does a place name jieba holds whole with it (黄泉路, 盘山路), which the models
weigh on their own. A section's word, a direction and a road's word (中路, 东路: `region_directions`), names a
road after any word of two characters or more but a function word's (`name_char_breaker_tags`) or an
organisation's (芙蓉|中路, 解放|西路; not 阿根廷队|中路, a team's midfield): no common phrase ends so. (大街 is no
section: 约翰内斯堡|大街上 are the city's streets.) An area before the road (合肥市|舒城路) stays apart: the road is
named after the word next to it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors import lexicon
from extractors.base import Hit
from extractors.common_words import jieba_words
from extractors.patterns import HAN

MIN_NAME = 2  # characters of the place before the road's word: one character is a word part (马|路)
REACH = 6  # characters jieba segments before a road's word: the place that names it and one word more
REACH_AFTER = 2  # characters jieba segments after it, to tell where it ends (中路|沿线, not 中|路沿)
PLACE_TAG = "ns"  # jieba's tag of a place name
ORG_TAG = "nt"  # jieba's tag of an organisation's name (阿根廷队|中路 is a team's midfield)


def roads_after_places(clean: str) -> list[Hit]:
    """LOC hits for each place name and road word that name a road (above)."""
    roads, sections = lexicon.word_set("road_words"), _sections()
    out: dict[tuple[int, int], Hit] = {}
    for m in _road_ends().finditer(clean):
        words = jieba_words(clean, max(0, m.start() - REACH), m.end() + REACH_AFTER)
        for (start, word, tag), (road_start, road, _) in zip(words, words[1:]):
            if (road in roads and road_start + len(road) == m.end() and len(word) >= MIN_NAME
                    and (tag == PLACE_TAG or road in sections and _names_a_section(word, tag))):
                out.setdefault((start, m.end()), Hit(start, m.end(), "LOC"))
    return list(out.values())


@lru_cache(maxsize=1)
def _sections() -> frozenset[str]:
    """The road words that are a direction (`region_directions`) and another road word: a road's section (东路)."""
    roads, directions = lexicon.word_set("road_words"), lexicon.word_set("region_directions")
    return frozenset(w for w in roads if len(w) > 1 and w[0] in directions and w[1:] in roads)


def _names_a_section(word: str, tag: str) -> bool:
    """Whether a word of jieba's before a section's word names the road: Han characters, no function word's
    or organisation's tag."""
    return all(HAN.fullmatch(ch) for ch in word) and tag != ORG_TAG and \
        tag not in lexicon.word_set("name_char_breaker_tags")


@lru_cache(maxsize=1)
def _road_ends() -> re.Pattern[str]:
    """The last characters of the road words (路, 道, 街): where to look for one."""
    return re.compile("[" + re.escape("".join(sorted({w[-1] for w in lexicon.words("road_words")}))) + "]")
