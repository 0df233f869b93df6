"""Bodies of an area named by the area's full name: 苏州市相城区|人民政府, 嘉兴市南湖|区委宣传部.

A body of a level (委, 人民政府, 人大…: `name_rules.level_bodies`) opens with its level character, which
ends the full name of the area it is of when such a name stands before it (相城区, 南湖区:
`admin_unit_names`); the areas written right before that one name the body too (苏州市|相城区…: one ORG, as
福建省三明市科技局 is, by the spec's rule 1). `area_body_start` moves a proposed body's start there;
`area_bodies` proposes such bodies, which no component may have read (the models read 苏州市 alone).
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors import lexicon
from extractors.base import Hit
from extractors.package_lexicons import admin_unit_names
from extractors.patterns import alternation

# The confidence of a proposed body: the models, taught on MSRA, which labels 北京市政府 as a place and no body,
# find the whole unlikely (苏州市相城区人民政府 0.04); 185 of the 284 such bodies on MSRA's train split are its
# organisations as proposed, most of the rest the party's (中共|重庆市委, `name_boundaries.party_start`) or
# a government MSRA labels by its place alone, which the spec labels whole (北京市政府).
AREA_BODY = 0.9
MIN_AREA_NAME = 2  # characters of an area's name before its level character (城区 and 郊区 are districts too)
MAX_AREA_NAME = 8  # characters of an area's full name (呼和浩特市, 西双版纳傣族自治州)


def area_bodies(clean: str) -> list[Hit]:
    """ORG proposals, at AREA_BODY, of the bodies of a level that follow their area's name."""
    from extractors.name_rules import level_bodies  # not at import: listing the extractors loads no rules

    return [Hit(begin, end, "ORG", score=AREA_BODY)
            for start, end in level_bodies(clean) if (begin := _area_start(clean, start)) < start]


def bodies_named_by_level(clean: str) -> list[Hit]:
    """ORG proposals, at AREA_BODY, of the bodies named by their level alone where a clause begins: a level's
    (镇|人民政府, 县|人大常委会: `name_rules.level_bodies`, which the models, taught on MSRA's news, doubt: 镇人民政府
    0.16), a court's with its rank (市|中级|人民法院: `_ranked_court_re`), and a subdistrict's or a community's
    (街道|党工委|书记, 社区|党委: `community_levels`, `community_bodies`), as 镇党委 is a town's: the spec names
    街道 with the areas, and a community is a town's village. After a name the body is the name's
    (龙翔街道党工委), which the models read."""
    from extractors.name_rules import level_bodies  # not at import: listing the extractors loads no rules

    spans = [*level_bodies(clean), *(m.span() for m in _community_body_re().finditer(clean)),
             *(m.span() for m in _ranked_court_re().finditer(clean))]
    return [Hit(start, end, "ORG", score=AREA_BODY) for start, end in dict.fromkeys(spans)
            if start == 0 or not "\u4e00" <= clean[start - 1] <= "\u9fff"]


@lru_cache(maxsize=1)
def _ranked_court_re() -> re.Pattern[str]:
    """A level's character, a court's rank and its word (市|中级|人民法院: `court_ranks`), which the levels' bodies
    leave out (the rank stands between), and which jieba may read as a district's name (市中 of 市中区)."""
    return re.compile(f"[{lexicon.chars('level_chars')}](?:{alternation(lexicon.words('court_ranks'))})(?:人民)?法院")


@lru_cache(maxsize=1)
def _community_body_re() -> re.Pattern[str]:
    return re.compile(f"(?:{alternation(lexicon.words('community_levels'))})"
                      f"(?:{alternation(lexicon.words('community_bodies'))})")


def area_body_start(clean: str, start: int) -> int:
    """Where a body of a level that a proposal starts at its level character begins (`start` if no area's
    full name ends with that character)."""
    from extractors.name_rules import level_body_at

    return _area_start(clean, start) if level_body_at(clean, start) else start


def _area_start(clean: str, level: int) -> int:
    units = admin_unit_names()
    begin = area_before(clean, level + 1, units, MIN_AREA_NAME + 1)
    if begin is None:
        return level
    while (earlier := area_before(clean, begin, units, MIN_AREA_NAME + 1)) is not None:
        begin = earlier
    return begin


def begins_area_name(clean: str, start: int, end: int, names: frozenset[str], longest_suffix: int) -> bool:
    """Whether clean[start:end] and one to `longest_suffix` characters after it make one of `names` (areas' full
    names): the word begins an area's name (重庆|南岸区, 遵义|市), which `area_before` reads from its end."""
    return any(clean[start:end + n] in names for n in range(1, longest_suffix + 1))


def area_before(clean: str, end: int, names: frozenset[str], shortest: int) -> int | None:
    """The start of the longest of `names` (areas' names) ending at `end`, of `shortest` characters or more
    and MAX_AREA_NAME at most; None where none ends there."""
    return next((end - n for n in range(min(MAX_AREA_NAME, end), shortest - 1, -1) if clean[end - n:end] in names),
                None)
