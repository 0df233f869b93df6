"""Tibetan and Mongolian names as elements side by side: 扎西多吉, 才让卓玛, 尼玛扎西, 巴图孟和 are one person each.

A Tibetan or Mongolian name has no surname: it is two given-name elements, written with no mark
between them. jieba and the models, taught on Han names, read one element as a person and the other as a
place (尼玛 is a county: 尼玛|扎西 came out a GPE and a person) or nothing. Two elements of `name_elements`
side by side, elements that are no common word of Chinese, name one person wherever they stand; the proposal
carries its own confidence, as a name after a title does (`titled_persons.TITLED_NAME`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from extractors import lexicon
from extractors.base import Hit
from extractors.patterns import alternation

ELEMENT_NAME = 0.9
PAIR = 2  # elements of one name


@lru_cache(maxsize=1)
def _element_re() -> re.Pattern[str]:
    return re.compile(alternation(lexicon.words("name_elements")))


@lru_cache(maxsize=1)
def _run_re() -> re.Pattern[str]:
    return re.compile(f"(?:{_element_re().pattern}){{{PAIR},}}")


def persons_of_elements(clean: str) -> list[Hit]:
    """PERSON proposals, with ELEMENT_NAME as their confidence, for each pair of name elements side by side.
    A longer run is paired from its end: an element left over at its start is the end of a name before it
    (才口|布和|边巴扎西: two persons)."""
    out = []
    for run in _run_re().finditer(clean):
        parts = [(m.start(), m.end()) for m in _element_re().finditer(clean, run.start(), run.end())]
        for i in range(len(parts) - PAIR, -1, -PAIR):
            out.append(Hit(parts[i][0], parts[i + PAIR - 1][1], "PERSON", score=ELEMENT_NAME))
    return sorted(out, key=lambda h: h.start)


def parts_of_names(proposals: Mapping[str, Iterable[Hit]], names: Iterable[Hit]) -> set[tuple[int, int]]:
    """The spans of persons proposed inside a name of elements and shorter than it (卓玛 of 才让卓玛, 巴图 of
    巴图孟和): a model that read one element as the person cut the name short."""
    runs = [(n.start, n.end) for n in names]
    return {(h.start, h.end) for hits in proposals.values() for h in hits if h.label == "PERSON"
            and any(s <= h.start and h.end <= e and h.end - h.start < e - s for s, e in runs)}
