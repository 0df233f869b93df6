"""Persons named right after their title: 副校长|党怀兴|出席, 研究员|钱前|在, 研究员|周卫|作报告, 记者 何欣.

Reports name people by title and name, and a name jieba shatters (党|怀|兴) or the models never saw
is still a surname and one or two characters between a title (`titles_before_names`) and what the person
does: a verb, a preposition or conjunction, punctuation, or the people with them (`org_member_words`).
Of a three- and a two-character reading, the longer that is followed so is proposed (周卫作|报告 is
followed by a noun, 周卫|作 by a verb). jieba must read the name as single characters or a person's
name and end a word where it ends: 市长|高度|重视 and 院长|向|大会|报告 hold common words, no names.
The models, taught few such names, find them unlikely (严建兵 0.016), so a proposal carries its own
confidence, TITLED_NAME, below a model's sure reading of another person there.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors import lexicon
from extractors.base import Hit
from extractors.common_words import jieba_words
from extractors.package_lexicons import surnames

AFTER_REACH = 4  # characters of what follows a name that jieba reads to tell it
TITLED_NAME = 0.9
FOREIGN_DOT = "·"  # between the parts of a transliterated name


@lru_cache(maxsize=1)
def titles_re() -> re.Pattern[str]:
    titles = sorted(lexicon.words("titles_before_names"), key=len, reverse=True)
    # a byline's colon or spaces (作者:贾悦, 记者 何欣)
    return re.compile(f"(?:{'|'.join(map(re.escape, titles))})(?::|[ \u3000]{{1,2}})?")


def persons_after_titles(clean: str) -> list[Hit]:
    """PERSON proposals (no confidence of their own) for the name right after each title in `clean`."""
    out = []
    for m in titles_re().finditer(clean):
        byline = m.group()[-1] in ": \u3000"
        for length in _lengths(clean, m.end()):
            end = m.end() + length
            if (_a_name(clean, m.end(), end) or byline and _a_whole_token(clean, m.end(), end)) \
                    and _followed_by_a_clause(clean, end):
                out.append(Hit(m.end(), end, "PERSON", score=TITLED_NAME))
                break
    return out


def cut_short(clean: str, titled: list[Hit]) -> set[tuple[int, int]]:
    """The spans of the two-character readings that the three-character names after titles (`titled`) hold,
    where no clause follows the shorter reading (厅长|张文兵|在: 张文 is followed by 兵) and no foreign name's
    dot follows closely (部长|福图纳托·马特斯): a model reading the shorter name cut it short. Of
    the 801 such names on MSRA's train split, 797 are its persons whole and none its two characters."""
    return {(h.start, h.end - 1) for h in titled if h.end - h.start == 3
            and FOREIGN_DOT not in clean[h.end:h.end + AFTER_REACH] and not _followed_by_a_clause(clean, h.end - 1)}


def _lengths(clean: str, start: int) -> tuple[int, ...]:
    """The lengths a name at `start` may have, longest first: a surname and one or two characters."""
    single, double = surnames(ambiguous=True)  # after a title 周, 钱 and 党 are surnames
    if clean[start:start + 2] in double:
        return (4, 3)
    return (3, 2) if clean[start:start + 1] in single else ()


def _a_name(clean: str, start: int, end: int) -> bool:
    """Han characters with no title inside (局长|和市长), which jieba reads as the surname, then a person's
    name or single characters of no function word's tag (`name_char_breaker_tags`: 任|上, 向|他; a numeral is
    a name's: `given_name_char_tags`, 施|一|公), its last word ending at `end`."""
    if not _han_without_title(clean[start:end]):
        return False
    words = jieba_words(clean, start, min(len(clean), end + AFTER_REACH))
    inside = [(word, tag) for s, word, tag in words if s < end]
    if sum(len(word) for word, _ in inside) != end - start:
        return False  # the name ends inside a word (严建|兵团)
    names = lexicon.word_set("person_name_tags")
    breakers = lexicon.word_set("name_char_breaker_tags") - lexicon.word_set("given_name_char_tags")  # 施|一|公
    first, tag = inside[0]
    if not (tag in names or len(first) == 1 or first in surnames(ambiguous=True)[1]):
        return False
    return all(tag in names or len(word) == 1 and tag not in breakers for word, tag in inside[1:])


def _a_whole_token(clean: str, start: int, end: int) -> bool:
    """Han characters with no title inside that a byline closes right after (记者 周家豪）: jieba reads 周家,
    "the Zhou family", as a noun, but the byline's space and bracket bound the name whole)."""
    return end <= len(clean) and (end == len(clean) or not "\u4e00" <= clean[end] <= "\u9fff") \
        and _han_without_title(clean[start:end])


def _han_without_title(text: str) -> bool:
    """Whether `text` is Han characters with no title inside (局长|和市长): what a name after a title may be."""
    return all("\u4e00" <= ch <= "\u9fff" for ch in text) and not titles_re().search(text)


def _followed_by_a_clause(clean: str, end: int) -> bool:
    """Whether what follows `end` is punctuation, the text's end, the people with the person, or a word of
    a tag a name is followed by (`person_breaker_tags`: verbs, prepositions, conjunctions)."""
    if end >= len(clean) or not "\u4e00" <= clean[end] <= "\u9fff":
        return True
    if clean.startswith(lexicon.words("org_member_words"), end):
        return True
    words = jieba_words(clean, end, min(len(clean), end + AFTER_REACH))
    return words[0][2] in lexicon.word_set("person_breaker_tags")
