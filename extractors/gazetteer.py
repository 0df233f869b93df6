"""The `dictionary` extractor: one Aho-Corasick automaton over gazetteers from installed packages.

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

Building takes about ten seconds, so the gazetteer is pickled under `cache_dir()` (outside the
repository), keyed by the packages' versions and this module's source, and kept in memory.

Matching (`find_hits`) is longest-first and flat (`base.resolve_overlaps`) over candidates:
areas named outright and short forms with a suffix (大通 + 县 -> GPE; 级, 地区 stay outside);
villages, towns' short forms and counties' short forms that are also words (惠民, 新建) only where
the document names their county or city, or a list names them beside an area (胜利镇、向阳街道);
unknown two-character items of a list of areas closed by 等地; provinces' one-character names in a
list (京、津) or after a verb of motion (进京, 赴沪); no short form inside a word (振兴和, 金凤凰);
places and organisation stems followed by organisation words (三明市 + 科技局, 青海 + 大学), levels
with a body (市委, 县科技局), or a few unknown characters and a strong word (杭州 + 西湖龙井茶叶 +
有限公司), an area in brackets among them (技术转移(杭州)中心); firms listed as a place and a trade
(X + 薯业、); named zones (三明 + 中关村 + 科技园 -> LOC); jieba's person names after a surname
filter. Idioms and titles in 《》 hide the names inside them.
"""
from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import importlib.util
import os
import pickle
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from extractors import automaton as ac
from extractors import lexicon
from extractors.base import CleanTextExtractor, Hit, resolve_overlaps
from extractors.package_data import cache_dir, jionlp_file, package_dir


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
LEVELS = (*LEVEL_CHARS, "自治区", "自治州", "国家", CENTRE)
GOV_BODIES = lexicon.words("gov_bodies")
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
DEICTIC_CHARS = frozenset(lexicon.chars("deictic_chars"))
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
_LEN_BITS = 6
_MAX_KEY = (1 << _LEN_BITS) - 1


# --------------------------------------------------------------------------------------------
# Package data

def _versions() -> dict[str, str]:
    return {d: importlib.metadata.version(d) for d in ("jionlp", "jieba")}


@dataclass
class AdminUnit:
    """A province, city or county of JioNLP's tree."""

    name: str
    code: str
    aliases: tuple[str, ...]
    level: int  # 0 province, 1 city, 2 county
    parent: str | None


@dataclass
class ChinaLocations:
    units: list[AdminUnit] = field(default_factory=list)
    towns: dict[str, set[str]] = field(default_factory=dict)     # town name -> county codes
    villages: dict[str, set[str]] = field(default_factory=dict)  # village name -> county codes


def read_china_locations(path: Path) -> ChinaLocations:
    """JioNLP's tree: one unit a line, depth by leading tabs (province, city, county: name, code, alias)."""
    out = ChinaLocations()
    parents: list[str | None] = [None, None, None]
    county = ""
    with path.open(encoding="utf-8") as f:
        for line in f:
            depth = len(line) - len(line.lstrip("\t"))
            parts = line.strip().split("\t")
            if not parts[0]:
                continue
            if depth <= 2:
                if len(parts) != 3:
                    continue
                name, code, alias = parts
                unit = AdminUnit(name, code, tuple(a for a in alias.split("/") if a), depth,
                                 parents[depth - 1] if depth else None)
                out.units.append(unit)
                parents[depth] = code
                county = code
            elif depth == 3:
                out.towns.setdefault(parts[0], set()).add(county)
            else:
                out.villages.setdefault(parts[0], set()).add(county)
    return out


@dataclass
class WorldLocations:
    countries: set[str] = field(default_factory=set)
    cities: set[str] = field(default_factory=set)
    continents: set[str] = field(default_factory=set)


def read_world_locations(path: Path) -> WorldLocations:
    """JioNLP's world list: `亚洲:` headers, then `short name, full name, capital[, main/cities]`."""
    out = WorldLocations()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = [p.strip() for p in line.split("\t") if p.strip()]
        if not parts:
            continue
        if len(parts) == 1 and parts[0].endswith(":"):
            out.continents.add(parts[0].rstrip(":"))
            continue
        out.countries.update(parts[:2])
        for p in parts[2:]:
            out.cities.update(c for c in p.split("/") if c)
    return out


def read_jieba_dict(path: Path) -> dict[str, tuple[int, str]]:
    words: dict[str, tuple[int, str]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


def read_surnames(path: Path) -> tuple[frozenset[str], frozenset[str]]:
    """JioNLP's surname lists (the one-character list after it removed ambiguous surnames, and the
    two-character list), read from its source without importing the package."""
    found: dict[str, str] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in ("SINGLE_CHINESE_FAMILY_NAME", "TWO_CHAR_CHINESE_FAMILY_NAME"):
                found[name] = ast.literal_eval(node.value)  # the later assignment wins, as on import
    return (frozenset(found["SINGLE_CHINESE_FAMILY_NAME"]),
            frozenset(found["TWO_CHAR_CHINESE_FAMILY_NAME"].split("|")))


def read_province_alias(path: Path) -> str:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "CHINA_PROVINCE_ALIAS":
            return ast.literal_eval(node.value)
    return ""


def read_common_words(path: Path) -> frozenset[str]:
    """JioNLP's general dictionary (Xinhua, pruned to words in use): common words, not names."""
    with path.open(encoding="utf-8") as f:
        return frozenset(line.split("\t", 1)[0] for line in f)


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


def build_gazetteer() -> Gazetteer:
    china = read_china_locations(jionlp_file("dictionary/china_location.txt"))
    world = read_world_locations(jionlp_file("dictionary/world_location.txt"))
    jwords = read_jieba_dict(package_dir("jieba") / "dict.txt")
    single_surnames, double_surnames = read_surnames(jionlp_file("rule/rule_pattern.py"))
    province_alias = read_province_alias(jionlp_file("rule/rule_pattern.py"))
    common = read_common_words(jionlp_file("dictionary/chinese_word_dictionary.txt"))
    b = _Builder()

    # Administrative areas: full names always; short forms of provinces and cities always, of
    # counties unless the short form is mostly a common word. Generic zone names (开发区, 工业园)
    # are not short forms of anything.
    parent: dict[str, str] = {}
    for u in china.units:
        if u.parent and u.parent != u.code:
            parent[u.code] = u.parent
        b.add(u.name, Tag.GPE, [u.code])
        last = u.name[-1]
        for a in u.aliases:
            if len(a) < 2 or a == u.name or a[-1] in "区园":
                continue
            if u.level < 2 or not _is_word_alias(a, jwords):
                gate = Tag.GATED if u.level == 2 and _is_ambiguous_alias(a, jwords, common) else 0
                b.add(a, Tag.GPE | Tag.ALIAS | gate, [u.code])
            elif last in "县市旗":
                b.add(a + last, Tag.GPE, [u.code])  # 和平县 is a name even where 和平 is a word
            if "自治" in u.name and last in "县州旗":
                b.add(a + last, Tag.GPE, [u.code])  # 大通回族土族自治县 -> 大通县
    # Towns and villages: their names repeat across the country and many are common words
    # (高山村, 自然村), so a name whose stem is a common word is left out, and villages and towns'
    # short forms count only where the document names their county or city.
    for name, counties in china.towns.items():
        if not name.endswith(("镇", "乡", "街道")):
            continue  # 工业区, 农场 and the like are not administrative names
        short = name[:-2] if name.endswith("街道") else name[:-1]
        if len(short) < 2 or short.endswith("民族"):
            continue
        if _is_common(short, jwords, common):
            b.add(name, Tag.GPE | Tag.GATED, counties)  # 河山镇 is a town where its county is in view
        else:
            b.add(name, Tag.GPE, counties)
            b.add(short, Tag.GPE | Tag.GATED, counties)
    for name, counties in china.villages.items():
        # a name found in many counties is descriptive (高山村, 新村) rather than a proper name
        if (name.endswith("村") and len(name) >= 3 and len(counties) <= MAX_HOMONYMS
                and not _is_common(name[:-1], jwords, common)):
            b.add(name, Tag.GPE | Tag.GATED, counties)
    for name in world.countries | world.cities:
        if len(name) >= 2:
            b.add(name, Tag.GPE)
    for name in world.continents:
        b.add(name, Tag.LOC)

    # Regions named by a province's one-character name and a direction: 浙西南, 鄂西北.
    for ch in province_alias:
        for d in DIRECTIONS:
            b.add(ch + d, Tag.LOC)

    # jieba's places, organisations and persons, filtered to what looks like a name.
    org_words = (*ORG_WORDS, *GOV_BODIES)
    for word, (_, tag) in jwords.items():
        if tag == "ns" or tag == "nz" and word.endswith(("三角", "三角洲")):  # 珠三角 is nz to jieba
            _add_jieba_place(b, word)
        elif tag == "nt":
            _add_jieba_org(b, word, jwords)
        elif tag in ("nr", "nrfg") and _looks_like_person(word, tag, single_surnames, double_surnames,
                                                          common, jwords):
            b.add(word, Tag.PERSON)
        if len(word) >= 4 and (tag == "i" or tag == "l" and not word.endswith(org_words)
                               or tag == "ns" and word not in b.tags):
            # Idioms and set phrases (长治久安, 发展中国家; but 比利时政府 is an organisation) and
            # place-like phrases jieba knows but we do not (科教兴国): no name inside is a mention.
            b.add(word, Tag.BLOCK)

    # Organisation words, bodies, levels.
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

    tags: list[int] = []
    codes: list[tuple[str, ...]] = []
    interned: dict[tuple[str, ...], tuple[str, ...]] = {}
    keys = sorted(k for k in b.tags if len(k) <= _MAX_KEY)
    for key in keys:
        tags.append(b.tags[key])
        c = tuple(sorted(b.codes.get(key, ())))
        codes.append(interned.setdefault(c, c))
    # STORE_INTS (compact, fast to unpickle) keeps one int: the entry's index and the key's length.
    automaton = ac.build(((key, i << _LEN_BITS | len(key)) for i, key in enumerate(keys)), ahocorasick.STORE_INTS)

    # A composed span is not closed where its last character and the next make a common word
    # (上海市 + 场, 科技局 + 长, 委 + 员); `级` stays outside a GPE (schema rule 9), so 市级 is no such word.
    finals = {w[-1] for w in (*ORG_WORDS, *GOV_BODIES, *ADMIN_SUFFIXES, *LOC_WORDS, *LEVELS)}
    continuations = frozenset(
        w for w, (freq, tag) in jwords.items()
        if len(w) == 2 and w[0] in finals and freq >= 100 and tag not in NAME_TAGS and w[1] != "级")
    # Common words an organisation word begins (中心 + 工作, 大学 + 生): the span does not close there.
    heads = {w for w in (*ORG_WORDS, *GOV_BODIES, *LOC_WORDS, CENTRE) if len(w) >= 2}
    longer = frozenset(
        w for w, (freq, tag) in jwords.items()
        if freq >= 100 and tag not in NAME_TAGS and (w[:-1] in heads or len(w) > 3 and w[:-2] in heads))
    continuations |= longer
    before_level = frozenset(  # nouns only: 入市 is a verb before 市委, 我市 a deictic
        w for w, (freq, tag) in jwords.items()
        if len(w) == 2 and w[1] in LEVEL_CHARS and freq >= 100 and tag in ("n", "s", "f")
        and w[0] not in DEICTIC_CHARS and w[0] not in LEVEL_CHARS)
    # Two-character common words: a short name does not start or end inside one (东北振兴和 is not 兴和).
    names = {k for k, t in b.tags.items() if t & (Tag.GPE | Tag.ORG | Tag.LOC)}
    bigrams = frozenset(w for w, (freq, tag) in jwords.items()
                        if len(w) == 2 and freq >= 100 and tag not in NAME_TAGS and w not in names)
    # Verbs, adverbs, prepositions... open a clause: a name does not go on with one (三明市 + 组建...中心).
    verbs = frozenset(w for w, (freq, tag) in jwords.items()
                      if tag in _CLAUSE_TAGS and 2 <= len(w) <= 3 and freq >= 100)
    # ...unless a longer word that is not a verb starts there (高新 is an adverb to jieba, 高新技术 a noun)
    verbs |= frozenset("+" + w for w, (freq, tag) in jwords.items()
                       if tag not in _CLAUSE_TAGS and len(w) in (3, 4) and (w[:2] in verbs or w[:3] in verbs))
    not_institutes = frozenset(w for w in jwords if w.endswith("所") and 2 <= len(w) <= 4 and w not in ORG_WORDS)
    frequent = frozenset(w for w, (freq, tag) in jwords.items() if 2 <= len(w) <= 4 and (
        freq >= 1000 and tag not in PERSON_OR_ORG_TAGS or tag in ("v", "vn") and freq >= 100))
    # Frequent words jieba tags as proper names that are common words too (凤凰 "phoenix" nr 1348; not
    # its abbreviations, j: 大同比上年 is 大同 and 同比): a short name does not end inside one where
    # the character it takes goes into no other word (金凤凰奖 is not 金凤; 洛阳光伏 is 洛阳 + 光伏).
    straddles = frozenset(w for w, (freq, tag) in jwords.items() if len(w) == 2 and freq >= COMMON_PLACE_FREQ
                          and tag in PROPER_TAGS and w not in names)
    words = {w: freq for w, (freq, _) in jwords.items() if len(w) == 2 and freq >= MIN_WORD_FREQ}
    modifiers = frozenset(w for w, (_, tag) in jwords.items() if len(w) == 1 and tag in ("a", "ag", "b"))
    # Adjectives on their own (新, 老, 大): before a town's short form they make another name.
    return Gazetteer(automaton, tags, codes, parent, continuations, before_level, bigrams, verbs,
                     _province_list(province_alias, jwords), _motion(province_alias, jwords), not_institutes,
                     frequent, straddles, words, modifiers, _versions())


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
    # Keyed by the packages' versions, the lexicon files and this module's source: a change to any rebuilds.
    key = hashlib.sha256(repr((sorted(_versions().items()), CACHE_FORMAT, lexicon.digest())).encode()
                         + Path(__file__).read_bytes()).hexdigest()[:16]
    return cache_dir() / f"gazetteer-{key}.pickle"


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, from the on-disk cache when it matches the installed packages, else built
    (about 10 s) and cached; kept in memory for the life of the process."""
    path = _cache_path()
    try:
        with path.open("rb") as f:
            gaz = pickle.load(f)
        if isinstance(gaz, Gazetteer):
            return gaz
    except FileNotFoundError:
        pass
    except Exception:  # a truncated or incompatible cache is rebuilt, never fatal
        pass
    gaz = build_gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(gaz, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob("gazetteer-*.pickle"):  # caches of other versions of this module
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache folder only costs the build on every load
    return gaz


# --------------------------------------------------------------------------------------------
# Matching

class _Match(NamedTuple):
    start: int
    end: int
    tags: int
    codes: tuple[str, ...]


_ORG_TAGS = Tag.ORG_WORD | Tag.BODY
_NAMED = Tag.GPE | Tag.ORG | Tag.LOC
_NUMERALS = frozenset(lexicon.chars("numeral_chars"))
_TITLE = re.compile(r"《[^《》\n]{1,80}》")
_BLOCK = "BLOCK"  # a pseudo-label: wins overlaps like a mention, then is dropped
_BRACKETED = re.compile(r"\([^()\n]{2,8}\)")
_LIST_MARKS = frozenset("、和与及等")
_ITEM_EDGES = frozenset("、，,。；;：:和与及等（()）“”\n") | {""}  # what may stand around an item of a list
# The items after the first 、 of a list closed by 等地, 等县, 等市... (包头、前旗、后旗等地)
_CLOSED_LIST = re.compile(r"(?:、[\u4e00-\u9fff]{2,4})+(?=等[地省市县区旗盟乡镇国])")


def _longest_first(m: _Match) -> int:
    return m.start - m.end


def _pair(text: str, i: int) -> str:
    """The two characters around the boundary before `i` ("" at the edges)."""
    return text[i - 1:i + 1] if 0 < i < len(text) else ""


def _is_name_char(ch: str) -> bool:
    return ("\u3400" <= ch <= "\u9fff" or ch.isascii() and ch.isalnum()) and ch not in STOP_CHARS


class _Doc:
    """The matches of one clean text and the compositions built on them."""

    def __init__(self, gaz: Gazetteer, text: str) -> None:
        self.gaz = gaz
        self.text = text
        self.matches: list[_Match] = []
        self.at: dict[int, list[_Match]] = {}  # start -> matches, longest first
        for end, value in ac.matches(gaz.automaton, text):
            i, length = value >> _LEN_BITS, value & _MAX_KEY
            m = _Match(end - length, end, gaz.tags[i], gaz.codes[i])
            self.matches.append(m)
            self.at.setdefault(m.start, []).append(m)
        for ms in self.at.values():
            if len(ms) > 1:
                ms.sort(key=_longest_first)
        self._named: set[int] | None = None
        self._brackets: dict[int, int] | None = None

    def brackets(self) -> dict[int, int]:
        """Areas in brackets, which a Chinese organisation's name may carry (技术转移(杭州)中心,
        华为技术(深圳)有限公司): the position after `)` -> the position of `(`."""
        if self._brackets is None:
            self._brackets = {t.end(): t.start() for t in _BRACKETED.finditer(self.text)
                              if any(m.end == t.end() - 1 and m.tags & Tag.GPE for m in self.at.get(t.start() + 1, ()))}
        return self._brackets

    def named(self, pos: int) -> bool:
        """Whether `pos` lies inside a known name: a stop character there is part of it (都 in 成都)."""
        if self._named is None:
            self._named = {p for m in self.matches if m.tags & _NAMED for p in range(m.start, m.end)}
        return pos in self._named

    def closes(self, end: int) -> bool:
        """A span may end before `end` unless a common word runs across it: its last character and
        the next (市场, 局长), or its organisation word and what follows (中心工作, 大学生)."""
        text, words = self.text, self.gaz.continuations
        if end >= len(text):
            return True
        return not any(text[j:end + k] in words for j in range(max(0, end - 4), end) for k in (1, 2))

    def first(self, pos: int, tag: int, min_len: int = 1) -> _Match | None:
        for m in self.at.get(pos, ()):
            if m.tags & tag and m.end - m.start >= min_len:
                return m
        return None

    def org_tail(self, pos: int, after_level: bool = False, after_org: bool = False) -> int | None:
        """End of the longest chain of organisation words from `pos` (科技局 + 党组). One-character
        words (委, 厅, 局) only right after a level (市委, 三明市局); after a complete organisation
        only the words of its parts (党组, 宣传部), so 县政府 + 中心(工作) stays 县政府."""
        end = None
        while True:
            m = self.first(pos, Tag.ORG_WORD if after_org else _ORG_TAGS, 1 if after_level else 2)
            if m is not None and after_org and m.tags & Tag.STRONG:
                m = None
            if m is None:
                return end
            end = pos = m.end
            after_level, after_org = False, True

    def level_org(self, pos: int) -> int | None:
        """End of an ORG made of level prefixes and a body from `pos` (市委, 省市县委, 县科技局), or None."""
        p = pos
        for _ in range(MAX_HOPS):  # 省市县 + 委
            if (m := self.first(p, Tag.LEVEL)) is None:
                break
            p = m.end
        if p == pos:
            return None
        if _pair(self.text, pos) in self.gaz.before_level:
            return None  # 城市, 地区: the level character belongs to the word before it
        body = self.first(p, Tag.BODY)
        if body is None:
            return None
        return self.org_tail(body.end, after_org=True) or body.end

    def after_middle(self, pos: int, tag: int, strict: bool = False, min_len: int = 2,
                     longest: int = MAX_MIDDLE) -> _Match | None:
        """A `tag` word after a few unknown name characters from `pos` (西湖龙井茶叶 + 有限公司).
        The middle holds no function word or punctuation and does not open with a verb or adverb
        (三明市 + 组建科技创新中心 is a clause); `strict` (after a complete organisation: 中国科学院 +
        成都 + 分院) allows such a word only right before the organisation word (科技创新 + 中心)."""
        text, verbs = self.text, self.gaz.verbs
        opens = text[pos:pos + 2] in verbs or text[pos:pos + 3] in verbs
        if opens and "+" + text[pos:pos + 4] not in verbs and "+" + text[pos:pos + 3] not in verbs:
            return None
        for k in range(pos + 1, min(len(text), pos + longest + 1)):
            ch = text[k - 1]
            if ch in "与和":
                # they join two fields inside a name (计算机科学与技术), not two names (公司与中国科学院)
                if k - 1 == pos or any(m.tags & (Tag.GPE | Tag.ORG) for m in self.at.get(k, ())):
                    return None
            elif not _is_name_char(ch) and not self.named(k - 1) and not (
                    ch == "(" and text.find(")", k) + 1 in self.brackets()
                    or ch == ")" and self.brackets().get(k, -1) >= pos):  # an area in brackets inside the name
                return None
            m = self.first(k, tag, min_len)
            if m is None:
                if self.first(k, _ORG_TAGS, 2) is not None:
                    return None  # an organisation word ends a name before: 中原区科技局 + 联合郑州 + 大学
                continue
            if text[k - 1] in "与和":
                return None
            stop = self.brackets().get(k, k) if text[k - 1] == ")" else k  # (杭州) before the word is no verb
            if strict and any(text[i:i + n] in verbs for n in (2, 3) for i in range(pos, stop - n)):
                return None
            return m
        return None


def _label_of(tags: int) -> str | None:
    for tag, label in ((Tag.GPE, "GPE"), (Tag.ORG, "ORG"), (Tag.LOC, "LOC"), (Tag.PERSON, "PERSON")):
        if tags & tag:
            return label
    return None


def find_hits(gaz: Gazetteer, text: str) -> list[Hit]:
    """Every mention in clean `text`, flat and sorted (`resolve_overlaps`)."""
    doc = _Doc(gaz, text)
    cands: set[Hit] = set()  # compositions reach the same span by several paths
    gpes: list[tuple[int, int]] = []

    def add_gpe(start: int, end: int) -> bool:
        if text[end - 1] in DESIGNATION_CHARS and not doc.closes(end) and not doc.first(end, Tag.GPE):
            return False  # 上海市场: the suffix starts the next word; but 湖南省长沙市 is not 省长
        gpes.append((start, end))
        cands.add(Hit(start, end, "GPE"))
        return True

    def inside_word(m: _Match) -> bool:
        """A short name whose first or last character makes a common word with its neighbour
        (东北振兴和 -> 兴和, 兴隆化工厂 -> 隆化), or a frequent word jieba tags as a name and the
        neighbour needs (金凤凰奖 -> 金凤), is part of other words, not a mention."""
        if not m.tags & (Tag.ALIAS | Tag.GATED):
            return False
        before, after = _pair(text, m.start), _pair(text, m.end)
        if before in gaz.bigrams or after in gaz.bigrams:
            return True
        # 金凤凰奖: 金凤|凤凰, and 凰 goes into no other word; but 洛阳光伏 is 洛阳|光伏
        return (after in gaz.straddles and text[m.end:m.end + 2] not in gaz.words
                or before in gaz.straddles and text[max(0, m.start - 2):m.start] not in gaz.words)

    def modified(m: _Match) -> bool:
        """A gated name right after an adjective that makes no word with what precedes it is the tail
        of another name (新 + a town's short form: a firm named after the town), not the place."""
        return (m.start > 0 and text[m.start - 1] in gaz.modifiers
                and text[max(0, m.start - 2):m.start] not in gaz.words)

    # 0. Titles in 《》 are WORK, and nothing inside a WORK is labelled (schema rules 2 and 8).
    for t in _TITLE.finditer(text):
        cands.add(Hit(t.start() + 1, t.end() - 1, _BLOCK))

    # 1. Areas named outright, and short forms with an administrative suffix (大通 + 县).
    context: set[str] = set()
    gated: list[_Match] = []
    for m in doc.matches:
        if m.tags & Tag.BLOCK:
            cands.add(Hit(m.start, m.end, _BLOCK))
        if not m.tags & Tag.GPE:
            continue
        suffixed = False
        if m.tags & Tag.ALIAS:
            for suffix in ADMIN_SUFFIXES:
                if (text.startswith(suffix, m.end) and _pair(text, m.start) not in gaz.bigrams
                        and (suffix != "省" or any(c.endswith("0000") for c in m.codes))):
                    # only a province takes 省 (新建 + 省级: "newly built, provincial")
                    suffixed = add_gpe(m.start, m.end + len(suffix)) or suffixed
        if m.tags & Tag.GATED:
            if not suffixed:  # 向阳 + 街道 is a name where 向阳 alone needs its county in view
                gated.append(m)
            continue
        if not suffixed and inside_word(m) or not add_gpe(m.start, m.end) and not suffixed:
            continue
        if len(m.codes) <= 3:  # an ambiguous town name (城关镇) says nothing about the document's area
            context.update(m.codes)

    # 2. Villages and towns' short forms only where the document names their county or city.
    parent = gaz.parent
    longest: dict[int, int] = {}  # position -> length of the longest area named outright over it
    for s, e in gpes:
        for p in range(s, e):
            longest[p] = max(longest.get(p, 0), e - s)
    waiting: list[_Match] = []  # gated names the document's areas do not vouch for
    for m in gated:
        # A town's short form loses to an overlapping area named outright (the place named outright is the reading).
        clash = any(longest.get(p, 0) >= m.end - m.start for p in range(m.start, m.end))
        if clash or inside_word(m) or modified(m):
            pass
        elif any(c in context or parent.get(c) in context for c in m.codes):
            add_gpe(m.start, m.end)
            continue
        else:
            waiting.append(m)
        if (label := _label_of(m.tags & ~(Tag.GPE | Tag.GATED))) is not None:
            cands.add(Hit(m.start, m.end, label))

    # Items of a list are alike. A gated name listed next to an area (胜利镇、向阳街道) is an area:
    # the list vouches for it as the gate's context would; a short form only as a whole item (, X、).
    # And a two-character item no dictionary knows, in a list of areas closed by 等地 (or 等县, 等市...),
    # is an area too (包头、前旗、后旗等地), unless jieba knows it as a frequent word: common words
    # (新区、山区等地) and regions (苏南, 欧美), which are no administrative areas.
    spans = set(gpes)
    ends, starts = {e for _, e in spans}, {s for s, _ in spans}

    def listed(m: _Match) -> bool:
        beside = (text[m.start - 1:m.start] == "、" and m.start - 1 in ends
                  or text[m.end:m.end + 1] == "、" and m.end + 1 in starts)
        whole = (text.endswith(ADMIN_SUFFIXES, m.start, m.end)
                 or (m.start == 0 or text[m.start - 1] in _ITEM_EDGES) and text[m.end:m.end + 1] in _ITEM_EDGES)
        return beside and whole

    while (m := next((m for m in waiting if listed(m)), None)) is not None:  # along the list: A、B、C
        waiting.remove(m)
        if add_gpe(m.start, m.end):
            spans.add((m.start, m.end))
            ends.add(m.end)
            starts.add(m.start)
    for t in _CLOSED_LIST.finditer(text):
        items, k = [], t.start()  # (start, end) of the items after the first 、
        for w in t.group()[1:].split("、"):
            items.append((k + 1, k + 1 + len(w)))
            k += 1 + len(w)
        if t.start() not in ends and not any(i in spans for i in items):
            continue  # no area named in the list
        for s, e in items:
            item = text[s:e]
            if (e - s == 2 and gaz.words.get(item, 0) < WORD_FREQ and not doc.at.get(s)
                    and not any(ch in STOP_CHARS for ch in item)):
                add_gpe(s, e)

    # Provinces' one-character names in a list: 京、津.
    for t in gaz.province_list.finditer(text):
        for k in range(t.start(), t.end(), 2):
            cands.add(Hit(k, k + 1, "GPE"))

    # ...and after a verb of motion (进京, 赴沪), unless either character belongs to a word
    # (促进|京津冀, 进|京剧) or the name goes on (赴|苏州).
    for t in gaz.motion.finditer(text):
        k = t.start() + 1
        if not (text[max(0, k - 2):k] in gaz.words or text[k:k + 2] in gaz.words or doc.first(k, _NAMED, 2)):
            cands.add(Hit(k, k + 1, "GPE"))

    # 3. Other names straight from the dictionaries.
    for m in doc.matches:
        if not m.tags & (Tag.GPE | Tag.ORG) and (label := _label_of(m.tags)) is not None:
            cands.add(Hit(m.start, m.end, label))

    # 4. Places with a proper name and a place word: 三明 + 中关村 + 科技园.
    places: list[tuple[int, int]] = []
    for start, end in gpes + [(m.start, m.end) for m in doc.matches if m.tags & Tag.LOC]:
        m = doc.first(end, Tag.LOC_WORD) or doc.after_middle(end, Tag.LOC_WORD)
        if m is not None and doc.closes(m.end):
            cands.add(Hit(start, m.end, "LOC"))
            places.append((start, m.end))

    # 5. Organisations: level + body (市委, 县科技局), name + organisation words (三明市科技局,
    #    青海大学, 县科技局党组), name + unknown words + a strong organisation word; a place right
    #    before an organisation is part of it (福建省 + 三明市科技局), and so is a named zone
    #    (苏州工业园区 + 管委会). Right to left, so chains grow.
    org_end: dict[int, int] = {}

    def add_org(start: int, end: int | None) -> None:
        if end is None or not doc.closes(end):
            return
        cands.add(Hit(start, end, "ORG"))
        if end > org_end.get(start, 0):
            org_end[start] = end

    def grow(start: int, end: int, after_level: bool, after_org: bool) -> None:
        """ORGs that start at `start` and continue a name ending at `end` (a place, or a complete
        organisation: then only with its parts, or a few words and a strong word)."""
        for _ in range(MAX_HOPS):
            tail = doc.org_tail(end, after_level, after_org)
            if tail is None and not after_org:
                tail = doc.level_org(end)  # 杭州 + 市委; but 县委 + 县政府 are two
            if tail is None:
                m = doc.after_middle(end, Tag.STRONG, strict=after_org)
                if m is not None:
                    tail = doc.org_tail(m.start)
            if tail is None:
                # an institute: 中国科学院 + 武汉岩土 + 所, or a place + a short field + 所 (杭州 + 茶研 + 所)
                m = doc.after_middle(end, Tag.INSTITUTE, strict=after_org, min_len=1,
                                     longest=MAX_MIDDLE if after_org else 4)
                # not the classifier (中科院三所高校: three universities), nor a word (市场所, 科研院所),
                # nor after a place a common word (上海 + 工作 + 所需, 青海 + 高原 + 所特有)
                if m is not None and (text[m.start - 1] in _NUMERALS or any(
                        text[m.start - n:m.end] in gaz.not_institutes for n in (1, 2, 3))
                        or not after_org and text[end:m.start] in gaz.frequent):
                    m = None
                tail = m.end if m is not None else None
            if tail is None:
                return
            add_org(start, tail)
            end, after_level, after_org = tail, False, True

    # Gated names the document does not vouch for still name an organisation right before its
    # word (、长安 + 大学), though not through unknown words (惠民 + 服务 + 中心), nor glued to a
    # character before them (华 + 汉江公司: a name of its own).
    for m in waiting:
        if m.start == 0 or not _is_name_char(text[m.start - 1]) or text[max(0, m.start - 2):m.start] in gaz.words:
            add_org(m.start, doc.org_tail(m.end))
    stems = sorted({(s, e, "G") for s, e in gpes + places}
                   | {(m.start, m.end, "O") for m in doc.matches if m.tags & Tag.ORG}
                   | {(m.start, 0, "L") for m in doc.matches if m.tags & Tag.LEVEL}, reverse=True)
    for start, end, kind in stems:
        if kind == "L":
            add_org(start, doc.level_org(start))
            continue
        if kind == "O":
            add_org(start, end)
        grow(start, end, text[end - 1] in LEVEL_CHARS, kind == "O")
        if kind == "G" and text[end + 1:end + 2] == TRADE and _is_name_char(text[end]) \
                and text[end:end + 2] not in gaz.words and (text[end + 2:end + 3] in _LIST_MARKS or
                                                            text[start - 1:start] == "、"):
            add_org(start, end + 2)  # a firm in a list: a place + 菌业、 (a trade no dictionary lists, unlike 茶业)
        if kind == "G" and end in org_end:
            add_org(start, org_end[end])

    return [h for h in _resolve(cands) if h.label != _BLOCK]


def _resolve(hits: Iterable[Hit]) -> list[Hit]:
    """`resolve_overlaps` on each cluster of overlapping hits: clusters that do not overlap cannot
    affect each other, and resolve_overlaps compares a hit with every hit kept before it, which on a
    whole page grows with the square of its length."""
    out: list[Hit] = []
    cluster: list[Hit] = []
    reach = 0
    for h in sorted(hits, key=lambda h: h.start):
        if cluster and h.start >= reach:
            out.extend(resolve_overlaps(cluster))
            cluster = []
        cluster.append(h)
        reach = max(reach, h.end) if len(cluster) > 1 else h.end
    out.extend(resolve_overlaps(cluster))
    return out




class DictionaryExtractor(CleanTextExtractor):
    """Gazetteer lookup with composition; see the module docstring for where the names come from."""

    name = "dictionary"
    kind = "dictionary"
    labels = ("PERSON", "ORG", "GPE", "LOC")

    def __init__(self) -> None:
        self.gaz = load_gazetteer()

    def find(self, clean: str) -> list[Hit]:
        return find_hits(self.gaz, clean)
