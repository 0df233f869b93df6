"""Mountains, lakes and rivers jieba knows by name: 大洪山, 狼牙山, 雁栖湖, 滹沱河 are LOC where they stand alone.

`landform_runs` reads a landform by a word after it (巢湖|流域, 大别山|区); a text names one as often with no
such word (依托大洪山和…). jieba's dictionary holds many a landform as one word, tagged a place's or (as 大洪山,
大雪山) a person's name: a word of LANDFORM_NAME characters so tagged that ends in a one-character landform word
(`landform_words`: 山, 湖, 江, 河; or `landform_name_ends`: 峰, 沟, where neither two-character half is a frequent
word: 新|高峰, 山沟|沟) names one. Not an area's name (黑龙江, 井冈山: a province, a city), nor a place the
gazetteer reads as an area (旧金山) or one that begins an area's full name (梁子湖|区), nor a person's name jieba
holds (孙中山: a surname first, tagged nr, and a character many a given name ends in: `given_name_landform_chars`;
刘公岛 is an island), nor a common noun (母亲河: `landform_common_nouns`).

A lake keeps its name bare where a county, a district or a town named after it is written with its level
(太湖 and 太湖县, 西湖 and 西湖区, 千岛湖 and 千岛湖镇): a bare name ending in 湖 that the gazetteer reads as
an area is the lake (`lakes_not_areas`), unless a province or a prefecture bears it (芜湖: a city is named
bare), as the spec labels lakes LOC.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache

from extractors import lexicon
from extractors.area_bodies import begins_area_name
from extractors.base import Hit
from extractors.common_words import frequent_word, jieba_words
from extractors.named_places import area_names
from extractors.package_lexicons import admin_unit_names, china_units, surnames

LANDFORM_NAME = 3  # characters: a longer word so tagged is as often an idiom (半壁江山, 日落西山)
REACH = 2  # characters jieba segments on each side of the word: enough to tell where it begins and ends
PLACE_TAG, PERSON_TAG = "ns", "nr"
LAKE = "湖"
AREA_SUFFIX = 2  # characters of an area's level after its name (梁子湖|区, 千岛湖|镇)
COUNTY_LEVEL = 2  # `AdminUnit.level`: 0 a province, 1 a prefecture, 2 a county or district


def landforms_by_name(clean: str, area_hits: Iterable[Hit]) -> list[Hit]:
    """LOC hits for each word jieba holds that names a landform (above); `area_hits` are the gazetteer's."""
    areas = {(h.start, h.end) for h in area_hits if h.label == "GPE"}
    names, one_char_surnames = area_names(), surnames(ambiguous=True)[0]
    out = []
    for m in _landform_ends().finditer(clean, LANDFORM_NAME - 1):
        start = m.end() - LANDFORM_NAME
        words = jieba_words(clean, max(0, start - REACH), m.end() + REACH)
        word, tag = next(((w, t) for s, w, t in words if s == start and len(w) == LANDFORM_NAME), ("", ""))
        if (tag not in (PLACE_TAG, PERSON_TAG) or (start, m.end()) in areas
                or begins_area_name(clean, start, m.end(), admin_unit_names(), AREA_SUFFIX)):
            continue
        if (word not in names and word not in lexicon.word_set("landform_common_nouns")  # 母亲河: tagged nr
                and not (word[-1] in _name_ends() and (frequent_word(word[:2]) or frequent_word(word[-2:])))
                and not (tag == PERSON_TAG and word[0] in one_char_surnames and word[-1] in _given_name_ends())):
            out.append(Hit(start, m.end(), "LOC"))
    return out


@lru_cache(maxsize=1)
def _landform_ends() -> re.Pattern[str]:
    return re.compile("[" + "".join(w for w in lexicon.words("landform_words") if len(w) == 1) + _name_ends() + "]")


@lru_cache(maxsize=1)
def _name_ends() -> str:
    return lexicon.chars("landform_name_ends")


def no_given_name_end(clean: str, h: Hit) -> bool:
    """Whether a landform's name ends in a character few given names end in (刘公岛, 梁子湖): a model's person
    there is none, where one ending in 山 or 海 may be (张坤海, which jieba tags a place)."""
    return clean[h.end - 1] not in _given_name_ends()


@lru_cache(maxsize=1)
def _given_name_ends() -> str:
    return lexicon.chars("given_name_landform_chars")


def lakes_not_areas(proposals: Mapping[str, list[Hit]], clean: str) -> dict[str, list[Hit]]:
    """Each proposer's GPE of a bare name ending in 湖 (see the module docstring) as a LOC: the lake."""
    return {k: [replace(h, label="LOC") if _a_lake(clean, h) else h for h in hits] for k, hits in proposals.items()}


def _a_lake(clean: str, h: Hit) -> bool:
    return (h.label == "GPE" and h.end - h.start > len(LAKE) and clean.endswith(LAKE, h.start, h.end)
            and clean[h.start:h.end] not in _prefectures())


@lru_cache(maxsize=1)
def _prefectures() -> frozenset[str]:
    """The names and short forms of provinces and prefectures (芜湖市, 芜湖): areas a text names bare."""
    return frozenset(n for u in china_units() if u.level < COUNTY_LEVEL for n in (u.name, *u.aliases))
