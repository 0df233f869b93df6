"""A village named after its town: an address descends (唐昌镇|战旗村, 新北乡|沙边子村).

A village's name is often a common word (战旗, 三角), which no proposer reads as a place before `村`; after
a town it is one, and after a county, which an address may name without the town (安吉县|鲁家村). On MSRA's
train split, of the one to three characters and `村` right after a labelled town (`village_parents`), 68 of
75 are its places exactly; the rest hold a determiner or a quantifier (某村, 一个村, 许多村民) or run 村
into a word (下一村庄), which jieba's words tell, as they tell a common noun (县|农村) and a clause (县|创建|
农村). After the places labelled there, these rules read 58 villages, all labelled so (5 of them after a
county); the verb costs them one (乡|夹道村).
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
_OF = "的"  # a possessive between the town and its village


def villages_after_towns(clean: str, towns: Iterable[Hit]) -> list[Hit]:
    """GPE hits, at VILLAGE, for a village's name and 村 right after each proposed town, or after its possessive
    where jieba reads the name as a proper name (槐店乡|的|司马光村)."""
    parents = tuple(lexicon.words("village_parents"))
    out = []
    for town in towns:
        if town.label != "GPE" or not clean.endswith(parents, town.start, town.end):
            continue
        # after a possessive only a proper name (槐店乡|的|司马光村): 乡的|重点村, 镇的|试点村 describe
        start = town.end + clean.startswith(_OF, town.end)
        at = clean.find(_VILLAGE, start + 1, start + MAX_NAME + 1)
        if at > 0 and _a_village(clean, start, at + 1) and (start == town.end or _a_proper_name(clean, start, at)):
            out.append(Hit(start, at + 1, "GPE", span_value("GPE", clean, start, at + 1), VILLAGE))
    return out


def _a_village(clean: str, start: int, end: int) -> bool:
    """Whether clean[start:end] is a name and 村: Han characters jieba reads as words of no function word's
    tag (`name_char_breaker_tags`: 某, 一个, 许多) nor verbs of two characters or more (`verb_tags`: 创建), the
    last ending with 村 (not 村庄, 村民); a word of jieba's that runs from the town to 村 is a proper name
    (华西村; not 农村, 全村, 邻村: common nouns; 鲁|家村 is a name)."""
    if not all(map(HAN.match, clean[start:end])):
        return False
    words = jieba_words(clean, start, min(len(clean), end + 2))
    last = next((w for w in words if w[0] + len(w[1]) == end), None)
    if last is None or (last[0] == start and last[2] not in lexicon.word_set("proper_name_tags")):
        return False
    breakers, verbs = lexicon.word_set("name_char_breaker_tags"), lexicon.word_set("verb_tags")
    # a verb of two characters or more makes a clause of it (松江县|创建|农村), not a name
    return not any(tag in breakers or (len(w) >= 2 and tag in verbs) for s, w, tag in words if s < end)


def _a_proper_name(clean: str, start: int, end: int) -> bool:
    """Whether jieba reads clean[start:end] as proper names only (`proper_name_tags`: 司马光 nr; not 重点, 新)."""
    proper = lexicon.word_set("proper_name_tags")
    return all(tag in proper for _, _, tag in jieba_words(clean, start, end))
