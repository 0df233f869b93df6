"""The dictionary's gazetteer: one Aho-Corasick automaton over names from installed packages.

The gazetteers are read at load time from data that ships with maintained packages, never from
this repository (and never from the gold):
- JioNLP `dictionary/china_location.txt`: provinces, cities and counties with their short forms,
  towns (镇/乡/街道) and villages (村), with the administrative tree;
- JioNLP `dictionary/world_location.txt`: countries (short and full names), capitals, main cities,
  continents;
- JioNLP `dictionary/chinese_word_dictionary.txt` (Xinhua) and `rule/rule_pattern.py` (surnames,
  provinces' one-character names): to tell names from common words;
- jieba `dict.txt`: entries tagged ns (places), nt (organisations), nr/nrfg (person names), and
  its common words, verbs and idioms, used to tell a name from a word it is part of.
What is written here is only language: organisation words, government bodies, level prefixes and
administrative suffixes, the words that compose names into organisations (schema 1.0, rule 1).

Building takes about ten seconds, in named steps (`build_gazetteer`), so the gazetteer is cached
as data (no pickle: `extractors.data_cache`, with a sha256 checked at load) under `cache_dir()`
(outside the repository), keyed by the packages' versions, the lexicon files
(extractors/data/lexicon) and this module's source, and kept in memory. Matching is
`extractors.dictionary`.
"""
from __future__ import annotations

import dataclasses
import importlib.metadata
import importlib.util
import json
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from extractors import automaton as ac
from extractors import data_cache, level_nouns, lexicon
from extractors.level_nouns import before_level
from extractors.package_data import cache_dir, jionlp_file, package_dir
from extractors.package_lexicons import (
    ChinaLocations,
    WorldLocations,
    read_china_locations,
    read_common_words,
    read_jieba_dict,
    read_province_alias,
    read_world_locations,
    surnames,
)


class Tag:
    """What a key in the automaton can be, as bits; one key may be several things (`市` is a level
    and a suffix). Plain ints, not an IntFlag: matching tests them thousands of times a page."""

    GPE = 1 << 0        # an administrative area or a country
    GATED = 1 << 1      # a GPE only where the document names its county or city (villages, towns' short
                        # forms, counties' short forms that are also words: 惠民)
    ALIAS = 1 << 2      # a short form that takes an administrative suffix (三明 + 市)
    ORG = 1 << 3        # an organisation name
    LOC = 1 << 4        # a named place that is not an administrative area
    PERSON = 1 << 5     # a person name
    ORG_WORD = 1 << 6   # makes an ORG after a name (大学, 公司, 科技局)
    STRONG = 1 << 7     # an ORG_WORD that may follow a name after a few unknown characters (有限公司)
    BODY = 1 << 8       # a government body that makes an ORG after a level prefix (委, 政府, 科技局)
    LEVEL = 1 << 9      # a level prefix (省, 市, 县, 国家)
    LOC_WORD = 1 << 10  # makes a LOC after a name (科技园, 广场)
    BLOCK = 1 << 11     # an idiom: names inside it are not mentions (长治久安)
    INSTITUTE = 1 << 12  # 所 closing an institute of a named organisation (中国科学院 + 武汉岩土 + 所)


# --------------------------------------------------------------------------------------------
# Language resources (hand-written: the words that build names, not names)

# The word lists are language resources in extractors/data/lexicon, each file saying what it holds.
# Administrative suffixes a short form takes to make a GPE (三明 + 市); `级` and `地区` are not
# among them: schema rule 9 keeps level and area suffixes outside the span.
ADMIN_SUFFIXES = lexicon.words("admin_suffixes")
LEVEL_CHARS = lexicon.chars("level_chars")           # level prefixes of government bodies (市委)
DESIGNATION_CHARS = lexicon.chars("designation_chars")  # one-character designations that end an area
# "The Centre": one body on its own (schema guidelines: 中央和省市委部署), and a level (中央纪委).
CENTRE = "中央"
PREFECTURE_LEVELS = lexicon.words("prefecture_levels")  # 地区, 盟: their government is an office (地区行署)
LEVELS = (*LEVEL_CHARS, *PREFECTURE_LEVELS, "自治区", "自治州", "国家", CENTRE)
GOV_BODIES = (*lexicon.words("gov_bodies"), *lexicon.words("prefecture_offices"))
DOMAINS = lexicon.words("domains")
DOMAIN_HEADS = lexicon.words("domain_heads")
STRONG_ORG_WORDS = lexicon.words("strong_org_words")
ORG_WORDS = (*STRONG_ORG_WORDS, *lexicon.words("org_words"))
LOC_WORDS = lexicon.words("loc_words")
MOTION_VERBS = lexicon.chars("motion_verbs")
# A firm's short name is often a place and its trade in one character + 业 (X菌业, X薯业), and such
# names come in lists of firms (GUIDELINES); the trades ordinary text names (农业, 林业, 茶业: jieba's
# words) make a sector, and so does an unlisted one out of a list (湖州竹业转型升级).
TRADE = "业"
DIRECTIONS = lexicon.words("directions")
STOP_CHARS = frozenset(lexicon.chars("name_stop_chars"))
MAX_MIDDLE = 10  # unknown characters allowed between a name and a STRONG word
MAX_HOMONYMS = 20  # counties a village name may repeat in before it counts as a description (高山村: 160)
MAX_HOPS = 4     # words chained into one name (大学 + 学院 + 研究所 + 党组): bounds the work on odd input
# jieba frequencies: past WORD_FREQ a short form is also a word (惠民 nr 105); past COMMON_PLACE_FREQ
# even a place is mostly a word (新建 ns 1000, 长安, 中原); below MIN_WORD_FREQ jieba's entries are
# mostly segmentation debris (洱茶, 凰计 are no words).
WORD_FREQ = 100
COMMON_PLACE_FREQ = 1000
MIN_WORD_FREQ = 10
NAME_TAGS = frozenset(lexicon.words("name_tags"))
PERSON_OR_ORG_TAGS = NAME_TAGS - {"ns"}  # jieba's ns holds many common words (城市, 高原)
PROPER_TAGS = frozenset({"nr", "nrfg", "nrt", "nz"})  # persons and other proper names (not abbreviations, j)
WORD_TAGS = frozenset(lexicon.words("word_tags"))
# Ministries name one body without a level prefix (科技部, 财政部); party departments do not (宣传部).
PARTY_DOMAINS = frozenset(lexicon.words("party_domains"))

CACHE_FORMAT = 2
LEN_BITS = 6
MAX_KEY = (1 << LEN_BITS) - 1


# --------------------------------------------------------------------------------------------
# Package data

def _versions() -> dict[str, str]:
    return {d: importlib.metadata.version(d) for d in ("jionlp", "jieba")}


# --------------------------------------------------------------------------------------------
# The gazetteer: build, cache, load

@dataclass
class Gazetteer:
    automaton: ahocorasick.Automaton  # key (`automaton.units`) -> index into `tags` and `codes`, and key length
    tags: list[int]
    codes: list[tuple[str, ...]]       # GPE: its own admin codes; GATED: the county codes it lies in
    parent: dict[str, str]             # admin code -> parent admin code
    continuations: frozenset[str]      # (final character, next character) pairs that are words: 市场, 局长
    before_level: frozenset[str]       # (character, level) pairs that are words: 城市, 地区
    bigrams: frozenset[str]            # frequent two-character common words (振兴, 化工, 示范)
    verbs: frozenset[str]              # jieba's frequent verbs, adverbs...: a clause, not a name, starts with one;
                                       # "+" + a longer non-verb word that starts with one
    province_list: re.Pattern[str]     # provinces' one-character names in a list (京、津)
    motion: re.Pattern[str]            # a verb of motion and a province's one-character name (进京, 赴沪)
    not_institutes: frozenset[str]     # words ending in 所 that are no institute (场所, 院所)
    frequent: frozenset[str]           # frequent common words and verbs: no institute's field (上海 + 工作 + 所需)
    straddles: frozenset[str]          # frequent two-character words jieba tags as names, not places (凤凰 nr)
    words: dict[str, int]              # two-character words of jieba's dictionary (光伏) -> their frequency
    modifiers: frozenset[str]          # characters jieba tags as adjectives on their own (新, 老, 大)
    versions: dict[str, str]


class _Builder:
    def __init__(self) -> None:
        self.tags: dict[str, int] = {}
        self.codes: dict[str, set[str]] = {}

    def add(self, key: str, tag: int, codes: Iterable[str] = ()) -> None:
        if not key:
            return
        old = self.tags.get(key, 0)
        if old & Tag.GPE and tag & Tag.GPE and bool(old & Tag.GATED) != bool(tag & Tag.GATED):
            # A name that is a GPE outright (上海) stays one even where it is also a town's short
            # form somewhere; its codes stay its own.
            if tag & Tag.GATED:
                self.tags[key] = old | (tag & ~Tag.GATED)
                return
            old &= ~Tag.GATED
            self.codes.pop(key, None)
        self.tags[key] = old | tag
        if codes:
            self.codes.setdefault(key, set()).update(codes)


def _is_word_alias(alias: str, jieba_words: dict[str, tuple[int, str]]) -> bool:
    """A county's short form that is mostly a common word (合作, 和平, 比如, 公安) is not matched alone."""
    freq, tag = jieba_words.get(alias, (0, ""))
    if tag == "ns":
        return False
    if tag in WORD_TAGS:
        return freq >= 100
    return freq >= 500 if tag not in NAME_TAGS else freq >= 1000


def _is_ambiguous_alias(alias: str, jieba_words: dict[str, tuple[int, str]], common: frozenset[str]) -> bool:
    """A county's short form that is also a frequent word: jieba tags it a common noun (同心, 富民),
    or a name that the Xinhua dictionary lists as a word (惠民 "benefit the people", nr 105; but
    余姚 is only a name), or a place so frequent it is mostly a word (新建 "newly built", ns 1000).
    It is a name only where the document names the county or its city, like a town's short form.
    (Not its province: a report names many provinces, 山东 does not make 惠民项目 a county.)"""
    freq, tag = jieba_words.get(alias, (0, ""))
    if freq < WORD_FREQ:
        return False
    if tag == "ns":
        return freq >= COMMON_PLACE_FREQ
    return tag not in NAME_TAGS or alias in common


_CLAUSE_TAGS = frozenset(lexicon.words("clause_tags"))


def _province_list(aliases: str, jieba_words: dict[str, tuple[int, str]]) -> re.Pattern[str]:
    """Two or more one-character province names joined by 、 (京、津、冀), leaving out those jieba
    tags as common words on their own (新 and 黑 adjectives, 台 a classifier)."""
    chars = "".join(c for c in aliases if jieba_words.get(c, (0, ""))[1] in NAME_TAGS)
    cls = f"[{re.escape(chars)}]"
    return re.compile(rf"{cls}(?:、{cls})+")


def _motion(aliases: str, jieba_words: dict[str, tuple[int, str]]) -> re.Pattern[str]:
    """A verb of motion and a province's one-character name (进京, 赴沪, 驻港), where jieba does not
    read the pair as a noun (进港: a ship's entering port)."""
    pairs = [v + c for v in MOTION_VERBS for c in aliases if jieba_words.get(c, (0, ""))[1] in NAME_TAGS
             and jieba_words.get(v + c, (0, "v"))[1] in ("v", "vn", "ns")]
    return re.compile("|".join(pairs) or "(?!)")


def _is_common(stem: str, jieba_words: dict[str, tuple[int, str]], common: frozenset[str]) -> bool:
    return stem in common or _is_word_alias(stem, jieba_words)


@dataclass
class Sources:
    """The package data the gazetteer is built from (see the module docstring)."""

    china: ChinaLocations
    world: WorldLocations
    jwords: dict[str, tuple[int, str]]  # jieba: word -> (frequency, tag)
    single_surnames: frozenset[str]
    double_surnames: frozenset[str]
    province_alias: str                  # provinces' one-character names
    common: frozenset[str]               # Xinhua's common words


def read_sources() -> Sources:
    single, double = surnames()
    return Sources(read_china_locations(jionlp_file("dictionary/china_location.txt")),
                   read_world_locations(jionlp_file("dictionary/world_location.txt")),
                   read_jieba_dict(package_dir("jieba") / "dict.txt"), single, double,
                   read_province_alias(jionlp_file("rule/rule_pattern.py")),
                   read_common_words(jionlp_file("dictionary/chinese_word_dictionary.txt")))


def _add_admin_units(b: _Builder, src: Sources) -> dict[str, str]:
    """Administrative areas: full names always; short forms of provinces and cities always, of
    counties unless the short form is mostly a common word. Generic zone names (开发区, 工业园)
    are not short forms of anything. Returns admin code -> parent code."""
    parent: dict[str, str] = {}
    for u in src.china.units:
        if u.parent and u.parent != u.code:
            parent[u.code] = u.parent
        b.add(u.name, Tag.GPE, [u.code])
        last = u.name[-1]
        for a in u.aliases:
            if len(a) < 2 or a == u.name or a[-1] in "区园":
                continue
            if u.level < 2 or not _is_word_alias(a, src.jwords):
                gate = Tag.GATED if u.level == 2 and _is_ambiguous_alias(a, src.jwords, src.common) else 0
                b.add(a, Tag.GPE | Tag.ALIAS | gate, [u.code])
            elif last in "县市旗":
                b.add(a + last, Tag.GPE, [u.code])  # 和平县 is a name even where 和平 is a word
            if "自治" in u.name and last in "县州旗":
                b.add(a + last, Tag.GPE, [u.code])  # 大通回族土族自治县 -> 大通县
    return parent


def _add_towns_and_villages(b: _Builder, src: Sources) -> None:
    """Towns and villages: their names repeat across the country and many are common words
    (高山村, 自然村), so a name whose stem is a common word is left out, and villages and towns'
    short forms count only where the document names their county or city."""
    for name, counties in src.china.towns.items():
        if not name.endswith(("镇", "乡", "街道")):
            continue  # 工业区, 农场 and the like are not administrative names
        short = name[:-2] if name.endswith("街道") else name[:-1]
        if len(short) < 2 or short.endswith("民族"):
            continue
        if _is_common(short, src.jwords, src.common):
            b.add(name, Tag.GPE | Tag.GATED, counties)  # 河山镇 is a town where its county is in view
        else:
            b.add(name, Tag.GPE, counties)
            b.add(short, Tag.GPE | Tag.GATED, counties)
    for name, counties in src.china.villages.items():
        # a name found in many counties is descriptive (高山村, 新村) rather than a proper name
        if (name.endswith("村") and len(name) >= 3 and len(counties) <= MAX_HOMONYMS
                and not _is_common(name[:-1], src.jwords, src.common)):
            b.add(name, Tag.GPE | Tag.GATED, counties)


def _add_world_and_regions(b: _Builder, src: Sources) -> None:
    for name in src.world.countries | src.world.cities:
        if len(name) >= 2:
            b.add(name, Tag.GPE)
    for name in src.world.continents:
        b.add(name, Tag.LOC)
    # Regions named by a province's one-character name and a direction: 浙西南, 鄂西北.
    for ch in src.province_alias:
        for d in DIRECTIONS:
            b.add(ch + d, Tag.LOC)


def _add_jieba_names(b: _Builder, src: Sources, parent: dict[str, str]) -> None:
    """jieba's places, organisations and persons, filtered to what looks like a name."""
    org_words = (*ORG_WORDS, *GOV_BODIES)
    for word, (_, tag) in src.jwords.items():
        if tag == "ns" or tag == "nz" and word.endswith(("三角", "三角洲")):  # 珠三角 is nz to jieba
            _add_jieba_place(b, word)
        elif tag == "nt":
            _add_jieba_org(b, word, src.jwords)
        elif tag in ("nr", "nrfg") and _looks_like_person(word, tag, src.single_surnames, src.double_surnames,
                                                          src.common, src.jwords):
            b.add(word, Tag.PERSON)
        if len(word) >= 4 and (tag == "i" or tag == "l" and not word.endswith(org_words)
                               or tag == "ns" and word not in b.tags and not _area_in_area(b, word, parent)):
            # Idioms and set phrases (长治久安, 发展中国家; but 比利时政府 is an organisation) and
            # place-like phrases jieba knows but we do not (科教兴国): no name inside is a mention.
            b.add(word, Tag.BLOCK)


def _area_in_area(b: _Builder, word: str, parent: dict[str, str]) -> bool:
    """Whether jieba's place `word` is an area followed by an area inside it (上海市|浦东新区, 辽宁|抚顺),
    two names to find, not a phrase (山南海北: areas of two provinces). Both must be areas outright: a
    town's short form, which needs its county in view, names streets and sites too (北京|首都机场)."""
    for k in range(2, len(word) - 1):
        outer, inner = word[:k], word[k:]
        if _outright_area(b, outer) and _outright_area(b, inner) \
                and any(_ancestor(parent, code, b.codes[outer]) for code in b.codes[inner]):
            return True
    return False


def _outright_area(b: _Builder, name: str) -> bool:
    tags = b.tags.get(name, 0)
    return bool(tags & Tag.GPE) and not tags & Tag.GATED and name in b.codes


def _ancestor(parent: dict[str, str], code: str, outer: set[str]) -> bool:
    """Whether one of the codes `outer` is above the admin code `code`."""
    while code in parent:
        code = parent[code]
        if code in outer:
            return True
    return False


def _add_composition_words(b: _Builder) -> None:
    """Organisation words, bodies, levels, place words: what composes names into mentions."""
    for w in ORG_WORDS:
        b.add(w, Tag.ORG_WORD)
    for w in STRONG_ORG_WORDS:
        b.add(w, Tag.ORG_WORD | Tag.STRONG)
    for w in GOV_BODIES:
        b.add(w, Tag.BODY)
    for d in DOMAINS:
        for h in DOMAIN_HEADS:
            b.add(d + h, Tag.BODY)
        if d not in PARTY_DOMAINS:
            b.add(d + "部", Tag.ORG)
    for w in LEVELS:
        b.add(w, Tag.LEVEL)
    for w in LOC_WORDS:
        b.add(w, Tag.LOC_WORD)
    b.add("所", Tag.INSTITUTE)
    b.add(CENTRE, Tag.ORG)


def _compile(b: _Builder) -> tuple[ahocorasick.Automaton, list[int], list[tuple[str, ...]]]:
    """The automaton over every key, with its tags and admin codes by index."""
    tags: list[int] = []
    codes: list[tuple[str, ...]] = []
    interned: dict[tuple[str, ...], tuple[str, ...]] = {}
    keys = sorted(k for k in b.tags if len(k) <= MAX_KEY)
    for key in keys:
        tags.append(b.tags[key])
        c = tuple(sorted(b.codes.get(key, ())))
        codes.append(interned.setdefault(c, c))
    # STORE_INTS (compact, fast to unpickle) keeps one int: the entry's index and the key's length.
    automaton = ac.build(((key, i << LEN_BITS | len(key)) for i, key in enumerate(keys)), ahocorasick.STORE_INTS)
    return automaton, tags, codes


def _boundary_words(b: _Builder, jwords: dict[str, tuple[int, str]]) -> dict[str, frozenset[str]]:
    """Common words that run across a name's edge: where a span may not close or start."""
    # A composed span is not closed where its last character and the next make a common word
    # (上海市 + 场, 科技局 + 长, 委 + 员); `级` stays outside a GPE (schema rule 9), so 市级 is no such word.
    finals = {w[-1] for w in (*ORG_WORDS, *GOV_BODIES, *ADMIN_SUFFIXES, *LOC_WORDS, *LEVELS)}
    continuations = frozenset(
        w for w, (freq, tag) in jwords.items()
        if len(w) == 2 and w[0] in finals and freq >= 100 and tag not in NAME_TAGS and w[1] != "级")
    # Common words an organisation word begins (中心 + 工作, 大学 + 生): the span does not close there.
    heads = {w for w in (*ORG_WORDS, *GOV_BODIES, *LOC_WORDS, CENTRE) if len(w) >= 2}
    continuations |= frozenset(
        w for w, (freq, tag) in jwords.items()
        if freq >= 100 and tag not in NAME_TAGS and (w[:-1] in heads or len(w) > 3 and w[:-2] in heads))
    level_nouns = frozenset(w for w, (freq, tag) in jwords.items() if before_level(w, freq, tag, LEVEL_CHARS))
    # Two-character common words: a short name does not start or end inside one (东北振兴和 is not 兴和).
    names = {k for k, t in b.tags.items() if t & (Tag.GPE | Tag.ORG | Tag.LOC)}
    bigrams = frozenset(w for w, (freq, tag) in jwords.items()
                        if len(w) == 2 and freq >= 100 and tag not in NAME_TAGS and w not in names)
    # Frequent words jieba tags as proper names that are common words too (凤凰 "phoenix" nr 1348; not
    # its abbreviations, j: 大同比上年 is 大同 and 同比): a short name does not end inside one where
    # the character it takes goes into no other word (金凤凰奖 is not 金凤; 洛阳光伏 is 洛阳 + 光伏).
    straddles = frozenset(w for w, (freq, tag) in jwords.items() if len(w) == 2 and freq >= COMMON_PLACE_FREQ
                          and tag in PROPER_TAGS and w not in names)
    return {"continuations": continuations, "before_level": level_nouns, "bigrams": bigrams,
            "straddles": straddles}


def _clause_words(jwords: dict[str, tuple[int, str]]) -> dict[str, frozenset[str]]:
    """Verbs and frequent words: where a clause, not a name, goes on."""
    # Verbs, adverbs, prepositions... open a clause: a name does not go on with one (三明市 + 组建...中心).
    verbs = frozenset(w for w, (freq, tag) in jwords.items()
                      if tag in _CLAUSE_TAGS and 2 <= len(w) <= 3 and freq >= 100)
    # ...unless a longer word that is not a verb starts there (高新 is an adverb to jieba, 高新技术 a noun)
    verbs |= frozenset("+" + w for w, (freq, tag) in jwords.items()
                       if tag not in _CLAUSE_TAGS and len(w) in (3, 4) and (w[:2] in verbs or w[:3] in verbs))
    not_institutes = frozenset(w for w in jwords if w.endswith("所") and 2 <= len(w) <= 4 and w not in ORG_WORDS)
    frequent = frozenset(w for w, (freq, tag) in jwords.items() if 2 <= len(w) <= 4 and (
        freq >= 1000 and tag not in PERSON_OR_ORG_TAGS or tag in ("v", "vn") and freq >= 100))
    # Adjectives on their own (新, 老, 大): before a town's short form they make another name.
    modifiers = frozenset(w for w, (_, tag) in jwords.items() if len(w) == 1 and tag in ("a", "ag", "b"))
    return {"verbs": verbs, "not_institutes": not_institutes, "frequent": frequent, "modifiers": modifiers}


def build_gazetteer() -> Gazetteer:
    src = read_sources()
    b = _Builder()
    parent = _add_admin_units(b, src)
    _add_towns_and_villages(b, src)
    _add_world_and_regions(b, src)
    _add_jieba_names(b, src, parent)
    _add_composition_words(b)
    automaton, tags, codes = _compile(b)
    words = {w: freq for w, (freq, _) in src.jwords.items() if len(w) == 2 and freq >= MIN_WORD_FREQ}
    return Gazetteer(automaton, tags, codes, parent, words=words,
                     province_list=_province_list(src.province_alias, src.jwords),
                     motion=_motion(src.province_alias, src.jwords), versions=_versions(),
                     **_boundary_words(b, src.jwords), **_clause_words(src.jwords))


_ORG_SUFFIX_CHARS = frozenset(lexicon.chars("org_final_chars"))


def _add_jieba_org(b: _Builder, word: str, jwords: dict[str, tuple[int, str]]) -> None:
    """jieba's nt list holds names (复旦大学, 党中央) and also bare organisation words (人民政府,
    科研院所, 理工大学) and topics (古典文学): keep a word that ends like an organisation and does not
    start with a common word followed by two or more characters (人民 + 政府, 科研 + 院所)."""
    if len(word) < 3 or word[-1] not in _ORG_SUFFIX_CHARS or word in ORG_WORDS or word in GOV_BODIES:
        return
    for k in range(len(word) - 2, 1, -1):  # the longest leading word that leaves two characters or more
        freq, tag = jwords.get(word[:k], (0, ""))
        if tag:
            if tag not in NAME_TAGS and freq >= 100:
                return
            break
    b.add(word, Tag.ORG)


_LOC_END = lexicon.words("landform_words")


def _add_jieba_place(b: _Builder, word: str) -> None:
    """jieba's ns list is noisy (城市, 东西, 爱国, and 科教兴市 tagged as a city): keep three
    characters or more that end like a landform or landmark (武当山, 长三角); areas come from JioNLP."""
    if len(word) < 3 or "自治" in word[-3:]:
        return
    if word.endswith(_LOC_END):
        b.add(word, Tag.LOC)


def _looks_like_person(word: str, tag: str, single: frozenset[str], double: frozenset[str],
                       common: frozenset[str], jieba_words: dict[str, tuple[int, str]]) -> bool:
    """jieba's nr list holds many common words (明白, 弘扬, 贡献率) and names glued to the next
    character (杨过武): keep three or four characters after a surname JioNLP lists as unambiguous
    (or a two-character surname), or jieba's full names (nrfg), none of whose first two characters
    make a common word or a shorter name. Two-character entries are mostly words (文明, 王朝) and
    are left out."""
    if not 3 <= len(word) <= 4 or word in common or not all("\u4e00" <= c <= "\u9fff" for c in word):
        return False
    if word[:2] in double:
        return True
    if tag != "nrfg" and (word[0] not in single or len(word) == 4):
        return False  # jieba's nrfg entries are full names already (习近平: 习 is an ambiguous surname)
    head = word[:2]
    freq, head_tag = jieba_words.get(head, (0, ""))
    if head in common or head_tag in ("nr", "nrfg") or head_tag and head_tag not in NAME_TAGS and freq >= 100:
        return False
    return True


def _cache_path() -> Path:
    # Keyed by the packages' versions, the lexicon files and this module's source (with the level nouns'
    # test it reads): a change to any rebuilds.
    key = data_cache.cache_key((sorted(_versions().items()), CACHE_FORMAT, lexicon.digest(),
                                importlib.metadata.version("pyahocorasick"),
                                data_cache.file_sha256(Path(level_nouns.__file__))), Path(__file__))
    return cache_dir() / f"gazetteer-{key}.data"


def _to_data(gaz: Gazetteer) -> tuple[dict, list[bytes]]:
    """The gazetteer as plain data: JSON for the word sets, machine integers for the per-key tags
    and admin codes (347k of each: as JSON they would take a second to read), and the automaton's
    own state (its byte blocks and counts)."""
    fields: dict[str, object] = {}
    for f in dataclasses.fields(gaz):
        v = getattr(gaz, f.name)
        if isinstance(v, re.Pattern):
            v = {"pattern": v.pattern, "flags": v.flags}
        elif isinstance(v, frozenset):
            v = sorted(v)
        fields[f.name] = v
    del fields["automaton"], fields["tags"], fields["codes"]
    table = sorted(set(gaz.codes))
    index = {c: i for i, c in enumerate(table)}
    blocks, *counts = gaz.automaton.__reduce__()[1]
    meta = {"automaton_counts": counts, "code_table": table, "int_size": array("q").itemsize}
    return meta, [json.dumps(fields, ensure_ascii=False).encode("utf-8"), array("q", gaz.tags).tobytes(),
                  array("q", (index[c] for c in gaz.codes)).tobytes(), *blocks]


def _from_data(meta: dict, parts: list[bytes]) -> Gazetteer:
    if meta["int_size"] != array("q").itemsize:
        raise ValueError("cache written on another platform")
    fields = json.loads(parts[0])
    for f in dataclasses.fields(Gazetteer):
        if "Pattern" in str(f.type):
            fields[f.name] = re.compile(fields[f.name]["pattern"], fields[f.name]["flags"])
        elif "frozenset" in str(f.type):
            fields[f.name] = frozenset(fields[f.name])
    table = [tuple(c) for c in meta["code_table"]]
    fields["tags"] = array("q", parts[1]).tolist()
    fields["codes"] = [table[i] for i in array("q", parts[2])]
    fields["automaton"] = ahocorasick.Automaton(parts[3:], *meta["automaton_counts"])
    return Gazetteer(**fields)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, from the on-disk cache when it matches the installed packages, else built
    (about 10 s) and cached; kept in memory for the life of the process. The cache is data (JSON
    and the automaton's byte blocks) with a sha256 checked at load: reading it runs no code."""
    # caches of other versions (and the old pickles) are removed once this one is written
    return data_cache.cached(_cache_path(), _from_data, build_gazetteer, _to_data, others="gazetteer-*")


def __getattr__(name: str):
    # Installs made before the dictionary extractor moved to extractors.dictionary still name it
    # here in their entry-point metadata; re-installing (`pip install -e .`) drops the need.
    if name == "DictionaryExtractor":
        from extractors.dictionary import DictionaryExtractor

        return DictionaryExtractor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
