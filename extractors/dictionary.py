"""The `dictionary` extractor: gazetteer lookup with composition, in named stages.

`find_hits` runs candidates -> gates -> resolution over one clean text. The gazetteer (names
from installed packages, the words that compose them) is built by `extractors.gazetteer`.

Resolution is longest-first and flat (`base.resolve_overlaps`) over candidates:
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

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from extractors import automaton as ac
from extractors import lexicon
from extractors.base import CleanTextExtractor, Hit, resolve_overlaps
from extractors.gazetteer import (
    ADMIN_SUFFIXES,
    DESIGNATION_CHARS,
    LEN_BITS,
    LEVEL_CHARS,
    MAX_HOPS,
    MAX_KEY,
    MAX_MIDDLE,
    STOP_CHARS,
    TRADE,
    WORD_FREQ,
    Gazetteer,
    Tag,
    load_gazetteer,
)
from extractors.windows import Evidence

AREA_CODES = "area_codes"  # evidence: admin codes of the areas a document names (they vouch for its villages)


class _Match(NamedTuple):
    start: int
    end: int
    tags: int
    codes: tuple[str, ...]


_ORG_TAGS = Tag.ORG_WORD | Tag.BODY
_NAMED = Tag.GPE | Tag.ORG | Tag.LOC
_NUMERALS = frozenset(lexicon.chars("numeral_chars"))
_JOINING = frozenset(lexicon.chars("field_joining_words"))  # 与, 和: two fields inside one name, or two names
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
            i, length = value >> LEN_BITS, value & MAX_KEY
            m = _Match(end - length, end, gaz.tags[i], gaz.codes[i])
            self.matches.append(m)
            self.at.setdefault(m.start, []).append(m)
        for ms in self.at.values():
            if len(ms) > 1:
                ms.sort(key=_longest_first)
        self._named: set[int] | None = None
        self._area_ends: set[int] | None = None
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

    def verb_at(self, pos: int) -> bool:
        """Whether a verb or adverb opens at `pos` (组建, 建成), one that may open a name's middle
        (`+` entries) aside."""
        text, verbs = self.text, self.gaz.verbs
        return ((text[pos:pos + 2] in verbs or text[pos:pos + 3] in verbs)
                and "+" + text[pos:pos + 4] not in verbs and "+" + text[pos:pos + 3] not in verbs)

    def area_ends(self) -> set[int]:
        """Where a known administrative area ends."""
        if self._area_ends is None:
            self._area_ends = {m.end for m in self.matches if m.tags & Tag.GPE}
        return self._area_ends

    def after_middle(self, pos: int, tag: int, strict: bool = False, min_len: int = 2,
                     longest: int = MAX_MIDDLE) -> _Match | None:
        """A `tag` word after a few unknown name characters from `pos` (西湖龙井茶叶 + 有限公司).
        The middle holds no function word or punctuation and does not open with a verb or adverb
        (三明市 + 组建科技创新中心 is a clause), nor hold one right after an area (翠屏区 +
        李庄镇建成竹产业 + 示范园); `strict` (after a complete organisation: 中国科学院 + 成都 + 分院)
        allows such a word only right before the organisation word (科技创新 + 中心)."""
        text, verbs = self.text, self.gaz.verbs
        if self.verb_at(pos):
            return None
        for k in range(pos + 1, min(len(text), pos + longest + 1)):
            ch = text[k - 1]
            if k - 1 > pos and k - 1 in self.area_ends() and self.verb_at(k - 1):
                return None
            if ch in _JOINING:
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
            if text[k - 1] in _JOINING:
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


@dataclass
class _Candidates:
    """The mentions proposed for one text; compositions reach the same span by several paths."""

    doc: _Doc
    hits: set[Hit] = field(default_factory=set)
    gpes: list[tuple[int, int]] = field(default_factory=list)  # areas accepted, in order
    org_end: dict[int, int] = field(default_factory=dict)      # start -> end of the longest ORG

    def add_gpe(self, start: int, end: int) -> bool:
        doc = self.doc
        if doc.text[end - 1] in DESIGNATION_CHARS and not doc.closes(end) and not doc.first(end, Tag.GPE):
            return False  # 上海市场: the suffix starts the next word; but 湖南省长沙市 is not 省长
        self.gpes.append((start, end))
        self.hits.add(Hit(start, end, "GPE"))
        return True

    def add_org(self, start: int, end: int | None) -> None:
        if end is None or not self.doc.closes(end):
            return
        self.hits.add(Hit(start, end, "ORG"))
        if end > self.org_end.get(start, 0):
            self.org_end[start] = end


def _inside_word(doc: _Doc, m: _Match) -> bool:
    """A short name whose first or last character makes a common word with its neighbour
    (东北振兴和 -> 兴和, 兴隆化工厂 -> 隆化), or a frequent word jieba tags as a name and the
    neighbour needs (金凤凰奖 -> 金凤), is part of other words, not a mention."""
    if not m.tags & (Tag.ALIAS | Tag.GATED):
        return False
    text, gaz = doc.text, doc.gaz
    before, after = _pair(text, m.start), _pair(text, m.end)
    if before in gaz.bigrams or after in gaz.bigrams:
        return True
    # 金凤凰奖: 金凤|凤凰, and 凰 goes into no other word; but 洛阳光伏 is 洛阳|光伏
    return (after in gaz.straddles and text[m.end:m.end + 2] not in gaz.words
            or before in gaz.straddles and text[max(0, m.start - 2):m.start] not in gaz.words)


def _modified(doc: _Doc, m: _Match) -> bool:
    """A gated name right after an adjective that makes no word with what precedes it is the tail
    of another name (新 + a town's short form: a firm named after the town), not the place."""
    text = doc.text
    return (m.start > 0 and text[m.start - 1] in doc.gaz.modifiers
            and text[max(0, m.start - 2):m.start] not in doc.gaz.words)


# --- candidates ---------------------------------------------------------------------------------

def _blocks(c: _Candidates) -> None:
    """Titles in 《》 are WORK, and nothing inside a WORK is labelled (schema rules 2 and 8); nor
    inside an idiom."""
    for t in _TITLE.finditer(c.doc.text):
        c.hits.add(Hit(t.start() + 1, t.end() - 1, _BLOCK))
    for m in c.doc.matches:
        if m.tags & Tag.BLOCK:
            c.hits.add(Hit(m.start, m.end, _BLOCK))


def _named_areas(c: _Candidates) -> tuple[set[str], list[_Match]]:
    """Areas named outright, and short forms with an administrative suffix (大通 + 县). Returns the
    admin codes the document names (its context) and the gated names, left to the gates."""
    doc, text = c.doc, c.doc.text
    context: set[str] = set()
    gated: list[_Match] = []
    for m in doc.matches:
        if not m.tags & Tag.GPE:
            continue
        suffixed = False
        if m.tags & Tag.ALIAS:
            for suffix in ADMIN_SUFFIXES:
                if (text.startswith(suffix, m.end) and _pair(text, m.start) not in doc.gaz.bigrams
                        and (suffix != "省" or any(code.endswith("0000") for code in m.codes))):
                    # only a province takes 省 (新建 + 省级: "newly built, provincial")
                    suffixed = c.add_gpe(m.start, m.end + len(suffix)) or suffixed
        if m.tags & Tag.GATED:
            if not suffixed:  # 向阳 + 街道 is a name where 向阳 alone needs its county in view
                gated.append(m)
            continue
        if not suffixed and _inside_word(doc, m) or not c.add_gpe(m.start, m.end) and not suffixed:
            continue
        if len(m.codes) <= 3:  # an ambiguous town name (城关镇) says nothing about the document's area
            context.update(m.codes)
    return context, gated


def _dictionary_names(c: _Candidates) -> None:
    """Other names straight from the dictionaries (persons, places that are no areas)."""
    for m in c.doc.matches:
        if not m.tags & (Tag.GPE | Tag.ORG) and (label := _label_of(m.tags)) is not None:
            c.hits.add(Hit(m.start, m.end, label))


def _places(c: _Candidates) -> list[tuple[int, int]]:
    """Places with a proper name and a place word: 三明 + 中关村 + 科技园 (LOC)."""
    doc = c.doc
    places: list[tuple[int, int]] = []
    for start, end in c.gpes + [(m.start, m.end) for m in doc.matches if m.tags & Tag.LOC]:
        m = doc.first(end, Tag.LOC_WORD) or doc.after_middle(end, Tag.LOC_WORD)
        if m is not None and doc.closes(m.end):
            c.hits.add(Hit(start, m.end, "LOC"))
            places.append((start, m.end))
    return places


# --- gates: names that count only where the document vouches for them ----------------------------

def _gate_by_context(c: _Candidates, gated: list[_Match], context: set[str]) -> list[_Match]:
    """Villages and towns' short forms only where the document names their county or city;
    returns the gated names it does not vouch for."""
    doc, parent = c.doc, c.doc.gaz.parent
    longest: dict[int, int] = {}  # position -> length of the longest area named outright over it
    for s, e in c.gpes:
        for p in range(s, e):
            longest[p] = max(longest.get(p, 0), e - s)
    waiting: list[_Match] = []
    for m in gated:
        # A town's short form loses to an overlapping area named outright (the place named outright is the reading).
        clash = any(longest.get(p, 0) >= m.end - m.start for p in range(m.start, m.end))
        if clash or _inside_word(doc, m) or _modified(doc, m):
            pass
        elif any(code in context or parent.get(code) in context for code in m.codes):
            c.add_gpe(m.start, m.end)
            continue
        else:
            waiting.append(m)
        if (label := _label_of(m.tags & ~(Tag.GPE | Tag.GATED))) is not None:
            c.hits.add(Hit(m.start, m.end, label))
    return waiting


def _gate_by_lists(c: _Candidates, waiting: list[_Match]) -> None:
    """Items of a list are alike. A gated name listed next to an area (胜利镇、向阳街道) is an area:
    the list vouches for it as the gate's context would; a short form only as a whole item (, X、).
    And a two-character item no dictionary knows, in a list of areas closed by 等地 (or 等县,
    等市...), is an area too (包头、前旗、后旗等地), unless jieba knows it as a frequent word:
    common words (新区、山区等地) and regions (苏南, 欧美), which are no administrative areas."""
    text = c.doc.text
    spans = set(c.gpes)
    ends, starts = {e for _, e in spans}, {s for s, _ in spans}

    def listed(m: _Match) -> bool:
        beside = (text[m.start - 1:m.start] == "、" and m.start - 1 in ends
                  or text[m.end:m.end + 1] == "、" and m.end + 1 in starts)
        whole = (text.endswith(ADMIN_SUFFIXES, m.start, m.end)
                 or (m.start == 0 or text[m.start - 1] in _ITEM_EDGES) and text[m.end:m.end + 1] in _ITEM_EDGES)
        return beside and whole

    while (m := next((m for m in waiting if listed(m)), None)) is not None:  # along the list: A、B、C
        waiting.remove(m)
        if c.add_gpe(m.start, m.end):
            spans.add((m.start, m.end))
            ends.add(m.end)
            starts.add(m.start)
    _closed_lists(c, spans, ends)


def _closed_lists(c: _Candidates, spans: set[tuple[int, int]], ends: set[int]) -> None:
    """Unknown two-character items of a list of areas closed by 等地 (包头、前旗、后旗等地)."""
    doc, text = c.doc, c.doc.text
    for t in _CLOSED_LIST.finditer(text):
        items, k = [], t.start()  # (start, end) of the items after the first 、
        for w in t.group()[1:].split("、"):
            items.append((k + 1, k + 1 + len(w)))
            k += 1 + len(w)
        if t.start() not in ends and not any(i in spans for i in items):
            continue  # no area named in the list
        for s, e in items:
            item = text[s:e]
            if (e - s == 2 and doc.gaz.words.get(item, 0) < WORD_FREQ and not doc.at.get(s)
                    and not any(ch in STOP_CHARS for ch in item)):
                c.add_gpe(s, e)


def _province_chars(c: _Candidates) -> None:
    """Provinces' one-character names in a list (京、津), and after a verb of motion (进京, 赴沪),
    unless either character belongs to a word (促进|京津冀, 进|京剧) or the name goes on (赴|苏州)."""
    doc, text, gaz = c.doc, c.doc.text, c.doc.gaz
    for t in gaz.province_list.finditer(text):
        for k in range(t.start(), t.end(), 2):
            c.hits.add(Hit(k, k + 1, "GPE"))
    for t in gaz.motion.finditer(text):
        k = t.start() + 1
        if not (text[max(0, k - 2):k] in gaz.words or text[k:k + 2] in gaz.words or doc.first(k, _NAMED, 2)):
            c.hits.add(Hit(k, k + 1, "GPE"))


# --- organisations ------------------------------------------------------------------------------

def _institute(c: _Candidates, end: int, after_org: bool) -> int | None:
    """An institute: 中国科学院 + 武汉岩土 + 所, or a place + a short field + 所 (杭州 + 茶研 + 所);
    not the classifier (中科院三所高校: three universities), nor a word (市场所, 科研院所), nor after
    a place a common word (上海 + 工作 + 所需, 青海 + 高原 + 所特有)."""
    doc, text = c.doc, c.doc.text
    m = doc.after_middle(end, Tag.INSTITUTE, strict=after_org, min_len=1, longest=MAX_MIDDLE if after_org else 4)
    if m is None or text[m.start - 1] in _NUMERALS:
        return None
    if any(text[m.start - n:m.end] in doc.gaz.not_institutes for n in (1, 2, 3)):
        return None
    if not after_org and text[end:m.start] in doc.gaz.frequent:
        return None
    return m.end


def _org_tail(c: _Candidates, end: int, after_level: bool, after_org: bool) -> int | None:
    """Where an ORG continuing a name that ends at `end` ends, or None."""
    doc = c.doc
    tail = doc.org_tail(end, after_level, after_org)
    if tail is None and not after_org:
        tail = doc.level_org(end)  # 杭州 + 市委; but 县委 + 县政府 are two
    if tail is None:
        m = doc.after_middle(end, Tag.STRONG, strict=after_org)
        if m is not None:
            tail = doc.org_tail(m.start)
    if tail is None:
        tail = _institute(c, end, after_org)
    return tail


def _grow(c: _Candidates, start: int, end: int, after_level: bool, after_org: bool) -> None:
    """ORGs that start at `start` and continue a name ending at `end` (a place, or a complete
    organisation: then only with its parts, or a few words and a strong word)."""
    for _ in range(MAX_HOPS):
        tail = _org_tail(c, end, after_level, after_org)
        if tail is None:
            return
        c.add_org(start, tail)
        end, after_level, after_org = tail, False, True


def _organisations(c: _Candidates, waiting: list[_Match], places: list[tuple[int, int]]) -> None:
    """Level + body (市委, 县科技局), name + organisation words (三明市科技局, 青海大学, 县科技局党组),
    name + unknown words + a strong organisation word; a place right before an organisation is part
    of it (福建省 + 三明市科技局), and so is a named zone (苏州工业园区 + 管委会). Right to left, so
    chains grow."""
    doc, text = c.doc, c.doc.text
    # Gated names the document does not vouch for still name an organisation right before its
    # word (、长安 + 大学), though not through unknown words (惠民 + 服务 + 中心), nor glued to a
    # character before them (华 + 汉江公司: a name of its own).
    for m in waiting:
        if m.start == 0 or not _is_name_char(text[m.start - 1]) or text[max(0, m.start - 2):m.start] in doc.gaz.words:
            c.add_org(m.start, doc.org_tail(m.end))
    stems = sorted({(s, e, "G") for s, e in c.gpes + places}
                   | {(m.start, m.end, "O") for m in doc.matches if m.tags & Tag.ORG}
                   | {(m.start, 0, "L") for m in doc.matches if m.tags & Tag.LEVEL}, reverse=True)
    for start, end, kind in stems:
        if kind == "L":
            end = doc.level_org(start)
            c.add_org(start, end)
            if end is not None:  # its parts grow it as a named body's do (省农科院 + 植保所)
                _grow(c, start, end, False, True)
            continue
        if kind == "O":
            c.add_org(start, end)
        _grow(c, start, end, text[end - 1] in LEVEL_CHARS, kind == "O")
        if kind == "G" and _listed_firm(c, start, end):
            c.add_org(start, end + 2)  # a firm in a list: a place + 菌业、 (a trade no dictionary lists, unlike 茶业)
        if kind == "G" and end in c.org_end:
            c.add_org(start, c.org_end[end])


def _listed_firm(c: _Candidates, start: int, end: int) -> bool:
    """A place + one character + 业 in a list of firms (X菌业、), a trade no dictionary knows."""
    text = c.doc.text
    return (text[end + 1:end + 2] == TRADE and _is_name_char(text[end]) and text[end:end + 2] not in c.doc.gaz.words
            and (text[end + 2:end + 3] in _LIST_MARKS or text[start - 1:start] == "、"))


# --- the stages in order --------------------------------------------------------------------------

def area_context(gaz: Gazetteer, text: str) -> set[str]:
    """The admin codes of the areas `text` names: the context that vouches for gated names."""
    return _named_areas(_Candidates(_Doc(gaz, text)))[0]


def candidates(gaz: Gazetteer, text: str, context_elsewhere: Iterable[str] = ()) -> _Candidates:
    """Every proposed mention of clean `text`, overlapping, before resolution; the areas named
    elsewhere in the document (`context_elsewhere`) vouch for gated names as those named here do."""
    c = _Candidates(_Doc(gaz, text))
    _blocks(c)
    context, gated = _named_areas(c)
    context.update(context_elsewhere)
    waiting = _gate_by_context(c, gated, context)
    _gate_by_lists(c, waiting)
    _province_chars(c)
    _dictionary_names(c)
    places = _places(c)
    _organisations(c, waiting, places)
    return c


def find_hits(gaz: Gazetteer, text: str, context_elsewhere: Iterable[str] = ()) -> list[Hit]:
    """Every mention in clean `text`, flat and sorted: candidates -> gates -> resolution."""
    return [h for h in resolve_overlaps(candidates(gaz, text, context_elsewhere).hits) if h.label != _BLOCK]


class DictionaryExtractor(CleanTextExtractor):
    """Gazetteer lookup with composition; see the module docstring for where the names come from."""

    name = "dictionary"
    kind = "dictionary"
    labels = ("PERSON", "ORG", "GPE", "LOC")

    def __init__(self) -> None:
        self.gaz = load_gazetteer()

    def find(self, clean: str) -> list[Hit]:
        return find_hits(self.gaz, clean)

    def evidence(self, clean: str) -> Evidence:
        return {AREA_CODES: frozenset(area_context(self.gaz, clean))}

    def find_in(self, clean: str, evidence: Evidence) -> list[Hit]:
        return find_hits(self.gaz, clean, evidence.get(AREA_CODES, ()))
