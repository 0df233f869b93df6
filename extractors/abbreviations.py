"""A name's abbreviation used after it without being given: 浙江农林大学 … 浙农林大, 中国科学院过程工程研究所 …
中科院过程所, 江苏省产业技术研究院 … 江苏产研院.

A report names a body in full once and then by some of its characters, in order, as an established short name is
formed (the spec's 中科院宁波材料所, 合工大): the first character of the name, then characters of its words, and
the last of them the first or last of one of its organisation words (大 of 大学, 所 of 研究所, 院 of 研究院). Such a
run of characters after the full name, which the full name holds in order but not as one piece (浙江 is part of
浙江农林大学, no abbreviation of it), names the same body. The models read it as they read any unknown run
(中科院|过程所: 中科院 alone); the text has said what it is.
"""
from __future__ import annotations

from collections.abc import Iterable

from extractors import lexicon
from extractors.base import Hit
from extractors.brands import begins_phrase
from extractors.common_words import REACH, frequent_word, jieba_words
from extractors.patterns import HAN
from extractors.values import span_value

ABBREVIATION = 0.9  # as sure as a short form the text gives (`aliases.ALIAS`)
MIN_FULL = 5  # characters of a full name worth abbreviating
MIN_SHORT, MAX_SHORT = 3, 6  # characters of an abbreviation (浙农林大, 中科院过程所)
MAX_SHARE = 2 / 3  # of the full name's characters an abbreviation keeps at most (中科院过程所: 6 of 12)
RUN_ON = 2  # characters jieba reads after an abbreviation to tell whether a word runs across its end
_PLACE_TAGS = frozenset({"ns", "j"})  # jieba's tags of a place's name and of an abbreviation (俄)


def abbreviations_after_names(clean: str, names: Iterable[Hit]) -> list[Hit]:
    """ORG hits, at ABBREVIATION, of each proposed organisation's abbreviations after it (above)."""
    from extractors.name_rules import bare_organisation  # not at import: listing the extractors loads no rules

    orgs = [h for h in names if h.label == "ORG"]
    spans: dict[tuple[int, int], None] = {}
    for h in orgs:
        full = clean[h.start:h.end]
        if len(full) < MIN_FULL:
            continue
        ends = _last_characters(clean, h)
        at = clean.find(full[0], h.end)
        while at >= 0:
            end = _abbreviation_end(clean, at, full, ends)
            if end is not None and bare_organisation(clean[at:end]):
                end = None  # an organisation word after generic words only (`name_rules.bare_organisation`)
            # not inside a longer name proposed there (九三学社第七次|全国代表大会 is no 全国人民代表大会)
            if end is not None and not any(o.start <= at and end <= o.end and o.end - o.start > end - at for o in orgs):
                spans[(at, end)] = None
            at = clean.find(full[0], (end or at + 1))
    return [Hit(s, e, "ORG", span_value("ORG", clean, s, e), ABBREVIATION) for s, e in spans]


def _last_characters(clean: str, h: Hit) -> dict[str, str]:
    """The characters an abbreviation of the name may end with, each with the characters that may not follow it:
    the first of its organisation words (大 of 大学: words ending in an organisation's character, `org_final_chars`),
    not before the word's second (荆门科|技 goes on as 科技局 does), and their last and the name's, before any."""
    final = lexicon.chars("org_final_chars")
    words = [w for _, w, _ in jieba_words(clean, h.start, h.end) if len(w) > 1 and w[-1] in final]
    ends = {w[0]: w[1] for w in words}
    ends.update({ch: "" for ch in (clean[h.end - 1], *(w[-1] for w in words))})
    return ends


def _abbreviation_end(clean: str, start: int, full: str, ends: dict[str, str]) -> int | None:
    """Where the longest abbreviation of `full` from `start` ends, or None."""
    longest = min(start + MAX_SHORT, start + int(len(full) * MAX_SHARE))  # 全国代表大会 of 全国人民代表大会: a name
    for end in range(min(len(clean), longest), start + MIN_SHORT - 1, -1):
        short = clean[start:end]
        if (short[-1] in ends and not (ends[short[-1]] and clean.startswith(ends[short[-1]], end))
                and short not in full and all(map(HAN.match, short)) and _in_order(short, full)
                and _words_of_its_own(clean, start, end)):
            return end
    return None


def _words_of_its_own(clean: str, start: int, end: int) -> bool:
    """Whether jieba reads clean[start:end] as words that begin and end where it does (not 南京联|合, 菲银行|家,
    美|中友协) and begin a phrase (`brands.begins_phrase`: not 第八届|全国委员会), not as one word that names
    nothing (`name_tags`), not ending with a verb (中国人民|会) and not as frequent words of the language only
    (石油|科研 of 从事石油科研: the characters of 石油科学研究院 by chance)."""
    around = jieba_words(clean, max(0, start - REACH), min(len(clean), end + RUN_ON))
    words = [(w, tag) for s, w, tag in around if start <= s < end]
    if sum(len(w) for w, _ in words) != end - start or not any(s == start for s, _, _ in around):
        return False
    if not begins_phrase(clean, start, around, lexicon.word_set("name_left_breaker_tags")):
        return False  # 第八届|全国委员会: a longer name's end
    if len(words) == 1 and words[0][1] not in lexicon.word_set("name_tags"):
        return False  # one word of jieba's that names nothing (国际法 of 国际刑事法院)
    if words[-1][1] in lexicon.word_set("verb_tags"):
        return False  # 中国人民|会 (will) of 中国人民政治协商会议
    if len(words) == 2 and words[0][1] in _PLACE_TAGS:
        return False  # a place and one word (中国|党, 俄|政府): its own reading, no one body's abbreviation
    return not all(len(w) > 1 and frequent_word(w) for w, _ in words)


def _in_order(short: str, full: str) -> bool:
    """Whether `full` holds the characters of `short` in order."""
    chars = iter(full)
    return all(ch in chars for ch in short)
