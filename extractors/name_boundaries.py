"""Boundary evidence between proposals: a name does not run left across a verb, a preposition,
a conjunction, an adverb or a pronoun, nor right across a verb out of a shorter proposal of it.

Two proposals of one name that end together but start apart (复办|中央党校 and 中央党校) differ
only in what lies between their starts. When jieba, reading its dictionary alone (as the CRF's
word features do), segments that stretch as ending in a word of such a tag (`name_left_breaker_tags`),
the longer proposal has run left across the clause the name sits in (a rule's organisation suffix
that took the verb before it, a tagger that followed it), and the shorter one is the name.

An organisation's name likewise begins where a word does: a proposal whose first character is the
second or later character of one of jieba's words took half a word (报讯… in 本报讯…) and is none,
unless that word is a place, where the organisation begins with it (杭|州市政协 -> 杭州市政协: the
rule took the place's first character for the end of a word before it), or a deictic and a level
(该市|行政服务中心: jieba reads 该市 as one word, the body begins at its level character).
Of MSRA train's organisations (its first 20,000 sentences) 0.25% begin inside a word; of the
hybrid's organisations on its last 5,000 (as it was before this rule) 16 wrong ones did and no right
one. There `hybrid` goes from 0.7857 to 0.7879 strict F1 (with a `names` model refitted without those
sentences), the seeds (leave-one-out) from 0.9506 to 0.9513.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import replace
from functools import lru_cache

from extractors import lexicon
from extractors.area_bodies import begins_area_name
from extractors.base import Hit
from extractors.common_words import REACH, begins_longer_word, jieba_words, place_word_tags
from extractors.gazetteer import LEVEL_CHARS
from extractors.grammar import CN_NUMERALS
from extractors.level_nouns import DEICTIC_CHARS
from extractors.package_lexicons import admin_unit_names
from extractors.patterns import HAN, alternation
from extractors.titled_persons import titles_re
from extractors.values import span_value

Key = tuple[int, int, str]  # (start, end, label)


def organisation_start(clean: str, start: int) -> int | None:
    """Where an organisation proposed from `start` begins: there when a word of jieba's begins there
    or at the level character of a deictic and a level (该市|行政服务中心); at the start of the word
    `start` falls inside when that word is a place or a name holding one (`place_word_tags`: 杭州 of
    杭|州市政协, whose rule took the place's first character for a word before it); else it is none."""
    for s, word, tag in jieba_words(clean, max(0, start - REACH), min(len(clean), start + REACH)):
        if s < start < s + len(word):
            if len(word) == 2 and word[0] in DEICTIC_CHARS and word[1] in LEVEL_CHARS:
                return start
            return s if tag in place_word_tags() else None
        if s >= start:
            break
    return start


def party_start(clean: str, start: int) -> int:
    """Where an organisation beginning with a place at `start` begins when the party's name stands
    right before it (`party_prefixes`: 中共|常州市武进区委组织部 is one body); else `start`."""
    prefix = next((w for w in lexicon.words("party_prefixes") if clean.endswith(w, 0, start)), None)
    if prefix is None:
        return start
    words = jieba_words(clean, start, min(len(clean), start + REACH))
    begins_with_place = bool(words) and words[0][2] in lexicon.word_set("area_word_tags")
    return start - len(prefix) if begins_with_place else start


def _last_breaker_end(clean: str, start: int, end: int, name_ends: frozenset[int] = frozenset()) -> int | None:
    """Where the last word of a breaker tag inside clean[start:end] ends (not the span's last word). A word
    joining two fields (`field_joining_words`: 海洋|与|地球学院) breaks only where a proposed name ends
    before it (`name_ends`: 湖北省|与|武汉市科技局) or the span begins with it."""
    tags, joining, last = lexicon.word_set("name_left_breaker_tags"), lexicon.word_set("field_joining_words"), None
    for s, word, tag in jieba_words(clean, start, end):
        if s + len(word) >= end:
            break
        # an area's name jieba tags a verb breaks no name it begins (遵义|市: `admin_unit_names`)
        if (tag in tags and (word not in joining or s == start or s in name_ends)
                and not begins_area_name(clean, s, s + len(word), admin_unit_names(), AREA_SUFFIX)):
            last = s + len(word)
    return last


def run_left(clean: str, proposals: Iterable[Iterable[Hit]], labels: frozenset[str]) -> set[Key]:
    """The proposals of `labels` that run left across a breaker word into a shorter proposal's name."""
    keys = {(h.start, h.end, h.label) for hits in proposals for h in hits if h.label in labels}
    starts: dict[tuple[int, str], set[int]] = defaultdict(set)
    for s, e, label in keys:
        starts[(e, label)].add(s)
    name_ends = frozenset(e for _, e, _ in keys)
    out = set()
    for s, e, label in keys:
        later = {x for x in starts[(e, label)] if x > s}
        if later and _last_breaker_end(clean, s, e, name_ends) in later:
            out.add((s, e, label))
    return out


def run_right(clean: str, proposals: Iterable[Iterable[Hit]], labels: frozenset[str]) -> set[Key]:
    """The proposals of `labels` that run right out of a shorter proposal's name (same start and label)
    across a verb of two characters or more that begins where that name ends (清华大学|共建|实验室,
    某集团|下属|公司; `name_right_breaker_tags`). A one-character verb is left alone (南方日报|驻|湛江记者站
    is one organisation), and so is a verb before one organisation character (财政部|预算|司)."""
    keys = {(h.start, h.end, h.label) for hits in proposals for h in hits if h.label in labels}
    ends: dict[tuple[int, str], set[int]] = defaultdict(set)
    for s, e, label in keys:
        ends[(s, label)].add(e)
    out = set()
    for s, e, label in keys:
        earlier = {x for x in ends[(s, label)] if x < e}
        if earlier and not earlier.isdisjoint(_verb_starts(clean, s, e)):
            out.add((s, e, label))
    return out


def persons_run_on(clean: str, proposals: Iterable[Iterable[Hit]]) -> set[Key]:
    """The persons that run right out of a shorter person's name (same start, two characters or more) to the
    end of a word of two characters or more that jieba reads from that name's end and tags as what a person
    does (`person_breaker_tags`: 李杰|当选, 王芳|出席): the name ends where the verb begins."""
    keys = {(h.start, h.end) for hits in proposals for h in hits if h.label == "PERSON"}
    ends: dict[int, set[int]] = defaultdict(set)
    for s, e in keys:
        if e - s >= 2:
            ends[s].add(e)
    tags, out = lexicon.word_set("person_breaker_tags"), set()
    for s, e in keys:
        for x in ends[s]:
            if x < e and any(ws == x and ws + len(w) == e and len(w) >= 2 and tag in tags
                             for ws, w, tag in jieba_words(clean, x, e + RUN_ON)):
                out.add((s, e, "PERSON"))
    return out


def run_past_offices(clean: str, proposals: Iterable[Iterable[Hit]]) -> set[Key]:
    """The organisations that run right out of a shorter one (same start) ending in an office's word
    (`office_endings`: 县科技局|党组, 市委|办公室) over common nouns (`field_word_tags`) that end no
    organisation (`org_suffixes`): 县科技局党组|理论 of …党组|理论学习中心组, 县科技局党组|会议. An office's name
    ends with its word."""
    keys = {(h.start, h.end) for hits in proposals for h in hits if h.label == "ORG"}
    offices: dict[int, list[int]] = defaultdict(list)  # start -> ends of organisations ending in an office's word
    for s, e in keys:
        if clean.endswith(lexicon.words("office_endings"), s, e):
            offices[s].append(e)
    out = set()
    for s, e in keys:
        for x in offices.get(s, ()):
            if x < e and _common_nouns(clean, x, e) and not clean.endswith(_organisation_words(), x, e):
                out.add((s, e, "ORG"))
    return out


def run_over_founding(clean: str, proposals: Iterable[Iterable[Hit]]) -> dict[Key, int]:
    """The organisations that run left across a verb founding one and its object (`founding_verbs`:
    匈牙利德布勒森|建设|电池|工厂 builds a battery factory in a place), each with where its verb begins: a
    clause, not a name. Only where common nouns (`object_word_tags`, and names of things: 藏药) stand
    between the verb and the organisation word: in 中铁|建设|集团 and 中国有色金属|建设|股份公司 the verb is
    the body's field, and jieba reads 建设工程 and 建设银行 as one word."""
    keys = {(h.start, h.end) for hits in proposals for h in hits if h.label == "ORG"}
    out = {}
    for s, e in keys:
        if _founding_verb_re().search(clean, s, e) and (verb := _founding_verb(clean, s, e)) is not None:
            out[(s, e, "ORG")] = verb
    return out


def _founding_verb(clean: str, start: int, end: int) -> int | None:
    """Where the founding verb of clean[start:end] begins, its object and an organisation word after it."""
    words = jieba_words(clean, start, end)
    verbs, tags = lexicon.word_set("founding_verbs"), lexicon.word_set("object_word_tags")
    bodies = _organisation_words()
    for i, (at, word, _) in enumerate(words[1:-1], start=1):
        if word in verbs:
            *objects, (_, last, _) = words[i + 1:]
            # the object is a word of its own: 建设|指挥部 is the building's headquarters
            if objects and last.endswith(bodies) \
                    and all(tag in tags and not o.endswith(bodies) for _, o, tag in objects):
                return at
    return None


def places_of_foundings(found: Mapping[str, list[Hit]], runs: Mapping[Key, int]) -> dict[Key, float]:
    """The evidence of the places a founding clause begins with (匈牙利 of 匈牙利德布勒森|建设|电池|工厂, which
    the models, reading an organisation, find unlikely alone): the clause's organisation's. The models
    were sure of a name there; the verb says it is the place where a body is founded."""
    if not runs:
        return {}
    scores = _run_scores(found, runs)
    out: dict[Key, float] = {}
    for hits in found.values():
        for h in hits:
            for run, score in scores.items():
                if h.label in ("GPE", "LOC") and h.start == run[0] and h.end <= runs[run]:
                    out[(h.start, h.end, h.label)] = max(out.get((h.start, h.end, h.label), 0.0), score)
    return out


def _run_scores(found: Mapping[str, list[Hit]], runs: Container[Key]) -> dict[Key, float]:
    """The highest confidence a component gave each of `runs` (those no component scored are left out)."""
    scores: dict[Key, float] = {}
    for hits in found.values():
        for h in hits:
            if (key := (h.start, h.end, h.label)) in runs and h.score is not None:
                scores[key] = max(scores.get(key, 0.0), h.score)
    return scores


@lru_cache(maxsize=1)
def _founding_verb_re() -> re.Pattern[str]:
    return re.compile(alternation(lexicon.words("founding_verbs")))


def _common_nouns(clean: str, start: int, end: int) -> bool:
    """Whether jieba reads clean[start:end] as common nouns only (`field_word_tags`)."""
    words = jieba_words(clean, start, end)
    tags = lexicon.word_set("field_word_tags")
    return bool(words) and words[0][0] == start and all(tag in tags for _, _, tag in words)


@lru_cache(maxsize=1)
def _organisation_words() -> tuple[str, ...]:
    return (*lexicon.words("org_suffixes"), *lexicon.words("office_endings"))


def _verb_starts(clean: str, start: int, end: int) -> set[int]:
    """Where verbs of two characters or more begin inside clean[start:end] with two characters or more
    after them: a verb and one organisation character name a department by its work (财政部|预算|司)."""
    return {s for s, _ in _verbs(clean, start, end)}


def _verbs(clean: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of those verbs (`_verb_starts`)."""
    tags = lexicon.word_set("name_right_breaker_tags")
    return [(s, s + len(word)) for s, word, tag in jieba_words(clean, start, end)
            if start < s and end - (s + len(word)) >= 2 and len(word) >= 2 and tag in tags]


def stranded_start(clean: str, proposals: Iterable[Iterable[Hit]], labels: frozenset[str]) -> set[Key]:
    """The proposals of `labels` (no persons) that begin one character after another proposal of the same
    name, where jieba read both characters as words of one character: it shattered a name it does not
    know (雄|安|新区, 灵|邱|县), and a shorter reading began at a shard. The first character must be of
    a tag a name may start after (not `name_left_breaker_tags`, numerals or measure words: 在|王|家村).
    Where jieba knows the shorter reading's first word, the split is its own (经|国务院办公厅)."""
    keys = {(h.start, h.end, h.label) for hits in proposals for h in hits if h.label in labels and h.label != "PERSON"}
    longer = {(s + 1, e, label) for s, e, label in keys}
    shorter = sorted(k for k in keys if k in longer)
    if not shorter:
        return set()
    no_start = lexicon.word_set("name_left_breaker_tags") | {"m", "q", "x", ""}  # numerals, measure words, none
    words = jieba_words(clean, max(0, shorter[0][0] - REACH), max(k[1] for k in shorter))
    single = {s: tag for s, word, tag in words if len(word) == 1}
    return {k for k in shorter if k[0] in single and single.get(k[0] - 1, "x") not in no_start}


def without_runs(clean: str, found: Mapping[str, list[Hit]], labels: frozenset[str]) -> dict[str, list[Hit]]:
    """`found` (proposals by component) without those that run left (`run_left`) or right (`run_right`,
    `run_past_offices`, `persons_run_on`), or begin after a character jieba left alone that begins the name
    (`stranded_start`).
    The names either side of the verb a name ran right across keep the evidence of that name
    (`pieces_of_runs`)."""
    right = run_right(clean, found.values(), labels)
    founding = run_over_founding(clean, found.values())
    losers = (run_left(clean, found.values(), labels) | right | stranded_start(clean, found.values(), labels)
              | run_past_offices(clean, found.values()) | persons_run_on(clean, found.values()) | set(founding))
    pieces = pieces_of_runs(clean, found, right)
    for key, score in places_of_foundings(found, founding).items():
        pieces[key] = max(pieces.get(key, 0.0), score)
    return {k: [_with_evidence(h, pieces) for h in hits if (h.start, h.end, h.label) not in losers]
            for k, hits in found.items()}


def pieces_of_runs(clean: str, found: Mapping[str, list[Hit]], runs: set[Key]) -> dict[Key, float]:
    """The evidence of the proposals either side of the verb each of `runs` ran across (深圳市南山区粤海街道
    办事处|联合|腾讯公司, read whole by the gazetteer and so by the models, which then find either name
    unlikely alone): the run's, for the name from its start to the verb and the name from the verb's end
    to its end. The models were sure of a name there; the verb says it is two."""
    out: dict[Key, float] = {}
    for (s, e, label), score in _run_scores(found, runs).items():
        for vs, ve in _verbs(clean, s, e):
            for key in ((s, vs, label), (ve, e, label)):
                out[key] = max(out.get(key, 0.0), score)
    return out


def _with_evidence(h: Hit, pieces: Mapping[Key, float]) -> Hit:
    score = pieces.get((h.start, h.end, h.label))
    return h if score is None or (h.score is not None and h.score >= score) else replace(h, score=score)


AREA_SUFFIX = 3  # characters of an area's designation after its name (市, 自治州)
BRACKETS = {"（": "）", "(": ")"}  # an opening bracket and its closing one, full and half width
ORDINAL = f"第[0-9{CN_NUMERALS}]+"  # 第八, 第十二, 第126
UNIT_NAME = 10  # characters of a unit's name after its body's (等离子体物理 of …研究院|等离子体物理|研究所)
RUN_ON = 2  # characters jieba reads after a unit's word to tell whether a word runs across its end (系|统)


def _grown(clean: str, body: Hit, end: int) -> Hit:
    """The organisation `body` run on to `end` (a unit, a seat in brackets), as evidenced as the body."""
    return Hit(body.start, end, "ORG", span_value("ORG", clean, body.start, end), body.score)


def numbered_units(clean: str, names: Iterable[Hit]) -> list[Hit]:
    """An organisation and a unit it numbers right after its name (新疆生产建设兵团|第八师, 铁道部|第十二工程局:
    `numbered_unit_words`): one ORG, as evidenced as the organisation."""
    unit = _numbered_unit()
    out = []
    for h in names:
        if h.label == "ORG" and (m := unit.match(clean, h.end)):
            out.append(_grown(clean, h, m.end()))
    return out


def named_units(clean: str, names: Iterable[Hit]) -> list[Hit]:
    """An organisation and a unit of it named right after it (中科院合肥物质科学研究院|等离子体|物理|研究所,
    中国农业银行|湖州|分行, 市住房和城乡建设局|城市建设|科: `named_unit_words`): one ORG, as evidenced as the
    organisation, as MSRA labels them (北京大学法律系, 招商银行北京分行: whole in its train split where nothing
    stands between). The unit's name is up to UNIT_NAME characters of jieba's nouns and names
    (`field_word_tags`, `proper_name_tags`): a verb, a conjunction or any other word between the two makes two
    mentions (清华大学|共建|研究院, 浙江大学|与|…), and so does a person's title (银行|行长|尤先科: a name ending
    in a unit's character). A unit's word right after the body is a word of its own (安盟|办事处, not 办事|处),
    unless it begins a longer word (农业农村厅|科技|教育处: 科 of 科技)."""
    return [_grown(clean, h, end) for h in names if h.label == "ORG" and (end := _unit_end(clean, h.end))]


def _unit_end(clean: str, end: int) -> int | None:
    """Where a unit named right after a body ending at `end` ends (see `named_units`), or None."""
    # (a unit's word that begins a longer word is none: 农业农村厅|科技|教育处)
    if (at := _unit_words().match(clean, end)) and not begins_longer_word(clean, end, at.end()):
        return None
    tags = lexicon.word_set("field_word_tags") | lexicon.word_set("proper_name_tags")
    for m in _unit_word_after(clean, end):
        if titles_re().search(clean, end, m.start()):
            return None
        words = jieba_words(clean, end, min(len(clean), m.end() + RUN_ON))
        if _unit_word_ends(clean, words, m.start(), m.end()) and all(t in tags for s, _, t in words if s < m.start()):
            return m.end()
        if not any(s <= m.start() and s + len(w) > m.end() for s, w, _ in words):
            return None  # a later unit's word is looked for only past one a word runs across (科|技), not 学系|系主任
    return None


def _unit_word_after(clean: str, end: int) -> Iterator[re.Match[str]]:
    """Each unit's word up to UNIT_NAME Han characters after `end`, nearest first: where the first is no word of its
    own, a later one may end the unit (农村|科|技 then 农村科技|科)."""
    longest = max(map(len, lexicon.words("named_unit_words")))
    for m in _unit_words().finditer(clean, end + 1, min(len(clean), end + UNIT_NAME + longest)):
        if m.start() - end > UNIT_NAME or not all(HAN.fullmatch(ch) for ch in clean[end:m.start()]):
            return
        yield m


def _unit_word_ends(clean: str, words: list[tuple[int, str, str]], start: int, end: int) -> bool:
    """Whether a unit's word at clean[start:end] ends the unit: it begins one of jieba's `words` (湖州|分|行为) or
    ends one of two characters or more before it (法律系; a noun's, where the unit's word is one character:
    严肃查处 is no unit), and runs into no word after it (国际武联|竞赛|系列, 美国国防部|军事|情报|系统: no unit), or
    its head's title follows (城市建设科|科长, which jieba reads 科科长); a word of one character and the unit's
    is a word of its own (省市委|部署)."""
    fields = lexicon.word_set("field_word_tags")
    return any(s == start and s + len(w) <= end
               or s < start - 1 and s + len(w) == end and (end - start > 1 or tag in fields)
               for s, w, tag in words) or clean.startswith(lexicon.words("person_titles"), end)


@lru_cache(maxsize=1)
def _unit_words() -> re.Pattern[str]:
    return re.compile(alternation(lexicon.words("named_unit_words")))


@lru_cache(maxsize=1)
def _numbered_unit() -> re.Pattern[str]:
    return re.compile(f"{ORDINAL}(?:{alternation(lexicon.words('numbered_unit_words'))})")


def seats_in_brackets(clean: str, names: Iterable[Hit]) -> list[Hit]:
    """An organisation with its seat in brackets right after it (哈尔滨工业大学|（深圳）): one ORG, as
    evidenced as the organisation (the spec: parentheses that are part of a name stay inside it)."""
    places = {(h.start, h.end) for h in names if h.label == "GPE"}
    out = []
    for h in names:
        close = BRACKETS.get(clean[h.end:h.end + 1])
        if h.label == "ORG" and close:
            end = clean.find(close, h.end + 2)
            if end > 0 and (h.end + 1, end) in places:
                out.append(_grown(clean, h, end + 1))
    return out


_ALL_BRACKETS = {**BRACKETS, "【": "】", "[": "]"}  # and square ones, which hold no seat


def unbalanced(clean: str, start: int, end: int) -> bool:
    """Whether clean[start:end] closes a bracket it did not open or opens one it does not close (林志豪）香港科技大学:
    a byline's close and the name after it): no name is written so; a seat in brackets is balanced
    (哈尔滨工业大学（深圳）)."""
    depth = 0
    for ch in clean[start:end]:
        if ch in _ALL_BRACKETS:
            depth += 1
        elif ch in _ALL_BRACKETS.values():
            depth -= 1
            if depth < 0:
                return True
    return depth != 0


def holding_persons(proposals: Mapping[str, list[Hit]], persons: Iterable[Hit]) -> set[tuple[int, int]]:
    """The spans of organisations proposed that hold a person named after a title (厦门大学|教授|郑晓峰|团队…: the
    title ends the organisation's name, whatever a model read)."""
    spans = [(p.start, p.end) for p in persons]
    return {(h.start, h.end) for hits in proposals.values() for h in hits if h.label == "ORG"
            and any(h.start < s and e <= h.end for s, e in spans)}
