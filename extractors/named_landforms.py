"""Mountains, lakes and rivers jieba knows by name: 大洪山, 狼牙山, 雁栖湖, 滹沱河 are LOC where they stand alone.

`landform_runs` reads a landform by a word after it (巢湖|流域, 大别山|区); a text names one as often with no
such word (依托大洪山和…). jieba's dictionary holds many a landform as one word, tagged a place's or (as 大洪山,
大雪山) a person's name: a word of LANDFORM_NAME characters so tagged that ends in a one-character landform word
(`landform_words`: 山, 湖, 江, 河) names one. Not an area's name (黑龙江, 井冈山: a province, a city), nor a place
the gazetteer reads as an area (旧金山), nor a person's name jieba holds (孙中山: a surname first, tagged nr), nor
a common noun (母亲河: `landform_common_nouns`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from extractors import lexicon
from extractors.base import Hit
from extractors.common_words import jieba_words
from extractors.named_places import area_names
from extractors.package_lexicons import surnames

LANDFORM_NAME = 3  # characters: a longer word so tagged is as often an idiom (半壁江山, 日落西山)
REACH = 2  # characters jieba segments on each side of the word: enough to tell where it begins and ends
PLACE_TAG, PERSON_TAG = "ns", "nr"


def landforms_by_name(clean: str, area_hits: Iterable[Hit]) -> list[Hit]:
    """LOC hits for each word jieba holds that names a landform (above); `area_hits` are the gazetteer's."""
    areas = {(h.start, h.end) for h in area_hits if h.label == "GPE"}
    names, one_char_surnames = area_names(), surnames(ambiguous=True)[0]
    out = []
    for m in _landform_ends().finditer(clean, LANDFORM_NAME - 1):
        start = m.end() - LANDFORM_NAME
        words = jieba_words(clean, max(0, start - REACH), m.end() + REACH)
        word, tag = next(((w, t) for s, w, t in words if s == start and len(w) == LANDFORM_NAME), ("", ""))
        if tag not in (PLACE_TAG, PERSON_TAG) or (start, m.end()) in areas:
            continue
        if (word not in names and word not in lexicon.word_set("landform_common_nouns")  # 母亲河: tagged nr
                and not (tag == PERSON_TAG and word[0] in one_char_surnames)):
            out.append(Hit(start, m.end(), "LOC"))
    return out


@lru_cache(maxsize=1)
def _landform_ends() -> re.Pattern[str]:
    return re.compile("[" + "".join(w for w in lexicon.words("landform_words") if len(w) == 1) + "]")
