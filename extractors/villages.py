"""A village named after its town: an address descends (唐昌镇|战旗村, 新北乡|沙边子村).

A village's name is often a common word (战旗, 三角), which no proposer reads as a place before `村`; after
a town it is one. On MSRA's train split, of the one to three characters and `村` right after a labelled
town (`village_parents`), 68 of 75 are its places exactly; the rest hold a determiner or a quantifier
(某村, 一个村, 许多村民) or run 村 into a word (下一村庄), which jieba's words tell.
"""
from __future__ import annotations

from collections.abc import Iterable

from extractors import lexicon
from extractors.base import Hit
from extractors.common_words import jieba_words
from extractors.patterns import HAN
from extractors.values import span_value

VILLAGE = 0.9  # the confidence of a village after its town: 68 of 75 on MSRA train (above)
MAX_NAME = 3  # characters of a village's name
_VILLAGE = "村"


def villages_after_towns(clean: str, towns: Iterable[Hit]) -> list[Hit]:
    """GPE hits, at VILLAGE, for a village's name and 村 right after each proposed town."""
    parents = tuple(lexicon.words("village_parents"))
    out = []
    for town in towns:
        if town.label != "GPE" or not clean.endswith(parents, town.start, town.end):
            continue
        at = clean.find(_VILLAGE, town.end + 1, town.end + MAX_NAME + 1)
        if at > 0 and _a_village(clean, town.end, at + 1):
            out.append(Hit(town.end, at + 1, "GPE", span_value("GPE", clean, town.end, at + 1), VILLAGE))
    return out


def _a_village(clean: str, start: int, end: int) -> bool:
    """Whether clean[start:end] is a name and 村: Han characters jieba reads as words of no function word's
    tag (`name_char_breaker_tags`: 某, 一个, 许多), the last ending with 村 (not 村庄, 村民)."""
    if not all(map(HAN.match, clean[start:end])):
        return False
    words = jieba_words(clean, start, min(len(clean), end + 2))
    if end not in {s + len(w) for s, w, _ in words}:
        return False
    breakers = lexicon.word_set("name_char_breaker_tags")
    return not any(tag in breakers for s, _, tag in words if s < end)
