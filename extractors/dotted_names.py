"""A transliterated name is one person across its dots: 阿不都热依木·吾守尔, 埃马纽埃尔·马克龙.

Uyghur, Tibetan and foreign names are written as their parts joined by a middle dot, and a person's name
holds them all (MSRA's train split labels 583 persons across a dot and 7 beside one, each inside a book's
title, whose dot joins a series and a volume: 《新文人画精品选·王孟奇》, 《尼玛·太阳》; a name in a title is left
as read). The models, taught on few such names, read the part they know (吾守尔) and leave a long or rare one
out (阿不都热依木, which jieba holds as one word). A person that ends at a dot or begins after one (or up to NEAR
characters after one: 阿依古丽·买|买提, where a model read 买提) runs on over the part on the dot's other side
(never a person with a dot inside: the models' foreign names are mostly whole, and what follows them as often a
verb of one character, 罗伯特·卡洛斯|是): the characters jieba reads there, up to what no transliteration holds, a
title or a common word (教授|买买提明, 授予|…), a preposition, conjunction or particle of one character
(与|阿卜杜拉, 吾守尔|等), or a mark that is no Han character; after the dot, a verb or adverb of one character
that ends the run (库尔班|作了发言); before the dot, a word of two characters or more that is no name's, left of
one jieba tags a name (肯尼迪|遗孀|杰奎琳·肯尼迪). A common word is one jieba's dictionary holds often
(`frequent_word`) that it does not tag a person's name (马克, 约翰).
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from extractors import lexicon
from extractors.base import Hit
from extractors.common_words import frequent_word, jieba_words
from extractors.patterns import HAN

DOTS = "·•・‧"  # the middle dots transliterations are written with, in Simplified and Traditional text
MAX_PART = 8  # characters of one part of a name (阿不都热依木 is six)
NEAR = 2  # characters of a part a model may leave out before the rest of it it read (阿依古丽·买|买提)
_BREAKER_TAGS = ("p", "c", "u")  # a one-character word so tagged ends a part: 与|, |等, 了|
_VERB_TAGS = ("v", "d")  # verbs and adverbs


def _name_tags() -> frozenset[str]:
    return lexicon.word_set("person_name_tags")  # jieba's tags of persons' names (nr, nrt, nrfg)


@lru_cache(maxsize=1)
def _titles() -> tuple[str, ...]:
    return tuple({*lexicon.words("person_titles"), *lexicon.words("titles_before_names")})


def across_dots(clean: str, h: Hit) -> Hit:
    """A person `h` with the part of its name across a dot next to it (see the module docstring); any other
    hit, or a person with no dot beside it, as it is."""
    if h.label != "PERSON" or _in_title(clean, h.start):
        return h
    dot = _dot_before(clean, h.start)
    if dot is not None:
        start = _part_before(clean, dot)
        if start is not None:
            h = replace(h, start=start)
    if h.end < len(clean) - 1 and clean[h.end] in DOTS:
        end = _part_after(clean, h.end + 1)
        if end is not None:
            h = replace(h, end=end)
    return h


def _dot_before(clean: str, start: int) -> int | None:
    """The dot right before a person read from `start`, or up to NEAR characters before it where a model left the
    part's first characters out (阿依古丽·买|买提: 买提 was read); None where none is."""
    for dot in range(start - 1, max(0, start - NEAR - 1) - 1, -1):
        if clean[dot] in DOTS:
            return dot
        if not HAN.fullmatch(clean[dot]):
            return None
    return None


def _in_title(clean: str, at: int) -> bool:
    """Whether `at` is inside a book's title: a 《 opens before it that no 》 has closed."""
    return clean.rfind("《", 0, at) > clean.rfind("》", 0, at)


def _part_before(clean: str, dot: int) -> int | None:
    """Where the name's part that ends at the dot at `dot` begins, or None where no part is there."""
    words = jieba_words(clean, max(0, dot - MAX_PART - 4), dot)
    start, named = dot, False
    for w, word, tag in reversed(words):
        if not _in_part(word, tag) or clean.endswith(_titles(), 0, w + len(word)):
            break
        if named and len(word) > 1 and tag not in _name_tags():
            break  # a common word before a name jieba knows is no part of it (肯尼迪|遗孀|杰奎琳·肯尼迪)
        start, named = w, named or tag in _name_tags()
    return start if 2 <= dot - start <= MAX_PART else None


def _part_after(clean: str, begin: int) -> int | None:
    """Where the name's part that begins at `begin`, after a dot, ends, or None where no part is there."""
    part = []
    for w, word, tag in jieba_words(clean, begin, min(len(clean), begin + MAX_PART + 4)):
        if not _in_part(word, tag) or word.startswith(_titles()):
            break
        part.append((w, word, tag))
    # a verb or adverb of one character at the end is what the person does (库尔班|作了发言), whatever one
    # inside a name is (吾守尔)
    while part and len(part[-1][1]) == 1 and part[-1][2].startswith(_VERB_TAGS):
        part.pop()
    end = part[-1][0] + len(part[-1][1]) if part else begin
    return end if 2 <= end - begin <= MAX_PART else None


def _in_part(word: str, tag: str) -> bool:
    """Whether one of jieba's words may be (in) a part of a transliterated name."""
    if not all(HAN.fullmatch(ch) for ch in word):
        return False
    if len(word) == 1:
        return not tag.startswith(_BREAKER_TAGS)
    return tag in _name_tags() or not frequent_word(word)  # a frequent word jieba tags a name's is a part
