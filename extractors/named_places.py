"""Named parks, zones and venues: a proper name followed by a place word is one LOC (漕河泾开发区,
紫竹高新区, 天河体育馆), not a GPE or nothing. And landforms: a proper name before a word that says it
is one (巢湖|流域, 秦岭|北麓) is a LOC, not the area that may share its name (`landform_runs`). And
regions named by a province's short name and a direction (陕北: `regions`).

The name is the word jieba (its dictionary alone, as the CRF's word features) segments right before
a park, zone, site or venue word (`loc_words`, `site_words`, `venue_words`; or `new_area_words` where the
whole names no district: 两江|新区 is a zone, 浦东|新区 a district), when jieba tags it a proper name
(`proper_name_tags`: place, person or other proper noun; 紫竹 is tagged a person) or an area's name
(常熟 is an adjective to jieba, but not a frequent one: `area_names`), and it is no
generic word (`generic_words`: 经济开发区, 科技园区 describe a zone, they do not name it). A
determiner or level before the place word (该开发区, 国家级高新区, 各园区) is no name, so no LOC. Common
nouns between the name and the place word name the zone's fields (两江|数字|经济|产业园), and after an area
a place word or characters jieba knows no word for name it (青岛|西海岸|新区, 大连市|金|普|新区; a new area's
at a clause's start too: 在|雄|安|新区). A place word jieba reads as the start of a longer word ends no place
(南京|古城墙).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from extractors import lexicon
from extractors.area_bodies import begins_area_name
from extractors.base import Hit
from extractors.common_words import begins_longer_word, frequent_word, jieba_tag, jieba_words, place_word_tags
from extractors.package_lexicons import admin_unit_names, china_units, read_province_alias
from extractors.patterns import HAN, alternation

MIN_NAME = 2  # characters of the name: one character is an abbreviation (京) or a word part
UNKNOWN_NAME = 3  # characters jieba reads one at a time that may name a zone after its area (金|普)
AREA_SUFFIX = 2  # characters after a place word that may end an area's name it begins (南岸|区)
SECTION_REACH = 8  # characters jieba segments after a zone: an area's name, a section's word and what follows
OTHER_PROPER_NOUN = "nz"  # jieba's tag of proper nouns that are neither places nor persons
REACH_BEFORE = 16  # characters jieba segments before a zone word: a name, its fields, a rank, the places before them


@lru_cache(maxsize=1)
def _lists() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    places = sorted({*_zone_word_list(), *lexicon.words("venue_words"), *lexicon.words("new_area_words")},
                    key=len, reverse=True)
    return (re.compile("|".join(map(re.escape, places))), lexicon.word_set("proper_name_tags"),
            lexicon.word_set("generic_words"))


@lru_cache(maxsize=1)
def area_names() -> frozenset[str]:
    """The full names and short forms of China's provinces, cities and counties (JioNLP's tree) that
    jieba does not count frequent common words (the gazetteer's `frequent`): 常熟, not 新兴 or 光明. A
    zone after one is named after the area (常熟|经济技术开发区)."""
    from extractors.dictionary import load_gazetteer

    frequent = load_gazetteer().frequent
    return frozenset(n for n in _area_names_and_short_forms() if len(n) >= MIN_NAME and n not in frequent)


@lru_cache(maxsize=1)
def _zone_words() -> re.Pattern[str]:
    return re.compile(alternation(_zone_word_list()))  # the longest word at each place


def _zone_word_list() -> tuple[str, ...]:
    """The words of parks, zones and sites: `loc_words` (a feature of the models too) and `site_words` (not)."""
    return (*lexicon.words("loc_words"), *lexicon.words("site_words"))


def zones_after_names(clean: str, names: Iterable[Hit]) -> list[Hit]:
    """LOC hits for each park or zone word right after a proposed name (仲恺|高新区, 张江高|科技园区):
    the name jieba knows no word for, a model read; a zone named after it is one LOC with it, as
    after a name jieba knows (`named_places`). Venues are left out: a venue after a name is as often
    the body that runs it (珠海国际会展中心). Nor is a zone word that begins an area's full name one
    (呼和浩特市|新城区: a district, no new town), nor one jieba reads as the start of a longer word (加州|港口)."""
    ends: dict[int, int] = {}
    for h in names:
        if h.end - h.start >= MIN_NAME:
            ends[h.end] = min(h.start, ends.get(h.end, h.start))
    return [Hit(ends[m.start()], m.end(), "LOC") for m in _zone_words().finditer(clean)
            if m.start() in ends and not begins_area_name(clean, m.start(), m.end(), admin_unit_names(), AREA_SUFFIX)
            and not _runs_on(clean, m)]


def zones_in_zones(clean: str, zones: Iterable[Hit]) -> list[Hit]:
    """LOC hits for a park or zone word right after a proposed zone and one word that names it (成都高新区|
    天府|软件园, 东湖高新区|光谷|生物城): a park inside a zone is named so, by a word jieba may know as a
    common noun; after a rank it is the zone itself, of that rank (鄱阳湖南矶湿地|国家级|自然保护区). That word
    is of two characters or more, no field (`generic_words`: 高新区|科技|园) and no verb, preposition or other word
    a name does not run across (`name_left_breaker_tags`); the zone word begins no longer word (`_runs_on`)."""
    starts = {h.end: h.start for h in zones if h.label == "LOC"}  # a zone's end -> its start
    generic, breakers = _lists()[2], lexicon.word_set("name_left_breaker_tags")
    out = []
    for m in _zone_words().finditer(clean):
        words = jieba_words(clean, max(0, m.start() - 4), m.start())
        if words:
            start, word, tag = words[-1]
            # the longer-word check last: it segments again, and few zone words follow a zone and its name
            if (start in starts and len(word) >= MIN_NAME and word not in generic and tag not in breakers
                    and not _runs_on(clean, m)):
                # a rank names no park: the zone and its rank are one (鄱阳湖南矶湿地|国家级|自然保护区)
                ranked = word in lexicon.word_set("zone_ranks")
                out.append(Hit(starts[start] if ranked else start, m.end(), "LOC"))
    return out


def sections_of_zones(clean: str, zones: Iterable[Hit]) -> list[Hit]:
    """LOC hits for each section of a zone named by an area right after it (祁连山国家公园|青海|片区,
    深港科技创新合作区|深圳|园区: `zone_section_words`): the zone, the area and the section's word are one
    place, a part of the zone. The area is one word of jieba's (`_an_area`), and the word jieba reads from the
    section's word on is no longer than it (青海|片区|内, 青海|片|区内; not 青海|片面化), or jieba reads area and
    section's word as one word (中关村科技园区|海淀园: 海淀 is an area's name)."""
    sections, out = _zone_sections(), []
    for z in dict.fromkeys(h for h in zones if h.label == "LOC"):  # each zone once, in the order given
        words = jieba_words(clean, z.end, min(len(clean), z.end + SECTION_REACH))
        end = _section_end(clean, words, sections)
        if end is not None:
            out.append(Hit(z.start, end, "LOC"))
    return out


def _section_end(clean: str, words: list[tuple[int, str, str]], sections: re.Pattern[str]) -> int | None:
    """Where a section named by an area ends, in jieba's words right after a zone: an area and a section's word
    jieba's next word does not run past (青海|片区), or one word of an area's name and a section's word (海淀园)."""
    if not words:
        return None
    start, word, _ = words[0]
    m = sections.search(word)
    if m is not None and m.end() == len(word) and word[:m.start()] in area_names():
        return start + len(word)  # (area_names are of MIN_NAME characters or more)
    m = sections.match(clean, words[1][0]) if len(words) >= 2 and _an_area(words[0]) else None
    return m.end() if m is not None and len(words[1][1]) <= len(m.group()) else None


@lru_cache(maxsize=1)
def _zone_sections() -> re.Pattern[str]:
    return re.compile(alternation(lexicon.words("zone_section_words")))


def zones_after_areas(clean: str, zones: Iterable[Hit], areas: Iterable[Hit]) -> list[Hit]:
    """LOC hits for each zone written right after its areas, from the first of them (广州|琶洲人工智能与数字经济
    试验区, 天津|滨海新区|于家堡金融区): one LOC, as `named_places` reads an area before a zone's name
    (辽宁省大连市|金普新区), whichever component read the zone. A zone is a LOC hit ending in a park or zone
    word (`_zone_words`, `new_area_words`); venues are left out (a venue after a city is as often
    named without it); `areas` are GPE hits."""
    starts: dict[int, int] = {}  # an area's end -> the earliest start of an area ending there
    for a in areas:
        if a.label == "GPE":
            starts[a.end] = min(a.start, starts.get(a.end, a.start))
    out = []
    for z in zones:
        if z.label != "LOC" or z.start not in starts or not _ends_in_zone_word(clean[z.start:z.end]):
            continue
        start = z.start
        while start in starts:  # back over the areas written one after another (天津|滨海新区|…)
            start = starts[start]
        out.append(Hit(start, z.end, "LOC"))
    return out


def _ends_in_zone_word(name: str) -> bool:
    """Whether a name ends in a park or zone word (`_zone_words`) or a new area's (`new_area_words`) of two
    characters or more, after a name of its own."""
    return any(name.endswith(w) and len(w) >= MIN_NAME and len(name) > len(w)
               for w in (*_zone_word_list(), *lexicon.words("new_area_words")))


def named_places(clean: str) -> list[Hit]:
    """LOC hits for each proper name jieba segments right before a park, zone or venue word, or
    before a rank and such a word (卧龙|国家级|自然保护区: `zone_ranks`) or words that name no place but the
    zone's fields (黄河三角洲|农业|高新技术|产业|示范区: `generic_words`). Places jieba reads right
    before the name are part of it (苍山|洱海|国家级自然保护区), as an area is of a park named after
    it (三明|中关村科技园), and so are areas' names it reads as nouns (合肥|蜀山|经济开发区)."""
    place_words, name_tags, generic = _lists()
    ranks = lexicon.word_set("zone_ranks")
    field_tags = lexicon.word_set("field_zone_name_tags")
    out = []
    for m in place_words.finditer(clean):
        if begins_area_name(clean, m.start(), m.end(), admin_unit_names(), AREA_SUFFIX) or _runs_on(clean, m):
            continue  # 呼和浩特市|新城区: a district, no new town; 南京|古城墙: the word goes on
        reach = max(0, m.start() - REACH_BEFORE)
        before = jieba_words(clean, reach, m.start())
        fields, ranked = _pop_fields(before, ranks, generic)  # 黄河三角洲|农业|高新技术|产业|示范区
        if not before:
            continue
        start, word, tag = before.pop()
        # after fields, a place or a name jieba takes for a person's names the zone (紫竹|国际|教育|园区), no other
        # proper noun (大力发展|新兴|产业园: jieba's nz)
        named = word in area_names() or tag in (field_tags if fields else name_tags) and not _a_common_noun(word, tag)
        if not fields and not (len(word) >= MIN_NAME and named):
            # 青岛|西海岸|新区, 大连市|金|普|新区; a new area's name at a clause's start (在|雄|安|新区)
            after_area = _unknown_name(before, start, word, tag, m.group(), ranked)
            if after_area is not None:
                start, word, named = after_area, clean[after_area:m.start()], True
        # a zone's word names no zone after its fields (东湖高新区|光谷|生物城: zones_in_zones reads a park in a zone)
        named = named and not (fields and _zone_word_end(word))
        if (len(word) >= MIN_NAME and named and word not in generic and not _a_district(word + m.group())
                and word + m.group() not in _admin_names()):  # 连云|港: a city
            # the areas before it (a word at `reach` may be cut)
            while before and (before[-1][0] > reach or reach == 0) and _an_area(before[-1]):
                start = before.pop()[0]
            out.append(Hit(start, m.end(), "LOC"))
    return out


def _a_common_noun(word: str, tag: str) -> bool:
    """Whether a word jieba tags another proper noun (nz) is a frequent word (申报 nz 1,101: 积极|申报|国家级
    |自然保护区 names no zone), which is a word of the language, not a name."""
    return tag == OTHER_PROPER_NOUN and frequent_word(word)


def _pop_fields(before: list[tuple[int, str, str]], ranks: frozenset[str], generic: frozenset[str]
                ) -> tuple[int, bool]:
    """Pop the ranks and fields right before a zone word off `before`, and a one-character adjective before a
    field (东湖|新|技术|开发区, 宁波|新|材料|产业园: `field_modifier_tags`); how many fields (秦岭|国家|植物园: a
    rank, no field), and whether a rank was among them."""
    fields, ranked, modifiers = 0, False, lexicon.word_set("field_modifier_tags")
    while before and (before[-1][1] in ranks or _a_field(before[-1], generic)):
        word = before.pop()[1]
        fields += word not in ranks
        ranked = ranked or word in ranks
        if word not in ranks and before and len(before[-1][1]) == 1 and before[-1][2] in modifiers:
            before.pop()
    return fields, ranked


def _a_field(word: tuple[int, str, str], generic: frozenset[str]) -> bool:
    """Whether a word before a zone word names what the zone is for, not the zone: a word that names no
    proper name (`generic_words`) or a common noun of two characters or more (`field_word_tags`:
    两江|数字|经济|产业园, 泰州|生物医药|产业园; or a time word of `zone_time_words`: 北京|未来|科学城) that names no
    area and does not end in a zone's word."""
    if word[1] in generic:
        return True
    # an area's name is no field (双流|机场, jieba's noun), nor a zone's word: a park inside a zone is named by
    # the word after it (东湖高新区|光谷|生物城)
    named_for = word[2] in lexicon.word_set("field_word_tags") or word[1] in lexicon.word_set("zone_time_words")
    return (len(word[1]) >= MIN_NAME and named_for and word[1] not in area_names()
            and not _zone_word_end(word[1]))


def _zone_word_end(word: str) -> bool:
    """Whether a word ends in a park, zone or venue word (东湖高新区) of two characters or more: 香港 and 航空港 are
    no zones' words."""
    return any(m.end() == len(word) and len(m.group()) >= MIN_NAME for m in _lists()[0].finditer(word))


def _unknown_name(before: list[tuple[int, str, str]], start: int, word: str, tag: str,
                  zone_word: str, ranked: bool = False) -> int | None:
    """Where a zone's name jieba knows no word for begins, when an area precedes it: the zone is named by
    its area and a place word (青岛|西海岸|新区: jieba's `s`; 成都|东部|新区) or by characters jieba reads
    one at a time that make no word of its dictionary, none a function word's (大连市|金|普|新区:
    `name_char_breaker_tags`; not 河间|虽|是|古城). A new area (`zone_word` one of `new_area_words`) is named
    so at a clause's start too (在|雄|安|新区): the state's new areas are named on their own; and so is a zone
    with a rank (`ranked`: 慈|巴|沟|国家级|自然保护区), which only a named zone has. `word` (at
    `start`, tagged `tag`) is the last word before the zone word; `before` the words before it, which this pops."""
    if len(word) >= MIN_NAME:
        return start if _a_place_word(word, tag) and before and _an_area(before[-1]) else None
    # a one-character place word after characters read one at a time is mostly a word's end (驻|香|港)
    name_start = _name_chars_start(before, (start, word, tag)) if len(zone_word) >= MIN_NAME else None
    if name_start is None:
        return None
    new_area = zone_word in lexicon.word_set("new_area_words")
    return name_start if (before and _an_area(before[-1])) or ((new_area or ranked) and _opens_name(before)) else None


def _opens_name(before: list[tuple[int, str, str]]) -> bool:
    """Whether a name may begin after jieba's words `before`: at the text's start, after punctuation or after a
    word a name does not run across (`name_left_breaker_tags`: 在, 和, 建设)."""
    return (not before or not HAN.fullmatch(before[-1][1][-1])
            or before[-1][2] in lexicon.word_set("name_left_breaker_tags"))


def _runs_on(clean: str, place: re.Match[str]) -> bool:
    """Whether jieba, reading from the place word on, takes it as the start of a longer word (南京|古城墙,
    北京市|体育场馆): no place word ends there. Read from its start, as jieba reads the words after a name
    (大湾区|内地 is read 大湾|区内|地 with the characters before it)."""
    return begins_longer_word(clean, place.start(), place.end())


def _an_area(word: tuple[int, str, str]) -> bool:
    """Whether jieba's word (start, word, tag) is an area's name: tagged as one (`area_word_tags`) or one of
    `area_names` (合肥, which jieba tags a noun), of MIN_NAME characters or more, and no bare place word (雄安|新区|
    中关村科技园: jieba tags 新区 a place, which names none)."""
    return (len(word[1]) >= MIN_NAME and (word[2] in lexicon.word_set("area_word_tags") or word[1] in area_names())
            and _lists()[0].fullmatch(word[1]) is None)


def _name_chars_start(before: list[tuple[int, str, str]], last: tuple[int, str, str]) -> int | None:
    """Where a name of MIN_NAME to UNKNOWN_NAME characters jieba reads one at a time, ending with the word
    `last`, begins (金|普): popped off `before`, up to a character that is no Han character or a function
    word's (`name_char_breaker_tags`: 在|雄|安); None where they are too few or make a word of jieba's
    dictionary (虽|是)."""
    breakers = lexicon.word_set("name_char_breaker_tags")

    def name_char(word: tuple[int, str, str]) -> bool:
        return len(word[1]) == 1 and HAN.fullmatch(word[1]) is not None and word[2] not in breakers

    if not name_char(last):
        return None
    chars = [last]
    while before and name_char(before[-1]) and len(chars) < UNKNOWN_NAME:
        chars.append(before.pop())
    name = "".join(w for _, w, _ in chars[::-1])
    return chars[-1][0] if len(chars) >= MIN_NAME and not jieba_tag(name) else None


def _a_place_word(word: str, tag: str) -> bool:
    """Whether jieba's word names a place but no area: a place word (西海岸: `locative_tags`) or a direction
    word that begins with a direction (成都|东部|新区: `direction_tags`, `region_directions`; not 以南)."""
    return tag in lexicon.word_set("locative_tags") or (
        tag in lexicon.word_set("direction_tags") and word[0] in lexicon.chars("region_directions"))


def _a_district(name: str) -> bool:
    """Whether a name ending in a word both zones and districts end in (`new_area_words`) ends in a district
    of JioNLP's tree (浦东|新区, 上海浦东|新区, 滨海|新区): an administrative area, not the functional zones the
    tree also lists under codes 71-79 of a city (兰州新区 620171: a development zone's, as the statistics bureau
    numbers them)."""
    districts = _districts()
    return any(name[i:] in districts for i in range(len(name) - 2))


@lru_cache(maxsize=1)
def _districts() -> frozenset[str]:
    return frozenset(u.name for u in china_units() if len(u.code) == 6 and not _functional(u.code))


@lru_cache(maxsize=1)
def _admin_names() -> frozenset[str]:
    """The full names and short forms of JioNLP's administrative areas, not its functional zones (连云港, 防城港)."""
    return frozenset(n for u in china_units() if not _functional(u.code) for n in (u.name, *u.aliases))


def _functional(code: str) -> bool:
    """Whether a code of JioNLP's tree numbers a functional zone (a city's codes 71-79: 620171, 兰州新区)."""
    return len(code) == 6 and code[4] == "7"


@lru_cache(maxsize=1)
def _province_names() -> str:
    """The provinces' one-character names (JioNLP's `CHINA_PROVINCE_ALIAS`), as a regex character class's inside."""
    from extractors.package_data import jionlp_file

    return re.escape(read_province_alias(jionlp_file("rule/rule_pattern.py")))


@lru_cache(maxsize=1)
def _region_re() -> re.Pattern[str]:
    return re.compile(f"[{_province_names()}][{''.join(lexicon.chars('region_directions'))}]")


@lru_cache(maxsize=1)
def _compound_region_re() -> re.Pattern[str]:
    """A province's name (group 1) and a direction of two characters (group 2: 东北, 西南)."""
    return re.compile(f"([{_province_names()}])([东西][南北])")


@lru_cache(maxsize=1)
def _area_names_and_short_forms() -> frozenset[str]:
    """Every full name and short form in JioNLP's tree, frequent words too (云南, 陕西): no region."""
    return frozenset(n for u in china_units() for n in (u.name, *u.aliases))


def regions(clean: str) -> list[Hit]:
    """LOC hits for each region named by a province's one-character name and a direction (陕北, 皖南, 豫东:
    `region_directions`; the gazetteer knows those of two-character directions, 浙西南, and `compound_regions`
    reads the rest), where jieba reads it as one place word there and it names no area (甘南, 黔南, 晋中 are
    prefectures, 湘西 one's short form) and no firm (`not_region_words`: 京东)."""
    out = []
    area_tags, firms = lexicon.word_set("area_word_tags"), lexicon.word_set("not_region_words")
    for m in _region_re().finditer(clean):
        if m.group() in _area_names_and_short_forms() or m.group() in firms:
            continue
        words = jieba_words(clean, max(0, m.start() - 4), min(len(clean), m.end() + 4))
        if any(s == m.start() and w == m.group() and t in area_tags for s, w, t in words):
            out.append(Hit(m.start(), m.end(), "LOC"))
    return out


def compound_regions(clean: str) -> list[Hit]:
    """LOC hits for each region named by a province's one-character name and a direction of two characters that
    jieba reads apart, the name alone as a place (`place_word_tags`: not 港|东南侧, a port's side) and the direction
    as a word or a word's start (豫|东南, 湘|西南地区), where it names no area (黔东南 is a prefecture's short form).
    The models read the name a GPE and the direction a LOC; the gazetteer knows some such regions whole (浙西南)."""
    out, place_tags = [], place_word_tags()
    for m in _compound_region_re().finditer(clean):
        if m.group() in _area_names_and_short_forms():
            continue
        words = {s: (w, t) for s, w, t in jieba_words(clean, max(0, m.start() - 4), min(len(clean), m.end() + 4))}
        if (words.get(m.start()) in {(m.group(1), t) for t in place_tags}
                and words.get(m.start(2), ("", ""))[0].startswith(m.group(2))):
            out.append(Hit(m.start(), m.end(), "LOC"))
    return out


def zone_bodies(clean: str, zones: Iterable[Hit]) -> list[Hit]:
    """ORG hits for each named park or zone right before the word of the body that runs it
    (`zone_body_words`: 苍山洱海国家级自然保护区|管理局): the body is named after the zone."""
    words = _zone_body_words()
    return [Hit(h.start, m.end(), "ORG") for h in zones if h.label == "LOC" and (m := words.match(clean, h.end))]


def runs_zone(clean: str, zone_end: int, end: int) -> bool:
    """Whether clean[zone_end:end] is the word of a body that runs the zone ending at `zone_end`."""
    m = _zone_body_words().match(clean, zone_end)
    return m is not None and m.end() == end


@lru_cache(maxsize=1)
def _zone_body_words() -> re.Pattern[str]:
    return re.compile(alternation(lexicon.words("zone_body_words")))


@lru_cache(maxsize=1)
def _landform_context() -> tuple[re.Pattern[str], dict[str, str]]:
    kept = lexicon.table("landform_context_words")
    return re.compile(alternation(kept)), kept


@dataclass(frozen=True)
class Landform:
    """A landform's name (a LOC) and where the context word after it ends (巢湖|流域, 大别山|区)."""

    hit: Hit
    run_end: int


def landform_runs(clean: str) -> list[Landform]:
    """Each proper name right before a word that says it is a landform (`landform_context_words`:
    巢湖|流域, 秦岭|北麓, 嘉陵江|沿岸, 梁子|湖畔: 梁子湖, 大别山|区). The name is the word jieba segments
    before that word, or, where jieba reads both as one place (淮河流域, 鄱阳湖区, 大别山区), that place
    without it. jieba must tag it a proper name (海峡|两岸 names no landform), and name and context
    must be no area's full name (房山区, 西湖区: districts), nor the context begin one (重庆|南岸区),
    nor the name be a country's (美国|西岸) or a common noun jieba tags a place's or a person's (高山|之巅,
    大山|脚下: `landform_common_nouns`)."""
    context, kept = _landform_context()
    name_tags, areas = _lists()[1], admin_unit_names()
    out = []
    for m in context.finditer(clean):
        words = jieba_words(clean, max(0, m.start() - 6), m.end())
        at = next((a for a in words if a[0] < m.start() <= a[0] + len(a[1])), None)  # holds the character before
        runs_on = at is not None and at[0] + len(at[1]) > m.start()
        if runs_on and (at[2] not in name_tags or m.start() - at[0] < MIN_NAME):
            # 黄|山脚下, 海|河之滨: jieba read the name's end with the context (as a word, or a person's name)
            at = _split_name(words, at, m.start())
        if (at is None or at[2] not in name_tags or clean[at[0]:m.end()] in areas
                or begins_area_name(clean, m.start(), m.end(), areas, AREA_SUFFIX)  # 重庆|南岸区: a district
                or at[1] in lexicon.word_set("countries")  # 美国|西岸: a country's coast
                or at[1] in lexicon.word_set("landform_common_nouns")):  # 雪山|之巅: jieba tags it a person's name
            continue
        end = _name_end(at, m.start(), m.end(), kept[m.group()])
        if end is not None and end - at[0] >= MIN_NAME:
            out.append(Landform(Hit(at[0], end, "LOC"), m.end()))
    return out


def landform_after_area(name: str) -> int | None:
    """Where a landform named on its own begins in a place read as one name, when an area's name comes
    first (新疆|塔里木盆地, 嘉兴|南湖, 大连|星海湾): the area is a GPE and the landform a LOC, as adjacent areas are
    two names (MSRA's train split writes 20 such places apart and 2 whole: 万宁|大洲岛, 文昌|椰林湾). The
    landform is a name and a natural landform's word (`landform_words`, not the parks' and zones' of
    `loc_words`, `site_words` or `venue_words`, whose areas are part of their names), longer than that word
    (青海湖 and 四川盆地 are one name each), and jieba ends a word where the area's name does or knows the
    landform's name (塔里木盆地, of its word 新疆塔里木盆地). None where no such split is."""
    cuts = _landform_cuts(name)
    if cuts is None:
        return None
    areas, (starts, bounds) = _area_names_and_short_forms(), cuts
    # the longest area's name first (内蒙古|呼伦湖, not 内蒙|古呼伦湖), where jieba ends a word or knows the
    # landform's name (乌苏里江 is one river, not the city 乌苏 and a 里江)
    return next((i for i in starts if name[:i] in areas and (i in bounds or jieba_tag(name[i:]))), None)


def landform_after_landform(name: str) -> int | None:
    """Where the second of two landforms read as one place begins (澜沧江|湄公河, 渤海|辽东湾): each a name and
    a natural landform's word, longer than that word (长江三角洲 and 天山山脉 are one name each), the first a
    place of jieba's that ends a word of its. MSRA's train split writes such pairs apart (8 of them, 渤海|辽东湾,
    未名湖|湖心岛) and none whole. None where no such split is."""
    cuts = _landform_cuts(name)
    if cuts is None:
        return None
    starts, bounds = cuts
    return next((i for i in starts if i in bounds and _a_landform_name(name[:i], _natural_landform_words())), None)


@lru_cache(maxsize=256)
def _landform_cuts(name: str) -> tuple[range, frozenset[int]] | None:
    """Where a landform named on its own may begin in `name`, latest first (its name and its natural landform's
    word, a first name of MIN_NAME characters or more before it), and where jieba's words of `name` begin; None
    where `name` ends in no natural landform's word or in a zone's (广州国际|生物岛). Cached: `hybrid` asks both
    `landform_after_area` and `landform_after_landform` of one place."""
    natural = _natural_landform_words()  # longest first
    if not name.endswith(natural) or name.endswith(_built_place_words()):
        return None
    word = next(w for w in natural if name.endswith(w))
    bounds = frozenset(s for s, _, _ in jieba_words(name, 0, len(name)))
    return range(len(name) - len(word) - 1, MIN_NAME - 1, -1), bounds


def _a_landform_name(name: str, natural: tuple[str, ...]) -> bool:
    """A place of jieba's dictionary (ns) named by a name and a natural landform's word (澜沧江, 渤海)."""
    word = next((w for w in natural if name.endswith(w)), None)
    return word is not None and len(name) > len(word) and jieba_tag(name) == "ns"


@lru_cache(maxsize=1)
def _built_place_words() -> tuple[str, ...]:
    return (*_zone_word_list(), *lexicon.words("venue_words"))


@lru_cache(maxsize=1)
def _natural_landform_words() -> tuple[str, ...]:
    built = _built_place_words()
    return tuple(sorted((w for w in lexicon.words("landform_words") if w not in built), key=len, reverse=True))


def _split_name(words: list[tuple[int, str, str]], at: tuple[int, str, str], start: int
                ) -> tuple[int, str, str] | None:
    """The name jieba split between the word before `at` and the start of `at`, a word it read on into
    the context word at `start` (黄|山脚下: 黄山; 天|山脚下: 天山; 海|河之滨: 海河), when jieba knows that name;
    None where it knows none (在|山脚下)."""
    before = next((a for a in words if a[0] + len(a[1]) == at[0]), None)
    if before is None:
        return None
    name = before[1] + at[1][:start - at[0]]
    tag = jieba_tag(name)
    return (before[0], name, tag) if tag else None


def _name_end(at: tuple[int, str, str], start: int, end: int, keep: str) -> int | None:
    """Where the name in jieba's word `at` ends, before the context word clean[start:end] whose first
    characters `keep` end it (梁子|湖畔: 梁子湖), or None where the word runs into the context."""
    at_end, with_kept = at[0] + len(at[1]), start + len(keep)
    if at_end in (with_kept, end):  # 武陵山|区; 淮河流域 and 大别山区 one word
        return with_kept
    if at_end != start:
        return None
    if not keep or at[1].endswith(keep):  # 巢湖|流域, 燕山|山区
        return start
    # the kept characters make a name with the word only where jieba knows that name (梁子湖; 鄂西|山区
    # is the mountains of western Hubei, no mountain 鄂西山)
    return with_kept if jieba_tag(at[1] + keep) else None
