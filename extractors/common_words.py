"""Place names inside common words: 中山 in 中山装, 穿山 in 穿山甲 and 龙门 in 龙门阵 are no places.

A name is a word or a run of words. Where jieba, reading its dictionary alone (as the CRF's word
features do), segments a proposed place as the start of a word one character longer, or inside a
word it neither starts nor ends, the proposal's boundaries fall inside a word and it is not a
mention. A place stays one when that word is a place, organisation or abbreviation by jieba's
part-of-speech tag (`place_word_tags`: 上海滩, 中国队), when the character after it makes a word
about it (`place_compound_heads`: 中国史, 四川话, 蒙古族), and when the place begins or ends a
longer compound (中华民族, 太平洋战争, 祖国大陆: a noun about the place, a place with its modifier).
One-character short forms (京, 沪) are left alone: they are abbreviations, not words.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from extractors import lexicon

REACH = 4  # characters jieba segments on each side of a proposal
RUN_ON = 2  # characters jieba reads after a word to tell whether a longer word runs across its end


@lru_cache(maxsize=1)
def _jieba_tags() -> tuple[Any, dict[str, str], frozenset[str], frozenset[str]]:
    """jieba's segmentation (the CRF's, `crf.segmenter`), its dictionary's part-of-speech tags, the
    place-word tags and the heads of words about a place."""
    from jieba.posseg import POSTokenizer

    from extractors.crf import segmenter
    from extractors.package_data import jieba_in_cache

    # the tags are read from jieba's dictionary file: its prefix dictionary is never built
    tags = POSTokenizer(jieba_in_cache()).word_tag_tab
    return (segmenter(), tags, frozenset(lexicon.words("place_word_tags")),
            frozenset(lexicon.words("place_compound_heads")))


def load() -> None:
    """Pay jieba's word tags now (half a second), not on the first document."""
    _jieba_tags()


def place_word_tags() -> frozenset[str]:
    """`place_word_tags`: jieba's tags of words that are a place or a name holding one."""
    return _jieba_tags()[2]


def jieba_tag(word: str) -> str:
    """jieba's part-of-speech tag of a word its dictionary holds, '' if it holds none."""
    return _jieba_tags()[1].get(word, "")


def jieba_words(clean: str, start: int, end: int) -> list[tuple[int, str, str]]:
    """jieba's words of clean[start:end] (its dictionary alone), each with its start and its tag ('' if none)."""
    cut, tags, _, _ = _jieba_tags()
    out, pos = [], start
    for word in cut(clean[start:end], False):
        out.append((pos, word, tags.get(word, "")))
        pos += len(word)
    return out


def begins_longer_word(clean: str, start: int, end: int) -> bool:
    """Whether jieba, reading from `start`, takes clean[start:end] as the start of a longer word (南京|古城墙,
    科 of 农业农村厅|科技): read from its start, as jieba reads the words after a name, with RUN_ON characters
    after it."""
    words = jieba_words(clean, start, min(len(clean), end + RUN_ON))
    return bool(words) and len(words[0][1]) > end - start


def frequent_word(word: str) -> bool:
    """Whether `word` is a two-character word jieba's dictionary holds at least the gazetteer's WORD_FREQ times
    (双方, 弘扬; not 恒基, 格力): mostly a word, whatever jieba tags it."""
    from extractors.gazetteer import WORD_FREQ, load_gazetteer  # loaded with the dictionary extractor

    return load_gazetteer().words.get(word, 0) >= WORD_FREQ


def inside_common_word(clean: str, start: int, end: int) -> bool:
    """Whether jieba segments clean[start:end] as part of a longer word that is no place, or as the
    end of one such word and the start of another (其中|国家级 holds no 中国; see above)."""
    if end - start < 2:
        return False
    _, _, place_tags, heads = _jieba_tags()
    words = jieba_words(clean, max(0, start - REACH), end + REACH)
    for s, word, tag in words:
        e = s + len(word)
        if s <= start and end <= e:
            bound = (s == start and e == end + 1 and word[-1] not in heads) or (s < start and end < e)
            return bound and tag not in place_tags
        if e > start:  # the proposal starts in this word, or where it starts, and ends beyond it
            return s < start and tag not in place_tags and _ends_inside_word(words, end, place_tags)
    return False


def starts_inside_place(clean: str, start: int, end: int) -> bool:
    """Whether a proposal clean[start:end] begins at a later character of a word jieba tags a place
    (`place_word_tags`) and runs past that word's end (岷|山山脉 of 岷山|山脉): the place-word case that
    `inside_common_word` leaves alone."""
    words = jieba_words(clean, max(0, start - REACH), min(len(clean), start + REACH))
    place_tags = _jieba_tags()[2]
    return any(s < start < s + len(word) < end and tag in place_tags for s, word, tag in words)


def _ends_inside_word(words: list[tuple[int, str, str]], end: int, place_tags: frozenset[str]) -> bool:
    """Whether `end` falls inside one of `words` that is no place: a place name begins and ends where
    words do unless jieba splits it between two places (江|西南|丰县 is two places' boundaries)."""
    return any(s < end < s + len(word) and tag not in place_tags for s, word, tag in words)
