"""Roads and streets named after a place: 南昌|路, 中州|西路, 黄埔|大道, 长春|大街 are one LOC each, not the
GPE they are named after (the spec's LOC: a named place that is no administrative area; MSRA labels roads so).

The road's word (`road_words`) is a word of its own to jieba (not 路演, 街道, 康庄大道), and the word right before it
is a place name to jieba (tagged ns): the place names the road. A common word before the road's word
(奋斗|路, 富裕|路) names no road, nor does a place name jieba holds whole with it (黄泉路, 盘山路), which the models
weigh on their own. An area before the road (合肥市|舒城路) stays apart: the road is named after the word next to it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors import lexicon
from extractors.base import Hit
from extractors.common_words import jieba_words

MIN_NAME = 2  # characters of the place before the road's word: one character is a word part (马|路)
REACH = 6  # characters jieba segments before a road's word: the place that names it and one word more
PLACE_TAG = "ns"  # jieba's tag of a place name (not nt: 阿根廷队|中路 is a team's midfield)


def roads_after_places(clean: str) -> list[Hit]:
    """LOC hits for each place name and road word that name a road (above)."""
    roads = lexicon.word_set("road_words")
    out: dict[tuple[int, int], Hit] = {}
    for m in _road_ends().finditer(clean):
        words = jieba_words(clean, max(0, m.start() - REACH), m.end() + 1)
        for (start, word, tag), (road_start, road, _) in zip(words, words[1:]):
            if (road in roads and road_start + len(road) == m.end() and len(word) >= MIN_NAME
                    and tag == PLACE_TAG):
                out.setdefault((start, m.end()), Hit(start, m.end(), "LOC"))
    return list(out.values())


@lru_cache(maxsize=1)
def _road_ends() -> re.Pattern[str]:
    """The last characters of the road words (路, 道, 街): where to look for one."""
    return re.compile("[" + re.escape("".join(sorted({w[-1] for w in lexicon.words("road_words")}))) + "]")
