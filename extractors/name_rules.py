"""Rules that find organisations and administrative areas (ORG, GPE) in clean text.

Suffix rules: a proper-name stem plus an organisation word or an area designation, a level
prefix plus a government body, and short closed lists (national bodies, provinces, countries).
The word lists are language resources (`extractors/data/lexicon`): general vocabulary, not
strings copied from the seeds or the gold.

Where a word list cannot say whether a stem is a name (`融入市委` vs `嘉兴市委`), the rules
ask jieba's bundled dictionary for the word's part of speech: a verb, adverb or pronoun is
never a place or organisation name.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache

import ahocorasick

from extractors import automaton, lexicon
from extractors.base import Hit
from extractors.level_nouns import before_level
from extractors.package_lexicons import admin_unit_names, jieba_dict_text
from extractors.patterns import HAN, alternation

# --- language resources (extractors/data/lexicon) ------------------------------------------

ORG_SUFFIXES: dict[str, str] = lexicon.table("org_suffixes")
# A bare 所 ends an ORG only before a word boundary: `皮研所被认定`, `智能所和…`, `材料所专家`.
_SUO_NEXT = lexicon.chars("suo_followers")
# Company words need a proper name; the other words also take a level prefix plus a generic
# body (`市行政服务中心`, `县科技局`, `省农科院`).
_COMPANY_WORDS = frozenset(lexicon.words("company_words"))
GENERIC_WORDS = lexicon.words("generic_words")
# Designation characters: a stem of only these and generic words holds no proper name.
DESIGNATION_CHARS = lexicon.chars("designation_chars")
# Towns, townships and villages have a government or committee of their own (镇人民政府, 乡政府, 村委会),
# though no bureaus: they are levels of bodies here, not of bureaus' prefixes (`level_chars`).
_BODY_LEVEL_CHARS = lexicon.chars("level_chars") + lexicon.chars("town_level_chars")
_LEVEL_PREFIX = r"(?:自治区|自治州|[省市县区镇乡州](?![级属]))"

# Bodies that follow a level prefix directly: 市委, 县政府, 市人大, 省市县委, 市委宣传部.
_PARTY_DEPTS = r"(?:宣传部|组织部|统战部|办公室|办公厅|政法委|党校|政研室)"
# 办 abbreviates a body's office (县委办, 市政府办) unless it starts a word (办理, 办法, 办公楼).
_OFFICE = "办(?![" + lexicon.chars("office_breakers") + "])"
_LEVEL_BODIES = (rf"(?<=村)委会|委(?![员托屈派任婉])(?:{_PARTY_DEPTS}|{_OFFICE})?|(?:人民)?政府(?:{_OFFICE})?|"
                 r"人大(?:常委会)?|政协|纪委|监委|科协|妇联|团委|总工会|工商联|侨联|文联|残联|社科联|"
                 r"党委|党总支|党支部")

NATIONAL_BODIES = lexicon.words("national_bodies")
PROVINCES = lexicon.words("provinces")
COUNTRIES = lexicon.words("countries")
GPE_SUFFIXES: dict[str, str] = lexicon.table("gpe_suffixes")
_NOT_PLACE = frozenset(lexicon.words("not_place_words"))
_STEM_STOP = set(lexicon.chars("place_stem_stop_chars"))
_FUNCTION_TAGS = lexicon.words("function_tags")
_PUNCTUATION = ",，。;；:：!！?？、“”‘’\"'《》〈〉「」『』【】[]{} \t\n"
_ORG_STOP = set(lexicon.chars("org_stem_stop_chars") + _PUNCTUATION)
_DEICTIC = lexicon.chars("org_stem_leading_drop_chars")
ORG_STOP_WORDS = frozenset(lexicon.words("org_stop_verbs"))
_NOT_ORG = frozenset(lexicon.words("not_org_words"))
_LEVEL_WORDS = lexicon.words("autonomous_designations")
_PROCESS_WORDS = frozenset(lexicon.words("process_words"))
_MEDIA_WORDS = frozenset(lexicon.words("media_words"))
# A ministry's department: two to four name characters and a department word (预算司, 高教司, 高新技术司).
_DEPARTMENT_RE = re.compile("(?:(?![" + re.escape("".join(sorted(_ORG_STOP))) + r"])[\u4e00-\u9fff]){2,4}?(?:"
                            + "|".join(f"{w}(?![{f}])" if f else w for w, f in lexicon.entries("department_words"))
                            + ")")
_NOT_DEPARTMENT = frozenset(lexicon.words("not_department_words"))
# 驻: an organisation's office posted somewhere is one organisation (南方日报驻湛江记者站).
_POSTED_AT = "驻"

# --- patterns ---------------------------------------------------------------------------------

# A run of characters an organisation stem goes left over without a second look: Han, letters,
# digits, - and ·, but no stop character, bracket or 与 (read on the reversed text).
# "and" inside a body's name, between two fields (材料技术与工程研究所, 科技和工业信息化局)
_JOINING = lexicon.chars("field_joining_words")
_PLAIN_RUN_RE = re.compile("(?:(?![" + re.escape("".join(sorted(_ORG_STOP | set("()" + _JOINING))))
                           + r"])(?:[^\W_]|[\u4e00-\u9fff\-·]))*")
# Two Han characters, neither a stop character: a place-name stem.
_HAN_STEM_RE = re.compile("(?:(?![" + re.escape("".join(sorted(_STEM_STOP))) + r"])[\u4e00-\u9fff]){2}")
_FILLER_RE = re.compile(r"[\d\-()·的之和与及、]")  # what a stem may hold besides words


def _suffix_re(words: dict[str, str]) -> re.Pattern[str]:
    return re.compile(alternation(words, words))  # opens with literals: found by the engine's fast scan


_ORG_SUFFIX_RE = _suffix_re(ORG_SUFFIXES)
_GPE_SUFFIX_RE = _suffix_re(GPE_SUFFIXES)
_GENERIC_RE = re.compile(alternation(GENERIC_WORDS))
_LEVEL_PREFIX_RE = re.compile(_LEVEL_PREFIX)
# (?:自治区|自治州|[省市县区州镇乡]{1,3})(?:_LEVEL_BODIES)|省厅(?![长级]), written to open with a class
_LEVEL_BODY_RE = re.compile(rf"[{_BODY_LEVEL_CHARS}自](?:(?<=自)治[区州](?:{_LEVEL_BODIES})"
                            rf"|(?<=[{_BODY_LEVEL_CHARS}])[{_BODY_LEVEL_CHARS}]{{0,2}}(?:{_LEVEL_BODIES})"
                            r"|(?<=省)厅(?![长级]))")
_CENTRE_RE = re.compile(r"中央(?<![党中]中央)(?=[和、及与,]|精神|决策|部署|要求|关于|文件|领导|指示)")
_PARTY_GROUPS = "党组|党委|机关党委|党支部|党总支"
_PARTY_GROUP_RE = re.compile(_PARTY_GROUPS)
_PARTY_GROUP_END_RE = re.compile(f"(?:{_PARTY_GROUPS})$")
# the longest organisation suffix a name ends with: the leftmost start from which one reaches the end
_ORG_SUFFIX_END_RE = re.compile(f"(?:{alternation(ORG_SUFFIXES)})$")
_ORG_WORD_END_RE = re.compile(f"(?:{alternation(lexicon.words('org_words'))})$")  # 宣传部, 农科所
_NATIONAL_PREFIXES = lexicon.words("national_prefixes")
_PROVINCES = frozenset(PROVINCES)
_PLACES = frozenset((*PROVINCES, *COUNTRIES))
_GENERIC_SET = frozenset(GENERIC_WORDS)
_GPE_SUFFIXES_LONGEST = tuple(sorted(GPE_SUFFIXES, key=len, reverse=True))
_ORG_ENDING_RE = re.compile("局|厅|委|公司|大学|学院|院|所|中心|集团")
# A list closed by a kind of organisation (腾讯、美团、京东等(一批)企业) or counted by a classifier of
# businesses (甲公司、乙药械3家公司; 5家(甲、乙、丙)). Its items are names of that kind, however common the
# words they are made of (汇川技术, 美的); the first item's start is a stem's, or the bracket's.
_ITEM = r"(?:(?!等)[\u4e00-\u9fffA-Za-z0-9])"
LIST_FIELD_CHARS = 4
# An item jieba tags a proper name, in a list that closes with its kind as a word of its own, is an
# organisation this sure (苏宁, which the models read as a person): the models, reading one name at a time,
# weigh a brand they never saw low. Not where the kind runs on (企业家) or its people follow (等公司员工).
LISTED_NAME = 0.9
MAX_LISTED_NAME = 6  # characters of a proper name of jieba's read as a listed item
_COUNT = f"[{lexicon.chars('numeral_chars')}]+(?:{alternation(lexicon.words('business_classifiers'))})"
# A few characters of the field may stand between 等 and the kind (华为、中兴等|通信|企业), none that makes the
# kind the places' (等地企业, 等国家的企业: `list_field_breakers`).
_LIST_FIELD = rf"(?:(?![{lexicon.chars('list_field_breakers')}]){_ITEM}){{0,{LIST_FIELD_CHARS}}}?"
_LISTED_ORGS_RE = re.compile(
    rf"(?:{_ITEM}{{2,12}}、){{1,8}}{_ITEM}{{2,8}}(?<![{lexicon.chars('deng_word_chars')}{lexicon.chars('numeral_chars')}])"
    rf"(?=等(?:{alternation(lexicon.words('list_quantifiers'))})?{_LIST_FIELD}"
    rf"(?P<kind>{alternation(lexicon.words('listed_org_heads'))})|等?{_COUNT})")
_LIST_PHRASE_RE = re.compile(f"[{_JOINING}及]|..的$")  # a brand may end in 的 (美的), a phrase does (汽车集团的)
_COUNTED_LIST_RE = re.compile(rf"{_COUNT}\(((?:{_ITEM}{{2,12}}、){{1,8}}{_ITEM}{{2,12}})\)")


# --- lexicon from jieba's dictionary -----------------------------------------------------------

@lru_cache(maxsize=1)
def _jieba_lexicon() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """(function words -> tag, place names of 3-4 characters, common nouns before a body's level
    character: `level_nouns.before_level`) from jieba's bundled dict.txt.

    Read straight from the file (jieba itself is not imported or initialised): ~0.3 s once.
    """
    text = jieba_dict_text()
    if not text:
        return {}, frozenset(), frozenset()
    tags = "|".join(_FUNCTION_TAGS)
    function_words = dict(re.findall(rf"^(\S{{1,4}}) \d+ ({tags})$", text, re.M))
    places = frozenset(re.findall(r"^(\S{3,4}) \d+ ns$", text, re.M))
    level_nouns = frozenset(w for w, freq, tag in re.findall(r"^(\S\S) (\d+) ([nsf])$", text, re.M)
                            if before_level(w, int(freq), tag, _BODY_LEVEL_CHARS))
    return function_words, places, level_nouns


def is_generic(stem: str) -> bool:
    """True when the stem holds no proper-name element."""
    rest = _FILLER_RE.sub("", _GENERIC_RE.sub("", stem))
    return rest == "" or all(ch in DESIGNATION_CHARS for ch in rest)


class _NameRules:
    """ORG and GPE suffix rules; holds the jieba-derived lexicon."""

    def __init__(self) -> None:
        self.function_words, self.places, self.level_nouns = _jieba_lexicon()
        _lexicon()  # built now, not on the first document
        admin_unit_names()

    def _not_a_name(self, word: str) -> bool:
        # ORG_STOP_WORDS: a verb that introduces an organisation (会同市财政局: 会同 + 市财政局), even
        # where jieba tags it a noun
        return (bool(self.function_words.get(word)) or word in _GENERIC_SET or word in _PROCESS_WORDS
                or word in ORG_STOP_WORDS)

    # GPE ---------------------------------------------------------------------------------------
    def _place_stem(self, clean: str, s: int, suffix: str) -> int | None:
        """Start of the place-name stem before the designation at `s`, or None."""
        if suffix in ("省", "自治区", "特别行政区"):
            for n in (5, 4, 3, 2):
                if s - n >= 0 and clean[s - n:s] in _PROVINCES:
                    return s - n
            return None
        # an area's full name whose stem holds a character that ends other stems (茂名市, 和平区); only
        # there: the tree also names districts after common words (老城区, 东城区), left to the context
        for n in (4, 3, 2):
            stem = clean[s - n:s] if s >= n else ""
            if not _STEM_STOP.isdisjoint(stem) and stem + suffix in admin_unit_names():
                return s - n
        for n in (4, 3):  # a longer stem only when the dictionary knows it as a place
            stem = clean[s - n:s] if s >= n else ""
            # ...but not a designated area before another designation (嘉兴县 + 市首位), except
            # below a town: 中关村街道; nor a place before a common word it ends in (鄱阳|湖区: the lake's area).
            if stem in self.places and (stem[-1] not in DESIGNATION_CHARS or suffix in ("街道", "镇", "乡", "村")) \
                    and stem[-1] + suffix[0] not in _NOT_PLACE:
                return s - n
        if s < 2:
            return None
        stem = clean[s - 2:s]
        if not _HAN_STEM_RE.fullmatch(stem):
            return None
        if stem[-1] + suffix[0] in _NOT_PLACE or stem + suffix in _NOT_PLACE or self._not_a_name(stem):
            return None
        # 落实好市委, 科技兴市: the stem's first character ends a word before it: no name.
        if s >= 3 and self._not_a_name(clean[s - 3:s - 1]):
            return None
        return s - 2

    def gpe_candidates(self, clean: str) -> list[tuple[int, int]]:
        out = []
        for m in _GPE_SUFFIX_RE.finditer(clean):
            start = self._place_stem(clean, m.start(), m.group())
            if start is not None:
                out.append((start, m.end()))
        return out

    @staticmethod
    def place_stems(clean: str, candidates: list[tuple[int, int]]) -> set[str]:
        """The names of the areas found with their designation (嘉兴市 -> 嘉兴)."""
        stems = set()
        for s, e in candidates:
            name = clean[s:e]
            for suf in _GPE_SUFFIXES_LONGEST:
                if name.endswith(suf) and len(name) - len(suf) >= 2:
                    stems.add(name[:-len(suf)])
                    break
        return stems

    def find_gpes(self, clean: str, candidates: list[tuple[int, int]], listed: list[Hit],
                  stems_elsewhere: Iterable[str] = ()) -> Iterator[Hit]:
        """Areas with their designation, listed areas, and every occurrence of the name of an area
        found with its designation here or elsewhere in the document (`stems_elsewhere`)."""
        yield from (Hit(s, e, "GPE", None, priority=1) for s, e in candidates)
        yield from listed
        stems = self.place_stems(clean, candidates).union(stems_elsewhere)
        # a name seen with its designation is a name on its own too (嘉兴市 -> 嘉兴); in a fixed order, so the
        # features that read these hits are the same in every process (a set's order follows the hash seed)
        for stem in sorted(stems):
            i = clean.find(stem)
            while i >= 0:
                yield Hit(i, i + len(stem), "GPE", None, priority=1)
                i = clean.find(stem, i + 1)

    # ORG ---------------------------------------------------------------------------------------
    def _stops(self, clean: str, ends: set[int]) -> set[int]:
        """Positions a stem never runs left past: `ends`, the ends of verbs that introduce an
        organisation (带领三明市农科院), and the end of a verb right after an organisation word,
        which starts a new mention (科技局推荐福建农林大学)."""
        for m in _ORG_ENDING_RE.finditer(clean):
            w = clean[m.end():m.end() + 2]
            if self.function_words.get(w, "").startswith("v") and w not in _GENERIC_SET:
                ends.add(m.end() + 2)
        return ends

    def _stem_start(self, clean: str, rev: str, s: int, stops: set[int], stop_list: list[int]) -> int:
        """Scan left from an organisation word over name characters to the stem's start.

        The plain run before `s` is read at once (`rev` is the text reversed), and the nearest
        stop inside it found by bisection (`stop_list` is `stops` sorted); only a bracket or a
        joining 与 or 和 at the run's left edge needs the scan character by character."""
        limit = max(0, s - 24)
        i = s - (_PLAIN_RUN_RE.match(rev, len(clean) - s, len(clean) - limit).end() - (len(clean) - s))
        k = bisect_right(stop_list, s) - 1
        if k >= 0 and stop_list[k] >= i:
            return stop_list[k]
        if i == limit or clean[i - 1] not in "()" + _JOINING:
            return i
        return self._stem_scan(clean, i, limit, stops)

    def _stem_scan(self, clean: str, i: int, limit: int, stops: set[int]) -> int:
        """The scan left from `i`, one character at a time."""
        depth = 0
        while i > limit and i not in stops:
            ch = clean[i - 1]
            if ch == ")":
                depth += 1
            elif ch == "(":
                if depth == 0:
                    break
                depth -= 1
            elif ch in _JOINING:
                # 材料技术与工程研究所, 科技和工业信息化局: a 与 or 和 between two generic words is inside the name;
                # a 和 only in a government body's, whose fields follow its level (区|科技和…局), for 和 joins
                # clauses too (纳入农业科技企业和研发中心)
                left, right = clean[max(0, i - 3):i - 1], clean[i:i + 2]
                if not (_GENERIC_RE.search(left[-2:]) and _GENERIC_RE.match(right)) \
                        or (ch == "和" and not _fields_after_level(clean, i - 1)):
                    break
            elif ch in _ORG_STOP or not ("\u4e00" <= ch <= "\u9fff" or ch.isalnum() or ch in "-·"):
                break
            i -= 1
        return i

    def _trim(self, stem: str) -> str:
        """Drop leading function words and deictics: 依托青海… -> 青海…, 其中新凤鸣 -> 新凤鸣."""
        while stem and not stem.startswith(_LEVEL_WORDS):
            generic = _GENERIC_RE.match(stem)  # 设计师协会: 设计 is part of the generic 设计师
            for n in (4, 3, 2):
                if len(stem) >= n and self.function_words.get(stem[:n]) and not (generic and generic.end() > n):
                    # 批复工程…: when the word overlaps a generic word after it, 工 belongs to 工程.
                    stem = stem[n - 1:] if _GENERIC_RE.match(stem, n - 1) else stem[n:]
                    break
            else:
                if stem[0] == "(":  # a leading parenthetical is not the name: drop it whole
                    stem = stem[stem.find(")") + 1:] if ")" in stem else stem[1:]
                    continue
                if stem[0] in _DEICTIC or stem[0] in _ORG_STOP or stem[0] in "-·)":
                    stem = stem[1:]
                    continue
                return stem
        return stem

    def _org_from_suffix(self, clean: str, rev: str, m: re.Match[str], stops: set[int],
                         stop_list: list[int]) -> tuple[int, int] | None:
        suffix, s, e = m.group(), m.start(), m.end()
        if suffix == "所" and clean[e:e + 1] and HAN.match(clean[e]) and clean[e] not in _SUO_NEXT:
            return None
        if s == 0:
            return None
        # 政局, 布局, 府中心 are no organisation words; but after a field a one-character word is the
        # body: 财政 + 局 is the finance bureau
        if (clean[s - 1] + suffix in _NOT_ORG or clean[s - 1] + suffix[0] in _NOT_ORG) \
                and not (len(suffix) == 1 and clean[max(0, s - 2):s] in _GENERIC_SET):
            return None
        if len(suffix) == 2 and self.function_words.get(clean[s - 1] + suffix[0]) \
                and self.function_words.get(suffix[1] + clean[e:e + 1]):
            return None  # 集中学习 reads 集中 + 学习: 中学 is not the word here
        raw = clean[self._stem_start(clean, rev, s, stops, stop_list):s]
        stem = self._trim(raw)
        if suffix in _MEDIA_WORDS and len(stem) < 2 and self.function_words.get(raw[-2:]) == "f":
            stem = raw[-2:]  # a direction names a paper: 南方日报
        if not stem:
            return None
        start = s - len(stem)
        # 嘉兴市级区域…中心: "X-level" plus a description is a description.
        lvl_adj = stem.rfind("级")
        if lvl_adj >= 0 and is_generic(stem[lvl_adj + 1:]):
            return None
        media = suffix in _MEDIA_WORDS and len(stem) >= 2 and self.function_words.get(stem, "f") == "f"
        if not is_generic(stem) or media:  # a paper may be named by a common word or a direction: 经济日报, 南方日报
            return start, e
        # A level prefix plus a generic body names one government body: 县科技局, 市行政服务中心.
        lvl = _LEVEL_PREFIX_RE.match(stem)
        if lvl and suffix not in _COMPANY_WORDS:
            body = stem[lvl.end():]
            if not body or _GENERIC_RE.sub("", body).strip(_JOINING) == "":  # 市发展和改革局 too
                return start, e
        return None

    def _listed_orgs(self, clean: str, rev: str, stops: set[int], stop_list: list[int]
                     ) -> list[tuple[int, int, float | None]]:
        """The items of lists closed by a kind of organisation or counted by a classifier of businesses
        (`_LISTED_ORGS_RE`), the first from where a stem before the list starts, and of bracketed lists
        after such a count (`_COUNTED_LIST_RE`): each a name that is no generic or function word, no
        province or country and no phrase; with LISTED_NAME as its confidence where it is a proper name
        in a list that surely closes with its kind (`_closes_with_kind`)."""
        starts = []
        for m in _LISTED_ORGS_RE.finditer(clean):
            first_end = clean.index("、", m.start())
            stem_start = self._stem_start(clean, rev, first_end, stops, stop_list)
            first = first_end - len(self._after_function_words(self._trim(clean[max(m.start(), stem_start):first_end])))
            starts.append((_proper_name_start(clean, first, first_end), m.end(), _closes_with_kind(clean, m)))
        starts += [(*m.span(1), False) for m in _COUNTED_LIST_RE.finditer(clean)]
        out = []
        for s, e, sure in starts:
            items = []
            for item in clean[s:e].split("、"):
                # not a place (北京、天津的2家 counts the places' businesses), nor a phrase (台湾和澳门的)
                if len(item) >= 2 and not is_generic(item) and item not in self.function_words \
                        and item not in _PLACES and not _LIST_PHRASE_RE.search(item):
                    items.append((s, s + len(item), item))
                s += len(item) + 1
            # a list its kind closes is sure of all its items when it holds a name of jieba's: the items jieba
            # knows no name for are brands listed with it (比亚迪、蔚来、小鹏等车企); without one, its items may
            # be fields (汽车、电子等企业), left for the models to weigh
            named = sure and any(item in _list_words()[0] for *_, item in items)
            out += [(a, b, LISTED_NAME if named else None) for a, b, item in items]
        return out

    def _after_function_words(self, run: str) -> str:
        """What follows the last function word inside a run of characters before a name (企业有|李宁,
        吸引了|汇川技术, 以及|腾讯), leaving two characters at least; a one-character word only when a verb
        or particle after two characters or more (北京同仁堂 keeps its 同, a preposition)."""
        cut = 0
        for i in range(2, len(run) - 1):
            if any(self.function_words.get(run[i - k:i]) for k in (4, 3, 2) if i >= k) \
                    or i >= 3 and self.function_words.get(run[i - 1], "").startswith(("v", "u")):
                cut = i
        return run[cut:]

    def _department_end(self, clean: str, end: int) -> int:
        """A ministry's department is one organisation with it (财政部预算司, 公安部刑侦局): where a
        department named by a few characters that are no function word (有关司局) follows the
        ministry, the end of the department."""
        m = _DEPARTMENT_RE.match(clean, end) if clean[end - 1:end] == "部" else None
        if m is None or clean[end:end + 2] in _NOT_DEPARTMENT or clean[end] in _NOT_DEPARTMENT:
            return end
        return m.end()

    def find_orgs(self, clean: str, gpes: list[tuple[int, int]], listed: list[Hit],
                  stop_ends: set[int]) -> Iterator[Hit]:
        gpe_by_end: dict[int, int] = {}
        for s, e in gpes:
            gpe_by_end[e] = min(s, gpe_by_end.get(e, s))
        spans: list[tuple[int, int]] = []
        stops = self._stops(clean, stop_ends)
        rev, stop_list = clean[::-1], sorted(stops)
        for m in _ORG_SUFFIX_RE.finditer(clean):
            got = self._org_from_suffix(clean, rev, m, stops, stop_list)
            if got:
                spans.append((_place_start(got[0], gpes), got[1]))
        bodies = [(m.start(), m.end(), True) for m in _LEVEL_BODY_RE.finditer(clean)]
        bodies += [(m.start(), m.end(), False) for m in _CENTRE_RE.finditer(clean)]
        bodies += [(h.start, self._department_end(clean, h.end), False) for h in listed]
        for s, e, levelled in bodies:
            if levelled:
                placed = _after_place(clean, s, gpe_by_end)
                if placed == s and clean[s - 1:s + 1] in self.level_nouns:
                    continue  # 农村|党支部, 社区|党委: the level character is a word's
                s = placed
            while s in gpe_by_end:  # 福建省三明市…: adjacent areas before the body
                s = gpe_by_end[s]
            spans.append((s, e))
        listed = self._listed_orgs(clean, rev, stops, stop_list)
        spans += [(s, e) for s, e, _ in listed]
        sure = {(s, e): score for s, e, score in listed if score is not None}
        for s, e in spans + _posted_offices(clean, spans):
            score = sure.get((s, e))
            g = _PARTY_GROUP_RE.match(clean, e)
            if g:  # 县科技局党组: the party group of a named body is one mention
                e = g.end()
            yield Hit(s, e, "ORG", None, score, priority=1)


def _proper_name_start(clean: str, start: int, end: int) -> int:
    """Where a list's first item, ending at `end`, begins: at `start`, or earlier where a proper name of
    jieba's dictionary ends the item and began before (华为 of 华为、中兴: 为 stops a stem, so the item began
    after it)."""
    names = _list_words()[0]
    return next((s for s in range(max(0, end - MAX_LISTED_NAME), start) if clean[s:end] in names), start)


def _closes_with_kind(clean: str, m: re.Match[str]) -> bool:
    """Whether a list `m` of `_LISTED_ORGS_RE` closes with its kind as a word of its own, not the start of a
    longer word of jieba's dictionary (企业家 lists people), and with no word for the bodies' people after
    it (等公司员工: the items may be people)."""
    if m.group("kind") is None:
        return False
    start, end = m.span("kind")
    longer = _list_words()[1]
    return (not any(clean[start:end + n] in longer for n in (1, 2))
            and not clean.startswith(lexicon.words("org_member_words"), end))


@lru_cache(maxsize=1)
def _list_words() -> tuple[frozenset[str], frozenset[str]]:
    """(proper names: the words jieba's dict.txt tags `proper_name_tags`; the words that run on from a kind
    of organisation, 企业家), read from the file on the first list found, as `_jieba_lexicon` reads it."""
    text = jieba_dict_text()
    if not text:
        return frozenset(), frozenset()
    tags = "|".join(lexicon.words("proper_name_tags"))
    names = frozenset(re.findall(rf"^(\S{{2,{MAX_LISTED_NAME}}}) \d+ (?:{tags})$", text, re.M))
    kinds = "|".join(map(re.escape, lexicon.words("listed_org_heads")))
    return names, frozenset(re.findall(rf"^((?:{kinds})\S{{1,2}}) \d+ \w+$", text, re.M))


def bare_organisation(text: str) -> bool:
    """Whether an organisation's clean text names no one body (the spec): an organisation word after
    generic words only (科技局党组, 卫生院, 公司, 宣传部, 市场监管局), with no level before them (县科技局 names one;
    市场 is no level: `not_level_words`) and
    no state (国家教委, 国家科委: national bodies), and no ministry or paper (科技部, 经济日报)."""
    t = _PARTY_GROUP_END_RE.sub("", text)
    suffix = m.group() if (m := _ORG_SUFFIX_END_RE.search(t) or _ORG_WORD_END_RE.search(t)) else None
    if suffix is None or suffix in _MEDIA_WORDS or suffix == "部" or t.startswith(_NATIONAL_PREFIXES):
        return False
    stem = t[:-len(suffix)]
    levelled = _LEVEL_PREFIX_RE.match(stem) and not stem.startswith(lexicon.words("not_level_words"))
    return is_generic(stem) and not levelled


def level_bodies(clean: str) -> list[tuple[int, int]]:
    """(start, end) of each body of a level in `clean`, from its level character (区委宣传部, 县政府, 市人大常委会)."""
    return [m.span() for m in _LEVEL_BODY_RE.finditer(clean)]


def level_body_at(clean: str, i: int) -> bool:
    """Whether a body of a level begins at clean[i]."""
    return _LEVEL_BODY_RE.match(clean, i) is not None


def _fields_after_level(clean: str, end: int) -> bool:
    """Whether the generic words ending at `end` follow a level character (区|科技, 市|发展)."""
    j = end
    while j > 0 and (n := next((n for n in range(min(j, 6), 1, -1) if clean[j - n:j] in _GENERIC_SET), 0)):
        j -= n
    return j < end and j > 0 and clean[j - 1] in _BODY_LEVEL_CHARS


def _place_start(s: int, gpes: list[tuple[int, int]]) -> int:
    """Where an organisation begins whose stem stopped inside an area's name: at the area (日|照市科技局
    is 日照市科技局; 日 ends other stems)."""
    return min((a for a, b in gpes if a < s < b), default=s)


def _after_place(clean: str, s: int, gpe_by_end: dict[int, int]) -> int:
    """Where a levelled body found at `s` begins when a place ends in its run of level characters: at
    the place. 三明市委: the level character is the place's designation; 广州市政府: the match began
    at 州, a level character that is the place's last, and the run 州市 is no 省市县 list."""
    i = s
    while i < len(clean) and clean[i] in _BODY_LEVEL_CHARS:
        if gpe_by_end.get(i + 1, s) < s:
            return gpe_by_end[i + 1]
        i += 1
    return s


def _posted_offices(clean: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """An organisation, 驻, and an office found after it (or over the 驻): one organisation, the
    office the first keeps there (南方日报驻湛江记者站, 新华社驻香港分社)."""
    out = []
    for s1, e1 in spans:
        if clean[e1:e1 + 1] != _POSTED_AT:
            continue
        for s2, e2 in spans:
            if s1 < s2 <= e1 + 1 and e2 > e1 + 1:
                out.append((s1, e2))
    return out


# Closed lists (provinces, countries, national bodies) and the verbs that stop an organisation
# stem, in one Aho-Corasick automaton read in one pass: a word, its label (STOP for a verb), and


_NATIONAL_FOLLOW = lexicon.chars("national_body_followers")
_STOP = "STOP"


@lru_cache(maxsize=1)
def _lexicon() -> ahocorasick.Automaton:
    entries = [(word, (len(word), _STOP, "")) for word in ORG_STOP_WORDS]
    entries += [(word, (len(word), "GPE", "")) for word in PROVINCES + COUNTRIES]
    entries += [(form, (len(form), "ORG", _NATIONAL_FOLLOW)) for word in NATIONAL_BODIES
                for form in {word, "国家" + word}]  # 国家科技部 names the same ministry
    return automaton.build(entries)


def lexicon_matches(clean: str) -> tuple[list[Hit], list[Hit], set[int]]:
    """Every occurrence of a closed-list GPE and ORG (overlaps are settled by length later), and
    the ends of the stop verbs."""
    gpes: list[Hit] = []
    orgs: list[Hit] = []
    stop_ends: set[int] = set()
    for end, (n, label, follow) in automaton.matches(_lexicon(), clean):
        if label is _STOP:
            stop_ends.add(end)
        elif not (follow and (nxt := clean[end:end + 1]) and nxt in follow):
            (gpes if label == "GPE" else orgs).append(Hit(end - n, end, label, None, priority=1))
    return gpes, orgs, stop_ends


@lru_cache(maxsize=1)
def name_rules() -> _NameRules:
    return _NameRules()
