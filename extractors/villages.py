"""A village named after its town: an address descends (唐昌镇|战旗村, 新北乡|沙边子村); a village named by a clan
(李家沟村, `clan_villages`); and a village's bodies (李家沟村|党支部, `village_bodies`).

A village's name is often a common word (战旗, 三角), which no proposer reads as a place before `村`; after
a town it is one, and after a county, which an address may name without the town (安吉县|鲁家村). On MSRA's
train split, of the one to three characters and `村` right after a labelled town (`village_parents`), 68 of
75 are its places exactly; the rest hold a determiner or a quantifier (某村, 一个村, 许多村民) or run 村
into a word (下一村庄), which jieba's words tell, as they tell a common noun (县|农村) and a clause (县|创建|
农村). After the places labelled there, these rules read 58 villages, all labelled so (5 of them after a
county); the verb costs them one (乡|夹道村).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from extractors import lexicon
from extractors.base import Hit
from extractors.common_words import jieba_words
from extractors.package_lexicons import surnames
from extractors.patterns import HAN, alternation
from extractors.values import span_value

VILLAGE = 0.9  # the confidence of a village after its town: 68 of 75 on MSRA train (above)
MAX_NAME = 3  # characters of a village's name
CLAN = "家"  # a clan's village is named by its surname and 家 (李家沟村, 王家村)
AFTER_VILLAGE = 4  # characters jieba reads after a village to tell whether an organisation's word follows
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


def clan_villages(clean: str) -> list[Hit]:
    """GPE hits, at VILLAGE, for a village named by a clan's surname, 家 and up to two characters more (李家沟村,
    王家村, 张家庄村) that jieba reads as a village's name (`_a_village`): the models read the surname a person
    (李|家沟村), and such a village is named wherever it stands, no town before it."""
    out = []
    for m in _clan_village_re().finditer(clean):
        if _a_village(clean, m.start(), m.end()) and not _names_an_organisation(clean, m.end()):
            out.append(Hit(m.start(), m.end(), "GPE", span_value("GPE", clean, m.start(), m.end()), VILLAGE))
    return out


def _names_an_organisation(clean: str, end: int) -> bool:
    """Whether an organisation's word follows a village, which then names that organisation (吴家包村|小学: a school,
    one ORG with the village, which the models read) but for the village's own bodies (`village_bodies`)."""
    if _village_bodies_re().match(clean, end):
        return False
    words = jieba_words(clean, end, min(len(clean), end + AFTER_VILLAGE))
    return bool(words) and len(words[0][1]) > 1 and words[0][1][-1] in lexicon.chars("org_final_chars")


def village_bodies(clean: str, places: Iterable[Hit]) -> list[Hit]:
    """ORG hits, at VILLAGE, for a village's body right after a proposed village (李家沟村|党支部: `village_bodies`),
    with the places proposed right before the village (马桥镇|尧治河村|党支部: one ORG, as 福建省三明市科技局 is)."""
    bodies, out = _village_bodies_re(), []
    starts = {h.end: h.start for h in places if h.label == "GPE" and h.start < h.end}  # a place's end -> its start
    for h in places:
        if h.label == "GPE" and clean.endswith(_VILLAGE, h.start, h.end) and (m := bodies.match(clean, h.end)):
            start = h.start
            while start in starts:
                start = starts[start]
            out.append(Hit(start, m.end(), "ORG", span_value("ORG", clean, start, m.end()), VILLAGE))
    return out


@lru_cache(maxsize=1)
def _clan_village_re() -> re.Pattern[str]:
    one_char_surnames = "".join(sorted(surnames()[0]))  # the unambiguous ones: 周, 党 name clans and words alike
    return re.compile(f"[{one_char_surnames}]{CLAN}{HAN.pattern}{{0,2}}?{_VILLAGE}")


@lru_cache(maxsize=1)
def _village_bodies_re() -> re.Pattern[str]:
    return re.compile(alternation(lexicon.words("village_bodies")))
